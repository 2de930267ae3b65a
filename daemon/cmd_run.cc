// `netra run`: the daemon. See daemon/README.md and docs/delivery.md.
#include <cstdio>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/config.h"
#include "daemon/log.h"
#include "daemon/runner.h"

namespace netra::daemon {
namespace {

const char kRunUsage[] =
    "usage: netra run [--config FILE] [--set KEY=VALUE]... [--log-level LEVEL]\n"
    "\n"
    "The daemon: consumes events from kafka.input_topics (consumer group kafka.group_id),\n"
    "classifies them, produces alerts to kafka.alert_topic and invalid events to\n"
    "kafka.dead_letter_topic, and commits offsets only once the broker acknowledged them.\n"
    "HTTP on http.listen: /metrics, /healthz, /readyz.\n"
    "\n"
    "signals: SIGTERM/SIGINT drain, flush, commit and exit 0 (within shutdown.timeout_seconds);\n"
    "         SIGHUP reloads rules, lists, registries and calendar (a failed reload keeps the old\n"
    "         set).\n"
    "\n"
    "options:\n"
    "  --config FILE       config file (default: $NETRA_CONFIG, else config/netra.yaml)\n"
    "  --set KEY=VALUE     override a config key (repeatable), e.g. --set workers=4\n"
    "  --log-level LEVEL   debug, info (default), warn, error\n"
    "\n"
    "exit status: 0 clean stop; 1 bad config, rules or Kafka settings; 3 stopped at the\n"
    "shutdown deadline with records unacknowledged (not committed; re-read on restart)\n";

}  // namespace

int cmd_run(int argc, char** argv) {
  CommonArgs args = parse_args(argc, argv, {"--log-level"});
  if (args.help) {
    std::fputs(kRunUsage, stdout);
    return 0;
  }
  if (!args.error.empty()) {
    std::fprintf(stderr, "netra run: %s\n\n%s", args.error.c_str(), kRunUsage);
    return 2;
  }
  for (const auto& [name, value] : args.options) {
    if (name != "--log-level") {
      std::fprintf(stderr, "netra run: unknown option %s\n\n%s", name.c_str(), kRunUsage);
      return 2;
    }
  }
  if (!args.positional.empty()) {
    std::fprintf(stderr, "netra run: unexpected argument '%s'\n\n%s", args.positional[0].c_str(),
                 kRunUsage);
    return 2;
  }
  if (!log::set_level_by_name(args.option("--log-level"))) {
    std::fprintf(stderr, "netra run: --log-level must be debug, info, warn or error\n");
    return 2;
  }
  Config cfg;
  std::vector<engine::Diagnostic> diags;
  std::string file = args.config.empty() ? default_config_path(argv[0]) : args.config;
  if (!load_config(file, args.sets, cfg, diags)) {
    for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
    return 1;
  }
  for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
  NETRA_LOG_INFO("%s starting with config %s", version_string(), file.c_str());
  block_signals();
  Runner runner(std::move(cfg));
  auto stop_signals = handle_signals(runner);
  int rc = runner.run();
  stop_signals();
  return rc;
}

}  // namespace netra::daemon
