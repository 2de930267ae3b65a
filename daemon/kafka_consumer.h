#pragma once
// The Kafka source of `netra run`: one librdkafka consumer in the group `kafka.group_id`, driven
// by one poll thread. It takes messages (with back-pressure on the events in flight), registers
// each offset with its partition's PartitionOffsets and hands it to the WorkerPool; it follows
// rebalances (assign; on revoke: wait for the partition's events, commit, give it up), and commits
// every second the offsets after each partition's acknowledged prefix (docs/delivery.md).
//
// Every commit goes through commit(); rebalances through on_assign()/on_revoke(); what the broker
// said last is in health(). Readiness and commit policy are decided there and only there.
//
// Faults (issue 15, ADR 0023): the periodic commit runs only while librdkafka's group join state
// is `steady` (a commit queued behind a JoinGroup carries the old generation, is refused with
// ILLEGAL_GENERATION and makes librdkafka drop the whole assignment as lost); commits on revoke
// and at close wait for the broker's answer but never past the deadline; close() first lets a
// first group join settle (librdkafka 2.0.2 aborts destroying a cooperative-sticky consumer whose
// join answered before its first assignment, issue 4312) and leaves the handle to the process
// exit when it cannot; readiness needs a broker answer within the last 10 s.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/config.h"
#include "daemon/offset_tracker.h"

namespace netra::daemon {

class Metrics;
class TxnSink;
class WorkerPool;

class KafkaConsumer {
 public:
  using Clock = std::chrono::steady_clock;

  struct Health {
    size_t assigned = 0;               // partitions assigned now
    bool broker_up = false;            // a broker answered within kBrokerSilence
    Clock::time_point last_broker_up;  // when one last answered (epoch when never)
  };
  // A broker that has not answered for this long is down (hung or unreachable).
  static constexpr std::chrono::seconds kBrokerSilence{10};

  // `refresh` is called on the poll thread after each rebalance and every second (gauges).
  KafkaConsumer(const Config& cfg, Metrics& metrics, WorkerPool& pool,
                std::function<void()> refresh);
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer&) = delete;
  KafkaConsumer& operator=(const KafkaConsumer&) = delete;

  // Creates the consumer and subscribes to kafka.input_topics. False with a message in `error`.
  bool start(std::string& error);
  // The poll loop, on the calling thread, until `keep_going` (asked every round) returns false.
  void run(const std::function<bool()>& keep_going);
  // Bounds the waits of revocations from now on (the shutdown deadline).
  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }
  // delivery: exactly_once: every commit becomes a transaction of `txn` (daemon/txn_sink.h).
  void set_transactions(TxnSink* txn) { txn_ = txn; }
  // After the workers were drained and the producer flushed: commits what is committable and
  // leaves the group (the revoke callback commits again and unassigns), all before the deadline.
  // False when that deadline passed first: what was not committed is read again by the next
  // owner.
  bool close();
  // Frees the librdkafka handle (after the producer stopped; the destructor does it otherwise),
  // unless close() could not finish: then the handle is left to the process exit.
  void destroy();

  Health health() const;
  // Why the consumer is not ready ("" when it is): no partition assigned, or no broker answer
  // within kBrokerSilence.
  std::string not_ready() const;
  size_t assigned() const { return tracker_.size(); }

 private:
  enum class CommitMode { async, sync };
  using PartList = std::vector<std::shared_ptr<PartitionOffsets>>;

  // Commits the committable offsets of `parts` (all assigned partitions when null). A sync commit
  // waits for the broker's answer until the deadline; false when it did not come or failed.
  bool commit(const PartList* parts, CommitMode mode, Clock::time_point deadline);
  // The periodic commit: async, and only while the group join state is steady.
  void commit_periodic();
  // Polls without processing (messages are dropped uncommitted) until `done` or `until`.
  void poll_until(const std::function<bool()>& done, Clock::time_point until);
  void on_log(int level, const char* fac, const char* buf);
  void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                    rd_kafka_topic_partition_list_t* parts);
  void on_assign(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* parts, bool cooperative);
  void on_revoke(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* parts, bool cooperative);
  void on_commit(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets);
  void on_stats(std::string_view json);
  void on_error(int err, const char* reason);
  void set_paused(bool pause);
  void take(rd_kafka_message_t* msg);
  void dispatch(rd_kafka_message_t* msg);

  static void rebalance_trampoline(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                   rd_kafka_topic_partition_list_t* parts, void* opaque);
  static int stats_trampoline(rd_kafka_t*, char* json, size_t len, void* opaque);
  static void commit_trampoline(rd_kafka_t*, rd_kafka_resp_err_t err,
                                rd_kafka_topic_partition_list_t* offsets, void* opaque);
  static void error_trampoline(rd_kafka_t*, int err, const char* reason, void* opaque);
  static void log_trampoline(const rd_kafka_t* rk, int level, const char* fac, const char* buf);

  const Config& cfg_;
  Metrics& metrics_;
  WorkerPool& pool_;
  std::function<void()> refresh_;
  OffsetTracker tracker_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* queue_ = nullptr;  // the consumer's own queue, for batch reads
  bool paused_ = false;
  Clock::time_point deadline_ = Clock::time_point::max();
  uint64_t unknown_topic_logged_ = 0;
  TxnSink* txn_ = nullptr;

  std::atomic<bool> broker_up_{false};
  std::atomic<Clock::rep> last_broker_up_{0};
  // From librdkafka's CGRPJOINSTATE debug lines (debug=cgrp is added to the consumer's `debug`).
  std::atomic<bool> join_steady_{false};  // the join state is `steady`
  std::atomic<bool> join_sent_{false};    // a JoinGroup was sent (the join state left `init`)
  bool user_debug_ = false;   // kafka.properties.debug set: librdkafka debug lines logged
  bool rebalanced_ = false;   // poll thread: a rebalance callback ran
  bool keep_handle_ = false;  // close() could not finish: never destroy the handle

  // Poll thread only: partition lookups by (topic handle, partition), cleared on every rebalance.
  struct PartKey {
    const void* rkt;
    int32_t partition;
    bool operator==(const PartKey& o) const { return rkt == o.rkt && partition == o.partition; }
  };
  struct PartKeyHash {
    size_t operator()(const PartKey& k) const {
      return std::hash<const void*>()(k.rkt) * 31 + static_cast<size_t>(k.partition);
    }
  };
  std::unordered_map<PartKey, std::shared_ptr<PartitionOffsets>, PartKeyHash> part_cache_;
  Clock::time_point round_start_;  // when the current poll round's messages were consumed
};

}  // namespace netra::daemon
