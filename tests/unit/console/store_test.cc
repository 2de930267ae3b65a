#include "console/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

using testing::alert_json;
using testing::AlertSpec;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("netra-console-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::string error;
    store_ = open_sqlite_store(dir_.string(), error);
    ASSERT_TRUE(store_) << error;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  IngestResult ingest(const std::vector<AlertSpec>& specs) {
    std::vector<Alert> batch;
    for (const auto& s : specs) {
      Alert a;
      std::string detail;
      EXPECT_EQ(parse_alert(alert_json(s), a, detail), ParseError::none) << detail;
      batch.push_back(std::move(a));
    }
    IngestResult r;
    std::string error;
    EXPECT_TRUE(store_->ingest(batch, r, error)) << error;
    return r;
  }

  static AlertSpec spec(std::string id) {
    AlertSpec s;
    s.id = std::move(id);
    return s;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, IngestIsIdempotentOnAlertId) {
  IngestResult r = ingest({spec("a1"), spec("a2")});
  EXPECT_EQ(r.inserted, 2);
  EXPECT_EQ(r.new_cases, 1);
  r = ingest({spec("a2"), spec("a1"), spec("a3")});
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(r.duplicates, 2);
  EXPECT_EQ(r.new_cases, 0);
  EXPECT_EQ(store_->alert_count(), 3);
  auto cases = store_->list_cases({});
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].alert_count, 3);
  EXPECT_EQ(store_->case_alerts_json(cases[0].case_id).size(), 3u);
}

TEST_F(StoreTest, ReopeningKeepsEverything) {
  ingest({spec("a1"), spec("a2")});
  store_.reset();
  std::string error;
  store_ = open_sqlite_store(dir_.string(), error);
  ASSERT_TRUE(store_) << error;
  IngestResult r = ingest({spec("a1")});
  EXPECT_EQ(r.duplicates, 1);
  EXPECT_EQ(store_->list_cases({})[0].alert_count, 2);
}

TEST_F(StoreTest, GroupsPerTerlaporRuleTargetAndLocalDay) {
  AlertSpec same_day_later = spec("a2");
  same_day_later.ts = "2024-01-12T23:59:00+07:00";
  same_day_later.severity = "critical";
  same_day_later.deadline = "2024-01-18T00:00:00+07:00";  // earlier than a1's
  AlertSpec next_day = spec("a3");
  next_day.ts = "2024-01-12T17:00:00Z";  // 00:00 WIB on the 13th
  AlertSpec other_rule = spec("a4");
  other_rule.rule = "engage_political_account";
  AlertSpec other_target = spec("a5");
  other_target.entity = "Ganjar Pranowo - Mahfud MD (03)";
  AlertSpec other_asn = spec("a6");
  other_asn.nip = "199001012015011001";
  AlertSpec low = spec("a7");
  low.severity = "low";
  IngestResult r =
      ingest({spec("a1"), same_day_later, next_day, other_rule, other_target, other_asn, low});
  EXPECT_EQ(r.new_cases, 5);
  auto cases = store_->list_cases({});
  ASSERT_EQ(cases.size(), 5u);
  const Case* grouped = nullptr;
  for (const auto& c : cases)
    if (c.alert_count == 3) grouped = &c;
  ASSERT_NE(grouped, nullptr);
  EXPECT_EQ(grouped->local_day, "2024-01-12");
  EXPECT_EQ(grouped->severity, 4);                            // the highest of high, critical, low
  EXPECT_EQ(grouped->deadline, "2024-01-18T00:00:00+07:00");  // the earliest
  EXPECT_EQ(grouped->first_ts, "2024-01-12T08:15:00+07:00");
  EXPECT_EQ(grouped->last_ts, "2024-01-12T23:59:00+07:00");
  // The queue: earliest deadline first.
  EXPECT_EQ(cases[0].case_id, grouped->case_id);
  EXPECT_EQ(store_->cases_of_terlapor(grouped->terlapor_key).size(), 4u);
}

TEST_F(StoreTest, Filters) {
  AlertSpec other = spec("a2");
  other.rule = "engage_political_account";
  other.severity = "medium";
  other.name = "Siti Aminah";
  other.nip = "1";
  ingest({spec("a1"), other});
  CaseFilter f;
  f.rule_id = "engage_political_account";
  EXPECT_EQ(store_->list_cases(f).size(), 1u);
  f = {};
  f.severity = 3;
  EXPECT_EQ(store_->list_cases(f).size(), 1u);
  f = {};
  f.text = "siti";
  ASSERT_EQ(store_->list_cases(f).size(), 1u);
  EXPECT_EQ(store_->list_cases(f)[0].terlapor_name, "Siti Aminah");
  f.status = "ditolak";
  EXPECT_EQ(store_->list_cases(f).size(), 0u);
}

TEST_F(StoreTest, TriageWritesStatusAndAudit) {
  ingest({spec("a1")});
  const int64_t id = store_->list_cases({})[0].case_id;
  TriageRequest r;
  r.action = Action::confirm;
  EXPECT_EQ(store_->triage(id, r, "op", Role::operator_), TriageError::forbidden);
  r.action = Action::review;
  EXPECT_EQ(store_->triage(id, r, "op", Role::operator_), TriageError::none);
  r.action = Action::reject;
  r.reason = "nope";
  EXPECT_EQ(store_->triage(id, r, "op", Role::operator_), TriageError::bad_reason);
  r.reason = "konteks_netral";
  r.note = "kutipan berita";
  EXPECT_EQ(store_->triage(id, r, "op", Role::operator_), TriageError::none);
  EXPECT_EQ(store_->triage(id + 100, r, "op", Role::operator_), TriageError::no_case);
  auto c = store_->get_case(id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, Status::ditolak);
  EXPECT_EQ(c->reject_reason, "konteks_netral");
  EXPECT_EQ(c->reject_note, "kutipan berita");
  auto log = store_->audit_log(id, 100);
  ASSERT_EQ(log.size(), 2u);           // refused actions leave no entry
  EXPECT_EQ(log[0].action, "reject");  // newest first
  EXPECT_EQ(log[0].before, "ditinjau");
  EXPECT_EQ(log[0].after, "ditolak");
  EXPECT_EQ(log[0].actor, "op");
  EXPECT_EQ(log[0].reason, "konteks_netral");
  EXPECT_EQ(log[1].action, "review");
  EXPECT_EQ(log[1].before, "baru");
}

TEST_F(StoreTest, NotesAndAssignment) {
  ingest({spec("a1")});
  const int64_t id = store_->list_cases({})[0].case_id;
  TriageRequest r;
  r.action = Action::assign;
  r.assignee = "budi";
  EXPECT_EQ(store_->triage(id, r, "sup", Role::supervisor), TriageError::none);
  r = {};
  r.action = Action::note;
  r.note = "<b>cek</b> akun";
  EXPECT_EQ(store_->triage(id, r, "op", Role::operator_), TriageError::none);
  EXPECT_EQ(store_->get_case(id)->assignee, "budi");
  auto notes = store_->notes(id);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].text, "<b>cek</b> akun");
  EXPECT_EQ(notes[0].author, "op");
  auto log = store_->audit_log(0, 10);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].after, "budi");
}

TEST_F(StoreTest, AuditLogIsAppendOnly) {
  AuditEntry e;
  e.actor = "admin";
  e.action = "user_add";
  store_->audit(e);
  ASSERT_EQ(store_->audit_log(0, 10).size(), 1u);
  // Not even SQL on the file can change or drop an entry.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "console.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'x'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto log = store_->audit_log(0, 10);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor, "admin");
}

TEST_F(StoreTest, RebuildReappliesTriage) {
  ingest({spec("a1"), spec("a2")});
  const auto before = store_->list_cases({})[0];
  TriageRequest r;
  r.action = Action::reject;
  r.reason = "duplikat";
  ASSERT_EQ(store_->triage(before.case_id, r, "op", Role::operator_), TriageError::none);
  r = {};
  r.action = Action::note;
  r.note = "catatan";
  ASSERT_EQ(store_->triage(before.case_id, r, "op", Role::operator_), TriageError::none);
  std::string error;
  ASSERT_TRUE(store_->clear_alerts(error)) << error;
  EXPECT_EQ(store_->alert_count(), 0);
  EXPECT_TRUE(store_->list_cases({}).empty());
  ingest({spec("a2"), spec("a1")});
  EXPECT_GT(store_->reapply_triage(), 0);
  auto after = store_->list_cases({});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].case_key, before.case_key);
  EXPECT_EQ(after[0].alert_count, 2);
  EXPECT_EQ(after[0].status, Status::ditolak);
  EXPECT_EQ(after[0].reject_reason, "duplikat");
  EXPECT_EQ(store_->notes(after[0].case_id).size(), 1u);
}

TEST_F(StoreTest, UsersAndSessions) {
  std::string error;
  ASSERT_TRUE(store_->put_user({"budi", "Budi", "operator", "hash", false}, error)) << error;
  EXPECT_FALSE(store_->put_user({"x", "", "root", "hash", false}, error));
  auto u = store_->get_user("budi");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->role, "operator");
  store_->put_session("tok", {"budi", "", "", "csrf1", 2000});
  auto s = store_->get_session("tok", 1000);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->role, "operator");
  EXPECT_EQ(s->csrf, "csrf1");
  EXPECT_FALSE(store_->get_session("tok", 3000));  // expired
  u->disabled = true;
  ASSERT_TRUE(store_->put_user(*u, error));
  EXPECT_FALSE(store_->get_session("tok", 1000));  // a disabled user's sessions stop
  store_->delete_session("tok");
  u->disabled = false;
  ASSERT_TRUE(store_->put_user(*u, error));
  EXPECT_FALSE(store_->get_session("tok", 1000));
}

}  // namespace
}  // namespace netra::console

namespace netra::console {
namespace {

TEST_F(StoreTest, VersionMovesOnChangesFromThisAndOtherProcesses) {
  const int64_t v0 = store_->version();
  EXPECT_EQ(store_->version(), v0);
  ingest({spec("a1")});
  const int64_t v1 = store_->version();
  EXPECT_NE(v1, v0);
  // A second connection (as `netra console ingest` in another process).
  std::string error;
  auto other = open_sqlite_store(dir_.string(), error);
  ASSERT_TRUE(other) << error;
  Alert a;
  std::string detail;
  ASSERT_EQ(parse_alert(alert_json(spec("a2")), a, detail), ParseError::none);
  IngestResult r;
  ASSERT_TRUE(other->ingest({a}, r, error)) << error;
  EXPECT_NE(store_->version(), v1);
}

}  // namespace
}  // namespace netra::console

namespace netra::console {
namespace {

TEST_F(StoreTest, SeesAndWritesAfterAnotherProcessCommitted) {
  std::string error;
  ASSERT_TRUE(store_->put_user({"budi", "Budi", "operator", "hash", false}, error)) << error;
  // Single-row reads on this connection (they must not keep a snapshot open).
  ASSERT_TRUE(store_->get_user("budi"));
  store_->version();
  store_->alert_count();
  auto other = open_sqlite_store(dir_.string(), error);
  ASSERT_TRUE(other) << error;
  Alert a;
  std::string detail;
  ASSERT_EQ(parse_alert(alert_json(spec("a9")), a, detail), ParseError::none);
  IngestResult r;
  ASSERT_TRUE(other->ingest({a}, r, error)) << error;
  EXPECT_EQ(store_->alert_count(), 1);
  ASSERT_EQ(store_->list_cases({}).size(), 1u);
  store_->put_session("tok", {"budi", "", "", "c", 2000});
  EXPECT_TRUE(store_->get_session("tok", 1000));
  TriageRequest t;
  t.action = Action::review;
  EXPECT_EQ(store_->triage(store_->list_cases({})[0].case_id, t, "budi", Role::operator_),
            TriageError::none);
}

std::vector<std::string> found(Store& store, const std::string& q) {
  CaseFilter f;
  f.text = q;
  std::vector<std::string> names;
  for (const auto& c : store.list_cases(f)) names.push_back(c.terlapor_name);
  std::sort(names.begin(), names.end());
  return names;
}

TEST_F(StoreTest, FullTextSearchOverNamesUraianEvidenceAndContent) {
  AlertSpec other = spec("a2");
  other.nip = "197001012000031001";
  other.account = "x:77";
  other.name = "Sri Wahyuningsih";
  ingest({spec("a1"), other});
  // The original text under `content`, as a record may carry it.
  std::string json = alert_json(spec("a3"));
  json.replace(json.find(R"("uraian")"), 8, R"("content":{"text":"Kata xylofonis"},"uraian")");
  Alert a;
  std::string detail, error;
  ASSERT_EQ(parse_alert(json, a, detail), ParseError::none) << detail;
  IngestResult r;
  ASSERT_TRUE(store_->ingest({a}, r, error)) << error;

  using V = std::vector<std::string>;
  EXPECT_EQ(found(*store_, "dedi"), V{"Dedi Kurniawan"});
  EXPECT_EQ(found(*store_, "Kurnia"), V{"Dedi Kurniawan"});  // the last word as a prefix
  EXPECT_EQ(found(*store_, "kurnia dedi"), V{});             // but only the last one
  EXPECT_EQ(found(*store_, "wahyuningsih 197001012000031001"), V{"Sri Wahyuningsih"});
  EXPECT_EQ(found(*store_, "coblos"), (V{"Dedi Kurniawan", "Sri Wahyuningsih"}));  // evidence
  EXPECT_EQ(found(*store_, "jumat"), (V{"Dedi Kurniawan", "Sri Wahyuningsih"}));   // uraian
  EXPECT_EQ(found(*store_, "XYLOFONIS"), V{"Dedi Kurniawan"});                     // content
  EXPECT_EQ(found(*store_, "tidakada"), V{});
  // FTS5 syntax typed by a user is text, never an error.
  EXPECT_EQ(found(*store_, R"("a" OR NEAR( dedi*)"), V{});
  EXPECT_EQ(found(*store_, " ; "), (V{"Dedi Kurniawan", "Sri Wahyuningsih"}));  // no words: all

  ASSERT_TRUE(store_->clear_alerts(error)) << error;
  EXPECT_EQ(found(*store_, "dedi"), V{});
  EXPECT_TRUE(store_->facets().rules.empty());
}

TEST_F(StoreTest, FacetsComeFromNewCases) {
  AlertSpec other = spec("a2");
  other.rule = "campaign_attribute";
  ingest({spec("a1"), other, spec("a3")});
  Facets f = store_->facets();
  ASSERT_EQ(f.rules.size(), 2u);
  EXPECT_EQ(f.rules[0].first, "campaign_attribute");
  EXPECT_EQ(f.rules[1].second, "Sosialisasi/kampanye medsos");
  EXPECT_EQ(f.regions, std::vector<std::string>{"3273"});
  EXPECT_EQ(f.agencies, std::vector<std::string>{"Dinas Pendidikan Kota Bandung"});
  EXPECT_EQ(f.races, std::vector<std::string>{"pilpres"});
  EXPECT_EQ(f.phases, std::vector<std::string>{"campaign"});
}

// A store written by schema 1 (a case_alerts link table, no facets, no full-text index)
// opens as schema 2 with its alerts, cases, facets and search intact.
TEST_F(StoreTest, MigratesASchema1Store) {
  AlertSpec other = spec("a2");
  other.ts = "2024-01-13T08:15:00+07:00";
  ingest({spec("a1"), other, spec("a3")});
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "console.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE case_alerts(case_id INTEGER NOT NULL, alert_id TEXT NOT "
                         "NULL, PRIMARY KEY(case_id, alert_id)) WITHOUT ROWID;"
                         "INSERT INTO case_alerts SELECT case_id, alert_id FROM alerts;"
                         "DROP INDEX alerts_case; ALTER TABLE alerts DROP COLUMN case_id;"
                         "DROP TABLE facets; DROP TABLE alerts_fts;"
                         "UPDATE meta SET value = '1' WHERE key = 'schema_version';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  std::string error;
  store_ = open_sqlite_store(dir_.string(), error);
  ASSERT_TRUE(store_) << error;
  CaseFilter all;
  auto cases = store_->list_cases(all);
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(store_->case_alerts_json(cases[0].case_id).size() +
                store_->case_alerts_json(cases[1].case_id).size(),
            3u);
  EXPECT_EQ(store_->facets().rules.size(), 1u);
  EXPECT_EQ(found(*store_, "coblos").size(), 2u);
  IngestResult r = ingest({spec("a1"), spec("a4")});
  EXPECT_EQ(r.inserted, 1);
  EXPECT_EQ(r.duplicates, 1);
}

}  // namespace
}  // namespace netra::console
