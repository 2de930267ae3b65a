#pragma once
// The election calendar: per race, the dates that give an event its phase.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/diagnostic.h"

namespace netra::engine {

enum class Phase : uint8_t { pre, post, campaign, quiet, voting };
constexpr int kPhaseCount = 5;
const char* phase_name(Phase p);
bool parse_phase(const std::string& s, Phase& out);

struct Race {
  std::string id;    // pilpres, pileg, pilkada, ...
  std::string name;  // Indonesian display name
  // All times are unix seconds; a day range [start, end) covers whole local days.
  int64_t penetapan = 0;
  int64_t campaign_start = 0, campaign_end = 0;
  int64_t quiet_start = 0, quiet_end = 0;
  int64_t voting_start = 0, voting_end = 0;
  std::string kpu_route;  // where a finding goes (e.g. "Bawaslu -> KASN -> PPK")
};

struct Calendar {
  std::vector<Race> races;
  int utc_offset_minutes = 420;  // the offset the calendar's dates are written in (WIB)

  const Race* find(const std::string& id) const;
  // The race an event belongs to when nothing names one: the first race whose
  // voting day is on or after `t`, else the last race.
  const Race* default_race(int64_t t) const;
  static Phase phase(const Race& r, int64_t t);
};

bool load_calendar(const std::string& path, Calendar& out, std::vector<Diagnostic>& diags);

}  // namespace netra::engine
