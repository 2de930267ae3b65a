// SQLite (WAL) implementation of console::Store. One connection behind a
// mutex: the console's writes are batched and its readers are few.
#include <sqlite3.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <tuple>

#include "console/store.h"

namespace netra::console {

namespace {

std::string now_rfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Schema 2 (ADR 0022): each alert row carries its case_id (schema 1 had a
// case_alerts link table), an FTS5 index over the alerts' text and a table of
// the queue's filter values, both kept up to date by ingest.
const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts(
  alert_id TEXT NOT NULL UNIQUE,
  rule_id TEXT NOT NULL,
  severity INTEGER NOT NULL,
  event_ts TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  report_deadline TEXT NOT NULL,
  src_topic TEXT, src_partition INTEGER, src_offset INTEGER,
  ingested_at TEXT NOT NULL,
  json TEXT NOT NULL,
  case_id INTEGER
);
CREATE INDEX IF NOT EXISTS alerts_case ON alerts(case_id);
CREATE TABLE IF NOT EXISTS cases(
  case_id INTEGER PRIMARY KEY,
  case_key TEXT NOT NULL UNIQUE,
  terlapor_key TEXT NOT NULL, terlapor_name TEXT, nip TEXT, account_id TEXT, agency TEXT,
  unit TEXT, position TEXT, region_code TEXT, platform TEXT,
  rule_id TEXT NOT NULL, rule_name TEXT, skb_item TEXT, track TEXT, race TEXT, phase TEXT,
  target_entity TEXT NOT NULL, local_day TEXT NOT NULL,
  severity INTEGER NOT NULL,
  deadline TEXT NOT NULL, deadline_unix INTEGER NOT NULL,
  alert_count INTEGER NOT NULL,
  first_ts TEXT, first_unix INTEGER, last_ts TEXT, last_unix INTEGER,
  status TEXT NOT NULL DEFAULT 'baru'
    CHECK(status IN ('baru','ditinjau','dikonfirmasi','ditolak','diteruskan')),
  reject_reason TEXT NOT NULL DEFAULT '', reject_note TEXT NOT NULL DEFAULT '',
  assignee TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_queue ON cases(deadline_unix, severity DESC);
CREATE INDEX IF NOT EXISTS cases_terlapor ON cases(terlapor_key);
CREATE VIRTUAL TABLE IF NOT EXISTS alerts_fts USING fts5(
  terlapor, target, uraian, text, content='', detail=none, columnsize=0,
  tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS facets(
  kind TEXT NOT NULL, value TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(kind, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS notes(
  note_id INTEGER PRIMARY KEY, case_key TEXT NOT NULL, author TEXT NOT NULL, ts TEXT NOT NULL,
  text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notes_case ON notes(case_key);
CREATE TABLE IF NOT EXISTS users(
  username TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK(role IN ('operator','supervisor','auditor')),
  pw_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions(
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf TEXT NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, case_id INTEGER NOT NULL DEFAULT 0, case_key TEXT NOT NULL DEFAULT '',
  before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS audit_case ON audit_log(case_id);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '2');
)sql";

// Schema 1 -> 2, in one transaction with kSchema: the link table folds into
// alerts.case_id, and the facets and the full-text index are filled from the
// stored rows (the full-text index by open(), from each stored record).
const char kMigrate1Before[] = R"sql(
ALTER TABLE alerts ADD COLUMN case_id INTEGER;
UPDATE alerts SET case_id = (SELECT c.case_id FROM case_alerts c WHERE c.alert_id = alerts.alert_id);
DROP TABLE case_alerts;
)sql";
const char kMigrate1After[] = R"sql(
INSERT OR IGNORE INTO facets(kind, value, label)
  SELECT 'rule', rule_id, max(rule_name) FROM cases GROUP BY rule_id;
INSERT OR IGNORE INTO facets(kind, value) SELECT 'region', region_code FROM cases WHERE region_code <> '';
INSERT OR IGNORE INTO facets(kind, value) SELECT 'agency', agency FROM cases WHERE agency <> '';
INSERT OR IGNORE INTO facets(kind, value) SELECT 'race', race FROM cases WHERE race <> '';
INSERT OR IGNORE INTO facets(kind, value) SELECT 'phase', phase FROM cases WHERE phase <> '';
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// A prepared statement, reset on every use.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, const char* sql, std::string& error) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
      error = std::string(sqlite3_errmsg(db)) + " in: " + sql;
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(s_, o.s_);
    return *this;
  }
  // Also ends the statement: a single-row SELECT left unfinished would keep
  // this connection's read transaction (and its stale snapshot) open.
  Stmt& reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    col_ = 0;
    return *this;
  }
  // Copied (SQLITE_TRANSIENT): callers bind temporaries.
  Stmt& bind(const std::string& v) {
    sqlite3_bind_text(s_, ++col_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int64_t v) {
    sqlite3_bind_int64(s_, ++col_, v);
    return *this;
  }
  // Not copied: `v` must outlive the statement's next step().
  Stmt& bind_static(const std::string& v) {
    sqlite3_bind_text(s_, ++col_, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  std::string text(int i) const {
    const unsigned char* p = sqlite3_column_text(s_, i);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : std::string();
  }
  int64_t num(int i) const { return sqlite3_column_int64(s_, i); }

 private:
  sqlite3_stmt* s_ = nullptr;
  int col_ = 0;
};

const char kCaseColumns[] =
    "case_id, case_key, terlapor_key, terlapor_name, nip, account_id, agency, unit, position, "
    "region_code, platform, rule_id, rule_name, skb_item, track, race, phase, target_entity, "
    "local_day, severity, deadline, deadline_unix, alert_count, first_ts, last_ts, status, "
    "reject_reason, reject_note, assignee, updated_at";

Case read_case(const Stmt& s) {
  Case c;
  int i = 0;
  c.case_id = s.num(i++);
  for (std::string* f :
       {&c.case_key, &c.terlapor_key, &c.terlapor_name, &c.nip, &c.account_id, &c.agency, &c.unit,
        &c.position, &c.region_code, &c.platform, &c.rule_id, &c.rule_name, &c.skb_item, &c.track,
        &c.race, &c.phase, &c.target_entity, &c.local_day})
    *f = s.text(i++);
  c.severity = static_cast<int>(s.num(i++));
  c.deadline = s.text(i++);
  c.deadline_unix = s.num(i++);
  c.alert_count = s.num(i++);
  c.first_ts = s.text(i++);
  c.last_ts = s.text(i++);
  parse_status(s.text(i++), c.status);
  c.reject_reason = s.text(i++);
  c.reject_note = s.text(i++);
  c.assignee = s.text(i++);
  c.updated_at = s.text(i++);
  return c;
}

// The search box's words as an FTS5 query: each word a quoted term, all of
// them required, the last one also as a prefix (the user may still be typing);
// nothing the user types is FTS5 syntax.
std::string fts_query(const std::string& text) {
  std::vector<std::string> words(1);
  for (char c : text) {
    // Separators as unicode61 sees them in ASCII; other bytes stay in the word.
    if (static_cast<unsigned char>(c) < 0x80 && !std::isalnum(static_cast<unsigned char>(c))) {
      if (!words.back().empty()) words.emplace_back();
    } else {
      words.back() += c;
    }
  }
  if (words.back().empty()) words.pop_back();
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += " AND ";
    out += '"';
    for (char c : words[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += i + 1 == words.size() ? "\"*" : "\"";
  }
  return out;
}

class SqliteStore final : public Store {
 public:
  // close_v2 defers the close until the statements (members, destroyed
  // after this body) are finalized.
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  bool open(const std::string& dir, std::string& error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      error = "cannot create " + dir + ": " + ec.message();
      return false;
    }
    const std::string path = (std::filesystem::path(dir) / "console.db").string();
    // No SQLite mutexes on this connection: mu_ serialises every use.
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      error = "cannot open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
      return false;
    }
    sqlite3_busy_timeout(db_, 5000);
    // WAL with synchronous=NORMAL: a commit is safe from a crash of the
    // process (kill -9) at once, and from power loss once the WAL is synced
    // (at each checkpoint); ADR 0022. A 32 MB page cache keeps the indexes
    // that ingest touches in memory; no memory-mapped reads (their pages would
    // count in the console's RSS with a large store).
    if (!exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
              "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; "
              "PRAGMA wal_autocheckpoint=4000;",
              error))
      return false;
    return migrate_and_prepare(error);
  }

  bool migrate_and_prepare(std::string& error) {
    if (!exec("BEGIN IMMEDIATE", error)) return false;
    const bool v1 = scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'case_alerts'") > 0;
    if ((v1 && !exec(kMigrate1Before, error)) || !exec(kSchema, error) ||
        (v1 && !exec(kMigrate1After, error)) || !prepare(error) || (v1 && !refill_fts(error)))
      return rollback(error);
    return exec("COMMIT", error) || rollback(error);
  }

  // The full-text index from every stored record (schema 1 stores had none).
  bool refill_fts(std::string& error) {
    Stmt all(db_, "SELECT rowid, json FROM alerts", error);
    if (!error.empty()) return false;
    while (all.step() == SQLITE_ROW) {
      Alert a;
      std::string detail;
      if (parse_alert(all.text(1), a, detail) != ParseError::none) continue;
      if (!index_text(all.num(0), a)) return false;
    }
    return true;
  }

  // One transaction per batch, prepared statements only. Per alert: a lookup of
  // its id (a replayed record changes nothing), the case upsert, the filter
  // values of a new case, the alert row and its full-text entry.
  bool ingest(const std::vector<Alert>& alerts, IngestResult& result, std::string& error) override {
    std::lock_guard lock(mu_);
    result = {};
    if (!exec("BEGIN IMMEDIATE", error)) return false;
    const std::string now = now_rfc3339();
    for (const Alert& a : alerts) {
      auto& seen = stmts_.alert_exists.reset();
      seen.bind(a.alert_id);
      const int rc = seen.step();
      seen.reset();
      if (rc == SQLITE_ROW) {
        ++result.duplicates;
        continue;
      }
      if (rc != SQLITE_DONE) return rollback(error);
      ++result.inserted;
      int64_t ts = 0, deadline = 0;
      int off = 0;
      parse_rfc3339(a.event_ts, ts, off);
      parse_rfc3339(a.report_deadline, deadline, off);
      auto& up = stmts_.upsert_case.reset();
      up.bind(a.case_key()).bind(a.terlapor_key()).bind(a.name).bind(a.nip).bind(a.account_id);
      up.bind(a.agency).bind(a.unit).bind(a.position).bind(a.region_code).bind(a.platform);
      up.bind(a.rule_id).bind(a.rule_name).bind(a.skb_item).bind(a.track).bind(a.race);
      up.bind(a.phase).bind(a.target_key()).bind(a.local_day()).bind(int64_t{a.severity});
      up.bind(a.report_deadline).bind(deadline).bind(a.event_ts).bind(ts).bind(now);
      if (up.step() != SQLITE_ROW) return rollback(error);
      const int64_t case_id = up.num(0);
      const bool new_case = up.num(1) == 1;
      if (up.step() != SQLITE_DONE) return rollback(error);
      if (new_case) {
        ++result.new_cases;
        if (!add_facets(a)) return rollback(error);
      }
      auto& ins = stmts_.insert_alert.reset();
      ins.bind(a.alert_id).bind(a.rule_id).bind(int64_t{a.severity}).bind(a.event_ts);
      ins.bind(a.detected_at).bind(a.report_deadline).bind(a.src_topic);
      ins.bind(int64_t{a.src_partition}).bind(a.src_offset).bind(now).bind_static(a.json);
      ins.bind(case_id);
      if (ins.step() != SQLITE_DONE || !index_text(sqlite3_last_insert_rowid(db_), a))
        return rollback(error);
    }
    if (!exec("COMMIT", error)) return rollback(error);
    if (result.inserted) ++version_;
    return true;
  }

  int64_t alert_count() override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.count_alerts.reset();
    const int64_t n = s.step() == SQLITE_ROW ? s.num(0) : 0;
    s.reset();
    return n;
  }

  // This connection's changes, plus SQLite's data_version, which moves when
  // another process (`netra console ingest`) commits to the same file.
  int64_t version() override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.data_version.reset();
    const int64_t external = s.step() == SQLITE_ROW ? s.num(0) : 0;
    s.reset();
    return (version_.load() << 24) + external;
  }

  std::vector<Case> list_cases(const CaseFilter& f) override {
    std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE 1=1";
    std::vector<std::string> args;
    auto eq = [&](const char* col, const std::string& v) {
      if (v.empty()) return;
      sql += std::string(" AND ") + col + " = ?";
      args.push_back(v);
    };
    eq("rule_id", f.rule_id);
    eq("status", f.status);
    eq("region_code", f.region_code);
    eq("agency", f.agency);
    eq("assignee", f.assignee);
    eq("race", f.race);
    eq("phase", f.phase);
    if (f.severity) {
      sql += " AND severity = ?";
      args.push_back(std::to_string(f.severity));
    }
    if (const std::string match = fts_query(f.text); !match.empty()) {
      sql +=
          " AND case_id IN (SELECT a.case_id FROM alerts a WHERE a.rowid IN "
          "(SELECT rowid FROM alerts_fts WHERE alerts_fts MATCH ?))";
      args.push_back(match);
    }
    sql += " ORDER BY deadline_unix ASC, severity DESC, case_id ASC LIMIT ? OFFSET ?";
    std::lock_guard lock(mu_);
    std::string error;
    Stmt s(db_, sql.c_str(), error);
    std::vector<Case> out;
    if (!error.empty()) return out;
    for (const auto& a : args) s.bind(a);
    s.bind(int64_t{f.limit}).bind(int64_t{f.offset});
    while (s.step() == SQLITE_ROW) out.push_back(read_case(s));
    return out;
  }

  std::optional<Case> get_case(int64_t case_id) override {
    std::lock_guard lock(mu_);
    return get_case_locked(case_id);
  }

  std::vector<std::string> case_alerts_json(int64_t case_id) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.case_alerts.reset();
    s.bind(case_id);
    std::vector<std::string> out;
    while (s.step() == SQLITE_ROW) out.push_back(s.text(0));
    return out;
  }

  std::vector<Case> cases_of_terlapor(const std::string& terlapor_key) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.by_terlapor.reset();
    s.bind(terlapor_key);
    std::vector<Case> out;
    while (s.step() == SQLITE_ROW) out.push_back(read_case(s));
    return out;
  }

  std::vector<Note> notes(int64_t case_id) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.notes.reset();
    s.bind(case_id);
    std::vector<Note> out;
    while (s.step() == SQLITE_ROW) out.push_back({s.num(0), s.text(1), s.text(2), s.text(3)});
    return out;
  }

  Facets facets() override {
    std::lock_guard lock(mu_);
    Facets f;
    auto& s = stmts_.facets.reset();
    while (s.step() == SQLITE_ROW) {
      const std::string kind = s.text(0);
      if (kind == "rule") {
        f.rules.emplace_back(s.text(1), s.text(2));
        continue;
      }
      for (auto [name, out] : {std::pair{"region", &f.regions},
                               {"agency", &f.agencies},
                               {"race", &f.races},
                               {"phase", &f.phases}})
        if (kind == name && out->size() < 1000) out->push_back(s.text(1));
    }
    return f;
  }

  TriageError triage(int64_t case_id, const TriageRequest& req, const std::string& actor,
                     Role role) override {
    std::lock_guard lock(mu_);
    std::string error;
    if (!exec("BEGIN IMMEDIATE", error)) return TriageError::store;
    auto c = get_case_locked(case_id);
    if (!c) {
      rollback(error);
      return TriageError::no_case;
    }
    Status to;
    if (TriageError e = check_triage(c->status, role, req, to); e != TriageError::none) {
      rollback(error);
      return e;
    }
    AuditEntry e;
    e.actor = actor;
    e.action = action_name(req.action);
    e.case_id = case_id;
    e.case_key = c->case_key;
    e.reason = req.reason;
    e.note = req.note;
    const std::string now = now_rfc3339();
    bool ok = true;
    if (req.action == Action::assign) {
      e.before = c->assignee;
      e.after = req.assignee;
      ok = run(stmts_.set_assignee.reset().bind(req.assignee).bind(now).bind(case_id));
    } else if (req.action == Action::note) {
      ok = run(stmts_.add_note.reset().bind(c->case_key).bind(actor).bind(now).bind(req.note));
    } else {
      e.before = status_name(c->status);
      e.after = status_name(to);
      const bool rejecting = req.action == Action::reject;
      ok = run(stmts_.set_status.reset()
                   .bind(std::string(status_name(to)))
                   .bind(rejecting ? req.reason : std::string())
                   .bind(rejecting ? req.note : std::string())
                   .bind(now)
                   .bind(case_id));
      if (ok && !rejecting && !req.note.empty())
        ok = run(stmts_.add_note.reset().bind(c->case_key).bind(actor).bind(now).bind(req.note));
    }
    if (!ok || !append_audit(e, now) || !exec("COMMIT", error)) {
      rollback(error);
      return TriageError::store;
    }
    ++version_;
    return TriageError::none;
  }

  bool put_user(const User& u, std::string& error) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.put_user.reset();
    s.bind(u.username).bind(u.display_name).bind(u.role).bind(u.pw_hash);
    s.bind(int64_t{u.disabled ? 1 : 0});
    if (s.step() != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      return false;
    }
    return true;
  }

  std::optional<User> get_user(const std::string& username) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.get_user.reset();
    s.bind(username);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    User u{s.text(0), s.text(1), s.text(2), s.text(3), s.num(4) != 0};
    s.reset();
    return u;
  }

  std::vector<User> users() override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.users.reset();
    std::vector<User> out;
    while (s.step() == SQLITE_ROW)
      out.push_back({s.text(0), s.text(1), s.text(2), std::string(), s.num(4) != 0});
    return out;
  }

  void put_session(const std::string& token_hash, const Session& session) override {
    std::lock_guard lock(mu_);
    run(stmts_.put_session.reset()
            .bind(token_hash)
            .bind(session.username)
            .bind(session.csrf)
            .bind(session.expires_at));
  }

  std::optional<Session> get_session(const std::string& token_hash, int64_t now) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.get_session.reset();
    s.bind(token_hash).bind(now);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    Session session{s.text(0), s.text(1), s.text(2), s.text(3), s.num(4)};
    s.reset();
    return session;
  }

  void delete_session(const std::string& token_hash) override {
    std::lock_guard lock(mu_);
    run(stmts_.delete_session.reset().bind(token_hash));
  }

  void audit(const AuditEntry& e) override {
    std::lock_guard lock(mu_);
    append_audit(e, now_rfc3339());
  }

  std::vector<AuditEntry> audit_log(int64_t case_id, int limit) override {
    std::lock_guard lock(mu_);
    auto& s = stmts_.audit_log.reset();
    s.bind(case_id).bind(int64_t{limit});
    std::vector<AuditEntry> out;
    while (s.step() == SQLITE_ROW) {
      AuditEntry e;
      e.seq = s.num(0);
      e.ts = s.text(1);
      e.actor = s.text(2);
      e.action = s.text(3);
      e.case_id = s.num(4);
      e.case_key = s.text(5);
      e.before = s.text(6);
      e.after = s.text(7);
      e.reason = s.text(8);
      e.note = s.text(9);
      e.detail = s.text(10);
      out.push_back(std::move(e));
    }
    return out;
  }

  bool clear_alerts(std::string& error) override {
    std::lock_guard lock(mu_);
    if (!exec("BEGIN IMMEDIATE; DELETE FROM cases; DELETE FROM alerts; DELETE FROM facets; "
              "INSERT INTO alerts_fts(alerts_fts) VALUES('delete-all'); COMMIT;",
              error))
      return rollback(error);
    ++version_;
    return true;
  }

  int reapply_triage() override {
    std::lock_guard lock(mu_);
    std::string error;
    if (!exec("BEGIN IMMEDIATE", error)) return -1;
    const int before = sqlite3_total_changes(db_);
    // The last status change and the last assignment per case key win.
    const char* sql = R"sql(
      UPDATE cases SET status = a.after, reject_reason = a.reason, reject_note = a.note
      FROM (SELECT case_key, after, reason, note, max(seq) FROM audit_log
            WHERE action IN ('review','confirm','reject','forward') GROUP BY case_key) AS a
      WHERE cases.case_key = a.case_key;
      UPDATE cases SET assignee = a.after
      FROM (SELECT case_key, after, max(seq) FROM audit_log WHERE action = 'assign'
            GROUP BY case_key) AS a
      WHERE cases.case_key = a.case_key;
    )sql";
    if (!exec(sql, error)) {
      rollback(error);
      return -1;
    }
    const int changed = sqlite3_total_changes(db_) - before;
    if (!exec("COMMIT", error)) return -1;
    ++version_;
    return changed;
  }

 private:
  bool exec(const char* sql, std::string& error) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      error = msg ? msg : sqlite3_errmsg(db_);
      sqlite3_free(msg);
      return false;
    }
    return true;
  }
  bool rollback(std::string& error) {
    if (error.empty()) error = sqlite3_errmsg(db_);
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  }
  static bool run(Stmt& s) { return s.step() == SQLITE_DONE; }
  int64_t scalar(const char* sql) {
    std::string error;
    Stmt s(db_, sql, error);
    return error.empty() && s.step() == SQLITE_ROW ? s.num(0) : -1;
  }

  // The filter values a new case may add (the queue's selects).
  bool add_facets(const Alert& a) {
    const std::string none;
    for (auto [kind, value, label] : {std::tuple{"rule", &a.rule_id, &a.rule_name},
                                      {"region", &a.region_code, &none},
                                      {"agency", &a.agency, &none},
                                      {"race", &a.race, &none},
                                      {"phase", &a.phase, &none}})
      if (!value->empty() &&
          !run(stmts_.add_facet.reset().bind(std::string(kind)).bind(*value).bind(*label)))
        return false;
    return true;
  }

  // The alert's searchable text under the alerts table's rowid.
  bool index_text(int64_t rowid, const Alert& a) {
    auto join = [](std::initializer_list<const std::string*> parts) {
      std::string out;
      for (const std::string* p : parts)
        if (!p->empty()) (out += *p) += ' ';
      return out;
    };
    std::string text = a.content_text;
    for (const Evidence& e : a.evidence) (text += ' ') += e.text;
    return run(stmts_.index_text.reset()
                   .bind(rowid)
                   .bind(join({&a.name, &a.nip, &a.handle, &a.account_id, &a.agency, &a.unit,
                               &a.position}))
                   .bind(join({&a.target_entity, &a.target_handle, &a.rule_name, &a.rule_id}))
                   .bind_static(a.uraian)
                   .bind(text));
  }

  bool append_audit(const AuditEntry& e, const std::string& now) {
    return run(stmts_.audit.reset()
                   .bind(now)
                   .bind(e.actor)
                   .bind(e.action)
                   .bind(e.case_id)
                   .bind(e.case_key)
                   .bind(e.before)
                   .bind(e.after)
                   .bind(e.reason)
                   .bind(e.note)
                   .bind(e.detail));
  }

  std::optional<Case> get_case_locked(int64_t case_id) {
    auto& s = stmts_.get_case.reset();
    s.bind(case_id);
    if (s.step() != SQLITE_ROW) return std::nullopt;
    Case c = read_case(s);
    s.reset();
    return c;
  }

  bool prepare(std::string& error) {
    const std::string cols = kCaseColumns;
    struct P {
      Stmt* s;
      std::string sql;
    } list[] = {
        {&stmts_.alert_exists, "SELECT 1 FROM alerts WHERE alert_id = ?"},
        {&stmts_.insert_alert,
         "INSERT INTO alerts(alert_id, rule_id, severity, event_ts, detected_at, "
         "report_deadline, src_topic, src_partition, src_offset, ingested_at, json, case_id) "
         "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"},
        {&stmts_.add_facet, "INSERT OR IGNORE INTO facets(kind, value, label) VALUES(?,?,?)"},
        {&stmts_.facets, "SELECT kind, value, label FROM facets ORDER BY kind, value"},
        {&stmts_.index_text,
         "INSERT INTO alerts_fts(rowid, terlapor, target, uraian, text) VALUES(?,?,?,?,?)"},
        {&stmts_.upsert_case,
         "INSERT INTO cases(case_key, terlapor_key, terlapor_name, nip, account_id, agency, unit, "
         "position, region_code, platform, rule_id, rule_name, skb_item, track, race, phase, "
         "target_entity, local_day, severity, deadline, deadline_unix, first_ts, first_unix, "
         "last_ts, last_unix, alert_count, created_at, updated_at) "
         "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,"
         "?22,?23,?22,?23,1,?24,?24) "
         "ON CONFLICT(case_key) DO UPDATE SET alert_count = alert_count + 1, "
         "severity = max(severity, excluded.severity), "
         "deadline = CASE WHEN excluded.deadline_unix < deadline_unix THEN excluded.deadline "
         "ELSE deadline END, deadline_unix = min(deadline_unix, excluded.deadline_unix), "
         "first_ts = CASE WHEN excluded.first_unix < first_unix THEN excluded.first_ts "
         "ELSE first_ts END, first_unix = min(first_unix, excluded.first_unix), "
         "last_ts = CASE WHEN excluded.last_unix > last_unix THEN excluded.last_ts "
         "ELSE last_ts END, last_unix = max(last_unix, excluded.last_unix), "
         "updated_at = excluded.updated_at "
         "RETURNING case_id, alert_count"},
        {&stmts_.count_alerts, "SELECT count(*) FROM alerts"},
        {&stmts_.data_version, "PRAGMA data_version"},
        {&stmts_.get_case, "SELECT " + cols + " FROM cases WHERE case_id = ?"},
        {&stmts_.case_alerts,
         "SELECT json FROM alerts WHERE case_id = ? ORDER BY event_ts, alert_id"},
        {&stmts_.by_terlapor,
         "SELECT " + cols + " FROM cases WHERE terlapor_key = ? ORDER BY first_unix, case_id"},
        {&stmts_.notes,
         "SELECT n.note_id, n.author, n.ts, n.text FROM notes n JOIN cases c "
         "ON c.case_key = n.case_key WHERE c.case_id = ? ORDER BY n.note_id"},
        {&stmts_.set_assignee, "UPDATE cases SET assignee = ?, updated_at = ? WHERE case_id = ?"},
        {&stmts_.set_status,
         "UPDATE cases SET status = ?, reject_reason = ?, reject_note = ?, updated_at = ? "
         "WHERE case_id = ?"},
        {&stmts_.add_note, "INSERT INTO notes(case_key, author, ts, text) VALUES(?,?,?,?)"},
        {&stmts_.put_user,
         "INSERT INTO users(username, display_name, role, pw_hash, disabled) VALUES(?,?,?,?,?) "
         "ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name, "
         "role = excluded.role, pw_hash = excluded.pw_hash, disabled = excluded.disabled"},
        {&stmts_.get_user,
         "SELECT username, display_name, role, pw_hash, disabled FROM users WHERE username = ?"},
        {&stmts_.users,
         "SELECT username, display_name, role, '', disabled FROM users ORDER BY username"},
        {&stmts_.put_session,
         "INSERT OR REPLACE INTO sessions(token_hash, username, csrf, expires_at) "
         "VALUES(?,?,?,?)"},
        {&stmts_.get_session,
         "SELECT s.username, u.role, u.display_name, s.csrf, s.expires_at FROM sessions s "
         "JOIN users u ON u.username = s.username "
         "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0"},
        {&stmts_.delete_session, "DELETE FROM sessions WHERE token_hash = ?"},
        {&stmts_.audit,
         "INSERT INTO audit_log(ts, actor, action, case_id, case_key, before, after, reason, "
         "note, detail) VALUES(?,?,?,?,?,?,?,?,?,?)"},
        {&stmts_.audit_log,
         "SELECT seq, ts, actor, action, case_id, case_key, before, after, reason, note, detail "
         "FROM audit_log WHERE (?1 = 0 OR case_id = ?1) ORDER BY seq DESC LIMIT ?2"},
    };
    for (auto& p : list) {
      *p.s = Stmt(db_, p.sql.c_str(), error);
      if (!error.empty()) return false;
    }
    return true;
  }

  std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::atomic<int64_t> version_{1};
  struct {
    Stmt alert_exists, insert_alert, add_facet, facets, index_text, upsert_case, count_alerts,
        data_version, get_case, case_alerts, by_terlapor, notes, set_assignee, set_status, add_note,
        put_user, get_user, users, put_session, get_session, delete_session, audit, audit_log;
  } stmts_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& dir, std::string& error) {
  auto s = std::make_unique<SqliteStore>();
  if (!s->open(dir, error)) return nullptr;
  return s;
}

}  // namespace netra::console
