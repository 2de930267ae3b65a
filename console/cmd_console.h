#pragma once
// `netra console`: the patrol console service and its maintenance commands
// (console/README.md). argv[0] is "console".
namespace netra::console {

int cmd_console(int argc, char** argv);

}  // namespace netra::console
