#include "matchers/pattern_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "matchers/normalise.h"

namespace netra::matchers {
namespace {

namespace fs = std::filesystem;

// A fresh temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int n = 0;
    path_ = fs::temp_directory_path() /
            ("netra-matchers-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<Pattern> literals(std::initializer_list<const char*> list) {
  std::vector<Pattern> out;
  for (const char* s : list) out.push_back({s, false, true});
  return out;
}

std::shared_ptr<const PatternSet> build_ok(const std::vector<Pattern>& patterns,
                                           const BuildOptions& options = {},
                                           BuildStats* stats = nullptr) {
  std::vector<BuildError> errors;
  auto set = PatternSet::build(patterns, options, errors, stats);
  EXPECT_TRUE(set != nullptr);
  for (const auto& e : errors) ADD_FAILURE() << e.index << ": " << e.message;
  return set;
}

std::vector<Match> scan(const PatternSet& set, std::string_view text) {
  Scratch scratch(set);
  std::vector<Match> out;
  EXPECT_TRUE(set.scan(text, scratch, out));
  return out;
}

std::string matched(std::string_view text, const Match& m) {
  return std::string(text.substr(m.start, m.end - m.start));
}

TEST(PatternSet, WordBoundaries) {
  auto set = build_ok(literals({"amin", "ganjar", "prabowo"}));
  ASSERT_TRUE(set);
  EXPECT_TRUE(scan(*set, "laminating").empty());
  EXPECT_TRUE(scan(*set, "ganjaran").empty());
  EXPECT_TRUE(scan(*set, "aminah").empty());
  EXPECT_TRUE(scan(*set, "prabowo2").empty());  // a digit is a word byte
  auto m = scan(*set, "ganjar pranowo");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].pattern, 1u);
  EXPECT_EQ(m[0].start, 0u);
  EXPECT_EQ(m[0].end, 6u);
  m = scan(*set, "amin");  // text edges are boundaries
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].start, 0u);
  EXPECT_EQ(m[0].end, 4u);
  m = scan(*set, "#amin, (prabowo)");
  ASSERT_EQ(m.size(), 2u);
}

TEST(PatternSet, NonWordPatternsOnlyCheckTheirWordSides) {
  auto set = build_ok(literals({"#jnk", "@prabowo"}));
  ASSERT_TRUE(set);
  std::string text = "ayo#jnk! dan @prabowo.";
  auto m = scan(*set, text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(matched(text, m[0]), "#jnk");
  EXPECT_EQ(matched(text, m[1]), "@prabowo");
  EXPECT_TRUE(scan(*set, "#jnkbersama").empty());
}

TEST(PatternSet, WordFalseMatchesInsideWords) {
  std::vector<Pattern> p = {{"amin", false, false}};
  auto set = build_ok(p);
  ASSERT_TRUE(set);
  EXPECT_EQ(scan(*set, "laminating").size(), 1u);
}

TEST(PatternSet, MultipleMatchesOrderedByEnd) {
  auto set = build_ok(literals({"prabowo", "ganjar", "prabowo gibran", "gibran"}));
  ASSERT_TRUE(set);
  std::string text = "prabowo gibran vs ganjar, prabowo!";
  auto m = scan(*set, text);
  ASSERT_EQ(m.size(), 5u);
  for (size_t i = 1; i < m.size(); ++i) EXPECT_LE(m[i - 1].end, m[i].end);
  EXPECT_EQ(matched(text, m[0]), "prabowo");
  EXPECT_EQ(m[1].end, 14u);  // "gibran" and "prabowo gibran" end together
  EXPECT_EQ(m[2].end, 14u);
  EXPECT_EQ(matched(text, m[3]), "ganjar");
  EXPECT_EQ(m[4].start, 26u);
}

TEST(PatternSet, RegexStartOfMatch) {
  std::vector<Pattern> p = {{"(coblos|pilih) (no|nomor|nmr)\\.? ?0?[1-3]", true, true},
                            {"amin", false, true}};
  auto set = build_ok(p);
  ASSERT_TRUE(set);
  std::string text = "amin, ayo coblos no 1 ya, pilih nomor 02";
  auto m = scan(*set, text);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(matched(text, m[0]), "amin");
  EXPECT_EQ(m[1].pattern, 0u);
  EXPECT_EQ(matched(text, m[1]), "coblos no 1");
  EXPECT_EQ(matched(text, m[2]), "pilih nomor 02");
  // Word check applies to regexes too: "no 12" does not end at a boundary.
  EXPECT_TRUE(scan(*set, "coblos no 12").empty());
}

TEST(PatternSet, HashtagRegexStartsWithoutSom) {
  // '#' or '@' first and nothing after it that can match it: the start is found
  // from the last anchor byte. The others keep Hyperscan's start of match.
  std::vector<Pattern> p = {{"#(prabowo|gibran)[a-z0-9]{0,24}", true, true},
                            {"@[a-z]{1,5}[0-9]", true, true},
                            {"#[^ ]{1,8}x", true, true},    // negated class: could hold '#'
                            {"@[!-z]{1,6}9", true, true}};  // '!'-'z' holds '@'
  auto set = build_ok(p);
  ASSERT_TRUE(set);
  std::string text = "ayo #prabowogibran, ##gibran2024 @abc1 a#b#x @@q9";
  auto m = scan(*set, text);
  std::vector<std::string> got;
  for (const auto& x : m) got.push_back(std::to_string(x.pattern) + ":" + matched(text, x));
  EXPECT_EQ(got, (std::vector<std::string>{"0:#prabowogibran", "0:#gibran2024", "1:@abc1", "2:#b#x",
                                           "3:@@q9", "1:@q9"}));
}

TEST(PatternSet, QuotesAndBracketsAroundWordLiteralsAreTrimmed) {
  // KPU writes "SAMI'" and entity lists "(PKS)": the word is what is inside.
  auto set = build_ok(literals({"sami'", "partai keadilan sejahtera (pks)", "@sami"}));
  ASSERT_TRUE(set);
  std::string text = "pak sami' dan sami dari partai keadilan sejahtera (pks), bukan @sami";
  std::vector<std::string> got;
  for (const auto& m : scan(*set, text))
    got.push_back(std::to_string(m.pattern) + ":" + matched(text, m));
  // The quotes and brackets are part of the match where the text has them.
  EXPECT_EQ(got, (std::vector<std::string>{"0:sami'", "0:sami", "1:partai keadilan sejahtera (pks)",
                                           "2:@sami", "0:sami"}));
}

TEST(PatternSet, HandleLiteralsMatchExactly) {
  // "@handle" literals live in the phrase table, but match as Hyperscan would:
  // the '@' and every byte of the literal, a word boundary after it only.
  auto set = build_ok(literals({"@prabowo.gibran", "prabowo gibran", "@anies_b", "@a....b"}));
  ASSERT_TRUE(set);
  auto got = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& m : scan(*set, text))
      out.push_back(std::to_string(m.pattern) + ":" + matched(text, m));
    return out;
  };
  EXPECT_EQ(got("ikut @prabowo.gibran ya"),
            (std::vector<std::string>{"0:@prabowo.gibran", "1:prabowo.gibran"}));
  EXPECT_EQ(got("rt:@prabowo.gibran!"),
            (std::vector<std::string>{"0:@prabowo.gibran", "1:prabowo.gibran"}));
  EXPECT_EQ(got("@prabowo gibran"), (std::vector<std::string>{"1:prabowo gibran"}));
  EXPECT_EQ(got("@prabowo-gibran"), (std::vector<std::string>{"1:prabowo-gibran"}));
  EXPECT_TRUE(got("@prabowo.gibranx").empty());
  EXPECT_EQ(got("cc @anies_b."), (std::vector<std::string>{"2:@anies_b"}));
  EXPECT_TRUE(got("anies_b").empty());
  // Words further apart than a phrase allows stay with Hyperscan.
  EXPECT_EQ(got("lihat @a....b"), (std::vector<std::string>{"3:@a....b"}));
}

TEST(PatternSet, JoinedFieldsScanLikeSeparateScans) {
  // Three fields joined by "||||": a name, a handle scanned in full, a name.
  auto set = build_ok({{"prabowo gibran", false, true},
                       {"@prabowo.gibran", false, true},
                       {"#[a-z]{2,8}ajadulu", true, true},
                       {"ganjar", false, true}});
  ASSERT_TRUE(set);
  const std::string text =
      "fans @prabowo.gibran #aminajadulu||||@prabowo.gibran #aminajadulu||||ganjar";
  const PatternSet::Part handle{37, 65};
  ASSERT_EQ(text.substr(handle.begin, handle.end - handle.begin), "@prabowo.gibran #aminajadulu");
  Scratch scratch(*set);
  std::vector<Match> out;
  ASSERT_TRUE(set->scan_joined(text, {&handle, 1}, scratch, out));
  std::vector<std::string> got;
  for (const auto& m : out) got.push_back(std::to_string(m.pattern) + ":" + matched(text, m));
  // The name part finds the phrase only (no @handle literal, no Hyperscan);
  // the handle's part finds all three, at offsets into the joined text.
  EXPECT_EQ(got, (std::vector<std::string>{"0:prabowo.gibran", "1:@prabowo.gibran",
                                           "0:prabowo.gibran", "2:#aminajadulu", "3:ganjar"}));
  EXPECT_EQ(out[1].start, 37u);
  // Words in two fields never form a phrase across the separator.
  out.clear();
  ASSERT_TRUE(set->scan_joined("prabowo||||gibran", {}, scratch, out));
  EXPECT_TRUE(out.empty());
}

TEST(PatternSet, ReportsEveryBadRegexWithItsIndex) {
  std::vector<Pattern> p = {{"fine", true, true},
                            {"(unclosed", true, true},
                            {"literal", false, true},
                            {"a{2,1}", true, true},
                            {"", false, true}};
  std::vector<BuildError> errors;
  auto set = PatternSet::build(p, {}, errors);
  EXPECT_EQ(set, nullptr);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].index, 1);
  EXPECT_EQ(errors[1].index, 3);
  EXPECT_EQ(errors[2].index, 4);
  for (const auto& e : errors) EXPECT_FALSE(e.message.empty());
}

TEST(PatternSet, CompileTimeRegexErrorsAreFoundToo) {
  // Passes hs_expression_info but fails the compile: matches the empty string.
  std::vector<Pattern> p = {{"x*", true, true}, {"ok+", true, true}, {"y?", true, true}};
  std::vector<BuildError> errors;
  auto set = PatternSet::build(p, {}, errors);
  EXPECT_EQ(set, nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].index, 0);
  EXPECT_EQ(errors[1].index, 2);
}

TEST(PatternSet, EmptySets) {
  auto none = build_ok({});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->size(), 0u);
  EXPECT_TRUE(scan(*none, "prabowo").empty());
  EXPECT_FALSE(none->fingerprint().empty());

  auto only_regex = build_ok({{"cob+los", true, true}});
  ASSERT_TRUE(only_regex);
  EXPECT_EQ(scan(*only_regex, "ayo cobbblos").size(), 1u);

  auto only_literals = build_ok(literals({"coblos"}));
  ASSERT_TRUE(only_literals);
  EXPECT_EQ(scan(*only_literals, "ayo coblos").size(), 1u);
  EXPECT_TRUE(scan(*only_literals, "").empty());

  TempDir dir;  // empty sets cache fine too
  BuildStats stats;
  build_ok({}, {dir.str()});
  build_ok({}, {dir.str()}, &stats);
  EXPECT_TRUE(stats.cache_hit);
}

TEST(PatternSet, DuplicateLiteralsAreReportedForEachIndex) {
  auto set = build_ok(literals({"amin", "ganjar", "amin"}));
  ASSERT_TRUE(set);
  auto m = scan(*set, "amin");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].pattern, 0u);
  EXPECT_EQ(m[1].pattern, 2u);
}

TEST(PatternSet, AppendsToExistingOutput) {
  auto set = build_ok(literals({"amin"}));
  Scratch scratch(*set);
  std::vector<Match> out = {{99, 100, 200}};
  ASSERT_TRUE(set->scan("amin amin", scratch, out));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].pattern, 99u);
  EXPECT_EQ(out[1].end, 4u);
  EXPECT_EQ(out[2].end, 9u);
}

TEST(PatternSet, ScratchOfAnotherSetIsRejected) {
  // Punctuated literals go to Hyperscan (plain words go to the phrase table).
  auto a = build_ok(literals({"#amin"}));
  auto b = build_ok(literals({"#ganjar"}));
  Scratch scratch(*a);
  std::vector<Match> out;
  EXPECT_FALSE(b->scan("#ganjar", scratch, out));
  EXPECT_TRUE(a->scan("#amin", scratch, out));
  EXPECT_GT(scratch.bytes(), 0u);
}

TEST(PatternSet, MatchesMapBackToOriginalText) {
  auto set = build_ok({{normalise_literal("Prabowo"), false, true},
                       {normalise_literal("Anies"), false, true},
                       {"coblos no 1", false, true}});
  ASSERT_TRUE(set);
  std::string original =
      "Dukung \xEF\xBC\xB0\xEF\xBD\x92\xEF\xBD\x81\xEF\xBD\x82\xEF\xBD\x8F\xEF\xBD\x97\xEF\xBD\x8F"
      " & an!es, c o o b l o s n0 1\xEF\xB8\x8F\xE2\x83\xA3";
  NormalisedText n;
  normalise(original, n, Leet::fold);
  auto m = scan(*set, n.text);
  ASSERT_EQ(m.size(), 3u) << n.text;
  auto orig = [&](const Match& x) {
    uint32_t s = n.original_start(x.start), e = n.original_end(x.end);
    return original.substr(s, e - s);
  };
  EXPECT_EQ(orig(m[0]), original.substr(7, 21));
  EXPECT_EQ(orig(m[1]), "an!es");
  EXPECT_EQ(orig(m[2]), "c o o b l o s n0 1\xEF\xB8\x8F\xE2\x83\xA3");
}

TEST(PatternSet, CacheHitOnSecondBuild) {
  TempDir dir;
  std::vector<Pattern> p = literals({"prabowo", "ganjar", "anies"});
  p.push_back({"coblos (no|nomor) ?0?[1-3]", true, true});
  BuildStats first, second;
  auto a = build_ok(p, {dir.str() + "/nested/cache"}, &first);  // created if missing
  auto b = build_ok(p, {dir.str() + "/nested/cache"}, &second);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(first.cache_hit);
  EXPECT_TRUE(second.cache_hit);
  EXPECT_GT(second.database_bytes, 0u);
  EXPECT_EQ(first.database_bytes, second.database_bytes);
  EXPECT_EQ(a->fingerprint(), b->fingerprint());
  EXPECT_EQ(a->fingerprint().size(), 32u);
  EXPECT_TRUE(fs::exists(dir.path() / "nested/cache" / (a->fingerprint() + ".hsdb")));
  std::string text = "ganjar dan prabowo, coblos no 2";
  auto ma = scan(*a, text), mb = scan(*b, text);
  ASSERT_EQ(ma.size(), 3u);
  ASSERT_EQ(mb.size(), 3u);
  for (size_t i = 0; i < ma.size(); ++i) {
    EXPECT_EQ(ma[i].pattern, mb[i].pattern);
    EXPECT_EQ(ma[i].start, mb[i].start);
    EXPECT_EQ(ma[i].end, mb[i].end);
  }
  // A different set gets a different file; the word flag is part of the key.
  p[0].word = false;
  BuildStats third;
  auto c = build_ok(p, {dir.str() + "/nested/cache"}, &third);
  EXPECT_FALSE(third.cache_hit);
  EXPECT_NE(c->fingerprint(), a->fingerprint());
}

TEST(PatternSet, CorruptCacheIsRecompiled) {
  TempDir dir;
  std::vector<Pattern> p = literals({"prabowo", "ganjar"});
  p.push_back({"cob+los", true, true});
  auto a = build_ok(p, {dir.str()});
  fs::path file = dir.path() / (a->fingerprint() + ".hsdb");
  ASSERT_TRUE(fs::exists(file));
  auto full = fs::file_size(file);

  auto corrupt_and_check = [&](auto&& corrupt) {
    corrupt();
    BuildStats stats;
    auto b = build_ok(p, {dir.str()}, &stats);
    ASSERT_TRUE(b);
    EXPECT_FALSE(stats.cache_hit);
    EXPECT_EQ(scan(*b, "prabowo cobbblos").size(), 2u);
    BuildStats again;
    build_ok(p, {dir.str()}, &again);  // rewritten by the recompile
    EXPECT_TRUE(again.cache_hit);
  };
  corrupt_and_check([&] { fs::resize_file(file, full / 2); });
  corrupt_and_check([&] { fs::resize_file(file, 10); });
  corrupt_and_check([&] {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(full - 20));
    f.write("garbage!garbage!", 16);
  });
  corrupt_and_check([&] {
    std::ofstream f(file, std::ios::binary | std::ios::trunc);  // empty file
  });
  corrupt_and_check([&] {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f.write("XXXX", 4);  // bad magic
  });
}

TEST(PatternSet, UnusableCacheDirIsIgnored) {
  TempDir dir;
  fs::create_directories(dir.path());
  std::ofstream(dir.path() / "a-file") << "x";
  BuildStats stats;
  auto set = build_ok(literals({"amin"}), {(dir.path() / "a-file" / "sub").string()}, &stats);
  ASSERT_TRUE(set);
  EXPECT_FALSE(stats.cache_hit);
  EXPECT_EQ(scan(*set, "amin").size(), 1u);
}

TEST(PatternSet, ConcurrentScansWithOwnScratch) {
  auto set = build_ok(literals({"prabowo", "ganjar", "anies"}));
  std::string text = "anies, ganjar, prabowo. ";
  for (int i = 0; i < 6; ++i) text += text;
  auto worker = [&](size_t* count) {
    Scratch scratch(*set);
    std::vector<Match> out;
    for (int i = 0; i < 200; ++i) {
      out.clear();
      if (!set->scan(text, scratch, out)) return;
      *count += out.size();
    }
  };
  size_t a = 0, b = 0;
  std::thread t1(worker, &a), t2(worker, &b);
  t1.join();
  t2.join();
  EXPECT_EQ(a, 200u * 3 * 64);
  EXPECT_EQ(b, a);
}

TEST(PatternSet, ScaleTwentyThousandLiterals) {
  std::mt19937 rng(7);
  std::vector<Pattern> p;
  std::vector<std::string> seen;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    int words = 1 + static_cast<int>(rng() % 3);
    for (int w = 0; w < words; ++w) {
      if (w) s += ' ';
      int len = 4 + static_cast<int>(rng() % 6);
      for (int k = 0; k < len; ++k) s += static_cast<char>('a' + rng() % 26);
    }
    p.push_back({normalise_literal(s), false, true});
  }
  BuildStats stats;
  auto t0 = std::chrono::steady_clock::now();
  auto set = build_ok(p, {}, &stats);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(set);
  EXPECT_LT(secs, 10.0);
  EXPECT_EQ(set->size(), p.size());
  std::string text = "ini " + p[123].expression + ", lalu " + p[19999].expression + ".";
  auto m = scan(*set, text);
  bool found_first = false, found_last = false;
  for (const auto& x : m) {
    found_first |= x.pattern == 123;
    found_last |= x.pattern == 19999;
  }
  EXPECT_TRUE(found_first);
  EXPECT_TRUE(found_last);
  RecordProperty("build_seconds", std::to_string(secs));
}

TEST(PatternSet, TriggerBytesSkipHyperscanOnlyWhenSafe) {
  // Every Hyperscan pattern needs '#' or '@': text without them cannot match.
  auto tagged = build_ok({{"#[a-z]{2,8}ajadulu", true, true},
                          {"@prabowo", false, true},
                          {"ganjar pranowo", false, true}});
  EXPECT_EQ(scan(*tagged, "amin aja dulu ganjar pranowo").size(), 1u);
  auto m = scan(*tagged, "#aminajadulu kata @prabowo");
  ASSERT_EQ(m.size(), 2u);
  // A byte only literals need triggers where one of them is there: every ':'
  // of the text is tried against "sumber:" (a substring literal).
  auto colon = build_ok({{"sumber:", false, false}, {"#[a-z]{2,8}ajadulu", true, true}});
  EXPECT_TRUE(scan(*colon, "lihat https://x.co/a:b jam 10:00").empty());
  auto found = scan(*colon, "lihat https://x.co a:b narasumber: kompas, sumber:x");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].start, 27u);
  EXPECT_EQ(scan(*colon, "sumber:").size(), 1u);
  EXPECT_EQ(scan(*colon, ":sumber").size(), 0u);
  // A regex with a leading alternation has no required byte: always scanned.
  auto open = build_ok({{"(coblos|pilih)\\s?0?[1-3]", true, true}, {"#x", false, true}});
  EXPECT_EQ(scan(*open, "ayo coblos 2").size(), 1u);
}

TEST(PatternSet, HyperscanStartsWhereTheFirstMatchCanStart) {
  // Hyperscan skips the text before the first trigger byte, less the byte's
  // largest offset in a literal: "sumber:" may start 6 bytes before its ':'.
  auto set = build_ok(
      {{"sumber:", false, false}, {"50%", false, true}, {"#[a-z]{2,8}ajadulu", true, true}});
  const std::string text = "kata narasumber: lalu #aminajadulu";
  auto m = scan(*set, text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(matched(text, m[0]), "sumber:");
  EXPECT_EQ(m[0].start, 9u);
  EXPECT_EQ(matched(text, m[1]), "#aminajadulu");
  // The word check still sees the byte before the skipped-to position.
  EXPECT_TRUE(scan(*set, "naik 150% saja").empty());
  auto pct = scan(*set, "naik 50% saja");
  ASSERT_EQ(pct.size(), 1u);
  EXPECT_EQ(pct[0].start, 5u);
  EXPECT_EQ(pct[0].end, 8u);
}

TEST(PatternSet, RepeatedShortTextsScanLikeFreshOnes) {
  // Short texts repeat (hashtags, one-word comments) and are answered from a
  // per-scratch memo: it must give what a full scan gives, collisions and
  // texts with many matches included.
  auto set = build_ok({{"prabowo", false, true},
                       {"ganjar pranowo", false, true},
                       {"amin", false, true},
                       {"#[a-z]{2,8}ajadulu", true, true},
                       {"sub:#gemoy", false, false},
                       {"coblos", false, true}});
  const char* words[] = {"prabowo", "ganjar", "pranowo", "amin", "#aminajadulu", "#gemoy",
                         "coblos",  "ayo",    "sore",    "x",    "#ootd",        "01"};
  std::mt19937 rng(7);
  Scratch scratch(*set);
  std::vector<Match> got, want;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 9);
    for (int k = 0; k < n; ++k) {
      if (k) text += ' ';
      text += words[rng() % std::size(words)];
    }
    got.clear();
    want.clear();
    ASSERT_TRUE(set->scan(text, scratch, got));
    const PatternSet::Part whole{0, static_cast<uint32_t>(text.size())};
    ASSERT_TRUE(set->scan_joined(text, {&whole, 1}, scratch, want));
    ASSERT_EQ(got.size(), want.size()) << text;
    for (size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].pattern, want[k].pattern) << text;
      EXPECT_EQ(got[k].start, want[k].start) << text;
      EXPECT_EQ(got[k].end, want[k].end) << text;
    }
  }
}

TEST(PatternSet, DeferredScanOfKeptTokensMatchesAFreshOne) {
  // scan() keeps the text's tokens for scan_deferred(); a memo answer keeps
  // none, and scan_deferred() then tokenises the text itself.
  auto set = build_ok({{"prabowo", false, true},
                       {"jawa", false, true, true},
                       {"prima", false, true, true},
                       {"coblos", false, true}});
  Scratch scratch(*set);
  Tokens keep;  // reused: a memo answer must not leave the last text's tokens valid
  for (const std::string text :
       {"jawa prima", "coblos prabowo orang jawa, prima sekali jawa tengah lagi ya",
        "jawa prima"}) {
    std::vector<Match> main, with, without;
    ASSERT_TRUE(set->scan(text, scratch, main, &keep));
    set->scan_deferred(text, with, &keep);
    set->scan_deferred(text, without);
    ASSERT_EQ(with.size(), without.size()) << text;
    ASSERT_EQ(with.size(), text.size() > 20 ? 3u : 2u) << text;
    for (size_t k = 0; k < with.size(); ++k) {
      EXPECT_EQ(with[k].pattern, without[k].pattern);
      EXPECT_EQ(with[k].start, without[k].start);
      EXPECT_EQ(with[k].end, without[k].end);
    }
  }
}

}  // namespace
}  // namespace netra::matchers
