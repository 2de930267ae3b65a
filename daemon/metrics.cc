#include "daemon/metrics.h"

#include <prometheus/text_serializer.h>

#include <sstream>

#ifndef NETRA_VERSION
#define NETRA_VERSION "0.0.0"
#endif
#ifndef NETRA_GIT
#define NETRA_GIT "unknown"
#endif

namespace netra::daemon {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// Engine time per event: 1 µs .. 0.25 s.
const prometheus::Histogram::BucketBoundaries kProcessingBuckets = {
    1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 1e-2, 0.05, 0.25};
// Consume to broker acknowledgement: 0.5 ms .. 30 s.
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {
    5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

}  // namespace

const std::vector<double>& Metrics::processing_buckets() { return kProcessingBuckets; }
const std::vector<double>& Metrics::latency_buckets() { return kLatencyBuckets; }

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  auto& r = *registry_;
  auto counter = [&](const char* name,
                     const char* help) -> prometheus::Family<prometheus::Counter>& {
    return BuildCounter().Name(name).Help(help).Register(r);
  };
  auto gauge = [&](const char* name, const char* help) -> prometheus::Family<prometheus::Gauge>& {
    return BuildGauge().Name(name).Help(help).Register(r);
  };
  auto histogram = [&](const char* name,
                       const char* help) -> prometheus::Family<prometheus::Histogram>& {
    return BuildHistogram().Name(name).Help(help).Register(r);
  };

  gauge("netra_build_info", "The running binary")
      .Add({{"version", NETRA_VERSION}, {"git", NETRA_GIT}})
      .Set(1);
  rules_info_ = &gauge("netra_rules_info", "The loaded rule set (version = content hash)");
  events_ = &counter("netra_events_total",
                     "Events consumed and classified, by outcome, platform and action");
  alerts_ = &counter("netra_alerts_total",
                     "Alerts produced and acknowledged by the broker, by rule, severity and the "
                     "terlapor's province code");
  dead_letter_ = &counter("netra_dead_letter_total",
                          "Invalid events written to the dead-letter topic, by reason class");
  suppressed_ = &counter("netra_suppressed_total",
                         "Would-be alerts that an exception or a negation suppressed, by rule and "
                         "reason (the exception list or scope list)");
  events_repaired = &counter("netra_events_repaired_total",
                             "Events whose invalid UTF-8 was replaced by U+FFFD and then processed")
                         .Add({});
  processing_seconds = &histogram("netra_processing_seconds",
                                  "Engine time per event (parse, normalise, scan, classify)")
                            .Add({}, kProcessingBuckets);
  event_latency_seconds = &histogram("netra_event_latency_seconds",
                                     "From consuming an event to the broker acknowledging all of "
                                     "its alerts and dead-letter records")
                               .Add({}, kLatencyBuckets);
  consumer_lag_ = &gauge("netra_consumer_lag", "Messages behind the partition's high watermark");
  consumer_lag_sum =
      &gauge("netra_consumer_lag_messages", "Total consumer lag over assigned partitions").Add({});
  partitions_assigned =
      &gauge("netra_partitions_assigned", "Partitions currently assigned to this instance").Add({});
  auto& produced = counter("netra_produced_total", "Records acknowledged by the broker");
  produced_alert = &produced.Add({{"topic_kind", "alert"}});
  produced_dead_letter = &produced.Add({{"topic_kind", "dead_letter"}});
  produced_suppressed = &produced.Add({{"topic_kind", "suppressed"}});
  auto& errors = counter("netra_produce_errors_total",
                         "Records the broker refused after retries; commits stop at their event");
  produce_errors_alert = &errors.Add({{"topic_kind", "alert"}});
  produce_errors_dead_letter = &errors.Add({{"topic_kind", "dead_letter"}});
  produce_errors_suppressed = &errors.Add({{"topic_kind", "suppressed"}});
  produce_refused = &counter("netra_produce_refused_total",
                             "Records refused for good (too large, unknown, invalid or forbidden "
                             "topic): netra stops consuming and exits 4")
                         .Add({});
  offsets_committed =
      &counter("netra_offsets_committed_total", "Offset commits that succeeded").Add({});
  inflight_events =
      &gauge("netra_inflight_events", "Events consumed but not yet committable").Add({});
  auto& reloads = counter("netra_reloads_total", "Rule reloads (SIGHUP) by result");
  reloads_success = &reloads.Add({{"result", "success"}});
  reloads_failure = &reloads.Add({{"result", "failure"}});
  last_reload_success_timestamp = &gauge("netra_last_reload_success_timestamp_seconds",
                                         "Unix time of the last successful rule (re)load")
                                       .Add({});
  ready = &gauge("netra_ready", "1 when /readyz answers 200").Add({});
  kafka_broker_up =
      &gauge("netra_kafka_broker_up",
             "1 while a broker answered within the last 10 s (a hung broker counts as down)")
           .Add({});
}

std::string Metrics::serialize() const {
  prometheus::TextSerializer s;
  return s.Serialize(registry_->Collect());
}

prometheus::Counter& Metrics::events(std::string_view outcome, std::string_view platform,
                                     std::string_view action) {
  std::string key;
  key.reserve(outcome.size() + platform.size() + action.size() + 3);
  key.append("e|").append(outcome).append("|").append(platform).append("|").append(action);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto& c = events_->Add({{"outcome", std::string(outcome)},
                          {"platform", std::string(platform)},
                          {"action", std::string(action)}});
  cache_.emplace(std::move(key), &c);
  return c;
}

prometheus::Counter& Metrics::alerts(std::string_view rule, std::string_view severity,
                                     std::string_view region) {
  std::string key;
  key.append("a|").append(rule).append("|").append(severity).append("|").append(region);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto& c = alerts_->Add({{"rule", std::string(rule)},
                          {"severity", std::string(severity)},
                          {"region", region.empty() ? "unknown" : std::string(region)}});
  cache_.emplace(std::move(key), &c);
  return c;
}

prometheus::Counter& Metrics::dead_letter(std::string_view cls) {
  std::string key = "d|" + std::string(cls);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto& c = dead_letter_->Add({{"reason", std::string(cls)}});
  cache_.emplace(std::move(key), &c);
  return c;
}

prometheus::Counter& Metrics::suppressed(std::string_view rule, std::string_view reason) {
  std::string key;
  key.append("s|").append(rule).append("|").append(reason);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return *it->second;
  auto& c = suppressed_->Add({{"rule", std::string(rule)}, {"reason", std::string(reason)}});
  cache_.emplace(std::move(key), &c);
  return c;
}

void Metrics::set_rules_info(const std::string& version, size_t rules, size_t patterns) {
  std::lock_guard lock(mu_);
  if (rules_info_metric_) rules_info_->Remove(rules_info_metric_);
  rules_info_metric_ = &rules_info_->Add({{"version", version},
                                          {"rules", std::to_string(rules)},
                                          {"patterns", std::to_string(patterns)}});
  rules_info_metric_->Set(1);
}

void Metrics::set_consumer_lag(const std::vector<PartitionLag>& lags) {
  std::lock_guard lock(mu_);
  for (auto* g : lag_metrics_) consumer_lag_->Remove(g);
  lag_metrics_.clear();
  double sum = 0;
  for (const auto& l : lags) {
    auto& g = consumer_lag_->Add({{"topic", l.topic}, {"partition", std::to_string(l.partition)}});
    g.Set(static_cast<double>(l.lag));
    lag_metrics_.push_back(&g);
    sum += static_cast<double>(l.lag);
  }
  consumer_lag_sum->Set(sum);
}

void Metrics::clear_consumer_lag() { set_consumer_lag({}); }

}  // namespace netra::daemon
