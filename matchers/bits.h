#pragma once
// Bit sets stored in 64-bit words (the matchers' filters and flags).
#include <cstdint>
#include <vector>

namespace netra::matchers {

inline void set_bit(std::vector<uint64_t>& bits, uint64_t b) { bits[b >> 6] |= 1ULL << (b & 63); }
inline bool test_bit(const std::vector<uint64_t>& bits, uint64_t b) {
  return (bits[b >> 6] >> (b & 63)) & 1;
}

}  // namespace netra::matchers
