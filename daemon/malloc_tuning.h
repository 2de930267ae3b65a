#pragma once
// Start-up memory tuning: glibc malloc on transparent huge pages (docs/decisions/0020).

namespace netra::daemon {

// Call first thing in main(). When the environment does not already ask glibc's
// malloc for transparent huge pages (GLIBC_TUNABLES glibc.malloc.hugetlb), adds
// that tunable and re-executes the program (/proc/self/exe) once, with the same
// arguments; the tunable is only read when a process starts. Loading the ~258k
// KPU names touches ~190 MB of small allocations, and one page fault per 4 KiB
// page was a third of the start-up CPU time. Does nothing when NETRA_MALLOC_THP=0,
// when it already ran (NETRA_MALLOC_THP=1 is set before the exec), or when the
// exec fails (the process then simply goes on without huge pages).
void reexec_with_malloc_huge_pages(char** argv);

}  // namespace netra::daemon
