// netra: the ASN neutrality cyber-patrol daemon and its offline tools.
#include <cstdio>
#include <cstring>
#include <exception>

#include "console/cmd_console.h"
#include "daemon/commands.h"

namespace {

const char kUsage[] =
    "usage: netra <command> [options]\n"
    "\n"
    "commands:\n"
    "  scan    classify NDJSON events from files or stdin, alerts as NDJSON on stdout\n"
    "  run     the daemon: Kafka in, alerts and dead letters out, /metrics /healthz /readyz\n"
    "  check   validate config, rules, lists, registries and calendar; compile the matchers\n"
    "  test    run rule test cases (events in, expected alerts out)\n"
    "  demo    a self-contained run on an embedded Kafka with sample traffic\n"
    "  console the patrol console: alerts into cases, web UI for triage, users\n"
    "\n"
    "options:\n"
    "  --help       this text (or `netra <command> --help`)\n"
    "  --version    print the version\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace netra::daemon;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version") || !std::strcmp(argv[1], "version")) {
    std::printf("%s\n", version_string());
    return 0;
  }
  const char* cmd = argv[1];
  try {
    if (!std::strcmp(cmd, "scan")) return cmd_scan(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "run")) return cmd_run(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "test")) return cmd_test(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "demo")) return cmd_demo(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "console")) return netra::console::cmd_console(argc - 1, argv + 1);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netra %s: %s\n", cmd, e.what());
    return 1;
  }
  std::fprintf(stderr, "netra: unknown command '%s'\n\n%s", cmd, kUsage);
  return 2;
}
