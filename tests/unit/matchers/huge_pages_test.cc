#include "matchers/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace netra::matchers {
namespace {

struct alignas(64) Line {
  uint64_t v[8];
};

TEST(HugePageAllocator, SmallAndLargeBlocksAreAlignedAndUsable) {
  // Below a quarter of 2 MiB: ordinary (but correctly aligned) memory.
  std::vector<Line, HugePageAllocator<Line>> small(100);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(small.data()) % alignof(Line), 0u);
  // A large table: 2 MiB aligned, so the kernel can back it with huge pages.
  std::vector<uint64_t, HugePageAllocator<uint64_t>> big(3u << 20, 7);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % (2u << 20), 0u);
  EXPECT_EQ(big[0], 7u);
  EXPECT_EQ(big.back(), 7u);
  big.assign(5u << 20, 9);  // grows: the old block is freed with the right call
  EXPECT_EQ(big[(5u << 20) - 1], 9u);
  small[99].v[7] = 1;
  EXPECT_EQ(small[99].v[7], 1u);
}

}  // namespace
}  // namespace netra::matchers
