#pragma once
// librdkafka configuration, one place for both clients: the consumer (daemon/kafka_consumer.h) and
// the producer (daemon/alert_sink.h) each build theirs with kafka_conf(), from their defaults,
// the operator's `kafka.properties` and the properties netra forces. Which librdkafka properties
// belong to only one of the two clients is listed once, in kafka_conf.cc, so that neither side
// keeps a list of the other's keys.
#include <librdkafka/rdkafka.h>

#include <map>
#include <string>

namespace netra::daemon {

using KafkaProps = std::map<std::string, std::string>;

enum class KafkaRole { consumer, producer };

// A property netra sets itself whatever `kafka.properties` says, and why (for the log line when
// the operator's value differs).
struct ForcedProp {
  std::string value;
  const char* why;
};

// Builds a configuration for `role`: `defaults`, then `user` (`kafka.properties`) without the
// properties that only the other role reads (they would only produce warnings), then `forced`.
// A user value of a forced property that differs from it is logged and ignored. Returns null with
// "kafka.properties.NAME: message" in `error` when librdkafka rejects a property. librdkafka's
// own log lines go through daemon/log.h.
rd_kafka_conf_t* kafka_conf(KafkaRole role, const KafkaProps& defaults, const KafkaProps& user,
                            const std::map<std::string, ForcedProp>& forced, std::string& error);

// True when `name` is a property only the other role reads.
bool other_role_property(KafkaRole role, const std::string& name);

// Sets librdkafka properties on `conf`; returns false with "kafka.properties.NAME: message" in
// `error`.
bool set_kafka_props(rd_kafka_conf_t* conf, const KafkaProps& props, std::string& error);
// Sends librdkafka's log lines through daemon/log.h.
void route_kafka_logs(rd_kafka_conf_t* conf);
// One librdkafka log line to daemon/log.h (what route_kafka_logs installs), for a client that
// installs its own log callback.
void write_kafka_log(const rd_kafka_t* rk, int level, const char* fac, const char* buf);

// What is wrong with the librdkafka property `name` = `value` ("unknown librdkafka property",
// librdkafka's message for an invalid value), or "" when librdkafka accepts it. For `netra check`
// (daemon/config.cc), which reports it with the property's file:line.
std::string kafka_property_problem(const std::string& name, const std::string& value);

}  // namespace netra::daemon
