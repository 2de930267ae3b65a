#include "daemon/kafka_consumer.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <cstring>
#include <optional>
#include <thread>

#include "daemon/kafka_conf.h"
#include "daemon/kafka_stats.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/txn_sink.h"
#include "daemon/worker_pool.h"

namespace netra::daemon {

using namespace std::chrono_literals;

KafkaConsumer::KafkaConsumer(const Config& cfg, Metrics& metrics, WorkerPool& pool,
                             std::function<void()> refresh)
    : cfg_(cfg), metrics_(metrics), pool_(pool), refresh_(std::move(refresh)) {}

KafkaConsumer::~KafkaConsumer() { destroy(); }

void KafkaConsumer::destroy() {
  if (queue_) rd_kafka_queue_destroy(queue_);
  queue_ = nullptr;
  if (rk_) rd_kafka_destroy(rk_);
  rk_ = nullptr;
}

void KafkaConsumer::rebalance_trampoline(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                         rd_kafka_topic_partition_list_t* parts, void* opaque) {
  static_cast<KafkaConsumer*>(opaque)->on_rebalance(rk, err, parts);
}
int KafkaConsumer::stats_trampoline(rd_kafka_t*, char* json, size_t len, void* opaque) {
  static_cast<KafkaConsumer*>(opaque)->on_stats(std::string_view(json, len));
  return 0;
}
void KafkaConsumer::commit_trampoline(rd_kafka_t*, rd_kafka_resp_err_t err,
                                      rd_kafka_topic_partition_list_t* offsets, void* opaque) {
  static_cast<KafkaConsumer*>(opaque)->on_commit(err, offsets);
}
void KafkaConsumer::error_trampoline(rd_kafka_t*, int err, const char* reason, void* opaque) {
  static_cast<KafkaConsumer*>(opaque)->on_error(err, reason);
}

bool KafkaConsumer::start(std::string& error) {
  const KafkaProps defaults = {
      {"bootstrap.servers", cfg_.kafka_brokers},
      {"group.id", cfg_.kafka_group_id},
      {"client.id", "netra"},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"auto.offset.reset", "earliest"},
      {"statistics.interval.ms", "2000"},
      {"enable.partition.eof", "false"},
  };
  const char* why = "offsets are committed by netra after delivery";
  rd_kafka_conf_t* conf = kafka_conf(
      KafkaRole::consumer, defaults, cfg_.kafka_properties,
      {{"enable.auto.commit", {"false", why}}, {"enable.auto.offset.store", {"false", why}}},
      error);
  if (!conf) return false;
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, rebalance_trampoline);
  rd_kafka_conf_set_stats_cb(conf, stats_trampoline);
  rd_kafka_conf_set_offset_commit_cb(conf, commit_trampoline);
  rd_kafka_conf_set_error_cb(conf, error_trampoline);
  char errstr[512];
  rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (!rk_) {
    rd_kafka_conf_destroy(conf);
    error = std::string("cannot create the Kafka consumer: ") + errstr;
    return false;
  }
  rd_kafka_poll_set_consumer(rk_);
  queue_ = rd_kafka_queue_get_consumer(rk_);
  rd_kafka_topic_partition_list_t* topics =
      rd_kafka_topic_partition_list_new(cfg_.kafka_input_topics.size());
  for (const auto& t : cfg_.kafka_input_topics)
    rd_kafka_topic_partition_list_add(topics, t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk_, topics);
  rd_kafka_topic_partition_list_destroy(topics);
  if (err) {
    error = std::string("cannot subscribe: ") + rd_kafka_err2str(err);
    return false;
  }
  return true;
}

KafkaConsumer::Health KafkaConsumer::health() const {
  return {tracker_.size(), broker_up_.load(),
          Clock::time_point(Clock::duration(last_broker_up_.load()))};
}

// ---- broker callbacks (served by the poll thread) ------------------------------------------

void KafkaConsumer::on_error(int err, const char* reason) {
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
    broker_up_ = false;
    metrics_.kafka_broker_up->Set(0);
  }
  NETRA_LOG_WARN("kafka consumer: %s: %s", rd_kafka_err2name(code), reason);
}

void KafkaConsumer::on_stats(std::string_view json) {
  KafkaStats s;
  if (!parse_kafka_stats(json, s)) return;
  broker_up_ = s.broker_up;
  if (s.broker_up) last_broker_up_ = Clock::now().time_since_epoch().count();
  metrics_.kafka_broker_up->Set(s.broker_up ? 1 : 0);
  std::vector<PartitionLag> lags;
  for (auto& l : s.lags)
    if (tracker_.get(l.topic, l.partition)) lags.push_back(std::move(l));
  metrics_.set_consumer_lag(lags);
}

// ---- commits -------------------------------------------------------------------------------

void KafkaConsumer::on_commit(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets) {
  if (err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
  if (err) {
    NETRA_LOG_WARN("offset commit failed: %s (retried at the next commit)", rd_kafka_err2str(err));
    return;
  }
  metrics_.offsets_committed->Increment();
  for (int i = 0; offsets && i < offsets->cnt; ++i) {
    const auto& p = offsets->elems[i];
    if (p.err || p.offset < 0) continue;
    if (auto part = tracker_.get(p.topic, p.partition)) part->set_committed(p.offset);
  }
}

void KafkaConsumer::commit(const PartList* parts, CommitMode mode) {
  if (txn_) {  // exactly once: all partitions in one transaction; an abort rewinds them
    auto ending = mode == CommitMode::sync ? TxnSink::Ending::final : TxnSink::Ending::tick;
    if (txn_->commit(rk_, tracker_, pool_, deadline_, ending) == TxnSink::Result::aborted)
      part_cache_.clear();
    return;
  }
  const bool sync = mode == CommitMode::sync;
  auto all = parts ? *parts : tracker_.all();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(all.size());
  for (auto& p : all) {
    int64_t off = p->committable();
    if (off < 0 || !p->commit_needed()) continue;
    rd_kafka_topic_partition_list_add(list, p->topic().c_str(), p->partition())->offset = off;
  }
  if (list->cnt > 0) {
    rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list, sync ? 0 : 1);
    if (sync) {
      if (err) {
        NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
      } else {
        metrics_.offsets_committed->Increment();
        for (int i = 0; i < list->cnt; ++i) {
          if (auto part = tracker_.get(list->elems[i].topic, list->elems[i].partition))
            part->set_committed(list->elems[i].offset);
        }
      }
    } else if (err) {
      NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
    }
  }
  rd_kafka_topic_partition_list_destroy(list);
}

// ---- rebalances ----------------------------------------------------------------------------

void KafkaConsumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                 rd_kafka_topic_partition_list_t* parts) {
  // Jobs gathered in this poll round must reach the workers before a revocation waits for
  // them; cached partition states may be stale after the rebalance.
  pool_.flush();
  part_cache_.clear();
  const bool cooperative = !std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    on_assign(rk, parts, cooperative);
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    on_revoke(rk, parts, cooperative);
  } else {
    NETRA_LOG_ERROR("rebalance error: %s", rd_kafka_err2str(err));
    rd_kafka_assign(rk, nullptr);
  }
  metrics_.partitions_assigned->Set(static_cast<double>(tracker_.size()));
  if (refresh_) refresh_();
}

void KafkaConsumer::on_assign(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* parts,
                              bool cooperative) {
  for (int i = 0; i < parts->cnt; ++i) {
    tracker_.assign(parts->elems[i].topic, parts->elems[i].partition);
    NETRA_LOG_INFO("assigned %s[%d]", parts->elems[i].topic, parts->elems[i].partition);
  }
  rd_kafka_error_t* e = nullptr;
  if (cooperative)
    e = rd_kafka_incremental_assign(rk, parts);
  else
    rd_kafka_assign(rk, parts);
  if (e) {
    NETRA_LOG_ERROR("incremental assign failed: %s", rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
  }
  if (paused_) rd_kafka_pause_partitions(rk, parts);
}

void KafkaConsumer::on_revoke(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* parts,
                              bool cooperative) {
  const bool lost = rd_kafka_assignment_lost(rk);
  PartList revoked;
  for (int i = 0; i < parts->cnt; ++i)
    if (auto p = tracker_.get(parts->elems[i].topic, parts->elems[i].partition))
      revoked.push_back(p);
  if (!lost) {
    // Bounded wait for this partition's in-flight events, then commit before giving it up.
    auto deadline =
        std::min(deadline_, Clock::now() + std::chrono::seconds(cfg_.shutdown_timeout_seconds));
    for (auto& p : revoked) {
      if (!p->wait_drained(deadline))
        NETRA_LOG_WARN("revoking %s[%d] with %zu events unacknowledged (not committed)",
                       p->topic().c_str(), p->partition(), p->pending());
    }
    commit(&revoked, CommitMode::sync);
  } else {
    NETRA_LOG_WARN("partitions lost (session timeout?): nothing committed for them");
    if (txn_) txn_->commit(rk_, tracker_, pool_, deadline_, TxnSink::Ending::lost);
  }
  for (auto& p : revoked) {
    tracker_.revoke(p->topic(), p->partition());
    NETRA_LOG_INFO("revoked %s[%d] (committed up to %lld)", p->topic().c_str(), p->partition(),
                   static_cast<long long>(p->committed()));
  }
  if (cooperative) {
    if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) {
      NETRA_LOG_ERROR("incremental unassign failed: %s", rd_kafka_error_string(e));
      rd_kafka_error_destroy(e);
    }
  } else {
    rd_kafka_assign(rk, nullptr);
  }
}

// ---- consuming -----------------------------------------------------------------------------

void KafkaConsumer::set_paused(bool pause) {
  rd_kafka_topic_partition_list_t* list = nullptr;
  if (rd_kafka_assignment(rk_, &list) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
  if (pause)
    rd_kafka_pause_partitions(rk_, list);
  else
    rd_kafka_resume_partitions(rk_, list);
  rd_kafka_topic_partition_list_destroy(list);
  paused_ = pause;
}

void KafkaConsumer::dispatch(rd_kafka_message_t* msg) {
  PartKey key{msg->rkt, msg->partition};
  auto it = part_cache_.find(key);
  if (it == part_cache_.end())
    it =
        part_cache_.emplace(key, tracker_.get(rd_kafka_topic_name(msg->rkt), msg->partition)).first;
  const auto& part = it->second;
  if (!part || !part->begin(msg->offset)) {
    // Not assigned (any more), or a redelivery of an offset already in flight: skip it; it is
    // either handled already or will be read again by its new owner.
    rd_kafka_message_destroy(msg);
    return;
  }
  pool_.add(Job{msg, part, round_start_});
}

// A consumed message: an event to dispatch, or an error to log.
void KafkaConsumer::take(rd_kafka_message_t* msg) {
  if (!msg->err) {
    dispatch(msg);
    return;
  }
  if (msg->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
      msg->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
    if (unknown_topic_logged_++ % 100 == 0)
      NETRA_LOG_WARN("consumer: %s", rd_kafka_message_errstr(msg));
  } else if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    NETRA_LOG_WARN("consumer: %s", rd_kafka_message_errstr(msg));
  }
  rd_kafka_message_destroy(msg);
}

void KafkaConsumer::run(const std::function<bool()>& keep_going) {
  const int64_t high = cfg_.max_inflight;
  const int64_t low = std::max<int64_t>(1, high * 3 / 4);
  auto next_commit = Clock::now() + 1s;
  std::optional<Clock::time_point> throttled_since;
  while (keep_going()) {
    int64_t n = pool_.inflight();
    // Back-pressure. A short stall just stops taking messages from librdkafka (its prefetch
    // queue is bounded); a long one (> 5 s) pauses the partitions so that polling can go on
    // (group membership, rebalances) without taking messages.
    if (!paused_ && (n >= high || (throttled_since && n > low))) {
      auto now = Clock::now();
      if (!throttled_since) throttled_since = now;
      if (now - *throttled_since < 5s) {
        std::this_thread::sleep_for(1ms);
        if (now >= next_commit) {
          commit(nullptr, CommitMode::async);
          next_commit = now + 1s;
        }
        continue;
      }
      set_paused(true);
    } else if (paused_ && n <= low) {
      set_paused(false);
      throttled_since.reset();
    } else if (!paused_) {
      throttled_since.reset();
    }
    // One blocking poll, then whatever else is already fetched (up to 1024 in all, in batches
    // that take the consumer queue's lock once each) without waiting.
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk_, 100);
    round_start_ = Clock::now();
    if (msg) {
      take(msg);
      rd_kafka_message_t* msgs[256];
      for (int taken = 1; taken < 1024;) {
        const int64_t room = high - pool_.inflight();
        if (room <= 0) break;
        const size_t want = static_cast<size_t>(std::min<int64_t>(room, 256));
        const ssize_t got = rd_kafka_consume_batch_queue(queue_, 0, msgs, want);
        for (ssize_t i = 0; i < got; ++i) take(msgs[i]);
        if (got < static_cast<ssize_t>(want)) break;
        taken += static_cast<int>(got);
      }
    }
    pool_.flush();
    if (Clock::now() >= next_commit) {
      commit(nullptr, CommitMode::async);
      if (refresh_) refresh_();
      next_commit = Clock::now() + 1s;
    }
  }
}

void KafkaConsumer::close() {
  if (!rk_) return;
  commit(nullptr, CommitMode::sync);
  // Leaves the group; the revoke callback commits again (nothing new) and unassigns.
  rd_kafka_consumer_close(rk_);
}

}  // namespace netra::daemon
