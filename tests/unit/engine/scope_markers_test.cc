#include "engine/scope_markers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace netra::engine {
namespace {

namespace fs = std::filesystem;

// A lists directory with `files` (name -> content) and a lexicon that knows
// the pattern lists `acts` (id 0) and `slurs` (id 1).
class ScopeMarkersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("netra_scope_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    lexicon_.lists.push_back({"acts", ""});
    lexicon_.list_ids["acts"] = 0;
    lexicon_.lists.push_back({"slurs", ""});
    lexicon_.list_ids["slurs"] = 1;
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
  }

  bool load() {
    diags_.clear();
    markers_ = {};
    load_scope_markers(dir_.string(), lexicon_, markers_, diags_);
    return diags_.empty();
  }

  // The marker that scopes over the first occurrence of `act` in `text`
  // (already normalised), or "" when none does.
  std::string scoped(std::string_view text, std::string_view act, uint32_t applicable = 1) {
    ScopeMatch m;
    const auto pos = static_cast<uint32_t>(text.find(act));
    if (!markers_.find(text, pos, applicable, m)) return "";
    return std::string(text.substr(m.start, m.end - m.start));
  }

  fs::path dir_;
  Lexicon lexicon_;
  ScopeMarkers markers_;
  std::vector<Diagnostic> diags_;
};

constexpr const char* kNegation =
    "# test\nwindow:3\nover:acts\nunscoped:ragu\nunscoped:salah\nstop:tapi\n"
    "tidak\ngak\nora tau\ntak ikut\ntak mendukung\n";

TEST_F(ScopeMarkersTest, NegationScopesOverTheActAfterIt) {
  write("negation.scope", kNegation);
  ASSERT_TRUE(load()) << diags_[0].str();
  EXPECT_EQ(scoped("saya tidak ikut kampanye", "ikut"), "tidak");
  EXPECT_EQ(scoped("saya tidak ikut kampanye", "kampanye"), "tidak");
  EXPECT_EQ(scoped("aku ora tau ngumpulke ktp", "ngumpulke"), "ora tau");
  EXPECT_EQ(scoped("saya gak pernah sekalipun ikut", "ikut"), "gak");
  EXPECT_EQ(scoped("coblos 02 tidak", "coblos"), "");  // after the act: nothing
}

TEST_F(ScopeMarkersTest, CommasStopWordsAndLitotesEndTheScope) {
  write("negation.scope", kNegation);
  ASSERT_TRUE(load());
  EXPECT_EQ(scoped("saya tidak ragu, coblos 02", "coblos"), "");
  EXPECT_EQ(scoped("saya tidak ragu coblos 02", "coblos"), "");
  EXPECT_EQ(scoped("tidak pernah salah pilih 02", "pilih"), "");
  EXPECT_EQ(scoped("saya tidak dukung 01; dukung 02", "dukung 02"), "");
  EXPECT_EQ(scoped("saya tidak ikut kampanye tapi dukung 02", "dukung"), "");
  EXPECT_EQ(scoped("tidak ikut. coblos 02", "coblos"), "");
  EXPECT_EQ(scoped("tidak ikut: coblos 02", "coblos"), "");
  EXPECT_EQ(scoped("tidak ikut kompas.com coblos", "coblos"), "tidak");  // a dot in a word
}

TEST_F(ScopeMarkersTest, TheWindowCountsWordsBetween) {
  write("negation.scope", kNegation);
  ASSERT_TRUE(load());
  EXPECT_EQ(scoped("tidak a b c ikut", "ikut"), "tidak");
  EXPECT_EQ(scoped("tidak a b c d ikut", "ikut"), "");
}

TEST_F(ScopeMarkersTest, AMarkerOfSeveralWordsMayReachIntoTheAct) {
  write("negation.scope", kNegation);
  ASSERT_TRUE(load());
  EXPECT_EQ(scoped("saya tak mendukung 02", "mendukung"), "tak mendukung");
  // Javanese "tak" is "I": alone it is no marker.
  EXPECT_EQ(scoped("wis tak kumpulke ktp", "kumpulke"), "");
  EXPECT_EQ(scoped("wis tak coblos", "coblos"), "");
}

TEST_F(ScopeMarkersTest, OnlyApplicableListsCount) {
  write("negation.scope", kNegation);
  write("reported_speech.scope", "window:6\nover:acts\nkatanya\n");
  ASSERT_TRUE(load());
  ASSERT_EQ(markers_.lists.size(), 2u);
  EXPECT_EQ(markers_.lists[1].name, "reported_speech");
  EXPECT_EQ(scoped("katanya pak camat ikut kampanye", "ikut", 0b10), "katanya");
  EXPECT_EQ(scoped("katanya pak camat ikut kampanye", "ikut", 0b01), "");
  EXPECT_EQ(scoped("saya tidak ikut", "ikut", 0), "");
  // The negation's window (3) does not reach; reported speech's (6) does.
  EXPECT_EQ(scoped("katanya a b c d ikut", "ikut", 0b11), "katanya");
}

TEST_F(ScopeMarkersTest, ProblemsAreReportedWithTheirLine) {
  write("negation.scope", "window:3\nover:nosuchlist\nfoo:bar\nwindow:99\ntidak\n");
  EXPECT_FALSE(load());
  ASSERT_EQ(diags_.size(), 4u);
  EXPECT_EQ(diags_[0].line, 2);
  EXPECT_NE(diags_[0].message.find("nosuchlist"), std::string::npos);
  EXPECT_EQ(diags_[1].line, 3);
  EXPECT_EQ(diags_[2].line, 4);
  EXPECT_EQ(diags_[3].line, 0);  // markers with no `over:` list
}

TEST_F(ScopeMarkersTest, AScopeListMayNotShareAPatternListsName) {
  write("acts.scope", "over:acts\ntidak\n");
  EXPECT_FALSE(load());
  ASSERT_EQ(diags_.size(), 1u);
  EXPECT_NE(diags_[0].message.find("also named 'acts'"), std::string::npos);
}

TEST(ScopeMarkersShipped, TheShippedListsLoad) {
  // The shipped lists name pattern lists of config/lists: a lexicon that knows
  // every *.txt there is enough to check their directives and markers.
  Lexicon lexicon;
  const fs::path dir = fs::path(NETRA_SOURCE_DIR) / "config" / "lists";
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") {
      lexicon.list_ids[e.path().stem().string()] = static_cast<uint32_t>(lexicon.lists.size());
      lexicon.lists.push_back({e.path().stem().string(), e.path().string()});
    }
  ScopeMarkers markers;
  std::vector<Diagnostic> diags;
  load_scope_markers(dir.string(), lexicon, markers, diags);
  for (const auto& d : diags) ADD_FAILURE() << d.str();
  EXPECT_GE(markers.lists.size(), 2u);
  EXPECT_GE(markers.markers.size(), 100u);
}

}  // namespace
}  // namespace netra::engine
