#pragma once
// Test hooks for normalise(); not part of the module's API.

namespace netra::matchers::internal {

// Turns the SIMD fast path and the shortcuts off (true: the join pass runs
// whenever the fold pass flagged a lone letter) so tests can compare them with
// the plain path. Not thread-safe: call only from single-threaded tests.
void set_scalar_only(bool scalar_only);
// The AVX-512 paths: see internal::set_avx512 in matchers/simd.h.

}  // namespace netra::matchers::internal
