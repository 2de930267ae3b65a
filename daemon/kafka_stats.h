#pragma once
// Parses librdkafka's statistics JSON (statistics.interval.ms) for the metrics we export:
// consumer lag per assigned partition and whether any broker connection is up.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netra::daemon {

struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t lag = 0;
};

struct KafkaStats {
  bool broker_up = false;  // at least one real broker (nodeid >= 0) in state UP
  int brokers = 0;         // real brokers known
  // Microseconds since the most recent receive from any real broker whose connection is UP
  // (librdkafka's `rxidle`), -1 when none has received anything yet. A hung broker keeps its TCP
  // connection UP but stops answering: this grows while `broker_up` stays true.
  int64_t rx_idle_us = -1;
  std::vector<PartitionLag>
      lags;  // partitions whose log end is known: end - (committed or log start)
};

// Returns false when the JSON is not librdkafka statistics.
bool parse_kafka_stats(std::string_view json, KafkaStats& out);

}  // namespace netra::daemon
