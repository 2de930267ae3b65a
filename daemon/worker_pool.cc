#include "daemon/worker_pool.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <string>
#include <unordered_map>

#include "daemon/alert_sink.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/rule_reloader.h"
#include "engine/engine.h"

namespace netra::daemon {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct WorkerPool::Slot {
  std::mutex mu;
  std::condition_variable nonempty;
  std::condition_variable nonfull;
  std::deque<Job> queue;
  size_t capacity = 0;
  bool closing = false;
  std::thread thread;
};

// A worker's results not yet published: event counts per counter and events finished without
// records (complete, so committable once published). Published at least every 256 events and
// always before the worker waits for more: one atomic add per counter and one partition lock
// per run of offsets instead of one per event. Counters are published before the in-flight
// count drops, so `netra_inflight_events` 0 means the counters are final.
struct WorkerPool::Tally {
  struct Count {
    prometheus::Counter* ctr = nullptr;
    uint64_t n = 0;
  };
  std::unordered_map<std::string, Count> counters;  // by kind|labels; nodes never move
  std::vector<Count*> touched;
  Count repaired;
  std::vector<std::shared_ptr<PartitionOffsets>> parts;  // parallel to offsets
  std::vector<int64_t> offsets;
  int64_t finished = 0;  // events whose in-flight count this tally still holds

  std::string key;  // lookup buffer

  void add(Count& c) {
    if (c.n++ == 0) touched.push_back(&c);
  }

  // The count of an events ('e'), alerts ('a'), suppressed ('s') or dead-letter ('d') counter
  // with these labels.
  Count& counter(Metrics& metrics, char kind, std::string_view a, std::string_view b,
                 std::string_view c) {
    key.clear();
    key.push_back(kind);
    key.append(a).push_back('|');
    key.append(b).push_back('|');
    key.append(c);
    auto it = counters.find(key);
    if (it != counters.end()) return it->second;
    prometheus::Counter* ctr = kind == 'e'   ? &metrics.events(a, b, c)
                               : kind == 'a' ? &metrics.alerts(a, b, c)
                               : kind == 's' ? &metrics.suppressed(a, b)
                                             : &metrics.dead_letter(a);
    return counters.emplace(key, Count{ctr, 0}).first->second;
  }
};

WorkerPool::WorkerPool(Metrics& metrics, RuleReloader& rules) : metrics_(metrics), rules_(rules) {}

WorkerPool::~WorkerPool() { close(); }

void WorkerPool::start(int workers, int max_inflight, AlertSink& sink) {
  sink_ = &sink;
  const size_t cap = std::max<size_t>(256, max_inflight / std::max(1, workers) + 1);
  pending_.resize(static_cast<size_t>(workers));
  for (int i = 0; i < workers; ++i) {
    auto slot = std::make_unique<Slot>();
    slot->capacity = cap;
    Slot* s = slot.get();
    slot->thread = std::thread([this, s] { worker_main(*s); });
    slots_.push_back(std::move(slot));
  }
}

void WorkerPool::add(Job job) {
  inflight_.fetch_add(1, std::memory_order_relaxed);
  size_t slot = (dispatched_++ / 16) % slots_.size();
  pending_[slot].push_back(std::move(job));
}

void WorkerPool::flush() {
  for (size_t i = 0; i < slots_.size(); ++i) {
    auto& jobs = pending_[i];
    size_t done = 0;
    Slot& s = *slots_[i];
    while (done < jobs.size()) {
      std::unique_lock lock(s.mu);
      s.nonfull.wait_for(lock, 50ms, [&] { return s.queue.size() < s.capacity; });
      while (done < jobs.size() && s.queue.size() < s.capacity)
        s.queue.push_back(std::move(jobs[done++]));
      lock.unlock();
      s.nonempty.notify_one();
    }
    jobs.clear();
  }
}

void WorkerPool::close() {
  for (auto& s : slots_) {
    {
      std::lock_guard lock(s->mu);
      s->closing = true;
    }
    s->nonempty.notify_all();
  }
  for (auto& s : slots_)
    if (s->thread.joinable()) s->thread.join();
}

void WorkerPool::event_done(EventTicket& t, bool ok) {
  if (ok)
    t.part->complete(t.offset);
  else
    t.part->fail(t.offset);
  metrics_.event_latency_seconds->Observe(
      std::chrono::duration<double>(Clock::now() - t.consumed).count());
  inflight_.fetch_sub(1, std::memory_order_relaxed);
}

void WorkerPool::publish(Tally& t) {
  for (Tally::Count* c : t.touched) {
    c->ctr->Increment(static_cast<double>(c->n));
    c->n = 0;
  }
  t.touched.clear();
  if (t.repaired.n) {
    t.repaired.ctr->Increment(static_cast<double>(t.repaired.n));
    t.repaired.n = 0;
  }
  // Runs of consecutive offsets of one partition (add() hands out runs of 16).
  for (size_t i = 0; i < t.offsets.size();) {
    size_t j = i + 1;
    while (j < t.offsets.size() && t.parts[j] == t.parts[i]) ++j;
    t.parts[i]->complete_many(&t.offsets[i], j - i);
    i = j;
  }
  t.parts.clear();
  t.offsets.clear();
  if (t.finished) inflight_.fetch_sub(t.finished, std::memory_order_relaxed);
  t.finished = 0;
}

void WorkerPool::worker_main(Slot& slot) {
  uint64_t gen = rules_.generation();
  engine::Worker worker(rules_.current());
  worker.keep_suppressed(sink_->has_suppressed_topic());
  engine::Output out;
  Tally tally;
  tally.repaired.ctr = metrics_.events_repaired;
  HistogramBatch processing(metrics_.processing_seconds, Metrics::processing_buckets());
  HistogramBatch latency(metrics_.event_latency_seconds, Metrics::latency_buckets());
  std::deque<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(slot.mu);
      if (slot.queue.empty()) {
        lock.unlock();
        publish(tally);
        processing.flush();
        latency.flush();
        lock.lock();
      }
      slot.nonempty.wait(lock, [&] { return !slot.queue.empty() || slot.closing; });
      if (slot.queue.empty()) return;  // closing and drained
      batch.swap(slot.queue);
    }
    slot.nonfull.notify_all();
    size_t n = 0;
    for (Job& job : batch) {
      if (uint64_t g = rules_.generation(); g != gen) {
        gen = g;
        worker.set_rules(rules_.current());
      }

      process(worker, out, job, tally, processing, latency);
      if (++n % 256 == 0) publish(tally);
    }
    batch.clear();
  }
}

void WorkerPool::process(engine::Worker& worker, engine::Output& out, Job& job, Tally& tally,
                         HistogramBatch& processing, HistogramBatch& latency) {
  auto counter = [&](char kind, std::string_view a, std::string_view b,
                     std::string_view c) -> Tally::Count& {
    return tally.counter(metrics_, kind, a, b, c);
  };
  rd_kafka_message_t* msg = job.msg;
  std::string_view bytes(static_cast<const char*>(msg->payload), msg->payload ? msg->len : 0);
  engine::Source source{rd_kafka_topic_name(msg->rkt), msg->partition, msg->offset};
  auto t0 = Clock::now();
  worker.process(bytes, &source, std::chrono::system_clock::now(), out);
  const auto t1 = Clock::now();
  processing.observe(std::chrono::duration<double>(t1 - t0).count());
  tally.add(counter('e', engine::outcome_name(out.outcome), out.platform, out.action));
  if (out.utf8_repaired) tally.add(tally.repaired);

  for (size_t i = 0; i < out.suppressed_count; ++i)
    tally.add(counter('s', out.suppressed[i].rule_id, out.suppressed[i].reason, ""));
  const size_t suppressed = sink_->has_suppressed_topic() ? out.suppressed_count : 0;
  size_t records = out.outcome == engine::Outcome::invalid ? 1 : out.alert_count + suppressed;
  if (records == 0) {
    latency.observe(std::chrono::duration<double>(t1 - job.consumed).count());
    tally.parts.push_back(std::move(job.part));
    tally.offsets.push_back(msg->offset);
    ++tally.finished;
    rd_kafka_message_destroy(msg);
    return;
  }
  auto* ticket = new EventTicket;
  ticket->part = std::move(job.part);
  ticket->offset = msg->offset;
  ticket->consumed = job.consumed;
  ticket->remaining = static_cast<int>(records);
  if (out.outcome == engine::Outcome::invalid) {
    uint64_t n = invalid_seen_.fetch_add(1);
    if (n < 5 || n % 10000 == 0)
      NETRA_LOG_WARN("invalid event %s[%d]@%lld: %s (dead-lettered; %llu so far)",
                     source.topic.data(), source.partition, static_cast<long long>(source.offset),
                     out.reason.str().c_str(), static_cast<unsigned long long>(n + 1));
    std::string_view key(static_cast<const char*>(msg->key), msg->key ? msg->key_len : 0);
    sink_->produce_dead_letter(ticket, key, bytes, out.reason.str(), source,
                               counter('d', out.reason.label(), "", "").ctr);
  } else {
    for (size_t i = 0; i < out.alert_count; ++i) {
      const auto& a = out.alerts[i];
      sink_->produce_alert(
          ticket, a.key, a.json,
          counter('a', a.rule_id, a.severity, a.region.empty() ? "unknown" : a.region).ctr);
    }
    for (size_t i = 0; i < suppressed; ++i)
      sink_->produce_suppressed(ticket, out.suppressed[i].key, out.suppressed[i].json);
  }
  rd_kafka_message_destroy(msg);
}

}  // namespace netra::daemon
