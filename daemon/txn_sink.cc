#include "daemon/txn_sink.h"

#include <prometheus/counter.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

#include "daemon/alert_sink.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/offset_tracker.h"
#include "daemon/worker_pool.h"

namespace netra::daemon {

using namespace std::chrono_literals;

namespace {

// One attempt of a blocking transactional call: at most 2 s, and never past the deadline.
int attempt_ms(TxnSink::Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - TxnSink::Clock::now());
  return static_cast<int>(std::clamp<int64_t>(left.count(), 1, 2000));
}

}  // namespace

std::string transactional_id(const Config& cfg) {
  const auto& props = cfg.kafka_properties;
  if (auto it = props.find("transactional.id"); it != props.end()) return it->second;
  std::string instance;
  if (auto it = props.find("group.instance.id"); it != props.end()) instance = it->second;
  if (instance.empty())
    if (const char* pod = std::getenv("POD_NAME"); pod && *pod) instance = pod;
  if (instance.empty()) {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) instance = host;
  }
  return "netra-" + cfg.kafka_group_id + "-" + instance;
}

TxnSink::TxnSink(AlertSink& sink, Metrics& metrics, const std::atomic<bool>& stop)
    : sink_(sink), metrics_(metrics), rk_(sink.handle()), stop_(stop) {}

bool TxnSink::retrying(Clock::time_point deadline) const {
  // While running (no deadline), until netra is asked to stop; while stopping, until the deadline.
  if (Clock::now() >= deadline) return false;
  return deadline != Clock::time_point::max() || !stop_.load();
}

bool TxnSink::start(std::string& error) {
  bool logged = false;
  for (;;) {
    rd_kafka_error_t* e = rd_kafka_init_transactions(rk_, 5000);
    if (!e) break;
    const bool retriable = rd_kafka_error_is_retriable(e);
    std::string msg = rd_kafka_error_string(e);
    rd_kafka_error_destroy(e);
    if (!retriable) {
      fatal_ = true;
      error = "delivery exactly_once: cannot initialise transactions: " + msg;
      return false;
    }
    if (stop_.load()) {
      error = "stopped while initialising transactions";
      return false;
    }
    if (!logged)
      NETRA_LOG_WARN("delivery exactly_once: waiting for the transaction coordinator: %s",
                     msg.c_str());
    logged = true;
  }
  NETRA_LOG_INFO("delivery exactly_once: transactions initialised");
  return begin();
}

bool TxnSink::begin() {
  if (open_) return true;
  rd_kafka_error_t* e = rd_kafka_begin_transaction(rk_);
  if (!e) {
    open_ = true;
    return true;
  }
  NETRA_LOG_ERROR("delivery exactly_once: cannot begin a transaction: %s",
                  rd_kafka_error_string(e));
  if (rd_kafka_error_is_fatal(e)) fatal_ = true;
  rd_kafka_error_destroy(e);
  return false;
}

TxnSink::Result TxnSink::commit(rd_kafka_t* consumer, OffsetTracker& tracker, WorkerPool& pool,
                                Clock::time_point deadline, Ending ending) {
  if (fatal_ || rd_kafka_fatal_error(rk_, nullptr, 0)) {
    fatal_ = true;
    return Result::fatal;
  }
  if (ending == Ending::lost) return abort(consumer, tracker, pool, deadline, "partitions lost");
  if (aborting_) return abort(consumer, tracker, pool, deadline, "an earlier abort");
  if (!committing_) {
    // The barrier: every event dispatched so far has its records acknowledged (or refused).
    if (!drain(pool, std::min(deadline, Clock::now() + 2s))) {
      uncommitted_ = true;
      if (ending == Ending::final)  // partitions move or netra stops: no transaction left open
        return abort(consumer, tracker, pool, deadline, "events still in flight");
      return Result::pending;  // the next tick tries again
    }
    if (!open_ && !begin()) return fatal_ ? Result::fatal : Result::pending;
    sent_.clear();
    for (auto& p : tracker.all()) {
      if (p->blocked())
        return abort(consumer, tracker, pool, deadline,
                     "the broker refused a record of the transaction");
      int64_t off = p->committable();
      if (off >= 0 && p->commit_needed()) sent_.push_back({p, off});
    }
    if (sent_.empty()) {
      uncommitted_ = false;
      return Result::nothing;  // no event completed: no record, no offset in the transaction
    }
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(sent_.size());
    for (auto& [p, off] : sent_)
      rd_kafka_topic_partition_list_add(list, p->topic().c_str(), p->partition())->offset = off;
    rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata(consumer);
    rd_kafka_error_t* e = nullptr;
    for (;;) {
      e = rd_kafka_send_offsets_to_transaction(rk_, list, group, attempt_ms(deadline));
      if (!e || !rd_kafka_error_is_retriable(e) || !retrying(deadline)) break;
      rd_kafka_error_destroy(e);
    }
    rd_kafka_consumer_group_metadata_destroy(group);
    rd_kafka_topic_partition_list_destroy(list);
    if (e) return fail(e, "sending the offsets", consumer, tracker, pool, deadline, ending);
    committing_ = true;
  }
  for (;;) {
    rd_kafka_error_t* e = rd_kafka_commit_transaction(rk_, attempt_ms(deadline));
    if (!e) break;
    if (rd_kafka_error_is_retriable(e) && retrying(deadline)) {
      rd_kafka_error_destroy(e);
      continue;
    }
    return fail(e, "committing", consumer, tracker, pool, deadline, ending);
  }
  committing_ = false;
  open_ = false;
  for (auto& [p, off] : sent_) p->set_committed(off);
  sent_.clear();
  metrics_.offsets_committed->Increment();
  uncommitted_ = false;
  begin();
  return fatal_ ? Result::fatal : Result::committed;
}

bool TxnSink::drain(WorkerPool& pool, Clock::time_point until) {
  while (pool.inflight() > 0 && Clock::now() < until) std::this_thread::sleep_for(1ms);
  return pool.inflight() == 0;
}

TxnSink::Result TxnSink::fail(rd_kafka_error_t* e, const char* what, rd_kafka_t* consumer,
                              OffsetTracker& tracker, WorkerPool& pool, Clock::time_point deadline,
                              Ending ending) {
  std::string msg = rd_kafka_error_string(e);
  const bool fatal = rd_kafka_error_is_fatal(e) || rd_kafka_fatal_error(rk_, nullptr, 0);
  const bool retriable = rd_kafka_error_is_retriable(e);
  rd_kafka_error_destroy(e);
  if (fatal) {
    NETRA_LOG_ERROR("delivery exactly_once: fatal error %s the transaction: %s (fenced?)", what,
                    msg.c_str());
    fatal_ = true;
    uncommitted_ = true;
    return Result::fatal;
  }
  if (retriable && ending == Ending::tick) {
    // Gave up for now (netra is stopping): tried again at the final commit.
    NETRA_LOG_WARN("delivery exactly_once: %s the transaction did not succeed yet: %s", what,
                   msg.c_str());
    uncommitted_ = true;
    return Result::pending;
  }
  return abort(consumer, tracker, pool, deadline, msg.c_str());
}

TxnSink::Result TxnSink::abort(rd_kafka_t* consumer, OffsetTracker& tracker, WorkerPool& pool,
                               Clock::time_point deadline, const char* why) {
  uncommitted_ = true;
  // Records of events still in flight must not land in the next transaction: no new one begins
  // before they are done (they fail meanwhile, and are re-read after the rewind anyway).
  const bool drained = drain(pool, std::min(deadline, Clock::now() + 2s));
  if (open_) {
    for (;;) {
      rd_kafka_error_t* e = rd_kafka_abort_transaction(rk_, attempt_ms(deadline));
      if (!e) break;
      const bool fatal = rd_kafka_error_is_fatal(e);
      const bool retriable = rd_kafka_error_is_retriable(e);
      std::string msg = rd_kafka_error_string(e);
      rd_kafka_error_destroy(e);
      if (fatal) {
        NETRA_LOG_ERROR("delivery exactly_once: fatal error aborting the transaction: %s",
                        msg.c_str());
        fatal_ = true;
        return Result::fatal;
      }
      if (!retriable || !retrying(deadline)) {
        if (!aborting_)
          NETRA_LOG_WARN("delivery exactly_once: abort did not succeed yet: %s", msg.c_str());
        aborting_ = true;
        return Result::pending;
      }
    }
  }
  open_ = false;
  aborting_ = false;
  committing_ = false;
  sent_.clear();
  ++aborts_;
  NETRA_LOG_WARN(
      "delivery exactly_once: transaction aborted (%s); rewinding to the committed offsets "
      "(%llu aborted so far)",
      why, static_cast<unsigned long long>(aborts_));
  rewind(consumer, tracker);
  if (drained) begin();  // else at the next commit, after its barrier
  return fatal_ ? Result::fatal : Result::aborted;
}

void TxnSink::rewind(rd_kafka_t* consumer, OffsetTracker& tracker) {
  auto parts = tracker.all();
  if (parts.empty()) return;
  rd_kafka_topic_partition_list_t* unknown = rd_kafka_topic_partition_list_new(parts.size());
  for (auto& p : parts)
    if (p->committed() < 0)
      rd_kafka_topic_partition_list_add(unknown, p->topic().c_str(), p->partition());
  if (unknown->cnt > 0) {
    rd_kafka_resp_err_t err = rd_kafka_committed(consumer, unknown, 5000);
    if (err) NETRA_LOG_WARN("rewind: committed offsets unknown: %s", rd_kafka_err2str(err));
  }
  rd_kafka_topic_partition_list_t* seek = rd_kafka_topic_partition_list_new(parts.size());
  for (auto& p : parts) {
    int64_t off = p->committed();
    if (off < 0) {
      auto* u = rd_kafka_topic_partition_list_find(unknown, p->topic().c_str(), p->partition());
      // Never committed: from the start of the log (what auto.offset.reset=earliest read).
      off = u && !u->err && u->offset >= 0 ? u->offset : RD_KAFKA_OFFSET_BEGINNING;
    }
    rd_kafka_topic_partition_list_add(seek, p->topic().c_str(), p->partition())->offset = off;
    auto fresh = tracker.assign(p->topic(), p->partition());
    if (off >= 0) fresh->set_committed(off);
  }
  if (rd_kafka_error_t* e = rd_kafka_seek_partitions(consumer, seek, 5000)) {
    NETRA_LOG_ERROR("rewind: seek failed: %s", rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
  }
  for (int i = 0; i < seek->cnt; ++i)
    if (seek->elems[i].err)
      NETRA_LOG_ERROR("rewind: seek %s[%d] failed: %s", seek->elems[i].topic,
                      seek->elems[i].partition, rd_kafka_err2str(seek->elems[i].err));
  rd_kafka_topic_partition_list_destroy(seek);
  rd_kafka_topic_partition_list_destroy(unknown);
}

void TxnSink::stop() {
  if (!open_ || fatal_) return;
  // An empty transaction never reached the broker; one with records is aborted so that
  // read_committed readers are not held back until transaction.timeout.ms.
  if (rd_kafka_error_t* e = rd_kafka_abort_transaction(rk_, 2000)) {
    NETRA_LOG_WARN("delivery exactly_once: final abort: %s", rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
  }
  open_ = false;
}

}  // namespace netra::daemon
