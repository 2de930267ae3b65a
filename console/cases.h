#pragma once
// Case statuses, roles and the triage rules (pure: no I/O).
#include <string>
#include <string_view>

namespace netra::console {

enum class Status { baru, ditinjau, dikonfirmasi, ditolak, diteruskan };
const char* status_name(Status s);
bool parse_status(std::string_view name, Status& out);

enum class Role { operator_, supervisor, auditor };
const char* role_name(Role r);
bool parse_role(std::string_view name, Role& out);

// The fixed reasons a case is rejected as a false positive.
struct RejectReason {
  const char* id;
  const char* label;  // Indonesian
};
const RejectReason* reject_reasons(size_t& count);
bool is_reject_reason(std::string_view id);

enum class Action { review, confirm, reject, forward, assign, note };
const char* action_name(Action a);
bool parse_action(std::string_view name, Action& out);

struct TriageRequest {
  Action action = Action::review;
  std::string reason;    // reject
  std::string note;      // reject (required for "lainnya"), note
  std::string assignee;  // assign ("" unassigns)
};

enum class TriageError {
  none,
  forbidden,
  bad_transition,
  bad_reason,
  missing_note,
  no_case,
  store
};
const char* triage_error_name(TriageError e);

// Whether `role` may perform `a` at all (operator: review, reject, note;
// supervisor: everything; auditor: nothing).
bool role_allows(Role role, Action a);
// The status after `a` from `from`; false when the action does not apply there.
// assign and note keep the status and apply to every status.
bool next_status(Status from, Action a, Status& to);
// Checks role, transition and the request's fields.
TriageError check_triage(Status from, Role role, const TriageRequest& req, Status& to);

}  // namespace netra::console
