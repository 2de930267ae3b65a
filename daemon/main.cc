// netra: the ASN neutrality cyber-patrol daemon and its offline tools.
#include "console/cmd_console.h"
#include "daemon/cli.h"
#include "daemon/commands.h"

int main(int argc, char** argv) {
  using namespace netra::daemon;
  return run_cli(argc, argv,
                 {add_scan, add_run, add_check, add_test, add_eval, add_demo, add_alerts,
                  netra::console::add_console});
}
