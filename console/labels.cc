#include "console/labels.h"

#include <cstdlib>
#include <string_view>

namespace netra::console {

namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

const json& sub(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

void set_if(json& obj, const char* key, const std::string& v) {
  if (!v.empty()) obj[key] = v;
}

// The string an evidence field names in `event` ("text", "hashtags[0]", "media[1].caption",
// "group.name", "target.account_id", "terlapor.position", ...), created as needed; nullptr for a
// name it does not know.
json* field_slot(json& event, std::string_view name, const std::string& media_type) {
  if (name == "terlapor.position") name = "actor.position";
  const size_t dot = name.find('.');
  std::string_view head = name.substr(0, dot);
  std::string_view tail = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  size_t index = std::string_view::npos;
  if (const size_t br = head.find('['); br != std::string_view::npos && head.back() == ']') {
    index =
        std::strtoul(std::string(head.substr(br + 1, head.size() - br - 2)).c_str(), nullptr, 10);
    head = head.substr(0, br);
    if (index > 1000) return nullptr;
  }
  json* at = nullptr;
  if (index == std::string_view::npos) {
    if (head == "text" && tail.empty()) return &event["text"];
    if ((head == "group" || head == "target" || head == "actor") && !tail.empty() &&
        tail.find('.') == std::string_view::npos)
      at = &event[std::string(head)][std::string(tail)];
    return at;
  }
  json& arr = event[std::string(head)];
  if (!arr.is_array()) arr = json::array();
  if (head == "hashtags" && tail.empty()) {
    while (arr.size() <= index) arr.push_back("");
    return &arr[index];
  }
  if (head == "media" && (tail == "caption" || tail == "ocr_text" || tail == "sha256")) {
    while (arr.size() <= index) arr.push_back({{"type", media_type}});
    return &arr[index][std::string(tail)];
  }
  return nullptr;
}

// Puts `text` at byte offsets [start, end) of the string at `slot`, padding with spaces.
void overlay(json& slot, int64_t start, int64_t end, const std::string& text) {
  if (start < 0 || end < start || end - start != static_cast<int64_t>(text.size()) ||
      end > (1 << 20))
    return;
  std::string v = slot.is_string() ? slot.get<std::string>() : "";
  if (v.size() < static_cast<size_t>(end)) v.resize(static_cast<size_t>(end), ' ');
  v.replace(static_cast<size_t>(start), text.size(), text);
  slot = v;
}

// The event `a` was raised on, merged into `event` (empty on the first alert of the event).
void rebuild_event(const json& a, json& event) {
  const json& ev = sub(a, "event");
  const json& ter = sub(a, "terlapor");
  const std::string action = str(ev, "action");
  if (event.is_null()) {
    event = json::object();
    event["event_id"] = str(ev, "event_id");
    event["platform"] = str(ev, "platform");
    event["action"] = action;
    event["ts"] = str(ev, "ts");
    set_if(event, "url", str(ev, "url"));
    json actor = json::object();
    std::string account = str(ter, "account_id");
    if (account.empty()) account = "nip:" + str(ter, "nip");
    actor["account_id"] = account;
    set_if(actor, "handle", str(ter, "handle"));
    set_if(actor, "display_name", str(ter, "name"));
    set_if(actor, "nip", str(ter, "nip"));
    set_if(actor, "agency", str(ter, "agency"));
    set_if(actor, "region_code", str(ter, "region_code"));
    event["actor"] = actor;
    const json& g = sub(ev, "group");
    if (g.is_object()) {
      json group = json::object();
      set_if(group, "id", str(g, "id"));
      set_if(group, "name", str(g, "name"));
      event["group"] = group;
    }
    const json& t = sub(a, "target");
    if (t.is_object() && !str(t, "account_id").empty()) {
      json target = json::object();
      target["account_id"] = str(t, "account_id");
      set_if(target, "handle", str(t, "handle"));
      event["target"] = target;
    }
  }
  const std::string media_type = action == "sticker_share" ? "sticker" : "image";
  // Whole fields first (content.<field>), then spans into the fields the record lacks.
  std::set<std::string> whole;
  const json& content = sub(a, "content");
  if (content.is_object())
    for (const auto& [name, value] : content.items())
      if (value.is_string())
        if (json* slot = field_slot(event, name, media_type)) {
          *slot = value;
          whole.insert(name);
        }
  const json& evidence = sub(a, "evidence");
  if (evidence.is_array())
    for (const auto& e : evidence) {
      const std::string field = str(e, "field");
      if (whole.count(field) || !e.contains("start") || !e.contains("end") ||
          !e["start"].is_number_integer() || !e["end"].is_number_integer())
        continue;
      if (json* slot = field_slot(event, field, media_type))
        overlay(*slot, e["start"].get<int64_t>(), e["end"].get<int64_t>(), str(e, "text"));
    }
}

json sorted_array(const std::set<std::string>& s) {
  json out = json::array();
  for (const auto& v : s) out.push_back(v);
  return out;
}

}  // namespace

void LabelExport::add(const std::string& alert_json, Status status, int64_t case_id,
                      const std::string& reason, const std::string& note) {
  const json a = json::parse(alert_json, nullptr, false);
  const std::string event_id = str(sub(a, "event"), "event_id");
  const std::string rule = str(a, "rule_id");
  if (!a.is_object() || event_id.empty() || rule.empty()) {
    ++skipped_;
    return;
  }
  const bool undecided = status == Status::baru || status == Status::ditinjau;
  if (undecided && !events_.count(event_id)) return;  // an event nobody decided on
  Entry& e = events_[event_id];
  rebuild_event(a, e.event);
  std::string what = "kasus " + std::to_string(case_id) + " " + rule + ": " + status_name(status);
  switch (status) {
    case Status::dikonfirmasi:
    case Status::diteruskan:
      e.expect.insert(rule);
      e.decided = true;
      break;
    case Status::ditolak:
      e.rejected.insert(rule);
      e.decided = true;
      e.groups.insert("ditolak_" + (reason.empty() ? std::string("tanpa_alasan") : reason));
      what += " (" + reason + (note.empty() ? "" : ": " + note) + ")";
      break;
    case Status::baru:
    case Status::ditinjau:
      e.undecided.insert(rule);
      return;
  }
  e.groups.insert("console");
  if (const std::string race = str(a, "race"); !race.empty()) e.groups.insert(race);
  e.notes.push_back(what);
}

void LabelExport::write(std::string& events, std::string& labels, LabelCounts& counts) const {
  counts.skipped = skipped_;
  for (const auto& [id, e] : events_) {
    if (!e.decided) continue;
    // A rule confirmed in one case and rejected in another (two cases of one event cannot share
    // a rule, but be safe) stays expected; undecided rules may fire.
    std::set<std::string> also_ok;
    for (const auto& r : e.undecided)
      if (!e.expect.count(r) && !e.rejected.count(r)) also_ok.insert(r);
    std::string note;
    for (const auto& n : e.notes) note += (note.empty() ? "" : "; ") + n;
    json label = {{"event_id", id},
                  {"expect", sorted_array(e.expect)},
                  {"also_ok", sorted_array(also_ok)},
                  {"groups", sorted_array(e.groups)},
                  {"note", note}};
    events += e.event.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    labels += label.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    ++counts.events;
    ++(e.expect.empty() ? counts.negative : counts.positive);
  }
}

}  // namespace netra::console
