#include "console/alert.h"

#include <simdjson.h>

#include <cstdio>

namespace netra::console {

namespace {

const char* const kSeverities[] = {"", "low", "medium", "high", "critical"};

// Copies obj[key] into out when it is a string; "" otherwise.
void str(simdjson::dom::object obj, const char* key, std::string& out) {
  std::string_view v;
  if (obj[key].get_string().get(v) == simdjson::SUCCESS)
    out.assign(v);
  else
    out.clear();
}

// Appends every string value under `e` (objects and arrays, a few levels deep).
void strings_of(simdjson::dom::element e, std::string& out, int depth = 0) {
  std::string_view v;
  if (e.get_string().get(v) == simdjson::SUCCESS) {
    if (!out.empty()) out += ' ';
    out.append(v);
  } else if (depth < 4) {
    simdjson::dom::object o;
    simdjson::dom::array a;
    if (e.get_object().get(o) == simdjson::SUCCESS) {
      for (auto field : o) strings_of(field.value, out, depth + 1);
    } else if (e.get_array().get(a) == simdjson::SUCCESS) {
      for (auto item : a) strings_of(item, out, depth + 1);
    }
  }
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace

const char* severity_name(int severity) {
  return severity >= 1 && severity <= 4 ? kSeverities[severity] : "";
}

int severity_rank(std::string_view name) {
  for (int i = 1; i <= 4; ++i)
    if (name == kSeverities[i]) return i;
  return 0;
}

const char* parse_error_name(ParseError e) {
  switch (e) {
    case ParseError::none:
      return "none";
    case ParseError::not_json:
      return "not_json";
    case ParseError::not_object:
      return "not_object";
    case ParseError::missing_field:
      return "missing_field";
    case ParseError::bad_field:
      return "bad_field";
  }
  return "unknown";
}

bool parse_rfc3339(std::string_view s, int64_t& unix_seconds, int& offset_minutes) {
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i >= s.size()) return false;
  if (s[i] == 'Z' || s[i] == 'z') {
    offset_minutes = 0;
    if (i + 1 != s.size()) return false;
  } else if (s[i] == '+' || s[i] == '-') {
    int oh, om;
    if (i + 6 != s.size() || !digits(s, i + 1, 2, oh) || s[i + 3] != ':' ||
        !digits(s, i + 4, 2, om) || oh > 23 || om > 59)
      return false;
    offset_minutes = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return false;
  }
  unix_seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
                 static_cast<int64_t>(offset_minutes) * 60;
  return true;
}

std::string Alert::terlapor_key() const { return nip.empty() ? account_id : "nip:" + nip; }

std::string Alert::target_key() const {
  return !target_entity.empty() ? target_entity : target_account_id;
}

std::string Alert::local_day() const {
  int64_t t = 0;
  int off = 0;
  if (!parse_rfc3339(event_ts, t, off)) return "";
  // A UTC stamp carries no local offset: Indonesia's patrol day is WIB (+07:00).
  if (off == 0) off = 7 * 60;
  int64_t local = t + static_cast<int64_t>(off) * 60;
  int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return civil_from_days(days);
}

std::string Alert::case_key() const {
  std::string k = terlapor_key();
  k += '\x1f';
  k += rule_id;
  k += '\x1f';
  k += target_key();
  k += '\x1f';
  k += local_day();
  return k;
}

ParseError parse_alert(std::string_view json, Alert& out, std::string& detail) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size(), true).get(root) != simdjson::SUCCESS) {
    detail = "not valid JSON";
    return ParseError::not_json;
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    detail = "not a JSON object";
    return ParseError::not_object;
  }
  out = Alert{};
  out.json.assign(json);
  str(obj, "alert_id", out.alert_id);
  str(obj, "rule_id", out.rule_id);
  str(obj, "rule_name", out.rule_name);
  str(obj, "track", out.track);
  str(obj, "skb_item", out.skb_item);
  str(obj, "phase", out.phase);
  str(obj, "race", out.race);
  str(obj, "uraian", out.uraian);
  str(obj, "detected_at", out.detected_at);
  str(obj, "report_deadline", out.report_deadline);
  str(obj, "recommended_route", out.route);
  std::string sev;
  str(obj, "severity", sev);
  simdjson::dom::object ev, tl, tg, src;
  if (obj["event"].get_object().get(ev) == simdjson::SUCCESS) {
    str(ev, "event_id", out.event_id);
    str(ev, "platform", out.platform);
    str(ev, "action", out.action);
    str(ev, "ts", out.event_ts);
    str(ev, "url", out.url);
  }
  if (obj["terlapor"].get_object().get(tl) == simdjson::SUCCESS) {
    str(tl, "account_id", out.account_id);
    str(tl, "handle", out.handle);
    str(tl, "nip", out.nip);
    str(tl, "name", out.name);
    str(tl, "agency", out.agency);
    str(tl, "unit", out.unit);
    str(tl, "position", out.position);
    str(tl, "region_code", out.region_code);
  }
  if (obj["target"].get_object().get(tg) == simdjson::SUCCESS) {
    str(tg, "account_id", out.target_account_id);
    str(tg, "handle", out.target_handle);
    str(tg, "kind", out.target_kind);
    str(tg, "entity", out.target_entity);
    str(tg, "ballot_no", out.ballot_no);
  }
  if (obj["source"].get_object().get(src) == simdjson::SUCCESS) {
    str(src, "topic", out.src_topic);
    int64_t n = 0;
    if (src["partition"].get_int64().get(n) == simdjson::SUCCESS)
      out.src_partition = static_cast<int32_t>(n);
    if (src["offset"].get_int64().get(n) == simdjson::SUCCESS) out.src_offset = n;
  }
  if (simdjson::dom::element content; obj["content"].get(content) == simdjson::SUCCESS)
    strings_of(content, out.content_text);
  simdjson::dom::array evs;
  if (obj["evidence"].get_array().get(evs) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : evs) {
      simdjson::dom::object eo;
      if (e.get_object().get(eo) != simdjson::SUCCESS) {
        detail = "evidence";
        return ParseError::bad_field;
      }
      Evidence x;
      str(eo, "field", x.field);
      str(eo, "text", x.text);
      str(eo, "pattern_id", x.pattern_id);
      if (eo["start"].get_int64().get(x.start) != simdjson::SUCCESS ||
          eo["end"].get_int64().get(x.end) != simdjson::SUCCESS || x.start < 0 || x.end < x.start) {
        detail = "evidence.start/end";
        return ParseError::bad_field;
      }
      out.evidence.push_back(std::move(x));
    }
  }
  const std::pair<const char*, const std::string*> required[] = {
      {"alert_id", &out.alert_id},
      {"rule_id", &out.rule_id},
      {"severity", &sev},
      {"event.ts", &out.event_ts},
      {"detected_at", &out.detected_at},
      {"report_deadline", &out.report_deadline}};
  for (const auto& [name, value] : required) {
    if (value->empty()) {
      detail = name;
      return ParseError::missing_field;
    }
  }
  if (out.account_id.empty() && out.nip.empty()) {
    detail = "terlapor.account_id";
    return ParseError::missing_field;
  }
  out.severity = severity_rank(sev);
  if (!out.severity) {
    detail = "severity";
    return ParseError::bad_field;
  }
  int64_t t;
  int off;
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"event.ts", &out.event_ts},
        {"detected_at", &out.detected_at},
        {"report_deadline", &out.report_deadline}}) {
    if (!parse_rfc3339(*value, t, off)) {
      detail = name;
      return ParseError::bad_field;
    }
  }
  detail.clear();
  return ParseError::none;
}

}  // namespace netra::console
