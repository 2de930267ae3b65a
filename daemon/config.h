#pragma once
// The daemon's configuration: one YAML file plus --set KEY=VALUE overrides.
// Every key is declared once, in config.cc's table, with type, default, bounds
// and description; unknown keys are errors.
#include <map>
#include <string>
#include <vector>

#include "engine/ruleset.h"

namespace netra::daemon {

struct Config {
  std::string file;      // the YAML file read ("" when only defaults)
  std::string base_dir;  // relative paths in the file resolve against this

  std::string kafka_brokers;
  std::string kafka_group_id;
  std::vector<std::string> kafka_input_topics;
  std::string kafka_alert_topic;
  std::string kafka_dead_letter_topic;
  std::string kafka_suppressed_topic;                   // empty: suppressed alerts are only counted
  std::map<std::string, std::string> kafka_properties;  // passed to librdkafka as is

  std::string http_listen;           // host:port
  bool http_reload_enabled = false;  // POST /-/reload
  int workers = 0;                   // resolved: 0 in the file means one per core
  int max_inflight = 0;  // events consumed but not yet committable (back-pressure bound)
  int shutdown_timeout_seconds = 0;
  std::string log_format;     // "text" or "json" (log.format)
  bool exactly_once = false;  // delivery: exactly_once (docs/delivery.md)

  engine::Settings engine;

  // `netra console` (console/README.md).
  std::string console_dir;                       // holds console.db
  std::string console_listen;                    // host:port of the web UI
  std::string console_unit;                      // the reporting unit printed as pelapor
  std::string console_group_id;                  // its own consumer group on kafka.alert_topic
  std::string console_regions;                   // CSV of region codes and names ("" = codes only)
  bool console_tls_proxy = false;                // session cookies get Secure
  std::string console_sso_header;                // trusted user header ("" = no SSO mode)
  std::vector<std::string> console_sso_trusted;  // addresses/CIDRs it is accepted from
  std::string console_font_dir;                  // the B.1 PDF's TrueType fonts
};

struct KeyInfo {
  const char* key;
  const char* type;  // string, int, bool, list, map, path, paths
  const char* default_value;
  const char* description;
};
// The declared keys, for `netra check --keys` and the docs.
const std::vector<KeyInfo>& config_keys();

// The config file used when --config is not given: $NETRA_CONFIG, then
// ./config/netra.yaml, then <dir of the executable>/../config/netra.yaml.
std::string default_config_path(const char* argv0);

// Loads `file` (may be "" for defaults only) and applies `sets` ("key=value").
// Every problem goes to `diags` as file:line: message; returns false on any error.
bool load_config(const std::string& file, const std::vector<std::string>& sets, Config& out,
                 std::vector<engine::Diagnostic>& diags);

}  // namespace netra::daemon
