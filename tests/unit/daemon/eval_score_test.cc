// Scoring of `netra eval` on a tiny labelled set whose figures are worked out by hand.
#include "daemon/eval_score.h"

#include <gtest/gtest.h>

namespace netra::daemon::eval {
namespace {

Case make(std::string id, std::vector<std::string> expect, std::vector<std::string> fired,
          std::vector<std::string> groups, std::vector<std::string> also_ok = {}) {
  Case c;
  c.event_id = std::move(id);
  c.expect = std::move(expect);
  c.also_ok = std::move(also_ok);
  c.groups = std::move(groups);
  for (auto& f : fired) c.fired.push_back({f, {"text: " + f}});
  return c;
}

// Rules a, b, c. Per event (expect -> fired):
//   e1 [a]   -> [a]      tp a
//   e2 [a]   -> []       fn a
//   e3 [a,b] -> [a,b]    tp a, tp b
//   e4 []    -> [a]      fp a          (hard_negative)
//   e5 []    -> [b]      b is also_ok: nothing
//   e6 [b]   -> [b,c]    tp b, fp c    (slang)
//   e7 []    -> []       nothing       (hard_negative)
//   e8 []    -> [a,a]    one fp a (same rule twice in one event)  (non_asn)
// a: tp 2 fp 2 fn 1 -> P 0.5, R 2/3, F1 4/7
// b: tp 2 fp 0 fn 0 -> P 1, R 1, F1 1
// c: tp 0 fp 1 fn 0 -> P 0, R 1 (no support), F1 0
// micro: tp 4 fp 3 fn 1 -> P 4/7, R 4/5, F1 2/3
// macro over a, b, c: P 0.5, R 8/9, F1 (4/7 + 1 + 0) / 3
std::vector<Case> tiny() {
  return {
      make("e1", {"a"}, {"a"}, {"pilpres"}),           make("e2", {"a"}, {}, {"pilpres", "slang"}),
      make("e3", {"a", "b"}, {"a", "b"}, {"pileg"}),   make("e4", {}, {"a"}, {"hard_negative"}),
      make("e5", {}, {"b"}, {"hard_negative"}, {"b"}), make("e6", {"b"}, {"b", "c"}, {"slang"}),
      make("e7", {}, {}, {"hard_negative"}),           make("e8", {}, {"a", "a"}, {"non_asn"})};
}

TEST(EvalScore, PerRuleMicroAndMacroFigures) {
  auto cases = tiny();
  Report r = score(cases, {"a", "b", "c", "d"});
  ASSERT_EQ(r.rules.size(), 4u);
  const RuleScore &a = r.rules[0], &b = r.rules[1], &c = r.rules[2], &d = r.rules[3];
  EXPECT_EQ(a.support, 3u);
  EXPECT_EQ(a.tp, 2u);
  EXPECT_EQ(a.fp, 2u);
  EXPECT_EQ(a.fn, 1u);
  EXPECT_DOUBLE_EQ(a.precision, 0.5);
  EXPECT_DOUBLE_EQ(a.recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(a.f1, 4.0 / 7);
  EXPECT_EQ(b.tp, 2u);
  EXPECT_EQ(b.fp, 0u);
  EXPECT_DOUBLE_EQ(b.f1, 1.0);
  EXPECT_EQ(c.support, 0u);
  EXPECT_EQ(c.fp, 1u);
  EXPECT_DOUBLE_EQ(c.precision, 0.0);
  EXPECT_DOUBLE_EQ(c.recall, 1.0);
  EXPECT_DOUBLE_EQ(c.f1, 0.0);
  EXPECT_EQ(d.support + d.tp + d.fp + d.fn, 0u);  // never expected, never fired
  EXPECT_EQ(r.micro.tp, 4u);
  EXPECT_EQ(r.micro.fp, 3u);
  EXPECT_EQ(r.micro.fn, 1u);
  EXPECT_DOUBLE_EQ(r.micro.precision, 4.0 / 7);
  EXPECT_DOUBLE_EQ(r.micro.recall, 0.8);
  EXPECT_NEAR(r.micro.f1, 2.0 / 3, 1e-12);
  EXPECT_EQ(r.macro_rules, 3u);  // d says nothing
  EXPECT_DOUBLE_EQ(r.macro.precision, 0.5);
  EXPECT_NEAR(r.macro.recall, 8.0 / 9, 1e-12);
  EXPECT_NEAR(r.macro.f1, (4.0 / 7 + 1.0) / 3, 1e-12);
  EXPECT_EQ(r.events, 8u);
  EXPECT_EQ(r.positive_events, 4u);
}

TEST(EvalScore, FalseAlertRatePerGroup) {
  auto cases = tiny();
  Report r = score(cases, {"a", "b", "c"});
  ASSERT_EQ(r.groups.size(), 5u);  // sorted by name
  auto g = [&](size_t i) { return r.groups[i]; };
  EXPECT_EQ(g(0).group, "hard_negative");
  EXPECT_EQ(g(0).events, 3u);
  EXPECT_EQ(g(0).with_false_alert, 1u);  // e4; e5's alert is also_ok
  EXPECT_DOUBLE_EQ(g(0).rate, 1.0 / 3);
  EXPECT_EQ(g(1).group, "non_asn");
  EXPECT_DOUBLE_EQ(g(1).rate, 1.0);
  EXPECT_EQ(g(2).group, "pileg");
  EXPECT_DOUBLE_EQ(g(2).rate, 0.0);
  EXPECT_EQ(g(3).group, "pilpres");
  EXPECT_EQ(g(3).events, 2u);
  EXPECT_EQ(g(4).group, "slang");
  EXPECT_DOUBLE_EQ(g(4).rate, 0.5);  // e6 fired c
}

TEST(EvalScore, ListsEveryMissAndFalseAlertWithItsAlert) {
  auto cases = tiny();
  Report r = score(cases, {"a", "b", "c"});
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(cases[r.misses[0].case_index].event_id, "e2");
  EXPECT_EQ(r.misses[0].rule_id, "a");
  ASSERT_EQ(r.false_alerts.size(), 3u);
  EXPECT_EQ(cases[r.false_alerts[0].case_index].event_id, "e4");
  EXPECT_EQ(cases[r.false_alerts[1].case_index].event_id, "e6");
  EXPECT_EQ(r.false_alerts[1].rule_id, "c");
  ASSERT_NE(r.false_alerts[1].alert, nullptr);
  EXPECT_EQ(r.false_alerts[1].alert->evidence.at(0), "text: c");
  EXPECT_EQ(cases[r.false_alerts[2].case_index].event_id, "e8");
}

TEST(EvalScore, NothingLabelledNothingFired) {
  Report r = score({}, {"a"});
  EXPECT_DOUBLE_EQ(r.micro.f1, 1.0);
  EXPECT_EQ(r.macro_rules, 0u);
  EXPECT_TRUE(r.groups.empty());
}

}  // namespace
}  // namespace netra::daemon::eval
