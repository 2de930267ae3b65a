#pragma once
// The classifier threads of `netra run`: one engine::Worker per thread, each with a bounded queue
// the poll thread fills (daemon/kafka_consumer.h). A worker classifies an event, hands its records
// to the AlertSink, and completes events that produced none itself. The pool also keeps the count
// of events in flight (consumed, not yet complete or failed) that back-pressure reads.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "daemon/offset_tracker.h"

namespace netra::engine {
class Worker;
struct Output;
}  // namespace netra::engine

namespace netra::daemon {

class AlertSink;
class HistogramBatch;
class Metrics;
class RuleReloader;
struct EventTicket;

// One consumed event waiting for a worker; the job owns `msg`.
struct Job {
  rd_kafka_message_t* msg;
  std::shared_ptr<PartitionOffsets> part;  // its offset is begun
  std::chrono::steady_clock::time_point consumed;
};

class WorkerPool {
 public:
  WorkerPool(Metrics& metrics, RuleReloader& rules);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts `workers` threads whose queues hold about max_inflight / workers jobs each; records
  // go to `sink`.
  void start(int workers, int max_inflight, AlertSink& sink);

  // Poll thread only: gathers a job (counted in flight from now on); round robin in runs of 16
  // consecutive messages per worker.
  void add(Job job);
  // Poll thread only: hands the gathered jobs to the workers, one lock per worker; waits while a
  // worker's queue is full (hard back-pressure; the in-flight limit usually prevents it).
  void flush();
  // Lets the workers empty their queues, then joins them.
  void close();

  // Events consumed and neither complete nor failed.
  int64_t inflight() const { return inflight_.load(std::memory_order_relaxed); }

  // An event with records, once the broker acknowledged (or refused) all of them: the sink's
  // EventDone, called from the delivery-report thread.
  void event_done(EventTicket& ticket, bool ok);

 private:
  struct Slot;
  struct Tally;
  void worker_main(Slot& slot);
  // One event: classify, count, then either finish it in `tally` (no record) or hand its records
  // to the sink with a ticket that completes it once the broker acknowledged them all.
  void process(engine::Worker& worker, engine::Output& out, Job& job, Tally& tally,
               HistogramBatch& processing, HistogramBatch& latency);
  void publish(Tally& t);

  Metrics& metrics_;
  RuleReloader& rules_;
  AlertSink* sink_ = nullptr;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<std::vector<Job>> pending_;  // gathered per worker, poll thread only
  size_t dispatched_ = 0;
  std::atomic<int64_t> inflight_{0};
  std::atomic<uint64_t> invalid_seen_{0};
};

}  // namespace netra::daemon
