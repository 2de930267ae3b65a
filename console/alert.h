#pragma once
// One alert record as the console keeps it (docs/contract.md §5), and the
// case key it belongs to (neutrality-rules.md §2 note 4: one case per
// terlapor, rule, target entity and local day).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netra::console {

enum class Severity { low = 1, medium = 2, high = 3, critical = 4 };
const char* severity_name(int severity);   // "low".."critical", "" when out of range
int severity_rank(std::string_view name);  // 1..4, 0 when unknown

struct Evidence {
  std::string field;
  int64_t start = 0, end = 0;
  std::string text, pattern_id;
};

struct Alert {
  std::string alert_id, rule_id, rule_name, track, skb_item, phase, race;
  int severity = 0;  // severity_rank
  std::string event_id, platform, action, event_ts, url;
  // terlapor
  std::string account_id, handle, nip, name, agency, unit, position, region_code;
  // target
  std::string target_account_id, target_handle, target_kind, target_entity, ballot_no;
  std::vector<Evidence> evidence;
  std::string uraian, detected_at, report_deadline, route;
  // Every string under the record's optional `content` object (the original
  // field values: text, captions, OCR), space-separated, for full-text search.
  std::string content_text;
  // Where it was read from (empty topic for a file).
  std::string src_topic;
  int32_t src_partition = -1;
  int64_t src_offset = -1;
  std::string json;  // the record as received

  // Grouping keys.
  std::string terlapor_key() const;  // the NIP when known, else the account id
  std::string target_key() const;    // the entity, else the target account, else ""
  std::string local_day() const;     // YYYY-MM-DD in the event's offset (Z -> WIB, +07:00)
  std::string case_key() const;      // the four joined by U+001F
};

// Why a record was refused.
enum class ParseError { none, not_json, not_object, missing_field, bad_field };
const char* parse_error_name(ParseError e);

// Parses one alert record. Required: alert_id, rule_id, severity (low..critical),
// event.ts (RFC 3339), terlapor.account_id or terlapor.nip, detected_at,
// report_deadline. `detail` names the field on missing_field/bad_field.
ParseError parse_alert(std::string_view json, Alert& out, std::string& detail);

// RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" to Unix seconds; false when malformed.
bool parse_rfc3339(std::string_view s, int64_t& unix_seconds, int& offset_minutes);

}  // namespace netra::console
