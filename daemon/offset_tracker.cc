#include "daemon/offset_tracker.h"

#include <algorithm>

namespace netra::daemon {

bool PartitionOffsets::begin(int64_t offset) {
  std::lock_guard lock(mu_);
  if (offset <= last_begun_ || offset < 0) return false;
  last_begun_ = offset;
  entries_.push_back({offset, State::pending});
  ++pending_;
  return true;
}

PartitionOffsets::Entry* PartitionOffsets::find(int64_t offset) {
  if (entries_.empty()) return nullptr;
  // Fast path: offsets without gaps (the usual case) index directly.
  int64_t idx = offset - entries_.front().offset;
  if (idx >= 0 && idx < static_cast<int64_t>(entries_.size()) &&
      entries_[static_cast<size_t>(idx)].offset == offset)
    return &entries_[static_cast<size_t>(idx)];
  auto it = std::lower_bound(entries_.begin(), entries_.end(), offset,
                             [](const Entry& e, int64_t o) { return e.offset < o; });
  if (it == entries_.end() || it->offset != offset) return nullptr;
  return &*it;
}

void PartitionOffsets::settle_locked(bool was_pending) {
  if (was_pending && --pending_ == 0) cv_.notify_all();
  while (!entries_.empty() && entries_.front().state == State::done) {
    committable_ = entries_.front().offset + 1;
    entries_.pop_front();
  }
}

bool PartitionOffsets::complete(int64_t offset) {
  std::lock_guard lock(mu_);
  Entry* e = find(offset);
  if (!e || e->state == State::done) return false;
  bool was_pending = e->state == State::pending;
  e->state = State::done;
  settle_locked(was_pending);
  return true;
}

size_t PartitionOffsets::complete_many(const int64_t* offsets, size_t n) {
  std::lock_guard lock(mu_);
  size_t done = 0;
  for (size_t i = 0; i < n; ++i) {
    Entry* e = find(offsets[i]);
    if (!e || e->state != State::pending) continue;
    e->state = State::done;
    ++done;
  }
  if (done > 0) {
    pending_ -= done - 1;  // settle_locked takes the last one
    settle_locked(true);
  }
  return done;
}

bool PartitionOffsets::fail(int64_t offset) {
  std::lock_guard lock(mu_);
  Entry* e = find(offset);
  if (!e || e->state != State::pending) return false;
  e->state = State::failed;
  settle_locked(true);
  return true;
}

int64_t PartitionOffsets::committable() const {
  std::lock_guard lock(mu_);
  return committable_;
}

size_t PartitionOffsets::pending() const {
  std::lock_guard lock(mu_);
  return pending_;
}

bool PartitionOffsets::blocked() const {
  std::lock_guard lock(mu_);
  return !entries_.empty() && entries_.front().state == State::failed;
}

void PartitionOffsets::set_committed(int64_t offset) {
  std::lock_guard lock(mu_);
  committed_ = std::max(committed_, offset);
}

int64_t PartitionOffsets::committed() const {
  std::lock_guard lock(mu_);
  return committed_;
}

bool PartitionOffsets::commit_needed() const {
  std::lock_guard lock(mu_);
  return committable_ > committed_;
}

std::shared_ptr<PartitionOffsets> OffsetTracker::assign(const std::string& topic,
                                                        int32_t partition) {
  auto p = std::make_shared<PartitionOffsets>(topic, partition);
  std::lock_guard lock(mu_);
  parts_[{topic, partition}] = p;
  return p;
}

void OffsetTracker::revoke(const std::string& topic, int32_t partition) {
  std::lock_guard lock(mu_);
  parts_.erase({topic, partition});
}

std::shared_ptr<PartitionOffsets> OffsetTracker::get(const std::string& topic,
                                                     int32_t partition) const {
  std::lock_guard lock(mu_);
  auto it = parts_.find({topic, partition});
  return it == parts_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<PartitionOffsets>> OffsetTracker::all() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<PartitionOffsets>> out;
  out.reserve(parts_.size());
  for (auto& [k, v] : parts_) out.push_back(v);
  return out;
}

size_t OffsetTracker::size() const {
  std::lock_guard lock(mu_);
  return parts_.size();
}

size_t OffsetTracker::pending() const {
  size_t n = 0;
  for (auto& p : all()) n += p->pending();
  return n;
}

}  // namespace netra::daemon
