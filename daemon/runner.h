#pragma once
// `netra run`'s core, which only wires the parts: the RuleReloader (rules shared by the workers,
// SIGHUP and POST /-/reload), the HttpServer with the Endpoints, the WorkerPool (classifier
// threads), the AlertSink (producer) and the KafkaConsumer (poll thread: consume, rebalance,
// pause, commit). cmd_run and cmd_demo both drive one Runner.
//
// Threads: the caller's thread polls the consumer (rebalances, commits, statistics, back-pressure);
// `workers` classifier threads; the producer's delivery-report thread; the HTTP thread and the
// HTTP action thread (POST); a reload thread that builds new rule sets off the hot path;
// librdkafka's own threads.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "daemon/config.h"
#include "daemon/signals.h"

namespace netra::daemon {

class Runner {
 public:
  struct Options {
    // Called once the HTTP server listens, with its port (port 0 in http.listen picks one).
    std::function<void(uint16_t port)> on_listening;
  };

  Runner(Config cfg, Options options = {});
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Loads the rules, starts HTTP and Kafka, and runs until request_stop(); then drains, flushes,
  // commits and returns the exit code: 0 clean, 1 start-up failure (or a fatal producer error),
  // 3 when the shutdown deadline passed first (records unacknowledged or the last commit
  // unconfirmed: what was not committed is read again), 4 when the broker refused a record for
  // good (nothing committed past it), kExitFenced (5, daemon/txn_sink.h) after a fatal
  // transactional error in delivery: exactly_once.
  int run();

  // Thread-safe; only set flags, so they may be called from a signal-handling thread.
  void request_stop();
  void request_reload();

  uint16_t http_port() const { return http_port_.load(); }
  bool ready() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::atomic<uint16_t> http_port_{0};
};

// handle_signals() (daemon/signals.h) for a Runner: SIGINT/SIGTERM → request_stop(), SIGHUP →
// request_reload() unless `reload_on_hup` is false.
std::function<void()> handle_signals(Runner& runner, bool reload_on_hup = true);

}  // namespace netra::daemon
