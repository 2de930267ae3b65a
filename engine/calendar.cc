#include "engine/calendar.h"

#include <yaml-cpp/yaml.h>

#include "engine/event.h"

namespace netra::engine {

const char* phase_name(Phase p) {
  static const char* kNames[] = {"pre", "post", "campaign", "quiet", "voting"};
  return kNames[static_cast<int>(p)];
}

bool parse_phase(const std::string& s, Phase& out) {
  for (int i = 0; i < kPhaseCount; ++i)
    if (s == phase_name(static_cast<Phase>(i))) return out = static_cast<Phase>(i), true;
  return false;
}

const Race* Calendar::find(const std::string& id) const {
  for (const auto& r : races)
    if (r.id == id) return &r;
  return nullptr;
}

const Race* Calendar::default_race(int64_t t) const {
  const Race* best = nullptr;
  for (const auto& r : races)
    if (r.voting_end > t && (!best || r.voting_end < best->voting_end)) best = &r;
  if (best) return best;
  for (const auto& r : races)
    if (!best || r.voting_end > best->voting_end) best = &r;
  return best;
}

Phase Calendar::phase(const Race& r, int64_t t) {
  if (t < r.penetapan) return Phase::pre;
  if (t >= r.voting_start && t < r.voting_end) return Phase::voting;
  if (t >= r.quiet_start && t < r.quiet_end) return Phase::quiet;
  if (t >= r.campaign_start && t < r.campaign_end) return Phase::campaign;
  return Phase::post;
}

namespace {

// A date "YYYY-MM-DD" at local midnight, as unix seconds.
bool parse_date(const YAML::Node& n, int offset_minutes, int64_t& out) {
  if (!n.IsScalar()) return false;
  std::string s = n.as<std::string>();
  if (s.size() != 10) return false;
  int64_t t;
  int off;
  if (!parse_rfc3339(s + "T00:00:00Z", t, off)) return false;
  out = t - static_cast<int64_t>(offset_minutes) * 60;
  return true;
}

}  // namespace

bool load_calendar(const std::string& path, Calendar& cal, std::vector<Diagnostic>& diags) {
  size_t before = diags.size();
  auto err = [&](const YAML::Node& n, const std::string& msg) {
    diags.push_back({path, n.IsDefined() ? n.Mark().line + 1 : 0, msg, false});
  };
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    diags.push_back({path, 0, "cannot open calendar file", false});
    return false;
  } catch (const YAML::Exception& e) {
    diags.push_back({path, e.mark.line + 1, e.msg, false});
    return false;
  }
  if (!root.IsMap() || !root["races"] || !root["races"].IsMap()) {
    diags.push_back({path, 1, "expected a map with 'races:'", false});
    return false;
  }
  for (auto top = root.begin(); top != root.end(); ++top) {
    std::string k = top->first.as<std::string>();
    if (k == "utc_offset") {
      int64_t t;
      int off;
      if (!parse_rfc3339("2000-01-01T00:00:00" + top->second.as<std::string>(), t, off))
        err(top->first, "utc_offset must look like +07:00");
      else
        cal.utc_offset_minutes = off;
    } else if (k != "races") {
      err(top->first, "unknown key '" + k + "' (expected races, utc_offset)");
    }
  }
  const int off = cal.utc_offset_minutes;
  for (auto it = root["races"].begin(); it != root["races"].end(); ++it) {
    Race r;
    r.id = it->first.as<std::string>();
    const YAML::Node n = it->second;
    if (!n.IsMap()) {
      err(it->first, "race '" + r.id + "' must be a map");
      continue;
    }
    bool have_pen = false, have_camp = false, have_quiet = false, have_vote = false;
    for (auto f = n.begin(); f != n.end(); ++f) {
      std::string key = f->first.as<std::string>();
      const YAML::Node v = f->second;
      auto range = [&](int64_t& a, int64_t& b) {
        if (!v.IsSequence() || v.size() != 2 || !parse_date(v[0], off, a) ||
            !parse_date(v[1], off, b)) {
          err(f->first, "'" + key + "' must be [YYYY-MM-DD, YYYY-MM-DD]");
          return false;
        }
        b += 86400;  // inclusive last day
        if (b <= a) {
          err(f->first, "'" + key + "' ends before it starts");
          return false;
        }
        return true;
      };
      if (key == "name")
        r.name = v.as<std::string>();
      else if (key == "route")
        r.kpu_route = v.as<std::string>();
      else if (key == "penetapan") {
        have_pen = parse_date(v, off, r.penetapan);
        if (!have_pen) err(f->first, "'penetapan' must be a date YYYY-MM-DD");
      } else if (key == "campaign")
        have_camp = range(r.campaign_start, r.campaign_end);
      else if (key == "quiet")
        have_quiet = range(r.quiet_start, r.quiet_end);
      else if (key == "voting") {
        have_vote = parse_date(v, off, r.voting_start);
        r.voting_end = r.voting_start + 86400;
        if (!have_vote) err(f->first, "'voting' must be a date YYYY-MM-DD");
      } else {
        err(f->first,
            "unknown key '" + key + "' (expected name, route, penetapan, campaign, quiet, voting)");
      }
    }
    if (!have_pen || !have_camp || !have_quiet || !have_vote) {
      err(it->first, "race '" + r.id + "' needs penetapan, campaign, quiet and voting");
      continue;
    }
    if (!(r.penetapan <= r.campaign_start && r.campaign_end <= r.quiet_start + 86400 &&
          r.quiet_end <= r.voting_start + 86400)) {
      err(it->first,
          "race '" + r.id + "': dates out of order (penetapan <= campaign <= quiet <= voting)");
      continue;
    }
    if (r.name.empty()) r.name = r.id;
    cal.races.push_back(std::move(r));
  }
  if (cal.races.empty() && diags.size() == before)
    diags.push_back({path, 1, "no races defined", false});
  return diags.size() == before;
}

}  // namespace netra::engine
