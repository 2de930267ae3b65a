// rules_version (docs/decisions/0008): a hash of the rule, list, registry and calendar
// contents and their names relative to the configuration, never of where it is on disk.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/ruleset.h"

namespace netra::engine {
namespace {
namespace fs = std::filesystem;

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

const char kPairs[] =
    "pattern,entity,kind,race,ballot_no,region_code,strength\n"
    "Prabowo Subianto,Prabowo - Gibran,candidate,pilpres,02,,strong\n";

const char kAsnHeader[] = "platform,account_id,nip,name,agency,unit,position,region_code\n";

// One configuration tree (rules/, lists/, registries/, calendar.yaml) under its own directory.
class ConfigTree {
 public:
  explicit ConfigTree(const std::string& tag) {
    root_ = fs::temp_directory_path() /
            ("netra-version-" + std::to_string(::getpid()) + "-" + tag) / "some" / tag;
    fs::remove_all(root_);
    write("rules/r.yaml", kRule);
    write("lists/support.txt", "# support\ndukung\nre:coblos\\s?0?[1-3]\n");
    write("lists/pairs.csv", kPairs);
    write("registries/asn.csv", kAsnHeader);
    write("calendar.yaml", kCalendar);
  }
  ~ConfigTree() { fs::remove_all(root_.parent_path().parent_path()); }

  void write(const std::string& name, const std::string& text) {
    fs::path p = root_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  }

  // Loads the tree; "" when it does not load.
  std::string version() const {
    Settings s;
    s.rules_dir = (root_ / "rules").string();
    s.lists_dir = (root_ / "lists").string();
    s.asn_accounts = (root_ / "registries/asn.csv").string();
    s.calendar = (root_ / "calendar.yaml").string();
    std::vector<Diagnostic> diags;
    auto rs = RuleSet::load(s, diags);
    return rs ? rs->version() : std::string();
  }

  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

TEST(RulesVersion, SameContentInTwoDirectoriesGivesTheSameVersion) {
  ConfigTree a("a"), b("elsewhere");
  ASSERT_NE(a.root().parent_path(), b.root().parent_path());
  const std::string va = a.version();
  ASSERT_EQ(va.size(), 12u);
  EXPECT_EQ(va, b.version());
}

TEST(RulesVersion, OneByteOfAListChangesIt) {
  ConfigTree a("a"), b("b");
  b.write("lists/support.txt", "# support\ndukunG\nre:coblos\\s?0?[1-3]\n");
  const std::string va = a.version(), vb = b.version();
  ASSERT_FALSE(va.empty());
  ASSERT_FALSE(vb.empty());
  EXPECT_NE(va, vb);
}

TEST(RulesVersion, RegistryAndCalendarContentChangeIt) {
  ConfigTree a("a"), b("b"), c("c");
  b.write(
      "registries/asn.csv",
      std::string(kAsnHeader) + "x,x:1,198503122010011002,Budi,Dinas Pendidikan,SMP 1,Guru,3273\n");
  c.write("calendar.yaml", std::string(kCalendar) + "# note\n");
  const std::string va = a.version();
  ASSERT_FALSE(va.empty());
  EXPECT_NE(va, b.version());
  EXPECT_NE(va, c.version());
}

TEST(RulesVersion, RelativeNamesCount) {
  // The same bytes under another list name: a different rule set for the loader.
  ConfigTree a("a"), b("b");
  b.write("lists/unused.txt", "dukung\n");
  a.write("lists/unused2.txt", "dukung\n");
  const std::string va = a.version(), vb = b.version();
  ASSERT_FALSE(va.empty());
  ASSERT_FALSE(vb.empty());
  EXPECT_NE(va, vb);
}

}  // namespace
}  // namespace netra::engine
