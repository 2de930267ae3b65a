// netra scan: NDJSON events from files or stdin, alerts as NDJSON on stdout.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "engine/engine.h"
#include "engine/json_out.h"

namespace netra::daemon {
namespace {

const char kHelp[] =
    "usage: netra scan [--config FILE] [--set KEY=VALUE]... [--dead-letter FILE] [--now TIME]\n"
    "                  [--quiet] [INPUT...]\n"
    "\n"
    "Classifies NDJSON events (one JSON object per line) from INPUT files, or stdin when\n"
    "none is given or INPUT is '-'. Alerts go to stdout as NDJSON, one per line; invalid\n"
    "lines are reported on stderr as FILE:LINE: reason and, with --dead-letter, written to\n"
    "FILE as JSON records {input, line, reason, original, original_base64}. A summary goes\n"
    "to stderr. Exit 0 when the input was processed (invalid lines are not fatal), 2 on a\n"
    "bad config or rule set, 1 when an input cannot be read.\n"
    "\n"
    "  --config FILE       daemon config (default: $NETRA_CONFIG or config/netra.yaml)\n"
    "  --set KEY=VALUE     override a config key (repeatable)\n"
    "  --dead-letter FILE  write invalid lines here\n"
    "  --now TIME          RFC 3339 detection time, for reproducible output\n"
    "  --quiet             no progress or summary on stderr\n";

std::string base64(std::string_view in) {
  static const char kT[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kT[v >> 18], out += kT[(v >> 12) & 63], out += kT[(v >> 6) & 63], out += kT[v & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kT[v >> 18], out += kT[(v >> 12) & 63], out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kT[v >> 18], out += kT[(v >> 12) & 63], out += kT[(v >> 6) & 63], out += '=';
  }
  return out;
}

struct Totals {
  uint64_t events = 0, alerted = 0, clean = 0, not_asn = 0, invalid = 0, empty = 0, alerts = 0,
           repaired = 0;
};

}  // namespace

int cmd_scan(int argc, char** argv) {
  CommonArgs args = parse_args(argc, argv, {"--dead-letter", "--now"});
  if (args.help) return std::fputs(kHelp, stdout), 0;
  if (!args.error.empty()) return std::fprintf(stderr, "netra scan: %s\n", args.error.c_str()), 2;
  const bool quiet = args.flag("--quiet");
  std::chrono::system_clock::time_point now;
  const std::string now_arg = args.option("--now");
  if (!parse_now(now_arg, now))
    return std::fprintf(stderr, "netra scan: --now must be RFC 3339, got '%s'\n", now_arg.c_str()),
           2;

  Config config;
  auto t0 = std::chrono::steady_clock::now();
  auto rules = load_all(args, argv[0], config, false);
  if (!rules) return 2;
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet)
    std::fprintf(stderr, "netra scan: rules %s loaded: %zu rules, %zu patterns (%s) in %.2f s\n",
                 rules->version().c_str(), rules->rule_count(), rules->pattern_count(),
                 rules->cache_hit() ? "cached" : "compiled", load_s);

  std::FILE* dead = nullptr;
  const std::string dead_path = args.option("--dead-letter");
  if (!dead_path.empty() && !(dead = std::fopen(dead_path.c_str(), "w")))
    return std::fprintf(stderr, "netra scan: cannot write %s\n", dead_path.c_str()), 1;

  std::vector<std::string> inputs = args.positional;
  if (inputs.empty()) inputs.push_back("-");
  engine::Worker worker(rules);
  engine::Output out;
  Totals tot;
  const bool progress = !quiet && isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  auto last_progress = start;
  std::string line, stdout_buf, rec;
  stdout_buf.reserve(1 << 16);
  int status = 0;
  for (const auto& input : inputs) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (input != "-") {
      file.open(input, std::ios::binary);
      if (!file) {
        std::fprintf(stderr, "netra scan: cannot read %s\n", input.c_str());
        status = 1;
        continue;
      }
      in = &file;
    }
    const std::string name = input == "-" ? "<stdin>" : input;
    uint64_t line_no = 0;
    while (std::getline(*in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) {
        ++tot.empty;
        continue;
      }
      ++tot.events;
      worker.process(line, nullptr, now, out);
      tot.repaired += out.utf8_repaired;
      switch (out.outcome) {
        case engine::Outcome::alerted:
          ++tot.alerted;
          break;
        case engine::Outcome::clean:
          ++tot.clean;
          break;
        case engine::Outcome::not_asn:
          ++tot.not_asn;
          break;
        case engine::Outcome::invalid:
          ++tot.invalid;
          break;
      }
      if (out.outcome == engine::Outcome::invalid) {
        if (progress) std::fputs("\r\033[K", stderr);  // keep the progress line clean
        std::fprintf(stderr, "%s:%llu: invalid event: %s\n", name.c_str(),
                     static_cast<unsigned long long>(line_no), out.reason.str().c_str());
        if (dead) {
          rec.clear();
          rec += '{';
          engine::json_field(rec, "input", name, true);
          engine::json_int(rec, "line", static_cast<int64_t>(line_no));
          engine::json_field(rec, "reason", out.reason.str());
          engine::json_field(rec, "original", line.size() > 65536 ? line.substr(0, 65536) : line);
          engine::json_field(rec, "original_base64", base64(line));
          rec += "}\n";
          std::fwrite(rec.data(), 1, rec.size(), dead);
        }
      }
      for (size_t i = 0; i < out.alert_count; ++i) {
        stdout_buf += out.alerts[i].json;
        stdout_buf += '\n';
        ++tot.alerts;
      }
      if (stdout_buf.size() > (1 << 16)) {
        std::fwrite(stdout_buf.data(), 1, stdout_buf.size(), stdout);
        stdout_buf.clear();
      }
      const bool redraw = progress && out.outcome == engine::Outcome::invalid;
      if (progress && ((tot.events & 1023) == 0 || redraw)) {
        auto t = std::chrono::steady_clock::now();
        if (redraw || t - last_progress > std::chrono::milliseconds(250)) {
          last_progress = t;
          double s = std::chrono::duration<double>(t - start).count();
          std::fprintf(stderr, "\r%s: %llu events, %llu alerts, %.0f events/s   ", name.c_str(),
                       static_cast<unsigned long long>(tot.events),
                       static_cast<unsigned long long>(tot.alerts), tot.events / s);
        }
      }
    }
  }
  std::fwrite(stdout_buf.data(), 1, stdout_buf.size(), stdout);
  std::fflush(stdout);
  if (dead) std::fclose(dead);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) std::fputs("\r\033[K", stderr);
  if (!quiet)
    std::fprintf(stderr,
                 "netra scan: %llu events (%llu alerted, %llu clean, %llu not ASN, %llu invalid), "
                 "%llu empty lines, %llu repaired UTF-8; %llu alerts in %.2f s (%.0f events/s)\n",
                 (unsigned long long)tot.events, (unsigned long long)tot.alerted,
                 (unsigned long long)tot.clean, (unsigned long long)tot.not_asn,
                 (unsigned long long)tot.invalid, (unsigned long long)tot.empty,
                 (unsigned long long)tot.repaired, (unsigned long long)tot.alerts, secs,
                 secs > 0 ? tot.events / secs : 0.0);
  return status;
}

}  // namespace netra::daemon
