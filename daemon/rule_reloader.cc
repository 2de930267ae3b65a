#include "daemon/rule_reloader.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <chrono>

#include "daemon/log.h"
#include "daemon/metrics.h"

namespace netra::daemon {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

RuleReloader::RuleReloader(engine::Settings settings, Metrics& metrics)
    : settings_(std::move(settings)), metrics_(metrics) {}

RuleReloader::~RuleReloader() { stop(); }

std::shared_ptr<const engine::RuleSet> RuleReloader::current() const {
  std::lock_guard lock(rules_mu_);
  return rules_;
}

bool RuleReloader::load() {
  std::lock_guard lock(load_mu_);
  return load_locked(false).ok;
}

ReloadOutcome RuleReloader::reload(const char* trigger) {
  std::lock_guard lock(load_mu_);
  NETRA_LOG_INFO("%s: reloading rules, lists, registries and calendar", trigger);
  return load_locked(true);
}

ReloadOutcome RuleReloader::load_locked(bool is_reload) {
  ReloadOutcome r;
  auto t0 = Clock::now();
  auto loaded = engine::RuleSet::load(settings_, r.diagnostics);
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  for (const auto& d : r.diagnostics) {
    if (d.warning)
      NETRA_LOG_WARN("%s", d.str().c_str());
    else
      NETRA_LOG_ERROR("%s", d.str().c_str());
  }
  if (!loaded) {
    auto old = current();
    if (old) {
      r.version = old->version();
      r.rules = old->rule_count();
      r.patterns = old->pattern_count();
    }
    if (is_reload) {
      metrics_.reloads_failure->Increment();
      NETRA_LOG_ERROR("rule reload failed (%zu problems above); still serving rules %s",
                      r.diagnostics.size(), r.version.c_str());
    } else {
      NETRA_LOG_ERROR("cannot load the rules (%zu problems above)", r.diagnostics.size());
    }
    return r;
  }
  {
    std::lock_guard lock(rules_mu_);
    rules_ = loaded;
  }
  gen_.fetch_add(1, std::memory_order_acq_rel);
  if (is_reload) metrics_.reloads_success->Increment();
  metrics_.last_reload_success_timestamp->Set(
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
  metrics_.set_rules_info(loaded->version(), loaded->rule_count(), loaded->pattern_count());
  NETRA_LOG_INFO("%s rules %s: %zu rules, %zu patterns in %.2f s%s",
                 is_reload ? "reloaded" : "loaded", loaded->version().c_str(), loaded->rule_count(),
                 loaded->pattern_count(), r.seconds,
                 loaded->cache_hit() ? " (compiled-database cache hit)" : "");
  r.ok = true;
  r.version = loaded->version();
  r.rules = loaded->rule_count();
  r.patterns = loaded->pattern_count();
  return r;
}

void RuleReloader::start() {
  thread_ = std::thread([this] { thread_main(); });
}

void RuleReloader::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RuleReloader::request() {
  {
    std::lock_guard lock(mu_);
    requested_ = true;
  }
  cv_.notify_all();
}

void RuleReloader::thread_main() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return requested_ || stop_; });
    if (stop_) break;
    requested_ = false;
    lock.unlock();
    reload("SIGHUP");
    lock.lock();
  }
}

}  // namespace netra::daemon
