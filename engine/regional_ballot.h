#pragma once
// Ballot numbers. "coblos 02" names the presidential pair 02 while the
// presidential race is on; Pilkada numbers are drawn per race, so "coblos
// nomor 2" names a pair only together with the ASN's region: the pair with
// ballot 2 in a race the ASN's region is in (its province's governor race or
// its kabupaten/kota race), and nothing for an ASN elsewhere.
// docs/decisions/0010-pilkada-candidates.md, 0018-coded-ballot-numbers.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/lexicon.h"

namespace netra::engine {

// The number a ballot phrase ends with, as written in the event (normalised
// first, so full-width, mathematical and keycap digits and disguised letters
// count): "coblos no. 02" -> 2, "nomor dua" -> 2, "nomer loro" -> 2, "paslon
// III" -> 3, "salam dua jari" -> 2, "nomer 2️⃣" -> 2; -1 when it holds none.
// Number words: Indonesian, Javanese (ngoko and krama), Sundanese, Betawi,
// Minang, Batak, Bugis-Makassar, Balinese, Banjar, English; Roman numerals.
int ballot_number(std::string_view phrase);

class RegionalBallots {
 public:
  // Indexes the candidate entities with a ballot number: those of race
  // `pilkada` with a region code, and national ones (no region: the
  // presidential pairs) by race.
  void build(const Lexicon& lx);
  bool empty() const { return by_key_.empty() && other_.empty() && national_.empty(); }

  // The entity the ballot phrase `phrase` (as written in the event) names for
  // an ASN whose region code is `asn_region`, during race `race`; kNone if none.
  // For `pilkada`: "cagub 2" looks only at the governor race, "cabup 2" /
  // "cawalkot 2" only at the kabupaten/kota race; otherwise the governor race
  // comes first. For another race: its national candidate with that number.
  uint32_t find(const Lexicon& lx, std::string_view race, std::string_view phrase,
                std::string_view asn_region) const;

 private:
  struct National {
    std::string race;
    int number;
    uint32_t entity;
  };
  std::unordered_map<uint32_t, uint32_t> by_key_;  // region_key() << 8 | number -> entity
  std::vector<uint32_t> other_;                    // regions of another form: compared one by one
  std::vector<National> national_;                 // first entity per race and number
};

}  // namespace netra::engine
