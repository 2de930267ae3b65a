#include "console/b1_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

B1Record sample_record() {
  Case c;
  c.case_id = 42;
  c.terlapor_name = "Siti Nurhaliza Pratiwi";
  c.nip = "198503122010011002";
  c.account_id = "x:1500001";
  c.agency = "Dinas Pendidikan Kota Bandung";
  c.region_code = "3273";
  c.rule_id = "online_campaign_post";
  c.rule_name = "Sosialisasi/kampanye medsos";
  c.skb_item = "B.2";
  c.target_entity = "Paslon 02";
  c.deadline = "2024-01-19T01:15:00Z";
  c.first_ts = "2024-01-12T08:15:00+07:00";
  testing::AlertSpec s;
  std::string a = testing::alert_json(s);
  // The whole post, long enough to wrap over several lines, with non-ASCII text.
  a.insert(a.size() - 1,
           R"(,"content":{"text":"Ayo coblos 02 — “pasti menang” di Kecamatan Cibeunying Kaler, )"
           R"(jangan lupa ajak keluarga dan tetangga ke TPS tanggal 14 Februari, semua demi )"
           R"(Indonesia maju ✓ https://example.invalid/sangat/panjang/sekali/tautan/yang/tidak/)"
           R"(punya/spasi/sama/sekali/agar/dipotong/di/tengah/kata/12345678901234567890"})");
  return b1_record(c, {a}, B1Pelapor{"Rina Operator", "rina", "operator", "Patroli Siber"},
                   "KOTA BANDUNG");
}

TEST(B1Pdf, IndonesianTime) {
  EXPECT_EQ(indonesian_time("2024-01-12T08:15:00+07:00"), "Jumat, 12 Januari 2024 08.15 WIB");
  EXPECT_EQ(indonesian_time("2024-01-12T01:16:00Z"), "Jumat, 12 Januari 2024 08.16 WIB");
  EXPECT_EQ(indonesian_time("2024-02-14T23:30:00+08:00"), "Rabu, 14 Februari 2024 23.30 WITA");
  EXPECT_EQ(indonesian_time("2024-02-14T07:00:00+00:00"), "Rabu, 14 Februari 2024 07.00 UTC+00:00");
  EXPECT_EQ(indonesian_time("kemarin"), "kemarin");
}

TEST(B1Pdf, MissingFontIsAnError) {
  std::string pdf, error;
  EXPECT_FALSE(b1_pdf(sample_record(), "/nonexistent/fonts", 0, pdf, error));
  EXPECT_NE(error.find("DejaVuSans.ttf"), std::string::npos) << error;
}

// The form as text (poppler's pdftotext, scripts/setup's dev set), or skip without it.
TEST(B1Pdf, TextOfTheFormHasEveryField) {
  if (!std::filesystem::exists(std::string(kDefaultFontDir) + "/DejaVuSans.ttf"))
    GTEST_SKIP() << "fonts-dejavu-core is not installed";
  const B1Record r = sample_record();
  std::string pdf, error;
  ASSERT_TRUE(b1_pdf(r, kDefaultFontDir, 1705025760, pdf, error)) << error;
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  if (access("/usr/bin/pdftotext", X_OK) != 0) GTEST_SKIP() << "pdftotext (poppler-utils) missing";
  const auto dir = std::filesystem::temp_directory_path();
  const std::string in = (dir / ("netra-b1-" + std::to_string(getpid()) + ".pdf")).string();
  const std::string out = in + ".txt";
  std::ofstream(in, std::ios::binary) << pdf;
  ASSERT_EQ(
      std::system(("/usr/bin/pdftotext -enc UTF-8 " + in + " " + out + " 2>/dev/null").c_str()), 0);
  std::ifstream f(out);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  // Wrapped lines compare as one: runs of white space become one space.
  std::string flat;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)))
      flat += c;
    else if (!flat.empty() && flat.back() != ' ')
      flat += ' ';
  for (const std::string& want : std::vector<std::string>{
           "FORMULIR MODEL B.1", "IDENTITAS PELAPOR", "Rina Operator", "Patroli Siber",
           "Siti Nurhaliza Pratiwi", "198503122010011002", "KOTA BANDUNG (3273)",
           "Sosialisasi/kampanye medsos (online_campaign_post), SKB butir B.2; sasaran: Paslon 02",
           "Jumat, 12 Januari 2024 08.15 WIB", "SAKSI-SAKSI", "“pasti menang”", "Cibeunying",
           r.bukti.at(0).sha256, "Pada Jumat ...", "halaman 1 dari"})
    EXPECT_NE(flat.find(want), std::string::npos) << "missing: " << want << "\n" << text;
  // The long URL is broken over lines but none of it is lost.
  std::string joined;
  for (char c : text)
    if (c != '\n' && c != ' ') joined += c;
  EXPECT_NE(joined.find("tengah/kata/12345678901234567890"), std::string::npos) << text;
}

}  // namespace
}  // namespace netra::console
