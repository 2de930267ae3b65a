#pragma once
// Shared command-line handling for the `netra` subcommands.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "daemon/config.h"
#include "engine/ruleset.h"

namespace netra::daemon {

struct CommonArgs {
  std::string config;             // --config FILE ("" = default lookup)
  std::vector<std::string> sets;  // --set KEY=VALUE
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;  // other --name[=value] flags
  bool help = false;
  std::string error;

  bool flag(const std::string& name) const;
  std::string option(const std::string& name, const std::string& fallback = "") const;
};

// Parses argv (argv[0] is the subcommand). `with_value` lists options that take
// a value ("--dead-letter FILE"); anything else starting with "--" is a flag.
CommonArgs parse_args(int argc, char** argv, const std::vector<std::string>& with_value);

// Loads the config and the rule set, printing every diagnostic to stderr.
// Returns nullptr on any error.
std::shared_ptr<const engine::RuleSet> load_all(const CommonArgs& args, const char* argv0,
                                                Config& config, bool verbose);

// Parses --now (RFC 3339) or returns the system clock.
bool parse_now(const std::string& s, std::chrono::system_clock::time_point& out);

}  // namespace netra::daemon
