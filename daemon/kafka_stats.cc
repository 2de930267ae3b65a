#include "daemon/kafka_stats.h"

#include <simdjson.h>

namespace netra::daemon {
namespace {

int64_t offset_field(simdjson::dom::element p, const char* name) {
  int64_t v = -1;
  return p[name].get_int64().get(v) ? -1 : v;
}

// Messages from the committed offset (or, when the group never committed on this partition,
// the log start) to the end of the log: the last stable offset (the consumer's default
// isolation.level=read_committed), else the high watermark. librdkafka's own consumer_lag is
// -1 while nothing is committed, which hid a partition consumed from the start and never
// committed (issue 15, defect 6). -1 when the end of the log is not known yet.
int64_t partition_lag(simdjson::dom::element p) {
  int64_t end = offset_field(p, "ls_offset");
  if (end < 0) end = offset_field(p, "hi_offset");
  if (end < 0) return -1;
  int64_t from = offset_field(p, "committed_offset");  // -1001 (OFFSET_INVALID) when none
  if (from < 0) from = offset_field(p, "lo_offset");
  if (from < 0) from = 0;  // log start not reported yet: the lowest it can be
  return end > from ? end - from : 0;
}

}  // namespace

bool parse_kafka_stats(std::string_view json, KafkaStats& out) {
  out = KafkaStats{};
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root)) return false;
  simdjson::dom::object top;
  if (root.get_object().get(top)) return false;

  simdjson::dom::object brokers;
  if (!top["brokers"].get_object().get(brokers)) {
    for (auto [name, b] : brokers) {
      int64_t nodeid = -1;
      if (b["nodeid"].get_int64().get(nodeid) || nodeid < 0) continue;  // bootstrap/coordinator
      ++out.brokers;
      std::string_view state;
      if (b["state"].get_string().get(state) || state != "UP") continue;
      out.broker_up = true;
      int64_t idle = -1;
      if (!b["rxidle"].get_int64().get(idle) && idle >= 0 &&
          (out.rx_idle_us < 0 || idle < out.rx_idle_us))
        out.rx_idle_us = idle;
    }
  }

  simdjson::dom::object topics;
  if (!top["topics"].get_object().get(topics)) {
    for (auto [tname, t] : topics) {
      simdjson::dom::object parts;
      if (t["partitions"].get_object().get(parts)) continue;
      for (auto [pname, p] : parts) {
        int64_t partition = -1;
        if (p["partition"].get_int64().get(partition) || partition < 0) continue;
        std::string_view fetch_state;
        if (!p["fetch_state"].get_string().get(fetch_state) && fetch_state == "none") continue;
        const int64_t lag = partition_lag(p);
        if (lag < 0) continue;
        out.lags.push_back({std::string(tname), static_cast<int32_t>(partition), lag});
      }
    }
  }
  return true;
}

}  // namespace netra::daemon
