#pragma once
// Which SIMD paths the matchers take. The AVX-512 ones (normalise() 64 bytes
// at a time, the phrase table's token boundaries 16 at a time) run where the
// CPU has AVX-512 F and BW, checked once at start-up.

// NETRA_AVX512: the compiler can build AVX-512 functions (x86-64, GCC or
// Clang); each is marked NETRA_TARGET_AVX512 and runs only when simd::avx512().
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NETRA_AVX512 1
#define NETRA_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,popcnt")))
#endif

namespace netra::matchers {

namespace simd {
extern bool g_avx512;  // set at start-up; only internal::set_avx512 changes it
inline bool avx512() { return g_avx512; }
}  // namespace simd

namespace internal {
// Test hook: turns the AVX-512 paths on (where the CPU has them) or off, so
// that tests can compare them with the others; returns whether they were on.
// Not thread-safe: call only from single-threaded tests.
bool set_avx512(bool on);
}  // namespace internal

}  // namespace netra::matchers
