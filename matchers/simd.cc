#include "matchers/simd.h"

namespace netra::matchers {
namespace {

bool cpu_has_avx512() {
#if NETRA_AVX512
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
#else
  return false;
#endif
}

}  // namespace

bool simd::g_avx512 = cpu_has_avx512();

bool internal::set_avx512(bool on) {
  const bool had = simd::g_avx512;
  simd::g_avx512 = on && cpu_has_avx512();
  return had;
}

}  // namespace netra::matchers
