#include "console/labels.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

using nlohmann::json;

std::vector<json> lines(const std::string& ndjson) {
  std::vector<json> out;
  std::istringstream in(ndjson);
  for (std::string l; std::getline(in, l);) out.push_back(json::parse(l));
  return out;
}

// The alert of `spec` with another rule id on the same event.
std::string other_rule(testing::AlertSpec spec, const std::string& rule) {
  std::string a = testing::alert_json(spec);
  const std::string id = "\"alert_id\":\"" + spec.id + "\"";
  const std::string rid = "\"rule_id\":\"" + spec.rule + "\"";
  a.replace(a.find(id), id.size(), "\"alert_id\":\"" + spec.id + "-" + rule + "\"");
  a.replace(a.find(rid), rid.size(), "\"rule_id\":\"" + rule + "\"");
  return a;
}

TEST(Labels, ConfirmedRejectedAndUndecided) {
  testing::AlertSpec a1, a2, a3;
  a2.id = "a2";
  a3.id = "a3";
  LabelExport ex;
  ex.add(testing::alert_json(a1), Status::dikonfirmasi, 1);
  ex.add(testing::alert_json(a2), Status::ditolak, 2, "konteks_netral", "kutipan berita");
  ex.add("not json", Status::ditolak, 3);
  // Undecided: a rule on a labelled event goes to also_ok; an event nobody decided is left out.
  ex.add(other_rule(a1, "photo_with_candidate"), Status::baru, 4);
  ex.add(testing::alert_json(a3), Status::ditinjau, 5);
  std::string events, labels;
  LabelCounts n;
  ex.write(events, labels, n);
  EXPECT_EQ(n.events, 2);
  EXPECT_EQ(n.positive, 1);
  EXPECT_EQ(n.negative, 1);
  EXPECT_EQ(n.skipped, 1);
  auto ev = lines(events), lb = lines(labels);
  ASSERT_EQ(ev.size(), 2u);
  ASSERT_EQ(lb.size(), 2u);
  EXPECT_EQ(lb[0]["event_id"], "e-a1");
  EXPECT_EQ(lb[0]["expect"], json::array({"online_campaign_post"}));
  EXPECT_EQ(lb[0]["also_ok"], json::array({"photo_with_candidate"}));
  EXPECT_EQ(lb[0]["groups"], json::array({"console", "pilpres"}));
  EXPECT_EQ(lb[1]["event_id"], "e-a2");
  EXPECT_EQ(lb[1]["expect"], json::array());
  EXPECT_EQ(lb[1]["also_ok"], json::array());
  EXPECT_EQ(lb[1]["groups"], json::array({"console", "ditolak_konteks_netral", "pilpres"}));
  EXPECT_NE(lb[1]["note"].get<std::string>().find("kutipan berita"), std::string::npos);

  // The event (contract §1): identity, actor from the terlapor, the span at its offsets.
  const json& e = ev[0];
  EXPECT_EQ(e["event_id"], "e-a1");
  EXPECT_EQ(e["platform"], "x");
  EXPECT_EQ(e["action"], "post");
  EXPECT_EQ(e["ts"], "2024-01-12T08:15:00+07:00");
  EXPECT_EQ(e["actor"]["account_id"], "x:1500001");
  EXPECT_EQ(e["actor"]["nip"], "198503122010011002");
  EXPECT_EQ(e["actor"]["display_name"], "Dedi Kurniawan");
  EXPECT_EQ(e["actor"]["region_code"], "3273");
  EXPECT_EQ(e["text"], "    coblos");
}

TEST(Labels, WholeContentWinsAndFieldsAreRebuilt) {
  testing::AlertSpec s;
  std::string a = testing::alert_json(s);
  // Evidence into media, hashtags, the group and the target account; the text given whole.
  const std::string extra =
      R"(,"content":{"text":"Ayo coblos 02!"},"evidence":[)"
      R"({"field":"text","start":4,"end":10,"text":"coblos","pattern_id":"p:1"},)"
      R"({"field":"media[1].caption","start":2,"end":5,"text":"02!","pattern_id":"p:2"},)"
      R"({"field":"hashtags[0]","start":0,"end":9,"text":"#Prabowo2","pattern_id":"p:3"},)"
      R"({"field":"group.name","start":0,"end":12,"text":"Relawan Guru","pattern_id":"p:4"},)"
      R"({"field":"target.account_id","start":0,"end":11,"text":"x:900000201","pattern_id":"r:5"},)"
      R"({"field":"terlapor.position","start":0,"end":5,"text":"Camat","pattern_id":"p:6"},)"
      R"({"field":"text","start":2,"end":4,"text":"too long","pattern_id":"p:7"}]})";
  // The record's tail from its evidence on is replaced (the labels need none of it).
  a.erase(a.find(R"(,"evidence":[)"));
  a += extra;
  LabelExport ex;
  ex.add(a, Status::diteruskan, 9);
  std::string events, labels;
  LabelCounts n;
  ex.write(events, labels, n);
  ASSERT_EQ(n.events, 1) << a;
  const json e = json::parse(events);
  EXPECT_EQ(e["text"], "Ayo coblos 02!");
  ASSERT_EQ(e["media"].size(), 2u);
  EXPECT_EQ(e["media"][0], json({{"type", "image"}}));
  EXPECT_EQ(e["media"][1]["caption"], "  02!");
  EXPECT_EQ(e["hashtags"], json::array({"#Prabowo2"}));
  EXPECT_EQ(e["group"]["name"], "Relawan Guru");
  EXPECT_EQ(e["target"]["account_id"], "x:900000201");
  EXPECT_EQ(e["actor"]["position"], "Camat");
  EXPECT_EQ(json::parse(labels)["expect"], json::array({"online_campaign_post"}));
}

}  // namespace
}  // namespace netra::console
