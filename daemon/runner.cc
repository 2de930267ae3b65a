#include "daemon/runner.h"

#include <prometheus/gauge.h>

#include <optional>

#include "daemon/alert_sink.h"
#include "daemon/endpoints.h"
#include "daemon/http_server.h"
#include "daemon/kafka_consumer.h"
#include "daemon/log.h"
#include "daemon/metrics.h"
#include "daemon/rule_reloader.h"
#include "daemon/txn_sink.h"
#include "daemon/worker_pool.h"

namespace netra::daemon {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The parts; run() wires and starts them, shutdown() stops them in order.
struct Runner::Impl {
  Runner& self;
  Config cfg;
  Options opt;
  Metrics metrics;
  std::atomic<bool> stop{false};
  RuleReloader rules{cfg.engine, metrics};
  WorkerPool pool{metrics, rules};
  std::unique_ptr<AlertSink> sink;
  std::unique_ptr<TxnSink> txn;  // delivery: exactly_once only
  KafkaConsumer consumer{cfg, metrics, pool, [this] { refresh_gauges(); }};
  HttpServer http;  // last: stopped first, its handlers use the parts above

  Impl(Runner& r, Config c, Options o) : self(r), cfg(std::move(c)), opt(std::move(o)) {}

  std::string not_ready() {
    if (stop.load()) return "shutting down";
    if (rules.generation() == 0) return "rules not loaded";
    if (sink && sink->refused() > 0) return "the broker refuses records for good: stopping";
    return consumer.not_ready();
  }
  bool is_ready() { return not_ready().empty(); }

  void refresh_gauges() {
    metrics.ready->Set(is_ready() ? 1 : 0);
    metrics.inflight_events->Set(static_cast<double>(pool.inflight()));
  }

  Endpoints endpoints() {
    Endpoints e;
    e.metrics = [this] {
      refresh_gauges();
      return metrics.serialize();
    };
    e.not_ready = [this] { return not_ready(); };
    if (cfg.http_reload_enabled) e.reload = [this] { return rules.reload("POST /-/reload"); };
    return e;
  }

  int run() {
    if (!rules.load()) return 2;  // the rules are configuration: a usage/config error
    std::string error;
    if (!http.start(
            cfg.http_listen, [e = endpoints()](const HttpRequest& req) { return serve(e, req); },
            error)) {
      NETRA_LOG_ERROR("%s", error.c_str());
      return 1;
    }
    self.http_port_ = http.port();
    NETRA_LOG_INFO("http: /metrics /healthz /readyz%s on port %u (http.listen %s)",
                   cfg.http_reload_enabled ? " and POST /-/reload" : "", http.port(),
                   cfg.http_listen.c_str());
    if (opt.on_listening) opt.on_listening(http.port());

    sink = std::make_unique<AlertSink>(metrics,
                                       [this](EventTicket& t, bool ok) { pool.event_done(t, ok); });
    if (!sink->start(cfg.kafka_brokers, cfg.kafka_alert_topic, cfg.kafka_dead_letter_topic,
                     cfg.kafka_suppressed_topic, cfg.kafka_properties, error,
                     cfg.exactly_once ? transactional_id(cfg) : std::string()) ||
        !consumer.start(error) || !start_transactions(error)) {
      NETRA_LOG_ERROR("%s", error.c_str());
      const bool fenced = txn && txn->fatal();
      consumer.destroy();
      txn.reset();
      sink.reset();
      http.stop();
      return fenced ? kExitFenced : 1;
    }
    rules.start();
    pool.start(cfg.workers, cfg.max_inflight, *sink);
    NETRA_LOG_INFO(
        "consuming %zu topic(s) as group '%s' from %s with %d workers; alerts to '%s', "
        "dead letters to '%s'",
        cfg.kafka_input_topics.size(), cfg.kafka_group_id.c_str(), cfg.kafka_brokers.c_str(),
        cfg.workers, cfg.kafka_alert_topic.c_str(), cfg.kafka_dead_letter_topic.c_str());

    consumer.run([this] {
      if (stop.load(std::memory_order_relaxed)) return false;
      if (sink->fatal() || (txn && txn->fatal())) {
        NETRA_LOG_ERROR("stopping: the producer can no longer guarantee delivery");
        return false;
      }
      if (sink->refused() > 0) {
        NETRA_LOG_ERROR("stopping: the broker refuses records for good (%s)",
                        sink->refusals().c_str());
        return false;
      }
      return true;
    });
    return shutdown();
  }

  // delivery: exactly_once: the transactional producer, before anything is consumed.
  bool start_transactions(std::string& error) {
    if (!cfg.exactly_once) return true;
    txn = std::make_unique<TxnSink>(*sink, metrics, stop);
    NETRA_LOG_INFO("delivery exactly_once: transactional.id '%s'", transactional_id(cfg).c_str());
    consumer.set_transactions(txn.get());
    return txn->start(error) || (stop.load() && !txn->fatal());
  }

  // Stop consuming, let the workers empty their queues, flush the producer, commit, leave the
  // group: all within shutdown.timeout_seconds.
  int shutdown() {
    stop = true;
    auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::seconds(cfg.shutdown_timeout_seconds);
    consumer.set_deadline(deadline);
    metrics.ready->Set(0);
    NETRA_LOG_INFO("stopping: draining %lld in-flight events (deadline %d s)",
                   static_cast<long long>(pool.inflight()), cfg.shutdown_timeout_seconds);
    // A watchdog makes blocked producers give up once the deadline passes.
    std::atomic<bool> done{false};
    std::thread watchdog([&] {
      while (!done.load() && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
      if (!done.load()) sink->abandon();
    });
    pool.close();
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    bool flushed = sink->flush(std::max(remaining, 0ms));
    done = true;
    watchdog.join();
    const bool committed = consumer.close();
    int64_t left = pool.inflight();
    const bool fatal = sink->fatal();
    const uint64_t refused = sink->refused();
    const std::string refusals = sink->refusals();
    const bool fenced = txn && txn->fatal();
    const bool uncommitted = txn && txn->uncommitted();
    if (txn) txn->stop();
    sink->stop();  // fails whatever is still queued (uncommitted, so re-read after a restart)
    consumer.destroy();
    rules.stop();
    http.stop();
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (fenced) {
      NETRA_LOG_ERROR(
          "stopped after a fatal transactional error (fenced by another instance with this "
          "transactional.id?); the open transaction is aborted, its events will be read again");
      return kExitFenced;
    }
    if (fatal) {
      NETRA_LOG_ERROR(
          "stopped after a fatal producer error; unacknowledged events were not "
          "committed");
      return 1;
    }
    if (refused > 0) {
      NETRA_LOG_ERROR(
          "stopped after the broker refused %llu records for good (%s); their events and the "
          "later ones of their partitions were not committed and will be read again",
          static_cast<unsigned long long>(refused), refusals.c_str());
      return 4;
    }
    if (!flushed || left > 0 || !committed || uncommitted) {
      NETRA_LOG_ERROR(
          "stopped after %.1f s: deadline reached with %lld events unacknowledged%s; what was "
          "not committed will be read again",
          secs, static_cast<long long>(left), committed ? "" : " and the last commit unconfirmed");
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

void Runner::request_reload() { impl_->rules.request(); }

bool Runner::ready() const { return impl_->is_ready(); }

std::function<void()> handle_signals(Runner& runner, bool reload_on_hup) {
  std::function<void()> reload;
  if (reload_on_hup) reload = [&runner] { runner.request_reload(); };
  return handle_signals([&runner] { runner.request_stop(); }, std::move(reload));
}

}  // namespace netra::daemon
