// The Worker over the shipped configuration: determinism, evidence offsets, outcomes.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/engine.h"

namespace netra::engine {
namespace {

std::shared_ptr<const RuleSet> shipped() {
  static std::shared_ptr<const RuleSet> rs = [] {
    const std::string c = std::string(NETRA_SOURCE_DIR) + "/config/";
    Settings s;
    s.rules_dir = c + "rules";
    s.lists_dir = c + "lists";
    s.asn_accounts = c + "registries/asn_accounts.csv";
    s.political_accounts = c + "registries/political_accounts.csv";
    s.campaign_media = c + "registries/campaign_media.csv";
    s.calendar = c + "calendar/2024.yaml";
    std::vector<Diagnostic> diags;
    auto r = RuleSet::load(s, diags);
    for (auto& d : diags)
      if (!d.warning) ADD_FAILURE() << d.str();
    return r;
  }();
  return rs;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1705100000));

TEST(Worker, EvidenceOffsetsPointIntoTheOriginalText) {
  auto rs = shipped();
  ASSERT_TRUE(rs);
  Worker w(rs);
  Output out;
  // Full-width, zero-width and a homoglyph: the evidence must cut the original bytes.
  const std::string text = "Dukung \xEF\xBC\xA7\xEF\xBD\x81njar Pra\xE2\x80\x8Bnowo sampai menang";
  const std::string ev = std::string(R"({"event_id":"w1","platform":"x","action":"post",)") +
                         R"("ts":"2024-01-20T10:00:00+07:00","actor":{"account_id":"x:1500001"},"text":")" +
                         text + "\"}";
  w.process(ev, nullptr, kNow, out);
  ASSERT_EQ(out.outcome, Outcome::alerted);
  ASSERT_EQ(out.alert_count, 1u);
  simdjson::dom::parser p;
  simdjson::dom::element a = p.parse(out.alerts[0].json);
  bool checked = false;
  for (auto e : a["evidence"].get_array()) {
    std::string_view field = e["field"];
    if (field != "text") continue;
    uint64_t s = e["start"], end = e["end"];
    std::string_view quoted = e["text"];
    EXPECT_EQ(text.substr(s, end - s), quoted);
    checked = true;
  }
  EXPECT_TRUE(checked);
  EXPECT_EQ(out.alerts[0].key, "x:1500001");
  EXPECT_EQ(out.alerts[0].region, "32");
}

TEST(Worker, AlertIdIsDeterministicAndDetectionTimeIndependent) {
  auto rs = shipped();
  ASSERT_TRUE(rs);
  Worker w1(rs), w2(rs);
  Output o1, o2;
  const std::string ev =
      R"({"event_id":"w2","platform":"x","action":"like","ts":"2024-01-10T09:00:00+07:00",)"
      R"("actor":{"account_id":"x:1500001"},"target":{"account_id":"x:900000201"}})";
  w1.process(ev, nullptr, kNow, o1);
  w2.process(ev, nullptr, kNow + std::chrono::hours(5), o2);
  ASSERT_EQ(o1.alert_count, 1u);
  ASSERT_EQ(o2.alert_count, 1u);
  simdjson::dom::parser p1, p2;
  std::string_view id1 = p1.parse(o1.alerts[0].json)["alert_id"];
  std::string_view id2 = p2.parse(o2.alerts[0].json)["alert_id"];
  EXPECT_EQ(id1, id2);
  EXPECT_EQ(id1.size(), 32u);
  std::string_view deadline = p1.parse(o1.alerts[0].json)["report_deadline"];
  EXPECT_EQ(deadline, "2024-01-19T22:53:20Z");  // detection + 7 days
}

TEST(Worker, OutcomesAndSource) {
  auto rs = shipped();
  ASSERT_TRUE(rs);
  Worker w(rs);
  Output out;
  w.process(R"({"event_id":"n","platform":"x","action":"like","ts":"2024-01-10T09:00:00+07:00","actor":{"account_id":"nobody"},"target":{"account_id":"x:900000201"}})",
            nullptr, kNow, out);
  EXPECT_EQ(out.outcome, Outcome::not_asn);
  EXPECT_EQ(out.alert_count, 0u);
  Source src{"social-events", 3, 42};
  w.process(R"({"event_id":"s","platform":"x","action":"like","ts":"2024-01-10T09:00:00+07:00","actor":{"account_id":"x:1500001"},"target":{"account_id":"x:900000201"}})",
            &src, kNow, out);
  ASSERT_EQ(out.alert_count, 1u);
  EXPECT_NE(out.alerts[0].json.find(R"("source":{"topic":"social-events","partition":3,"offset":42})"),
            std::string::npos);
  w.process(std::string(2 << 20, ' '), nullptr, kNow, out);
  EXPECT_EQ(out.outcome, Outcome::invalid);
  EXPECT_EQ(out.reason, "too_large");
  EXPECT_EQ(out.platform, "unknown");
}

}  // namespace
}  // namespace netra::engine
