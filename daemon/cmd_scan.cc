// netra scan: NDJSON events from files or stdin, alerts as NDJSON on stdout.
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "daemon/cli.h"
#include "daemon/commands.h"
#include "engine/engine.h"
#include "engine/json_out.h"

namespace netra::daemon {
namespace {

const char kScanFooter[] =
    "Classifies NDJSON events (one JSON object per line) from INPUT files, or stdin when\n"
    "none is given or INPUT is '-'. Alerts go to stdout as NDJSON, one per line; invalid\n"
    "lines are reported on stderr as FILE:LINE: reason (the first 20, then a count) and, with\n"
    "--dead-letter, all written to FILE as JSON records {input, line, reason, original,\n"
    "original_base64}. A summary goes to stderr, with the would-be alerts that an exception or a\n"
    "negation suppressed, counted by reason (the exception list or scope list); --suppressed\n"
    "writes each of them to FILE as its alert JSON with \"suppressed_by\" {reason, field, start,\n"
    "end, text}, for review. A progress line (percentage and ETA when the inputs are regular\n"
    "files) goes to stderr when it is a terminal or with --progress.\n"
    "\n"
    "exit status: 0 the input was processed (invalid lines are not fatal); 1 an input cannot\n"
    "be read (a directory, a missing file, a read error) or a write failed (stdout or the\n"
    "dead-letter file: alerts would be lost); 2 usage or config error (bad flag, bad config or\n"
    "rule set).";

constexpr uint64_t kInvalidShown = 20;  // invalid lines printed on stderr; the rest are counted

struct ScanArgs {
  ConfigArgs config;
  std::string dead_letter;
  std::string suppressed;
  std::string now;
  bool quiet = false;
  bool progress = false;
  std::vector<std::string> inputs;
};

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
           repaired = 0, suppressed = 0;
  std::map<std::string, uint64_t> suppressed_by;  // by reason
};

// "netra scan: 7 alerts suppressed (negation 3, news_reporting 4)".
void print_suppressed(const Totals& tot) {
  std::string line = "netra scan: " + std::to_string(tot.suppressed) + " alerts suppressed";
  const char* sep = " (";
  for (const auto& [reason, n] : tot.suppressed_by) {
    line += sep + reason + ' ' + std::to_string(n);
    sep = ", ";
  }
  if (!tot.suppressed_by.empty()) line += ')';
  std::fprintf(stderr, "%s\n", line.c_str());
}

// One opened input: stdin or a file that is not a directory.
struct Input {
  std::string name;  // "<stdin>" or the path
  std::FILE* file = nullptr;
  bool owned = false;
  int64_t size = -1;  // bytes when a regular file, else -1
};

// Opens every input before any is read: a missing file, a directory or a permission problem
// stops the scan before it starts. Prints the reason and returns false on the first failure.
bool open_inputs(const std::vector<std::string>& paths, std::vector<Input>& out) {
  for (const auto& path : paths) {
    Input in;
    struct stat st {};
    if (path == "-") {
      in.name = "<stdin>";
      in.file = stdin;
      if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
        off_t pos = lseek(STDIN_FILENO, 0, SEEK_CUR);
        in.size = st.st_size - (pos > 0 ? pos : 0);
      }
    } else {
      in.name = path;
      if (stat(path.c_str(), &st) != 0) {
        std::fprintf(stderr, "netra scan: cannot read %s: %s\n", path.c_str(),
                     errno_text(errno).c_str());
        return false;
      }
      if (S_ISDIR(st.st_mode)) {
        std::fprintf(stderr, "netra scan: cannot read %s: %s (give the files in it)\n",
                     path.c_str(), errno_text(EISDIR).c_str());
        return false;
      }
      if (!(in.file = std::fopen(path.c_str(), "rb"))) {
        std::fprintf(stderr, "netra scan: cannot read %s: %s\n", path.c_str(),
                     errno_text(errno).c_str());
        return false;
      }
      in.owned = true;
      if (S_ISREG(st.st_mode)) in.size = st.st_size;
    }
    out.push_back(std::move(in));
  }
  return true;
}

// "1:02:03" or "2:03".
std::string clock_text(double seconds) {
  long s = seconds < 0 ? 0 : static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// The progress line on stderr: a percentage and ETA when the total input size is known, else
// counts and rate. On a terminal it redraws one line; otherwise it prints a line per second.
class Progress {
 public:
  Progress(bool enabled, bool tty, int64_t total_bytes)
      : enabled_(enabled), tty_(tty), total_(total_bytes) {}

  bool enabled() const { return enabled_; }

  // Called once per event; looks at the clock every 1024 events.
  void tick(const std::string& name, uint64_t bytes, const Totals& tot) {
    if (!enabled_ || (tot.events & 1023) != 0) return;
    auto t = std::chrono::steady_clock::now();
    if (t - last_ < (tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(1000)))
      return;
    last_ = t;
    draw(name, bytes, tot, t);
  }
  // Before a line of its own on stderr (an invalid line): clears the redrawn line.
  void clear() {
    if (enabled_ && tty_ && drawn_) std::fputs("\r\033[K", stderr), drawn_ = false;
  }
  void redraw(const std::string& name, uint64_t bytes, const Totals& tot) {
    if (enabled_ && tty_) draw(name, bytes, tot, std::chrono::steady_clock::now());
  }
  // At the end: a terminal's line is cleared, elsewhere a last line says where it ended.
  void finish(const std::string& name, uint64_t bytes, const Totals& tot) {
    if (!enabled_) return;
    if (tty_)
      clear();
    else
      draw(name, bytes, tot, std::chrono::steady_clock::now());
  }

 private:
  void draw(const std::string& name, uint64_t bytes, const Totals& tot,
            std::chrono::steady_clock::time_point t) {
    const double s = std::chrono::duration<double>(t - start_).count();
    const double rate = s > 0 ? tot.events / s : 0.0;
    const char* end = tty_ ? "   " : "\n";
    if (tty_) std::fputc('\r', stderr);
    if (total_ > 0) {
      const double done = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
      const std::string eta = done > 0 ? clock_text(s * (1 - done) / done) : "?";
      std::fprintf(stderr,
                   "netra scan: %5.1f%% of %.1f MB, %llu events, %llu alerts, %.0f events/s, "
                   "ETA %s%s",
                   done * 100, total_ / 1e6, static_cast<unsigned long long>(tot.events),
                   static_cast<unsigned long long>(tot.alerts), rate, eta.c_str(), end);
    } else {
      std::fprintf(stderr, "netra scan: %s: %llu events, %llu alerts, %.0f events/s%s",
                   name.c_str(), static_cast<unsigned long long>(tot.events),
                   static_cast<unsigned long long>(tot.alerts), rate, end);
    }
    drawn_ = tty_;
  }

  const bool enabled_, tty_;
  const int64_t total_;  // bytes of all inputs; -1 when one of them is not a regular file
  bool drawn_ = false;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

// Writes all of `data` or prints why not ("writing alerts to stdout: No space left on device").
bool write_or_report(std::FILE* f, std::string_view data, const char* what) {
  if (data.empty() || std::fwrite(data.data(), 1, data.size(), f) == data.size()) return true;
  std::fprintf(stderr, "netra scan: writing %s: %s\n", what, errno_text(errno).c_str());
  return false;
}

// Flushes and closes `f`, or prints why it failed (the last buffered records were lost).
bool close_or_report(std::FILE* f, const char* what) {
  errno = 0;
  const bool bad = std::ferror(f) != 0;
  if (std::fclose(f) == 0 && !bad) return true;
  std::fprintf(stderr, "netra scan: writing %s: %s\n", what,
               errno_text(errno ? errno : EIO).c_str());
  return false;
}

int scan(const ScanArgs& args) {
  const bool quiet = args.quiet;
  std::chrono::system_clock::time_point now;
  parse_now(args.now, now);  // checked by the parser

  Config config;
  auto t0 = std::chrono::steady_clock::now();
  auto rules = load_all(args.config, config, false);
  if (!rules) return kExitUsage;
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet)
    std::fprintf(stderr, "netra scan: rules %s loaded: %zu rules, %zu patterns (%s) in %.2f s\n",
                 rules->version().c_str(), rules->rule_count(), rules->pattern_count(),
                 rules->cache_hit() ? "cached" : "compiled", load_s);

  std::vector<Input> inputs;
  const bool opened =
      open_inputs(args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs, inputs);
  struct CloseInputs {
    std::vector<Input>& v;
    ~CloseInputs() {
      for (auto& in : v)
        if (in.owned) std::fclose(in.file);
    }
  } close_inputs{inputs};
  if (!opened) return kExitFailure;

  std::FILE* dead = nullptr;
  const std::string dead_what = "dead letters to " + args.dead_letter;
  if (!args.dead_letter.empty() && !(dead = std::fopen(args.dead_letter.c_str(), "w"))) {
    std::fprintf(stderr, "netra scan: cannot write %s: %s\n", args.dead_letter.c_str(),
                 errno_text(errno).c_str());
    return kExitFailure;
  }
  // Closes the dead-letter file on every return; the normal path closes it itself and checks.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> dead_guard(dead, std::fclose);
  std::FILE* kept = nullptr;
  const std::string kept_what = "suppressed alerts to " + args.suppressed;
  if (!args.suppressed.empty() && !(kept = std::fopen(args.suppressed.c_str(), "w"))) {
    std::fprintf(stderr, "netra scan: cannot write %s: %s\n", args.suppressed.c_str(),
                 errno_text(errno).c_str());
    return kExitFailure;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> kept_guard(kept, std::fclose);

  int64_t total_bytes = 0;
  for (const auto& in : inputs)
    total_bytes = in.size < 0 || total_bytes < 0 ? -1 : total_bytes + in.size;
  const bool tty = isatty(STDERR_FILENO);
  Progress progress(!quiet && (args.progress || tty), tty, total_bytes);

  engine::Worker worker(rules);
  worker.keep_suppressed(kept != nullptr);
  engine::Output out;
  Totals tot;
  auto start = std::chrono::steady_clock::now();
  std::string stdout_buf, rec;
  stdout_buf.reserve(1 << 16);
  char* buf = nullptr;
  size_t cap = 0;
  struct FreeLine {
    char*& p;
    ~FreeLine() { std::free(p); }
  } free_line{buf};
  uint64_t bytes_read = 0;
  int status = kExitOk;
  std::string name;
  for (const auto& input : inputs) {
    name = input.name;
    uint64_t line_no = 0;
    ssize_t got;
    while ((got = ::getline(&buf, &cap, input.file)) >= 0) {
      ++line_no;
      bytes_read += static_cast<uint64_t>(got);
      std::string_view line(buf, static_cast<size_t>(got));
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
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
        if (tot.invalid <= kInvalidShown) {
          progress.clear();
          std::fprintf(stderr, "%s:%llu: invalid event: %s\n", name.c_str(),
                       static_cast<unsigned long long>(line_no), out.reason.str().c_str());
          progress.redraw(name, bytes_read, tot);
        }
        if (dead) {
          rec.clear();
          rec += '{';
          engine::json_field(rec, "input", name, true);
          engine::json_int(rec, "line", static_cast<int64_t>(line_no));
          engine::json_field(rec, "reason", out.reason.str());
          engine::json_field(rec, "original", line.substr(0, 65536));
          engine::json_field(rec, "original_base64", base64(line));
          rec += "}\n";
          if (!write_or_report(dead, rec, dead_what.c_str())) return kExitFailure;
        }
      }
      for (size_t i = 0; i < out.alert_count; ++i) {
        stdout_buf += out.alerts[i].json;
        stdout_buf += '\n';
        ++tot.alerts;
      }
      for (size_t i = 0; i < out.suppressed_count; ++i) {
        const engine::SuppressedRecord& s = out.suppressed[i];
        ++tot.suppressed;
        ++tot.suppressed_by[s.reason];
        if (kept) {
          rec.assign(s.json);
          rec += '\n';
          if (!write_or_report(kept, rec, kept_what.c_str())) return kExitFailure;
        }
      }
      if (stdout_buf.size() > (1 << 16)) {
        if (!write_or_report(stdout, stdout_buf, "alerts to stdout")) return kExitFailure;
        stdout_buf.clear();
      }
      progress.tick(name, bytes_read, tot);
    }
    if (std::ferror(input.file)) {
      progress.clear();
      std::fprintf(stderr, "netra scan: reading %s (after line %llu): %s\n", name.c_str(),
                   static_cast<unsigned long long>(line_no), errno_text(errno).c_str());
      status = kExitFailure;
    }
  }
  progress.finish(name, bytes_read, tot);
  if (!write_or_report(stdout, stdout_buf, "alerts to stdout") ||
      !close_or_report(stdout, "alerts to stdout"))
    return kExitFailure;
  if (dead && !close_or_report(dead_guard.release(), dead_what.c_str())) return kExitFailure;
  if (kept && !close_or_report(kept_guard.release(), kept_what.c_str())) return kExitFailure;
  if (tot.invalid > kInvalidShown)
    std::fprintf(stderr, "netra scan: … and %llu more invalid lines (%s)\n",
                 static_cast<unsigned long long>(tot.invalid - kInvalidShown),
                 dead ? ("all of them in " + args.dead_letter).c_str()
                      : "--dead-letter FILE keeps them all");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet)
    std::fprintf(stderr,
                 "netra scan: %llu events (%llu alerted, %llu clean, %llu not ASN, %llu invalid), "
                 "%llu empty lines, %llu repaired UTF-8; %llu alerts in %.2f s (%.0f events/s)\n",
                 (unsigned long long)tot.events, (unsigned long long)tot.alerted,
                 (unsigned long long)tot.clean, (unsigned long long)tot.not_asn,
                 (unsigned long long)tot.invalid, (unsigned long long)tot.empty,
                 (unsigned long long)tot.repaired, (unsigned long long)tot.alerts, secs,
                 secs > 0 ? tot.events / secs : 0.0);
  if (!quiet) print_suppressed(tot);
  return status;
}

}  // namespace

Command add_scan(CLI::App& netra) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = netra.add_subcommand(
      "scan", "classify NDJSON events from files or stdin, alerts as NDJSON on stdout");
  add_config_options(*cmd, args->config);
  cmd->add_option("--dead-letter", args->dead_letter, "write every invalid line here")
      ->type_name("FILE");
  cmd->add_option("--suppressed", args->suppressed,
                  "write every suppressed would-be alert here (alert JSON with suppressed_by)")
      ->type_name("FILE");
  cmd->add_option("--now", args->now, "RFC 3339 detection time, for reproducible output")
      ->type_name("TIME")
      ->check([](const std::string& s) {
        std::chrono::system_clock::time_point t;
        return parse_now(s, t) ? std::string() : "must be RFC 3339, got '" + s + "'";
      });
  cmd->add_flag("--quiet", args->quiet, "no progress or summary on stderr");
  cmd->add_flag("--progress", args->progress,
                "show progress on stderr even when it is not a terminal");
  cmd->add_option("INPUT", args->inputs, "NDJSON files; '-' or none: stdin")->type_name("FILE");
  cmd->footer(kScanFooter);
  return {cmd, [args] { return scan(*args); }};
}

}  // namespace netra::daemon
