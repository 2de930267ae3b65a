// The alert writer: one contract §5 alert (one JSON line) for a rule that
// fired, written into a reused buffer in the contract's field order.
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/event_state.h"

namespace netra::engine {
namespace {

// Appends the deterministic alert id: XXH3-128 of event id, US, rule id, in hex.
void append_alert_id(JsonWriter& out, std::string_view event_id, std::string_view rule_id) {
  char stack[256];
  std::string heap;
  char* key = stack;
  const size_t n = event_id.size() + 1 + rule_id.size();
  if (n > sizeof(stack)) {
    heap.resize(n);
    key = heap.data();
  }
  std::memcpy(key, event_id.data(), event_id.size());
  key[event_id.size()] = '\x1f';
  std::memcpy(key + event_id.size() + 1, rule_id.data(), rule_id.size());
  XXH128_hash_t h = XXH3_128bits(key, n);
  static const char kHex[] = "0123456789abcdef";
  char hex[32];
  for (int i = 0; i < 16; ++i) {
    hex[15 - i] = kHex[(h.high64 >> (4 * i)) & 15];
    hex[31 - i] = kHex[(h.low64 >> (4 * i)) & 15];
  }
  out.append(hex, sizeof(hex));
}

// The contract's name of a field ("text", "hashtags[0]", ...), appended to out.
void append_field_name(JsonWriter& out, const FieldRef& field) {
  switch (field.cls) {
    case kFieldHashtags:
      out += "hashtags[";
      break;
    case kFieldMediaCaption:
    case kFieldMediaOcr:
      out += "media[";
      break;
    case kFieldActorPosition:
      out += "terlapor.position";
      return;
    default:
      out += field_class_name(field.cls);
      return;
  }
  append_uint(out, static_cast<uint64_t>(field.index));
  out += field.cls == kFieldHashtags       ? "]"
         : field.cls == kFieldMediaCaption ? "].caption"
                                           : "].ocr_text";
}

// The matched text with a little context, cut on UTF-8 boundaries, into out.
void excerpt(std::string& out, std::string_view value, uint32_t start, uint32_t end) {
  size_t a = start > 60 ? start - 60 : 0, b = std::min<size_t>(value.size(), end + 60);
  while (a > 0 && (static_cast<unsigned char>(value[a]) & 0xC0) == 0x80) --a;
  while (b < value.size() && (static_cast<unsigned char>(value[b]) & 0xC0) == 0x80) ++b;
  out.assign(a > 0 ? "…" : "");
  out.append(value.substr(a, b - a));
  if (b < value.size()) out += "…";
}

// "event": the event's own identification.
void write_event(JsonWriter& json, const EventState& state) {
  const EventView& event = state.event;
  json += ",\"event\":{";
  json_field(json, "event_id", event.event_id, true);
  json_field(json, "platform", state.platform);
  json_field(json, "action", action_name(event.action));
  json_field(json, "ts", event.ts);
  json_field(json, "url", event.url);
  if (!event.group_id.empty() || !event.group_name.empty()) {
    json += ",\"group\":{";
    json_field(json, "id", event.group_id, true);
    json_field(json, "name", event.group_name);
    json += '}';
  }
  json += '}';
}

// "terlapor": the event's actor enriched from the ASN registry.
void write_terlapor(JsonWriter& json, const EventState& state) {
  const EventView& event = state.event;
  const AsnRecord* asn = state.asn;
  json += ",\"terlapor\":{";
  json_field(json, "platform", state.platform, true);
  json_field(json, "account_id", event.actor_account_id);
  json_field(json, "handle", event.actor_handle);
  json_field(json, "nip", state.actor_nip());
  json_field(json, "name", state.actor_name());
  json_field(json, "agency", state.actor_agency());
  json_field(json, "unit", asn ? std::string_view(asn->unit) : std::string_view());
  json_field(json, "position", state.actor_position());
  json_field(json, "region_code", state.asn_region);
  json += '}';
}

// "target": the political account or group from the registry, else the
// entity named in the text, else null.
void write_target(JsonWriter& json, const Verdict& verdict) {
  if (const PoliticalRecord* target = verdict.target) {
    json += ",\"target\":{";
    json_field(json, "account_id", target->account_id, true);
    json_field(json, "handle", target->handle);
    json_field(json, "kind", target->kind);
    json_field(json, "entity", target->entity);
    json_field(json, "ballot_no", target->ballot_no);
    json_field(json, "source", "registry");
    json += '}';
  } else if (const Entity* entity = verdict.entity) {
    json += ",\"target\":{";
    json_field(json, "account_id", "", true);
    json_field(json, "handle", "");
    json_field(json, "kind", entity->kind);
    json_field(json, "entity", entity->name);
    json_field(json, "ballot_no", entity->ballot_no);
    if (!entity->detail.empty()) json_field(json, "detail", entity->detail);
    json_field(json, "source", "text");
    json += '}';
  } else {
    json += ",\"target\":null";
  }
}

// "suppressed_by" of a would-be alert (`netra scan --suppressed`): the reason
// (an exception list or a scope list) and the span that suppressed it.
void write_suppressed_by(JsonWriter& json, const EventState& state, const Verdict& verdict) {
  json += ",\"suppressed_by\":{";
  json_field(json, "reason", verdict.suppressed_by, true);
  if (verdict.by_end > verdict.by_start && verdict.by_field < state.fields.size()) {
    const FieldRef& field = state.fields[verdict.by_field];
    json += ",\"field\":\"";
    append_field_name(json, field);
    json += '"';
    json_int(json, "start", verdict.by_start);
    json_int(json, "end", verdict.by_end);
    json_field(json, "text",
               field.value.substr(verdict.by_start, verdict.by_end - verdict.by_start));
  }
  json += '}';
}

// "content": the whole original value of each field that holds evidence, keyed by the evidence's
// field name, so a reader (the console, Form B.1's bukti) shows the post around the spans and
// can hash it. A value longer than kContentMaxBytes is left out (its spans stay in "evidence"):
// an alert must stay far below the broker's message size whatever an event carries.
constexpr size_t kContentMaxBytes = 32 * 1024;

void write_content(JsonWriter& json, const EventState& state) {
  bool any = false;
  uint16_t done[16];
  size_t n_done = 0;
  for (const auto& item : state.evidence) {
    const uint16_t f = state.hits[item.hit].field;
    bool seen = false;
    for (size_t i = 0; i < n_done; ++i) seen |= done[i] == f;
    if (seen) continue;
    if (n_done == std::size(done)) break;  // (an event has far fewer fields with evidence)
    done[n_done++] = f;
    const FieldRef& field = state.fields[f];
    if (field.value.size() > kContentMaxBytes) continue;
    json += any ? ",\"" : ",\"content\":{\"";
    any = true;
    append_field_name(json, field);
    json += "\":";
    json_string(json, field.value);
  }
  if (any) json += '}';
}

// "evidence": matched text with byte offsets into the original field values,
// then the registry matches. Notes the first content quote for the uraian.
void write_evidence(JsonWriter& json, EventState& state, const Verdict& verdict) {
  const RuleSetData& data = *state.data;
  const Lexicon& lexicon = data.lexicon;
  json += ",\"evidence\":[";
  bool first = true;
  auto separate = [&] {
    if (!first) json += ',';
    first = false;
  };
  state.quote.clear();
  std::vector<EvidenceItem>& evidence = state.evidence;
  std::sort(evidence.begin(), evidence.end(),
            [](auto& x, auto& y) { return x.hit != y.hit ? x.hit < y.hit : x.list < y.list; });
  uint32_t last_hit = kNone;
  for (const auto& item : evidence) {
    if (item.hit == last_hit) continue;
    last_hit = item.hit;
    const Hit& hit = state.hits[item.hit];
    // One evidence item per span: several patterns may cover the same text.
    bool seen = false;
    for (const auto& other : evidence) {
      if (&other == &item) break;
      const Hit& other_hit = state.hits[other.hit];
      seen |= other.hit != item.hit && other_hit.field == hit.field &&
              other_hit.start == hit.start && other_hit.end == hit.end;
    }
    if (seen) continue;
    const FieldRef& field = state.fields[hit.field];
    separate();
    json += "{\"field\":\"";
    const size_t name_begin = json.size();
    append_field_name(json, field);
    const size_t name_end = json.size();
    json += '"';
    json_int(json, "start", hit.start);
    json_int(json, "end", hit.end);
    json_field(json, "text", field.value.substr(hit.start, hit.end - hit.start));
    uint32_t line = 0;  // of the last reference from that list
    for (uint32_t r = lexicon.ref_begin[hit.pattern + 1]; r > lexicon.ref_begin[hit.pattern]; --r)
      if (lexicon.ref_data[r - 1].list == item.list) {
        line = lexicon.ref_data[r - 1].line;
        break;
      }
    state.pattern_id.assign(item.list != kNone ? std::string_view(lexicon.lists[item.list].name)
                                               : "pattern");
    state.pattern_id += ':';
    append_uint(state.pattern_id, line);
    json_field(json, "pattern_id", state.pattern_id);
    json += '}';
    if (state.quote.empty() && (field.cls == kFieldText || field.cls == kFieldMediaCaption)) {
      excerpt(state.quote, field.value, hit.start, hit.end);
      state.quote_field.assign(json.data() + name_begin, name_end - name_begin);
    }
  }
  if (const PoliticalRecord* target = verdict.target) {
    separate();
    json += '{';
    json_field(json, "field", verdict.target_is_group ? "group.id" : "target.account_id", true);
    json_int(json, "start", 0);
    json_int(json, "end", static_cast<int64_t>(target->account_id.size()));
    json_field(json, "text", target->account_id);
    json_field(json, "pattern_id", "political_accounts:" + std::to_string(target->line));
    json += '}';
  }
  if (verdict.media) {
    const std::vector<MediaView>& media = state.event.media;
    for (size_t i = 0; i < media.size(); ++i) {
      if (media[i].sha256.empty() || data.registries.find_media(media[i].sha256) != verdict.media)
        continue;
      separate();
      json += '{';
      json_field(json, "field", "media[" + std::to_string(i) + "].sha256", true);
      json_int(json, "start", 0);
      json_int(json, "end", static_cast<int64_t>(media[i].sha256.size()));
      json_field(json, "text", media[i].sha256);
      json_field(json, "pattern_id", "campaign_media:" + std::to_string(verdict.media->line));
      json += '}';
      break;
    }
  }
  json += ']';
}

// The detection time's texts, recomputed only when the second changes.
void set_detection_time(EventState& state, int64_t now_s) {
  if (state.now_s == now_s) return;
  state.now_s = now_s;
  state.now_text = indonesian_datetime(now_s, 420);
  state.detected_at = rfc3339_utc(now_s);
  state.report_deadline = rfc3339_utc(now_s + 7 * 86400);
}

}  // namespace

void write_alert(EventState& state, const Verdict& verdict, const Source* source,
                 bool utf8_repaired, int64_t now_s, AlertRecord& record) {
  const Rule& rule = *verdict.rule;
  const int phase = verdict.phase_index;
  const EventView& event = state.event;
  record.key.assign(event.actor_account_id);
  record.rule_id = rule.id;
  record.severity = severity_name(verdict.severity);
  record.region =
      state.asn_region.size() >= 2 ? std::string(state.asn_region.substr(0, 2)) : "unknown";

  JsonWriter& json = state.json;
  json.clear();
  json += '{';
  json += "\"alert_id\":\"";
  append_alert_id(json, event.event_id, rule.id);
  json += '"';
  json += ",\"rule_id\":";
  json += rule.json.id;
  json += ",\"rule_name\":";
  json += rule.json.name;
  json_field(json, "severity", record.severity);
  json += ",\"track\":";
  json += verdict.out_of_schedule && verdict.severity == Severity::critical
              ? "\"pidana\""
              : rule.json.track[phase];
  json += ",\"skb_item\":";
  json += rule.json.skb_item[phase];
  json += ",\"legal_basis\":[";
  json += rule.json.legal_basis;
  if (verdict.out_of_schedule) {
    if (!rule.legal_basis.empty()) json += ',';
    json_string(json, "UU 7/2017 Pasal 492 (kampanye di luar jadwal)");
  }
  json += ']';
  json += ",\"sanction\":";
  json += rule.json.sanction[phase];
  json_field(json, "phase", phase_name(verdict.phase));
  json_field(json, "race", verdict.race ? verdict.race->id : "");
  json += ",\"modifiers\":[";
  if (verdict.out_of_schedule) json += "\"campaign_out_of_schedule\"";
  json += ']';
  json += ",\"review_required\":";
  json += rule.review ? "true" : "false";
  write_event(json, state);
  write_terlapor(json, state);
  write_target(json, verdict);
  write_evidence(json, state, verdict);
  write_content(json, state);

  set_detection_time(state, now_s);
  write_uraian(state, verdict);
  json_field(json, "uraian", state.uraian.view());
  json_field(json, "detected_at", state.detected_at);
  json_field(json, "report_deadline", state.report_deadline);
  if (!rule.route.empty()) {
    json += ",\"recommended_route\":";
    json += rule.json.route;
  } else if (verdict.race && !verdict.race->kpu_route.empty()) {
    json_field(json, "recommended_route", verdict.race->kpu_route);
  }
  if (source) {
    json += ",\"source\":{";
    json_field(json, "topic", source->topic, true);
    json_int(json, "partition", source->partition);
    json_int(json, "offset", source->offset);
    json += '}';
  }
  if (utf8_repaired) json += ",\"input_repaired\":\"invalid_utf8\"";
  json_field(json, "rules_version", state.data->version);
  if (!verdict.suppressed_by.empty()) write_suppressed_by(json, state, verdict);
  json += '}';
  record.json.assign(json.data(), json.size());
}

}  // namespace netra::engine
