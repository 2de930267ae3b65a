#include "daemon/cli.h"

#include <cstdio>

#include "daemon/commands.h"
#include "engine/event.h"

namespace netra::daemon {

const char* version_string() { return "netra " NETRA_VERSION " (git " NETRA_GIT ")"; }

bool CommonArgs::flag(const std::string& name) const {
  for (const auto& [k, v] : options)
    if (k == name) return true;
  return false;
}

std::string CommonArgs::option(const std::string& name, const std::string& fallback) const {
  for (const auto& [k, v] : options)
    if (k == name) return v;
  return fallback;
}

CommonArgs parse_args(int argc, char** argv, const std::vector<std::string>& with_value) {
  CommonArgs a;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      a.help = true;
      continue;
    }
    if (arg == "-" || arg.rfind("--", 0) != 0) {
      a.positional.push_back(arg);
      continue;
    }
    std::string name = arg, value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    bool takes = name == "--config" || name == "--set";
    for (const auto& w : with_value) takes |= name == w;
    if (takes && !has_value) {
      if (i + 1 >= argc) {
        a.error = name + " needs a value";
        return a;
      }
      value = argv[++i];
    }
    if (name == "--config")
      a.config = value;
    else if (name == "--set")
      a.sets.push_back(value);
    else
      a.options.emplace_back(name, value);
  }
  return a;
}

std::shared_ptr<const engine::RuleSet> load_all(const CommonArgs& args, const char* argv0,
                                                Config& config, bool verbose) {
  std::vector<engine::Diagnostic> diags;
  std::string file = args.config.empty() ? default_config_path(argv0) : args.config;
  if (!load_config(file, args.sets, config, diags)) {
    for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
    return nullptr;
  }
  diags.clear();
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

}  // namespace netra::daemon
