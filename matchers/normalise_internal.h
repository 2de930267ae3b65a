#pragma once
// Test hooks for normalise(); not part of the module's API.

namespace netra::matchers::internal {

// Turns the SIMD fast path off (true) so tests can compare it with the scalar
// path. Not thread-safe: call only from single-threaded tests.
void set_scalar_only(bool scalar_only);

}  // namespace netra::matchers::internal
