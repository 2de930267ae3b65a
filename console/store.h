#pragma once
// The console's storage interface: alerts (idempotent on alert_id), the
// cases they group into, users, sessions and an append-only audit log.
// SqliteStore (console/sqlite_store.h) is the embedded implementation.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "console/alert.h"
#include "console/cases.h"

namespace netra::console {

struct IngestResult {
  int inserted = 0;    // new alerts
  int duplicates = 0;  // alert_id already stored
  int new_cases = 0;
};

struct Case {
  int64_t case_id = 0;
  std::string case_key, terlapor_key, terlapor_name, nip, account_id, agency, unit, position,
      region_code, platform;
  std::string rule_id, rule_name, skb_item, track, race, phase, target_entity, local_day;
  int severity = 0;
  std::string deadline;  // the earliest report_deadline (as written in that alert)
  int64_t deadline_unix = 0;
  int64_t alert_count = 0;
  std::string first_ts, last_ts;  // event times
  Status status = Status::baru;
  std::string reject_reason, reject_note, assignee;
  std::string updated_at;
};

struct CaseFilter {
  std::string rule_id, status, region_code, agency, assignee, race, phase;
  int severity = 0;  // exact, 0 = any
  std::string text;  // substring of the terlapor's name, agency or an alert's uraian
  int limit = 200, offset = 0;
};

// The distinct values the queue's filters offer.
struct Facets {
  std::vector<std::pair<std::string, std::string>> rules;  // id, name
  std::vector<std::string> regions, agencies, races, phases;
};

struct Note {
  int64_t note_id = 0;
  std::string author, ts, text;
};

struct User {
  std::string username, display_name, role, pw_hash;
  bool disabled = false;
};

struct Session {
  std::string username, role, display_name, csrf;
  int64_t expires_at = 0;
};

struct AuditEntry {
  int64_t seq = 0;
  std::string ts, actor, action, case_key, before, after;
  std::string reason, note;  // reject's reason id and note; a note's text
  std::string detail;        // free text for console-wide actions
  int64_t case_id = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes a batch atomically: either every alert is stored (or found stored)
  // or nothing changed and the call returns false with `error` set.
  virtual bool ingest(const std::vector<Alert>& alerts, IngestResult& result,
                      std::string& error) = 0;
  virtual int64_t alert_count() = 0;
  // Changes whenever cases change (here or through another process writing
  // the same store); the live queue watches it.
  virtual int64_t version() = 0;

  virtual std::vector<Case> list_cases(const CaseFilter& f) = 0;
  virtual std::optional<Case> get_case(int64_t case_id) = 0;
  virtual std::vector<std::string> case_alerts_json(int64_t case_id) = 0;  // oldest first
  virtual std::vector<Case> cases_of_terlapor(const std::string& terlapor_key) = 0;
  virtual std::vector<Note> notes(int64_t case_id) = 0;
  virtual Facets facets() = 0;

  // Triage. Each checks the role and the transition, writes the change and its
  // audit entry in one transaction, and returns the error it refused with.
  virtual TriageError triage(int64_t case_id, const TriageRequest& req, const std::string& actor,
                             Role role) = 0;

  virtual bool put_user(const User& u, std::string& error) = 0;  // insert or replace
  virtual std::optional<User> get_user(const std::string& username) = 0;
  virtual std::vector<User> users() = 0;

  virtual void put_session(const std::string& token_hash, const Session& s) = 0;
  virtual std::optional<Session> get_session(const std::string& token_hash, int64_t now) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;

  // Appends one entry (console-wide actions: login, user changes).
  virtual void audit(const AuditEntry& e) = 0;
  virtual std::vector<AuditEntry> audit_log(int64_t case_id, int limit) = 0;  // 0 = all cases

  // Forgets alerts and cases (not users, sessions or the audit log) before a
  // replay; reapply_triage() then restores statuses, assignees and notes from
  // the audit log onto the replayed cases by case key.
  virtual bool clear_alerts(std::string& error) = 0;
  virtual int reapply_triage() = 0;
};

// Opens (creating) <dir>/console.db. nullptr with `error` set on failure.
std::unique_ptr<Store> open_sqlite_store(const std::string& dir, std::string& error);

}  // namespace netra::console
