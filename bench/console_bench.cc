// Console ingest: alert records (the daemon's format, ~1.5 KB each) parsed and
// written into a fresh SQLite store in batches of 1000, as the consumer does.
// Target (issue 14): >= 20,000 alerts/s. The answer is verified first: every
// alert stored once, the cases exactly the distinct (terlapor, rule, target,
// local day) keys with the right counts, a replay adding nothing.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "console/ingest.h"
#include "console/store.h"

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

bool ingest_all(Store& store, size_t n, IngestStats& stats) {
  const auto& recs = records(n);
  Batch batch;
  std::string error;
  for (size_t i = 0; i < n; ++i) {
    batch.add(recs[i], "bench", stats);
    if (batch.size() >= 1000 && !batch.write(store, stats, error)) return false;
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

}  // namespace

int main(int argc, char** argv) {
  if (!verify(20000)) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
