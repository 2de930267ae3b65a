// netra check: validate config, rules, lists, registries and calendar offline.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>

#include "daemon/cli.h"
#include "daemon/commands.h"

namespace netra::daemon {
namespace {

struct CheckArgs {
  ConfigArgs config;
  bool keys = false;
  bool quiet = false;
};

int check(const CheckArgs& args) {
  if (args.keys) {
    for (const auto& k : config_keys())
      std::printf("%-32s %-7s default %-28s %s\n", k.key, k.type,
                  (*k.default_value ? k.default_value : "\"\""), k.description);
    return kExitOk;
  }
  Config config;
  auto t0 = std::chrono::steady_clock::now();
  auto rules = load_all(args.config, config, true);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!rules) {
    std::fprintf(stderr, "netra check: FAILED\n");
    return kExitUsage;
  }
  if (!args.quiet)
    std::printf(
        "netra check: ok: config %s, %zu rules, %zu patterns, rules version %s, "
        "matchers %s in %.2f s\n",
        config.file.c_str(), rules->rule_count(), rules->pattern_count(), rules->version().c_str(),
        rules->cache_hit() ? "loaded from cache" : "compiled", s);
  return kExitOk;
}

}  // namespace

Command add_check(CLI::App& netra) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = netra.add_subcommand(
      "check", "validate config, rules, lists, registries and calendar; compile the matchers");
  add_config_options(*cmd, args->config);
  cmd->add_flag("--keys", args->keys,
                "list every config key with its type, default and description");
  cmd->add_flag("--quiet", args->quiet, "print problems only");
  cmd->footer(
      std::string(
          "Validates the daemon config, rules, pattern lists, entity lists, candidate lists,\n"
          "registries and calendar, and compiles the matcher databases (filling the cache).\n"
          "Every problem is printed as FILE:LINE: error|warning: message.\n\n") +
      "exit status: 0 no error; 2 any error in the config, rules, lists, registries or\n"
      "calendar (or a bad flag).");
  return {cmd, [args] { return check(*args); }};
}

}  // namespace netra::daemon
