#include "console/consumer.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <memory>

#include "daemon/log.h"

namespace netra::console {

namespace {

// Properties that only concern producers, or that the console sets itself.
bool consumer_property(const std::string& k) {
  static const char* const kSkip[] = {"enable.idempotence",
                                      "linger.ms",
                                      "acks",
                                      "message.timeout.ms",
                                      "compression.codec",
                                      "compression.type",
                                      "batch.num.messages",
                                      "batch.size",
                                      "queue.buffering.max.messages",
                                      "queue.buffering.max.kbytes",
                                      "queue.buffering.max.ms",
                                      "retries",
                                      "message.send.max.retries",
                                      "max.in.flight.requests.per.connection",
                                      "max.in.flight",
                                      "request.required.acks",
                                      "delivery.timeout.ms",
                                      "enable.auto.commit",
                                      "enable.auto.offset.store",
                                      "group.id",
                                      "auto.offset.reset",
                                      "enable.partition.eof"};
  for (const char* s : kSkip)
    if (k == s) return false;
  return true;
}

// Alerts per store transaction at most: with a backlog, one transaction per
// 5000 records (the store's cost per alert falls with the batch: each commit
// rewrites the index pages it touched); otherwise whatever arrived in 200 ms.
constexpr size_t kMaxBatch = 5000;

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const {
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
  }
};

}  // namespace

int run_consumer(const daemon::Config& cfg, const ConsumerOptions& opt, Store& store,
                 IngestStats& stats, const std::atomic<bool>& stop) {
  std::map<std::string, std::string> props = {
      {"bootstrap.servers", cfg.kafka_brokers},
      {"client.id", "netra-console"},
  };
  for (const auto& [k, v] : cfg.kafka_properties)
    if (consumer_property(k)) props[k] = v;
  props["group.id"] = opt.group_id.empty() ? cfg.console_group_id : opt.group_id;
  props["auto.offset.reset"] = "earliest";
  props["enable.auto.commit"] = "false";
  props["enable.auto.offset.store"] = "false";
  props["enable.partition.eof"] = opt.stop_at_end ? "true" : "false";
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  for (const auto& [k, v] : props) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      NETRA_LOG_ERROR("console: kafka property %s: %s", k.c_str(), errstr);
      rd_kafka_conf_destroy(conf);
      return 1;
    }
  }
  rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (!raw) {
    rd_kafka_conf_destroy(conf);
    NETRA_LOG_ERROR("console: cannot create the Kafka consumer: %s", errstr);
    return 1;
  }
  std::unique_ptr<rd_kafka_t, KafkaDeleter> rk(raw);
  rd_kafka_poll_set_consumer(rk.get());
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, cfg.kafka_alert_topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk.get(), topics);
  rd_kafka_topic_partition_list_destroy(topics);
  if (err) {
    NETRA_LOG_ERROR("console: cannot subscribe to %s: %s", cfg.kafka_alert_topic.c_str(),
                    rd_kafka_err2str(err));
    return 1;
  }
  NETRA_LOG_INFO("console: consuming %s as group %s", cfg.kafka_alert_topic.c_str(),
                 props["group.id"].c_str());
  stats.ready = true;

  Batch batch;
  // The next offset to commit per (topic, partition) for the records in `batch`.
  std::map<std::pair<std::string, int32_t>, int64_t> pending;
  std::map<std::pair<std::string, int32_t>, bool> at_end;
  auto last_flush = std::chrono::steady_clock::now();
  int64_t seen = 0;
  bool paused = false;

  auto commit = [&](bool async) {
    if (pending.empty()) return;
    rd_kafka_topic_partition_list_t* offs =
        rd_kafka_topic_partition_list_new(static_cast<int>(pending.size()));
    for (const auto& [tp, next] : pending)
      rd_kafka_topic_partition_list_add(offs, tp.first.c_str(), tp.second)->offset = next;
    if (rd_kafka_resp_err_t e = rd_kafka_commit(rk.get(), offs, async ? 1 : 0))
      NETRA_LOG_WARN("console: offset commit failed: %s", rd_kafka_err2str(e));
    rd_kafka_topic_partition_list_destroy(offs);
    pending.clear();
  };
  auto set_paused = [&](bool pause) {
    rd_kafka_topic_partition_list_t* parts = nullptr;
    if (rd_kafka_assignment(rk.get(), &parts) || !parts) return;
    if (pause)
      rd_kafka_pause_partitions(rk.get(), parts);
    else
      rd_kafka_resume_partitions(rk.get(), parts);
    rd_kafka_topic_partition_list_destroy(parts);
    paused = pause;
  };
  auto flush = [&]() {
    std::string error;
    if (!batch.write(store, stats, error)) {
      if (!paused) {
        NETRA_LOG_ERROR("console: store write failed, consumption paused, nothing committed: %s",
                        error.c_str());
        set_paused(true);
      }
      return false;
    }
    if (paused) {
      NETRA_LOG_INFO("console: store writable again, consumption resumed");
      set_paused(false);
    }
    commit(true);
    last_flush = std::chrono::steady_clock::now();
    return true;
  };

  while (!stop.load()) {
    if (paused) {
      // Keep the group membership while retrying the held batch.
      if (rd_kafka_message_t* m = rd_kafka_consumer_poll(rk.get(), 1000))
        rd_kafka_message_destroy(m);
      flush();
      continue;
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk.get(), 100);
    if (m) {
      const std::string topic = m->rkt ? rd_kafka_topic_name(m->rkt) : "";
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        at_end[{topic, m->partition}] = true;
      } else if (m->err) {
        NETRA_LOG_WARN("console: consumer: %s", rd_kafka_message_errstr(m));
      } else {
        at_end[{topic, m->partition}] = false;
        const std::string where =
            topic + "[" + std::to_string(m->partition) + "]@" + std::to_string(m->offset);
        batch.add(std::string_view(static_cast<const char*>(m->payload), m->len), where, stats,
                  topic, m->partition, m->offset);
        pending[{topic, m->partition}] = m->offset + 1;  // bad records are skipped: committed too
        ++seen;
      }
      rd_kafka_message_destroy(m);
    }
    const auto now = std::chrono::steady_clock::now();
    if (pending.size() &&
        (batch.size() >= kMaxBatch || !m || now - last_flush > std::chrono::milliseconds(200)))
      flush();
    if (opt.stop_at_end && !m && !at_end.empty() && pending.empty()) {
      bool all = true;
      for (const auto& [tp, end] : at_end) all = all && end;
      if (all) break;
    }
  }
  // One last write; when the store still refuses it nothing is committed and
  // the records are read again on the next start.
  std::string error;
  if (batch.write(store, stats, error))
    commit(false);
  else
    NETRA_LOG_ERROR("console: stopping with %zu alerts not stored (not committed): %s",
                    batch.size(), error.c_str());
  NETRA_LOG_INFO("console: consumer stopped after %lld records", static_cast<long long>(seen));
  return 0;
}

}  // namespace netra::console
