#pragma once
// `delivery: exactly_once` (docs/delivery.md, docs/decisions/0024-exactly-once-transactions.md):
// the AlertSink's producer becomes transactional, and every commit of the KafkaConsumer becomes one
// Kafka transaction holding the alerts and dead letters of the events it covers *and* their input
// offsets (rd_kafka_send_offsets_to_transaction with the consumer group metadata). A reader with
// isolation.level=read_committed then sees each alert exactly once.
//
// A transaction ends at a barrier: the poll thread stops dispatching, waits until every event in
// flight has its records acknowledged (WorkerPool::inflight() == 0), sends the offsets after the
// last event of each partition and commits. Then the next transaction begins.
//  - Abortable errors (a refused record, a rebalance that fenced the group generation, the broker
//    timing the transaction out): abort, and rewind the consumer to the last committed offsets
//    (partition states replaced, rd_kafka_seek_partitions): the aborted records are invisible to
//    read_committed readers and the events are processed again.
//  - Retriable errors (broker down or hung): retried until the commit goes through, netra is
//    stopping, or the shutdown deadline passed (then exit 3: not committed, re-read next time).
//  - Fatal errors (fenced by a newer instance with the same transactional.id, or any fatal
//    producer error): netra stops and exits kExitFenced.
// All calls are made on the poll thread.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "daemon/config.h"

namespace netra::daemon {

class AlertSink;
class Metrics;
class OffsetTracker;
class PartitionOffsets;
class WorkerPool;

// `netra run`'s exit status after a fatal transactional error (fenced by another instance with
// the same transactional.id, or the producer's guarantees broken).
inline constexpr int kExitFenced = 5;

class TxnSink {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Result { committed, nothing, pending, aborted, fatal };
  // Why the consumer commits: its periodic tick (a transaction that cannot end now ends at the
  // next one), revocation or shutdown (it must end now: committed, else aborted), or lost
  // partitions (aborted).
  enum class Ending { tick, final, lost };

  // `stop` is the runner's stop flag: retries give up once it is set. A committed transaction
  // counts in netra_offsets_committed_total.
  TxnSink(AlertSink& sink, Metrics& metrics, const std::atomic<bool>& stop);
  TxnSink(const TxnSink&) = delete;
  TxnSink& operator=(const TxnSink&) = delete;

  // init_transactions (fences older producers with the same id, aborts their open transaction)
  // and begins the first transaction. Retries while the broker is unreachable, until `stop`.
  // False with a message in `error` on a fatal error or when stopped first.
  bool start(std::string& error);

  // The consumer's commit: barrier, offsets, commit, next transaction (see above). `deadline`
  // bounds the waits. aborted means the partition states in `tracker` were replaced.
  Result commit(rd_kafka_t* consumer, OffsetTracker& tracker, WorkerPool& pool,
                Clock::time_point deadline, Ending ending);

  // At shutdown, after the last commit: aborts a transaction still open with records in it
  // (bounded; otherwise the next start with this id, or the broker's timeout, aborts it).
  void stop();

  // A fatal transactional error happened: stop, exit kExitFenced.
  bool fatal() const { return fatal_.load(); }
  // The last commit left acknowledged work uncommitted (it will be re-read).
  bool uncommitted() const { return uncommitted_.load(); }

 private:
  Result fail(rd_kafka_error_t* e, const char* what, rd_kafka_t* consumer, OffsetTracker& tracker,
              WorkerPool& pool, Clock::time_point deadline, Ending ending);
  Result abort(rd_kafka_t* consumer, OffsetTracker& tracker, WorkerPool& pool,
               Clock::time_point deadline, const char* why);
  static bool drain(WorkerPool& pool, Clock::time_point until);
  void rewind(rd_kafka_t* consumer, OffsetTracker& tracker);
  bool begin();
  bool retrying(Clock::time_point deadline) const;

  AlertSink& sink_;
  Metrics& metrics_;
  rd_kafka_t* rk_ = nullptr;  // the sink's producer
  const std::atomic<bool>& stop_;
  bool open_ = false;        // a transaction is begun
  bool committing_ = false;  // offsets sent, commit_transaction not through yet: call it again
  bool aborting_ = false;    // abort_transaction not through yet: call it again
  // The offsets sent in the open transaction, marked committed once it commits.
  std::vector<std::pair<std::shared_ptr<PartitionOffsets>, int64_t>> sent_;
  std::atomic<bool> fatal_{false};
  std::atomic<bool> uncommitted_{false};
  uint64_t aborts_ = 0;
};

// The transactional.id of this instance: kafka.properties.transactional.id when set, else
// "netra-<group id>-<group.instance.id, else $POD_NAME, else the host name>".
std::string transactional_id(const Config& cfg);

}  // namespace netra::daemon
