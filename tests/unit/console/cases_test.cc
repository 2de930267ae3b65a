#include "console/cases.h"

#include <gtest/gtest.h>

namespace netra::console {
namespace {

TriageRequest req(Action a, std::string reason = "", std::string note = "") {
  TriageRequest r;
  r.action = a;
  r.reason = std::move(reason);
  r.note = std::move(note);
  return r;
}

TEST(Cases, Transitions) {
  Status to;
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::review), to),
            TriageError::none);
  EXPECT_EQ(to, Status::ditinjau);
  EXPECT_EQ(check_triage(Status::ditinjau, Role::supervisor, req(Action::confirm), to),
            TriageError::none);
  EXPECT_EQ(to, Status::dikonfirmasi);
  EXPECT_EQ(check_triage(Status::dikonfirmasi, Role::supervisor, req(Action::forward), to),
            TriageError::none);
  EXPECT_EQ(to, Status::diteruskan);
  // Forwarding needs a confirmed case; a rejected or forwarded one stays put.
  EXPECT_EQ(check_triage(Status::baru, Role::supervisor, req(Action::forward), to),
            TriageError::bad_transition);
  EXPECT_EQ(check_triage(Status::ditolak, Role::supervisor, req(Action::confirm), to),
            TriageError::bad_transition);
  EXPECT_EQ(check_triage(Status::diteruskan, Role::supervisor, req(Action::reject, "duplikat"), to),
            TriageError::bad_transition);
  EXPECT_EQ(check_triage(Status::ditinjau, Role::operator_, req(Action::review), to),
            TriageError::bad_transition);
}

TEST(Cases, Roles) {
  Status to;
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::confirm), to),
            TriageError::forbidden);
  EXPECT_EQ(check_triage(Status::dikonfirmasi, Role::operator_, req(Action::forward), to),
            TriageError::forbidden);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::assign), to),
            TriageError::forbidden);
  for (Action a : {Action::review, Action::confirm, Action::reject, Action::forward, Action::assign,
                   Action::note})
    EXPECT_FALSE(role_allows(Role::auditor, a)) << action_name(a);
  EXPECT_TRUE(role_allows(Role::operator_, Action::note));
}

TEST(Cases, RejectNeedsAReasonFromTheList) {
  Status to;
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::reject), to),
            TriageError::bad_reason);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::reject, "boring"), to),
            TriageError::bad_reason);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::reject, "lainnya"), to),
            TriageError::missing_note);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::reject, "lainnya", "x"), to),
            TriageError::none);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::reject, "konteks_netral"), to),
            TriageError::none);
  EXPECT_EQ(to, Status::ditolak);
  EXPECT_EQ(check_triage(Status::baru, Role::operator_, req(Action::note), to),
            TriageError::missing_note);
}

TEST(Cases, Names) {
  Status s;
  ASSERT_TRUE(parse_status("dikonfirmasi", s));
  EXPECT_EQ(s, Status::dikonfirmasi);
  EXPECT_FALSE(parse_status("confirmed", s));
  Role r;
  ASSERT_TRUE(parse_role("operator", r));
  EXPECT_EQ(r, Role::operator_);
  EXPECT_STREQ(role_name(Role::auditor), "auditor");
}

}  // namespace
}  // namespace netra::console
