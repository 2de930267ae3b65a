#pragma once
// `netra run`'s core: the Kafka consumer (one poll thread), the classifier worker pool (one
// engine::Worker per thread), the AlertSink producer, offset commits, rule reloads and the HTTP
// endpoints. cmd_run and cmd_demo both drive one Runner.
//
// Threads: the caller's thread polls the consumer (rebalances, commits, statistics, back-pressure);
// `workers` classifier threads; the producer's delivery-report thread; the HTTP thread; a reload
// thread that builds new rule sets off the hot path; librdkafka's own threads.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "daemon/config.h"

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
  // commits and returns the exit code: 0 clean, 1 start-up failure, 3 when the shutdown deadline
  // passed with records unacknowledged (their offsets were not committed).
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

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, so that threads started afterwards
// (librdkafka's too) inherit the mask. Call first thing in a subcommand.
void block_signals();

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (call before starting any thread) and
// starts a thread that turns them into runner.request_stop() / request_reload(). Returns a
// function that stops that thread.
std::function<void()> handle_signals(Runner& runner, bool reload_on_hup = true);

}  // namespace netra::daemon
