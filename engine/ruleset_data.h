#pragma once
// Everything a loaded rule set holds. Immutable after RuleSet::load.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/event.h"
#include "engine/lexicon.h"
#include "engine/regional_ballot.h"
#include "engine/registry.h"
#include "engine/rules.h"
#include "engine/scope_markers.h"
#include "matchers/pattern_set.h"

namespace netra::engine {

// Bits of PatternFacts::signals.
constexpr uint16_t kPartySignal = 1;      // a strong party name or a ballot number
constexpr uint16_t kSupportSignal = 2;    // a support list match or a strong entity
constexpr uint16_t kPartyNameSignal = 4;  // a strong party name
// Bits 8..12: the political_kind_bit()s of every entity the pattern names.
constexpr int kKindsShift = 8;

struct RuleSetData {
  Settings settings;
  Calendar calendar;
  Registries registries;
  Lexicon lexicon;
  std::vector<Rule> rules;
  RuleSettings rule_settings;
  std::shared_ptr<const matchers::PatternSet> patterns;
  matchers::BuildStats build_stats;
  std::string version;
  std::vector<uint8_t> support_list;  // 1 for lists in weak_entity_support, by list id
  // Per pattern, what a hit copies: a bit per list it belongs to (lists
  // 0..63, so that rule evaluation tests membership with one load), what
  // it tells about weak names (kPartySignal, kSupportSignal) and which entity
  // kinds it names (<< kKindsShift), so that the engine walks references only
  // for hits that can name an entity. One 16-byte entry: one cache line per hit.
  struct PatternFacts {
    uint64_t lists = 0;
    uint16_t signals = 0;
  };
  std::vector<PatternFacts> pattern_facts;
  // Regional ballots (Pilkada): numbers are drawn per region, so "coblos nomor 2"
  // names a candidate only together with the ASN's region.
  uint32_t ballot_list = kNone;          // the ballot_phrases list
  uint32_t candidate_list = kNone;       // names from the KPU candidate files
  uint32_t ballot_number_list = kNone;   // bare numbers: "02", "nomer loro" (with context)
  uint32_t gesture_list = kNone;         // gestures: "salam dua jari" is a number too
  uint32_t number_context_list = kNone;  // everyday numbers: not a ballot
  uint64_t ballot_context_mask = 0;      // a bit for each list in settings.ballot_context
  RegionalBallots regional;              // pilkada entities with a region and a ballot number
  // Per action, the field classes some applicable rule reads: only those are scanned.
  std::array<uint16_t, kActionCount>
      fields_for_action{};  // entities with a race, region and ballot number
  // Negation and reported-speech markers (config/lists/*.scope): acts they
  // scope over do not count for a rule (docs/decisions/0016-negation-scope.md).
  ScopeMarkers scope;
};

}  // namespace netra::engine
