#include "engine/engine.h"

#include <simdjson.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/event.h"
#include "engine/json_out.h"
#include "engine/ruleset_data.h"
#include "matchers/normalise.h"

namespace netra::engine {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::alerted:
      return "alerted";
    case Outcome::clean:
      return "clean";
    case Outcome::not_asn:
      return "not_asn";
    case Outcome::invalid:
      return "invalid";
  }
  return "unknown";
}

namespace {

// One scanned field value.
struct FieldRef {
  FieldClass cls;
  int index;               // array index for hashtags/media, else -1
  std::string_view value;  // the original value
  int prefix = 0;          // bytes added in front before scanning ('#' for bare hashtags)
};

struct Hit {
  uint32_t pattern;
  uint16_t field;       // index into fields
  uint32_t start, end;  // offsets into the original field value
  uint64_t lists;       // the pattern's RuleSetData::PatternFacts
  uint16_t signals;
};

struct EvidenceItem {
  uint32_t hit;
  uint32_t list;  // the list (or entity list) that made it evidence
};

const char* kActionPhrase[] = {
    "mengunggah postingan",
    "menulis komentar",
    "membalas komentar",
    "menyukai (like) unggahan",
    "membagikan (share) unggahan",
    "mengunggah ulang (repost) unggahan",
    "mengikuti (follow) akun",
    "bergabung ke grup",
    "mengirim stiker",
    "mengunggah foto",
    "mengunggah story",
    "memperbarui profil",
};

const char* kPhaseText[] = {"sebelum penetapan calon", "setelah penetapan calon", "kampanye",
                            "masa tenang", "hari pemungutan suara"};

// The contract's name of field f ("text", "hashtags[0]", ...), appended to out.
void append_field_name(JsonWriter& out, const FieldRef& f) {
  switch (f.cls) {
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
      out += field_class_name(f.cls);
      return;
  }
  append_uint(out, static_cast<uint64_t>(f.index));
  out += f.cls == kFieldHashtags ? "]" : f.cls == kFieldMediaCaption ? "].caption" : "].ocr_text";
}

}  // namespace

struct Worker::Impl {
  std::shared_ptr<const RuleSet> rules;
  const RuleSetData* d = nullptr;
  std::unique_ptr<matchers::Scratch> scratch;
  simdjson::ondemand::parser parser;
  std::string buffer, repaired, scan_buf, tmp;
  std::string target_desc, quote, quote_field;  // pieces of an alert's uraian
  JsonWriter json, uraian_text;                 // an alert and its uraian, being written
  int64_t now_s = INT64_MIN;                    // the alert times below are for this second
  std::string now_text, detected_at, report_deadline;
  EventView ev;
  std::vector<matchers::NormalisedText> norms;  // per field: [2 i] as is, [2 i + 1] leet-folded
  std::vector<matchers::Tokens> tokens;         // theirs, from the scan, for the deferred one
  std::vector<uint8_t> leet_pass;               // per field: the leet-folded form differs
  std::vector<matchers::Match> matches;
  std::vector<FieldRef> fields;
  std::vector<Hit> hits;
  std::vector<EvidenceItem> evidence;

  // Per-event facts computed once.
  const AsnRecord* asn = nullptr;
  const PoliticalRecord* target_rec = nullptr;
  const PoliticalRecord* group_rec = nullptr;
  uint8_t target_kinds = 0, group_kinds = 0;  // political_kind_bit() of their kinds
  const MediaRecord* media_rec = nullptr;
  int support = -1;             // lazily computed: a second signal exists
  int party = -1;               // lazily computed: a party name or ballot number exists
  std::string_view asn_region;  // the registry's region code, else the event's
  uint16_t asn_region2 = 0, asn_region4 = 0;  // region_key() of its 2- and 4-digit prefixes
  Phase phase_default = Phase::post;
  const Race* default_race = nullptr;

  // Per-rule results.
  const PoliticalRecord* used_target = nullptr;
  const PoliticalRecord* used_group = nullptr;
  const MediaRecord* used_media = nullptr;
  uint32_t used_entity = kNone;

  void set_rules(std::shared_ptr<const RuleSet> r) {
    rules = std::move(r);
    d = &rules->data();
    scratch = std::make_unique<matchers::Scratch>(*d->patterns);
  }

  // Short name-like fields (group and display names, the target's handle,
  // the ASN's position) are scanned together: their values joined by kNameSep
  // into one text, normalised and scanned once, so that one batch of
  // phrase-table lookups (and their cache misses) serves them all. Names are
  // looked for phrases only; the handle is scanned in full (its part of the
  // text, see PatternSet::scan_joined). Normalisation and matching never reach
  // across kNameSep (no token character, and wider than the phrase table's
  // gap), so each field's matches are the ones a scan of its value alone gives.
  // The ASN's own fields (kActorFields) are a second group, scanned only when
  // a rule that reads them is about to be evaluated (scan_actor_fields).
  static constexpr std::string_view kNameSep = "||||";
  static constexpr uint32_t kNotName = UINT32_MAX;
  static_assert(kNameSep.size() > matchers::kPhraseMaxGap);
  struct NameGroup {
    std::string text;                      // the joined values
    matchers::NormalisedText norm[2];      // as is, leet-folded
    matchers::Tokens tokens[2];            // theirs, from the scan, for the deferred one
    bool leet = false;                     // the leet-folded form differs
    std::vector<matchers::Match> hits[2];  // per pass; offsets into text
  };
  enum { kEventNames, kActorNames };
  NameGroup name_groups[2];
  std::vector<uint32_t> name_base;  // per field: its offset in its group's text, or kNotName
  std::vector<matchers::PatternSet::Part> full_parts;  // the handle's, in a normalised text
  bool actor_pending = false;                          // the actor group is not scanned yet
  bool deferred_done = false;                          // the deferred pass ran on the other fields
  size_t main_hits = 0;                                // hits before the deferred pass's

  static bool actor_field(FieldClass c) { return (kActorFields >> c) & 1; }
  static int name_group(FieldClass c) { return actor_field(c) ? kActorNames : kEventNames; }
  static bool joined(FieldClass c) { return c >= kFieldGroupName; }

  void add_hit(uint32_t pattern, uint16_t fi, uint32_t s, uint32_t e, bool check_dup) {
    if (check_dup)
      for (const auto& h : hits)
        if (h.pattern == pattern && h.field == fi && h.start == s && h.end == e) return;
    const RuleSetData::PatternFacts& facts = d->pattern_facts[pattern];
    // The ASN's own display name and position say nothing about the event:
    // "Nurul Aini" is also a KPU candidate's name, and that does not make the
    // "bowo" in her text a candidate. They are scanned for the rules that read
    // them (an official's position) but give no second signal.
    constexpr uint16_t kSignals = kPartySignal | kSupportSignal;
    const uint16_t signals =
        actor_field(fields[fi].cls) ? facts.signals & ~kSignals : facts.signals;
    hits.push_back({pattern, fi, s, e, facts.lists, signals});
  }

  // Normalises field fi (and its leet-folded form where that differs) into
  // norms, then scans them; the deferred scan reuses those texts.
  void scan_field(uint16_t fi, bool deferred = false) {
    const FieldRef& f = fields[fi];
    if (name_base[fi] != kNotName) {
      if (!actor_field(f.cls)) add_name_hits(fi, deferred);
      return;
    }
    if (!deferred) {
      if (norms.size() < 2u * (fi + 1)) norms.resize(2u * (fi + 1));
      if (tokens.size() < 2u * (fi + 1)) tokens.resize(2u * (fi + 1));
      if (leet_pass.size() <= fi) leet_pass.resize(fi + 1u);
      std::string_view value = f.value;
      if (f.prefix) {
        scan_buf.clear();
        scan_buf.push_back('#');
        scan_buf.append(value);
        value = scan_buf;
      }
      matchers::normalise(value, norms[2u * fi], matchers::Leet::keep);
      // A second pass only where the leet rule changes the text.
      leet_pass[fi] = matchers::leet_fold(value, norms[2u * fi], norms[2u * fi + 1]);
    }
    for (int pass = 0; pass < 1 + leet_pass[fi]; ++pass) {
      const matchers::NormalisedText& norm = norms[2u * fi + pass];
      matches.clear();
      matchers::Tokens& toks = tokens[2u * fi + pass];
      if (deferred)
        d->patterns->scan_deferred(norm.text, matches, &toks);
      else
        d->patterns->scan(norm.text, *scratch, matches, &toks);
      for (const auto& m : matches) {
        uint32_t s = norm.original_start(m.start), e = norm.original_end(m.end);
        if (f.prefix) {
          s = s > 0 ? s - 1 : 0;
          e = e > 0 ? e - 1 : 0;
          if (e <= s) e = std::min<uint32_t>(s + 1, static_cast<uint32_t>(f.value.size()));
        }
        add_hit(m.pattern, fi, s, e, pass == 1 || deferred);
      }
    }
  }

  // Scans group g's joined name fields (see kNameSep) into its hits; the
  // deferred scan reuses the normalised texts.
  void scan_names(int g, bool deferred) {
    NameGroup& ng = name_groups[g];
    if (ng.text.empty()) return;
    if (!deferred) {
      matchers::normalise(ng.text, ng.norm[0], matchers::Leet::keep);
      ng.leet = matchers::leet_fold(ng.text, ng.norm[0], ng.norm[1]);
    }
    for (int pass = 0; pass < 1 + ng.leet; ++pass) {
      const matchers::NormalisedText& norm = ng.norm[pass];
      std::vector<matchers::Match>& out = ng.hits[pass];
      out.clear();
      if (deferred) {
        d->patterns->scan_deferred(norm.text, out, &ng.tokens[pass]);
      } else {
        full_parts.clear();
        for (size_t fi = 0; fi < fields.size(); ++fi) {
          if (name_base[fi] == kNotName || fields[fi].cls != kFieldTargetHandle ||
              name_group(fields[fi].cls) != g)
            continue;
          // Its normalised bytes: those that came from its original bytes.
          auto at = [&](uint32_t original) {
            return static_cast<uint32_t>(
                std::lower_bound(norm.start.begin(), norm.start.end(), original) -
                norm.start.begin());
          };
          const uint32_t base = name_base[fi];
          full_parts.push_back(
              {at(base), at(base + static_cast<uint32_t>(fields[fi].value.size()))});
        }
        d->patterns->scan_joined(norm.text, full_parts, *scratch, out, &ng.tokens[pass]);
      }
      for (auto& m : out) {
        m.start = norm.original_start(m.start);
        m.end = norm.original_end(m.end);
      }
    }
  }

  // The hits of name field fi from its group's scan, in the order a scan of
  // the field alone gives them.
  void add_name_hits(uint16_t fi, bool deferred) {
    const NameGroup& ng = name_groups[name_group(fields[fi].cls)];
    const uint32_t base = name_base[fi];
    const auto size = static_cast<uint32_t>(fields[fi].value.size());
    for (int pass = 0; pass < 1 + ng.leet; ++pass)
      for (const auto& m : ng.hits[pass])
        if (m.start >= base && m.end <= base + size)
          add_hit(m.pattern, fi, m.start - base, m.end - base, pass == 1 || deferred);
  }

  // The ASN's display name and position, scanned on first need. Their hits
  // go where an eager scan would have put them (the fields come last: at the
  // end of the main pass's hits and, where the deferred pass ran, at the end
  // of its hits), and give no signal (add_hit), so no earlier decision changes.
  void scan_actor_fields() {
    actor_pending = false;
    for (int deferred = 0; deferred <= int{deferred_done}; ++deferred) {
      const size_t before = hits.size();
      scan_names(kActorNames, deferred);
      for (uint16_t i = 0; i < fields.size(); ++i)
        if (actor_field(fields[i].cls)) add_name_hits(i, deferred);
      if (!deferred && deferred_done)
        std::rotate(hits.begin() + static_cast<ptrdiff_t>(main_hits),
                    hits.begin() + static_cast<ptrdiff_t>(before), hits.end());
    }
  }

  // Notes the entity an alert will name, and starts loading it: the alert
  // reads its race, name and kind, and 258k entities are far out of cache.
  void use_entity(uint32_t e) {
    used_entity = e;
    if (e == kNone) return;
    const char* p = reinterpret_cast<const char*>(&d->lexicon.entities[e]);
    for (size_t off = 0; off < sizeof(Entity); off += 64) __builtin_prefetch(p + off);
  }

  // region_matches() for a reference, from its region_key (no entity load).
  bool region_matches(const PatternRef& ref) const {
    if (ref.region == 0) return false;
    if (ref.region == kRegionOther) return region_matches(d->lexicon.entities[ref.entity]);
    return ref.region == (ref.region <= 100 ? asn_region2 : asn_region4);
  }

  bool region_matches(const Entity& e) const {
    if (e.region.empty()) return false;
    return asn_region.size() >= e.region.size() &&
           asn_region.substr(0, e.region.size()) == e.region;
  }

  // A second signal that lets a weak entity (a one-word or common name, a
  // nickname) count: a support list match, a strong entity, or a political target.
  bool second_signal() {
    if (support >= 0) return support;
    support = target_rec || group_rec;
    for (const auto& h : hits) support |= (h.signals & kSupportSignal) != 0;
    return support;
  }

  // A strong party name or a ballot number somewhere in the event.
  bool party_signal() {
    if (party >= 0) return party;
    party = 0;
    for (const auto& h : hits) party |= (h.signals & kPartySignal) != 0;
    return party;
  }

  // Does hit h carry an entity of a kind in `kinds` that counts? Returns the entity or kNone.
  uint32_t entity_of(const Hit& h, uint8_t kinds, uint32_t* list_out) {
    if (!((h.signals >> kKindsShift) & kinds)) return kNone;  // names no entity of these kinds
    const Lexicon& lx = d->lexicon;
    for (uint32_t r = lx.ref_begin[h.pattern]; r < lx.ref_begin[h.pattern + 1]; ++r) {
      const PatternRef& ref = lx.ref_data[r];
      if (ref.entity == kNone) continue;
      if (!(kinds & ref.kind_bit)) continue;
      if (ref.weak && !region_matches(ref)) {
        // A one-word or common KPU candidate name ("Jawa", "Prima") is everyday
        // language: only a party or a ballot number makes it a candidate.
        if (ref.list == d->candidate_list ? !party_signal() : !second_signal()) continue;
      }
      if (list_out) *list_out = ref.list;
      return ref.entity;
    }
    return kNone;
  }

  bool hit_in_list(const Hit& h, uint32_t list) const {
    if (list < 64) return (h.lists >> list) & 1;
    const Lexicon& lx = d->lexicon;
    for (uint32_t r = lx.ref_begin[h.pattern]; r < lx.ref_begin[h.pattern + 1]; ++r)
      if (lx.ref_data[r].list == list) return true;
    return false;
  }

  bool in_fields(const Hit& h, uint16_t mask) const { return mask & (1u << fields[h.field].cls); }

  // Does hit h satisfy near-item `item` (a list id, or kNone for an entity)?
  bool item_matches(const Hit& h, uint32_t item, uint8_t kinds) {
    if (item == kNone) return entity_of(h, kinds, nullptr) != kNone;
    return hit_in_list(h, item);
  }

  bool eval(const Cond& c, bool collect) {
    switch (c.type) {
      case CondType::all:
        for (const auto& ch : c.children)
          if (!eval(ch, collect)) return false;
        return true;
      case CondType::any: {
        bool any = false;
        for (const auto& ch : c.children)
          if (eval(ch, collect)) {
            any = true;
            if (!collect) break;
          }
        return any;
      }
      case CondType::none:
        for (const auto& ch : c.children)
          if (eval(ch, false)) return false;
        return true;
      case CondType::list: {
        bool found = false;
        for (uint32_t i = 0; i < hits.size(); ++i) {
          if (!in_fields(hits[i], c.fields)) continue;
          for (uint32_t l : c.lists)
            if (hit_in_list(hits[i], l)) {
              found = true;
              if (collect) evidence.push_back({i, l});
              break;
            }
          if (found && !collect) break;
        }
        return found;
      }
      case CondType::entity: {
        bool found = false;
        for (uint32_t i = 0; i < hits.size(); ++i) {
          if (!in_fields(hits[i], c.fields)) continue;
          uint32_t list = kNone;
          uint32_t e = entity_of(hits[i], c.kinds, &list);
          if (e == kNone) continue;
          found = true;
          if (!collect) break;
          evidence.push_back({i, list});
          if (used_entity == kNone) use_entity(e);
        }
        if (!found && (c.kinds & 1)) found = regional_ballot(c.fields, collect);
        return found;
      }
      case CondType::target_kind:
        if (!(target_kinds & c.kinds)) return false;
        if (collect) used_target = target_rec;
        return true;
      case CondType::group_kind:
        if (!(group_kinds & c.kinds)) return false;
        if (collect) used_group = group_rec;
        return true;
      case CondType::media_known:
        if (!media_rec) return false;
        if (collect) used_media = media_rec;
        return true;
      case CondType::has_media:
        for (const auto& m : ev.media) {
          if (!c.media_types) return true;
          if ((c.media_types & 1) && (m.type == "image" || m.type.empty())) return true;
          if ((c.media_types & 2) && m.type == "video") return true;
          if ((c.media_types & 4) && m.type == "sticker") return true;
        }
        return false;
      case CondType::near:
        return eval_near(c, collect);
      case CondType::phase:
        return c.phases & (1u << static_cast<int>(phase_default));
      case CondType::action:
        return c.actions & (1u << static_cast<int>(ev.action));
    }
    return false;
  }

  bool eval_near(const Cond& c, bool collect) {
    for (uint32_t a = 0; a < hits.size(); ++a) {
      const Hit& ha = hits[a];
      if (!in_fields(ha, c.fields) || !item_matches(ha, c.lists[0], c.kinds)) continue;
      size_t ev_mark = evidence.size();
      bool all = true;
      for (size_t k = 1; k < c.lists.size() && all; ++k) {
        bool found = false;
        for (uint32_t b = 0; b < hits.size(); ++b) {
          const Hit& hb = hits[b];
          if (b == a || hb.field != ha.field) continue;
          uint32_t gap = hb.start >= ha.end   ? hb.start - ha.end
                         : ha.start >= hb.end ? ha.start - hb.end
                                              : 0;
          if (gap > c.within || !item_matches(hb, c.lists[k], c.kinds)) continue;
          found = true;
          if (collect)
            evidence.push_back({b, c.lists[k] == kNone ? list_of_entity(hb) : c.lists[k]});
          break;
        }
        all = found;
      }
      if (all) {
        if (collect) {
          evidence.push_back({a, c.lists[0] == kNone ? list_of_entity(ha) : c.lists[0]});
          if (c.lists[0] == kNone && used_entity == kNone)
            use_entity(entity_of(ha, c.kinds, nullptr));
        }
        return true;
      }
      evidence.resize(ev_mark);
    }
    return false;
  }

  // "coblos nomor 2" during a regional race names the pair with ballot 2 in a
  // race the ASN's region is in (RegionalBallots).
  bool regional_ballot(uint16_t field_mask, bool collect) {
    if (d->ballot_list == kNone || d->regional.empty() || !default_race) return false;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      const Hit& h = hits[i];
      if (!in_fields(h, field_mask) || !hit_in_list(h, d->ballot_list)) continue;
      const uint32_t e =
          d->regional.find(d->lexicon, default_race->id,
                           fields[h.field].value.substr(h.start, h.end - h.start), asn_region);
      if (e == kNone) continue;
      if (collect) {
        evidence.push_back({i, d->ballot_list});
        if (used_entity == kNone) use_entity(e);
      }
      return true;
    }
    return false;
  }

  uint32_t list_of_entity(const Hit& h) {
    uint32_t list = kNone;
    entity_of(h, 0x1F, &list);
    return list;
  }
};

Worker::Worker(std::shared_ptr<const RuleSet> rules) : impl_(std::make_unique<Impl>()) {
  impl_->set_rules(std::move(rules));
}
Worker::~Worker() = default;
void Worker::set_rules(std::shared_ptr<const RuleSet> rules) { impl_->set_rules(std::move(rules)); }
const RuleSet& Worker::rules() const { return *impl_->rules; }

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

// The matched text with a little context, cut on UTF-8 boundaries, into out.
void excerpt(std::string& out, std::string_view v, uint32_t s, uint32_t e) {
  size_t a = s > 60 ? s - 60 : 0, b = std::min<size_t>(v.size(), e + 60);
  while (a > 0 && (static_cast<unsigned char>(v[a]) & 0xC0) == 0x80) --a;
  while (b < v.size() && (static_cast<unsigned char>(v[b]) & 0xC0) == 0x80) ++b;
  out.assign(a > 0 ? "…" : "");
  out.append(v.substr(a, b - a));
  if (b < v.size()) out += "…";
}

}  // namespace

void Worker::process(std::string_view bytes, const Source* source,
                     std::chrono::system_clock::time_point now, Output& out) {
  Impl& m = *impl_;
  const RuleSetData& d = *m.d;
  out.outcome = Outcome::clean;
  out.reason.clear();
  out.platform = "unknown";
  out.action = "unknown";
  out.utf8_repaired = false;
  out.alert_count = 0;

  if (bytes.size() > d.settings.max_event_bytes) {
    out.outcome = Outcome::invalid;
    out.reason = "too_large";
    return;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // simdjson validates UTF-8 while it indexes the document, so the separate
  // check runs only when the parse failed, to tell bad UTF-8 from bad JSON.
  auto parse = [&](std::string_view b) {
    m.buffer.assign(b);
    m.buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    return parse_event(m.parser, std::string_view(m.buffer.data(), b.size()), m.ev);
  };
  std::string reason = parse(bytes);
  if (reason == "invalid_json" && !simdjson::validate_utf8(bytes.data(), bytes.size())) {
    repair_utf8(bytes, m.repaired);
    out.utf8_repaired = true;
    reason = parse(m.repaired);
  }
  if (!reason.empty()) {
    out.outcome = Outcome::invalid;
    out.reason = std::move(reason);
    return;
  }
  const EventView& ev = m.ev;
  out.platform = platform_name(ev.platform);
  out.action = action_name(ev.action);

  const std::string_view platform = platform_name(ev.platform);
  m.asn = d.registries.find_asn(platform, ev.actor_account_id);
  if (!m.asn && ev.actor_nip.empty()) {
    out.outcome = Outcome::not_asn;
    return;
  }
  m.target_rec = ev.target_account_id.empty()
                     ? nullptr
                     : d.registries.find_political(platform, ev.target_account_id);
  m.group_rec = ev.group_id.empty() ? nullptr : d.registries.find_political(platform, ev.group_id);
  m.target_kinds = m.target_rec ? political_kind_bit(m.target_rec->kind) : 0;
  m.group_kinds = m.group_rec ? political_kind_bit(m.group_rec->kind) : 0;
  m.media_rec = nullptr;
  for (const auto& md : ev.media)
    if (!md.sha256.empty() && (m.media_rec = d.registries.find_media(md.sha256))) break;
  m.support = -1;
  m.party = -1;
  m.asn_region = m.asn && !m.asn->region_code.empty() ? std::string_view(m.asn->region_code)
                                                      : ev.actor_region_code;
  m.asn_region2 = m.asn_region.size() >= 2 ? region_key(m.asn_region.substr(0, 2)) : 0;
  m.asn_region4 = m.asn_region.size() >= 4 ? region_key(m.asn_region.substr(0, 4)) : 0;

  // Scan every field that can carry evidence.
  m.fields.clear();
  m.hits.clear();
  const uint16_t wanted = d.fields_for_action[static_cast<int>(ev.action)];
  auto add = [&](FieldClass c, int idx, std::string_view v, int prefix = 0) {
    if (!v.empty() && (wanted & (1u << c))) m.fields.push_back({c, idx, v, prefix});
  };
  add(kFieldText, -1, ev.text);
  for (size_t i = 0; i < ev.hashtags.size(); ++i)
    add(kFieldHashtags, static_cast<int>(i), ev.hashtags[i],
        ev.hashtags[i].substr(0, 1) == "#" ? 0 : 1);
  for (size_t i = 0; i < ev.media.size(); ++i) {
    add(kFieldMediaCaption, static_cast<int>(i), ev.media[i].caption);
    add(kFieldMediaOcr, static_cast<int>(i), ev.media[i].ocr_text);
  }
  add(kFieldGroupName, -1, ev.group_name);
  add(kFieldTargetDisplayName, -1, ev.target_display_name);
  add(kFieldTargetHandle, -1, ev.target_handle);
  if (m.asn) add(kFieldActorPosition, -1, m.asn->position);
  add(kFieldActorDisplayName, -1, ev.actor_display_name);
  for (auto& g : m.name_groups) g.text.clear();
  m.name_base.assign(m.fields.size(), Impl::kNotName);
  for (size_t i = 0; i < m.fields.size(); ++i) {
    if (!Impl::joined(m.fields[i].cls)) continue;
    std::string& joined = m.name_groups[Impl::name_group(m.fields[i].cls)].text;
    m.name_base[i] = static_cast<uint32_t>(joined.size());
    joined.append(m.fields[i].value).append(Impl::kNameSep);
  }
  m.actor_pending = !m.name_groups[Impl::kActorNames].text.empty();
  m.deferred_done = false;
  m.scan_names(Impl::kEventNames, false);
  for (uint16_t i = 0; i < m.fields.size(); ++i) m.scan_field(i);
  if (d.patterns->has_deferred() && m.party_signal()) {
    m.main_hits = m.hits.size();
    m.scan_names(Impl::kEventNames, true);
    const size_t n = m.fields.size();
    for (uint16_t i = 0; i < n; ++i) m.scan_field(i, true);
    m.support = -1;
    m.deferred_done = true;
  }

  const Race* default_race = d.calendar.default_race(ev.ts_unix);
  m.default_race = default_race;
  m.phase_default = default_race ? Calendar::phase(*default_race, ev.ts_unix) : Phase::post;

  const int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const uint16_t action_bit = 1u << static_cast<int>(ev.action);
  uint64_t hit_lists = 0;  // what the event holds, for Rule::needs
  uint8_t hit_kinds = 0;
  for (const Hit& h : m.hits) {
    hit_lists |= h.lists;
    hit_kinds |= static_cast<uint8_t>(h.signals >> kKindsShift);
  }
  for (const Rule& rule : d.rules) {
    if (!(rule.actions & action_bit)) continue;
    // While the ASN's own fields are not scanned, a need they could meet may be met.
    auto met = [&](const Rule::Need& n) {
      return (n.lists & hit_lists) || (n.kinds & hit_kinds) || (n.target_kinds & m.target_kinds) ||
             (n.group_kinds & m.group_kinds) || (n.media && m.media_rec) ||
             (m.actor_pending && (n.fields & kActorFields) && (n.lists || n.kinds));
    };
    if (!std::all_of(rule.needs.begin(), rule.needs.end(), met)) continue;
    if (m.actor_pending && (rule.fields & kActorFields)) {
      m.scan_actor_fields();
      for (const Hit& h : m.hits) {
        hit_lists |= h.lists;
        hit_kinds |= static_cast<uint8_t>(h.signals >> kKindsShift);
      }
      if (!std::all_of(rule.needs.begin(), rule.needs.end(), met)) continue;
    }
    m.evidence.clear();
    m.used_target = m.used_group = nullptr;
    m.used_media = nullptr;
    m.used_entity = kNone;
    if (!m.eval(rule.when, true)) continue;
    if (rule.has_unless && m.eval(rule.unless, false)) continue;
    // The evidence below looks up each hit's references (out of cache for
    // the 258k names): start those loads now, all at once.
    for (const auto& e : m.evidence) {
      const uint32_t end = d.lexicon.ref_begin[m.hits[e.hit].pattern + 1];
      if (end > 0) __builtin_prefetch(&d.lexicon.ref_data[end - 1]);
    }

    // Which race and phase: the identified entity's race, else the calendar's.
    const Entity* ent = m.used_entity != kNone ? &d.lexicon.entities[m.used_entity] : nullptr;
    const PoliticalRecord* tgt = m.used_target ? m.used_target : m.used_group;
    const Race* race = nullptr;
    if (tgt && !tgt->race.empty()) race = d.calendar.find(tgt->race);
    if (!race && ent && !ent->race.empty()) race = d.calendar.find(ent->race);
    if (!race) race = default_race;
    const Phase phase = race ? Calendar::phase(*race, ev.ts_unix) : Phase::post;
    const int pi = static_cast<int>(phase);
    Severity sev = rule.severity[pi];
    const bool out_of_schedule =
        rule.out_of_schedule && (phase == Phase::quiet || phase == Phase::voting);
    if (out_of_schedule && sev != Severity::critical)
      sev = static_cast<Severity>(static_cast<int>(sev) + 1);

    if (out.alerts.size() <= out.alert_count) out.alerts.emplace_back();
    AlertRecord& rec = out.alerts[out.alert_count++];
    rec.key.assign(ev.actor_account_id);
    rec.rule_id = rule.id;
    rec.severity = severity_name(sev);
    const std::string_view region = m.asn_region;
    rec.region = region.size() >= 2 ? std::string(region.substr(0, 2)) : "unknown";

    JsonWriter& j = m.json;
    j.clear();
    j += '{';
    j += "\"alert_id\":\"";
    append_alert_id(j, ev.event_id, rule.id);
    j += '"';
    j += ",\"rule_id\":";
    j += rule.json.id;
    j += ",\"rule_name\":";
    j += rule.json.name;
    json_field(j, "severity", rec.severity);
    j += ",\"track\":";
    j += out_of_schedule && sev == Severity::critical ? "\"pidana\"" : rule.json.track[pi];
    j += ",\"skb_item\":";
    j += rule.json.skb_item[pi];
    j += ",\"legal_basis\":[";
    j += rule.json.legal_basis;
    if (out_of_schedule) {
      if (!rule.legal_basis.empty()) j += ',';
      json_string(j, "UU 7/2017 Pasal 492 (kampanye di luar jadwal)");
    }
    j += ']';
    j += ",\"sanction\":";
    j += rule.json.sanction[pi];
    json_field(j, "phase", phase_name(phase));
    json_field(j, "race", race ? race->id : "");
    j += ",\"modifiers\":[";
    if (out_of_schedule) j += "\"campaign_out_of_schedule\"";
    j += ']';
    j += ",\"review_required\":";
    j += rule.review ? "true" : "false";
    j += ",\"event\":{";
    json_field(j, "event_id", ev.event_id, true);
    json_field(j, "platform", platform);
    json_field(j, "action", action_name(ev.action));
    json_field(j, "ts", ev.ts);
    json_field(j, "url", ev.url);
    if (!ev.group_id.empty() || !ev.group_name.empty()) {
      j += ",\"group\":{";
      json_field(j, "id", ev.group_id, true);
      json_field(j, "name", ev.group_name);
      j += '}';
    }
    j += '}';

    // terlapor: the event's actor enriched from the ASN registry.
    auto pick = [&](std::string_view a, const std::string* b) -> std::string_view {
      return !a.empty() ? a : (b ? std::string_view(*b) : std::string_view());
    };
    const AsnRecord* a = m.asn;
    std::string_view name = a ? std::string_view(a->name) : ev.actor_display_name;
    j += ",\"terlapor\":{";
    json_field(j, "platform", platform, true);
    json_field(j, "account_id", ev.actor_account_id);
    json_field(j, "handle", ev.actor_handle);
    json_field(j, "nip", pick(ev.actor_nip, a ? &a->nip : nullptr));
    json_field(j, "name", name);
    json_field(j, "agency", pick(ev.actor_agency, a ? &a->agency : nullptr));
    json_field(j, "unit", a ? std::string_view(a->unit) : std::string_view());
    json_field(j, "position", a ? std::string_view(a->position) : std::string_view());
    json_field(j, "region_code", region);
    j += '}';

    std::string& target_desc = m.target_desc;
    target_desc.clear();
    if (tgt) {
      j += ",\"target\":{";
      json_field(j, "account_id", tgt->account_id, true);
      json_field(j, "handle", tgt->handle);
      json_field(j, "kind", tgt->kind);
      json_field(j, "entity", tgt->entity);
      json_field(j, "ballot_no", tgt->ballot_no);
      json_field(j, "source", "registry");
      j += '}';
      target_desc += m.used_group ? "grup " : "akun ";
      target_desc += tgt->entity;
      if (!tgt->handle.empty()) target_desc.append(" (").append(tgt->handle).append(")");
    } else if (ent) {
      j += ",\"target\":{";
      json_field(j, "account_id", "", true);
      json_field(j, "handle", "");
      json_field(j, "kind", ent->kind);
      json_field(j, "entity", ent->name);
      json_field(j, "ballot_no", ent->ballot_no);
      if (!ent->detail.empty()) json_field(j, "detail", ent->detail);
      json_field(j, "source", "text");
      j += '}';
      target_desc += ent->name;
      if (!ent->detail.empty()) target_desc.append(" (").append(ent->detail).append(")");
    } else {
      j += ",\"target\":null";
    }

    // Evidence: matched text with byte offsets into the original field values.
    j += ",\"evidence\":[";
    bool first = true;
    std::string &first_quote = m.quote, &first_field = m.quote_field;
    first_quote.clear();
    auto sep = [&] {
      if (!first) j += ',';
      first = false;
    };
    std::sort(m.evidence.begin(), m.evidence.end(),
              [](auto& x, auto& y) { return x.hit != y.hit ? x.hit < y.hit : x.list < y.list; });
    uint32_t last_hit = kNone;
    for (const auto& e : m.evidence) {
      if (e.hit == last_hit) continue;
      last_hit = e.hit;
      const Hit& h = m.hits[e.hit];
      // One evidence item per span: several patterns may cover the same text.
      bool seen = false;
      for (const auto& o : m.evidence) {
        if (&o == &e) break;
        const Hit& oh = m.hits[o.hit];
        seen |= o.hit != e.hit && oh.field == h.field && oh.start == h.start && oh.end == h.end;
      }
      if (seen) continue;
      const FieldRef& f = m.fields[h.field];
      sep();
      j += "{\"field\":\"";
      const size_t fname_at = j.size();
      append_field_name(j, f);
      const size_t fname_end = j.size();
      j += '"';
      json_int(j, "start", h.start);
      json_int(j, "end", h.end);
      json_field(j, "text", f.value.substr(h.start, h.end - h.start));
      const Lexicon& lx = d.lexicon;
      uint32_t line = 0;  // of the last reference from that list
      for (uint32_t r = lx.ref_begin[h.pattern + 1]; r > lx.ref_begin[h.pattern]; --r)
        if (lx.ref_data[r - 1].list == e.list) {
          line = lx.ref_data[r - 1].line;
          break;
        }
      m.tmp.assign(e.list != kNone ? std::string_view(lx.lists[e.list].name) : "pattern");
      m.tmp += ':';
      append_uint(m.tmp, line);
      json_field(j, "pattern_id", m.tmp);
      j += '}';
      if (first_quote.empty() && (f.cls == kFieldText || f.cls == kFieldMediaCaption)) {
        excerpt(first_quote, f.value, h.start, h.end);
        first_field.assign(j.data() + fname_at, fname_end - fname_at);
      }
    }
    if (tgt) {
      sep();
      j += '{';
      json_field(j, "field", m.used_group ? "group.id" : "target.account_id", true);
      json_int(j, "start", 0);
      json_int(j, "end", static_cast<int64_t>(tgt->account_id.size()));
      json_field(j, "text", tgt->account_id);
      json_field(j, "pattern_id", "political_accounts:" + std::to_string(tgt->line));
      j += '}';
    }
    if (m.used_media) {
      for (size_t i = 0; i < ev.media.size(); ++i) {
        if (ev.media[i].sha256.empty() ||
            d.registries.find_media(ev.media[i].sha256) != m.used_media)
          continue;
        sep();
        j += '{';
        json_field(j, "field", "media[" + std::to_string(i) + "].sha256", true);
        json_int(j, "start", 0);
        json_int(j, "end", static_cast<int64_t>(ev.media[i].sha256.size()));
        json_field(j, "text", ev.media[i].sha256);
        json_field(j, "pattern_id", "campaign_media:" + std::to_string(m.used_media->line));
        j += '}';
        break;
      }
    }
    j += ']';

    // uraian: a chronological account in Indonesian (what, where, when, how).
    // Built by appending into one reused buffer: no temporaries per piece.
    JsonWriter& u = m.uraian_text;
    u.clear();
    u += "Pada ";
    append_indonesian_datetime(u, ev.ts_unix, ev.ts_offset_minutes);
    u += ", akun ";
    u += platform;
    u += ' ';
    u += ev.actor_handle.empty() ? ev.actor_account_id : ev.actor_handle;
    if (!name.empty()) {
      u += " milik ";
      u += name;
      std::string_view nip = pick(ev.actor_nip, a ? &a->nip : nullptr);
      std::string_view agency = pick(ev.actor_agency, a ? &a->agency : nullptr);
      std::string_view parts[] = {nip, a ? std::string_view(a->position) : std::string_view(),
                                  agency};
      bool open = false;
      for (int k = 0; k < 3; ++k) {
        if (parts[k].empty()) continue;
        u += open ? ", " : " (";
        if (k == 0) u += "NIP ";
        u += parts[k];
        open = true;
      }
      if (open) u += ')';
    }
    u += ' ';
    u += kActionPhrase[static_cast<int>(ev.action)];
    if (m.used_group) {
      u += ' ';
      u += target_desc;
    } else if (tgt) {
      u += ev.action == Action::follow ? " " : " dari/pada ";
      u += target_desc;
    } else if (ent) {
      u += " yang menyebut ";
      u += target_desc;
    }
    if (!ev.group_name.empty() && !m.used_group) {
      u += " di grup \"";
      u += ev.group_name;
      u += '"';
    }
    u += '.';
    if (!first_quote.empty()) {
      u += " Isi (";
      u += first_field;
      u += "): \"";
      u += first_quote;
      u += "\".";
    }
    if (m.used_media) {
      u += " Media yang dibagikan dikenal sebagai bahan kampanye: ";
      u += m.used_media->description;
      u += '.';
    }
    u += " Perbuatan ini diduga termasuk ";
    u += rule.name;
    u += " (SKB ";
    u += rule.skb_item[pi];
    u += "), terjadi pada ";
    u += kPhaseText[pi];
    if (race) {
      u += ' ';
      u += race->name;
    }
    u += '.';
    if (out_of_schedule) u += " Terjadi di luar jadwal kampanye (UU 7/2017 Pasal 492).";
    if (!ev.url.empty()) {
      u += " Tautan: ";
      u += ev.url;
      u += '.';
    }
    u += " Diketahui oleh Patroli Siber pada ";
    if (m.now_s != now_s) {
      m.now_s = now_s;
      m.now_text = indonesian_datetime(now_s, 420);
      m.detected_at = rfc3339_utc(now_s);
      m.report_deadline = rfc3339_utc(now_s + 7 * 86400);
    }
    u += m.now_text;
    u += '.';
    json_field(j, "uraian", u.view());
    json_field(j, "detected_at", m.detected_at);
    json_field(j, "report_deadline", m.report_deadline);
    if (!rule.route.empty()) {
      j += ",\"recommended_route\":";
      j += rule.json.route;
    } else if (race && !race->kpu_route.empty()) {
      json_field(j, "recommended_route", race->kpu_route);
    }
    if (source) {
      j += ",\"source\":{";
      json_field(j, "topic", source->topic, true);
      json_int(j, "partition", source->partition);
      json_int(j, "offset", source->offset);
      j += '}';
    }
    if (out.utf8_repaired) j += ",\"input_repaired\":\"invalid_utf8\"";
    json_field(j, "rules_version", d.version);
    j += '}';
    rec.json.assign(j.data(), j.size());
  }
  out.outcome = out.alert_count ? Outcome::alerted : Outcome::clean;
}

}  // namespace netra::engine
