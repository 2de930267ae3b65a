// Benchmarks for matchers/: normalise throughput, scan throughput with all KPU
// names plus a few hundred regexes, and cache load time. Each benchmark checks
// its answer before timing. Data is read at run time from the shared directory.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "matchers/normalise.h"
#include "matchers/pattern_set.h"
#include "tests/unit/matchers/kpu_names.h"

namespace {

using namespace netra::matchers;
namespace fs = std::filesystem;

std::string shared(const char* rel) { return std::string(NETRA_SHARED_DIR) + "/" + rel; }

// First column of the SMSA sentiment corpus (about 11k sentences, 1.3 MB).
const std::vector<std::string>& smsa_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    std::ifstream f(shared("data/indonlu-smsa/train_preprocess.tsv"));
    std::string line;
    while (std::getline(f, line)) out.push_back(line.substr(0, line.find('\t')));
    return out;
  }();
  return lines;
}

size_t total_bytes(const std::vector<std::string>& lines) {
  size_t n = 0;
  for (const auto& l : lines) n += l.size();
  return n;
}

// The SMSA lines dressed up as social-media text: capitals, an emoji, a
// hashtag, some leet, elongation. Still mostly ASCII.
const std::vector<std::string>& social_lines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    size_t i = 0;
    for (const auto& l : smsa_lines()) {
      std::string s = l;
      if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
      switch (i++ % 4) {
        case 0:
          s += " \xF0\x9F\x94\xA5 #Pemilu2024";
          break;
        case 1:
          s += " ayo c0bl0s n0 1 yaaa";
          break;
        case 2:
          s = "MANTAP \xE2\x9C\x8C\xEF\xB8\x8F " + s;
          break;
        default:
          break;
      }
      out.push_back(std::move(s));
    }
    return out;
  }();
  return lines;
}

bool check_normalise(benchmark::State& state) {
  NormalisedText out;
  normalise("Ayo  COOOBLOS Ｐｒａｂｏｗｏ, p r a b o w o!\xE2\x98\x9D\xEF\xB8\x8F", out,
            Leet::keep);
  if (out.text != "ayo coblos prabowo, prabowo! salam satu jari ") {
    state.SkipWithError(("normalise gave '" + out.text + "'").c_str());
    return false;
  }
  normalise("pr4b0w0 n0 1 paslon02", out, Leet::fold);
  if (out.text != "prabowo no 1 paslon02") {
    state.SkipWithError(("leet fold gave '" + out.text + "'").c_str());
    return false;
  }
  return true;
}

void run_normalise(benchmark::State& state, const std::vector<std::string>& lines, Leet leet) {
  if (lines.empty()) return state.SkipWithError("no SMSA data in " NETRA_SHARED_DIR);
  if (!check_normalise(state)) return;
  NormalisedText out;
  out.reserve(4096);
  // Verify on the corpus: every output byte maps inside its line.
  for (const auto& l : lines) {
    normalise(l, out, leet);
    for (size_t i = 0; i < out.text.size(); ++i)
      if (out.end[i] > l.size() || out.start[i] >= out.end[i])
        return state.SkipWithError("bad offset map");
  }
  for (auto _ : state) {
    for (const auto& l : lines) {
      normalise(l, out, leet);
      benchmark::DoNotOptimize(out.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(lines)));
}

void BM_NormaliseSmsa(benchmark::State& state) { run_normalise(state, smsa_lines(), Leet::keep); }
void BM_NormaliseSmsaLeet(benchmark::State& state) {
  run_normalise(state, smsa_lines(), Leet::fold);
}
void BM_NormaliseSocial(benchmark::State& state) {
  run_normalise(state, social_lines(), Leet::keep);
}
void BM_HasLeet(benchmark::State& state) {
  const auto& lines = social_lines();
  if (lines.empty()) return state.SkipWithError("no SMSA data");
  if (!has_leet("pr4b0w0") || has_leet("coblos no 1")) return state.SkipWithError("has_leet");
  for (auto _ : state) {
    size_t n = 0;
    for (const auto& l : lines) n += has_leet(l);
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(lines)));
}

// ---------------------------------------------------------------------------
// All KPU names plus a few hundred regexes, built once per process into a
// fresh cache directory (so the first build is a cold compile).

std::vector<Pattern> regexes() {
  const char* parties[] = {"pkb",          "gerindra",
                           "pdip",         "pdi perjuangan",
                           "golkar",       "nasdem",
                           "partai buruh", "gelora",
                           "pks",          "pkn",
                           "hanura",       "garuda",
                           "pan",          "pbb",
                           "demokrat",     "psi",
                           "perindo",      "partai persatuan pembangunan",
                           "pna",          "gabthat",
                           "pda",          "partai aceh",
                           "pas aceh",     "sira",
                           "partai umat"};
  const char* templates[] = {"(coblos|nyoblos|cobloslah|pilih|pilihlah|contreng) (partai )?%s",
                             "(dukung|mendukung|menangkan|menangin|memenangkan) (partai )?%s",
                             "%s (menang|juara|pasti menang|nomor satu|no\\.? ?1)",
                             "#%s[a-z0-9]{0,30}",
                             "(relawan|simpatisan|kader|timses|tim sukses) (partai )?%s",
                             "(ayo|yuk|mari) (pilih|coblos|dukung) %s",
                             "%s (for|untuk) (indonesia|rakyat|presiden)",
                             "(salam|bersama) %s",
                             "(jangan|tolak) (pilih )?%s",
                             "%s (all in|all out|gaspol)",
                             "caleg %s",
                             "posko %s"};
  std::vector<Pattern> out;
  char buf[256];
  // Party names go through the same folding as the text. Letter runs collapse,
  // so "ppp" would become "p": skip names that end up shorter than 3 bytes.
  std::vector<std::string> names;
  for (const char* p : parties)
    if (auto n = normalise_literal(p); n.size() >= 3) names.push_back(n);
  for (const char* t : templates)
    for (const auto& p : names) {
      std::snprintf(buf, sizeof(buf), t, p.c_str());
      out.push_back({buf, true, true});
    }
  for (const char* r :
       {"(coblos|nyoblos|pilih|contreng) (no|nomor|nomer|nmr|nomor urut)\\.? ?0?[1-3]",
        "(paslon|capres|cawapres) 0?[1-3]", "salam (satu|dua|tiga) jari",
        "#[a-z]+(presiden|menang|ajadulu)[a-z0-9]*", "#2024[a-z]+"})
    out.push_back({r, true, true});
  return out;
}

struct ScanFixture {
  std::vector<std::string> names;
  std::vector<Pattern> patterns;
  std::shared_ptr<const PatternSet> set;
  std::shared_ptr<const PatternSet> names_only, regexes_only;  // for the breakdown
  std::vector<std::string> texts;                              // normalised SMSA lines
  std::string cache_dir;
  BuildStats cold;
  std::string error;

  ScanFixture() {
    names = testing::load_kpu_names();
    if (names.empty() || smsa_lines().empty()) {
      error = "no KPU or SMSA data in " NETRA_SHARED_DIR;
      return;
    }
    for (const auto& n : names) patterns.push_back({n, false, true});
    auto re = regexes();
    patterns.insert(patterns.end(), re.begin(), re.end());
    cache_dir = (fs::temp_directory_path() / ("netra-matchers-bench-" + std::to_string(::getpid())))
                    .string();
    std::vector<BuildError> errors;
    set = PatternSet::build(patterns, {cache_dir}, errors, &cold);
    if (!set) {
      error = errors.empty() ? "build failed" : errors[0].message;
      return;
    }
    std::fprintf(stderr,
                 "[matchers] %zu names + %zu regexes: cold build %.2f s (cache hit %d), "
                 "database %.1f MB\n",
                 names.size(), re.size(), cold.seconds, cold.cache_hit, cold.database_bytes / 1e6);
    std::vector<Pattern> name_patterns(patterns.begin(), patterns.begin() + names.size());
    names_only = PatternSet::build(name_patterns, {cache_dir}, errors);
    regexes_only = PatternSet::build(re, {cache_dir}, errors);
    NormalisedText out;
    for (const auto& l : social_lines()) {
      normalise(l, out);
      texts.push_back(out.text);
    }
  }
  ~ScanFixture() {
    std::error_code ec;
    if (!cache_dir.empty()) fs::remove_all(cache_dir, ec);
  }
};

ScanFixture& fixture() {
  static ScanFixture f;
  return f;
}

void BM_ScanKpuNamesAndRegexes(benchmark::State& state) {
  auto& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  Scratch scratch(*f.set);
  std::vector<Match> out;
  out.reserve(1024);
  // Known answer: two names from the list, one ballot phrase, one party regex.
  const std::string& a = f.names[1000];
  const std::string& b = f.names[f.names.size() - 1000];
  std::string text = "kemarin " + a + " bertemu " + b + ", ayo coblos no 1 dan dukung golkar";
  if (!f.set->scan(text, scratch, out)) return state.SkipWithError("scan failed");
  size_t found_a = 0, found_b = 0, ballot = 0, party = 0;
  for (const auto& m : out) {
    std::string_view s(text.data() + m.start, m.end - m.start);
    found_a += s == a;
    found_b += s == b;
    ballot += s == "coblos no 1";
    party += s == "dukung golkar";
  }
  if (!found_a || !found_b || ballot != 1 || party != 1)
    return state.SkipWithError("known matches not found");
  // Corpus: same count every pass.
  auto count = [&] {
    size_t n = 0;
    for (const auto& t : f.texts) {
      out.clear();
      f.set->scan(t, scratch, out);
      n += out.size();
    }
    return n;
  };
  const size_t expected = count();
  size_t matches = 0;
  for (auto _ : state) {
    matches = count();
    benchmark::DoNotOptimize(matches);
  }
  if (matches != expected) return state.SkipWithError("match count changed between passes");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(f.texts)));
  state.counters["matches_per_pass"] = static_cast<double>(expected);
  state.counters["patterns"] = static_cast<double>(f.patterns.size());
  state.counters["database_MB"] = f.cold.database_bytes / 1e6;
  state.counters["scratch_KB"] = scratch.bytes() / 1e3;
  state.counters["cold_build_s"] = f.cold.seconds;
}

// Breakdown: the same corpus against the names alone and the regexes alone.
void scan_part(benchmark::State& state, bool names) {
  auto& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const auto& set = names ? f.names_only : f.regexes_only;
  if (!set) return state.SkipWithError("build failed");
  Scratch scratch(*set);
  std::vector<Match> out;
  std::string probe = names ? "ketemu " + f.names[5] + " tadi" : "ayo coblos no 1";
  if (!set->scan(probe, scratch, out) || out.empty()) return state.SkipWithError("no match");
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const auto& t : f.texts) {
      out.clear();
      set->scan(t, scratch, out);
      matches += out.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(f.texts)));
  state.counters["matches_per_pass"] = static_cast<double>(matches);
  state.counters["database_MB"] = set->database_bytes() / 1e6;
}
void BM_ScanKpuNamesOnly(benchmark::State& state) { scan_part(state, true); }
void BM_ScanRegexesOnly(benchmark::State& state) { scan_part(state, false); }

void BM_CacheLoad(benchmark::State& state) {
  auto& f = fixture();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  std::vector<BuildError> errors;
  BuildStats stats;
  for (auto _ : state) {
    auto set = PatternSet::build(f.patterns, {f.cache_dir}, errors, &stats);
    if (!set || !stats.cache_hit) return state.SkipWithError("expected a cache hit");
    if (set->fingerprint() != f.set->fingerprint()) return state.SkipWithError("fingerprint");
  }
  state.counters["load_s"] = stats.seconds;
  state.counters["database_MB"] = stats.database_bytes / 1e6;
}

BENCHMARK(BM_NormaliseSmsa)->MinTime(1.0);
BENCHMARK(BM_NormaliseSmsaLeet)->MinTime(1.0);
BENCHMARK(BM_NormaliseSocial)->MinTime(1.0);
BENCHMARK(BM_HasLeet);
BENCHMARK(BM_ScanKpuNamesAndRegexes)->MinTime(2.0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanKpuNamesOnly)->MinTime(2.0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScanRegexesOnly)->MinTime(2.0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CacheLoad)->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
