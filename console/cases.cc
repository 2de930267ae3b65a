#include "console/cases.h"

namespace netra::console {

namespace {
const char* const kStatus[] = {"baru", "ditinjau", "dikonfirmasi", "ditolak", "diteruskan"};
const char* const kRole[] = {"operator", "supervisor", "auditor"};
const char* const kAction[] = {"review", "confirm", "reject", "forward", "assign", "note"};
const RejectReason kReasons[] = {
    {"bukan_asn", "Akun bukan milik ASN / salah identitas"},
    {"bukan_politik", "Konten tidak bermuatan politik praktis"},
    {"konteks_netral", "Berita, kutipan, sindiran atau imbauan netralitas"},
    {"salah_target", "Sasaran (calon/partai) salah dikenali"},
    {"di_luar_masa", "Di luar tahapan atau wilayah yang diawasi"},
    {"duplikat", "Duplikat kasus lain"},
    {"lainnya", "Lainnya (jelaskan di catatan)"},
};

template <typename E, size_t N>
bool parse_name(const char* const (&names)[N], std::string_view s, E& out) {
  for (size_t i = 0; i < N; ++i)
    if (s == names[i]) {
      out = static_cast<E>(i);
      return true;
    }
  return false;
}
}  // namespace

const char* status_name(Status s) { return kStatus[static_cast<int>(s)]; }
bool parse_status(std::string_view name, Status& out) { return parse_name(kStatus, name, out); }
const char* role_name(Role r) { return kRole[static_cast<int>(r)]; }
bool parse_role(std::string_view name, Role& out) { return parse_name(kRole, name, out); }
const char* action_name(Action a) { return kAction[static_cast<int>(a)]; }
bool parse_action(std::string_view name, Action& out) { return parse_name(kAction, name, out); }

const RejectReason* reject_reasons(size_t& count) {
  count = sizeof kReasons / sizeof kReasons[0];
  return kReasons;
}

bool is_reject_reason(std::string_view id) {
  for (const auto& r : kReasons)
    if (id == r.id) return true;
  return false;
}

const char* triage_error_name(TriageError e) {
  switch (e) {
    case TriageError::none:
      return "none";
    case TriageError::forbidden:
      return "forbidden";
    case TriageError::bad_transition:
      return "bad_transition";
    case TriageError::bad_reason:
      return "bad_reason";
    case TriageError::missing_note:
      return "missing_note";
    case TriageError::no_case:
      return "no_case";
    case TriageError::store:
      return "store";
  }
  return "unknown";
}

bool role_allows(Role role, Action a) {
  switch (role) {
    case Role::supervisor:
      return true;
    case Role::operator_:
      return a == Action::review || a == Action::reject || a == Action::note;
    case Role::auditor:
      return false;
  }
  return false;
}

bool next_status(Status from, Action a, Status& to) {
  switch (a) {
    case Action::review:
      to = Status::ditinjau;
      return from == Status::baru;
    case Action::confirm:
      to = Status::dikonfirmasi;
      return from == Status::baru || from == Status::ditinjau;
    case Action::reject:
      to = Status::ditolak;
      return from == Status::baru || from == Status::ditinjau;
    case Action::forward:
      to = Status::diteruskan;
      return from == Status::dikonfirmasi;
    case Action::assign:
    case Action::note:
      to = from;
      return true;
  }
  return false;
}

TriageError check_triage(Status from, Role role, const TriageRequest& req, Status& to) {
  if (!role_allows(role, req.action)) return TriageError::forbidden;
  if (!next_status(from, req.action, to)) return TriageError::bad_transition;
  if (req.action == Action::reject) {
    if (!is_reject_reason(req.reason)) return TriageError::bad_reason;
    if (req.reason == "lainnya" && req.note.empty()) return TriageError::missing_note;
  }
  if (req.action == Action::note && req.note.empty()) return TriageError::missing_note;
  return TriageError::none;
}

}  // namespace netra::console
