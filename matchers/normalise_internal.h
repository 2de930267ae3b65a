#pragma once
// Test hooks for normalise(); not part of the module's API.

namespace netra::matchers::internal {

// Turns the SIMD fast path and the shortcuts off (true: the join pass runs
// whenever the fold pass flagged a lone letter) so tests can compare them with
// the plain path. Not thread-safe: call only from single-threaded tests.
void set_scalar_only(bool scalar_only);
// Turns the 64-byte AVX-512 path on (where the CPU has it) or off, leaving the
// 16-byte path; returns whether it was on.
bool set_avx512(bool on);

}  // namespace netra::matchers::internal
