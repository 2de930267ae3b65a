#include "daemon/kafka_stats.h"

#include <simdjson.h>

namespace netra::daemon {

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
      if (!b["state"].get_string().get(state) && state == "UP") out.broker_up = true;
    }
  }

  simdjson::dom::object topics;
  if (!top["topics"].get_object().get(topics)) {
    for (auto [tname, t] : topics) {
      simdjson::dom::object parts;
      if (t["partitions"].get_object().get(parts)) continue;
      for (auto [pname, p] : parts) {
        int64_t partition = -1, lag = -1;
        if (p["partition"].get_int64().get(partition) || partition < 0) continue;
        std::string_view fetch_state;
        if (!p["fetch_state"].get_string().get(fetch_state) && fetch_state == "none") continue;
        if (p["consumer_lag"].get_int64().get(lag) || lag < 0) continue;
        out.lags.push_back({std::string(tname), static_cast<int32_t>(partition), lag});
      }
    }
  }
  return true;
}

}  // namespace netra::daemon
