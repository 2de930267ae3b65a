#include "console/b1_form.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

// RFC 4180 records of `csv` (after a UTF-8 BOM).
std::vector<std::vector<std::string>> parse_csv(std::string csv) {
  if (csv.rfind("\xEF\xBB\xBF", 0) == 0) csv.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      ++i;
      if (i + 1 < csv.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

std::map<std::string, std::string> as_record(const std::string& csv, size_t row = 1) {
  auto rows = parse_csv(csv);
  std::map<std::string, std::string> out;
  if (rows.size() <= row || rows[row].size() != rows[0].size()) return out;
  for (size_t i = 0; i < rows[0].size(); ++i) out[rows[0][i]] = rows[row][i];
  return out;
}

TEST(B1Form, CsvCellQuotesAndDefusesFormulas) {
  EXPECT_EQ(csv_cell("biasa"), "biasa");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("kata \"kutip\""), "\"kata \"\"kutip\"\"\"");
  EXPECT_EQ(csv_cell("baris\nbaru"), "\"baris\nbaru\"");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+62812"), "'+62812");
  EXPECT_EQ(csv_cell("@akun"), "'@akun");
  EXPECT_EQ(csv_cell(""), "");
}

TEST(B1Form, Sha256) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(B1Form, OneRowPerCaseWithEveryAlertAsEvidence) {
  Case c;
  c.case_id = 7;
  c.terlapor_name = "Dedi Kurniawan";
  c.nip = "198503122010011002";
  c.account_id = "x:1500001";
  c.agency = "Dinas Pendidikan Kota Bandung";
  c.unit = "SMP";
  c.position = "Guru";
  c.region_code = "3273";
  c.platform = "x";
  c.rule_id = "online_campaign_post";
  c.rule_name = "Sosialisasi/kampanye medsos";
  c.skb_item = "B.2";
  c.target_entity = "Paslon 02";
  c.deadline = "2024-01-19T01:15:00Z";
  c.first_ts = "2024-01-12T08:15:00+07:00";
  c.last_ts = "2024-01-12T09:00:00+07:00";
  testing::AlertSpec s1, s2;
  s2.id = "a2";
  std::string with_content = testing::alert_json(s2);
  // The second alert carries the original text (content.<field>), an URL and a group.
  with_content.insert(with_content.size() - 1,
                      R"(,"content":{"text":"Ayo coblos 02, \"pasti menang\""})");
  size_t url = with_content.find(R"("url":"")");
  ASSERT_NE(url, std::string::npos);
  with_content.replace(url, 8,
                       R"("url":"https://x.com/p/2","group":{"id":"g1","name":"Grup Guru"})");
  const std::vector<std::string> alerts = {testing::alert_json(s1), with_content, "not json"};
  const B1Pelapor pelapor{"Rina Operator", "rina", "operator", "Patroli Siber Kominfo"};

  const std::string csv = b1_csv_header() + b1_csv_row(c, alerts, pelapor, "KOTA BANDUNG");
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  auto r = as_record(csv);
  ASSERT_FALSE(r.empty()) << csv;
  EXPECT_EQ(r["nomor_kasus"], "7");
  EXPECT_EQ(r["pelapor_nama"], "Rina Operator");
  EXPECT_EQ(r["pelapor_unit"], "Patroli Siber Kominfo");
  EXPECT_EQ(r["terlapor_nama"], "Dedi Kurniawan");
  EXPECT_EQ(r["terlapor_nip"], "198503122010011002");
  EXPECT_EQ(r["terlapor_wilayah"], "KOTA BANDUNG (3273)");
  EXPECT_EQ(
      r["peristiwa"],
      "Sosialisasi/kampanye medsos (online_campaign_post), SKB butir B.2; sasaran: Paslon 02");
  EXPECT_EQ(r["dasar_hukum"], "SKB 2/2022");
  EXPECT_EQ(r["waktu_kejadian"], "2024-01-12T08:15:00+07:00 s.d. 2024-01-12T09:00:00+07:00");
  EXPECT_EQ(r["waktu_diketahui"], "2024-01-12T01:16:00Z");
  EXPECT_EQ(r["batas_waktu_lapor"], "2024-01-19T01:15:00Z");
  EXPECT_EQ(r["tempat_platform"], "x");
  EXPECT_EQ(r["tempat_url"], "https://x.com/p/2");
  EXPECT_EQ(r["tempat_grup"], "Grup Guru (g1)");
  // Evidence: the spans of the first alert, the full original text of the second.
  EXPECT_EQ(r["bukti_isi"], "[1] text: coblos\n[2] text: Ayo coblos 02, \"pasti menang\"");
  EXPECT_EQ(r["bukti_sha256"], "[1] " + sha256_hex("text: coblos") + "\n[2] " +
                                   sha256_hex("text: Ayo coblos 02, \"pasti menang\""));
  EXPECT_EQ(r["bukti_url"], "[1] \n[2] https://x.com/p/2");
  EXPECT_EQ(r["bukti_waktu_tangkap"], "[1] 2024-01-12T01:16:00Z\n[2] 2024-01-12T01:16:00Z");
  EXPECT_EQ(r["uraian"], "[1] Pada Jumat ...\n[2] Pada Jumat ...");
  EXPECT_EQ(r["saksi"], "");
  EXPECT_EQ(r["jumlah_kejadian"], "2");  // the record that is not JSON is not evidence
}

TEST(B1Form, BatchRowsLineUpWithTheHeader) {
  Case a, b;
  a.case_id = 1;
  b.case_id = 2;
  b.terlapor_name = "=cmd|' /C calc'!A0";  // a formula from the public stays text
  const B1Pelapor p{"R", "r", "operator", "U"};
  const std::string csv = b1_csv_header() + b1_csv_row(a, {}, p, "") + b1_csv_row(b, {}, p, "");
  auto rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].size(), rows[0].size());
  EXPECT_EQ(rows[2].size(), rows[0].size());
  EXPECT_EQ(as_record(csv, 2)["terlapor_nama"], "'=cmd|' /C calc'!A0");
  EXPECT_EQ(as_record(csv, 1)["jumlah_kejadian"], "0");
}

}  // namespace
}  // namespace netra::console
