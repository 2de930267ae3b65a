// The Worker over the shipped configuration: determinism, evidence offsets, outcomes.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/engine.h"

namespace netra::engine {
namespace {

// The shipped configuration, with `candidates` (KPU DCT CSV files) when given.
std::shared_ptr<const RuleSet> load_shipped(std::vector<std::string> candidates = {}) {
  const std::string c = std::string(NETRA_SOURCE_DIR) + "/config/";
  Settings s;
  s.rules_dir = c + "rules";
  s.lists_dir = c + "lists";
  s.asn_accounts = c + "registries/asn_accounts.csv";
  s.political_accounts = c + "registries/political_accounts.csv";
  s.campaign_media = c + "registries/campaign_media.csv";
  s.calendar = c + "calendar/2024.yaml";
  s.candidate_files = std::move(candidates);
  std::vector<Diagnostic> diags;
  auto r = RuleSet::load(s, diags);
  for (auto& d : diags)
    if (!d.warning) ADD_FAILURE() << d.str();
  return r;
}

std::shared_ptr<const RuleSet> shipped() {
  static std::shared_ptr<const RuleSet> rs = load_shipped();
  return rs;
}

// The "field" of each evidence item of an alert, in order, with its text.
std::vector<std::string> evidence_of(const std::string& alert) {
  simdjson::dom::parser p;
  std::vector<std::string> out;
  for (auto e : p.parse(alert)["evidence"].get_array()) {
    std::string_view field = e["field"], text = e["text"];
    out.push_back(std::string(field) + "=" + std::string(text));
  }
  return out;
}

std::vector<std::string> rules_fired(const Output& out) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < out.alert_count; ++i) ids.push_back(out.alerts[i].rule_id);
  return ids;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1705100000));

TEST(Worker, EvidenceOffsetsPointIntoTheOriginalText) {
  auto rs = shipped();
  ASSERT_TRUE(rs);
  Worker w(rs);
  Output out;
  // Full-width, zero-width and a homoglyph: the evidence must cut the original bytes.
  const std::string text = "Dukung \xEF\xBC\xA7\xEF\xBD\x81njar Pra\xE2\x80\x8Bnowo sampai menang";
  const std::string ev =
      std::string(R"({"event_id":"w1","platform":"x","action":"post",)") +
      R"("ts":"2024-01-20T10:00:00+07:00","actor":{"account_id":"x:1500001"},"text":")" + text +
      "\"}";
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
  w.process(
      R"({"event_id":"n","platform":"x","action":"like","ts":"2024-01-10T09:00:00+07:00","actor":{"account_id":"nobody"},"target":{"account_id":"x:900000201"}})",
      nullptr, kNow, out);
  EXPECT_EQ(out.outcome, Outcome::not_asn);
  EXPECT_EQ(out.alert_count, 0u);
  Source src{"social-events", 3, 42};
  w.process(
      R"({"event_id":"s","platform":"x","action":"like","ts":"2024-01-10T09:00:00+07:00","actor":{"account_id":"x:1500001"},"target":{"account_id":"x:900000201"}})",
      &src, kNow, out);
  ASSERT_EQ(out.alert_count, 1u);
  EXPECT_NE(
      out.alerts[0].json.find(R"("source":{"topic":"social-events","partition":3,"offset":42})"),
      std::string::npos);
  w.process(std::string(2 << 20, ' '), nullptr, kNow, out);
  EXPECT_EQ(out.outcome, Outcome::invalid);
  EXPECT_EQ(out.reason, (InvalidReason{InvalidKind::too_large, {}}));
  EXPECT_EQ(out.reason.str(), "too_large");
  EXPECT_EQ(out.platform, "unknown");
}

// The ASN's display name and position are scanned only when a rule that reads
// them may fire (partisan_official_action): the rule must still see them there.
TEST(Worker, AnOfficialsOwnFieldsCountWhereARuleReadsThem) {
  auto rs = shipped();
  ASSERT_TRUE(rs);
  Worker w(rs);
  Output out;
  auto event = [](const char* display_name, const char* text) {
    return std::string(R"({"event_id":"o1","platform":"x","action":"post",)") +
           R"("ts":"2024-01-15T10:00:00+07:00","actor":{"account_id":"x:77","nip":)" +
           R"("198807252015031001","display_name":")" + display_name + R"("},"text":")" + text +
           "\"}";
  };
  const char* aid = "Penyaluran bansos untuk warga, titipan salam dari Prabowo Subianto";
  w.process(event("Kepala Dinas Sosial", aid), nullptr, kNow, out);
  const auto fired = rules_fired(out);
  ASSERT_NE(std::find(fired.begin(), fired.end(), "partisan_official_action"), fired.end());
  for (size_t i = 0; i < out.alert_count; ++i) {
    if (out.alerts[i].rule_id != "partisan_official_action") continue;
    const auto ev = evidence_of(out.alerts[i].json);
    EXPECT_NE(std::find(ev.begin(), ev.end(), "actor.display_name=Kepala Dinas"), ev.end())
        << testing::PrintToString(ev);
  }
  // Not an official by name; an official, but no program; both, but no candidate.
  for (const auto& [name, text] :
       {std::pair{"Budi Santoso", aid},
        std::pair{"Kepala Dinas Sosial", "Titipan salam dari Prabowo Subianto untuk warga"},
        std::pair{"Kepala Dinas Sosial", "Penyaluran bansos untuk warga kelurahan hari ini"}}) {
    w.process(event(name, text), nullptr, kNow, out);
    const auto ids = rules_fired(out);
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "partisan_official_action"), ids.end())
        << name << " / " << text;
  }
}

// Evidence lists hits in field order, the weak names found once a party is
// named last: the ASN's position, scanned late, keeps its place before them.
TEST(Worker, AnOfficialsPositionKeepsItsPlaceBeforeWeakNames) {
  char dir[] = "/tmp/netra-worker-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string csv = std::string(dir) + "/dpr.csv";
  std::ofstream(csv) << "dapil,party_no,party,ballot_no,candidate_id,name,gender,residence\n"
                        "JAWA TIMUR I,2,GERINDRA,3,3501-02-03,Hj. MAWAR,P,KOTA SURABAYA\n";
  auto rs = load_shipped({csv});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(rs);
  Worker w(rs);
  Output out;
  // ig:4100000001 is a camat in the shipped ASN registry.
  w.process(R"({"event_id":"o2","platform":"instagram","action":"post",)"
            R"("ts":"2024-01-15T10:00:00+07:00","actor":{"account_id":"ig:4100000001"},)"
            R"("text":"Penyaluran bansos dari Partai Gerindra, salam Mawar"})",
            nullptr, kNow, out);
  bool checked = false;
  for (size_t i = 0; i < out.alert_count; ++i) {
    if (out.alerts[i].rule_id != "partisan_official_action") continue;
    const auto ev = evidence_of(out.alerts[i].json);
    auto at = [&](const char* item) { return std::find(ev.begin(), ev.end(), item) - ev.begin(); };
    const auto position = at("terlapor.position=Camat"), weak = at("text=Mawar");
    ASSERT_LT(position, static_cast<ptrdiff_t>(ev.size())) << testing::PrintToString(ev);
    ASSERT_LT(weak, static_cast<ptrdiff_t>(ev.size())) << testing::PrintToString(ev);
    EXPECT_LT(position, weak) << testing::PrintToString(ev);
    EXPECT_LT(at("text=Gerindra"), position) << testing::PrintToString(ev);
    checked = true;
  }
  EXPECT_TRUE(checked) << testing::PrintToString(rules_fired(out));
}

}  // namespace
}  // namespace netra::engine
