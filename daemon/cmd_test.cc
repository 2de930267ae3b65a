// netra test: rule test cases (events in, expected alerts out).
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <set>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "engine/engine.h"
#include "engine/json_out.h"

namespace netra::daemon {
namespace {

const char kCaseFormat[] =
    "Runs rule test cases. A case file is YAML:\n"
    "\n"
    "  cases:\n"
    "    - name: like on a candidate account during the campaign\n"
    "      now: 2024-01-15T00:00:00Z          # detection time (optional)\n"
    "      event: {event_id: e1, platform: x, action: like, ...}   # or event_json: '...'\n"
    "      outcome: alerted                   # alerted|clean|not_asn|invalid (optional)\n"
    "      reason: missing_field:ts           # for invalid (optional)\n"
    "      alerts:                            # exactly these rules fire; [] = none\n"
    "        - rule_id: engage_political_account\n"
    "          severity: high                 # optional checks: severity, phase, race,\n"
    "          target: Prabowo                #   track, skb_item, target (substring of\n"
    "          evidence: coblos               #   target.entity), evidence (substring of\n"
    "                                         #   an evidence text), modifiers\n"
    "      suppressed:                        # optional: exactly these would-be alerts are\n"
    "        - {rule_id: campaign_event_presence, reason: negation}   # suppressed, by reason\n"
    "\n"
    "Prints one line per case and a last line 'N passed, N failed'.\n"
    "\n"
    "exit status: 0 every case passed; 1 a case failed or a case file cannot be read;\n"
    "2 usage or config error (bad flag, bad config or rules).";

struct TestArgs {
  ConfigArgs config;
  bool verbose = false;
  std::vector<std::string> files;
};

void to_json(const YAML::Node& n, std::string& out) {
  if (n.IsMap()) {
    out += '{';
    bool first = true;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!first) out += ',';
      first = false;
      engine::json_string(out, it->first.as<std::string>());
      out += ':';
      to_json(it->second, out);
    }
    out += '}';
  } else if (n.IsSequence()) {
    out += '[';
    for (size_t i = 0; i < n.size(); ++i) {
      if (i) out += ',';
      to_json(n[i], out);
    }
    out += ']';
  } else if (n.IsNull()) {
    out += "null";
  } else {
    engine::json_string(out, n.as<std::string>());
  }
}

std::string get_str(simdjson::dom::element e, const char* path) {
  std::string_view v;
  if (e.at_pointer(path).get_string().get(v)) return {};
  return std::string(v);
}

// Checks one expected alert against an actual one; returns "" or the mismatch.
std::string compare(const YAML::Node& want, simdjson::dom::element got) {
  std::string msg;
  auto eq = [&](const char* key, const char* pointer) {
    if (!want[key]) return;
    std::string w = want[key].as<std::string>(), g = get_str(got, pointer);
    if (w != g) msg += std::string(" ") + key + "=" + g + " (want " + w + ")";
  };
  eq("severity", "/severity");
  eq("phase", "/phase");
  eq("race", "/race");
  eq("track", "/track");
  eq("skb_item", "/skb_item");
  if (want["target"]) {
    std::string w = want["target"].as<std::string>(), g = get_str(got, "/target/entity");
    if (g.find(w) == std::string::npos) msg += " target=" + g + " (want ~" + w + ")";
  }
  if (want["evidence"]) {
    std::string w = want["evidence"].as<std::string>();
    bool found = false;
    simdjson::dom::array ev;
    if (!got["evidence"].get_array().get(ev))
      for (auto item : ev) {
        std::string_view t;
        if (!item["text"].get_string().get(t) && t.find(w) != std::string_view::npos) found = true;
      }
    if (!found) msg += " evidence has no '" + w + "'";
  }
  if (want["modifiers"]) {
    std::set<std::string> w, g;
    for (const auto& m : want["modifiers"]) w.insert(m.as<std::string>());
    simdjson::dom::array mods;
    if (!got["modifiers"].get_array().get(mods))
      for (auto m : mods) {
        std::string_view s;
        if (!m.get_string().get(s)) g.insert(std::string(s));
      }
    if (w != g) msg += " modifiers differ";
  }
  return msg;
}

int run_cases(const TestArgs& args) {
  const bool verbose = args.verbose;
  Config config;
  auto rules = load_all(args.config, config, false);
  if (!rules) return kExitUsage;
  engine::Worker worker(rules);
  engine::Output out;
  simdjson::dom::parser parser;
  int passed = 0, failed = 0;
  for (const auto& file : args.files) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(file);
    } catch (const YAML::Exception& e) {
      std::printf("not ok - %s:%d: %s\n", file.c_str(), e.mark.line + 1, e.msg.c_str());
      ++failed;
      continue;
    }
    if (!root["cases"] || !root["cases"].IsSequence()) {
      std::printf("not ok - %s: expected 'cases:' with a list\n", file.c_str());
      ++failed;
      continue;
    }
    for (const auto& c : root["cases"]) {
      const int line = c.Mark().line + 1;
      std::string name =
          c["name"] ? c["name"].as<std::string>() : "case at line " + std::to_string(line);
      std::string where = file + ":" + std::to_string(line);
      std::string event;
      if (c["event_json"])
        event = c["event_json"].as<std::string>();
      else if (c["event"])
        to_json(c["event"], event);
      else {
        std::printf("not ok - %s %s: no event\n", where.c_str(), name.c_str());
        ++failed;
        continue;
      }
      std::chrono::system_clock::time_point now;
      if (!parse_now(c["now"] ? c["now"].as<std::string>() : "2024-12-01T00:00:00Z", now)) {
        std::printf("not ok - %s %s: bad 'now'\n", where.c_str(), name.c_str());
        ++failed;
        continue;
      }
      worker.process(event, nullptr, now, out);
      std::string problems;
      if (c["outcome"] && c["outcome"].as<std::string>() != engine::outcome_name(out.outcome))
        problems += " outcome=" + std::string(engine::outcome_name(out.outcome)) + " (want " +
                    c["outcome"].as<std::string>() + ")";
      if (c["reason"] && c["reason"].as<std::string>() != out.reason.str())
        problems += " reason=" + out.reason.str() + " (want " + c["reason"].as<std::string>() + ")";
      if (c["alerts"]) {
        std::vector<simdjson::dom::element> got;
        std::vector<std::string> docs(out.alert_count);
        std::multiset<std::string> got_ids, want_ids;
        std::vector<simdjson::dom::document> parsed(out.alert_count);
        for (size_t i = 0; i < out.alert_count; ++i) {
          got_ids.insert(out.alerts[i].rule_id);
          docs[i] = out.alerts[i].json;
        }
        for (const auto& w : c["alerts"]) want_ids.insert(w["rule_id"].as<std::string>());
        if (got_ids != want_ids) {
          problems += " fired [";
          for (const auto& id : got_ids) problems += " " + id;
          problems += " ] want [";
          for (const auto& id : want_ids) problems += " " + id;
          problems += " ]";
        } else {
          for (const auto& w : c["alerts"]) {
            for (size_t i = 0; i < out.alert_count; ++i) {
              if (out.alerts[i].rule_id != w["rule_id"].as<std::string>()) continue;
              simdjson::dom::element el;
              simdjson::dom::parser p;
              if (p.parse(docs[i]).get(el)) {
                problems += " alert JSON does not parse";
                break;
              }
              std::string m = compare(w, el);
              if (!m.empty()) problems += " " + w["rule_id"].as<std::string>() + ":" + m;
              break;
            }
          }
        }
      }
      if (c["suppressed"]) {
        std::multiset<std::string> got, want;
        for (size_t i = 0; i < out.suppressed_count; ++i)
          got.insert(out.suppressed[i].rule_id + ":" + out.suppressed[i].reason);
        for (const auto& w : c["suppressed"])
          want.insert(w["rule_id"].as<std::string>("") + ":" + w["reason"].as<std::string>(""));
        if (got != want) {
          problems += " suppressed [";
          for (const auto& id : got) problems += " " + id;
          problems += " ] want [";
          for (const auto& id : want) problems += " " + id;
          problems += " ]";
        }
      }
      if (problems.empty()) {
        ++passed;
        std::printf("ok - %s %s\n", where.c_str(), name.c_str());
      } else {
        ++failed;
        std::printf("not ok - %s %s:%s\n", where.c_str(), name.c_str(), problems.c_str());
      }
      if (verbose)
        for (size_t i = 0; i < out.alert_count; ++i)
          std::printf("  %s\n", out.alerts[i].json.c_str());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? kExitFailure : kExitOk;
}

}  // namespace

Command add_test(CLI::App& netra) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* cmd =
      netra.add_subcommand("test", "run rule test cases (events in, expected alerts out)");
  add_config_options(*cmd, args->config);
  cmd->add_flag("--verbose", args->verbose, "print the alerts of every case");
  cmd->add_option("CASES", args->files, "YAML case files")->type_name("FILE")->required();
  cmd->footer(kCaseFormat);
  return {cmd, [args] { return run_cases(*args); }};
}

}  // namespace netra::daemon
