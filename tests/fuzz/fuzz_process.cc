// libFuzzer: any bytes through parse + normalise + scan + classify + alert JSON.
// The alert JSON must always parse back (valid UTF-8, valid JSON).
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "daemon/config.h"
#include "engine/engine.h"

namespace {

netra::engine::Worker* make_worker() {
  netra::daemon::Config config;
  std::vector<netra::engine::Diagnostic> diags;
  std::string file = std::string(NETRA_SOURCE_DIR) + "/config/netra.yaml";
  if (!netra::daemon::load_config(file, {}, config, diags)) std::abort();
  auto rules = netra::engine::RuleSet::load(config.engine, diags);
  if (!rules) {
    for (auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
    std::abort();
  }
  return new netra::engine::Worker(rules);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static netra::engine::Worker* worker = make_worker();
  static netra::engine::Output out;
  static simdjson::dom::parser parser;
  worker->process(std::string_view(reinterpret_cast<const char*>(data), size), nullptr,
                  std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)), out);
  for (size_t i = 0; i < out.alert_count; ++i) {
    simdjson::dom::element e;
    if (parser.parse(out.alerts[i].json).get(e)) {
      std::fprintf(stderr, "alert JSON does not parse: %s\n", out.alerts[i].json.c_str());
      std::abort();
    }
  }
  return 0;
}
