#pragma once
// Pattern lists and entities: everything that becomes a Hyperscan pattern.
//  - lists_dir/*.txt   named pattern lists: one entry a line, `re:` for a regex,
//                      `sub:` for a literal matched without word boundaries, `#` comments
//  - lists_dir/*.csv   entity lists: pattern,entity,kind,race,ballot_no,region_code,strength
//  - lists_dir/common_words.lst  words that make a candidate name weak evidence
//  - candidate files, each told apart by its header row: KPU DCT CSVs (DPR, DPD,
//    DPRD provinsi, DPRD kab/kota), the KPU SIREKAP Pilkada 2024 pairs, entity lists,
//    Pilkada aliases (region_code,ballot_no,alias,strength,source; also in lists_dir)
//  - entity names from the political-accounts registry
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/registry.h"
#include "engine/settings.h"
#include "matchers/pattern_set.h"

namespace netra::engine {

constexpr uint32_t kNone = UINT32_MAX;

struct Entity {
  std::string name;    // display name, e.g. "Anies Baswedan - Muhaimin Iskandar"
  std::string detail;  // e.g. "PKB, DPR, ACEH I" (may be empty)
  std::string kind;    // candidate, party, campaign_team, volunteer_group, campaign_group
  std::string race;    // pilpres, pileg, pilkada, ... (may be empty)
  std::string ballot_no;
  std::string region;  // region code prefix (2 digits province, 4 digits kab/kota) or empty
};

// What one compiled pattern stands for. A pattern may stand for several things
// (the same name in two lists, two candidates with one name).
struct PatternRef {
  uint32_t list = kNone;    // list id, or kNone
  uint32_t entity = kNone;  // entity id, or kNone
  uint32_t line = 0;        // line in the source file (for pattern ids)
  bool weak = false;        // an entity reference that needs a second signal
  uint8_t kind_bit = 0;     // political_kind_bit() of the entity's kind (set at load)
  uint16_t region = 0;      // region_key() of the entity's region (set at load)
};

// A region code prefix as a small number, so that weak references can be
// checked against the ASN's region without loading the entity: 0 for none,
// 1 + code for 2 digits (province), 101 + code for 4 digits (kab/kota),
// kRegionOther for any other form (compare the strings instead).
constexpr uint16_t kRegionOther = 0xFFFF;
inline uint16_t region_key(std::string_view r) {
  if (r.empty()) return 0;
  if (r.size() != 2 && r.size() != 4) return kRegionOther;
  unsigned v = 0;
  for (char c : r) {
    if (c < '0' || c > '9') return kRegionOther;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return static_cast<uint16_t>(r.size() == 2 ? 1 + v : 101 + v);
}

struct ListInfo {
  std::string name;
  std::string file;
};

struct Lexicon {
  std::vector<ListInfo> lists;
  std::unordered_map<std::string, uint32_t> list_ids;
  std::vector<Entity> entities;
  std::vector<matchers::Pattern> patterns;
  std::vector<uint16_t> pattern_source;  // index into source_files: where each pattern came from
  std::vector<std::string> source_files;
  // refs of pattern p: ref_data[ref_begin[p] .. ref_begin[p + 1])
  std::vector<uint32_t> ref_begin;
  std::vector<PatternRef> ref_data;
  std::unordered_set<std::string> common_words;

  uint32_t list_id(const std::string& name) const {
    auto it = list_ids.find(name);
    return it == list_ids.end() ? kNone : it->second;
  }
};

// Candidate names as KPU writes them carry titles ("H. IRMAWAN, S.Sos., M.M.").
// Returns the name without titles, initials and nicknames in parentheses, in
// title case ("Irmawan"); empty when nothing is left.
std::string clean_candidate_name(std::string_view raw);

// Loads everything into `out`. Every problem goes to `diags` (file:line).
bool load_lexicon(const Settings& settings, const Registries& registries, Lexicon& out,
                  std::vector<Diagnostic>& diags);

}  // namespace netra::engine
