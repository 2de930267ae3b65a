#pragma once
// Scoring for `netra eval`: labelled events against the rules that fired.
// Pure: no I/O. daemon/cmd_eval.cc reads the files, runs the engine and prints.
#include <cstdint>
#include <string>
#include <vector>

namespace netra::daemon::eval {

// One fired alert as far as scoring and the report need it.
struct Fired {
  std::string rule_id;
  std::vector<std::string> evidence;  // "field: matched text", in alert order
};

// One labelled event and what the engine did with it.
struct Case {
  std::string event_id;
  std::vector<std::string> expect;   // rules that must fire ([] = must be silent)
  std::vector<std::string> also_ok;  // rules that may fire without counting as false
  std::vector<std::string> groups;   // tags for the per-group false-alert rate
  std::string text;                  // the event's text (shown for misses)
  std::vector<Fired> fired;
};

struct RuleScore {
  std::string rule_id;
  uint64_t support = 0;  // events expecting the rule (= tp + fn)
  uint64_t tp = 0, fp = 0, fn = 0;
  // tp / (tp + fp), 1 when the rule never fired wrongly nor rightly; recall
  // tp / (tp + fn), 1 when nothing expects the rule; F1 their harmonic mean.
  double precision = 1, recall = 1, f1 = 1;
};

struct GroupScore {
  std::string group;
  uint64_t events = 0;
  uint64_t with_false_alert = 0;  // events with at least one unexpected alert
  double rate = 0;                // with_false_alert / events
};

// A miss (expected rule did not fire) or a false alert (fired, neither
// expected nor also_ok).
struct Item {
  size_t case_index = 0;
  std::string rule_id;
  const Fired* alert = nullptr;  // for false alerts
};

struct Report {
  std::vector<RuleScore> rules;  // in the order of `rule_ids` given to score()
  RuleScore micro;               // tp/fp/fn summed over the rules
  // Mean precision/recall/F1 over the rules that have support or a false alert
  // (a rule nobody expects and that never fired says nothing); tp/fp/fn unused.
  RuleScore macro;
  size_t macro_rules = 0;
  std::vector<GroupScore> groups;  // sorted by name
  std::vector<Item> misses, false_alerts;
  uint64_t events = 0, positive_events = 0;  // positive: expects at least one rule
};

// Scores `cases`. `rule_ids` lists every rule of the rule set; rules fired or
// labelled outside it are scored too (appended), although cmd_eval rejects
// unknown labelled ids before scoring. `cases` must outlive the report.
Report score(const std::vector<Case>& cases, const std::vector<std::string>& rule_ids);

// Fills precision, recall and f1 from tp, fp and fn.
void finish(RuleScore& s);

}  // namespace netra::daemon::eval
