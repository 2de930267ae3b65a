// KPU Pilkada 2024 pairs and their aliases: the loader recognises the file by
// its header, strips titles, makes the pair forms; aliases map to a pair by
// region_code + ballot_no; a regional ballot number names a pair only for an
// ASN in that race.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/lexicon.h"
#include "engine/regional_ballot.h"
#include "engine/ruleset.h"
#include "engine/ruleset_data.h"

namespace netra::engine {
namespace {
namespace fs = std::filesystem;

class Dir {
 public:
  Dir()
      : path_(fs::temp_directory_path() /
              ("netra-pilkada-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    fs::create_directories(path_ / "lists");
    fs::create_directories(path_ / "rules");
  }
  ~Dir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

const char kPairsHeader[] = "level,province,region,region_code,ballot_no,head,deputy,parties\n";
const char kPairs[] =
    "gubernur,JAWA TIMUR,JAWA TIMUR,35,1,\"Hj. LULUK NUR HAMIDAH, M.Si.\",\"H. LUKMANUL KHAKIM, "
    "M.Si.\",\n"
    "gubernur,JAWA TIMUR,JAWA TIMUR,35,2,KHOFIFAH INDAR PARAWANSA,EMIL ELESTIANTO DARDAK,\n"
    "walikota,JAWA TIMUR,KOTA SURABAYA,3578,1,\"ERI CAHYADI, S.T., M.T.\",\"ARMUJI, S.T.\",\n"
    "gubernur,DKI JAKARTA,DKI JAKARTA,31,3,\"Dr. Ir. PRAMONO ANUNG WIBOWO, M.M.\",\"H. RANO "
    "KARNO, S.IP. (SI DOEL)\",\n"
    "gubernur,DKI JAKARTA,DKI JAKARTA,31,2,\"Komjen Pol. (Purn). DHARMA PONGREKUN, S.I.K., "
    "M.M.\",\"Dr. Ir. R. KUN WARDANA ABYOTO, M.T.\",\n";

// Lists, rules and calendar for a load; `lists` adds files to the lists directory.
Settings settings(const Dir& d, std::vector<std::string> candidates,
                  const std::vector<std::pair<std::string, std::string>>& lists = {}) {
  d.write("rules/r.yaml",
          "rules:\n"
          "  - id: online_campaign_post\n"
          "    name: Sosialisasi\n"
          "    actions: [post]\n"
          "    when: {all: [{entity: [candidate]}, {list: support}]}\n"
          "    severity: {pre: low, post: high}\n"
          "    skb_item: {pre: A.2, post: B.2}\n"
          "    track: {pre: etik, post: disiplin}\n"
          "    sanction: moral\n"
          "    legal_basis: [SKB]\n");
  d.write("lists/support.txt", "dukung\n");
  for (const auto& [name, text] : lists) d.write("lists/" + name, text);
  Settings s;
  s.rules_dir = d.path("rules");
  s.lists_dir = d.path("lists");
  s.calendar = d.write("calendar.yaml",
                       "races:\n  pilkada:\n    penetapan: 2024-09-22\n"
                       "    campaign: [2024-09-25, 2024-11-23]\n"
                       "    quiet: [2024-11-24, 2024-11-26]\n    voting: 2024-11-27\n");
  s.candidate_files = std::move(candidates);
  return s;
}

// The entity a normalised literal names, or nullptr.
const Entity* entity_of(const RuleSet& rs, const std::string& literal) {
  const Lexicon& lx = rs.data().lexicon;
  for (size_t p = 0; p < lx.patterns.size(); ++p) {
    if (lx.patterns[p].expression != literal) continue;
    for (uint32_t r = lx.ref_begin[p]; r < lx.ref_begin[p + 1]; ++r)
      if (lx.ref_data[r].entity != kNone) return &lx.entities[lx.ref_data[r].entity];
  }
  return nullptr;
}

bool weak_ref(const RuleSet& rs, const std::string& literal) {
  const Lexicon& lx = rs.data().lexicon;
  for (size_t p = 0; p < lx.patterns.size(); ++p)
    if (lx.patterns[p].expression == literal)
      for (uint32_t r = lx.ref_begin[p]; r < lx.ref_begin[p + 1]; ++r)
        if (lx.ref_data[r].entity != kNone) return lx.ref_data[r].weak;
  return false;
}

std::string errors(const std::vector<Diagnostic>& diags) {
  std::string s;
  for (const auto& x : diags)
    if (!x.warning) s += x.str() + "\n";
  return s;
}

TEST(Pilkada, TitlesRanksAndNbspAreStripped) {
  EXPECT_EQ(clean_candidate_name("BUSTAMI HAMZAH, S.E., M.Si."), "Bustami Hamzah");
  EXPECT_EQ(clean_candidate_name("Tgk. H. M. FADHIL RAHMI, Lc., M.Ag."), "Fadhil Rahmi");
  EXPECT_EQ(clean_candidate_name("Komjen Pol. (Purn). DHARMA PONGREKUN, S.I.K., M.M., M.Hum."),
            "Dharma Pongrekun");
  EXPECT_EQ(clean_candidate_name("Jenderal TNI (Purn.) H. ANDIKA M PERKASA, S.E., M.A., M.Sc."),
            "Andika Perkasa");
  EXPECT_EQ(clean_candidate_name("Brigjen (P) Hj. GRA. MUSTIKANINGRAT"), "Mustikaningrat");
  EXPECT_EQ(clean_candidate_name("Dr. Drs. BENHUR TOMI MANO,\xC2\xA0M.M."), "Benhur Tomi Mano");
  EXPECT_EQ(clean_candidate_name("H. RANO KARNO, S.IP. (SI DOEL)"), "Rano Karno");
  // Names KPU wrote with a stray dot keep it; abbreviated parts and initials go.
  EXPECT_EQ(clean_candidate_name("H. MAWARDI. R, S.IP."), "Mawardi");
  EXPECT_EQ(clean_candidate_name("Dr. AFNI.Z, M.Si"), "Afni");
  EXPECT_EQ(clean_candidate_name("Drs. H.RUSLAN, M.Pd."), "Ruslan");
  EXPECT_EQ(clean_candidate_name("FAJAR HADI PRABOWO."), "Fajar Hadi Prabowo");
  EXPECT_EQ(clean_candidate_name("Dr. ABD. RAHMAN BANDO"), "Rahman Bando");
  EXPECT_EQ(clean_candidate_name("MOH. RAMDHAN POMANTO"), "Ramdhan Pomanto");
  EXPECT_EQ(clean_candidate_name("Capt. H. EPYARDI ASDA, M.Mar"), "Epyardi Asda");
  EXPECT_EQ(clean_candidate_name("Laksda. TNI (Purn.) Dr. Ir. YUHASTIHAR, M.M."), "Yuhastihar");
  EXPECT_EQ(clean_candidate_name("MOHD. INDRAWAN HUSAIRI, S.P."), "Indrawan Husairi");
  EXPECT_EQ(clean_candidate_name("Dr. Dipl.-Ing. Hj. LILLY S. WASITOVA"), "Lilly Wasitova");
  EXPECT_EQ(clean_candidate_name("H. A. S. SUKAWIJAYA ALIAS YOYOK SUKAWI, S.E., M.M."),
            "Sukawijaya Alias Yoyok Sukawi");
}

TEST(Pilkada, PairsFileIsRecognisedByItsHeaderAndMakesPairEntities) {
  Dir d;
  const std::string pairs = d.write("pairs.csv", std::string(kPairsHeader) + kPairs);
  std::vector<Diagnostic> diags;
  auto rs = RuleSet::load(settings(d, {pairs}), diags);
  ASSERT_TRUE(rs) << errors(diags);
  const Entity* e = entity_of(*rs, "khofifah indar parawansa");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "Khofifah Indar Parawansa - Emil Elestianto Dardak");
  EXPECT_EQ(e->race, "pilkada");
  EXPECT_EQ(e->kind, "candidate");
  EXPECT_EQ(e->ballot_no, "2");
  EXPECT_EQ(e->region, "35");
  EXPECT_EQ(e->detail, "Pilkada 2024, Gubernur JAWA TIMUR, nomor urut 2");
  EXPECT_EQ(entity_of(*rs, "emil elestianto dardak"), e);  // the deputy names the pair too
  // "A-B": call names and surnames; a prefix (Ir., H.) never is one.
  EXPECT_EQ(entity_of(*rs, "khofifah emil"), e);
  EXPECT_EQ(entity_of(*rs, "parawansa dardak"), e);
  EXPECT_NE(entity_of(*rs, "pramono rano"), nullptr);
  EXPECT_NE(entity_of(*rs, "dharma kun"), nullptr);
  EXPECT_FALSE(weak_ref(*rs, "pramono rano"));
  // A one-word name and a KPU nickname in parentheses are weak.
  EXPECT_TRUE(weak_ref(*rs, "armuji"));
  EXPECT_TRUE(weak_ref(*rs, "si doel"));
  // The single pair of its race has no drawn number.
  const Entity* sby = entity_of(*rs, "eri cahyadi");
  ASSERT_NE(sby, nullptr);
  EXPECT_EQ(sby->ballot_no, "");
  EXPECT_EQ(sby->region, "3578");
  EXPECT_EQ(sby->detail, "Pilkada 2024, Wali Kota KOTA SURABAYA, calon tunggal");
  // Every pair name is in the `candidates` list, like the DCT names.
  EXPECT_NE(rs->data().lexicon.list_id("candidates"), kNone);
}

TEST(Pilkada, UnknownHeaderAndBadRowsAreFileLineErrors) {
  Dir d;
  const std::string unknown = d.write("x.csv", "nama,nomor\nBudi,1\n");
  const std::string pairs =
      d.write("pairs.csv", std::string(kPairsHeader) +
                               "gubernur,ACEH,ACEH,11,1,MUZAKIR MANAF,FADHLULLAH,\n"  // 2 ok
                               "camat,ACEH,ACEH,11,2,A B,C D,\n"                      // 3 level
                               "gubernur,ACEH,ACEH,11,1,X Y,Z W,\n"                   // 4 dup
                               "bupati,ACEH,KAB X,11a1,1,X Y,Z W,\n"                  // 5 code
                               "bupati,ACEH,KAB X,1101,1,\"Dr. H.\",Z W,\n"           // 6 name
                               "bupati,ACEH,KAB X,1101,2,X Y,Z W\n");                 // 7 width
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(RuleSet::load(settings(d, {unknown, pairs}), diags));
  auto has = [&](const std::string& file, int line, const std::string& text) {
    for (const auto& x : diags)
      if (x.file == file && x.line == line && x.message.find(text) != std::string::npos &&
          x.str().find(file + ":" + std::to_string(line) + ": error: ") == 0)
        return true;
    return false;
  };
  EXPECT_TRUE(has(unknown, 1, "unknown candidate file header")) << errors(diags);
  EXPECT_TRUE(has(pairs, 3, "level must be")) << errors(diags);
  EXPECT_TRUE(has(pairs, 4, "duplicate pair 11/1 (first on line 2)")) << errors(diags);
  EXPECT_TRUE(has(pairs, 5, "region_code must be")) << errors(diags);
  EXPECT_TRUE(has(pairs, 6, "empty without titles")) << errors(diags);
  EXPECT_TRUE(has(pairs, 7, "expected 8 fields")) << errors(diags);
  size_t n = 0;
  for (const auto& x : diags) n += !x.warning;
  EXPECT_EQ(n, 6u) << errors(diags);
}

TEST(Pilkada, AliasesMapToPairsByRegionAndBallot) {
  Dir d;
  const std::string pairs = d.write("pairs.csv", std::string(kPairsHeader) + kPairs);
  const std::string aliases =
      "region_code,ballot_no,alias,strength,source\n"
      "# a comment, with commas\n"
      "35,2,Khofifah-Emil,strong,Suara Surabaya\n"
      "35,2,Khofifah,weak,Suara Surabaya\n"
      "31,3,Pram-Doel,auto,SIREKAP name\n";
  std::vector<Diagnostic> diags;
  auto rs = RuleSet::load(settings(d, {pairs}, {{"pilkada_aliases.csv", aliases}}), diags);
  ASSERT_TRUE(rs) << errors(diags);
  const Entity* e = entity_of(*rs, "khofifah indar parawansa");
  EXPECT_EQ(entity_of(*rs, "khofifah"), e);
  EXPECT_TRUE(weak_ref(*rs, "khofifah"));
  ASSERT_NE(entity_of(*rs, "pram-doel"), nullptr);
  EXPECT_EQ(entity_of(*rs, "pram-doel")->ballot_no, "3");
  EXPECT_FALSE(weak_ref(*rs, "pram-doel"));  // `auto`: "A-B" is two words
  EXPECT_NE(rs->data().lexicon.list_id("pilkada_aliases"), kNone);

  // Without a pairs file the aliases name nothing and load quietly.
  diags.clear();
  Dir d2;
  rs = RuleSet::load(settings(d2, {}, {{"pilkada_aliases.csv", aliases}}), diags);
  ASSERT_TRUE(rs) << errors(diags);
  EXPECT_EQ(entity_of(*rs, "khofifah"), nullptr);
}

TEST(Pilkada, BrokenAliasRowsAreFileLineErrors) {
  Dir d;
  const std::string pairs = d.write("pairs.csv", std::string(kPairsHeader) + kPairs);
  std::vector<Diagnostic> diags;
  auto s = settings(d, {pairs},
                    {{"pilkada_aliases.csv",
                      "region_code,ballot_no,alias,strength,source\n"
                      "35,2,Khofifah-Emil,strong,Suara Surabaya\n"  // 2 ok
                      "35,9,Nobody-Here,strong,x\n"                 // 3 no such pair
                      "35,2,Khofifah,sometimes,x\n"                 // 4 strength
                      "3x,2,Khofifah,weak,x\n"                      // 5 region
                      "35,2,Khofifah,weak,\n"                       // 6 source
                      "35,2,Kh,weak,x\n"                            // 7 too short
                      "35,2,Khofifah,weak\n"}});                    // 8 width
  const std::string file = d.path("lists/pilkada_aliases.csv");
  EXPECT_FALSE(RuleSet::load(s, diags));
  std::vector<int> lines;
  for (const auto& x : diags)
    if (!x.warning && x.file == file) lines.push_back(x.line);
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5, 6, 7, 8})) << errors(diags);
}

TEST(Pilkada, BallotNumberOfAPhrase) {
  EXPECT_EQ(ballot_number("coblos no. 02"), 2);
  EXPECT_EQ(ballot_number("Coblos nomor 3"), 3);
  EXPECT_EQ(ballot_number("pilih nomor dua"), 2);
  EXPECT_EQ(ballot_number("nomer loro"), 2);
  EXPECT_EQ(ballot_number("nomor hiji"), 1);
  EXPECT_EQ(ballot_number("02 menang"), 2);
  EXPECT_EQ(ballot_number("coblos"), -1);
  EXPECT_EQ(ballot_number("nomor 123456"), -1);
  // Coded and disguised (docs/decisions/0018-coded-ballot-numbers.md).
  EXPECT_EQ(ballot_number("Paslon III"), 3);
  EXPECT_EQ(ballot_number("paslon II"), 2);
  EXPECT_EQ(ballot_number("capres I"), 1);
  EXPECT_EQ(ballot_number("nomer 2\xEF\xB8\x8F\xE2\x83\xA3"), 2);                    // keycap 2
  EXPECT_EQ(ballot_number("\xEF\xBD\x8E\xEF\xBD\x8F \xEF\xBC\x90\xEF\xBC\x92"), 2);  // ｎｏ ０２
  EXPECT_EQ(ballot_number("nomor \xE2\x9D\xB8"), 3);                                 // ❸
  EXPECT_EQ(ballot_number("nomer l\xD0\xBEr\xD0\xBE"), 2);                           // Cyrillic о
  EXPECT_EQ(ballot_number("#03"), 3);
  EXPECT_EQ(ballot_number("nomor ciek"), 1);   // Minang
  EXPECT_EQ(ballot_number("nomor due"), 2);    // Betawi
  EXPECT_EQ(ballot_number("nomor tolu"), 3);   // Batak
  EXPECT_EQ(ballot_number("nomor kalih"), 2);  // Javanese krama
  EXPECT_EQ(ballot_number("nomor besik"), 1);  // Balinese
  EXPECT_EQ(ballot_number("nomor tellu"), 3);  // Bugis (collapsed to telu)
  EXPECT_EQ(ballot_number("salam dua jari"), 2);
  EXPECT_EQ(ballot_number("vote for number two"), 2);
  EXPECT_EQ(ballot_number("pak Ilham"), -1);  // a word with an "i" is no Roman numeral
}

TEST(Pilkada, RegionalBallotNamesAPairOnlyInItsRace) {
  Dir d;
  const std::string pairs = d.write(
      "pairs.csv", std::string(kPairsHeader) + kPairs +
                       "walikota,JAWA TIMUR,KOTA CONTOH,3573,1,SATRIA PERTAMA,DWI KEDUA,\n"
                       "walikota,JAWA TIMUR,KOTA CONTOH,3573,2,TEGUH KETIGA,PUTRA KEEMPAT,\n");
  std::vector<Diagnostic> diags;
  auto rs = RuleSet::load(settings(d, {pairs}), diags);
  ASSERT_TRUE(rs) << errors(diags);
  const RuleSetData& data = rs->data();
  const Lexicon& lx = data.lexicon;
  auto name = [&](std::string_view phrase, std::string_view region,
                  std::string_view race = "pilkada") {
    const uint32_t e = data.regional.find(lx, race, phrase, region);
    return e == kNone ? std::string("-") : lx.entities[e].name;
  };
  // Surabaya: the governor race (no 2 = Khofifah); its own race has a single
  // pair, whose SIREKAP column number is no ballot number.
  EXPECT_EQ(name("coblos nomor 2", "357801"), "Khofifah Indar Parawansa - Emil Elestianto Dardak");
  EXPECT_EQ(name("coblos 1", "3578"), "Luluk Nur Hamidah - Lukmanul Khakim");
  // Kota 3573: the governor race first, the mayor race when the phrase says so.
  EXPECT_EQ(name("coblos 2", "3573"), "Khofifah Indar Parawansa - Emil Elestianto Dardak");
  EXPECT_EQ(name("cawalkot 2", "3573"), "Teguh Ketiga - Putra Keempat");
  EXPECT_EQ(name("cagub 2", "3573"), "Khofifah Indar Parawansa - Emil Elestianto Dardak");
  // Elsewhere, another number, another race: nothing.
  EXPECT_EQ(name("coblos nomor 2", "3273"), "-");
  EXPECT_EQ(name("coblos nomor 2", "31"), "Dharma Pongrekun - Kun Wardana Abyoto");
  EXPECT_EQ(name("coblos nomor 3", "31"), "Pramono Anung Wibowo - Rano Karno");
  EXPECT_EQ(name("coblos nomor 4", "35"), "-");
  EXPECT_EQ(name("coblos nomor 2", "35", "pilpres"), "-");
  EXPECT_EQ(name("coblos nomor 2", ""), "-");
}

// The real SIREKAP file and the shipped aliases (skipped without ../shared).
TEST(Pilkada, RealPairsFileAndShippedAliasesLoadCleanly) {
  const std::string pairs =
      std::string(NETRA_SHARED_DIR) + "/data/kpu-pilkada-2024/pilkada_2024_pairs.csv";
  if (!fs::exists(pairs)) GTEST_SKIP() << "no " << pairs;
  const std::string c = std::string(NETRA_SOURCE_DIR) + "/config/";
  Settings s;
  s.rules_dir = c + "rules";
  s.lists_dir = c + "lists";
  s.calendar = c + "calendar/2024.yaml";
  s.candidate_files = {pairs};
  std::vector<Diagnostic> diags;
  auto rs = RuleSet::load(s, diags);
  ASSERT_TRUE(rs) << errors(diags);
  size_t pilkada = 0, numbered = 0;
  for (const Entity& e : rs->data().lexicon.entities) {
    pilkada += e.race == "pilkada";
    numbered += e.race == "pilkada" && !e.ballot_no.empty();
  }
  EXPECT_EQ(pilkada, 1557u);
  EXPECT_EQ(numbered, 1557u - 37u);  // 37 single-pair races
  const Entity* melki = entity_of(*rs, "melki-johni");
  ASSERT_NE(melki, nullptr);
  EXPECT_EQ(melki->region, "53");
  EXPECT_EQ(melki->ballot_no, "2");
  EXPECT_EQ(entity_of(*rs, "rido")->name, "Ridwan Kamil - Suswono");
  EXPECT_EQ(entity_of(*rs, "pramono rano")->ballot_no, "3");
}

}  // namespace
}  // namespace netra::engine
