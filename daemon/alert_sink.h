#pragma once
// The producer side: alerts to the alert topic (key = terlapor account id, value = contract §5
// JSON) and invalid events to the dead-letter topic (original bytes, reason in headers). One
// idempotent librdkafka producer per process, delivery reports served by its own thread.
//
// Each consumed event that produced records gets an EventTicket; when the broker has
// acknowledged (or definitively refused) all of its records, the sink calls the runner's
// `EventDone` once, from the delivery-report thread.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/metrics.h"
#include "daemon/offset_tracker.h"
#include "engine/source.h"

namespace netra::daemon {

struct EventTicket {
  std::shared_ptr<PartitionOffsets> part;
  int64_t offset = 0;
  std::chrono::steady_clock::time_point consumed;
  std::atomic<int> remaining{0};
  std::atomic<bool> failed{false};
};

// True for a produce error that no retry can cure: the record is too large, or the topic is
// unknown, invalid or forbidden to netra (issue 15, defect 5). librdkafka retries the transient
// ones itself (message.timeout.ms=0: forever); purges at shutdown are not refusals either.
bool permanent_produce_error(rd_kafka_resp_err_t err);

// Called once per ticket with ok = every record acknowledged. Owns nothing: the sink deletes the
// ticket after the call.
using EventDone = std::function<void(EventTicket& ticket, bool ok)>;

class AlertSink {
 public:
  AlertSink(Metrics& metrics, EventDone done);
  ~AlertSink();
  AlertSink(const AlertSink&) = delete;
  AlertSink& operator=(const AlertSink&) = delete;

  // Creates the producer. `props` (kafka.properties) are applied over the defaults through
  // kafka_conf() (daemon/kafka_conf.h); enable.idempotence is forced on.
  // An empty `suppressed_topic` (kafka.suppressed_topic) produces no suppressed alerts. A non-empty
  // `transactional_id` makes the producer transactional (delivery: exactly_once,
  // daemon/txn_sink.h, which then drives the transactions).
  bool start(const std::string& brokers, const std::string& alert_topic,
             const std::string& dead_letter_topic, const std::string& suppressed_topic,
             const std::map<std::string, std::string>& props, std::string& error,
             const std::string& transactional_id = "");
  rd_kafka_t* handle() const { return rk_; }

  // Produces one record for `ticket` (whose `remaining` the caller has already set). Blocks while
  // the producer queue is full (back-pressure); gives up only once abandon() was called, in which
  // case the record counts as failed. `on_ack` is incremented when the broker acknowledges it.
  void produce_alert(EventTicket* ticket, std::string_view key, std::string_view json,
                     prometheus::Counter* on_ack);
  // A would-be alert that an exception or a negation suppressed (its JSON carries
  // "suppressed_by"), for review; only when a suppressed topic is configured.
  void produce_suppressed(EventTicket* ticket, std::string_view key, std::string_view json);
  bool has_suppressed_topic() const { return suppressed_topic_ != nullptr; }
  void produce_dead_letter(EventTicket* ticket, std::string_view key, std::string_view value,
                           std::string_view reason, const engine::Source& src,
                           prometheus::Counter* on_ack);

  // Waits for every outstanding record until `timeout`; true when none is left.
  bool flush(std::chrono::milliseconds timeout);
  // Makes blocked and future produce calls give up (shutdown deadline passed).
  void abandon() { abandon_ = true; }
  // A fatal producer error happened (idempotence guarantees broken): stop the daemon.
  bool fatal() const { return fatal_; }
  // Records refused for good (permanent_produce_error) so far: the daemon stops consuming, is
  // not ready and exits 4. refusals() names the reasons with their counts ("" when none).
  uint64_t refused() const { return refused_.load(); }
  std::string refusals() const;
  int outstanding() const;
  void stop();

  // librdkafka callbacks (public for the C trampolines).
  void on_delivery(const rd_kafka_message_t* msg);
  void on_error(int err, const char* reason);

 private:
  void record_done(EventTicket* ticket, bool ok);
  // A record that failed with `err`: counts it; a refusal is logged once per reason, other
  // failures (purges, time-outs) rate-limited.
  void record_failed(rd_kafka_resp_err_t err, TopicKind kind, int64_t source_offset);
  void produce(rd_kafka_topic_t* topic, EventTicket* ticket, std::string_view key,
               std::string_view value, rd_kafka_headers_t* headers, prometheus::Counter* on_ack,
               TopicKind kind);

  Metrics& metrics_;
  EventDone done_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_topic_t* alert_topic_ = nullptr;
  rd_kafka_topic_t* dead_letter_topic_ = nullptr;
  rd_kafka_topic_t* suppressed_topic_ = nullptr;
  std::thread poller_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> abandon_{false};
  std::atomic<bool> fatal_{false};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> failed_logged_{0};
  mutable std::mutex refusals_mu_;
  std::map<std::string, uint64_t> refusals_;  // by error name
};

}  // namespace netra::daemon
