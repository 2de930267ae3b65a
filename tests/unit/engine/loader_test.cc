// Loading: every problem in config, rules, lists, registries and calendar is
// reported as file:line, and good input loads.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "engine/calendar.h"
#include "engine/csv.h"
#include "engine/event.h"
#include "engine/json_out.h"
#include "engine/lexicon.h"
#include "engine/registry.h"
#include "engine/ruleset.h"

namespace netra::engine {
namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("netra-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string path(const std::string& name = "") const { return (path_ / name).string(); }

 private:
  fs::path path_;
  static inline int counter_ = 0;
};

const char kCalendar[] =
    "races:\n"
    "  pilpres:\n"
    "    penetapan: 2023-11-13\n"
    "    campaign: [2023-11-28, 2024-02-10]\n"
    "    quiet: [2024-02-11, 2024-02-13]\n"
    "    voting: 2024-02-14\n";

const char kRule[] =
    "rules:\n"
    "  - id: online_campaign_post\n"
    "    name: Sosialisasi\n"
    "    actions: [post]\n"
    "    when: {all: [{entity: [candidate]}, {list: support}]}\n"
    "    severity: {pre: low, post: high}\n"
    "    skb_item: {pre: A.2, post: B.2}\n"
    "    track: {pre: etik, post: disiplin}\n"
    "    sanction: moral\n"
    "    legal_basis: [SKB]\n";

Settings settings_for(TempDir& d) {
  Settings s;
  s.rules_dir = d.path("rules");
  s.lists_dir = d.path("lists");
  s.calendar = d.write("calendar.yaml", kCalendar);
  s.cache_dir = d.path("cache");
  return s;
}

TEST(Loader, GoodRuleSetLoads) {
  TempDir d;
  d.write("rules/r.yaml", kRule);
  d.write("lists/support.txt", "# support\ndukung\nre:coblos\\s?0?[1-3]\n");
  d.write("lists/pairs.csv",
          "pattern,entity,kind,race,ballot_no,region_code,strength\n"
          "Prabowo Subianto,Prabowo - Gibran,candidate,pilpres,02,,strong\n");
  std::vector<Diagnostic> diags;
  auto rs = RuleSet::load(settings_for(d), diags);
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->rule_count(), 1u);
  EXPECT_EQ(rs->pattern_count(), 3u);
  EXPECT_EQ(rs->version().size(), 12u);
  // Every contract rule id that is missing is a warning, not an error.
  size_t warnings = 0;
  for (auto& x : diags) warnings += x.warning;
  EXPECT_EQ(warnings, 12u);
}

TEST(Loader, RuleErrorsNameFileAndLine) {
  TempDir d;
  std::string bad = std::string(kRule) +
                    "  - id: online_campaign_post\n"  // line 11: duplicate id
                    "    name: x\n"
                    "    actions: [post, wink]\n"     // line 13: unknown action
                    "    when: {list: nosuchlist}\n"  // line 14: unknown list
                    "    severity: extreme\n"         // line 15: bad severity
                    "    skb_item: B.2\n"
                    "    track: politik\n"  // line 17: bad track
                    "    sanction: s\n"
                    "    legal_basis: [x]\n"
                    "    colour: red\n";  // line 20: unknown key
  std::string file = d.write("rules/r.yaml", bad);
  d.write("lists/support.txt", "dukung\n");
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(RuleSet::load(settings_for(d), diags));
  auto has = [&](int line, const std::string& text) {
    for (auto& x : diags)
      if (x.file == file && x.line == line && x.message.find(text) != std::string::npos)
        return true;
    return false;
  };
  EXPECT_TRUE(has(11, "duplicate rule id"));
  EXPECT_TRUE(has(13, "unknown action 'wink'"));
  EXPECT_TRUE(has(14, "unknown list 'nosuchlist'"));
  EXPECT_TRUE(has(15, "severity must be"));
  EXPECT_TRUE(has(17, "track must be"));
  EXPECT_TRUE(has(20, "unknown rule key 'colour'"));
  for (auto& x : diags) EXPECT_NE(x.str().find(x.file), std::string::npos);
}

TEST(Loader, BrokenRegexAndYamlAreReportedNotThrown) {
  TempDir d;
  std::string rules = d.write("rules/r.yaml", "rules: [ {id: x\n");
  std::string list = d.write("lists/support.txt", "dukung\nre:coblos(\nre:[z-a]\n");
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(RuleSet::load(settings_for(d), diags));
  bool yaml = false;
  for (auto& x : diags) yaml |= x.file == rules && x.line > 0;
  EXPECT_TRUE(yaml);
  // Fix the YAML: now both bad regexes are reported with their lines.
  d.write("rules/r.yaml", kRule);
  diags.clear();
  EXPECT_FALSE(RuleSet::load(settings_for(d), diags));
  int lines = 0;
  for (auto& x : diags)
    if (x.file == list && (x.line == 2 || x.line == 3)) ++lines;
  EXPECT_EQ(lines, 2);
}

TEST(Loader, RegistryAndCalendarErrors) {
  TempDir d;
  d.write("rules/r.yaml", kRule);
  d.write("lists/support.txt", "dukung\n");
  Settings s = settings_for(d);
  s.asn_accounts = d.write("asn.csv",
                           "platform,account_id,nip,name,agency,unit,position,region_code\n"
                           "x,a1,198503122010011002,A,B,C,D,3273\n"
                           "myspace,a2,198503122010011002,A,B,C,D,3273\n"
                           "x,a3,12345,A,B,C,D,3273\n"
                           "x,a1,198503122010011002,A,B,C,D,3273\n");
  s.political_accounts = d.write("pol.csv", "platform,account_id\nx,1\n");
  s.calendar = d.write("cal.yaml", "races:\n  pilpres:\n    penetapan: 2023-13-45\n");
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(RuleSet::load(s, diags));
  auto has = [&](const std::string& file, int line, const std::string& text) {
    for (auto& x : diags)
      if (x.file == file && x.line == line && x.message.find(text) != std::string::npos)
        return true;
    return false;
  };
  EXPECT_TRUE(has(s.asn_accounts, 3, "unknown platform"));
  EXPECT_TRUE(has(s.asn_accounts, 4, "nip must be 18 digits"));
  EXPECT_TRUE(has(s.asn_accounts, 5, "duplicate account"));
  EXPECT_TRUE(has(s.political_accounts, 1, "header must be"));
  EXPECT_TRUE(has(s.calendar, 3, "penetapan"));
}

TEST(Loader, BraceFamiliesExpandAndErrorsHaveLines) {
  TempDir d;
  d.write("rules/r.yaml", kRule);
  std::string list = d.write("lists/support.txt", "{lantai|lt} {1|02}\n{bad\n{a|b}}\n");
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(RuleSet::load(settings_for(d), diags));
  int errors = 0;
  for (auto& x : diags) errors += x.file == list && (x.line == 2 || x.line == 3) && !x.warning;
  EXPECT_EQ(errors, 2);
  d.write("lists/support.txt", "{lantai|lt} {1|02}\n{lantai|lt}{1|02}\n");
  diags.clear();
  auto rs = RuleSet::load(settings_for(d), diags);
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->pattern_count(), 8u);
}

TEST(Registry, LookupsByPlatformAndIdIncludingVeryLongIds) {
  TempDir d;
  const std::string long_id(300, 'x');  // past the lookup's stack buffer
  const std::string sha(64, 'a');
  Registries r;
  std::vector<Diagnostic> diags;
  ASSERT_TRUE(
      load_asn_registry(d.write("asn.csv",
                                "platform,account_id,nip,name,agency,unit,position,region_code\n"
                                "x,x:1,198503122010011002,Dedi,Dinas,Unit,Guru,3273\n"
                                "facebook," +
                                    long_id + ",198503122010011003,Ani,Dinas,Unit,Guru,3273\n"),
                        r, diags));
  ASSERT_TRUE(load_media_registry(
      d.write("media.csv", "sha256,entity,description\n" + sha + ",Paslon 02,Stiker\n"), r, diags));
  ASSERT_TRUE(diags.empty()) << diags[0].str();
  ASSERT_NE(r.find_asn("x", "x:1"), nullptr);
  EXPECT_EQ(r.find_asn("x", "x:1")->name, "Dedi");
  EXPECT_EQ(r.find_asn("facebook", "x:1"), nullptr) << "the platform is part of the key";
  EXPECT_EQ(r.find_asn("x", "x:12"), nullptr);
  ASSERT_NE(r.find_asn("facebook", long_id), nullptr);
  EXPECT_EQ(r.find_asn("facebook", long_id)->name, "Ani");
  EXPECT_EQ(r.find_asn("facebook", long_id + "y"), nullptr);
  // Media hashes match whatever their case; longer strings are not found, not truncated.
  EXPECT_NE(r.find_media(std::string(64, 'A')), nullptr);
  EXPECT_EQ(r.find_media(sha + "a"), nullptr);
  EXPECT_EQ(r.find_media(std::string(200, 'a')), nullptr);
}

TEST(Calendar, Phases) {
  TempDir d;
  Calendar cal;
  std::vector<Diagnostic> diags;
  ASSERT_TRUE(load_calendar(d.write("c.yaml", kCalendar), cal, diags));
  const Race& r = cal.races[0];
  auto at = [](const char* ts) {
    int64_t t;
    int off;
    parse_rfc3339(ts, t, off);
    return t;
  };
  EXPECT_EQ(Calendar::phase(r, at("2023-11-12T23:59:59+07:00")), Phase::pre);
  EXPECT_EQ(Calendar::phase(r, at("2023-11-13T00:00:00+07:00")), Phase::post);
  EXPECT_EQ(Calendar::phase(r, at("2023-11-28T00:00:00+07:00")), Phase::campaign);
  EXPECT_EQ(Calendar::phase(r, at("2024-02-10T23:59:59+07:00")), Phase::campaign);
  EXPECT_EQ(Calendar::phase(r, at("2024-02-11T00:00:00+07:00")), Phase::quiet);
  EXPECT_EQ(Calendar::phase(r, at("2024-02-14T12:00:00+07:00")), Phase::voting);
  EXPECT_EQ(Calendar::phase(r, at("2024-02-15T00:00:00+07:00")), Phase::post);
  // 2024-02-10T20:00:00-05:00 is 2024-02-11T08:00 WIB: already the quiet period.
  EXPECT_EQ(Calendar::phase(r, at("2024-02-10T20:00:00-05:00")), Phase::quiet);
}

TEST(Lexicon, CleansKpuNames) {
  EXPECT_EQ(clean_candidate_name("H. IRMAWAN, S.Sos., M.M."), "Irmawan");
  EXPECT_EQ(clean_candidate_name("MUNAWAR AR (NGOH WAN), S.Sos.I., M.Si"), "Munawar Ar");
  EXPECT_EQ(clean_candidate_name("Tgk. AHMADA"), "Ahmada");
  EXPECT_EQ(clean_candidate_name("Dr. Ir. Hj. SITI NUR AZIZAH"), "Siti Nur Azizah");
  EXPECT_EQ(clean_candidate_name("M. RAMADHANA RUSLI BINTANG"), "Ramadhana Rusli Bintang");
  EXPECT_EQ(clean_candidate_name("Dr. H."), "");
}

TEST(Csv, QuotesAndLines) {
  CsvReader r("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\r\nlast,1");
  std::vector<std::string> f;
  int line;
  std::string err;
  ASSERT_TRUE(r.next(f, line, err));
  ASSERT_TRUE(r.next(f, line, err));
  EXPECT_EQ(line, 2);
  EXPECT_EQ(f[0], "x, y");
  EXPECT_EQ(f[1], "say \"hi\"");
  ASSERT_TRUE(r.next(f, line, err));
  EXPECT_EQ(f[0], "multi\nline");
  EXPECT_EQ(f[1], "z");
  ASSERT_TRUE(r.next(f, line, err));
  EXPECT_EQ(line, 5);
  EXPECT_FALSE(r.next(f, line, err));
}

TEST(Csv, ReadFileWholeEmptyMissingDirectoryAndFifo) {
  TempDir dir;
  std::string big(200000, 'x');
  for (size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>(i % 251);  // NULs too
  std::string out = "stale", error;
  ASSERT_TRUE(read_file(dir.write("big.csv", big), out, error));
  EXPECT_EQ(out, big);
  ASSERT_TRUE(read_file(dir.write("empty.csv", ""), out, error));
  EXPECT_EQ(out, "");
  EXPECT_FALSE(read_file(dir.path("missing.csv"), out, error));
  EXPECT_EQ(error, "cannot open file");
  error.clear();
  EXPECT_FALSE(read_file(dir.path(), out, error));  // a directory: no length to trust
  EXPECT_FALSE(error.empty());
  // Not a regular file: read to its end in chunks.
  const std::string fifo = dir.path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string text(70000, 'q');
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  EXPECT_TRUE(read_file(fifo, out, error));
  writer.join();
  EXPECT_EQ(out, text);
}

TEST(JsonOut, AlwaysValidUtf8AndEscaped) {
  std::string out;
  json_string(out, "a\"b\\c\n\x01 \xff caf\xc3\xa9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001 \xef\xbf\xbd caf\xc3\xa9\"");
  EXPECT_EQ(rfc3339_utc(1705022100), "2024-01-12T01:15:00Z");
  EXPECT_EQ(indonesian_datetime(1705022100, 420), "Jumat, 12 Januari 2024 pukul 08.15 WIB");
  EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(rfc3339_utc(1709251199), "2024-02-29T23:59:59Z");
  EXPECT_EQ(indonesian_datetime(1705022100, 480), "Jumat, 12 Januari 2024 pukul 09.15 WITA");
  EXPECT_EQ(indonesian_datetime(1705022100, 540), "Jumat, 12 Januari 2024 pukul 10.15 WIT");
  EXPECT_EQ(indonesian_datetime(1705022100, -90), "Kamis, 11 Januari 2024 pukul 23.45 UTC-01:30");
  EXPECT_EQ(indonesian_datetime(1705022100, 0), "Jumat, 12 Januari 2024 pukul 01.15 UTC+00:00");
}

// A byte-at-a-time JSON string escaper to check json_string() against.
std::string reference_json_string(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // Copy one well-formed sequence (shortest form, no surrogates), else U+FFFD.
      size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
      bool ok = len && i + len <= s.size();
      uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
      for (size_t k = 1; ok && k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        ok = (b & 0xC0) == 0x80;
        cp = (cp << 6) | (b & 0x3F);
      }
      if (ok && len == 3) ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
      if (ok && len == 4) ok = cp >= 0x10000 && cp <= 0x10FFFF;
      if (ok) {
        out.append(s.substr(i, len));
        i += len;
        continue;
      }
      out += "\xEF\xBF\xBD";
    }
    ++i;
  }
  return out + "\"";
}

TEST(JsonOut, MatchesByteAtATimeEscaping) {
  // Mixed ASCII, escapes, multi-byte characters and broken sequences, so
  // that the fast paths (ASCII, then valid UTF-8) meet every kind of byte.
  const char* pieces[] = {"a",
                          "kata ",
                          "\"",
                          "\\",
                          "\n",
                          "\x01",
                          "\x1f",
                          "\x7f",
                          "\xc3\xa9",
                          "\xe2\x80\xa6",
                          "\xf0\x9f\x94\xa5",
                          "\xff",
                          "\xc3",
                          "\xed\xa0\x80",
                          "\xe2\x80",
                          "0123456789abcdef"};
  std::mt19937 rng(7);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) s += pieces[rng() % std::size(pieces)];
    std::string out;
    json_string(out, s);
    ASSERT_EQ(out, reference_json_string(s)) << ::testing::PrintToString(s);
  }
}

TEST(JsonOut, EscapesAtEveryPositionOfLongStrings) {
  // Every special byte at every offset of a 40-byte string, so that both the
  // 16-byte fast path and the byte loop meet it (and 0x7F stays as it is).
  const std::pair<std::string, std::string> specials[] = {
      {"\"", "\\\""},           {"\\", "\\\\"},           {"\n", "\\n"},   {"\x1f", "\\u001f"},
      {"\xff", "\xef\xbf\xbd"}, {"\xc3\xa9", "\xc3\xa9"}, {"\x7f", "\x7f"}};
  for (const auto& [in, want] : specials) {
    for (size_t at = 0; at < 40; ++at) {
      std::string s(40, 'x');
      s.replace(at, 1, in);
      std::string expected = "\"" + std::string(at, 'x') + want + std::string(39 - at, 'x') + "\"";
      std::string out;
      json_string(out, s);
      ASSERT_EQ(out, expected) << "offset " << at;
    }
  }
}

}  // namespace
}  // namespace netra::engine
