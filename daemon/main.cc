// netra: the ASN neutrality cyber-patrol daemon and its offline tools.
#include "console/cmd_console.h"
#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/malloc_tuning.h"

int main(int argc, char** argv) {
  using namespace netra::daemon;
  reexec_with_malloc_huge_pages(argv);  // before any allocation worth the name
  return run_cli(argc, argv,
                 {add_scan, add_run, add_check, add_test, add_eval, add_demo, add_alerts,
                  netra::console::add_console});
}
