#pragma once
// An allocator for large lookup tables: blocks of 2 MiB or more are 2 MiB
// aligned and marked for transparent huge pages (madvise), so that random
// probes into a table of many megabytes do not each miss the TLB. Where the
// kernel does not give huge pages the memory is simply ordinary pages.
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace netra::matchers {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge / 4)
      return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHuge / 4)
      ::operator delete (p, std::align_val_t{alignof(T)});
    else
      std::free(p);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace netra::matchers
