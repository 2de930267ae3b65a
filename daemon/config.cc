#include "daemon/config.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "daemon/kafka_conf.h"

namespace netra::daemon {
namespace fs = std::filesystem;

namespace {

const std::vector<KeyInfo> kKeys = {
    {"kafka.brokers", "string", "localhost:9092", "bootstrap servers, comma-separated host:port"},
    {"kafka.group_id", "string", "netra", "consumer group id"},
    {"kafka.input_topics", "list", "[social-events]",
     "topics to consume events from (--set takes them comma-separated)"},
    {"kafka.alert_topic", "string", "netra-alerts", "topic alerts are produced to"},
    {"kafka.dead_letter_topic", "string", "netra-dead-letter",
     "topic invalid events are produced to, with the reason in headers"},
    {"kafka.suppressed_topic", "string", "",
     "topic the would-be alerts that an exception or a negation suppressed are produced to "
     "(alert JSON with suppressed_by {reason, field, start, end, text}), for review; empty = "
     "none (they are still counted in netra_suppressed_total)"},
    {"kafka.properties", "map", "{}",
     "librdkafka properties passed through as is (TLS, SASL, tuning); "
     "--set kafka.properties.NAME=VALUE"},
    {"delivery", "string", "at_least_once",
     "at_least_once, or exactly_once: alerts, dead letters and input offsets committed in one "
     "Kafka transaction per batch (docs/delivery.md)"},
    {"http.listen", "string", "0.0.0.0:9464", "host:port for /metrics, /healthz and /readyz"},
    {"http.reload_enabled", "bool", "false",
     "serve POST /-/reload on http.listen: reloads like SIGHUP, answers 200 or 500 with the "
     "problems (off: 403)"},
    {"workers", "int", "0", "classifier threads; 0 = one per core (0..256)"},
    {"queue.max_inflight", "int", "20000",
     "events consumed but not yet committable before consumption pauses (100..10000000)"},
    {"shutdown.timeout_seconds", "int", "30",
     "how long SIGTERM may take to drain and commit (1..3600)"},
    {"rules.dir", "path", "rules", "directory of rule files (*.yaml)"},
    {"lists.dir", "path", "lists", "directory of pattern lists (*.txt) and entity lists (*.csv)"},
    {"candidates.files", "paths", "[]",
     "KPU candidate lists (DCT CSV: DPR, DPD, DPRD provinsi, DPRD kab/kota)"},
    {"registries.asn_accounts", "path", "registries/asn_accounts.csv", "ASN account registry"},
    {"registries.political_accounts", "path", "registries/political_accounts.csv",
     "candidate, party and campaign accounts and groups"},
    {"registries.campaign_media", "path", "", "known campaign media by sha256 (optional)"},
    {"calendar", "path", "calendar/2024.yaml", "election calendar: phases per race"},
    {"cache.dir", "path", "",
     "compiled pattern-database cache; empty = $NETRA_CACHE_DIR, else ~/.cache/netra"},
    {"limits.max_event_bytes", "int", "1048576",
     "events larger than this are dead-lettered as too_large (1024..67108864)"},
    {"log.format", "string", "text",
     "daemon log lines on stderr: text, or json (one object per line: ts, level, msg, fields)"},
    {"console.dir", "path", "",
     "directory of the console's store (console.db); empty = $NETRA_CONSOLE_DIR, else "
     "~/.local/share/netra/console"},
    {"console.listen", "string", "127.0.0.1:8470", "host:port of the console's web UI"},
    {"console.unit", "string", "Patroli Siber",
     "the reporting unit named as pelapor in the console's reports"},
    {"console.group_id", "string", "netra-console",
     "the console's consumer group on kafka.alert_topic"},
    {"console.regions", "path", "",
     "CSV naming Kemendagri region codes (columns region_code and region, e.g. the KPU "
     "Pilkada 2024 pairs file); empty = the console shows codes"},
    {"console.tls_proxy", "bool", "false",
     "the console is reached over HTTPS through a TLS-terminating reverse proxy: its session "
     "cookies get Secure"},
    {"console.sso_header", "string", "",
     "request header naming the console user, set by an SSO reverse proxy (e.g. "
     "X-Forwarded-User); empty = off (console/README.md)"},
    {"console.sso_trusted", "list", "[]",
     "addresses or CIDRs (e.g. 10.0.0.5/32) console.sso_header is accepted from; from anywhere "
     "else it is refused (--set takes them comma-separated)"},
    {"console.font_dir", "path", "/usr/share/fonts/truetype/dejavu",
     "directory of DejaVuSans.ttf and DejaVuSans-Bold.ttf (fonts-dejavu-core), embedded in "
     "the Formulir B.1 PDF"},
};

struct Loader {
  Config& cfg;
  std::vector<engine::Diagnostic>& diags;
  std::string file;
  bool ok = true;

  void error(int line, const std::string& msg) {
    diags.push_back({file, line, msg, false});
    ok = false;
  }

  std::string resolve(const std::string& path, const std::string& base) {
    if (path.empty()) return path;
    if (path[0] == '~' && std::getenv("HOME"))
      return std::string(std::getenv("HOME")) + path.substr(1);
    fs::path p(path);
    if (p.is_absolute() || base.empty()) return p.lexically_normal().string();
    return (fs::path(base) / p).lexically_normal().string();
  }

  static std::vector<std::string> split_commas(const std::string& v) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t c = v.find(',', pos);
      if (c == std::string::npos) c = v.size();
      std::string item = v.substr(pos, c - pos);
      while (!item.empty() && item.front() == ' ') item.erase(0, 1);
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (!item.empty()) out.push_back(item);
      pos = c + 1;
    }
    return out;
  }

  bool parse_int(const std::string& key, const std::string& v, int line, int& out) {
    char* end = nullptr;
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0') {
      error(line, "'" + key + "' must be an integer, got '" + v + "'");
      return false;
    }
    long lo = 0, hi = 0;
    if (key == "workers") lo = 0, hi = 256;
    if (key == "queue.max_inflight") lo = 100, hi = 10000000;
    if (key == "shutdown.timeout_seconds") lo = 1, hi = 3600;
    if (key == "limits.max_event_bytes") lo = 1024, hi = 67108864;
    if (n < lo || n > hi) {
      error(line, "'" + key + "' must be between " + std::to_string(lo) + " and " +
                      std::to_string(hi) + ", got " + v);
      return false;
    }
    out = static_cast<int>(n);
    return true;
  }

  // Kafka topic names: 1..249 of [a-zA-Z0-9._-], not "." or ".." (the broker refuses others at
  // run time, which is too late: issue 15, defect 5).
  void check_topic(const std::string& key, const std::string& name, int line) {
    bool ok = !name.empty() && name.size() <= 249 && name != "." && name != "..";
    for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
        ok = false;
    if (!ok)
      error(line, "'" + key + "': '" + name +
                      "' is not a legal Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
  }

  void set_kafka_property(const std::string& name, const std::string& value, int line) {
    if (std::string why = kafka_property_problem(name, value); !why.empty())
      return error(line, "kafka.properties." + name + ": " + why);
    cfg.kafka_properties[name] = value;
  }

  // Sets one scalar-valued key. `base` resolves relative paths.
  void set_scalar(const std::string& key, const std::string& v, int line, const std::string& base) {
    if (key.rfind("kafka.properties.", 0) == 0) {
      std::string prop = key.substr(17);
      if (prop.empty()) return error(line, "empty librdkafka property name");
      return set_kafka_property(prop, v, line);
    }
    int n = 0;
    if (key == "kafka.brokers")
      cfg.kafka_brokers = v;
    else if (key == "kafka.group_id")
      cfg.kafka_group_id = v;
    else if (key == "kafka.input_topics") {
      cfg.kafka_input_topics = split_commas(v);
      for (const auto& t : cfg.kafka_input_topics) check_topic(key, t, line);
    } else if (key == "kafka.alert_topic") {
      cfg.kafka_alert_topic = v;
      check_topic(key, v, line);
    } else if (key == "kafka.dead_letter_topic") {
      cfg.kafka_dead_letter_topic = v;
      check_topic(key, v, line);
    } else if (key == "kafka.suppressed_topic") {
      cfg.kafka_suppressed_topic = v;
      if (!v.empty()) check_topic(key, v, line);
    } else if (key == "delivery") {
      if (v == "at_least_once" || v == "exactly_once")
        cfg.exactly_once = v == "exactly_once";
      else
        error(line, "'delivery' must be at_least_once or exactly_once, got '" + v + "'");
    } else if (key == "http.listen")
      cfg.http_listen = v;
    else if (key == "http.reload_enabled") {
      if (v == "true")
        cfg.http_reload_enabled = true;
      else if (v == "false")
        cfg.http_reload_enabled = false;
      else
        error(line, "'" + key + "' must be true or false, got '" + v + "'");
    } else if (key == "workers") {
      if (parse_int(key, v, line, n)) cfg.workers = n;
    } else if (key == "queue.max_inflight") {
      if (parse_int(key, v, line, n)) cfg.max_inflight = n;
    } else if (key == "shutdown.timeout_seconds") {
      if (parse_int(key, v, line, n)) cfg.shutdown_timeout_seconds = n;
    } else if (key == "limits.max_event_bytes") {
      if (parse_int(key, v, line, n)) cfg.engine.max_event_bytes = static_cast<size_t>(n);
    } else if (key == "rules.dir")
      cfg.engine.rules_dir = resolve(v, base);
    else if (key == "lists.dir")
      cfg.engine.lists_dir = resolve(v, base);
    else if (key == "candidates.files") {
      cfg.engine.candidate_files.clear();
      for (auto& f : split_commas(v)) cfg.engine.candidate_files.push_back(resolve(f, base));
    } else if (key == "registries.asn_accounts")
      cfg.engine.asn_accounts = resolve(v, base);
    else if (key == "registries.political_accounts")
      cfg.engine.political_accounts = resolve(v, base);
    else if (key == "registries.campaign_media")
      cfg.engine.campaign_media = resolve(v, base);
    else if (key == "calendar")
      cfg.engine.calendar = resolve(v, base);
    else if (key == "cache.dir")
      cfg.engine.cache_dir = resolve(v, base);
    else if (key == "log.format") {
      if (v == "text" || v == "json")
        cfg.log_format = v;
      else
        error(line, "'log.format' must be text or json, got '" + v + "'");
    } else if (key == "console.dir")
      cfg.console_dir = resolve(v, base);
    else if (key == "console.listen")
      cfg.console_listen = v;
    else if (key == "console.unit")
      cfg.console_unit = v;
    else if (key == "console.group_id")
      cfg.console_group_id = v;
    else if (key == "console.regions")
      cfg.console_regions = resolve(v, base);
    else if (key == "console.tls_proxy") {
      if (v == "true")
        cfg.console_tls_proxy = true;
      else if (v == "false")
        cfg.console_tls_proxy = false;
      else
        error(line, "'" + key + "' must be true or false, got '" + v + "'");
    } else if (key == "console.sso_header")
      cfg.console_sso_header = v;
    else if (key == "console.sso_trusted")
      cfg.console_sso_trusted = split_commas(v);
    else if (key == "console.font_dir")
      cfg.console_font_dir = resolve(v, base);
    else
      error(line, "unknown key '" + key + "'");
  }

  static bool is_list_key(const std::string& key) {
    return key == "kafka.input_topics" || key == "candidates.files" || key == "console.sso_trusted";
  }

  void walk(const YAML::Node& node, const std::string& prefix, const std::string& base) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      const int line = it->first.Mark().line + 1;
      std::string name = it->first.as<std::string>();
      std::string key = prefix.empty() ? name : prefix + "." + name;
      const YAML::Node v = it->second;
      if (key == "kafka.properties") {
        if (v.IsNull()) continue;
        if (!v.IsMap()) {
          error(line, "'kafka.properties' must be a map of librdkafka properties");
          continue;
        }
        for (auto p = v.begin(); p != v.end(); ++p) {
          if (!p->second.IsScalar()) {
            error(p->first.Mark().line + 1, "librdkafka property values must be scalars");
            continue;
          }
          set_kafka_property(p->first.as<std::string>(), p->second.as<std::string>(),
                             p->first.Mark().line + 1);
        }
        continue;
      }
      if (is_list_key(key)) {
        if (v.IsSequence()) {
          std::string joined;
          for (const auto& item : v) {
            if (!item.IsScalar()) {
              error(item.Mark().line + 1, "'" + key + "' items must be strings");
              continue;
            }
            if (!joined.empty()) joined += ",";
            joined += item.as<std::string>();
          }
          set_scalar(key, joined, line, base);
        } else if (v.IsScalar() || v.IsNull()) {
          set_scalar(key, v.IsNull() ? "" : v.as<std::string>(), line, base);
        } else {
          error(line, "'" + key + "' must be a list");
        }
        continue;
      }
      if (v.IsMap()) {
        walk(v, key, base);
        continue;
      }
      if (v.IsSequence()) {
        error(line, "'" + key + "' must be a single value, not a list");
        continue;
      }
      set_scalar(key, v.IsNull() ? "" : v.as<std::string>(), line, base);
    }
  }
};

void apply_defaults(Config& cfg, Loader& loader, const std::string& base) {
  for (const auto& k : kKeys) {
    std::string d = k.default_value;
    if (std::string(k.type) == "map") continue;
    if (d == "[]") d = "";
    if (d.size() > 1 && d.front() == '[') d = d.substr(1, d.size() - 2);
    loader.set_scalar(k.key, d, 0, base);
  }
}

}  // namespace

const std::vector<KeyInfo>& config_keys() { return kKeys; }

std::string default_config_path(const char* argv0) {
  if (const char* env = std::getenv("NETRA_CONFIG"); env && *env) return env;
  if (fs::exists("config/netra.yaml")) return "config/netra.yaml";
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0) exe = fs::path(argv0);
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    fs::path candidate = dir / "config" / "netra.yaml";
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return "config/netra.yaml";
}

bool load_config(const std::string& file, const std::vector<std::string>& sets, Config& out,
                 std::vector<engine::Diagnostic>& diags) {
  out = Config{};
  out.file = file;
  std::string base;
  if (!file.empty()) base = fs::absolute(fs::path(file)).parent_path().lexically_normal().string();
  out.base_dir = base;
  Loader loader{out, diags, file};
  apply_defaults(out, loader, base);

  if (!file.empty()) {
    if (!fs::exists(file)) {
      diags.push_back({file, 0, "config file not found", false});
      return false;
    }
    try {
      YAML::Node root = YAML::LoadFile(file);
      if (root.IsMap()) {
        loader.walk(root, "", base);
      } else if (!root.IsNull()) {
        loader.error(1, "the config must be a YAML map of keys");
      }
    } catch (const YAML::Exception& e) {
      loader.error(e.mark.line + 1, e.msg);
    }
  }

  loader.file = "--set";
  for (const auto& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      loader.error(0, "expected KEY=VALUE, got '" + s + "'");
      continue;
    }
    loader.set_scalar(s.substr(0, eq), s.substr(eq + 1), 0, fs::current_path().string());
  }

  if (out.engine.cache_dir.empty()) {
    if (const char* env = std::getenv("NETRA_CACHE_DIR"); env && *env)
      out.engine.cache_dir = env;
    else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
      out.engine.cache_dir = std::string(xdg) + "/netra";
    else if (const char* home = std::getenv("HOME"); home && *home)
      out.engine.cache_dir = std::string(home) + "/.cache/netra";
  }
  if (out.workers == 0) out.workers = std::max(1u, std::thread::hardware_concurrency());
  if (out.kafka_input_topics.empty()) loader.error(0, "kafka.input_topics must name a topic");
  if (!out.exactly_once && out.kafka_properties.count("transactional.id"))
    loader.error(0, "kafka.properties.transactional.id needs delivery: exactly_once");
  return loader.ok;
}

}  // namespace netra::daemon
