// `netra alerts`: the terminal view for ops. Reads alerts (docs/contract.md §5) from an NDJSON
// file, stdin or the alert topic and prints each one that passes the filters as the demo's one
// line (daemon/alert_line.h). A record that is not an alert is reported with where it was read
// (file:line or topic[partition]@offset) and skipped.
#include <librdkafka/rdkafka.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon/alert_line.h"
#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/config.h"
#include "daemon/kafka_conf.h"
#include "daemon/regions.h"
#include "daemon/signals.h"

namespace netra::daemon {
namespace {

const char kAlertsFooter[] =
    "SOURCE is an NDJSON file of alerts (`-` = stdin, e.g. the output of `netra scan`), or\n"
    "`kafka` (the default): kafka.alert_topic on kafka.brokers of the config, read with a\n"
    "throw-away consumer that assigns every partition and never commits.\n"
    "\n"
    "  --follow          file: keep reading as it grows (like `tail -f`; a truncated file is\n"
    "                    read again from its start); kafka: keep printing new alerts.\n"
    "                    Ctrl-C ends it.\n"
    "  --from-beginning  kafka with --follow: start at the oldest alert instead of the newest.\n"
    "                    Without --follow the topic is always read from its beginning to its\n"
    "                    current end. A file is always read from its start.\n"
    "  --severity S      low, medium, high or critical; `S+` = S or higher (repeatable,\n"
    "                    comma-separated allowed; an alert passes when it matches any).\n"
    "  --rule R          a rule id, e.g. online_campaign_post (repeatable).\n"
    "  --region R        a Kemendagri code prefix (32 = Jawa Barat, 3273 = Kota Bandung; dots\n"
    "                    ignored) of terlapor.region_code, or a region name looked up in the\n"
    "                    console.regions CSV (case-insensitive; exact name, else every name\n"
    "                    containing it) (repeatable).\n"
    "Different filters combine with AND. Each line: severity, rule, terlapor (agency) -> target,\n"
    "uraian. A line that is not an alert is reported on stderr as FILE:LINE: reason and skipped.\n"
    "\n"
    "exit status: 0 done (also when bad lines were skipped); 1 unreadable input or a Kafka\n"
    "error; 2 usage or config error (bad flag, unknown severity or region name).";

struct AlertsArgs {
  ConfigArgs config;
  bool follow = false;
  bool from_beginning = false;
  std::vector<std::string> severities, rules, regions;
  std::string source;
};

int severity_rank(std::string_view s) {
  if (s == "low") return 1;
  if (s == "medium") return 2;
  if (s == "high") return 3;
  if (s == "critical") return 4;
  return 0;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string without_dots(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '.') out += c;
  return out;
}

bool is_code(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  return true;
}

struct Filter {
  std::set<int> severities;  // ranks that pass; empty = all
  std::set<std::string> rules;
  std::vector<std::string> region_prefixes;  // without dots
  bool regions_given = false;

  bool pass(simdjson::dom::element alert) const {
    if (!severities.empty() && !severities.count(severity_rank(alert_field(alert, {"severity"}))))
      return false;
    if (!rules.empty() && !rules.count(alert_field(alert, {"rule_id"}))) return false;
    if (regions_given) {
      const std::string code = without_dots(alert_field(alert, {"terlapor", "region_code"}));
      bool any = false;
      for (const auto& p : region_prefixes) any = any || code.compare(0, p.size(), p) == 0;
      if (!any) return false;
    }
    return true;
  }
};

// Builds the filter; on a usage error prints it and returns false.
bool make_filter(const AlertsArgs& a, const Config& cfg, Filter& f) {
  for (std::string s : a.severities) {
    const bool at_least = !s.empty() && s.back() == '+';
    if (at_least) s.pop_back();
    const int rank = severity_rank(lower(s));
    if (!rank) {
      std::fprintf(stderr,
                   "netra alerts: --severity %s: not one of low, medium, high, critical "
                   "(optionally with +)\n",
                   s.c_str());
      return false;
    }
    for (int r = rank; r <= (at_least ? 4 : rank); ++r) f.severities.insert(r);
  }
  f.rules.insert(a.rules.begin(), a.rules.end());
  std::map<std::string, std::string> names;
  bool names_loaded = false;
  for (const auto& r : a.regions) {
    f.regions_given = true;
    if (is_code(r)) {
      f.region_prefixes.push_back(without_dots(r));
      continue;
    }
    if (!names_loaded) {
      std::string error;
      if (cfg.console_regions.empty()) {
        std::fprintf(stderr,
                     "netra alerts: --region %s: a name needs console.regions (a CSV of region "
                     "codes and names) in the config; or give a code\n",
                     r.c_str());
        return false;
      }
      if (!load_region_names(cfg.console_regions, names, error)) {
        std::fprintf(stderr, "netra alerts: console.regions: %s\n", error.c_str());
        return false;
      }
      names_loaded = true;
    }
    const std::string want = lower(r);
    std::vector<std::string> exact, partial;
    for (const auto& [code, name] : names) {
      const std::string n = lower(name);
      if (n == want) exact.push_back(without_dots(code));
      if (n.find(want) != std::string::npos) partial.push_back(without_dots(code));
    }
    const auto& codes = exact.empty() ? partial : exact;
    if (codes.empty()) {
      std::fprintf(stderr, "netra alerts: --region %s: no region of that name in %s\n", r.c_str(),
                   cfg.console_regions.c_str());
      return false;
    }
    f.region_prefixes.insert(f.region_prefixes.end(), codes.begin(), codes.end());
  }
  return true;
}

// Checks, filters and prints alert records; counts what it saw.
class Printer {
 public:
  Printer(const Filter& f, bool color) : filter_(f), color_(color) {}

  // Returns false when stdout cannot be written.
  bool record(const char* data, size_t len, const std::string& where) {
    simdjson::dom::element doc;
    const char* reason = nullptr;
    std::string_view sev;
    if (parser_.parse(data, len).get(doc))
      reason = "invalid_json";
    else if (!doc.is_object())
      reason = "not_an_object";
    else if (alert_field(doc, {"rule_id"}).empty())
      reason = "missing_field:rule_id";
    else if (doc["severity"].get_string().get(sev))
      reason = "missing_field:severity";
    else if (!severity_rank(sev))
      reason = "bad_enum:severity";
    if (reason) {
      ++bad_;
      std::fprintf(stderr, "%s: %s; skipped\n", where.c_str(), reason);
      return true;
    }
    ++read_;
    if (!filter_.pass(doc)) return true;
    ++shown_;
    const std::string line = format_alert_line(doc, color_);
    return std::fputs(line.c_str(), stdout) >= 0 && std::fflush(stdout) == 0;
  }

  void summary() const {
    if (bad_ == 0) return;
    std::fprintf(stderr, "netra alerts: %llu alerts read, %llu shown, %llu bad records skipped\n",
                 static_cast<unsigned long long>(read_), static_cast<unsigned long long>(shown_),
                 static_cast<unsigned long long>(bad_));
  }

 private:
  const Filter& filter_;
  const bool color_;
  simdjson::dom::parser parser_;
  uint64_t read_ = 0, shown_ = 0, bad_ = 0;
};

int write_failed() {
  std::fprintf(stderr, "netra alerts: stdout: %s\n", errno_text(errno).c_str());
  return kExitFailure;
}

int from_file(const AlertsArgs& a, Printer& out, const std::atomic<bool>& stop) {
  const bool is_stdin = a.source == "-";
  const std::string name = is_stdin ? "<stdin>" : a.source;
  FILE* f = is_stdin ? stdin : std::fopen(a.source.c_str(), "r");
  if (!f) {
    std::fprintf(stderr, "netra alerts: %s: %s\n", name.c_str(), errno_text(errno).c_str());
    return kExitFailure;
  }
  struct stat st {};
  bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
  if (!is_stdin && S_ISDIR(st.st_mode)) {
    std::fprintf(stderr, "netra alerts: %s: %s\n", name.c_str(), errno_text(EISDIR).c_str());
    std::fclose(f);
    return kExitFailure;
  }
  const bool follow = a.follow && regular;  // a pipe ends at its EOF, as with tail -f
  char* buf = nullptr;
  size_t cap = 0;
  std::string pending;  // a line read so far without its '\n' (the writer is mid-line)
  uint64_t line_no = 0;
  int rc = kExitOk;
  auto process = [&](std::string_view text) {
    ++line_no;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) return true;
    return out.record(text.data(), text.size(), name + ":" + std::to_string(line_no));
  };
  while (!stop.load()) {
    errno = 0;
    ssize_t n = getline(&buf, &cap, f);
    if (n > 0) {
      pending.append(buf, static_cast<size_t>(n));
      if (pending.back() != '\n') continue;
      if (!process(pending)) {
        rc = write_failed();
        break;
      }
      pending.clear();
      continue;
    }
    if (std::ferror(f)) {
      std::fprintf(stderr, "netra alerts: %s: %s\n", name.c_str(), errno_text(errno).c_str());
      rc = kExitFailure;
      break;
    }
    if (!follow) break;
    std::clearerr(f);
    struct stat now {};
    if (fstat(fileno(f), &now) == 0 && now.st_size < ftello(f)) {
      std::fprintf(stderr, "netra alerts: %s: file truncated; reading it again\n", name.c_str());
      std::fseek(f, 0, SEEK_SET);
      pending.clear();
      line_no = 0;
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (rc == kExitOk && !pending.empty() && !process(pending)) rc = write_failed();
  std::free(buf);
  if (!is_stdin) std::fclose(f);
  return rc;
}

int from_kafka(const AlertsArgs& a, const Config& cfg, Printer& out,
               const std::atomic<bool>& stop) {
  if (cfg.kafka_alert_topic.empty() || cfg.kafka_brokers.empty()) {
    std::fprintf(stderr, "netra alerts: kafka.brokers and kafka.alert_topic must be set\n");
    return kExitUsage;
  }
  const KafkaProps defaults = {
      {"bootstrap.servers", cfg.kafka_brokers},
      {"group.id", "netra-alerts-" + std::to_string(getpid())},  // never joined nor committed
      {"client.id", "netra-alerts"},
      {"enable.partition.eof", "true"},
  };
  const char* why = "netra alerts only reads";
  std::string error;
  rd_kafka_conf_t* conf = kafka_conf(
      KafkaRole::consumer, defaults, cfg.kafka_properties,
      {{"enable.auto.commit", {"false", why}}, {"enable.auto.offset.store", {"false", why}}},
      error);
  if (!conf) {
    std::fprintf(stderr, "netra alerts: %s\n", error.c_str());
    return kExitUsage;
  }
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    std::fprintf(stderr, "netra alerts: cannot create the Kafka consumer: %s\n", errstr);
    return kExitFailure;
  }
  rd_kafka_poll_set_consumer(rk);
  int rc = kExitOk;
  const std::string& topic = cfg.kafka_alert_topic;
  // The partitions of the topic, from the metadata.
  int partitions = 0;
  {
    rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, t, &md, 10000);
    if (err) {
      std::fprintf(stderr, "netra alerts: %s: metadata: %s\n", topic.c_str(),
                   rd_kafka_err2str(err));
      rc = kExitFailure;
    } else if (md->topic_cnt != 1 || md->topics[0].err || md->topics[0].partition_cnt == 0) {
      std::fprintf(stderr, "netra alerts: %s: %s\n", topic.c_str(),
                   md->topic_cnt == 1 && md->topics[0].err ? rd_kafka_err2str(md->topics[0].err)
                                                           : "no such topic");
      rc = kExitFailure;
    } else {
      partitions = md->topics[0].partition_cnt;
    }
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(t);
  }
  if (rc == kExitOk) {
    const bool from_start = a.from_beginning || !a.follow;
    rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; ++p)
      rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset =
          from_start ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
    rd_kafka_resp_err_t err = rd_kafka_assign(rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    if (err) {
      std::fprintf(stderr, "netra alerts: %s: assign: %s\n", topic.c_str(), rd_kafka_err2str(err));
      rc = kExitFailure;
    }
  }
  std::set<int32_t> at_end;
  bool done = false;
  while (rc == kExitOk && !done && !stop.load()) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 200);
    if (!m) continue;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      at_end.insert(m->partition);
      if (!a.follow && static_cast<int>(at_end.size()) >= partitions) done = true;
    } else if (m->err) {
      std::fprintf(stderr, "netra alerts: kafka: %s\n", rd_kafka_message_errstr(m));
      if (m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
          m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
          m->err == RD_KAFKA_RESP_ERR__FATAL)
        rc = kExitFailure;
    } else {
      const std::string where =
          topic + "[" + std::to_string(m->partition) + "]@" + std::to_string(m->offset);
      if (!out.record(static_cast<const char*>(m->payload), m->len, where)) rc = write_failed();
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return rc;
}

int alerts(const AlertsArgs& a) {
  Config cfg;
  if (!load_config_reporting(a.config, {}, cfg)) return kExitUsage;
  Filter filter;
  if (!make_filter(a, cfg, filter)) return kExitUsage;
  Printer out(filter, isatty(STDOUT_FILENO));
  std::atomic<bool> stop{false};
  int rc;
  if (a.source.empty() || a.source == "kafka") {
    // Ctrl-C closes the consumer; a file reader is simply ended by the signal (every line
    // printed was flushed).
    auto stop_signals = handle_signals([&stop] { stop = true; }, {});
    rc = from_kafka(a, cfg, out, stop);
    stop_signals();
  } else {
    rc = from_file(a, out, stop);
  }
  out.summary();
  return rc;
}

}  // namespace

Command add_alerts(CLI::App& netra) {
  auto args = std::make_shared<AlertsArgs>();
  CLI::App* cmd = netra.add_subcommand(
      "alerts", "print alerts as one line each, from the alert topic or a file, with filters");
  cmd->add_flag("--follow,-f", args->follow, "keep reading new alerts (a file as it grows)");
  cmd->add_flag("--from-beginning", args->from_beginning,
                "kafka with --follow: start at the oldest alert");
  cmd->add_option("--severity", args->severities, "low|medium|high|critical, S+ = at least S")
      ->type_name("S")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--rule", args->rules, "a rule id (repeatable)")
      ->type_name("R")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--region", args->regions, "a region code prefix or name (repeatable)")
      ->type_name("CODE|NAME")
      ->allow_extra_args(false);
  cmd->add_option("SOURCE", args->source, "NDJSON file of alerts, `-` = stdin, or kafka (default)");
  add_config_options(*cmd, args->config);
  cmd->footer(kAlertsFooter);
  return {cmd, [args] { return alerts(*args); }};
}

}  // namespace netra::daemon
