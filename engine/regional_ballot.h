#pragma once
// Regional (Pilkada) ballot numbers. Pilkada numbers are drawn per race, so
// "coblos nomor 2" names a pair only together with the ASN's region: the pair
// with ballot 2 in a race the ASN's region is in (its province's governor race
// or its kabupaten/kota race), and nothing for an ASN elsewhere.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/lexicon.h"

namespace netra::engine {

// The number a ballot phrase ends with ("coblos no. 02" -> 2, "nomor dua" -> 2,
// "nomer loro" -> 2); -1 when it holds none.
int ballot_number(std::string_view phrase);

class RegionalBallots {
 public:
  // Indexes the entities of race `pilkada` that have a region code and a ballot number.
  void build(const Lexicon& lx);
  bool empty() const { return by_key_.empty() && other_.empty(); }

  // The entity the ballot phrase `phrase` (as written in the event) names for
  // an ASN whose region code is `asn_region`, during race `race`; kNone if none.
  // "cagub 2" looks only at the governor race, "cabup 2" / "cawalkot 2" only at
  // the kabupaten/kota race; otherwise the governor race comes first.
  uint32_t find(const Lexicon& lx, std::string_view race, std::string_view phrase,
                std::string_view asn_region) const;

 private:
  std::unordered_map<uint32_t, uint32_t> by_key_;  // region_key() << 8 | number -> entity
  std::vector<uint32_t> other_;                    // regions of another form: compared one by one
};

}  // namespace netra::engine
