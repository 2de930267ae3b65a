#pragma once
// Alert records for the console tests, in the daemon's alert format.
#include <string>

namespace netra::console::testing {

struct AlertSpec {
  std::string id = "a1";
  std::string rule = "online_campaign_post";
  std::string severity = "high";
  std::string ts = "2024-01-12T08:15:00+07:00";
  std::string nip = "198503122010011002";
  std::string account = "x:1500001";
  std::string entity = "Prabowo Subianto - Gibran Rakabuming Raka (02)";
  std::string deadline = "2024-01-19T01:15:00Z";
  std::string name = "Dedi Kurniawan";
};

inline std::string alert_json(const AlertSpec& s) {
  return R"({"alert_id":")" + s.id + R"(","rule_id":")" + s.rule +
         R"(","rule_name":"Sosialisasi/kampanye medsos","severity":")" + s.severity +
         R"(","track":"disiplin","skb_item":"B.2","legal_basis":["SKB 2/2022"],"sanction":"berat",)"
         R"("phase":"campaign","race":"pilpres","event":{"event_id":"e-)" +
         s.id + R"(","platform":"x","action":"post","ts":")" + s.ts +
         R"(","url":""},"terlapor":{"platform":"x","account_id":")" + s.account +
         R"(","handle":"","nip":")" + s.nip + R"(","name":")" + s.name +
         R"(","agency":"Dinas Pendidikan Kota Bandung","unit":"SMP","position":"Guru",)"
         R"("region_code":"3273"},"target":{"account_id":"","handle":"","kind":"candidate",)"
         R"("entity":")" +
         s.entity +
         R"(","ballot_no":"02","source":"text"},"evidence":[{"field":"text","start":4,"end":10,)"
         R"("text":"coblos","pattern_id":"support_phrases:74"}],"uraian":"Pada Jumat ...",)"
         R"("detected_at":"2024-01-12T01:16:00Z","report_deadline":")" +
         s.deadline + R"(","recommended_route":"Bawaslu -> KASN -> PPK","rules_version":"x"})";
}

}  // namespace netra::console::testing
