#pragma once
// Shared set-up for the engine benchmarks: the shipped config with every KPU
// candidate list (DCT and Pilkada pairs), the generated corpus, process memory. Data is read at run
// time from the shared directory; nothing is copied into the repo.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config.h"
#include "engine/ruleset.h"

namespace netra::bench {

inline std::string shared_dir() {
  const char* env = std::getenv("NETRA_SHARED_DIR");
  return env && *env ? env : NETRA_SHARED_DIR;
}

// The four KPU DCT lists and the KPU SIREKAP Pilkada 2024 pairs (one `candidates.files`
// list: the loader tells them apart by their header).
inline std::vector<std::string> kpu_files() {
  const std::string dir = shared_dir() + "/data/kpu-dct-2024/";
  return {dir + "dpd_candidates.csv", dir + "dpr_candidates.csv", dir + "dprd_prov_candidates.csv",
          dir + "dprd_kabkota_candidates.csv",
          shared_dir() + "/data/kpu-pilkada-2024/pilkada_2024_pairs.csv"};
}

// True when every input the benchmarks need is there; otherwise prints why.
inline bool data_present(const char* prog) {
  std::error_code ec;
  for (const auto& f : kpu_files())
    if (!std::filesystem::exists(f, ec)) {
      std::printf("%s: skipped: shared data not found (%s); set NETRA_SHARED_DIR\n", prog,
                  f.c_str());
      return false;
    }
  return true;
}

// The shipped config/netra.yaml with all four KPU lists and the given cache dir.
inline bool load_settings(const std::string& cache_dir, engine::Settings& out) {
  std::string files;
  for (const auto& f : kpu_files()) files += (files.empty() ? "" : ",") + f;
  std::vector<std::string> sets = {"candidates.files=" + files, "cache.dir=" + cache_dir};
  // Extra config overrides for experiments, ';'-separated: NETRA_BENCH_SET='lists.dir=/tmp/l'.
  if (const char* extra = std::getenv("NETRA_BENCH_SET"); extra && *extra) {
    std::string all(extra);
    for (size_t pos = 0; pos <= all.size();) {
      size_t end = all.find(';', pos);
      if (end == std::string::npos) end = all.size();
      if (end > pos) sets.push_back(all.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  daemon::Config cfg;
  std::vector<engine::Diagnostic> diags;
  bool ok =
      daemon::load_config(std::string(NETRA_SOURCE_DIR) + "/config/netra.yaml", sets, cfg, diags);
  for (const auto& d : diags)
    if (!d.warning) std::fprintf(stderr, "%s\n", d.str().c_str());
  out = cfg.engine;
  return ok;
}

// Loads a rule set, printing every error.
inline std::shared_ptr<const engine::RuleSet> load_rules(const engine::Settings& s) {
  std::vector<engine::Diagnostic> diags;
  auto rules = engine::RuleSet::load(s, diags);
  if (!rules)
    for (const auto& d : diags)
      if (!d.warning) std::fprintf(stderr, "%s\n", d.str().c_str());
  return rules;
}

// VmRSS / VmHWM of this process in MiB, from /proc/self/status.
inline double proc_status_mib(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const std::string k = std::string(key) + ":";
  while (std::getline(f, line))
    if (line.rfind(k, 0) == 0) {
      std::istringstream is(line.substr(k.size()));
      double kb = 0;
      is >> kb;
      return kb / 1024.0;
    }
  return 0;
}

}  // namespace netra::bench
