#pragma once
// The console's consumer of kafka.alert_topic, in its own consumer group
// (console.group_id). Offsets are committed only after the batch they cover
// is in the store; when the store refuses a write the partitions are paused
// and the batch retried, nothing committed meanwhile.
#include <atomic>
#include <string>

#include "console/ingest.h"
#include "daemon/config.h"

namespace netra::console {

struct ConsumerOptions {
  bool from_beginning = false;  // rebuild: a fresh group reading from offset 0
  bool stop_at_end = false;     // rebuild: stop once every partition reached its end
  std::string group_id;         // overrides console.group_id when set
};

// Runs until `stop` (or, with stop_at_end, the end of the topic). Returns 0,
// or 1 with the reason logged when the consumer cannot be created.
int run_consumer(const daemon::Config& cfg, const ConsumerOptions& opt, Store& store,
                 IngestStats& stats, const std::atomic<bool>& stop);

}  // namespace netra::console
