#include "daemon/offset_tracker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <thread>

namespace netra::daemon {
namespace {

TEST(PartitionOffsets, NothingCommittableUntilFirstCompletes) {
  PartitionOffsets p("t", 0);
  EXPECT_EQ(p.committable(), -1);
  ASSERT_TRUE(p.begin(10));
  ASSERT_TRUE(p.begin(11));
  EXPECT_EQ(p.committable(), -1);
  EXPECT_EQ(p.pending(), 2u);
  ASSERT_TRUE(p.complete(11));
  EXPECT_EQ(p.committable(), -1) << "11 done but 10 is not: nothing committable";
  ASSERT_TRUE(p.complete(10));
  EXPECT_EQ(p.committable(), 12);
  EXPECT_EQ(p.pending(), 0u);
}

TEST(PartitionOffsets, GapsInOffsetsAreFine) {
  PartitionOffsets p("t", 0);
  for (int64_t o : {3, 7, 8, 20}) ASSERT_TRUE(p.begin(o));
  EXPECT_TRUE(p.complete(3));
  EXPECT_EQ(p.committable(), 4);
  EXPECT_TRUE(p.complete(8));
  EXPECT_EQ(p.committable(), 4);
  EXPECT_TRUE(p.complete(7));
  EXPECT_EQ(p.committable(), 9);
  EXPECT_TRUE(p.complete(20));
  EXPECT_EQ(p.committable(), 21);
}

TEST(PartitionOffsets, RejectsOutOfOrderBeginAndUnknownComplete) {
  PartitionOffsets p("t", 0);
  EXPECT_TRUE(p.begin(5));
  EXPECT_FALSE(p.begin(5));
  EXPECT_FALSE(p.begin(4));
  EXPECT_FALSE(p.complete(6));
  EXPECT_TRUE(p.complete(5));
  EXPECT_FALSE(p.complete(5)) << "double completion is reported";
}

TEST(PartitionOffsets, FailureBlocksCommitsButNotDrain) {
  PartitionOffsets p("t", 0);
  for (int64_t o = 0; o < 4; ++o) ASSERT_TRUE(p.begin(o));
  EXPECT_TRUE(p.complete(0));
  EXPECT_TRUE(p.fail(1));
  EXPECT_TRUE(p.complete(2));
  EXPECT_TRUE(p.complete(3));
  EXPECT_EQ(p.committable(), 1) << "never past the failed event";
  EXPECT_TRUE(p.blocked());
  EXPECT_EQ(p.pending(), 0u);
  EXPECT_TRUE(p.wait_drained(std::chrono::steady_clock::now()));
}

TEST(PartitionOffsets, CompleteManyIsCompleteForEachPendingOffset) {
  PartitionOffsets p("t", 0);
  for (int64_t o = 0; o < 8; ++o) ASSERT_TRUE(p.begin(o));
  ASSERT_TRUE(p.fail(5));
  const int64_t some[] = {1, 2, 3};
  EXPECT_EQ(p.complete_many(some, 3), 3u);
  EXPECT_EQ(p.committable(), -1) << "0 is still pending";
  EXPECT_EQ(p.pending(), 4u);  // 0, 4, 6, 7 (5 failed)
  // Unknown, already done and failed offsets are skipped and not counted.
  const int64_t mixed[] = {0, 2, 4, 5, 6, 99};
  EXPECT_EQ(p.complete_many(mixed, 6), 3u);
  EXPECT_EQ(p.committable(), 5) << "never past the failed event";
  EXPECT_EQ(p.pending(), 1u);
  const int64_t last[] = {7};
  EXPECT_EQ(p.complete_many(last, 1), 1u);
  EXPECT_EQ(p.pending(), 0u);
  EXPECT_TRUE(p.wait_drained(std::chrono::steady_clock::now()));
  EXPECT_EQ(p.complete_many(last, 0), 0u);
  EXPECT_EQ(p.committable(), 5);
}

TEST(PartitionOffsets, CommitNeededTracksCommitted) {
  PartitionOffsets p("t", 0);
  EXPECT_FALSE(p.commit_needed());
  p.begin(0);
  p.complete(0);
  EXPECT_TRUE(p.commit_needed());
  p.set_committed(p.committable());
  EXPECT_FALSE(p.commit_needed());
  EXPECT_EQ(p.committed(), 1);
}

TEST(PartitionOffsets, ConcurrentOutOfOrderCompletion) {
  PartitionOffsets p("t", 3);
  constexpr int kN = 20000;
  for (int64_t o = 0; o < kN; ++o) ASSERT_TRUE(p.begin(o));
  std::vector<int64_t> order(kN);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937(42));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < kN; i += 4) p.complete(order[i]);
    });
  }
  bool drained = p.wait_drained(std::chrono::steady_clock::now() + std::chrono::seconds(10));
  for (auto& th : threads) th.join();
  EXPECT_TRUE(drained);
  EXPECT_EQ(p.committable(), kN);
}

TEST(PartitionOffsets, WaitDrainedTimesOut) {
  PartitionOffsets p("t", 0);
  p.begin(1);
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(p.wait_drained(t0 + std::chrono::milliseconds(20)));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(20));
}

TEST(OffsetTracker, AssignRevoke) {
  OffsetTracker t;
  auto a = t.assign("in", 0);
  auto b = t.assign("in", 1);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.get("in", 0), a);
  EXPECT_EQ(t.get("in", 2), nullptr);
  a->begin(0);
  b->begin(0);
  EXPECT_EQ(t.pending(), 2u);
  t.revoke("in", 0);
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(t.get("in", 0), nullptr);
  EXPECT_TRUE(a->complete(0)) << "late acks on a revoked partition are harmless";
  EXPECT_EQ(t.pending(), 1u);
  auto a2 = t.assign("in", 0);
  EXPECT_NE(a2, a) << "re-assignment starts fresh";
}

}  // namespace
}  // namespace netra::daemon
