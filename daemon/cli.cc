#include "daemon/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstring>
#include <exception>

#include "engine/event.h"

namespace netra::daemon {
namespace {

const char* g_argv0 = nullptr;  // for default_config_path's last resort

const char kTopFooter[] =
    "Run 'netra <command> --help' for a command's options.\n"
    "\n"
    "exit status (every command):\n"
    "  0  ok\n"
    "  1  runtime failure: unreadable input, failed write, Kafka, failed test cases\n"
    "     (and rules that fail to load when `netra run` starts)\n"
    "  2  usage or config error: unknown flag or command, bad value, bad config file or rules\n"
    "  3  `netra run` only: stopped at the shutdown deadline with records unacknowledged\n";

}  // namespace

const char* version_string() { return "netra " NETRA_VERSION " (git " NETRA_GIT ")"; }

void add_config_options(CLI::App& cmd, ConfigArgs& args) {
  cmd.add_option("--config", args.config,
                 "config file (default: $NETRA_CONFIG, else config/netra.yaml)")
      ->type_name("FILE");
  cmd.add_option("--set", args.sets, "override a config key (repeatable), e.g. --set workers=4")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

bool load_config_reporting(const ConfigArgs& args, const std::vector<std::string>& preset,
                           Config& config) {
  std::vector<engine::Diagnostic> diags;
  const std::string file = args.config.empty() ? default_config_path(g_argv0) : args.config;
  std::vector<std::string> sets = preset;
  sets.insert(sets.end(), args.sets.begin(), args.sets.end());
  const bool ok = load_config(file, sets, config, diags);
  for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
  return ok;
}

std::shared_ptr<const engine::RuleSet> load_all(const ConfigArgs& args, Config& config,
                                                bool verbose) {
  if (!load_config_reporting(args, {}, config)) return nullptr;
  std::vector<engine::Diagnostic> diags;
  auto rules = engine::RuleSet::load(config.engine, diags);
  for (const auto& d : diags)
    if (!d.warning || verbose) std::fprintf(stderr, "%s\n", d.str().c_str());
  return rules;
}

bool parse_now(const std::string& s, std::chrono::system_clock::time_point& out) {
  if (s.empty()) {
    out = std::chrono::system_clock::now();
    return true;
  }
  int64_t t;
  int off;
  if (!engine::parse_rfc3339(s, t, off)) return false;
  out = std::chrono::system_clock::time_point(std::chrono::seconds(t));
  return true;
}

std::string errno_text(int err) { return std::strerror(err); }

int run_cli(int argc, char** argv, std::initializer_list<Command (*)(CLI::App&)> commands) {
  g_argv0 = argc > 0 ? argv[0] : nullptr;
  CLI::App app("netra: the ASN neutrality cyber-patrol daemon and its offline tools", "netra");
  app.footer(kTopFooter);
  app.set_version_flag("--version", version_string());
  app.require_subcommand(1);
  std::vector<Command> cmds;
  for (auto add : commands) cmds.push_back(add(app));
  for (const auto& c : cmds) c.app->set_version_flag("--version", version_string());

  if (argc >= 2 && (!std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "version"))) {
    std::printf("%s\n", argv[1][0] == 'h' ? app.help().c_str() : version_string());
    return kExitOk;
  }
  if (argc < 2) {
    std::fputs(app.help().c_str(), stderr);
    return kExitUsage;
  }
  bool known = argv[1][0] == '-';
  for (const auto& c : cmds) known |= c.app->check_name(argv[1]);
  if (!known) {
    std::fprintf(stderr, "netra: unknown command '%s'\nRun 'netra --help' for the commands.\n",
                 argv[1]);
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    auto chosen = app.get_subcommands();
    const std::string name = chosen.empty() ? "netra" : "netra " + chosen.back()->get_name();
    // CLI11 checks required arguments before unknown ones: an unknown flag is named first.
    std::string what = e.what(), unknown;
    for (const auto& arg : app.remaining(true))
      if (arg.size() > 1 && arg[0] == '-') unknown += (unknown.empty() ? "" : ", ") + arg;
    if (!unknown.empty()) what = "unknown option " + unknown;
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", name.c_str(), what.c_str(),
                 name.c_str());
    return kExitUsage;
  }
  for (const auto& c : cmds) {
    if (!c.app->parsed()) continue;
    try {
      return c.run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "netra %s: %s\n", c.app->get_name().c_str(), e.what());
      return kExitFailure;
    }
  }
  return kExitUsage;  // unreachable: require_subcommand(1)
}

}  // namespace netra::daemon
