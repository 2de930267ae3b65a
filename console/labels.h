#pragma once
// Triage outcomes as labelled events for `netra eval` (tests/eval/README.md): one event (contract
// §1) and one label line per event of a confirmed or rejected case. Pure: alert records in, NDJSON
// out. Written by `netra console export-labels`.
//
// The event is rebuilt from its alert records: its id, platform, action, time, URL and group, the
// actor from the terlapor, and every field the evidence points into. A field the record carries
// whole (`content.<field>`) is copied; otherwise each evidence span is put back at its byte
// offsets, with spaces in between (alerts carry spans, not whole posts), so the engine meets the
// same words at the same places but not the words around them.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "console/cases.h"

namespace netra::console {

struct LabelCounts {
  int64_t events = 0;    // labelled events written
  int64_t positive = 0;  // with at least one confirmed rule in `expect`
  int64_t negative = 0;  // rejected only: `expect` is []
  int64_t skipped = 0;   // alert records that are not JSON objects
};

class LabelExport {
 public:
  // An alert of a case with `status`: dikonfirmasi and diteruskan make its rule expected,
  // ditolak makes it a false alert (reason and note go into groups and note); baru and
  // ditinjau (not decided) only put the rule in also_ok of events already added with a decided
  // case (add those first).
  void add(const std::string& alert_json, Status status, int64_t case_id,
           const std::string& reason = "", const std::string& note = "");
  // Events and labels, one line each, ordered by event_id; only events with a decided case.
  void write(std::string& events, std::string& labels, LabelCounts& counts) const;

 private:
  struct Entry {
    nlohmann::json event;  // the rebuilt event so far
    std::set<std::string> expect, rejected, undecided, groups;
    std::vector<std::string> notes;
    bool decided = false;
  };
  std::map<std::string, Entry> events_;
  int64_t skipped_ = 0;
};

}  // namespace netra::console
