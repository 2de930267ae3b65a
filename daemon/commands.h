#pragma once
// One function per `netra` subcommand. Each parses its own flags (argv[0] is
// the subcommand name) and returns the process exit code.
namespace netra::daemon {

int cmd_scan(int argc, char** argv);   // daemon/cmd_scan.cc
int cmd_check(int argc, char** argv);  // daemon/cmd_check.cc
int cmd_test(int argc, char** argv);   // daemon/cmd_test.cc
int cmd_run(int argc, char** argv);    // daemon/cmd_run.cc
int cmd_demo(int argc, char** argv);   // daemon/cmd_demo.cc
int cmd_eval(int argc, char** argv);   // daemon/cmd_eval.cc

const char* version_string();  // "netra 0.1.0 (git abc123)"

}  // namespace netra::daemon
