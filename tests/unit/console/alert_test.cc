#include "console/alert.h"

#include <gtest/gtest.h>

#include "tests/unit/console/test_alerts.h"

namespace netra::console {
namespace {

using testing::alert_json;
using testing::AlertSpec;

TEST(Alert, ParsesTheDaemonsRecord) {
  Alert a;
  std::string detail;
  ASSERT_EQ(parse_alert(alert_json({}), a, detail), ParseError::none) << detail;
  EXPECT_EQ(a.alert_id, "a1");
  EXPECT_EQ(a.severity, 3);
  EXPECT_EQ(a.name, "Dedi Kurniawan");
  EXPECT_EQ(a.region_code, "3273");
  ASSERT_EQ(a.evidence.size(), 1u);
  EXPECT_EQ(a.evidence[0].start, 4);
  EXPECT_EQ(a.evidence[0].end, 10);
  EXPECT_EQ(a.terlapor_key(), "nip:198503122010011002");
  EXPECT_EQ(a.local_day(), "2024-01-12");
}

TEST(Alert, RefusesBadRecords) {
  Alert a;
  std::string detail;
  EXPECT_EQ(parse_alert("not json", a, detail), ParseError::not_json);
  EXPECT_EQ(parse_alert("[1,2]", a, detail), ParseError::not_object);
  EXPECT_EQ(parse_alert(R"({"rule_id":"x"})", a, detail), ParseError::missing_field);
  EXPECT_EQ(detail, "alert_id");
  AlertSpec s;
  s.severity = "huge";
  EXPECT_EQ(parse_alert(alert_json(s), a, detail), ParseError::bad_field);
  EXPECT_EQ(detail, "severity");
  s = {};
  s.ts = "yesterday";
  EXPECT_EQ(parse_alert(alert_json(s), a, detail), ParseError::bad_field);
  EXPECT_EQ(detail, "event.ts");
  s = {};
  s.nip = "";
  s.account = "";
  EXPECT_EQ(parse_alert(alert_json(s), a, detail), ParseError::missing_field);
  EXPECT_EQ(detail, "terlapor.account_id");
}

TEST(Alert, LocalDayUsesTheEventsOffsetAndWibForUtc) {
  Alert a;
  a.event_ts = "2024-01-12T23:30:00+07:00";
  EXPECT_EQ(a.local_day(), "2024-01-12");
  a.event_ts = "2024-01-12T23:30:00+09:00";  // WIT
  EXPECT_EQ(a.local_day(), "2024-01-12");
  a.event_ts = "2024-01-12T17:30:00Z";  // 00:30 WIB the next day
  EXPECT_EQ(a.local_day(), "2024-01-13");
  a.event_ts = "2024-01-12T16:59:59.5Z";
  EXPECT_EQ(a.local_day(), "2024-01-12");
  a.event_ts = "2024-02-29T01:00:00-05:00";
  EXPECT_EQ(a.local_day(), "2024-02-29");
}

TEST(Alert, Rfc3339) {
  int64_t t = 0;
  int off = 0;
  ASSERT_TRUE(parse_rfc3339("1970-01-01T07:00:00+07:00", t, off));
  EXPECT_EQ(t, 0);
  EXPECT_EQ(off, 420);
  ASSERT_TRUE(parse_rfc3339("2024-01-12T01:15:00Z", t, off));
  EXPECT_EQ(t, 1705022100);
  EXPECT_FALSE(parse_rfc3339("2024-01-12T01:15:00", t, off));
  EXPECT_FALSE(parse_rfc3339("2024-13-12T01:15:00Z", t, off));
  EXPECT_FALSE(parse_rfc3339("2024-01-12T01:15:00+0700", t, off));
}

TEST(Alert, TerlaporFallsBackToTheAccountAndTargetToItsAccount) {
  Alert a;
  a.account_id = "x:1";
  a.target_account_id = "x:9";
  EXPECT_EQ(a.terlapor_key(), "x:1");
  EXPECT_EQ(a.target_key(), "x:9");
  a.target_entity = "Partai X";
  EXPECT_EQ(a.target_key(), "Partai X");
}

}  // namespace
}  // namespace netra::console
