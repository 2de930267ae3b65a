#pragma once
// Shared command-line handling for the `netra` subcommands (CLI11). See daemon/commands.h for
// how a subcommand is added.
#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "daemon/commands.h"
#include "daemon/config.h"
#include "engine/ruleset.h"

namespace netra::daemon {

struct ConfigArgs {
  std::string config;             // --config FILE ("" = default lookup)
  std::vector<std::string> sets;  // --set KEY=VALUE, in order
};

// Adds --config FILE and --set KEY=VALUE (repeatable) to a subcommand.
void add_config_options(CLI::App& cmd, ConfigArgs& args);

// Loads --config (or the default file) with `preset` and then --set applied, printing every
// diagnostic (file:line: message) to stderr. False on any error (exit kExitUsage).
bool load_config_reporting(const ConfigArgs& args, const std::vector<std::string>& preset,
                           Config& config);

// Loads the config and the rule set, printing every diagnostic to stderr (warnings only when
// `verbose`). Returns nullptr on any error (exit kExitUsage).
std::shared_ptr<const engine::RuleSet> load_all(const ConfigArgs& args, Config& config,
                                                bool verbose);

// Parses --now (RFC 3339) or returns the system clock.
bool parse_now(const std::string& s, std::chrono::system_clock::time_point& out);

// strerror(err) as a string: the reason in every I/O error message.
std::string errno_text(int err);

// Builds the top-level app, registers `commands` (each an add_* of commands.h), parses argv and
// runs the chosen subcommand. Returns the process exit status: a parse error (unknown flag or
// command, missing or bad value) prints "netra <cmd>: <what>" and returns kExitUsage.
int run_cli(int argc, char** argv, std::initializer_list<Command (*)(CLI::App&)> commands);

}  // namespace netra::daemon
