#include "daemon/runner.h"

#include <librdkafka/rdkafka.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <pthread.h>
#include <signal.h>

#include <cstring>
#include <optional>
#include <unordered_map>

#include "daemon/alert_sink.h"
#include "daemon/http_server.h"
#include "daemon/kafka_stats.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/offset_tracker.h"
#include "engine/engine.h"
#include "engine/ruleset.h"

namespace netra::daemon {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// One consumed event waiting for a worker.
struct Job {
  rd_kafka_message_t* msg;
  std::shared_ptr<PartitionOffsets> part;
  Clock::time_point consumed;
};

struct WorkerSlot {
  std::mutex mu;
  std::condition_variable nonempty;
  std::condition_variable nonfull;
  std::deque<Job> queue;
  size_t capacity = 0;
  bool closing = false;
  std::thread thread;
};

}  // namespace

struct Runner::Impl {
  Runner& self;
  Config cfg;
  Options opt;
  Metrics metrics;
  OffsetTracker tracker;
  HttpServer http;
  std::unique_ptr<AlertSink> sink;
  rd_kafka_t* consumer = nullptr;
  rd_kafka_queue_t* consumer_queue = nullptr;  // the consumer's own queue, for batch reads

  std::atomic<bool> stop{false};
  std::atomic<bool> reload_requested{false};
  std::atomic<bool> assigned_any{false};
  std::atomic<int64_t> inflight{0};
  std::atomic<bool> paused{false};
  std::atomic<uint64_t> invalid_seen{0};

  // Rule set shared by all workers; a reload swaps it and bumps the generation.
  std::mutex rules_mu;
  std::shared_ptr<const engine::RuleSet> rules;
  std::atomic<uint64_t> rules_gen{0};

  std::thread reload_thread;
  std::mutex reload_mu;
  std::condition_variable reload_cv;

  std::vector<std::unique_ptr<WorkerSlot>> slots;

  Clock::time_point shutdown_deadline = Clock::time_point::max();

  Impl(Runner& r, Config c, Options o) : self(r), cfg(std::move(c)), opt(std::move(o)) {}

  std::shared_ptr<const engine::RuleSet> current_rules() {
    std::lock_guard lock(rules_mu);
    return rules;
  }

  // ---- rules -------------------------------------------------------------------------------

  bool load_rules(bool is_reload) {
    std::vector<engine::Diagnostic> diags;
    auto t0 = Clock::now();
    auto loaded = engine::RuleSet::load(cfg.engine, diags);
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    for (const auto& d : diags) {
      if (d.warning)
        NETRA_LOG_WARN("%s", d.str().c_str());
      else
        NETRA_LOG_ERROR("%s", d.str().c_str());
    }
    if (!loaded) {
      if (is_reload) {
        metrics.reloads_failure->Increment();
        NETRA_LOG_ERROR("rule reload failed (%zu problems above); still serving rules %s",
                        diags.size(), current_rules()->version().c_str());
      } else {
        NETRA_LOG_ERROR("cannot load the rules (%zu problems above)", diags.size());
      }
      return false;
    }
    {
      std::lock_guard lock(rules_mu);
      rules = loaded;
    }
    rules_gen.fetch_add(1);
    if (is_reload) metrics.reloads_success->Increment();
    metrics.last_reload_success_timestamp->Set(unix_now());
    metrics.set_rules_info(loaded->version(), loaded->rule_count(), loaded->pattern_count());
    NETRA_LOG_INFO("%s rules %s: %zu rules, %zu patterns in %.2f s%s",
                   is_reload ? "reloaded" : "loaded", loaded->version().c_str(),
                   loaded->rule_count(), loaded->pattern_count(), secs,
                   loaded->cache_hit() ? " (compiled-database cache hit)" : "");
    return true;
  }

  void reload_main() {
    std::unique_lock lock(reload_mu);
    while (!stop.load()) {
      reload_cv.wait_for(lock, 500ms, [&] { return reload_requested.load() || stop.load(); });
      if (stop.load()) break;
      if (!reload_requested.exchange(false)) continue;
      lock.unlock();
      NETRA_LOG_INFO("SIGHUP: reloading rules, lists, registries and calendar");
      load_rules(true);
      lock.lock();
    }
  }

  // ---- HTTP --------------------------------------------------------------------------------

  bool is_ready() { return !stop.load() && rules_gen.load() > 0 && tracker.size() > 0; }

  HttpResponse handle(std::string_view path) {
    if (path == "/metrics") {
      metrics.ready->Set(is_ready() ? 1 : 0);
      metrics.inflight_events->Set(static_cast<double>(inflight.load()));
      return {200, "text/plain; version=0.0.4; charset=utf-8", metrics.serialize()};
    }
    if (path == "/healthz") return {200, "text/plain; charset=utf-8", "ok\n"};
    if (path == "/readyz") {
      if (is_ready()) return {200, "text/plain; charset=utf-8", "ready\n"};
      std::string why = stop.load()             ? "shutting down\n"
                        : rules_gen.load() == 0 ? "rules not loaded\n"
                                                : "no partitions assigned\n";
      return {503, "text/plain; charset=utf-8", "not ready: " + why};
    }
    if (path == "/") {
      return {200, "text/plain; charset=utf-8", "netra: /metrics /healthz /readyz\n"};
    }
    return {404, "text/plain; charset=utf-8", "not found\n"};
  }

  // ---- workers -----------------------------------------------------------------------------

  // An event with records, once the broker acknowledged (or refused) them: from the
  // delivery-report thread. Events without records are finished by their worker (Tally).
  void event_done(EventTicket& t, bool ok) {
    if (ok)
      t.part->complete(t.offset);
    else
      t.part->fail(t.offset);
    metrics.event_latency_seconds->Observe(
        std::chrono::duration<double>(Clock::now() - t.consumed).count());
    inflight.fetch_sub(1, std::memory_order_relaxed);
  }

  // A worker's results not yet published: event counts per counter and events finished without
  // records (complete, so committable once published). Published at least every 256 events and
  // always before the worker waits for more: one atomic add per counter and one partition lock
  // per run of offsets instead of one per event. Counters are published before the in-flight
  // count drops, so `netra_inflight_events` 0 means the counters are final.
  struct Tally {
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

    void add(Count& c) {
      if (c.n++ == 0) touched.push_back(&c);
    }
  };

  void publish(Tally& t) {
    for (Tally::Count* c : t.touched) {
      c->ctr->Increment(static_cast<double>(c->n));
      c->n = 0;
    }
    t.touched.clear();
    if (t.repaired.n) {
      t.repaired.ctr->Increment(static_cast<double>(t.repaired.n));
      t.repaired.n = 0;
    }
    // Runs of consecutive offsets of one partition (the dispatcher hands out runs of 16).
    for (size_t i = 0; i < t.offsets.size();) {
      size_t j = i + 1;
      while (j < t.offsets.size() && t.parts[j] == t.parts[i]) ++j;
      t.parts[i]->complete_many(&t.offsets[i], j - i);
      i = j;
    }
    t.parts.clear();
    t.offsets.clear();
    if (t.finished) inflight.fetch_sub(t.finished, std::memory_order_relaxed);
    t.finished = 0;
  }

  void worker_main(WorkerSlot& slot) {
    uint64_t gen = rules_gen.load();
    engine::Worker worker(current_rules());
    engine::Output out;
    Tally tally;
    tally.repaired.ctr = metrics.events_repaired;
    std::string key;
    auto counter = [&](char kind, std::string_view a, std::string_view b,
                       std::string_view c) -> Tally::Count& {
      key.clear();
      key.push_back(kind);
      key.append(a).push_back('|');
      key.append(b).push_back('|');
      key.append(c);
      auto it = tally.counters.find(key);
      if (it != tally.counters.end()) return it->second;
      prometheus::Counter* ctr = kind == 'e'   ? &metrics.events(a, b, c)
                                 : kind == 'a' ? &metrics.alerts(a, b, c)
                                               : &metrics.dead_letter(a);
      return tally.counters.emplace(key, Tally::Count{ctr, 0}).first->second;
    };

    HistogramBatch processing(metrics.processing_seconds, Metrics::processing_buckets());
    HistogramBatch latency(metrics.event_latency_seconds, Metrics::latency_buckets());
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
        if (uint64_t g = rules_gen.load(std::memory_order_acquire); g != gen) {
          gen = g;
          worker.set_rules(current_rules());
        }
        process(worker, out, job, counter, tally, processing, latency);
        if (++n % 256 == 0) publish(tally);
      }
      batch.clear();
    }
  }

  template <class CounterFn>
  void process(engine::Worker& worker, engine::Output& out, Job& job, CounterFn& counter,
               Tally& tally, HistogramBatch& processing, HistogramBatch& latency) {
    rd_kafka_message_t* msg = job.msg;
    std::string_view bytes(static_cast<const char*>(msg->payload), msg->payload ? msg->len : 0);
    engine::Source source{rd_kafka_topic_name(msg->rkt), msg->partition, msg->offset};
    auto t0 = Clock::now();
    worker.process(bytes, &source, std::chrono::system_clock::now(), out);
    const auto t1 = Clock::now();
    processing.observe(std::chrono::duration<double>(t1 - t0).count());
    tally.add(counter('e', engine::outcome_name(out.outcome), out.platform, out.action));
    if (out.utf8_repaired) tally.add(tally.repaired);

    size_t records = out.outcome == engine::Outcome::invalid ? 1 : out.alert_count;
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
      uint64_t n = invalid_seen.fetch_add(1);
      if (n < 5 || n % 10000 == 0)
        NETRA_LOG_WARN("invalid event %s[%d]@%lld: %s (dead-lettered; %llu so far)",
                       source.topic.data(), source.partition, static_cast<long long>(source.offset),
                       out.reason.str().c_str(), static_cast<unsigned long long>(n + 1));
      std::string_view key(static_cast<const char*>(msg->key), msg->key ? msg->key_len : 0);
      sink->produce_dead_letter(ticket, key, bytes, out.reason.str(), source,
                                counter('d', out.reason.label(), "", "").ctr);
    } else {
      for (size_t i = 0; i < out.alert_count; ++i) {
        const auto& a = out.alerts[i];
        sink->produce_alert(
            ticket, a.key, a.json,
            counter('a', a.rule_id, a.severity, a.region.empty() ? "unknown" : a.region).ctr);
      }
    }
    rd_kafka_message_destroy(msg);
  }

  // Poll thread only: partition lookups by (topic handle, partition), cleared on every
  // rebalance; jobs gathered per worker and handed over in one lock per batch.
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
  std::unordered_map<PartKey, std::shared_ptr<PartitionOffsets>, PartKeyHash> part_cache;
  std::vector<std::vector<Job>> pending;
  size_t dispatched = 0;
  Clock::time_point round_start;  // when the current poll round's messages were consumed

  void dispatch(rd_kafka_message_t* msg) {
    PartKey key{msg->rkt, msg->partition};
    auto it = part_cache.find(key);
    if (it == part_cache.end())
      it =
          part_cache.emplace(key, tracker.get(rd_kafka_topic_name(msg->rkt), msg->partition)).first;
    const auto& part = it->second;
    if (!part || !part->begin(msg->offset)) {
      // Not assigned (any more), or a redelivery of an offset already in flight: skip it; it is
      // either handled already or will be read again by its new owner.
      rd_kafka_message_destroy(msg);
      return;
    }
    inflight.fetch_add(1, std::memory_order_relaxed);
    // Round robin in runs of 16 consecutive messages per worker.
    size_t slot = (dispatched++ / 16) % slots.size();
    pending[slot].push_back(Job{msg, part, round_start});
  }

  // Hands the gathered jobs to the workers; waits while a worker's queue is full (hard
  // back-pressure; the in-flight limit usually prevents it).
  void flush_pending() {
    for (size_t i = 0; i < slots.size(); ++i) {
      auto& jobs = pending[i];
      size_t done = 0;
      WorkerSlot& s = *slots[i];
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

  // ---- consumer ----------------------------------------------------------------------------

  static void rebalance_trampoline(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                   rd_kafka_topic_partition_list_t* parts, void* opaque) {
    static_cast<Impl*>(opaque)->on_rebalance(rk, err, parts);
  }
  static int stats_trampoline(rd_kafka_t*, char* json, size_t len, void* opaque) {
    static_cast<Impl*>(opaque)->on_stats(std::string_view(json, len));
    return 0;
  }
  static void commit_trampoline(rd_kafka_t*, rd_kafka_resp_err_t err,
                                rd_kafka_topic_partition_list_t* offsets, void* opaque) {
    static_cast<Impl*>(opaque)->on_commit(err, offsets);
  }
  static void error_trampoline(rd_kafka_t*, int err, const char* reason, void* opaque) {
    static_cast<Impl*>(opaque)->on_error(err, reason);
  }

  void on_error(int err, const char* reason) {
    auto code = static_cast<rd_kafka_resp_err_t>(err);
    if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) metrics.kafka_broker_up->Set(0);
    NETRA_LOG_WARN("kafka consumer: %s: %s", rd_kafka_err2name(code), reason);
  }

  void on_stats(std::string_view json) {
    KafkaStats s;
    if (!parse_kafka_stats(json, s)) return;
    metrics.kafka_broker_up->Set(s.broker_up ? 1 : 0);
    std::vector<PartitionLag> lags;
    for (auto& l : s.lags)
      if (tracker.get(l.topic, l.partition)) lags.push_back(std::move(l));
    metrics.set_consumer_lag(lags);
  }

  void on_commit(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* offsets) {
    if (err == RD_KAFKA_RESP_ERR__NO_OFFSET) return;
    if (err) {
      NETRA_LOG_WARN("offset commit failed: %s (retried at the next commit)",
                     rd_kafka_err2str(err));
      return;
    }
    metrics.offsets_committed->Increment();
    for (int i = 0; offsets && i < offsets->cnt; ++i) {
      const auto& p = offsets->elems[i];
      if (p.err || p.offset < 0) continue;
      if (auto part = tracker.get(p.topic, p.partition)) part->set_committed(p.offset);
    }
  }

  // Commits the committable offsets of `parts` (all assigned partitions when null).
  void commit(const std::vector<std::shared_ptr<PartitionOffsets>>* parts, bool sync) {
    auto all = parts ? *parts : tracker.all();
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(all.size());
    for (auto& p : all) {
      int64_t off = p->committable();
      if (off < 0 || !p->commit_needed()) continue;
      rd_kafka_topic_partition_list_add(list, p->topic().c_str(), p->partition())->offset = off;
    }
    if (list->cnt > 0) {
      rd_kafka_resp_err_t err = rd_kafka_commit(consumer, list, sync ? 0 : 1);
      if (sync) {
        if (err) {
          NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
        } else {
          metrics.offsets_committed->Increment();
          for (int i = 0; i < list->cnt; ++i) {
            if (auto part = tracker.get(list->elems[i].topic, list->elems[i].partition))
              part->set_committed(list->elems[i].offset);
          }
        }
      } else if (err) {
        NETRA_LOG_WARN("offset commit failed: %s", rd_kafka_err2str(err));
      }
    }
    rd_kafka_topic_partition_list_destroy(list);
  }

  void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                    rd_kafka_topic_partition_list_t* parts) {
    // Jobs gathered in this poll round must reach the workers before a revocation waits for
    // them; cached partition states may be stale after the rebalance.
    flush_pending();
    part_cache.clear();
    const bool cooperative = !std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      for (int i = 0; i < parts->cnt; ++i) {
        tracker.assign(parts->elems[i].topic, parts->elems[i].partition);
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
      if (paused.load()) rd_kafka_pause_partitions(rk, parts);
    } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
      const bool lost = rd_kafka_assignment_lost(rk);
      std::vector<std::shared_ptr<PartitionOffsets>> revoked;
      for (int i = 0; i < parts->cnt; ++i)
        if (auto p = tracker.get(parts->elems[i].topic, parts->elems[i].partition))
          revoked.push_back(p);
      if (!lost) {
        // Bounded wait for this partition's in-flight events, then commit before giving it up.
        auto deadline = std::min(shutdown_deadline,
                                 Clock::now() + std::chrono::seconds(cfg.shutdown_timeout_seconds));
        for (auto& p : revoked) {
          if (!p->wait_drained(deadline))
            NETRA_LOG_WARN("revoking %s[%d] with %zu events unacknowledged (not committed)",
                           p->topic().c_str(), p->partition(), p->pending());
        }
        commit(&revoked, true);
      } else {
        NETRA_LOG_WARN("partitions lost (session timeout?): nothing committed for them");
      }
      for (auto& p : revoked) {
        tracker.revoke(p->topic(), p->partition());
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
    } else {
      NETRA_LOG_ERROR("rebalance error: %s", rd_kafka_err2str(err));
      rd_kafka_assign(rk, nullptr);
    }
    metrics.partitions_assigned->Set(static_cast<double>(tracker.size()));
    metrics.ready->Set(is_ready() ? 1 : 0);
  }

  bool create_consumer(std::string& error) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    std::map<std::string, std::string> defaults = {
        {"bootstrap.servers", cfg.kafka_brokers},
        {"group.id", cfg.kafka_group_id},
        {"client.id", "netra"},
        {"partition.assignment.strategy", "cooperative-sticky"},
        {"auto.offset.reset", "earliest"},
        {"statistics.interval.ms", "2000"},
        {"enable.partition.eof", "false"},
    };
    std::map<std::string, std::string> user = cfg.kafka_properties;
    // Producer-only properties would only produce warnings here.
    for (const char* k :
         {"enable.idempotence", "linger.ms", "acks", "message.timeout.ms", "compression.codec",
          "compression.type", "batch.num.messages", "batch.size", "queue.buffering.max.messages",
          "queue.buffering.max.kbytes", "queue.buffering.max.ms", "retries",
          "message.send.max.retries", "max.in.flight.requests.per.connection", "max.in.flight",
          "request.required.acks", "delivery.timeout.ms"})
      user.erase(k);
    for (const char* k : {"enable.auto.commit", "enable.auto.offset.store"}) {
      if (auto it = user.find(k); it != user.end()) {
        NETRA_LOG_WARN(
            "kafka.properties.%s ignored: offsets are committed by netra after "
            "delivery",
            k);
        user.erase(it);
      }
    }
    if (!set_kafka_props(conf, defaults, error) || !set_kafka_props(conf, user, error) ||
        !set_kafka_props(conf,
                         {{"enable.auto.commit", "false"}, {"enable.auto.offset.store", "false"}},
                         error)) {
      rd_kafka_conf_destroy(conf);
      return false;
    }
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_rebalance_cb(conf, rebalance_trampoline);
    rd_kafka_conf_set_stats_cb(conf, stats_trampoline);
    rd_kafka_conf_set_offset_commit_cb(conf, commit_trampoline);
    rd_kafka_conf_set_error_cb(conf, error_trampoline);
    route_kafka_logs(conf);
    char errstr[512];
    consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!consumer) {
      rd_kafka_conf_destroy(conf);
      error = std::string("cannot create the Kafka consumer: ") + errstr;
      return false;
    }
    rd_kafka_poll_set_consumer(consumer);
    consumer_queue = rd_kafka_queue_get_consumer(consumer);
    rd_kafka_topic_partition_list_t* topics =
        rd_kafka_topic_partition_list_new(cfg.kafka_input_topics.size());
    for (const auto& t : cfg.kafka_input_topics)
      rd_kafka_topic_partition_list_add(topics, t.c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (err) {
      error = std::string("cannot subscribe: ") + rd_kafka_err2str(err);
      return false;
    }
    return true;
  }

  void set_paused(bool pause) {
    rd_kafka_topic_partition_list_t* list = nullptr;
    if (rd_kafka_assignment(consumer, &list) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    if (pause)
      rd_kafka_pause_partitions(consumer, list);
    else
      rd_kafka_resume_partitions(consumer, list);
    rd_kafka_topic_partition_list_destroy(list);
    paused = pause;
  }

  // A consumed message: an event to dispatch, or an error to log.
  void take(rd_kafka_message_t* msg, uint64_t& unknown_topic_logged) {
    if (!msg->err) {
      dispatch(msg);
      return;
    }
    if (msg->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
        msg->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
      if (unknown_topic_logged++ % 100 == 0)
        NETRA_LOG_WARN("consumer: %s", rd_kafka_message_errstr(msg));
    } else if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      NETRA_LOG_WARN("consumer: %s", rd_kafka_message_errstr(msg));
    }
    rd_kafka_message_destroy(msg);
  }

  void poll_loop() {
    const int64_t high = cfg.max_inflight;
    const int64_t low = std::max<int64_t>(1, high * 3 / 4);
    auto next_commit = Clock::now() + 1s;
    uint64_t unknown_topic_logged = 0;
    std::optional<Clock::time_point> throttled_since;
    while (!stop.load(std::memory_order_relaxed)) {
      if (sink->fatal()) {
        NETRA_LOG_ERROR("stopping: the producer can no longer guarantee delivery");
        break;
      }
      int64_t n = inflight.load(std::memory_order_relaxed);
      // Back-pressure. A short stall just stops taking messages from librdkafka (its prefetch
      // queue is bounded); a long one (> 5 s) pauses the partitions so that polling can go on
      // (group membership, rebalances) without taking messages.
      if (!paused && (n >= high || (throttled_since && n > low))) {
        auto now = Clock::now();
        if (!throttled_since) throttled_since = now;
        if (now - *throttled_since < 5s) {
          std::this_thread::sleep_for(1ms);
          if (now >= next_commit) {
            commit(nullptr, false);
            next_commit = now + 1s;
          }
          continue;
        }
        set_paused(true);
      } else if (paused && n <= low) {
        set_paused(false);
        throttled_since.reset();
      } else if (!paused) {
        throttled_since.reset();
      }
      // One blocking poll, then whatever else is already fetched (up to 1024 in all, in batches
      // that take the consumer queue's lock once each) without waiting.
      rd_kafka_message_t* msg = rd_kafka_consumer_poll(consumer, 100);
      round_start = Clock::now();
      if (msg) {
        take(msg, unknown_topic_logged);
        rd_kafka_message_t* msgs[256];
        for (int taken = 1; taken < 1024;) {
          const int64_t room = high - inflight.load(std::memory_order_relaxed);
          if (room <= 0) break;
          const size_t want = static_cast<size_t>(std::min<int64_t>(room, 256));
          const ssize_t got = rd_kafka_consume_batch_queue(consumer_queue, 0, msgs, want);
          for (ssize_t i = 0; i < got; ++i) take(msgs[i], unknown_topic_logged);
          if (got < static_cast<ssize_t>(want)) break;
          taken += static_cast<int>(got);
        }
      }
      flush_pending();
      if (Clock::now() >= next_commit) {
        commit(nullptr, false);
        metrics.inflight_events->Set(static_cast<double>(inflight.load()));
        metrics.ready->Set(is_ready() ? 1 : 0);
        next_commit = Clock::now() + 1s;
      }
    }
  }

  int run() {
    if (!load_rules(false)) return 1;
    std::string error;
    if (!http.start(
            cfg.http_listen, [this](std::string_view p) { return handle(p); }, error)) {
      NETRA_LOG_ERROR("%s", error.c_str());
      return 1;
    }
    self.http_port_ = http.port();
    NETRA_LOG_INFO("http: /metrics /healthz /readyz on port %u (http.listen %s)", http.port(),
                   cfg.http_listen.c_str());
    if (opt.on_listening) opt.on_listening(http.port());

    sink = std::make_unique<AlertSink>(metrics,
                                       [this](EventTicket& t, bool ok) { event_done(t, ok); });
    if (!sink->start(cfg.kafka_brokers, cfg.kafka_alert_topic, cfg.kafka_dead_letter_topic,
                     cfg.kafka_properties, error) ||
        !create_consumer(error)) {
      NETRA_LOG_ERROR("%s", error.c_str());
      sink.reset();
      http.stop();
      return 1;
    }
    reload_thread = std::thread([this] { reload_main(); });
    const size_t cap = std::max<size_t>(256, cfg.max_inflight / std::max(1, cfg.workers) + 1);
    pending.resize(static_cast<size_t>(cfg.workers));
    for (int i = 0; i < cfg.workers; ++i) {
      auto slot = std::make_unique<WorkerSlot>();
      slot->capacity = cap;
      WorkerSlot* s = slot.get();
      slot->thread = std::thread([this, s] { worker_main(*s); });
      slots.push_back(std::move(slot));
    }
    NETRA_LOG_INFO(
        "consuming %zu topic(s) as group '%s' from %s with %d workers; alerts to '%s', "
        "dead letters to '%s'",
        cfg.kafka_input_topics.size(), cfg.kafka_group_id.c_str(), cfg.kafka_brokers.c_str(),
        cfg.workers, cfg.kafka_alert_topic.c_str(), cfg.kafka_dead_letter_topic.c_str());

    poll_loop();
    return shutdown();
  }

  int shutdown() {
    stop = true;
    auto t0 = Clock::now();
    shutdown_deadline = t0 + std::chrono::seconds(cfg.shutdown_timeout_seconds);
    metrics.ready->Set(0);
    NETRA_LOG_INFO("stopping: draining %lld in-flight events (deadline %d s)",
                   static_cast<long long>(inflight.load()), cfg.shutdown_timeout_seconds);
    reload_cv.notify_all();
    // A watchdog makes blocked producers give up once the deadline passes.
    std::atomic<bool> done{false};
    std::thread watchdog([&] {
      while (!done.load() && Clock::now() < shutdown_deadline) std::this_thread::sleep_for(20ms);
      if (!done.load()) sink->abandon();
    });
    for (auto& s : slots) {
      {
        std::lock_guard lock(s->mu);
        s->closing = true;
      }
      s->nonempty.notify_all();
    }
    for (auto& s : slots) s->thread.join();
    auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(shutdown_deadline - Clock::now());
    bool flushed = sink->flush(std::max(remaining, 0ms));
    done = true;
    watchdog.join();
    commit(nullptr, true);
    // Leaves the group; the revoke callback commits again (nothing new) and unassigns.
    rd_kafka_consumer_close(consumer);
    int64_t left = inflight.load();
    const bool fatal = sink->fatal();
    sink->stop();  // fails whatever is still queued (uncommitted, so re-read after a restart)
    rd_kafka_queue_destroy(consumer_queue);
    consumer_queue = nullptr;
    rd_kafka_destroy(consumer);
    consumer = nullptr;
    if (reload_thread.joinable()) reload_thread.join();
    http.stop();
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (fatal) {
      NETRA_LOG_ERROR(
          "stopped after a fatal producer error; unacknowledged events were not "
          "committed");
      return 1;
    }
    if (!flushed || left > 0) {
      NETRA_LOG_ERROR(
          "stopped after %.1f s with %lld events unacknowledged; their offsets were "
          "not committed and will be read again",
          secs, static_cast<long long>(left));
      return 3;
    }
    NETRA_LOG_INFO("stopped cleanly in %.1f s", secs);
    return 0;
  }
};

Runner::Runner(Config cfg, Options options)
    : impl_(std::make_unique<Impl>(*this, std::move(cfg), std::move(options))) {}

Runner::~Runner() = default;

int Runner::run() { return impl_->run(); }

void Runner::request_stop() { impl_->stop = true; }

void Runner::request_reload() {
  impl_->reload_requested = true;
  impl_->reload_cv.notify_all();
}

bool Runner::ready() const { return impl_->is_ready(); }

namespace {

// SIGINT, SIGTERM and SIGHUP: handled by one thread with sigwait, blocked everywhere else.
sigset_t netra_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void block_signals() {
  sigset_t set = netra_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::function<void()> handle_signals(Runner& runner, bool reload_on_hup) {
  sigset_t set = netra_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto quit = std::make_shared<std::atomic<bool>>(false);
  auto th = std::make_shared<std::thread>([&runner, set, quit, reload_on_hup] {
    while (!quit->load()) {
      timespec ts{0, 200 * 1000 * 1000};
      int sig = sigtimedwait(&set, nullptr, &ts);
      if (sig == SIGINT || sig == SIGTERM) {
        NETRA_LOG_INFO("%s received", sig == SIGINT ? "SIGINT" : "SIGTERM");
        runner.request_stop();
      } else if (sig == SIGHUP && reload_on_hup) {
        runner.request_reload();
      }
    }
  });
  return [quit, th] {
    quit->store(true);
    if (th->joinable()) th->join();
  };
}

}  // namespace netra::daemon
