#pragma once
// Internal to the engine: the state one Worker keeps while it classifies one
// event, and the stages of Worker::process that read and fill it, one file each:
//
//   engine.cc        the orchestrator: size check, parse (UTF-8 repair), the stages below
//   field_scan.cc    which fields carry evidence, their normalisation and scan (the joined
//                    name groups, the deferred pass for weak names, the ASN's own fields on
//                    demand): fields and hits
//   rule_eval.cc     registry facts, rule conditions, entities and the weak-name signals,
//                    and for a rule that fires its race, phase and severity: a Verdict
//   alert_writer.cc  the contract §5 alert JSON for a Verdict
//   uraian.cc        its Indonesian account (the alert's `uraian`)
//
// Everything here is reused from event to event (no allocation once warm) and
// used by one thread. No I/O, no exceptions.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/json_out.h"
#include "engine/ruleset_data.h"
#include "matchers/normalise.h"
#include "matchers/pattern_set.h"

namespace netra::engine {

// One field value that is scanned for evidence.
struct FieldRef {
  FieldClass cls;
  int index;               // array index for hashtags/media, else -1
  std::string_view value;  // the original value
  int prefix = 0;          // bytes added in front before scanning ('#' for bare hashtags)
};

// One pattern match in a field, in the field's original bytes.
struct Hit {
  uint32_t pattern;
  uint16_t field;       // index into EventState::fields
  uint32_t start, end;  // offsets into the original field value
  uint64_t lists;       // the pattern's RuleSetData::PatternFacts
  uint16_t signals;
};

// A clause of one field: the field's index and its clause_start() key.
struct ClauseKey {
  uint16_t field;
  uint32_t start;
  bool operator==(const ClauseKey&) const = default;
};

// A hit that a rule's condition used, and the list that made it evidence.
struct EvidenceItem {
  uint32_t hit;
  uint32_t list;  // the list (or entity list) that made it evidence
};

// Short name-like fields (group and display names, the target's handle, the
// ASN's position) are scanned together: their values joined by kNameSep into
// one text, normalised and scanned once, so that one batch of phrase-table
// lookups (and their cache misses) serves them all. Names are looked for
// phrases only; the handle is scanned in full (its part of the text, see
// PatternSet::scan_joined). Normalisation and matching never reach across
// kNameSep (no token character, and wider than the phrase table's gap), so
// each field's matches are the ones a scan of its value alone gives. The
// ASN's own fields (kActorFields) are a second group, scanned only when a rule
// that reads them is about to be evaluated (scan_actor_fields).
// docs/decisions/0002-joined-name-scan.md, 0003-deferred-actor-fields.md.
inline constexpr std::string_view kNameSep = "||||";
inline constexpr uint32_t kNotName = UINT32_MAX;
static_assert(kNameSep.size() > matchers::kPhraseMaxGap);

struct NameGroup {
  std::string text;                      // the joined values
  matchers::NormalisedText norm[2];      // as is, leet-folded
  matchers::Tokens tokens[2];            // theirs, from the scan, for the deferred one
  bool leet = false;                     // the leet-folded form differs
  std::vector<matchers::Match> hits[2];  // per pass; offsets into text
};
enum NameGroupId { kEventNames, kActorNames };

inline bool actor_field(FieldClass c) { return (kActorFields >> c) & 1; }
inline NameGroupId name_group(FieldClass c) { return actor_field(c) ? kActorNames : kEventNames; }
inline bool joined_field(FieldClass c) { return c >= kFieldGroupName; }

// What a rule that fired decided: everything the alert and its uraian say
// beyond the event itself.
struct Verdict {
  const Rule* rule = nullptr;
  const Entity* entity = nullptr;           // the entity the alert names, if any
  const PoliticalRecord* target = nullptr;  // the political account or group it names, if any
  bool target_is_group = false;             // a group condition held: the alert speaks of a group
  const MediaRecord* media = nullptr;       // the known campaign media it names, if any
  const Race* race = nullptr;               // the entity's or target's race, else the calendar's
  Phase phase = Phase::post;
  int phase_index = 0;  // static_cast<int>(phase): the index of Rule's PerPhase fields
  Severity severity = Severity::low;
  bool out_of_schedule = false;  // campaigning in the quiet period or on voting day
  // Set when the rule's conditions held but it is suppressed: the reason (the
  // exception list's or scope list's name, static for the rule set's life) and
  // the span that suppressed it, in the original bytes of field `by_field`.
  std::string_view suppressed_by;
  uint16_t by_field = 0;
  uint32_t by_start = 0, by_end = 0;
};

// What evaluate_rule decided.
enum class Decision : uint8_t {
  none,        // the rule's conditions do not hold
  alert,       // it fires
  suppressed,  // they hold, but an exception or a negation excuses it (Verdict::suppressed_by)
};

// A negation or reported-speech marker that scopes over a hit, in the
// original bytes of the hit's field.
struct ScopedBy {
  uint16_t list;   // index into ScopeMarkers::lists
  uint16_t field;  // the hit's field
  uint32_t start, end;
};

struct EventState {
  // The rule set's data and this worker's Hyperscan scratch for its patterns.
  const RuleSetData* data = nullptr;
  std::unique_ptr<matchers::Scratch> scratch;

  EventView event;
  std::string_view platform;  // platform_name(event.platform)

  // Registry facts (rule_eval.cc: look_up_registries).
  const AsnRecord* asn = nullptr;
  const PoliticalRecord* target_record = nullptr;
  const PoliticalRecord* group_record = nullptr;
  uint8_t target_kinds = 0, group_kinds = 0;  // political_kind_bit() of their kinds
  const MediaRecord* media_record = nullptr;
  std::string_view asn_region;                // the registry's region code, else the event's
  uint16_t asn_region2 = 0, asn_region4 = 0;  // region_key() of its 2- and 4-digit prefixes
  const Race* default_race = nullptr;         // the calendar's race at the event's time
  Phase default_phase = Phase::post;

  // Fields and their hits (field_scan.cc).
  std::vector<FieldRef> fields;
  std::vector<Hit> hits;
  std::vector<matchers::NormalisedText> norms;  // per field: [2 i] as is, [2 i + 1] leet-folded
  std::vector<matchers::Tokens> tokens;         // theirs, from the scan, for the deferred one
  std::vector<uint8_t> leet_pass;               // per field: the leet-folded form differs
  std::vector<matchers::Match> matches;
  std::string scan_buffer;  // a bare hashtag with its '#'
  NameGroup name_groups[2];
  std::vector<uint32_t> name_base;  // per field: its offset in its group's text, or kNotName
  std::vector<matchers::PatternSet::Part> full_parts;  // the handle's, in a normalised text
  bool actor_pending = false;                          // the actor group is not scanned yet
  bool deferred_done = false;                          // the deferred pass ran on the other fields
  size_t main_hits = 0;                                // hits before the deferred pass's
  uint64_t hit_lists = 0;  // every hit's lists and entity kinds, for Rule::needs
  uint8_t hit_kinds = 0;

  // Weak-name signals, computed on first need: -1 not yet.
  int support = -1;     // a second signal exists
  int party = -1;       // a party name or ballot number exists
  int party_name = -1;  // a strong party name exists (not only a ballot number)
  // Ballot numbers resolved outside exceptions, per field mask (rule_eval.cc
  // ballot_entity): several rules ask the same question of one event.
  struct BallotMemo {
    uint16_t fields;
    uint32_t entity, hit, list;  // entity kNone: no pair
  };
  BallotMemo ballot_memo[4];
  int ballot_memos = 0;

  // The rule being evaluated (rule_eval.cc).
  std::vector<EvidenceItem> evidence;
  const PoliticalRecord* used_target = nullptr;
  const PoliticalRecord* used_group = nullptr;
  const MediaRecord* used_media = nullptr;
  uint32_t used_entity = kNone;
  std::vector<ClauseKey> scope;  // the clauses that hold the evidence, for its `unless`
  // Negation and reported speech, found for the hits of rules about to fire:
  // per hit, 0 not looked at yet, 1 no marker scopes over it, else 2 + its
  // index in scoped_by. Cleared per event.
  std::vector<uint32_t> scoped;
  std::vector<ScopedBy> scoped_by;
  std::vector<EvidenceItem> evidence_kept;  // the evidence while it is evaluated without them

  // The alert being written (alert_writer.cc, uraian.cc).
  JsonWriter json, uraian;
  std::string quote, quote_field;  // the first content evidence, for the uraian
  std::string pattern_id;
  int64_t now_s = INT64_MIN;  // the times below are for this second
  std::string now_text, detected_at, report_deadline;

  void set_rules(const RuleSetData& rules);

  // A strong party name or a ballot number somewhere in the event.
  bool party_signal() {
    if (party >= 0) return party;
    party = 0;
    for (const auto& h : hits) party |= (h.signals & kPartySignal) != 0;
    return party;
  }

  // A strong party name somewhere in the event (a ballot number does not count).
  bool party_name_signal() {
    if (party_name >= 0) return party_name;
    party_name = 0;
    for (const auto& h : hits) party_name |= (h.signals & kPartyNameSignal) != 0;
    return party_name;
  }

  // A second signal that lets a weak entity (a one-word or common name, a
  // nickname) count: a support list match, a strong entity, or a political target.
  bool second_signal() {
    if (support >= 0) return support;
    support = target_record || group_record;
    for (const auto& h : hits) support |= (h.signals & kSupportSignal) != 0;
    return support;
  }

  // The terlapor as the alert shows them: the event's values, else the registry's.
  std::string_view actor_name() const {
    return asn ? std::string_view(asn->name) : event.actor_display_name;
  }
  std::string_view actor_nip() const {
    return !event.actor_nip.empty() || !asn ? event.actor_nip : std::string_view(asn->nip);
  }
  std::string_view actor_agency() const {
    return !event.actor_agency.empty() || !asn ? event.actor_agency : std::string_view(asn->agency);
  }
  std::string_view actor_position() const {
    return asn ? std::string_view(asn->position) : std::string_view();
  }
};

// field_scan.cc: fills fields (those the event's action makes some rule read)
// and scans them into hits: the event's name group joined, then every field,
// then, where a party signal makes weak names plausible, the deferred pass.
// The ASN's own fields wait for scan_actor_fields().
void scan_event_fields(EventState& state);
// Scans the ASN's display name and position (their hits go where an eager
// scan would have put them, and give no signal), and adds their lists and
// kinds to hit_lists and hit_kinds.
void scan_actor_fields(EventState& state);

// rule_eval.cc: the registry facts and the calendar's race; false when the
// actor is not a civil servant (neither in the registry nor with a NIP).
bool look_up_registries(EventState& state);
// Evaluates `rule` on the scanned event; when it fires or is suppressed,
// fills `verdict` (for a suppression also its reason and span).
Decision evaluate_rule(EventState& state, const Rule& rule, Verdict& verdict);

// alert_writer.cc: writes the alert for `verdict` (contract §5) into `record`.
// `now_s` is the detection time (seconds since the epoch).
void write_alert(EventState& state, const Verdict& verdict, const Source* source,
                 bool utf8_repaired, int64_t now_s, AlertRecord& record);

// uraian.cc: the alert's Indonesian account (what, where, when, how) into
// state.uraian. Reads state.quote and state.quote_field (the evidence writer's)
// and the detection-time texts (state.now_text).
void write_uraian(EventState& state, const Verdict& verdict);

}  // namespace netra::engine
