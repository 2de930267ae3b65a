#include "daemon/malloc_tuning.h"

#include <stdlib.h>
#include <unistd.h>

#include <string>

namespace netra::daemon {

void reexec_with_malloc_huge_pages(char** argv) {
  const char* mode = ::getenv("NETRA_MALLOC_THP");
  if (mode && *mode) return;  // "0": off; "1": this is the re-executed process
  const char* tunables = ::getenv("GLIBC_TUNABLES");
  std::string value = tunables ? tunables : "";
  if (value.find("glibc.malloc.hugetlb") != std::string::npos) return;  // the user's choice
  value += value.empty() ? "" : ":";
  value += "glibc.malloc.hugetlb=1";  // madvise(MADV_HUGEPAGE) on the heap
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0 ||
      ::setenv("NETRA_MALLOC_THP", "1", 1) != 0)
    return;
  ::execv("/proc/self/exe", argv);
  // exec failed (no /proc, seccomp): go on as we are, without the tunable.
  if (tunables)
    ::setenv("GLIBC_TUNABLES", tunables, 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
}

}  // namespace netra::daemon
