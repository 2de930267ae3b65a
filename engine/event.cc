#include "engine/event.h"

#include <array>
#include <initializer_list>

namespace netra::engine {
namespace {

constexpr std::array<std::string_view, 8> kPlatforms = {
    "x", "facebook", "instagram", "tiktok", "youtube", "whatsapp", "threads", "other"};
constexpr std::array<std::string_view, kActionCount> kActions = {
    "post",   "comment",    "reply",         "like",         "share", "repost",
    "follow", "join_group", "sticker_share", "photo_upload", "story", "profile_update"};

using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

// Checks a value Netra does not read. On-Demand skips such a value by its structure alone,
// so a number with a leading zero (0123, -01), a bad fraction or exponent, or a misspelt
// literal inside it would pass: each number and literal is parsed here (strings are left to
// stage 1, which already found their quotes). Depth is bounded as simdjson's DOM bounds it.
bool valid_unread(value v, int depth = 0) {
  json_type t;
  if (depth > 1024 || v.type().get(t)) return false;
  switch (t) {
    case json_type::string:
      return true;
    case json_type::number: {
      simdjson::ondemand::number n;
      return !v.get_number().get(n);
    }
    case json_type::boolean: {
      bool b;
      return !v.get_bool().get(b);
    }
    case json_type::null: {
      bool is_null = false;
      return !v.is_null().get(is_null) && is_null;
    }
    case json_type::object: {
      object obj;
      if (v.get_object().get(obj)) return false;
      for (auto kv : obj) {
        value fv;
        if (kv.error() || kv.value().get(fv) || !valid_unread(fv, depth + 1)) return false;
      }
      return true;
    }
    case json_type::array: {
      simdjson::ondemand::array arr;
      if (v.get_array().get(arr)) return false;
      for (auto item : arr) {
        value iv;
        if (item.get(iv) || !valid_unread(iv, depth + 1)) return false;
      }
      return true;
    }
  }
  return false;
}

// The reason for a value of the wrong type: invalid_json when it is not even valid JSON.
InvalidReason wrong_type_reason(value v, const char* name) {
  if (!valid_unread(v)) return {InvalidKind::invalid_json, {}};
  return {InvalidKind::wrong_type, name};
}

// Reads a string-or-null field; false on a wrong type (reason set).
bool get_opt_string(value v, std::string_view& out, const char* name, InvalidReason& reason) {
  const simdjson::error_code err = v.get_string().get(out);
  if (!err) return true;  // nearly always: a string
  out = {};
  json_type t;
  if (err != simdjson::INCORRECT_TYPE)  // a string that cannot be unescaped
    return reason = {InvalidKind::wrong_type, name}, false;
  if (v.type().get(t)) return reason = {InvalidKind::invalid_json, {}}, false;
  if (t == json_type::null)
    return valid_unread(v) || (reason = {InvalidKind::invalid_json, {}}, false);
  return reason = wrong_type_reason(v, name), false;
}

bool get_string_array(value v, std::vector<std::string_view>& out, const char* name,
                      InvalidReason& reason) {
  json_type t;
  if (v.type().get(t)) return reason = {InvalidKind::invalid_json, {}}, false;
  if (t == json_type::null)
    return valid_unread(v) || (reason = {InvalidKind::invalid_json, {}}, false);
  simdjson::ondemand::array arr;
  if (t != json_type::array) return reason = wrong_type_reason(v, name), false;
  if (v.get_array().get(arr)) return reason = {InvalidKind::wrong_type, name}, false;
  for (auto item : arr) {
    value iv;
    std::string_view s;
    if (item.get(iv)) return reason = {InvalidKind::invalid_json, {}}, false;
    if (iv.get_string().get(s)) return reason = wrong_type_reason(iv, name), false;
    out.push_back(s);
  }
  return true;
}

struct Field {
  std::string_view key;
  std::string_view* dest;
  const char* name;
};

bool get_object(value v, std::initializer_list<Field> fields, const char* name,
                InvalidReason& reason) {
  json_type t;
  if (v.type().get(t)) return reason = {InvalidKind::invalid_json, {}}, false;
  if (t == json_type::null)
    return valid_unread(v) || (reason = {InvalidKind::invalid_json, {}}, false);
  object obj;
  if (t != json_type::object) return reason = wrong_type_reason(v, name), false;
  if (v.get_object().get(obj)) return reason = {InvalidKind::wrong_type, name}, false;
  for (auto kv : obj) {
    std::string_view key;
    if (kv.unescaped_key().get(key)) return reason = {InvalidKind::invalid_json, {}}, false;
    value fv;
    if (kv.value().get(fv)) return reason = {InvalidKind::invalid_json, {}}, false;
    bool known = false;
    for (auto& f : fields) {
      if (f.key == key) {
        if (!get_opt_string(fv, *f.dest, f.name, reason)) return false;
        known = true;
        break;
      }
    }
    // Unknown nested fields are not read, but must be valid JSON.
    if (!known && !valid_unread(fv)) return reason = {InvalidKind::invalid_json, {}}, false;
  }
  return true;
}

int digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

std::string_view platform_name(Platform p) { return kPlatforms[static_cast<size_t>(p)]; }
std::string_view action_name(Action a) { return kActions[static_cast<size_t>(a)]; }

bool parse_platform(std::string_view s, Platform& out) {
  for (size_t i = 0; i < kPlatforms.size(); ++i)
    if (kPlatforms[i] == s) return out = static_cast<Platform>(i), true;
  return false;
}

bool parse_action(std::string_view s, Action& out) {
  for (size_t i = 0; i < kActions.size(); ++i)
    if (kActions[i] == s) return out = static_cast<Action>(i), true;
  return false;
}

void EventView::clear() {
  // Keeps the vectors' capacity: no allocation per event once warm.
  auto hashtags_keep = std::move(hashtags);
  auto mentions_keep = std::move(mentions);
  auto media_keep = std::move(media);
  *this = EventView{};
  hashtags = std::move(hashtags_keep);
  mentions = std::move(mentions_keep);
  media = std::move(media_keep);
  hashtags.clear();
  mentions.clear();
  media.clear();
}

bool parse_rfc3339(std::string_view s, int64_t& unix_seconds, int& offset_minutes) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (s.size() < 20) return false;
  int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      se < 0 || se > 60)
    return false;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':')
    return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return false;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos >= s.size()) return false;
  int off = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return false;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59 || s[pos + 3] != ':' || pos + 6 != s.size())
      return false;
    off = oh * 60 + om;
    if (s[pos] == '-') off = -off;
  } else {
    return false;
  }
  unix_seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off * 60;
  offset_minutes = off;
  return true;
}

InvalidReason parse_event(simdjson::ondemand::parser& parser, std::string_view padded,
                          EventView& ev) {
  ev.clear();
  InvalidReason reason;
  simdjson::ondemand::document doc;
  if (parser.iterate(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING)
          .get(doc))
    return {InvalidKind::invalid_json, {}};
  json_type root_type;
  if (doc.type().get(root_type)) return {InvalidKind::invalid_json, {}};
  if (root_type != json_type::object) {
    // Rare: tell a well-formed non-object from malformed input with a full parse.
    thread_local simdjson::dom::parser dom;
    simdjson::dom::element ignored;
    return {dom.parse(padded.data(), padded.size(), false).get(ignored)
                ? InvalidKind::invalid_json
                : InvalidKind::not_an_object,
            {}};
  }
  object root;
  if (doc.get_object().get(root)) return {InvalidKind::invalid_json, {}};

  std::string_view platform, action;
  bool have_platform = false, have_action = false;
  for (auto kv : root) {
    std::string_view key;
    if (kv.unescaped_key().get(key)) return {InvalidKind::invalid_json, {}};
    value v;
    if (kv.value().get(v)) return {InvalidKind::invalid_json, {}};
    bool ok = true;
    if (key == "event_id")
      ok = get_opt_string(v, ev.event_id, "event_id", reason);
    else if (key == "platform")
      ok = get_opt_string(v, platform, "platform", reason), have_platform = true;
    else if (key == "action")
      ok = get_opt_string(v, action, "action", reason), have_action = true;
    else if (key == "ts")
      ok = get_opt_string(v, ev.ts, "ts", reason);
    else if (key == "text")
      ok = get_opt_string(v, ev.text, "text", reason);
    else if (key == "url")
      ok = get_opt_string(v, ev.url, "url", reason);
    else if (key == "actor")
      ok = get_object(v,
                      {{"account_id", &ev.actor_account_id, "actor.account_id"},
                       {"handle", &ev.actor_handle, "actor.handle"},
                       {"display_name", &ev.actor_display_name, "actor.display_name"},
                       {"nip", &ev.actor_nip, "actor.nip"},
                       {"agency", &ev.actor_agency, "actor.agency"},
                       {"region_code", &ev.actor_region_code, "actor.region_code"}},
                      "actor", reason);
    else if (key == "target")
      ok = get_object(v,
                      {{"account_id", &ev.target_account_id, "target.account_id"},
                       {"handle", &ev.target_handle, "target.handle"},
                       {"display_name", &ev.target_display_name, "target.display_name"}},
                      "target", reason);
    else if (key == "group")
      ok = get_object(v, {{"id", &ev.group_id, "group.id"}, {"name", &ev.group_name, "group.name"}},
                      "group", reason);
    else if (key == "hashtags")
      ok = get_string_array(v, ev.hashtags, "hashtags", reason);
    else if (key == "mentions")
      ok = get_string_array(v, ev.mentions, "mentions", reason);
    else if (key == "media") {
      json_type t;
      if (v.type().get(t)) return {InvalidKind::invalid_json, {}};
      if (t == json_type::null) {
        if (!valid_unread(v)) return {InvalidKind::invalid_json, {}};
        continue;
      }
      simdjson::ondemand::array arr;
      if (t != json_type::array) return wrong_type_reason(v, "media");
      if (v.get_array().get(arr)) return {InvalidKind::wrong_type, "media"};
      for (auto item : arr) {
        value iv;
        if (item.get(iv)) return {InvalidKind::invalid_json, {}};
        MediaView m;
        if (!get_object(iv,
                        {{"type", &m.type, "media.type"},
                         {"caption", &m.caption, "media.caption"},
                         {"ocr_text", &m.ocr_text, "media.ocr_text"},
                         {"sha256", &m.sha256, "media.sha256"}},
                        "media", reason))
          return reason;
        ev.media.push_back(m);
      }
    } else if (!valid_unread(v)) {  // unknown fields are ignored (collectors add fields)
      return {InvalidKind::invalid_json, {}};
    }
    if (!ok) return reason;
  }
  // One document per record: a second one or anything else after the object is invalid.
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS)
    return {InvalidKind::invalid_json, {}};

  if (ev.event_id.empty()) return {InvalidKind::missing_field, "event_id"};
  if (!have_platform || platform.data() == nullptr) return {InvalidKind::missing_field, "platform"};
  if (!have_action || action.data() == nullptr) return {InvalidKind::missing_field, "action"};
  if (ev.ts.data() == nullptr) return {InvalidKind::missing_field, "ts"};
  if (ev.actor_account_id.empty()) return {InvalidKind::missing_field, "actor.account_id"};
  if (!parse_platform(platform, ev.platform)) return {InvalidKind::bad_enum, "platform"};
  if (!parse_action(action, ev.action)) return {InvalidKind::bad_enum, "action"};
  if (!parse_rfc3339(ev.ts, ev.ts_unix, ev.ts_offset_minutes))
    return {InvalidKind::bad_timestamp, {}};
  for (const auto& m : ev.media) {
    if (!m.type.empty() && m.type != "image" && m.type != "video" && m.type != "sticker")
      return {InvalidKind::bad_enum, "media.type"};
  }
  return {};
}

bool repair_utf8(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size() + 16);
  bool changed = false;
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0)
      len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
      len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
      len = 4, cp = c & 0x07, min = 0x10000;
    bool ok = len != 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (ok) {
      out.append(in.data() + i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      changed = true;
      ++i;
    }
  }
  return changed;
}

}  // namespace netra::engine
