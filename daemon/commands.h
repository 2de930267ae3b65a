#pragma once
// The `netra` subcommands. Each cmd_<name>.cc defines one `add_<name>` that registers its CLI11
// subcommand on the top-level app (name, one-line description, its options bound to its own
// state, a footer with the details and exit status) and returns a Command whose `run` does the
// work once the command line parsed. main.cc calls every add_* and runs the one that was chosen;
// adding a subcommand is one such function and one line in main.cc's list.
#include <functional>

namespace CLI {
class App;
}

namespace netra::daemon {

// Exit status of every subcommand (documented in `netra --help`, README.md, docs/contract.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // runtime: unreadable input, failed write, Kafka, tests
inline constexpr int kExitUsage = 2;    // usage or config: bad flag or value, bad config or rules

struct Command {
  CLI::App* app = nullptr;  // the subcommand, owned by the top-level app
  std::function<int()> run;
};

Command add_scan(CLI::App& netra);   // daemon/cmd_scan.cc
Command add_check(CLI::App& netra);  // daemon/cmd_check.cc
Command add_test(CLI::App& netra);   // daemon/cmd_test.cc
Command add_run(CLI::App& netra);    // daemon/cmd_run.cc
Command add_demo(CLI::App& netra);   // daemon/cmd_demo.cc
Command add_eval(CLI::App& netra);   // daemon/cmd_eval.cc

Command add_alerts(CLI::App& netra);  // daemon/cmd_alerts.cc

const char* version_string();  // "netra 0.1.0 (git abc123)"

}  // namespace netra::daemon
