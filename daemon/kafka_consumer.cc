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
  if (keep_handle_) {
    if (rk_)
      NETRA_LOG_WARN(
          "the Kafka consumer could not close before the deadline: its handle is left to the "
          "process exit");
    rk_ = nullptr;
    queue_ = nullptr;
    return;
  }
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
void KafkaConsumer::log_trampoline(const rd_kafka_t* rk, int level, const char* fac,
                                   const char* buf) {
  if (auto* self = static_cast<KafkaConsumer*>(rd_kafka_opaque(rk))) self->on_log(level, fac, buf);
  if (level < 7 || !rd_kafka_opaque(rk) ||
      static_cast<KafkaConsumer*>(rd_kafka_opaque(rk))->user_debug_)
    write_kafka_log(rk, level, fac, buf);
}

// "Group "g" changed join state wait-join -> wait-metadata (state up)", from any librdkafka thread.
void KafkaConsumer::on_log(int level, const char* fac, const char* buf) {
  if (level < 7 || std::strcmp(fac, "CGRPJOINSTATE") != 0) return;
  const char* arrow = std::strstr(buf, " -> ");
  if (!arrow) return;
  std::string_view to(arrow + 4);
  to = to.substr(0, to.find(' '));
  join_steady_ = to == "steady";
  if (to != "init") join_sent_ = true;
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
      // A crashed member's partitions move after the session timeout (issue 15, defect 8;
      // docs/operations.md "Consumer group timing"): 10 s, heartbeats every second.
      {"session.timeout.ms", "10000"},
      {"heartbeat.interval.ms", "1000"},
  };
  const char* why = "offsets are committed by netra after delivery";
  rd_kafka_conf_t* conf = kafka_conf(
      KafkaRole::consumer, defaults, cfg_.kafka_properties,
      {{"enable.auto.commit", {"false", why}}, {"enable.auto.offset.store", {"false", why}}},
      error);
  if (!conf) return false;
  // The group join state comes from librdkafka's cgrp debug lines (kept out of the log unless
  // kafka.properties.debug asks for debug lines).
  user_debug_ = cfg_.kafka_properties.count("debug") > 0;
  char debug[512] = "";
  size_t debug_size = sizeof debug;
  rd_kafka_conf_get(conf, "debug", debug, &debug_size);
  std::string flags = debug;
  flags += flags.empty() ? "cgrp" : ",cgrp";
  if (!set_kafka_props(conf, {{"debug", flags}}, error)) {
    rd_kafka_conf_destroy(conf);
    return false;
  }
  rd_kafka_conf_set_log_cb(conf, log_trampoline);
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

std::string KafkaConsumer::not_ready() const {
  Health h = health();
  if (h.last_broker_up.time_since_epoch().count() == 0) return "no Kafka broker answered yet";
  auto silent = Clock::now() - h.last_broker_up;
  if (!h.broker_up || silent > kBrokerSilence)
    return "no Kafka broker answered for " +
           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(silent).count()) + " s";
  if (h.assigned == 0) return "no partitions assigned";
  return "";
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
  // Up = a connection UP that received something recently: a hung broker keeps its connections
  // UP but answers nothing (fetches come back every fetch.wait.max.ms, heartbeats every second).
  const auto idle = std::chrono::microseconds(s.rx_idle_us);
  const bool answered = s.broker_up && s.rx_idle_us >= 0 && idle < kBrokerSilence;
  if (answered) last_broker_up_ = (Clock::now() - idle).time_since_epoch().count();
  broker_up_ = answered;
  metrics_.kafka_broker_up->Set(answered ? 1 : 0);
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

bool KafkaConsumer::commit(const PartList* parts, CommitMode mode, Clock::time_point deadline) {
  if (txn_) {  // exactly once: all partitions in one transaction; an abort rewinds them
    auto ending = mode == CommitMode::sync ? TxnSink::Ending::final : TxnSink::Ending::tick;
    const TxnSink::Result r = txn_->commit(rk_, tracker_, pool_, deadline, ending);
    if (r == TxnSink::Result::aborted) part_cache_.clear();
    return r == TxnSink::Result::committed || r == TxnSink::Result::nothing;
  }
  auto all = parts ? *parts : tracker_.all();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(all.size());
  for (auto& p : all) {
    int64_t off = p->committable();
    if (off < 0 || !p->commit_needed()) continue;
    rd_kafka_topic_partition_list_add(list, p->topic().c_str(), p->partition())->offset = off;
  }
  bool ok = true;
  if (list->cnt > 0 && mode == CommitMode::async) {
    if (rd_kafka_resp_err_t err = rd_kafka_commit(rk_, list, 1)) {
      NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
      ok = false;
    }
  } else if (list->cnt > 0) {
    // Synchronous, but bounded: rd_kafka_commit(sync) waits forever on a hung broker. The answer
    // comes on a queue of our own; after the deadline the queue is dropped with it.
    rd_kafka_queue_t* q = rd_kafka_queue_new(rk_);
    rd_kafka_resp_err_t err = rd_kafka_commit_queue(rk_, list, q, nullptr, nullptr);
    rd_kafka_event_t* ev = nullptr;
    while (!err && !ev) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      ev = rd_kafka_queue_poll(q, static_cast<int>(std::min<int64_t>(left.count(), 100)));
      if (ev && rd_kafka_event_type(ev) != RD_KAFKA_EVENT_OFFSET_COMMIT) {
        rd_kafka_event_destroy(ev);
        ev = nullptr;
      }
    }
    if (err) {
      NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
      ok = false;
    } else if (!ev) {
      NETRA_LOG_WARN(
          "offset commit of %d partition(s) not confirmed before the deadline: their events "
          "will be read again",
          list->cnt);
      ok = false;
    } else {
      err = rd_kafka_event_error(ev);
      on_commit(err, rd_kafka_event_topic_partition_list(ev));
      ok = !err;
      rd_kafka_event_destroy(ev);
    }
    rd_kafka_queue_destroy(q);
  }
  rd_kafka_topic_partition_list_destroy(list);
  return ok;
}

void KafkaConsumer::commit_periodic() {
  // A commit sent while a JoinGroup is outstanding is answered after it, with the old
  // generation: ILLEGAL_GENERATION, and librdkafka 2.0.2 then treats the whole assignment as
  // lost (issue 15, defect 1). The next steady round commits instead.
  if (join_steady_.load()) commit(nullptr, CommitMode::async, Clock::time_point::max());
}

// ---- rebalances ----------------------------------------------------------------------------

void KafkaConsumer::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                 rd_kafka_topic_partition_list_t* parts) {
  // Jobs gathered in this poll round must reach the workers before a revocation waits for
  // them; cached partition states may be stale after the rebalance.
  pool_.flush();
  part_cache_.clear();
  rebalanced_ = true;
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
    commit(&revoked, CommitMode::sync, deadline);
  } else {
    NETRA_LOG_WARN("partitions lost (session timeout?): nothing committed for them");
    if (txn_)
      txn_->commit(
          rk_, tracker_, pool_,
          std::min(deadline_, Clock::now() + std::chrono::seconds(cfg_.shutdown_timeout_seconds)),
          TxnSink::Ending::lost);
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
          commit_periodic();
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
      commit_periodic();
      if (refresh_) refresh_();
      next_commit = Clock::now() + 1s;
    }
  }
}

void KafkaConsumer::poll_until(const std::function<bool()>& done, Clock::time_point until) {
  while (!done() && Clock::now() < until) {
    // Messages taken here are not begun: dropped, never committed, read again by the next owner.
    if (rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk_, 50)) rd_kafka_message_destroy(msg);
  }
}

bool KafkaConsumer::close() {
  if (!rk_) return true;
  // A first group join under way: let it reach its first assignment (bounded) so that the
  // cooperative-sticky assignor's state exists before the handle is closed and destroyed
  // (librdkafka 2.0.2 asserts on it otherwise, issue 4312). If it does not, nothing was ever
  // assigned, so nothing is to be committed: leave the handle to the exit.
  if (!rebalanced_ && join_sent_.load()) {
    poll_until([this] { return rebalanced_; }, deadline_);
    if (!rebalanced_) {
      NETRA_LOG_WARN(
          "stopping during the first group join, which did not finish before the deadline");
      keep_handle_ = true;
      return true;
    }
  }
  // Commit only in a steady group: mid-join the commit would be refused and the assignment lost.
  poll_until([this] { return join_steady_.load() || !rebalanced_; }, deadline_);
  bool ok = commit(nullptr, CommitMode::sync, deadline_);
  // Leaves the group; the revoke callback (served here) commits again, bounded, and unassigns.
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk_);
  if (rd_kafka_error_t* e = rd_kafka_consumer_close_queue(rk_, q)) {
    NETRA_LOG_WARN("closing the consumer: %s", rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
  } else {
    // Served as events: messages still fetched end up on this queue too, and the callback
    // mode asserts on a message when no consume callback is set.
    while (!rd_kafka_consumer_closed(rk_) && Clock::now() < deadline_) {
      rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 50);
      if (!ev) continue;
      if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE)
        on_rebalance(rk_, rd_kafka_event_error(ev), rd_kafka_event_topic_partition_list(ev));
      else if (rd_kafka_event_type(ev) == RD_KAFKA_EVENT_OFFSET_COMMIT)
        on_commit(rd_kafka_event_error(ev), rd_kafka_event_topic_partition_list(ev));
      // Anything else (messages fetched before the close, statistics) is dropped: messages
      // were never begun, so never committed.
      rd_kafka_event_destroy(ev);
    }
  }
  if (!rd_kafka_consumer_closed(rk_)) {
    NETRA_LOG_WARN("the consumer did not leave the group before the deadline");
    keep_handle_ = true;
    ok = false;
  }
  rd_kafka_queue_destroy(q);
  return ok;
}

}  // namespace netra::daemon
