#pragma once
// The rule set `netra run`'s workers share, and its reloads. A reload builds a new RuleSet off the
// hot path (on the reload thread for SIGHUP, on the caller's thread for `POST /-/reload`), then
// swaps the shared pointer and bumps a generation counter; each worker compares the counter
// between events and picks the new set up. A failed load logs every diagnostic, counts
// `netra_reloads_total{result="failure"}` and keeps the old set. Loads never run concurrently.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/ruleset.h"

namespace netra::daemon {

class Metrics;

// What a load did: the set served afterwards and the problems found (file:line: message).
struct ReloadOutcome {
  bool ok = false;
  std::string version;  // the rules served after the attempt (the old ones when it failed)
  size_t rules = 0;
  size_t patterns = 0;
  double seconds = 0;
  std::vector<engine::Diagnostic> diagnostics;  // warnings too
};

class RuleReloader {
 public:
  RuleReloader(engine::Settings settings, Metrics& metrics);
  ~RuleReloader();
  RuleReloader(const RuleReloader&) = delete;
  RuleReloader& operator=(const RuleReloader&) = delete;

  // The first load (no thread yet). False when the rules cannot be loaded (logged).
  bool load();
  // Starts the thread that serves request().
  void start();
  void stop();

  // Asks the reload thread for a reload (SIGHUP); returns at once. Thread-safe.
  void request();
  // Reloads now on the calling thread (waiting for a reload already running). Thread-safe.
  ReloadOutcome reload(const char* trigger);

  std::shared_ptr<const engine::RuleSet> current() const;
  // Bumped by every successful load (0 before the first).
  uint64_t generation() const { return gen_.load(std::memory_order_acquire); }

 private:
  ReloadOutcome load_locked(bool is_reload);
  void thread_main();

  const engine::Settings settings_;
  Metrics& metrics_;

  mutable std::mutex rules_mu_;
  std::shared_ptr<const engine::RuleSet> rules_;
  std::atomic<uint64_t> gen_{0};

  std::mutex load_mu_;  // one load at a time

  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false;
  bool stop_ = false;
};

}  // namespace netra::daemon
