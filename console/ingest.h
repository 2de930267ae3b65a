#pragma once
// Alert records into the store: from an NDJSON file (tests, replays) or from
// the alert topic (console/consumer.h). Bad records are counted, logged with
// where they came from, and skipped.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "console/store.h"

namespace netra::console {

struct IngestStats {
  std::atomic<int64_t> inserted{0}, duplicates{0}, bad{0}, batches{0}, store_errors{0};
  std::atomic<bool> ready{false};  // false while the store refuses writes
};

// Collects parsed alerts for one store transaction.
class Batch {
 public:
  // Parses `record`; a bad one is counted in `stats` and logged with `where`
  // ("file:line" or "topic[partition]@offset"). The source fields are set
  // from `topic`, `partition` and `offset` when the record carries none.
  void add(std::string_view record, const std::string& where, IngestStats& stats,
           const std::string& topic = "", int32_t partition = -1, int64_t offset = -1);
  // Writes the batch; on success clears it and updates `stats`. On failure the
  // batch is kept (the caller retries; nothing is acknowledged meanwhile).
  bool write(Store& store, IngestStats& stats, std::string& error);
  size_t size() const { return alerts_.size(); }
  bool empty() const { return alerts_.empty(); }

 private:
  std::vector<Alert> alerts_;
};

// Reads an alerts NDJSON file ("-" = stdin) into the store in batches of
// `batch_size`. False when the file cannot be read or the store refuses a write.
bool ingest_file(const std::string& path, Store& store, IngestStats& stats, std::string& error,
                 size_t batch_size = 1000);

}  // namespace netra::console
