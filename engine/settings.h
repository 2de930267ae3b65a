#pragma once
// What the engine is told to load: paths and limits, filled by the daemon's config.
#include <cstddef>
#include <string>
#include <vector>

namespace netra::engine {

// Paths and limits the engine reads; the daemon's config fills it.
struct Settings {
  std::string rules_dir;                     // *.yaml rule files
  std::string lists_dir;                     // *.txt pattern lists, *.csv entity lists
  std::vector<std::string> candidate_files;  // KPU DCT CSV files (optional)
  std::string asn_accounts;                  // registries (CSV); empty = none
  std::string political_accounts;
  std::string campaign_media;
  std::string calendar;   // YAML
  std::string cache_dir;  // compiled-database cache; empty = none
  size_t max_event_bytes = 1 << 20;
};

}  // namespace netra::engine
