#pragma once
// `netra console`: the patrol console service and its maintenance commands
// (console/README.md). argv[0] is "console".
#include "daemon/commands.h"

namespace netra::console {

int cmd_console(int argc, char** argv);

// Registers `netra console` on the top-level CLI11 app: everything after `console` goes to
// cmd_console, which parses its own verbs and options strictly (unknown ones exit 2).
daemon::Command add_console(CLI::App& netra);

}  // namespace netra::console
