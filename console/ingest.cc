#include "console/ingest.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "daemon/log.h"

namespace netra::console {

void Batch::add(std::string_view record, const std::string& where, IngestStats& stats,
                const std::string& topic, int32_t partition, int64_t offset) {
  while (!record.empty() && (record.back() == '\n' || record.back() == '\r'))
    record.remove_suffix(1);
  Alert a;
  std::string detail;
  if (ParseError e = parse_alert(record, a, detail); e != ParseError::none) {
    const int64_t n = ++stats.bad;
    // Rate-limited: the first 100, then one in 1000.
    if (n <= 100 || n % 1000 == 0)
      NETRA_LOG_WARN("console: skipped alert record at %s: %s (%s) [%lld skipped so far]",
                     where.c_str(), parse_error_name(e), detail.c_str(), static_cast<long long>(n));
    return;
  }
  if (a.src_topic.empty() && !topic.empty()) {
    a.src_topic = topic;
    a.src_partition = partition;
    a.src_offset = offset;
  }
  alerts_.push_back(std::move(a));
}

bool Batch::write(Store& store, IngestStats& stats, std::string& error) {
  if (alerts_.empty()) return true;
  IngestResult r;
  if (!store.ingest(alerts_, r, error)) {
    ++stats.store_errors;
    stats.ready = false;
    return false;
  }
  stats.inserted += r.inserted;
  stats.duplicates += r.duplicates;
  ++stats.batches;
  stats.ready = true;
  alerts_.clear();
  return true;
}

bool ingest_file(const std::string& path, Store& store, IngestStats& stats, std::string& error,
                 size_t batch_size) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      error = "cannot read " + path;
      return false;
    }
    in = &file;
  }
  Batch batch;
  std::string line;
  int64_t n = 0;
  while (std::getline(*in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    batch.add(line, path + ":" + std::to_string(n), stats);
    if (batch.size() >= batch_size && !batch.write(store, stats, error)) return false;
  }
  if (in->bad()) {
    error = "read error in " + path;
    return false;
  }
  return batch.write(store, stats, error);
}

}  // namespace netra::console
