// netra eval: labelled events in, per-rule precision/recall/F1 out.
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/eval_score.h"
#include "engine/engine.h"
#include "engine/json_out.h"
#include "engine/ruleset_data.h"

namespace netra::daemon {
namespace {

const char kEvalFooter[] =
    "Runs the engine (exactly as `netra scan` with the same config) over labelled events and\n"
    "scores the alerts. EVENTS is NDJSON (contract section 1); LABELS has one line per event:\n"
    "\n"
    "  {\"event_id\":\"a-0001\",\"expect\":[\"online_campaign_post\"],\"also_ok\":[],\n"
    "   \"groups\":[\"pilpres\",\"slang\"],\"note\":\"why\"}\n"
    "\n"
    "expect: rules that must fire ([] = silent); also_ok: rules that may fire without counting\n"
    "as false; groups: tags for the false-alert rate per group. (expected_rules and a single\n"
    "group string are read too.) With DIR every *.labels.ndjson and *.events.ndjson in it is\n"
    "read. Prints every miss and false alert with its text or evidence, then per rule support,\n"
    "tp, fp, fn, precision, recall and F1, their micro and macro figures, and per group the\n"
    "share of events with an unexpected alert.\n"
    "\n"
    "exit status: 0 ok; 1 when micro-F1 < --min-f1 or a rule that has support has recall <\n"
    "--min-recall; 2 on a usage, config or input error (bad JSON, invalid event, duplicate or\n"
    "unlabelled event, label without event, unknown rule id; each named as FILE:LINE).";

struct EvalArgs {
  ConfigArgs config;
  std::string now;
  bool json = false;
  double min_f1 = -1;                   // < 0: no threshold
  std::vector<std::string> min_recall;  // X or RULE=X, as given
  std::vector<std::string> inputs;      // LABELS EVENTS, or DIR
};

struct Thresholds {
  double min_recall = -1;                       // < 0: no threshold
  std::map<std::string, double> min_recall_of;  // --min-recall RULE=X
};

bool parse_ratio(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end && *end == 0 && out >= 0 && out <= 1;
}

std::string check_recall(const std::string& v) {
  size_t eq = v.find('=');
  double x;
  return parse_ratio(eq == std::string::npos ? v : v.substr(eq + 1), x)
             ? std::string()
             : "must be a number from 0 to 1 or RULE=number, got '" + v + "'";
}

Thresholds thresholds(const EvalArgs& a) {
  Thresholds t;
  for (const auto& v : a.min_recall) {
    size_t eq = v.find('=');
    double x = 0;
    parse_ratio(eq == std::string::npos ? v : v.substr(eq + 1), x);  // checked by the parser
    if (eq == std::string::npos)
      t.min_recall = x;
    else
      t.min_recall_of[v.substr(0, eq)] = x;
  }
  return t;
}

// The labels and events files named by the positional arguments; "" or an error message.
std::string input_files(const EvalArgs& a, std::vector<std::string>& labels,
                        std::vector<std::string>& events) {
  const auto& pos = a.inputs;
  std::error_code ec;
  if (pos.size() == 1 && std::filesystem::is_directory(pos[0], ec)) {
    std::set<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(pos[0], ec))
      files.insert(e.path().string());
    for (const auto& f : files) {
      if (f.ends_with(".labels.ndjson")) labels.push_back(f);
      if (f.ends_with(".events.ndjson")) events.push_back(f);
    }
    if (labels.empty() || events.empty())
      return pos[0] + " holds no *.labels.ndjson or no *.events.ndjson";
    return "";
  }
  if (pos.size() == 2) {
    for (const auto& f : pos)
      if (std::filesystem::is_directory(f, ec)) return f + ": " + errno_text(EISDIR);
    labels.push_back(pos[0]);
    events.push_back(pos[1]);
    return "";
  }
  return "give LABELS and EVENTS files, or one directory";
}

struct Where {
  std::string file;
  uint64_t line = 0;
};

std::string where(const Where& w) { return w.file + ":" + std::to_string(w.line); }

// Reads the non-blank lines of `file`; false (with a message) when it cannot be read.
template <typename F>
bool each_line(const std::string& file, F&& f) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::fprintf(stderr, "netra eval: cannot read %s\n", file.c_str()), false;
  std::string line;
  uint64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!f(line, Where{file, n})) return false;
  }
  return true;
}

bool fail(const Where& w, const std::string& msg) {
  std::fprintf(stderr, "%s: %s\n", where(w).c_str(), msg.c_str());
  return false;
}

// Reads a string array (or a single string) field; false on a wrong type.
bool string_list(simdjson::dom::object o, const char* key, std::vector<std::string>& out) {
  simdjson::dom::element e;
  if (o[key].get(e)) return true;  // absent
  std::string_view s;
  if (!e.get_string().get(s)) return out.emplace_back(s), true;
  simdjson::dom::array arr;
  if (e.get_array().get(arr)) return false;
  for (auto item : arr) {
    if (item.get_string().get(s)) return false;
    out.emplace_back(s);
  }
  return true;
}

struct Label {
  eval::Case c;
  Where at;
};

bool read_labels(const std::string& file, const std::set<std::string>& rules,
                 std::vector<Label>& out, std::map<std::string, size_t>& by_id) {
  simdjson::dom::parser parser;
  return each_line(file, [&](const std::string& line, const Where& w) {
    simdjson::dom::element doc;
    simdjson::dom::object o;
    if (auto err = parser.parse(line).get(doc))
      return fail(w, std::string("bad JSON: ") + simdjson::error_message(err));
    if (doc.get_object().get(o)) return fail(w, "not a JSON object");
    Label l;
    l.at = w;
    std::string_view id;
    if (o["event_id"].get_string().get(id) || id.empty())
      return fail(w, "event_id missing or not a string");
    l.c.event_id = id;
    bool has_expect = !o["expect"].error();
    if (!string_list(o, has_expect ? "expect" : "expected_rules", l.c.expect) ||
        !string_list(o, "also_ok", l.c.also_ok) || !string_list(o, "groups", l.c.groups) ||
        !string_list(o, "group", l.c.groups))
      return fail(w, "expect, also_ok and groups must be arrays of strings");
    if (!has_expect && o["expected_rules"].error()) return fail(w, "expect missing");
    for (const auto* list : {&l.c.expect, &l.c.also_ok})
      for (const auto& r : *list)
        if (!rules.count(r)) return fail(w, "unknown rule id '" + r + "'");
    if (!by_id.emplace(l.c.event_id, out.size()).second)
      return fail(w, "event " + l.c.event_id + " is labelled twice");
    out.push_back(std::move(l));
    return true;
  });
}

std::string str_at(simdjson::dom::element e, const char* pointer) {
  std::string_view v;
  if (e.at_pointer(pointer).get_string().get(v)) return {};
  return std::string(v);
}

// The event's text for a miss: text, else media captions/OCR, else the target.
std::string event_text(simdjson::dom::element ev) {
  std::string t = str_at(ev, "/text");
  simdjson::dom::array media;
  if (!ev["media"].get_array().get(media))
    for (auto m : media)
      for (const char* k : {"caption", "ocr_text"})
        if (auto s = str_at(m, (std::string("/") + k).c_str()); !s.empty())
          t += (t.empty() ? "" : " | ") + std::string(k) + ": " + s;
  if (t.empty()) {
    for (const char* k : {"target.handle", "target.display_name", "group.name"}) {
      std::string pointer = std::string("/") + k;
      pointer[pointer.find('.')] = '/';
      if (auto s = str_at(ev, pointer.c_str()); !s.empty())
        t += (t.empty() ? "" : " | ") + std::string(k) + ": " + s;
    }
  }
  return t;
}

bool read_events(const std::string& file, engine::Worker& worker,
                 std::chrono::system_clock::time_point now, std::vector<Label>& labels,
                 std::map<std::string, size_t>& by_id, std::set<std::string>& seen) {
  simdjson::dom::parser parser, alert_parser;
  engine::Output out;
  return each_line(file, [&](const std::string& line, const Where& w) {
    simdjson::dom::element ev;
    if (auto err = parser.parse(line).get(ev))
      return fail(w, std::string("bad JSON: ") + simdjson::error_message(err));
    std::string id = str_at(ev, "/event_id");
    auto it = by_id.find(id);
    if (id.empty() || it == by_id.end()) return fail(w, "event '" + id + "' has no label");
    if (!seen.insert(id).second) return fail(w, "event " + id + " appears twice");
    eval::Case& c = labels[it->second].c;
    c.text = event_text(ev);
    worker.process(line, nullptr, now, out);
    if (out.outcome == engine::Outcome::invalid)
      return fail(w, "invalid event: " + out.reason.str());
    for (size_t i = 0; i < out.alert_count; ++i) {
      eval::Fired f{out.alerts[i].rule_id, {}};
      simdjson::dom::array evidence;
      simdjson::dom::element alert;
      if (!alert_parser.parse(out.alerts[i].json).get(alert) &&
          !alert["evidence"].get_array().get(evidence))
        for (auto e : evidence)
          f.evidence.push_back(str_at(e, "/field") + ": " + str_at(e, "/text"));
      c.fired.push_back(std::move(f));
    }
    return true;
  });
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

void print_text(const eval::Report& r, const std::vector<eval::Case>& cases,
                const std::string& version) {
  auto item_line = [&](const eval::Item& it, bool miss) {
    const eval::Case& c = cases[it.case_index];
    std::string shown = miss ? c.text : joined(it.alert->evidence, " | ");
    for (char& ch : shown)
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';  // one line per item
    std::printf("  %s %s [%s] %s: %s\n", c.event_id.c_str(), it.rule_id.c_str(),
                joined(c.groups, ",").c_str(), miss ? "text" : "evidence", shown.c_str());
  };
  std::printf("misses (%zu):\n", r.misses.size());
  for (const auto& it : r.misses) item_line(it, true);
  std::printf("false alerts (%zu):\n", r.false_alerts.size());
  for (const auto& it : r.false_alerts) item_line(it, false);
  std::printf("\nnetra eval: %llu events (%llu expect a rule), rules %s\n",
              (unsigned long long)r.events, (unsigned long long)r.positive_events, version.c_str());
  std::printf("%-28s %7s %5s %5s %5s %9s %7s %6s\n", "rule", "support", "tp", "fp", "fn",
              "precision", "recall", "f1");
  auto row = [](const eval::RuleScore& s, bool counts) {
    if (counts)
      std::printf("%-28s %7llu %5llu %5llu %5llu %9.3f %7.3f %6.3f\n", s.rule_id.c_str(),
                  (unsigned long long)s.support, (unsigned long long)s.tp, (unsigned long long)s.fp,
                  (unsigned long long)s.fn, s.precision, s.recall, s.f1);
    else
      std::printf("%-28s %7llu %5s %5s %5s %9.3f %7.3f %6.3f\n", s.rule_id.c_str(),
                  (unsigned long long)s.support, "", "", "", s.precision, s.recall, s.f1);
  };
  for (const auto& s : r.rules) row(s, true);
  row(r.micro, true);
  row(r.macro, false);
  std::printf("\n%-20s %7s %12s %7s\n", "group", "events", "false-alert", "rate");
  for (const auto& g : r.groups)
    std::printf("%-20s %7llu %12llu %7.3f\n", g.group.c_str(), (unsigned long long)g.events,
                (unsigned long long)g.with_false_alert, g.rate);
}

template <typename Out>
void json_double(Out& out, std::string_view key, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  out += ',';
  engine::json_string(out, key);
  out += ':';
  out += buf;
}

void json_strings(std::string& out, std::string_view key, const std::vector<std::string>& v) {
  out += ',';
  engine::json_string(out, key);
  out += ":[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    engine::json_string(out, v[i]);
  }
  out += ']';
}

void json_score(std::string& out, const eval::RuleScore& s) {
  out += '{';
  engine::json_field(out, "rule_id", s.rule_id, true);
  engine::json_int(out, "support", int64_t(s.support));
  engine::json_int(out, "tp", int64_t(s.tp));
  engine::json_int(out, "fp", int64_t(s.fp));
  engine::json_int(out, "fn", int64_t(s.fn));
  json_double(out, "precision", s.precision);
  json_double(out, "recall", s.recall);
  json_double(out, "f1", s.f1);
  out += '}';
}

std::string to_json(const eval::Report& r, const std::vector<eval::Case>& cases,
                    const std::string& version, bool pass,
                    const std::vector<std::string>& failures) {
  std::string out = "{";
  engine::json_field(out, "rules_version", version, true);
  engine::json_int(out, "events", int64_t(r.events));
  engine::json_int(out, "positive_events", int64_t(r.positive_events));
  out += ",\"rules\":[";
  for (size_t i = 0; i < r.rules.size(); ++i) {
    if (i) out += ',';
    json_score(out, r.rules[i]);
  }
  out += "],\"micro\":";
  json_score(out, r.micro);
  out += ",\"macro\":{";
  engine::json_int(out, "rules", int64_t(r.macro_rules), true);
  json_double(out, "precision", r.macro.precision);
  json_double(out, "recall", r.macro.recall);
  json_double(out, "f1", r.macro.f1);
  out += "},\"groups\":[";
  for (size_t i = 0; i < r.groups.size(); ++i) {
    const auto& g = r.groups[i];
    out += i ? ",{" : "{";
    engine::json_field(out, "group", g.group, true);
    engine::json_int(out, "events", int64_t(g.events));
    engine::json_int(out, "false_alert_events", int64_t(g.with_false_alert));
    json_double(out, "false_alert_rate", g.rate);
    out += '}';
  }
  out += ']';
  for (bool miss : {true, false}) {
    const auto& items = miss ? r.misses : r.false_alerts;
    out += miss ? ",\"misses\":[" : ",\"false_alerts\":[";
    for (size_t i = 0; i < items.size(); ++i) {
      const eval::Case& c = cases[items[i].case_index];
      out += i ? ",{" : "{";
      engine::json_field(out, "event_id", c.event_id, true);
      engine::json_field(out, "rule_id", items[i].rule_id);
      json_strings(out, "groups", c.groups);
      if (miss)
        engine::json_field(out, "text", c.text);
      else
        json_strings(out, "evidence", items[i].alert->evidence);
      out += '}';
    }
    out += ']';
  }
  out += pass ? ",\"pass\":true" : ",\"pass\":false";
  json_strings(out, "threshold_failures", failures);
  out += "}\n";
  return out;
}

int eval_command(const EvalArgs& args) {
  std::vector<std::string> label_files, event_files;
  if (std::string e = input_files(args, label_files, event_files); !e.empty())
    return std::fprintf(stderr, "netra eval: %s (see --help)\n", e.c_str()), kExitUsage;
  const Thresholds limits = thresholds(args);
  std::chrono::system_clock::time_point now;
  parse_now(args.now, now);  // checked by the parser
  Config config;
  auto rules = load_all(args.config, config, false);
  if (!rules) return kExitUsage;
  std::vector<std::string> rule_ids;
  for (const auto& r : rules->data().rules) rule_ids.push_back(r.id);
  const std::set<std::string> known(rule_ids.begin(), rule_ids.end());
  for (const auto& [rule, x] : limits.min_recall_of)
    if (!known.count(rule))
      return std::fprintf(stderr, "netra eval: --min-recall names unknown rule '%s'\n",
                          rule.c_str()),
             2;

  std::vector<Label> labels;
  std::map<std::string, size_t> by_id;
  for (const auto& f : label_files)
    if (!read_labels(f, known, labels, by_id)) return 2;
  engine::Worker worker(rules);
  std::set<std::string> seen;
  for (const auto& f : event_files)
    if (!read_events(f, worker, now, labels, by_id, seen)) return 2;
  bool complete = true;
  for (const auto& l : labels)
    if (!seen.count(l.c.event_id))
      complete = fail(l.at, "label for event " + l.c.event_id + " that no events file holds");
  if (!complete) return 2;

  std::vector<eval::Case> cases;
  cases.reserve(labels.size());
  for (const auto& l : labels) cases.push_back(l.c);
  eval::Report report = eval::score(cases, rule_ids);

  std::vector<std::string> failures;
  char buf[160];
  if (args.min_f1 >= 0 && report.micro.f1 < args.min_f1) {
    std::snprintf(buf, sizeof buf, "micro-F1 %.4f < %.4f", report.micro.f1, args.min_f1);
    failures.push_back(buf);
  }
  for (const auto& s : report.rules) {
    auto it = limits.min_recall_of.find(s.rule_id);
    const double min = it != limits.min_recall_of.end() ? it->second : limits.min_recall;
    if (s.support && min >= 0 && s.recall < min) {
      std::snprintf(buf, sizeof buf, "%s recall %.4f < %.4f", s.rule_id.c_str(), s.recall, min);
      failures.push_back(buf);
    }
  }
  if (args.json) {
    std::fputs(to_json(report, cases, rules->version(), failures.empty(), failures).c_str(),
               stdout);
  } else {
    print_text(report, cases, rules->version());
    for (const auto& f : failures) std::printf("FAIL: %s\n", f.c_str());
  }
  return failures.empty() ? kExitOk : kExitFailure;
}

}  // namespace

Command add_eval(CLI::App& netra) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = netra.add_subcommand(
      "eval", "score the alerts on labelled events: per-rule precision, recall, F1");
  add_config_options(*cmd, args->config);
  cmd->add_flag("--json", args->json, "the same report as one JSON document on stdout");
  cmd->add_option("--min-f1", args->min_f1, "fail (exit 1) when micro-F1 is below X (0..1)")
      ->type_name("X")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-recall", args->min_recall,
                  "fail (exit 1) when a rule's recall is below X; RULE=X for one rule "
                  "(repeatable)")
      ->type_name("[RULE=]X")
      ->check(check_recall);
  cmd->add_option("--now", args->now,
                  "RFC 3339 detection time (only alert timestamps depend on it)")
      ->type_name("TIME")
      ->check([](const std::string& s) {
        std::chrono::system_clock::time_point t;
        return parse_now(s, t) ? std::string() : "must be RFC 3339, got '" + s + "'";
      });
  cmd->add_option("INPUT", args->inputs,
                  "LABELS EVENTS, or a directory of *.labels.ndjson and "
                  "*.events.ndjson")
      ->type_name("FILE")
      ->required();
  cmd->footer(kEvalFooter);
  return {cmd, [args] { return eval_command(*args); }};
}

}  // namespace netra::daemon
