// netra check: validate config, rules, lists, registries and calendar offline.
#include <chrono>
#include <cstdio>

#include "daemon/cli.h"
#include "daemon/commands.h"

namespace netra::daemon {
namespace {

const char kHelp[] =
    "usage: netra check [--config FILE] [--set KEY=VALUE]... [--keys] [--quiet]\n"
    "\n"
    "Validates the daemon config, rules, pattern lists, entity lists, candidate lists,\n"
    "registries and calendar, and compiles the matcher databases (filling the cache).\n"
    "Every problem is printed as FILE:LINE: error|warning: message. Exit 0 when there\n"
    "is no error, 1 otherwise.\n"
    "\n"
    "  --keys    list every config key with its type, default and description\n"
    "  --quiet   print problems only\n";

}  // namespace

int cmd_check(int argc, char** argv) {
  CommonArgs args = parse_args(argc, argv, {});
  if (args.help) return std::fputs(kHelp, stdout), 0;
  if (!args.error.empty()) return std::fprintf(stderr, "netra check: %s\n", args.error.c_str()), 2;
  if (args.flag("--keys")) {
    for (const auto& k : config_keys())
      std::printf("%-32s %-7s default %-28s %s\n", k.key, k.type,
                  (*k.default_value ? k.default_value : "\"\""), k.description);
    return 0;
  }
  Config config;
  auto t0 = std::chrono::steady_clock::now();
  auto rules = load_all(args, argv[0], config, true);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!rules) {
    std::fprintf(stderr, "netra check: FAILED\n");
    return 1;
  }
  if (!args.flag("--quiet"))
    std::printf(
        "netra check: ok: config %s, %zu rules, %zu patterns, rules version %s, "
        "matchers %s in %.2f s\n",
        config.file.c_str(), rules->rule_count(), rules->pattern_count(), rules->version().c_str(),
        rules->cache_hit() ? "loaded from cache" : "compiled", s);
  return 0;
}

}  // namespace netra::daemon
