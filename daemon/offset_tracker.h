#pragma once
// At-least-once offset tracking. An event consumed from a partition is `begin`-ed in consumption
// order; it is `complete`-d once every alert and dead-letter record it produced is acknowledged
// by the broker (or at once when it produced none). The committable offset of a partition is the
// offset after the highest event such that it and every earlier event are complete. Completion
// may arrive out of order and from any thread.
//
// A record the broker refused (after librdkafka's retries) `fail`s its event: the partition then
// never commits past it, so a restart reprocesses it (at-least-once, never a silent loss).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace netra::daemon {

class PartitionOffsets {
 public:
  PartitionOffsets(std::string topic, int32_t partition)
      : topic_(std::move(topic)), partition_(partition) {}

  const std::string& topic() const { return topic_; }
  int32_t partition() const { return partition_; }

  // Registers a consumed offset; offsets must be strictly increasing (gaps are fine).
  // Returns false (and ignores it) when it is not.
  bool begin(int64_t offset);
  // Marks an event done. Returns false for an unknown offset.
  bool complete(int64_t offset);
  // complete() for `n` offsets under one lock; returns how many were known and pending.
  size_t complete_many(const int64_t* offsets, size_t n);
  // Marks an event failed: it stays unsettled for commits but no longer counts as pending.
  bool fail(int64_t offset);

  // Offset to commit (last contiguous complete offset + 1), or -1 when nothing is committable.
  int64_t committable() const;
  // Events begun and neither complete nor failed.
  size_t pending() const;
  // True when an event failed: commits are stuck at it.
  bool blocked() const;

  // Remembers what was committed; `commit_needed` is true while committable() advanced past it.
  void set_committed(int64_t offset);
  int64_t committed() const;
  bool commit_needed() const;

  // Waits until pending() == 0 or the deadline passes; returns pending() == 0.
  template <class Clock, class Duration>
  bool wait_drained(std::chrono::time_point<Clock, Duration> deadline) {
    std::unique_lock lock(mu_);
    return cv_.wait_until(lock, deadline, [&] { return pending_ == 0; });
  }

 private:
  enum class State : uint8_t { pending, done, failed };
  struct Entry {
    int64_t offset;
    State state;
  };
  Entry* find(int64_t offset);
  void settle_locked(bool was_pending);

  const std::string topic_;
  const int32_t partition_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Entry> entries_;  // ascending offsets, front = oldest unsettled
  int64_t last_begun_ = -1;
  int64_t committable_ = -1;
  int64_t committed_ = -1;
  size_t pending_ = 0;
};

// The partitions currently assigned, by topic and partition.
class OffsetTracker {
 public:
  using Key = std::pair<std::string, int32_t>;

  // Adds (or replaces) a partition's state; returns it.
  std::shared_ptr<PartitionOffsets> assign(const std::string& topic, int32_t partition);
  // Forgets a partition; events still in flight keep their state alive but commit nothing.
  void revoke(const std::string& topic, int32_t partition);
  std::shared_ptr<PartitionOffsets> get(const std::string& topic, int32_t partition) const;
  std::vector<std::shared_ptr<PartitionOffsets>> all() const;
  size_t size() const;
  size_t pending() const;

 private:
  mutable std::mutex mu_;
  std::map<Key, std::shared_ptr<PartitionOffsets>> parts_;
};

}  // namespace netra::daemon
