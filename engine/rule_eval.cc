// Rule evaluation: the registry facts, each rule's needs and conditions over
// the event's hits (entities, weak names and their signals), and for a rule
// that fires, its race, phase and severity.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "engine/clause.h"
#include "engine/event_state.h"

namespace netra::engine {
namespace {

// Evaluates conditions of one rule against one event. Collecting (the rule's
// `when`) records the evidence and what the alert will name in the state.
class Conditions {
 public:
  explicit Conditions(EventState& state) : state_(state), data_(*state.data) {}

  bool eval(const Cond& c, bool collect) {
    switch (c.type) {
      case CondType::all:
        for (const auto& child : c.children)
          if (!eval(child, collect)) return false;
        return true;
      case CondType::any: {
        bool any = false;
        for (const auto& child : c.children)
          if (eval(child, collect)) {
            any = true;
            if (!collect) break;
          }
        return any;
      }
      case CondType::none: {
        const Excuse kept = excuse_;  // what `not` finds excuses nothing
        bool held = true;
        for (const auto& child : c.children)
          if (eval(child, false)) {
            held = false;
            break;
          }
        excuse_ = kept;
        return held;
      }
      case CondType::list:
        return eval_list(c, collect);
      case CondType::entity:
        return eval_entity(c, collect);
      case CondType::target_kind:
        if (!(state_.target_kinds & c.kinds)) return false;
        if (collect) state_.used_target = state_.target_record;
        return true;
      case CondType::group_kind:
        if (!(state_.group_kinds & c.kinds)) return false;
        if (collect) state_.used_group = state_.group_record;
        return true;
      case CondType::media_known:
        if (!state_.media_record) return false;
        if (collect) state_.used_media = state_.media_record;
        return true;
      case CondType::has_media:
        for (const auto& media : state_.event.media) {
          if (!c.media_types) return true;
          if ((c.media_types & 1) && (media.type == "image" || media.type.empty())) return true;
          if ((c.media_types & 2) && media.type == "video") return true;
          if ((c.media_types & 4) && media.type == "sticker") return true;
        }
        return false;
      case CondType::near:
        return eval_near(c, collect);
      case CondType::phase:
        return c.phases & (1u << static_cast<int>(state_.default_phase));
      case CondType::action:
        return c.actions & (1u << static_cast<int>(state_.event.action));
    }
    return false;
  }

 private:
  bool eval_list(const Cond& c, bool collect) {
    const std::vector<Hit>& hits = state_.hits;
    bool found = false;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      if (!in_fields(hits[i], c.fields)) continue;
      for (uint32_t list : c.lists)
        if (hit_in_list(hits[i], list)) {
          if (!in_scope(hits[i]) || left_out(i)) break;
          found = true;
          if (collect) state_.evidence.push_back({i, list});
          note_excuse(i, list);
          break;
        }
      if (found && !collect) break;
    }
    return found;
  }

  bool eval_entity(const Cond& c, bool collect) {
    const std::vector<Hit>& hits = state_.hits;
    bool found = false;
    number_fields_ = c.fields;
    number_names_ = c.kinds & 1 ? -1 : 0;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      if (!in_fields(hits[i], c.fields)) continue;
      uint32_t list = kNone;
      const uint32_t entity = entity_of(hits[i], c.kinds, &list, true);
      if (entity == kNone || !in_scope(hits[i]) || left_out(i)) continue;
      found = true;
      note_excuse(i, list);
      if (!collect) break;
      state_.evidence.push_back({i, list});
      if (state_.used_entity == kNone) use_entity(entity);
    }
    if (!found && (c.kinds & 1)) found = ballot_entity(c.fields, collect);
    return found;
  }

  bool eval_near(const Cond& c, bool collect) {
    const std::vector<Hit>& hits = state_.hits;
    for (uint32_t a = 0; a < hits.size(); ++a) {
      const Hit& ha = hits[a];
      if (!in_fields(ha, c.fields) || !item_matches(ha, c.lists[0], c.kinds) || !in_scope(ha) ||
          left_out(a))
        continue;
      const size_t evidence_mark = state_.evidence.size();
      bool all = true;
      for (size_t k = 1; k < c.lists.size() && all; ++k) {
        bool found = false;
        for (uint32_t b = 0; b < hits.size(); ++b) {
          const Hit& hb = hits[b];
          if (b == a || hb.field != ha.field) continue;
          const uint32_t gap = hb.start >= ha.end   ? hb.start - ha.end
                               : ha.start >= hb.end ? ha.start - hb.end
                                                    : 0;
          if (gap > c.within || !item_matches(hb, c.lists[k], c.kinds) || left_out(b)) continue;
          // In one clause, as a word of its own: not a word inside the other's phrase.
          if (c.same_clause && (gap == 0 || clause_of(hb) != clause_of(ha))) continue;
          found = true;
          if (collect)
            state_.evidence.push_back({b, c.lists[k] == kNone ? list_of_entity(hb) : c.lists[k]});
          break;
        }
        all = found;
      }
      if (all) {
        note_excuse(a, c.lists[0]);
        if (collect) {
          state_.evidence.push_back({a, c.lists[0] == kNone ? list_of_entity(ha) : c.lists[0]});
          if (c.lists[0] == kNone && state_.used_entity == kNone)
            use_entity(entity_of(ha, c.kinds, nullptr));
        }
        return true;
      }
      state_.evidence.resize(evidence_mark);
    }
    return false;
  }

  // A ballot number names a pair (regional_ballot.h): "coblos 02" while the
  // presidential race is on, "coblos nomor 2" during a regional race the pair
  // with ballot 2 in a race the ASN's region is in. Numbers exist from the
  // race's penetapan on, and a number names nobody alone: its clause must
  // hold a match of a `ballot_context` list other than itself (election
  // words, a support verb, a gesture, a campaign hashtag), and no everyday
  // number (number_context: "lantai 2", "orang nomor satu") may overlap it.
  // docs/decisions/0018-coded-ballot-numbers.md.
  bool ballot_entity(uint16_t field_mask, bool collect) {
    if (data_.ballot_list == kNone || data_.regional.empty() || !state_.default_race ||
        state_.default_phase == Phase::pre)
      return false;
    uint32_t found = kNone, found_hit = kNone, found_list = kNone;
    int memo = -1;
    if (!scoped_)
      for (int m = 0; m < state_.ballot_memos; ++m)
        if (state_.ballot_memo[m].fields == field_mask) memo = m;
    if (memo >= 0) {
      const auto& b = state_.ballot_memo[memo];
      found = b.entity, found_hit = b.hit, found_list = b.list;
    } else {
      resolve_ballot(field_mask, found, found_hit, found_list);
      if (!scoped_ && state_.ballot_memos < 4)
        state_.ballot_memo[state_.ballot_memos++] = {field_mask, found, found_hit, found_list};
    }
    if (found == kNone) return false;
    if (collect) {
      state_.evidence.push_back({found_hit, found_list});
      if (state_.used_entity == kNone) use_entity(found);
    }
    return true;
  }

  // The one pair the event's ballot numbers in `field_mask` name (kNone: none,
  // or two pairs), with the hit and list that name it.
  void resolve_ballot(uint16_t field_mask, uint32_t& found, uint32_t& found_hit,
                      uint32_t& found_list) {
    const std::vector<Hit>& hits = state_.hits;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      const Hit& h = hits[i];
      if (!in_fields(h, field_mask) || !in_scope(h) || left_out(i)) continue;
      uint32_t list = kNone;
      for (uint32_t l : {data_.ballot_list, data_.ballot_number_list, data_.gesture_list})
        if (l != kNone && hit_in_list(h, l)) {
          list = l;
          break;
        }
      if (list == kNone || !ballot_in_context(i)) continue;
      const uint32_t e = data_.regional.find(
          data_.lexicon, state_.default_race->id,
          state_.fields[h.field].value.substr(h.start, h.end - h.start), state_.asn_region);
      if (e == kNone || e == found) continue;
      // Two pairs by number ("paslon 1 dapat 120, paslon 2 dapat 98", a
      // specimen of the ballot, ✌️☝️): a count or a list, not a choice.
      if (found != kNone) {
        found = kNone;
        return;
      }
      found = e, found_hit = i, found_list = list;
    }
  }

  // Is one ballot number of the event next to a context match, once numbers
  // exist (from penetapan on)? Two different numbers are a list or a count.
  bool number_in_context() const {
    if (!state_.default_race || state_.default_phase == Phase::pre) return false;
    const std::vector<Hit>& hits = state_.hits;
    int number = -1;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      const Hit& h = hits[i];
      if (!hit_in_list(h, data_.ballot_list) || !ballot_in_context(i)) continue;
      const int n = ballot_number(state_.fields[h.field].value.substr(h.start, h.end - h.start));
      if (number >= 0 && n != number) return false;
      number = n;
    }
    return number >= 0;
  }

  // Is ballot hit b next to a context match, and clear of everyday numbers?
  // Same field and clause; a hashtag (its own clause, or a hashtags field)
  // goes with the whole post's text and hashtags.
  bool ballot_in_context(uint32_t b) const {
    const std::vector<Hit>& hits = state_.hits;
    const Hit& hb = hits[b];
    const uint32_t number_context = data_.number_context_list;
    bool context = false;
    uint32_t clause = kNone;
    for (uint32_t i = 0; i < hits.size(); ++i) {
      if (i == b) continue;
      const Hit& h = hits[i];
      if (number_context != kNone && h.field == hb.field && h.start < hb.end && hb.start < h.end &&
          hit_in_list(h, number_context))
        return false;
      // A context match of a list the number's own match is in does not
      // count: ✌️☝️ or two numbers are no context for each other.
      if (context || !(h.lists & ~hb.lists & data_.ballot_context_mask)) continue;
      if (h.field == hb.field) {
        if (clause == kNone) clause = clause_of(hb);
        const uint32_t other = clause_of(h);
        context = other == clause || ((other | clause) & kTagClause);
      } else {
        context = post_text(hb) && post_text(h) && (tag(hb) || tag(h));
      }
    }
    return context;
  }

  bool post_text(const Hit& h) const {
    const auto cls = state_.fields[h.field].cls;
    return cls == kFieldText || cls == kFieldHashtags;
  }
  bool tag(const Hit& h) const {
    return state_.fields[h.field].cls == kFieldHashtags || (clause_of(h) & kTagClause);
  }

  // Notes the entity an alert will name, and starts loading it: the alert
  // reads its race, name and kind, and 258k entities are far out of cache.
  void use_entity(uint32_t e) {
    state_.used_entity = e;
    if (e == kNone) return;
    const char* p = reinterpret_cast<const char*>(&data_.lexicon.entities[e]);
    for (size_t off = 0; off < sizeof(Entity); off += 64) __builtin_prefetch(p + off);
  }

  // region_matches() for a reference, from its region_key (no entity load).
  bool region_matches(const PatternRef& ref) const {
    if (ref.region == 0) return false;
    if (ref.region == kRegionOther) return region_matches(data_.lexicon.entities[ref.entity]);
    return ref.region == (ref.region <= 100 ? state_.asn_region2 : state_.asn_region4);
  }

  bool region_matches(const Entity& e) const {
    if (e.region.empty()) return false;
    const std::string_view region = state_.asn_region;
    return region.size() >= e.region.size() && region.substr(0, e.region.size()) == e.region;
  }

  // Does hit h carry an entity of a kind in `kinds` that counts? Returns the entity or kNone.
  // Does hit h carry an entity of a kind in `kinds` that counts? Returns the
  // entity or kNone. With `numbers`, a weak KPU legislative name ("Untung",
  // "Sabar", "Jaya") with no party name in the event gives way to a ballot
  // number that names a pair (the Pilkada pair of the ASN's region, the
  // presidential pair), in the ASN's own region too; and one that counts
  // only through a ballot number needs that number next to a context match
  // ("pak 02 titip kunci balai warga" names no candidate "Warga").
  uint32_t entity_of(const Hit& h, uint8_t kinds, uint32_t* list_out, bool numbers = false) {
    if (!((h.signals >> kKindsShift) & kinds)) return kNone;  // names no entity of these kinds
    const Lexicon& lexicon = data_.lexicon;
    for (uint32_t r = lexicon.ref_begin[h.pattern]; r < lexicon.ref_begin[h.pattern + 1]; ++r) {
      const PatternRef& ref = lexicon.ref_data[r];
      if (ref.entity == kNone) continue;
      if (!(kinds & ref.kind_bit)) continue;
      const bool in_region = region_matches(ref);
      if (ref.weak && !in_region) {
        // A one-word or common KPU candidate name ("Jawa", "Prima") is everyday
        // language: only a party or a ballot number makes it a candidate.
        if (ref.list == data_.candidate_list ? !state_.party_signal() : !state_.second_signal())
          continue;
      }
      if (numbers && ref.weak && ref.list == data_.candidate_list &&
          lexicon.entities[ref.entity].race != "pilkada" && !state_.party_name_signal()) {
        if (number_names_ < 0) number_names_ = ballot_entity(number_fields_, false);
        if (number_names_) continue;
        if (!in_region) {
          if (number_context_ < 0) number_context_ = number_in_context();
          if (!number_context_) continue;
        }
      }
      if (list_out) *list_out = ref.list;
      return ref.entity;
    }
    return kNone;
  }

  uint32_t list_of_entity(const Hit& h) {
    uint32_t list = kNone;
    entity_of(h, 0x1F, &list);
    return list;
  }

  bool hit_in_list(const Hit& h, uint32_t list) const {
    if (list < 64) return (h.lists >> list) & 1;
    const Lexicon& lexicon = data_.lexicon;
    for (uint32_t r = lexicon.ref_begin[h.pattern]; r < lexicon.ref_begin[h.pattern + 1]; ++r)
      if (lexicon.ref_data[r].list == list) return true;
    return false;
  }

  bool in_fields(const Hit& h, uint16_t mask) const {
    return mask & (1u << state_.fields[h.field].cls);
  }

  // While an exception is being evaluated: is hit h in a clause that holds
  // the rule's evidence? Asked only of hits that match, so that the clause
  // search does not run for every hit of the event.
  bool in_scope(const Hit& h) const {
    if (!scoped_) return true;
    const ClauseKey key{h.field, clause_of(h)};
    if (std::find(state_.scope.begin(), state_.scope.end(), key) != state_.scope.end()) return true;
    // The post's own words frame the media it carries ("Cek fakta, gambar ini
    // hoaks"): a clause of the text, not a hashtag, excuses evidence in a
    // caption or OCR text.
    return scope_media_ && state_.fields[h.field].cls == kFieldText && !(key.start & kTagClause);
  }

  uint32_t clause_of(const Hit& h) const {
    return clause_start(state_.fields[h.field].value, h.start);
  }

  // Does hit h satisfy near-item `item` (a list id, or kNone for an entity)?
  bool item_matches(const Hit& h, uint32_t item, uint8_t kinds) {
    if (item == kNone) return entity_of(h, kinds, nullptr) != kNone;
    return hit_in_list(h, item);
  }

  // While the rule is evaluated without the acts a negation or reported-speech
  // marker scopes over: is hit i one of them?
  bool left_out(uint32_t i) { return leave_out_ && scoped_by(i); }

  // The marker that scopes over hit i, or null. Found once per hit and event.
  const ScopedBy* scoped_by(uint32_t i) {
    std::vector<uint32_t>& scoped = state_.scoped;
    if (scoped.size() < state_.hits.size()) scoped.resize(state_.hits.size(), 0);
    if (scoped[i] == 0) scoped[i] = find_scope(state_.hits[i]);
    return scoped[i] > 1 ? &state_.scoped_by[scoped[i] - 2] : nullptr;
  }

  // Looks for a marker before hit h in the normalised text of its field
  // (the post's text, a caption or OCR text: hashtags and names hold no
  // clause). Only words are scoped over: an emoji gesture stays.
  uint32_t find_scope(const Hit& h) {
    const ScopeMarkers& markers = data_.scope;
    const FieldRef& field = state_.fields[h.field];
    constexpr uint16_t kClauseFields =
        (1u << kFieldText) | (1u << kFieldMediaCaption) | (1u << kFieldMediaOcr);
    if (!((kClauseFields >> field.cls) & 1) || state_.name_base[h.field] != kNotName ||
        h.start >= field.value.size() || static_cast<unsigned char>(field.value[h.start]) >= 0x80)
      return 1;
    uint32_t applicable = 0;
    for (size_t l = 0; l < markers.lists.size(); ++l) {
      const ScopeList& list = markers.lists[l];
      bool over = (h.lists & list.over_bits) != 0;
      for (size_t k = 0; k < list.over.size() && !over; ++k)
        over = list.over[k] >= 64 && hit_in_list(h, list.over[k]);
      if (over) applicable |= 1u << l;
    }
    if (!applicable) return 1;
    const matchers::NormalisedText& norm = state_.norms[2u * h.field];
    const auto pos = static_cast<uint32_t>(
        std::lower_bound(norm.start.begin(), norm.start.end(), h.start) - norm.start.begin());
    ScopeMatch match;
    if (!markers.find(norm.text, pos, applicable, match)) return 1;
    const uint32_t start = norm.original_start(match.start), end = norm.original_end(match.end);
    // A newline or a sentence end between them (the normalised text folds them).
    if (clause_start(field.value, start) != clause_start(field.value, h.start)) return 1;
    state_.scoped_by.push_back({match.list, h.field, start, end});
    return static_cast<uint32_t>(state_.scoped_by.size() + 1);
  }

  // While an exception is evaluated: notes the first hit that excuses.
  void note_excuse(uint32_t hit, uint32_t list) {
    if (excusing_ && excuse_.hit == kNone) excuse_ = {hit, list};
  }

  struct Excuse {
    uint32_t hit = kNone, list = kNone;
  };

  EventState& state_;
  const RuleSetData& data_;
  bool scoped_ = false;
  bool scope_media_ = false;  // evidence lies in a media caption or OCR text
  bool leave_out_ = false;    // acts under a negation or reported speech do not count
  bool excusing_ = false;     // an exception is being evaluated
  Excuse excuse_;
  // For weak KPU names while an entity condition is evaluated (entity_of):
  // does a ballot number name a pair in its fields, is some number next to a
  // context match? -1: not asked yet.
  uint16_t number_fields_ = 0;
  int number_names_ = 0;
  int number_context_ = -1;

 public:
  // Evaluates a rule's `unless` on the clauses that hold its evidence
  // (docs/decisions/0015-clause-scoped-exceptions.md): an exception word in
  // another sentence, field or hashtag excuses nothing. Evidence that holds no
  // hit (a registered target, a known medium) leaves the whole event in scope.
  bool eval_exception(const Cond& c) {
    state_.scope.clear();
    scope_media_ = false;
    constexpr uint16_t kMedia = (1u << kFieldMediaCaption) | (1u << kFieldMediaOcr);
    for (const auto& item : state_.evidence) {
      const Hit& h = state_.hits[item.hit];
      scope_media_ |= ((kMedia >> state_.fields[h.field].cls) & 1) != 0;
      const ClauseKey key{h.field, clause_of(h)};
      if (std::find(state_.scope.begin(), state_.scope.end(), key) == state_.scope.end())
        state_.scope.push_back(key);
    }
    scoped_ = !state_.scope.empty();
    excuse_ = {};
    // A negated exception excuses nothing ("Bukan hoaks: coblos 01!").
    excusing_ = leave_out_ = true;
    const bool held = eval(c, false);
    scoped_ = excusing_ = leave_out_ = false;
    return held;
  }

  // After eval_exception held: the exception list and span that excused.
  void excused(Verdict& verdict) const {
    const Lexicon& lexicon = data_.lexicon;
    verdict.suppressed_by = excuse_.list < lexicon.lists.size()
                                ? std::string_view(lexicon.lists[excuse_.list].name)
                                : std::string_view("exception");
    if (excuse_.hit != kNone) {
      const Hit& h = state_.hits[excuse_.hit];
      verdict.by_field = h.field;
      verdict.by_start = h.start;
      verdict.by_end = h.end;
    }
  }

  // Is one of the evidence's hits an act that a negation or reported-speech
  // marker scopes over? Then the rule is evaluated again without such acts
  // (docs/decisions/0016-negation-scope.md): "saya tidak ikut kampanye" loses
  // its presence and event words, while in "saya tidak dukung 01, saya dukung
  // 02" the second "dukung" still holds. Fills verdict's suppression and keeps
  // the first evidence (for the would-be alert) when the rule no longer holds.
  bool negated(const Cond& when, Verdict& verdict) {
    const ScopedBy* by = nullptr;
    for (const auto& item : state_.evidence)
      if ((by = scoped_by(item.hit))) break;
    if (!by) return false;
    const ScopedBy first = *by;
    const uint32_t entity = state_.used_entity;
    const PoliticalRecord *target = state_.used_target, *group = state_.used_group;
    const MediaRecord* media = state_.used_media;
    state_.evidence_kept.swap(state_.evidence);
    state_.evidence.clear();
    state_.used_entity = kNone;
    state_.used_target = state_.used_group = nullptr;
    state_.used_media = nullptr;
    leave_out_ = true;
    const bool held = eval(when, true);
    leave_out_ = false;
    if (held) return false;
    state_.evidence.swap(state_.evidence_kept);
    state_.used_entity = entity;
    state_.used_target = target;
    state_.used_group = group;
    state_.used_media = media;
    verdict.suppressed_by = data_.scope.lists[first.list].name;
    verdict.by_field = first.field;
    verdict.by_start = first.start;
    verdict.by_end = first.end;
    return true;
  }
};

// Could the event meet `need`? While the ASN's own fields are not scanned, a
// need they could meet may be met.
bool need_met(const EventState& state, const Rule::Need& need) {
  return (need.lists & state.hit_lists) || (need.kinds & state.hit_kinds) ||
         (need.target_kinds & state.target_kinds) || (need.group_kinds & state.group_kinds) ||
         (need.media && state.media_record) ||
         (state.actor_pending && (need.fields & kActorFields) && (need.lists || need.kinds));
}

bool needs_met(const EventState& state, const Rule& rule) {
  return std::all_of(rule.needs.begin(), rule.needs.end(),
                     [&](const Rule::Need& need) { return need_met(state, need); });
}

}  // namespace

bool look_up_registries(EventState& state) {
  const RuleSetData& data = *state.data;
  const EventView& event = state.event;
  state.asn = data.registries.find_asn(state.platform, event.actor_account_id);
  if (!state.asn && event.actor_nip.empty()) return false;
  state.target_record =
      event.target_account_id.empty()
          ? nullptr
          : data.registries.find_political(state.platform, event.target_account_id);
  state.group_record = event.group_id.empty()
                           ? nullptr
                           : data.registries.find_political(state.platform, event.group_id);
  state.target_kinds = state.target_record ? political_kind_bit(state.target_record->kind) : 0;
  state.group_kinds = state.group_record ? political_kind_bit(state.group_record->kind) : 0;
  state.media_record = nullptr;
  for (const auto& media : event.media)
    if (!media.sha256.empty() && (state.media_record = data.registries.find_media(media.sha256)))
      break;
  state.support = -1;
  state.party = -1;
  state.party_name = -1;
  state.ballot_memos = 0;
  state.asn_region = state.asn && !state.asn->region_code.empty()
                         ? std::string_view(state.asn->region_code)
                         : event.actor_region_code;
  state.asn_region2 = state.asn_region.size() >= 2 ? region_key(state.asn_region.substr(0, 2)) : 0;
  state.asn_region4 = state.asn_region.size() >= 4 ? region_key(state.asn_region.substr(0, 4)) : 0;
  state.default_race = data.calendar.default_race(event.ts_unix);
  state.default_phase =
      state.default_race ? Calendar::phase(*state.default_race, event.ts_unix) : Phase::post;
  return true;
}

Decision evaluate_rule(EventState& state, const Rule& rule, Verdict& verdict) {
  const RuleSetData& data = *state.data;
  const EventView& event = state.event;
  if (!(rule.actions & (1u << static_cast<int>(event.action)))) return Decision::none;
  if (!needs_met(state, rule)) return Decision::none;
  if (state.actor_pending && (rule.fields & kActorFields)) {
    scan_actor_fields(state);
    if (!needs_met(state, rule)) return Decision::none;
  }
  state.evidence.clear();
  state.used_target = state.used_group = nullptr;
  state.used_media = nullptr;
  state.used_entity = kNone;
  Conditions conditions(state);
  if (!conditions.eval(rule.when, true)) return Decision::none;
  verdict.suppressed_by = {};
  verdict.by_field = 0;
  verdict.by_start = verdict.by_end = 0;
  if (rule.has_unless && conditions.eval_exception(rule.unless))
    conditions.excused(verdict);
  else if (!data.scope.empty())
    conditions.negated(rule.when, verdict);
  // The alert looks up each evidence hit's references (out of cache for the
  // 258k names): start those loads now, all at once.
  for (const auto& item : state.evidence) {
    const uint32_t end = data.lexicon.ref_begin[state.hits[item.hit].pattern + 1];
    if (end > 0) __builtin_prefetch(&data.lexicon.ref_data[end - 1]);
  }

  // Which race and phase: the identified entity's race, else the calendar's.
  verdict.rule = &rule;
  verdict.entity = state.used_entity != kNone ? &data.lexicon.entities[state.used_entity] : nullptr;
  verdict.target = state.used_target ? state.used_target : state.used_group;
  verdict.target_is_group = state.used_group != nullptr;
  verdict.media = state.used_media;
  const Race* race = nullptr;
  if (verdict.target && !verdict.target->race.empty())
    race = data.calendar.find(verdict.target->race);
  if (!race && verdict.entity && !verdict.entity->race.empty())
    race = data.calendar.find(verdict.entity->race);
  if (!race) race = state.default_race;
  verdict.race = race;
  verdict.phase = race ? Calendar::phase(*race, event.ts_unix) : Phase::post;
  verdict.phase_index = static_cast<int>(verdict.phase);
  verdict.severity = rule.severity[verdict.phase_index];
  verdict.out_of_schedule =
      rule.out_of_schedule && (verdict.phase == Phase::quiet || verdict.phase == Phase::voting);
  if (verdict.out_of_schedule && verdict.severity != Severity::critical)
    verdict.severity = static_cast<Severity>(static_cast<int>(verdict.severity) + 1);
  return verdict.suppressed_by.empty() ? Decision::alert : Decision::suppressed;
}

}  // namespace netra::engine
