// Start-up cost of the shipped config with all ~258k KPU candidate names:
//   BM_LoadCold  RuleSet::load with a fresh, empty cache directory (Hyperscan compile)
//   BM_LoadWarm  RuleSet::load with the compiled databases already cached
// Counters: seconds, resident memory after the load with one worker's scratch
// (rss_MiB, VmRSS) and the process peak so far (hwm_MiB, VmHWM). Run each in its
// own process for a clean peak: --benchmark_filter=BM_LoadWarm (bench/run does).
// Each load is verified: a rule set came back with every candidate name, cold
// missed the cache and warm hit it.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "daemon/malloc_tuning.h"
#include "engine/engine.h"
#include "engine/ruleset_data.h"

namespace {

using namespace netra;
namespace fs = std::filesystem;

bool g_failed = false;
const char* g_current = "";  // the running benchmark, for messages
// 258k KPU rows fold into ~208k distinct name literals, plus the shipped lists.
constexpr size_t kMinPatterns = 200000;

bool fail(benchmark::State& state, const std::string& msg) {
  std::fprintf(stderr, "VERIFICATION FAILED: %s: %s\n", g_current, msg.c_str());
  g_failed = true;
  state.SkipWithError(msg.c_str());
  return false;
}

// Loads once in the timed loop, then checks and reports memory.
void load_and_report(benchmark::State& state, const std::string& cache_dir, bool want_hit) {
  engine::Settings settings;
  if (!bench::load_settings(cache_dir, settings)) {
    fail(state, "config failed to load");
    return;
  }
  malloc_trim(0);  // earlier repetitions' freed memory is not this load's
  const double rss_before = bench::proc_status_mib("VmRSS");
  std::shared_ptr<const engine::RuleSet> rules;
  for (auto _ : state) {
    rules = bench::load_rules(settings);
    if (!rules) break;
  }
  if (!rules) {
    fail(state, "RuleSet::load failed");
    return;
  }
  if (rules->pattern_count() < kMinPatterns)
    fail(state, "only " + std::to_string(rules->pattern_count()) + " patterns");
  if (rules->cache_hit() != want_hit)
    fail(state, want_hit ? "cache miss: run engine_bench (or bench/run) first to fill the cache"
                         : "expected a cache miss");
  {
    engine::Worker worker(rules);  // one worker's scratch is part of a running daemon
    state.counters["rss_MiB"] = bench::proc_status_mib("VmRSS");
  }
  state.counters["hwm_MiB"] = bench::proc_status_mib("VmHWM");
  state.counters["rss_before_MiB"] = rss_before;
  state.counters["patterns"] = static_cast<double>(rules->pattern_count());
  state.counters["db_MiB"] =
      static_cast<double>(rules->data().patterns->database_bytes()) / (1024.0 * 1024.0);
}

void BM_LoadCold(benchmark::State& state) {
  g_current = "BM_LoadCold";
  std::string tmpl = (fs::temp_directory_path() / "netra-bench-cold-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) {
    fail(state, "mkdtemp failed");
    return;
  }
  load_and_report(state, tmpl, false);
  std::error_code ec;
  fs::remove_all(tmpl, ec);
}
BENCHMARK(BM_LoadCold)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadWarm(benchmark::State& state) {
  g_current = "BM_LoadWarm";
  // The cache engine_bench fills (bench/run runs it first). Not primed here: a
  // priming load in this process would leave its memory in VmRSS and VmHWM.
  load_and_report(state, std::string(NETRA_BINARY_DIR) + "/bench/cache", true);
}
BENCHMARK(BM_LoadWarm)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Prints one summary line per benchmark after the table: the median over repetitions
// of wall and CPU time, and the memory counters. bench/run prints these lines only.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  // No colours: bench/run greps the summary lines out of a log.
  SummaryReporter() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (!r.error_occurred && r.run_type == Run::RT_Iteration)
        runs_[r.run_name.function_name].push_back(r);
    ConsoleReporter::ReportRuns(runs);
  }
  void print() const {
    for (const auto& [name, v] : runs_) {
      auto median = [&](auto get) {
        std::vector<double> x;
        for (const auto& r : v) x.push_back(get(r));
        std::sort(x.begin(), x.end());
        return x[x.size() / 2];
      };
      auto counter = [](const Run& r, const char* k) {
        auto it = r.counters.find(k);
        return it == r.counters.end() ? 0.0 : it->second.value;
      };
      // Times are per iteration, in the benchmark's unit (ms).
      const double wall = median([](const Run& r) { return r.GetAdjustedRealTime(); });
      const double cpu = median([](const Run& r) { return r.GetAdjustedCPUTime(); });
      const double rss = median([&](const Run& r) { return counter(r, "rss_MiB"); });
      const double hwm = median([&](const Run& r) { return counter(r, "hwm_MiB"); });
      std::printf(
          "start-up (%s cache, median of %zu): %.0f ms wall, %.0f ms CPU (bar < 1000 ms); RSS %.0f "
          "MiB, "
          "peak %.0f MiB = %.0f MB (bar < 400 MB); %.0f patterns, databases %.1f MiB\n",
          name == "BM_LoadWarm" ? "warm" : "cold", v.size(), wall, cpu, rss, hwm, hwm * 1.048576,
          counter(v.front(), "patterns"), counter(v.front(), "db_MiB"));
    }
  }

 private:
  std::map<std::string, std::vector<Run>> runs_;
};

}  // namespace

int main(int argc, char** argv) {
  netra::daemon::reexec_with_malloc_huge_pages(argv);  // as netra does (ADR 0020)
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!bench::data_present("startup_bench")) return 0;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print();
  benchmark::Shutdown();
  if (g_failed) std::fprintf(stderr, "startup_bench: verification FAILED\n");
  return g_failed ? 1 : 0;
}
