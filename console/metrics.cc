#include "console/metrics.h"

#include "console/cases.h"

namespace netra::console {

namespace {

// A label value: backslash, double quote and newline escaped.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// The status an audit entry moved its case into, or "" when it is not a status change.
std::string new_status(const AuditEntry& e) {
  Action a;
  Status s;
  if (!parse_action(e.action, a) || a == Action::assign || a == Action::note) return "";
  if (!parse_status(e.after, s) || e.after == e.before) return "";
  return e.after;
}

}  // namespace

std::string rule_of_case_key(const std::string& case_key) {
  const size_t a = case_key.find('\x1f');
  if (a == std::string::npos) return "";
  const size_t b = case_key.find('\x1f', a + 1);
  return case_key.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

void TriageMetrics::load(Store& store) {
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> counts;
  for (const auto& e : store.audit_log(0, -1)) {
    const std::string status = new_status(e);
    if (!status.empty())
      ++counts[{rule_of_case_key(e.case_key), status, status == "ditolak" ? e.reason : ""}];
  }
  std::lock_guard lock(mu_);
  counts_ = std::move(counts);
}

void TriageMetrics::count(const AuditEntry& e) {
  const std::string status = new_status(e);
  if (status.empty()) return;
  std::lock_guard lock(mu_);
  ++counts_[{rule_of_case_key(e.case_key), status, status == "ditolak" ? e.reason : ""}];
}

std::map<std::tuple<std::string, std::string, std::string>, int64_t> TriageMetrics::snapshot()
    const {
  std::lock_guard lock(mu_);
  return counts_;
}

std::string metrics_text(const TriageMetrics& triage, const IngestStats& ingest) {
  std::string out =
      "# HELP netra_console_cases_total Cases moved into a status by triage, per rule (reason: "
      "the reject reason of ditolak).\n"
      "# TYPE netra_console_cases_total counter\n";
  for (const auto& [key, n] : triage.snapshot()) {
    const auto& [rule, status, reason] = key;
    out += "netra_console_cases_total{rule=\"" + label(rule) + "\",status=\"" + label(status) +
           "\",reason=\"" + label(reason) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP netra_console_alerts_total Alert records read by the console, by outcome.\n"
      "# TYPE netra_console_alerts_total counter\n";
  out += "netra_console_alerts_total{outcome=\"stored\"} " +
         std::to_string(ingest.inserted.load()) + "\n";
  out += "netra_console_alerts_total{outcome=\"duplicate\"} " +
         std::to_string(ingest.duplicates.load()) + "\n";
  out += "netra_console_alerts_total{outcome=\"bad\"} " + std::to_string(ingest.bad.load()) + "\n";
  out +=
      "# HELP netra_console_ready 1 when the store takes writes (/readyz answers 200).\n"
      "# TYPE netra_console_ready gauge\n"
      "netra_console_ready " +
      std::string(ingest.ready ? "1" : "0") + "\n";
  return out;
}

}  // namespace netra::console
