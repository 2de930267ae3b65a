// Console ingest: alert records (the daemon's format, ~1.5 KB each) parsed and
// written into a fresh SQLite store in batches of 1000, as the consumer does.
// Target (issue 14): >= 20,000 alerts/s. The answer is verified first: every
// alert stored once, the cases exactly the distinct (terlapor, rule, target,
// local day) keys with the right counts, a replay adding nothing.
//
// `console_bench --scale N [--keep DIR]` instead fills a store with N generated
// alerts and times the web API on it (issue 14: the queue and a case page in
// < 200 ms with 1,000,000 alerts), each answer checked; --keep leaves the
// store in DIR (bench/run then measures a real `netra console`'s RSS on it).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "console/auth.h"
#include "console/ingest.h"
#include "console/store.h"
#include "console/web_app.h"

namespace {

using namespace netra::console;

const char* const kRules[] = {"online_campaign_post", "engage_political_account",
                              "campaign_attribute", "partisan_official_action", "join_campaign"};
const char* const kTargets[] = {"Anies Baswedan - Muhaimin Iskandar (01)",
                                "Prabowo Subianto - Gibran Rakabuming Raka (02)",
                                "Ganjar Pranowo - Mahfud MD (03)", "Partai Contoh"};
const char* const kSeverity[] = {"low", "medium", "high", "critical"};

struct Spec {
  int asn, rule, target, day, hour, sev;
};

Spec spec_of(int i) {
  // A deterministic spread: 2000 ASNs, 5 rules, 4 targets, 7 days.
  unsigned x = static_cast<unsigned>(i) * 2654435761u;
  return {static_cast<int>(x % 2000),       static_cast<int>((x >> 11) % 5),
          static_cast<int>((x >> 14) % 4),  static_cast<int>((x >> 17) % 7),
          static_cast<int>((x >> 20) % 24), static_cast<int>((x >> 25) % 4)};
}

std::string record(int i) {
  const Spec s = spec_of(i);
  char nip[32], ts[40], buf[4096];
  std::snprintf(nip, sizeof nip, "1985031220100%05d", s.asn);
  std::snprintf(ts, sizeof ts, "2024-01-%02dT%02d:15:00+07:00", 10 + s.day, s.hour);
  std::snprintf(
      buf, sizeof buf,
      R"json({"alert_id":"bench-%08d","rule_id":"%s","rule_name":"Sosialisasi/kampanye medsos","severity":"%s","track":"disiplin","skb_item":"B.2","legal_basis":["SKB 2/2022 Lampiran II A.2 (bakal calon) / B.2 (calon)","PP 94/2021 Pasal 5 huruf n angka 1","UU 20/2023 Pasal 9 ayat (2)"],"sanction":"Hukuman disiplin berat (PP 94/2021): penurunan jabatan setingkat lebih rendah selama 12 bulan, pembebasan dari jabatan menjadi pelaksana selama 12 bulan, atau pemberhentian dengan hormat tidak atas permintaan sendiri","phase":"campaign","race":"pilpres","modifiers":[],"review_required":false,"event":{"event_id":"ev-%08d","platform":"x","action":"post","ts":"%s","url":""},"terlapor":{"platform":"x","account_id":"x:%d","handle":"","nip":"%s","name":"ASN %d","agency":"Dinas Pendidikan Kota Bandung","unit":"SMP Negeri 99 Bandung","position":"Guru","region_code":"3273"},"target":{"account_id":"","handle":"","kind":"candidate","entity":"%s","ballot_no":"02","source":"text"},"evidence":[{"field":"text","start":4,"end":10,"text":"coblos","pattern_id":"support_phrases:74"},{"field":"text","start":40,"end":56,"text":"Prabowo Subianto","pattern_id":"pilpres_2024:40"}],"uraian":"Pada Jumat, 12 Januari 2024 pukul 08.15 WIB, akun x milik ASN (Guru, Dinas Pendidikan Kota Bandung) mengunggah postingan yang menyebut calon. Isi (text): \"Ayo coblos nomor 2 tanggal 14 Februari! Prabowo Subianto presiden kita\". Perbuatan ini diduga termasuk Sosialisasi/kampanye medsos (SKB B.2), terjadi pada kampanye Pemilu Presiden dan Wakil Presiden 2024.","detected_at":"2024-01-20T01:00:00Z","report_deadline":"2024-01-27T01:%02d:00Z","recommended_route":"Bawaslu -> KASN -> PPK","rules_version":"bench"})json", i,
      kRules[s.rule], kSeverity[s.sev], i, ts, 1500000 + s.asn, nip, s.asn, kTargets[s.target],
      i % 60);
  return buf;
}

const std::vector<std::string>& records(size_t n) {
  static std::vector<std::string> all;
  while (all.size() < n) all.push_back(record(static_cast<int>(all.size())));
  return all;
}

std::string fresh_dir(const char* name) {
  const char* env = std::getenv("NETRA_BENCH_DIR");
  std::filesystem::path d = std::filesystem::path(env && *env ? env : "/tmp") /
                            ("netra-console-bench-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(d);
  return d.string();
}

// Alerts per store transaction (the consumer's batch).
size_t batch_size() {
  const char* env = std::getenv("NETRA_BENCH_BATCH");
  return env && *env ? std::strtoull(env, nullptr, 10) : 5000;
}

bool ingest_all(Store& store, size_t n, IngestStats& stats) {
  const auto& recs = records(n);
  Batch batch;
  std::string error;
  for (size_t i = 0; i < n; ++i) {
    batch.add(recs[i], "bench", stats);
    if (batch.size() >= batch_size() && !batch.write(store, stats, error)) return false;
  }
  return batch.write(store, stats, error);
}

// The answer, checked against an independent count of the case keys.
bool verify(size_t n) {
  std::map<std::tuple<int, int, int, int>, int64_t> expected;
  for (size_t i = 0; i < n; ++i) {
    const Spec s = spec_of(static_cast<int>(i));
    ++expected[{s.asn, s.rule, s.target, s.day}];
  }
  const std::string dir = fresh_dir("verify");
  std::string error;
  auto store = open_sqlite_store(dir, error);
  IngestStats stats;
  bool ok = store && ingest_all(*store, n, stats);
  CaseFilter all;
  all.limit = -1;
  std::vector<Case> cases;
  if (ok) cases = store->list_cases(all);
  int64_t sum = 0, max_count = 0;
  for (const auto& c : cases) sum += c.alert_count, max_count = std::max(max_count, c.alert_count);
  int64_t expected_max = 0;
  for (const auto& [k, v] : expected) expected_max = std::max(expected_max, v);
  ok = ok && stats.inserted == static_cast<int64_t>(n) && stats.bad == 0 &&
       store->alert_count() == static_cast<int64_t>(n) && cases.size() == expected.size() &&
       sum == static_cast<int64_t>(n) && max_count == expected_max;
  IngestStats again;
  ok = ok && ingest_all(*store, n, again) && again.inserted == 0 &&
       again.duplicates == static_cast<int64_t>(n) && store->list_cases(all).size() == cases.size();
  std::printf("console_bench: verify %zu alerts -> %zu cases (expected %zu, largest %lld): %s\n", n,
              cases.size(), expected.size(), static_cast<long long>(max_count),
              ok ? "ok" : "FAILED");
  store.reset();
  std::filesystem::remove_all(dir);
  return ok;
}

void BM_Ingest(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  records(n);
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = fresh_dir("ingest");
    std::string error;
    auto store = open_sqlite_store(dir, error);
    if (!store) {
      state.SkipWithError(error.c_str());
      return;
    }
    IngestStats stats;
    state.ResumeTiming();
    if (!ingest_all(*store, n, stats) || stats.inserted != static_cast<int64_t>(n))
      state.SkipWithError("ingest failed");
    state.PauseTiming();
    store.reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["alerts/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ingest)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- --scale: the web API on a large store ----

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string proc_status(const char* key) {
  std::ifstream f("/proc/self/status");
  for (std::string line; std::getline(f, line);)
    if (line.rfind(key, 0) == 0) return line.substr(std::strlen(key) + 1);
  return "?";
}

// Fills `dir` with n alerts, generated on the fly (no n records in memory).
bool fill(const std::string& dir, size_t n) {
  std::string error;
  auto store = open_sqlite_store(dir, error);
  if (!store) {
    std::fprintf(stderr, "console_bench: %s\n", error.c_str());
    return false;
  }
  IngestStats stats;
  Batch batch;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (size_t i = 0; i < n; ++i) {
    batch.add(record(static_cast<int>(i)), "bench", stats);
    if (batch.size() >= batch_size() && !batch.write(*store, stats, error)) break;
  }
  const bool ok = error.empty() && batch.write(*store, stats, error) &&
                  stats.inserted == static_cast<int64_t>(n) &&
                  store->alert_count() == static_cast<int64_t>(n);
  const double s = ms_since(t0) / 1000, cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("console_bench: filled %zu alerts in %.1f s (%.0f alerts/s, CPU %.1f s): %s\n", n, s,
              n / s, cpu, ok ? "ok" : ("FAILED " + error).c_str());
  return ok;
}

struct Timed {
  std::string name;
  std::vector<double> ms;
};

int scale_main(size_t n, std::string dir) {
  const bool keep = !dir.empty();
  if (!keep) dir = fresh_dir("scale");
  std::filesystem::remove_all(dir);
  if (!fill(dir, n)) return 1;
  // A fresh process's view: the store reopened, nothing cached.
  std::string error;
  auto store = open_sqlite_store(dir, error);
  if (!store || !auth_init()) return 1;
  User u{"bench", "Bench", "supervisor", "x", false};
  const std::string token = random_token();
  if (!store->put_user(u, error)) return 1;
  store->put_session(token_hash(token),
                     Session{"bench", "supervisor", "Bench", "csrf", std::time(nullptr) + 3600});
  IngestStats stats;
  WebApp app(*store, stats, WebOptions{});
  auto get = [&](const std::string& path, const std::string& query) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.query = query;
    r.headers["cookie"] = "netra_session=" + token;
    r.client = "127.0.0.1";
    return app.handle(r);
  };
  bool ok = true;
  auto check = [&](bool cond, const std::string& what) {
    if (!cond) std::printf("console_bench: FAILED %s\n", what.c_str());
    ok = ok && cond;
  };
  // The biggest case of one ASN (the first alert's), found through the API.
  std::vector<Timed> timings;
  auto timed = [&](const std::string& name, const std::string& path, const std::string& query,
                   auto verify) {
    Timed t{name, {}};
    for (int i = 0; i < 7; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      Response r = get(path, query);
      t.ms.push_back(ms_since(t0));
      if (i == 0) {
        auto j = nlohmann::json::parse(r.body, nullptr, false);
        check(r.status == 200 && !j.is_discarded() && verify(j), name);
      }
    }
    timings.push_back(t);
  };
  auto sorted_queue = [](const nlohmann::json& j) {
    const auto& c = j["cases"];
    for (size_t i = 1; i < c.size(); ++i)
      if (c[i - 1]["deadline_unix"].get<int64_t>() > c[i]["deadline_unix"].get<int64_t>())
        return false;
    return c.size() == 200;
  };
  timed("queue (first 200 by deadline)", "/api/cases", "", sorted_queue);
  timed("queue filtered (rule + severity + status)", "/api/cases",
        "rule=campaign_attribute&severity=critical&status=baru", [](const nlohmann::json& j) {
          for (const auto& c : j["cases"])
            if (c["rule_id"] != "campaign_attribute" || c["severity"] != "critical") return false;
          return !j["cases"].empty();
        });
  timed("queue facets (filter values)", "/api/facets", "",
        [](const nlohmann::json& j) { return j["rules"].size() == 5; });
  timed("queue full-text search (\"ASN 1234\")", "/api/cases", "q=ASN+1234",
        [](const nlohmann::json& j) {
          for (const auto& c : j["cases"])
            if (c["terlapor"]["name"] != "ASN 1234") return false;
          return !j["cases"].empty();
        });
  // A case page: the first queue row's case, with every alert, the ASN's other cases.
  const auto first = nlohmann::json::parse(get("/api/cases", "").body);
  const int64_t id = first["cases"][0]["case_id"].get<int64_t>();
  const int64_t count = first["cases"][0]["alert_count"].get<int64_t>();
  timed("case page (/api/cases/<id>)", "/api/cases/" + std::to_string(id), "",
        [&](const nlohmann::json& j) {
          return static_cast<int64_t>(j["alerts"].size()) == count && !j["other_cases"].empty();
        });
  for (auto& t : timings) {
    std::sort(t.ms.begin(), t.ms.end());
    std::printf("console_bench: %zu alerts: %-45s min %7.1f ms, median %7.1f ms, max %7.1f ms%s\n",
                n, t.name.c_str(), t.ms.front(), t.ms[t.ms.size() / 2], t.ms.back(),
                t.ms.back() < 200 ? "" : "  (over 200 ms)");
  }
  std::printf("console_bench: %zu alerts: process VmRSS %s, VmHWM %s (includes the fill)\n", n,
              proc_status("VmRSS:").c_str(), proc_status("VmHWM:").c_str());
  std::error_code ec;
  std::printf(
      "console_bench: store size %.0f MiB\n",
      std::filesystem::file_size(std::filesystem::path(dir) / "console.db", ec) / 1048576.0);
  store.reset();
  if (!keep) std::filesystem::remove_all(dir);
  std::printf("console_bench: scale %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--scale") == 0) {
      std::string keep;
      for (int k = 1; k + 1 < argc; ++k)
        if (std::strcmp(argv[k], "--keep") == 0) keep = argv[k + 1];
      return scale_main(std::strtoull(argv[i + 1], nullptr, 10), keep);
    }
  }
  if (!verify(20000)) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
