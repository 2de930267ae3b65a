// `netra run`: the daemon. See daemon/README.md and docs/delivery.md.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/config.h"
#include "daemon/log.h"
#include "daemon/runner.h"

namespace netra::daemon {
namespace {

const char kRunFooter[] =
    "The daemon: consumes events from kafka.input_topics (consumer group kafka.group_id),\n"
    "classifies them, produces alerts to kafka.alert_topic and invalid events to\n"
    "kafka.dead_letter_topic, and commits offsets only once the broker acknowledged them.\n"
    "HTTP on http.listen: /metrics, /healthz, /readyz. Logs on stderr (log.format: text|json).\n"
    "\n"
    "signals: SIGTERM/SIGINT drain, flush, commit and exit 0 (within shutdown.timeout_seconds);\n"
    "         SIGHUP reloads rules, lists, registries and calendar (a failed reload keeps the old\n"
    "         set).\n"
    "\n"
    "exit status: 0 clean stop; 1 runtime failure (Kafka settings, the HTTP port, a fatal\n"
    "producer error); 2 usage or config error (bad flag, bad config file, rules or lists that\n"
    "fail to load); 3 shutdown deadline reached (a hung broker, records unacknowledged): what\n"
    "was not committed will be read again on restart; 4 the broker refused a record for good\n"
    "(message too large, unknown, invalid or unauthorised topic): netra stopped consuming and\n"
    "committed nothing past it; 5 delivery exactly_once: fenced by another instance with the\n"
    "same transactional.id, or a fatal transactional error (the open transaction is aborted;\n"
    "its events are re-read).";

struct RunArgs {
  ConfigArgs config;
  std::string log_level = "info";
};

int run(const RunArgs& args) {
  log::set_level_by_name(args.log_level);  // checked by the parser
  Config cfg;
  if (!load_config_reporting(args.config, {}, cfg)) return kExitUsage;
  log::set_format_by_name(cfg.log_format);
  log::write_fields(log::Level::info, "starting",
                    {{"version", version_string()}, {"config", cfg.file}});
  block_signals();
  Runner runner(std::move(cfg));
  auto stop_signals = handle_signals(runner);
  int rc = runner.run();
  stop_signals();
  return rc;
}

}  // namespace

Command add_run(CLI::App& netra) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = netra.add_subcommand(
      "run", "the daemon: Kafka in, alerts and dead letters out, /metrics /healthz /readyz");
  add_config_options(*cmd, args->config);
  cmd->add_option("--log-level", args->log_level, "debug, info (default), warn, error")
      ->type_name("LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  cmd->footer(kRunFooter);
  return {cmd, [args] { return run(*args); }};
}

}  // namespace netra::daemon
