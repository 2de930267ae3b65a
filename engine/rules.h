#pragma once
// Rules: YAML files under rules.dir, compiled into condition trees over one
// event's actions, registry lookups and pattern-list matches.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/calendar.h"
#include "engine/diagnostic.h"
#include "engine/lexicon.h"

namespace netra::engine {

// The fields of an event that are scanned, as classes for `in:` restrictions.
enum FieldClass : uint8_t {
  kFieldText,
  kFieldHashtags,
  kFieldMediaCaption,
  kFieldMediaOcr,
  kFieldGroupName,
  kFieldTargetDisplayName,
  kFieldTargetHandle,
  kFieldActorPosition,
  kFieldActorDisplayName,
  kFieldClassCount,
};
const char* field_class_name(FieldClass f);
constexpr uint16_t kContentFields = (1u << kFieldText) | (1u << kFieldHashtags) |
                                    (1u << kFieldMediaCaption) | (1u << kFieldMediaOcr);
// The ASN's own display name and position: what they match is no signal about
// the event (engine.cc, add_hit), only what the rules that name them read.
constexpr uint16_t kActorFields = (1u << kFieldActorPosition) | (1u << kFieldActorDisplayName);

enum class Severity : uint8_t { low, medium, high, critical };
const char* severity_name(Severity s);

enum class CondType : uint8_t {
  all,
  any,
  none,         // none = not(any)
  list,         // a match of any of `lists` in `fields`
  entity,       // an entity of a kind in `kinds` (weak ones need a second signal)
  target_kind,  // target account is in the political registry with a kind in `kinds`
  group_kind,   // group id is in the political registry with a kind in `kinds`
  media_known,  // a media sha256 is in the campaign-media registry
  has_media,    // the event carries media of a type in `media_types` (0 = any)
  near,         // matches of every item within `within` bytes (and, with `same_clause`, in the
                // clause) of the first item's match
  phase,        // the event's phase is in `phases`
  action,       // the event's action is in `actions`
};

struct Cond {
  CondType type = CondType::all;
  std::vector<Cond> children;
  std::vector<uint32_t> lists;  // list ids; for near, kNone stands for "entity"
  uint8_t kinds = 0;            // bit per political kind (kPoliticalKinds order)
  uint8_t media_types = 0;      // bit 0 image, 1 video, 2 sticker
  uint8_t phases = 0;           // bit per Phase
  uint16_t fields = kContentFields;
  uint32_t within = 0;
  bool same_clause = false;  // near: `clause: true`, the items in one clause (engine/clause.h)
  uint16_t actions = 0;      // bit per Action
  int line = 0;
};

template <typename T>
using PerPhase = std::array<T, kPhaseCount>;

struct Rule {
  std::string id, name, description;
  std::string file;
  int line = 0;
  uint16_t actions = 0;  // bit per Action
  Cond when;
  bool has_unless = false;
  Cond unless;
  PerPhase<Severity> severity{};
  PerPhase<std::string> skb_item, track, sanction;
  std::vector<std::string> legal_basis;
  std::string route;
  // What the event must hold for `when` to be true, found at load
  // (RuleSet::load) so that a rule is skipped without evaluating it. Each
  // Need is one of: a hit in one of `lists` (a bit per list id < 64) or naming
  // an entity of a kind in `kinds`, a registered target or group of a kind in
  // `target_kinds`/`group_kinds`, or (`media`) a known campaign medium. The
  // event must meet every Need of `needs` (none: nothing is known). `fields`:
  // the field classes whose hits can meet the need's lists and kinds.
  struct Need {
    uint64_t lists = 0;
    uint8_t kinds = 0, target_kinds = 0, group_kinds = 0;
    bool media = false;
    uint16_t fields = 0;
  };
  std::vector<Need> needs;
  uint16_t fields = 0;           // the field classes its conditions (when and unless) read
  bool out_of_schedule = false;  // the campaign_out_of_schedule modifier applies
  bool review = false;           // human review required before filing
  // The constant texts above as JSON strings (quoted and escaped) at load,
  // so that writing an alert only appends them.
  struct Json {
    std::string id, name, route;
    PerPhase<std::string> skb_item, track, sanction;
    std::string legal_basis;  // the array's items, comma-separated
  } json;
};

struct RuleSettings {
  std::vector<uint32_t> weak_entity_support;  // lists that make a weak entity count
  // Lists whose match in the same clause makes a ballot number name a pair
  // ("nomer loro" names nobody; "pilpres nanti nomer loro" does).
  std::vector<uint32_t> ballot_context;
};

// All rule ids of contract §4, for `netra check`.
extern const char* const kContractRuleIds[13];

bool load_rules(const std::string& dir, const Lexicon& lexicon, std::vector<Rule>& rules,
                RuleSettings& settings, std::vector<Diagnostic>& diags);

}  // namespace netra::engine
