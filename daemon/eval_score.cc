#include "daemon/eval_score.h"

#include <algorithm>
#include <map>

namespace netra::daemon::eval {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

void finish(RuleScore& s) {
  s.precision = s.tp + s.fp ? double(s.tp) / double(s.tp + s.fp) : 1.0;
  s.recall = s.tp + s.fn ? double(s.tp) / double(s.tp + s.fn) : 1.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
}

Report score(const std::vector<Case>& cases, const std::vector<std::string>& rule_ids) {
  Report r;
  std::map<std::string, size_t> index;
  auto rule = [&](const std::string& id) -> RuleScore& {
    auto [it, added] = index.emplace(id, r.rules.size());
    if (added) r.rules.push_back(RuleScore{id});
    return r.rules[it->second];
  };
  for (const auto& id : rule_ids) rule(id);
  r.macro.precision = r.macro.recall = r.macro.f1 = 0;  // sums until divided below
  std::map<std::string, GroupScore> groups;
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    ++r.events;
    if (!c.expect.empty()) ++r.positive_events;
    std::vector<std::string> fired;
    for (const auto& f : c.fired)
      if (!has(fired, f.rule_id)) fired.push_back(f.rule_id);
    for (const auto& want : c.expect) {
      RuleScore& s = rule(want);
      ++s.support;
      if (has(fired, want)) {
        ++s.tp;
      } else {
        ++s.fn;
        r.misses.push_back({i, want, nullptr});
      }
    }
    bool false_alert = false;
    for (const auto& f : c.fired) {
      if (has(c.expect, f.rule_id) || has(c.also_ok, f.rule_id)) continue;
      // One alert per rule and event: a second alert of the same rule is not a second error.
      bool seen = false;
      for (const auto& item : r.false_alerts)
        seen |= item.case_index == i && item.rule_id == f.rule_id;
      if (seen) continue;
      ++rule(f.rule_id).fp;
      r.false_alerts.push_back({i, f.rule_id, &f});
      false_alert = true;
    }
    for (const auto& g : c.groups) {
      GroupScore& gs = groups[g];
      gs.group = g;
      ++gs.events;
      if (false_alert) ++gs.with_false_alert;
    }
  }
  for (auto& s : r.rules) {
    finish(s);
    r.micro.tp += s.tp, r.micro.fp += s.fp, r.micro.fn += s.fn, r.micro.support += s.support;
    if (s.support == 0 && s.fp == 0) continue;
    ++r.macro_rules;
    r.macro.precision += s.precision, r.macro.recall += s.recall, r.macro.f1 += s.f1;
    r.macro.support += s.support;
  }
  finish(r.micro);
  r.micro.rule_id = "micro";
  r.macro.rule_id = "macro";
  if (r.macro_rules) {
    r.macro.precision /= double(r.macro_rules);
    r.macro.recall /= double(r.macro_rules);
    r.macro.f1 /= double(r.macro_rules);
  } else {
    r.macro.precision = r.macro.recall = r.macro.f1 = 1.0;
  }
  for (auto& [name, gs] : groups) {
    gs.rate = gs.events ? double(gs.with_false_alert) / double(gs.events) : 0.0;
    r.groups.push_back(gs);
  }
  return r;
}

}  // namespace netra::daemon::eval
