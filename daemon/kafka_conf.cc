#include "daemon/kafka_conf.h"

#include <string_view>

#include "daemon/log.h"

namespace netra::daemon {
namespace {

struct RoleProp {
  std::string_view name;
  KafkaRole role;  // the only client that reads it
};

// librdkafka properties read by one client only. `kafka.properties` is shared by both: each client
// drops the other's.
constexpr RoleProp kRoleProps[] = {
    {"group.id", KafkaRole::consumer},
    {"group.instance.id", KafkaRole::consumer},
    {"auto.offset.reset", KafkaRole::consumer},
    {"enable.auto.commit", KafkaRole::consumer},
    {"enable.auto.offset.store", KafkaRole::consumer},
    {"enable.partition.eof", KafkaRole::consumer},
    {"partition.assignment.strategy", KafkaRole::consumer},
    {"session.timeout.ms", KafkaRole::consumer},
    {"heartbeat.interval.ms", KafkaRole::consumer},
    {"max.poll.interval.ms", KafkaRole::consumer},
    {"isolation.level", KafkaRole::consumer},
    {"fetch.min.bytes", KafkaRole::consumer},
    {"fetch.wait.max.ms", KafkaRole::consumer},
    {"fetch.max.bytes", KafkaRole::consumer},
    {"queued.min.messages", KafkaRole::consumer},
    {"queued.max.messages.kbytes", KafkaRole::consumer},
    {"enable.idempotence", KafkaRole::producer},
    {"transactional.id", KafkaRole::producer},
    {"transaction.timeout.ms", KafkaRole::producer},
    {"acks", KafkaRole::producer},
    {"request.required.acks", KafkaRole::producer},
    {"linger.ms", KafkaRole::producer},
    {"queue.buffering.max.ms", KafkaRole::producer},
    {"queue.buffering.max.messages", KafkaRole::producer},
    {"queue.buffering.max.kbytes", KafkaRole::producer},
    {"batch.num.messages", KafkaRole::producer},
    {"batch.size", KafkaRole::producer},
    {"compression.codec", KafkaRole::producer},
    {"compression.type", KafkaRole::producer},
    {"message.timeout.ms", KafkaRole::producer},
    {"delivery.timeout.ms", KafkaRole::producer},
    {"retries", KafkaRole::producer},
    {"message.send.max.retries", KafkaRole::producer},
    {"max.in.flight", KafkaRole::producer},
    {"max.in.flight.requests.per.connection", KafkaRole::producer},
};

const char* role_name(KafkaRole role) {
  return role == KafkaRole::consumer ? "consumer" : "producer";
}

}  // namespace

bool other_role_property(KafkaRole role, const std::string& name) {
  for (const auto& p : kRoleProps)
    if (p.name == name) return p.role != role;
  return false;
}

void write_kafka_log(const rd_kafka_t* rk, int level, const char* fac, const char* buf) {
  log::Level l = level <= 3   ? log::Level::error
                 : level <= 5 ? log::Level::warn
                 : level == 6 ? log::Level::info
                              : log::Level::debug;
  log::write(l, "librdkafka %s %s: %s", rd_kafka_name(rk), fac, buf);
}

void route_kafka_logs(rd_kafka_conf_t* conf) { rd_kafka_conf_set_log_cb(conf, write_kafka_log); }

std::string kafka_property_problem(const std::string& name, const std::string& value) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512] = "";
  rd_kafka_conf_res_t r =
      rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr);
  rd_kafka_conf_destroy(conf);
  if (r == RD_KAFKA_CONF_OK) return "";
  if (r == RD_KAFKA_CONF_UNKNOWN) return "unknown librdkafka property '" + name + "'";
  return "invalid value for librdkafka property '" + name + "': " + errstr;
}

bool set_kafka_props(rd_kafka_conf_t* conf, const KafkaProps& props, std::string& error) {
  char errstr[512];
  for (const auto& [k, v] : props) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      error = "kafka.properties." + k + ": " + errstr;
      return false;
    }
  }
  return true;
}

rd_kafka_conf_t* kafka_conf(KafkaRole role, const KafkaProps& defaults, const KafkaProps& user,
                            const std::map<std::string, ForcedProp>& forced, std::string& error) {
  KafkaProps mine;
  for (const auto& [k, v] : user) {
    if (other_role_property(role, k)) continue;
    if (auto f = forced.find(k); f != forced.end()) {
      if (v != f->second.value)
        NETRA_LOG_WARN("kafka.properties.%s=%s ignored by the %s: %s", k.c_str(), v.c_str(),
                       role_name(role), f->second.why);
      continue;
    }
    mine.emplace(k, v);
  }
  KafkaProps fixed;
  for (const auto& [k, f] : forced) fixed.emplace(k, f.value);
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (!set_kafka_props(conf, defaults, error) || !set_kafka_props(conf, mine, error) ||
      !set_kafka_props(conf, fixed, error)) {
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  route_kafka_logs(conf);
  return conf;
}

}  // namespace netra::daemon
