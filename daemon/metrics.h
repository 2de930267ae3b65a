#pragma once
// Every metric `netra run` exposes, declared in one place (docs/metrics.md is the contract).
// Counters that carry labels are looked up once per label set and cached; the cache lookups take
// a short lock, the increments are atomic.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/kafka_stats.h"

namespace netra::daemon {

// What a produced record is: the `topic_kind` label of netra_produced_total.
enum class TopicKind : uint8_t { alert, dead_letter, suppressed };
inline const char* topic_kind_name(TopicKind k) {
  return k == TopicKind::alert         ? "alert"
         : k == TopicKind::dead_letter ? "dead-letter"
                                       : "suppressed";
}

// Per-thread histogram accumulation: observe() is a few instructions with no lock; flush() hands
// the counts to the shared prometheus::Histogram (one locked call per batch).
class HistogramBatch {
 public:
  HistogramBatch(prometheus::Histogram* target, std::vector<double> bounds)
      : target_(target), bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0.0) {}
  ~HistogramBatch() { flush(); }
  void observe(double v) {
    size_t i = 0;
    while (i < bounds_.size() && v > bounds_[i]) ++i;
    counts_[i] += 1;
    sum_ += v;
    if (++n_ >= 512) flush();
  }
  void flush() {
    if (n_ == 0) return;
    target_->ObserveMultiple(counts_, sum_);
    std::fill(counts_.begin(), counts_.end(), 0.0);
    sum_ = 0;
    n_ = 0;
  }

 private:
  prometheus::Histogram* target_;
  std::vector<double> bounds_;
  std::vector<double> counts_;
  double sum_ = 0;
  size_t n_ = 0;
};

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Prometheus text exposition format of everything.
  std::string serialize() const;
  static const std::vector<double>& processing_buckets();
  static const std::vector<double>& latency_buckets();

  prometheus::Counter& events(std::string_view outcome, std::string_view platform,
                              std::string_view action);
  prometheus::Counter& alerts(std::string_view rule, std::string_view severity,
                              std::string_view region);
  prometheus::Counter& dead_letter(std::string_view reason_class);
  prometheus::Counter& suppressed(std::string_view rule, std::string_view reason);

  void set_rules_info(const std::string& version, size_t rules, size_t patterns);
  void set_consumer_lag(const std::vector<PartitionLag>& lags);
  void clear_consumer_lag();

  // Unlabelled (or fixed-label) metrics, created in the constructor.
  prometheus::Counter* events_repaired;
  prometheus::Histogram* processing_seconds;
  prometheus::Histogram* event_latency_seconds;
  prometheus::Gauge* consumer_lag_sum;
  prometheus::Gauge* partitions_assigned;
  prometheus::Counter* produced_alert;
  prometheus::Counter* produced_dead_letter;
  prometheus::Counter* produce_errors_alert;
  prometheus::Counter* produce_errors_dead_letter;
  prometheus::Counter* produced_suppressed;
  prometheus::Counter* produce_errors_suppressed;
  prometheus::Counter* produced(TopicKind k) {
    return k == TopicKind::alert         ? produced_alert
           : k == TopicKind::dead_letter ? produced_dead_letter
                                         : produced_suppressed;
  }
  prometheus::Counter* produce_errors(TopicKind k) {
    return k == TopicKind::alert         ? produce_errors_alert
           : k == TopicKind::dead_letter ? produce_errors_dead_letter
                                         : produce_errors_suppressed;
  }
  prometheus::Counter* produce_refused;
  prometheus::Counter* offsets_committed;
  prometheus::Gauge* inflight_events;
  prometheus::Counter* reloads_success;
  prometheus::Counter* reloads_failure;
  prometheus::Gauge* last_reload_success_timestamp;
  prometheus::Gauge* ready;
  prometheus::Gauge* kafka_broker_up;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Gauge>* rules_info_;
  prometheus::Family<prometheus::Counter>* events_;
  prometheus::Family<prometheus::Counter>* alerts_;
  prometheus::Family<prometheus::Counter>* dead_letter_;
  prometheus::Family<prometheus::Counter>* suppressed_;
  prometheus::Family<prometheus::Gauge>* consumer_lag_;
  std::mutex mu_;
  std::unordered_map<std::string, prometheus::Counter*> cache_;
  prometheus::Gauge* rules_info_metric_ = nullptr;
  std::vector<prometheus::Gauge*> lag_metrics_;
};

}  // namespace netra::daemon
