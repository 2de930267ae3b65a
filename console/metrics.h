#pragma once
// The console's Prometheus metrics (GET /metrics; docs/metrics.md): triage outcomes per rule,
// so that precision in production shows in Grafana, and the ingest counters. No label carries
// a name, NIP or account.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "console/ingest.h"
#include "console/store.h"

namespace netra::console {

// netra_console_cases_total{rule,status,reason}: cases moved into a status by a triage action
// (ditinjau, dikonfirmasi, ditolak, diteruskan), per rule; `reason` is the reject reason for
// ditolak, "" otherwise. Counted from the append-only audit log at start, then per action.
class TriageMetrics {
 public:
  // Counts every status change in the store's audit log (replaces what was counted).
  void load(Store& store);
  // One status change (`entry` as written to the audit log: action, case_key, after, reason).
  void count(const AuditEntry& entry);
  // As a map (rule, status, reason) -> count, for tests.
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> snapshot() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> counts_;
};

// The rule of a case key (console/alert.h: terlapor, rule, target, day joined by U+001F).
std::string rule_of_case_key(const std::string& case_key);

// The exposition text (Prometheus text format 0.0.4).
std::string metrics_text(const TriageMetrics& triage, const IngestStats& ingest);

}  // namespace netra::console
