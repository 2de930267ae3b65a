// `netra console`: serve, rebuild, ingest and user management.
#include "console/cmd_console.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>
#include <vector>

#include "console/auth.h"
#include "console/consumer.h"
#include "console/ingest.h"
#include "console/labels.h"
#include "console/store.h"
#include "console/web_app.h"
#include "console/web_server.h"
#include "daemon/config.h"
#include "daemon/log.h"
#include "daemon/regions.h"

namespace netra::console {

namespace {

const char kUsage[] =
    "usage: netra console [serve] [OPTIONS]            the console: web UI + alert consumer\n"
    "       netra console rebuild [OPTIONS]            replay the alert topic into a fresh store\n"
    "       netra console ingest [OPTIONS] FILE...     add alerts from NDJSON files and exit\n"
    "       netra console export-labels DIR [--part NAME]   triaged cases as `netra eval` input\n"
    "       netra console user add NAME --role ROLE [--name \"Full Name\"]\n"
    "       netra console user passwd NAME\n"
    "       netra console user disable NAME\n"
    "       netra console user list\n"
    "\n"
    "serve consumes kafka.alert_topic as consumer group console.group_id, groups alerts into\n"
    "cases in the store under console.dir (SQLite, console.db) and serves the web UI on\n"
    "console.listen. The topic is the source of truth: offsets are committed only after the\n"
    "store write, and `rebuild` replays the topic from the start (statuses, assignments and\n"
    "notes come back from the audit log).\n"
    "\n"
    "options:\n"
    "  --config FILE       config file (default: $NETRA_CONFIG, else config/netra.yaml)\n"
    "  --set KEY=VALUE     override a config key (repeatable), e.g. --set console.dir=/data\n"
    "  --from-file FILE    serve/rebuild: read alerts from an NDJSON file instead of Kafka\n"
    "                      (serve keeps running after it)\n"
    "  --log-level LEVEL   debug, info (default), warn, error\n"
    "  --role ROLE         user add: operator, supervisor or auditor\n"
    "  --name TEXT         user add: the display name (pelapor in reports)\n"
    "  --part NAME         export-labels: writes DIR/NAME.events.ndjson and\n"
    "                      DIR/NAME.labels.ndjson (default: console)\n"
    "\n"
    "Passwords are read from standard input (one line; not echoed on a terminal).\n"
    "export-labels writes the events of confirmed/forwarded cases (their rule expected) and of\n"
    "rejected ones (their rule must stay silent) in the tests/eval format: `netra eval DIR`.\n"
    "\n"
    "exit status: 0 done; 1 store, config or Kafka error; 2 bad usage\n";

struct Args {
  std::string config, from_file, log_level, role, name, part;
  std::vector<std::string> sets, positional;
  std::string error;
};

Args parse(int argc, char** argv) {
  Args a;
  const std::map<std::string, std::string*> with_value = {
      {"--config", &a.config}, {"--from-file", &a.from_file}, {"--log-level", &a.log_level},
      {"--role", &a.role},     {"--name", &a.name},           {"--part", &a.part}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      a.error = "help";
      return a;
    }
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string value;
      bool has_value = false;
      if (size_t eq = arg.find('='); eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_value = true;
      }
      if (arg != "--set" && !with_value.count(arg)) {
        a.error = "unknown option " + arg;
        return a;
      }
      if (!has_value) {
        if (i + 1 >= argc) {
          a.error = arg + " needs a value";
          return a;
        }
        value = argv[++i];
      }
      if (arg == "--set")
        a.sets.push_back(value);
      else
        *with_value.at(arg) = value;
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

std::string console_dir(const daemon::Config& cfg) {
  if (!cfg.console_dir.empty()) return cfg.console_dir;
  if (const char* env = std::getenv("NETRA_CONSOLE_DIR"); env && *env) return env;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/netra/console";
  return "netra-console";
}

// Region code -> name from a CSV with region_code and region (or kode/nama) columns.
std::map<std::string, std::string> load_regions(const std::string& path) {
  std::map<std::string, std::string> out;
  if (path.empty()) return out;
  std::string error;
  if (!daemon::load_region_names(path, out, error)) {
    NETRA_LOG_WARN("console.regions: %s; showing region codes", error.c_str());
    out.clear();
  }
  return out;
}

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

std::string read_password(const char* prompt) {
  const bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string pw;
  std::getline(std::cin, pw);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  return pw;
}

int cmd_user(const Args& a, Store& store) {
  const auto& p = a.positional;
  const std::string verb = p.size() > 1 ? p[1] : "";
  if (verb == "list" && p.size() == 2) {
    for (const auto& u : store.users())
      std::printf("%s\t%s\t%s%s\n", u.username.c_str(), u.role.c_str(), u.display_name.c_str(),
                  u.disabled ? "\t(nonaktif)" : "");
    return 0;
  }
  if (p.size() != 3 || (verb != "add" && verb != "passwd" && verb != "disable")) {
    std::fprintf(stderr,
                 "netra console user: add NAME --role ROLE | passwd NAME | disable NAME | list\n");
    return 2;
  }
  const std::string& username = p[2];
  auto existing = store.get_user(username);
  User u;
  AuditEntry e;
  e.actor = "cli";
  e.detail = username;
  if (verb == "add") {
    Role role;
    if (!parse_role(a.role, role)) {
      std::fprintf(stderr, "netra console user add: --role operator, supervisor or auditor\n");
      return 2;
    }
    if (existing) {
      std::fprintf(stderr, "netra console user add: %s exists (use passwd)\n", username.c_str());
      return 1;
    }
    if (username.empty() || username.size() > 64 ||
        username.find_first_of(" \t\r\n:;,") != std::string::npos) {
      std::fprintf(stderr, "netra console user add: bad user name\n");
      return 2;
    }
    u.username = username;
    u.role = role_name(role);
    u.display_name = a.name.empty() ? username : a.name;
    e.action = "user_add";
    e.after = u.role;
  } else {
    if (!existing) {
      std::fprintf(stderr, "netra console user %s: no user %s\n", verb.c_str(), username.c_str());
      return 1;
    }
    u = *existing;
    e.action = "user_" + verb;
  }
  if (verb == "disable") {
    u.disabled = true;
  } else {
    const std::string pw = read_password("Kata sandi: ");
    if (pw.size() < 10) {
      std::fprintf(stderr, "netra console user: the password needs at least 10 characters\n");
      return 2;
    }
    u.pw_hash = hash_password(pw);
    if (u.pw_hash.empty()) {
      std::fprintf(stderr, "netra console user: hashing failed (out of memory)\n");
      return 1;
    }
    u.disabled = false;
  }
  std::string error;
  if (!store.put_user(u, error)) {
    std::fprintf(stderr, "netra console user: %s\n", error.c_str());
    return 1;
  }
  store.audit(e);
  std::printf("%s: %s\n", e.action.c_str(), username.c_str());
  return 0;
}

// Confirmed, forwarded and rejected cases as labelled events (console/labels.h).
int cmd_export_labels(const Args& a, Store& store) {
  if (a.positional.size() != 2) {
    std::fprintf(stderr, "netra console export-labels: name one output directory\n");
    return 2;
  }
  const std::string part = a.part.empty() ? "console" : a.part;
  if (part.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
      std::string::npos) {
    std::fprintf(stderr, "netra console export-labels: --part takes letters, digits, _ and -\n");
    return 2;
  }
  LabelExport labels;
  // Decided cases first: undecided ones only add also_ok rules to their events.
  for (Status st : {Status::dikonfirmasi, Status::diteruskan, Status::ditolak, Status::baru,
                    Status::ditinjau}) {
    CaseFilter f;
    f.status = status_name(st);
    f.limit = -1;
    for (const auto& c : store.list_cases(f))
      for (const auto& alert : store.case_alerts_json(c.case_id))
        labels.add(alert, c.status, c.case_id, c.reject_reason, c.reject_note);
  }
  std::string events, lines;
  LabelCounts counts;
  labels.write(events, lines, counts);
  const std::filesystem::path dir(a.positional[1]);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const auto& [name, body] :
       {std::pair{part + ".events.ndjson", &events}, std::pair{part + ".labels.ndjson", &lines}}) {
    const std::string path = (dir / name).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    const bool ok = f && std::fwrite(body->data(), 1, body->size(), f) == body->size();
    if (f && std::fclose(f) != 0) f = nullptr;
    if (!ok || !f) {
      std::fprintf(stderr, "netra console export-labels: cannot write %s: %s\n", path.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }
  std::fprintf(stderr,
               "netra console export-labels: %lld events (%lld with a confirmed rule, %lld "
               "rejected only) in %s/%s.{events,labels}.ndjson; %lld bad records skipped\n",
               static_cast<long long>(counts.events), static_cast<long long>(counts.positive),
               static_cast<long long>(counts.negative), dir.string().c_str(), part.c_str(),
               static_cast<long long>(counts.skipped));
  return 0;
}

int cmd_rebuild(const Args& a, const daemon::Config& cfg, Store& store) {
  std::string error;
  if (!store.clear_alerts(error)) {
    NETRA_LOG_ERROR("console rebuild: %s", error.c_str());
    return 1;
  }
  IngestStats stats;
  if (!a.from_file.empty()) {
    if (!ingest_file(a.from_file, store, stats, error)) {
      NETRA_LOG_ERROR("console rebuild: %s", error.c_str());
      return 1;
    }
  } else {
    ConsumerOptions opt;
    opt.from_beginning = true;
    opt.stop_at_end = true;
    // A fresh group reads the topic from its first offset.
    opt.group_id = cfg.console_group_id + "-rebuild-" + std::to_string(std::time(nullptr));
    if (run_consumer(cfg, opt, store, stats, g_stop) != 0) return 1;
  }
  const int restored = store.reapply_triage();
  CaseFilter all;
  all.limit = -1;
  NETRA_LOG_INFO(
      "console rebuild: %lld alerts (%lld duplicates, %lld bad records) into %zu "
      "cases; triage restored on %d",
      static_cast<long long>(stats.inserted.load()),
      static_cast<long long>(stats.duplicates.load()), static_cast<long long>(stats.bad.load()),
      store.list_cases(all).size(), restored);
  return restored < 0 ? 1 : 0;
}

int cmd_serve(const Args& a, const daemon::Config& cfg, Store& store) {
  IngestStats stats;
  stats.ready = true;
  WebOptions opt;
  opt.unit = cfg.console_unit;
  opt.region_names = load_regions(cfg.console_regions);
  opt.secure_cookie = cfg.console_tls_proxy;
  opt.font_dir = cfg.console_font_dir;
  std::string error;
  if (!cfg.console_sso_header.empty()) {
    for (char c : cfg.console_sso_header)
      opt.sso_header += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (cfg.console_sso_trusted.empty()) {
      NETRA_LOG_ERROR(
          "console: console.sso_header needs console.sso_trusted (the proxy's address)");
      return 1;
    }
    if (!parse_address_ranges(cfg.console_sso_trusted, opt.sso_trusted, error)) {
      NETRA_LOG_ERROR("console.sso_trusted: %s", error.c_str());
      return 1;
    }
    NETRA_LOG_INFO("console: SSO mode, header %s accepted from %zu address range(s)",
                   cfg.console_sso_header.c_str(), opt.sso_trusted.size());
  }
  WebApp app(store, stats, opt);
  WebServer server(app);
  if (!server.start(cfg.console_listen, error)) {
    NETRA_LOG_ERROR("console: %s", error.c_str());
    return 1;
  }
  std::string host = cfg.console_listen.substr(0, cfg.console_listen.rfind(':'));
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  std::printf("netra console: http://%s:%u/\n", host.c_str(), server.port());
  std::fflush(stdout);
  NETRA_LOG_INFO("console: store %s, web UI on port %u", console_dir(cfg).c_str(), server.port());

  int rc = 0;
  if (!a.from_file.empty()) {
    if (!ingest_file(a.from_file, store, stats, error)) {
      NETRA_LOG_ERROR("console: %s", error.c_str());
      rc = 1;
    } else {
      NETRA_LOG_INFO("console: %s: %lld alerts stored, %lld duplicates, %lld bad records",
                     a.from_file.c_str(), static_cast<long long>(stats.inserted.load()),
                     static_cast<long long>(stats.duplicates.load()),
                     static_cast<long long>(stats.bad.load()));
    }
    while (!g_stop && rc == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } else {
    rc = run_consumer(cfg, ConsumerOptions{}, store, stats, g_stop);
  }
  server.stop();
  return rc;
}

}  // namespace

int cmd_console(int argc, char** argv) {
  Args a = parse(argc, argv);
  if (a.error == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!a.error.empty()) {
    std::fprintf(stderr, "netra console: %s\n\n%s", a.error.c_str(), kUsage);
    return 2;
  }
  if (!daemon::log::set_level_by_name(a.log_level)) {
    std::fprintf(stderr, "netra console: --log-level must be debug, info, warn or error\n");
    return 2;
  }
  const std::string verb = a.positional.empty() ? "serve" : a.positional[0];
  if (verb != "serve" && verb != "rebuild" && verb != "ingest" && verb != "user" &&
      verb != "export-labels") {
    std::fprintf(stderr, "netra console: unknown command '%s'\n\n%s", verb.c_str(), kUsage);
    return 2;
  }
  if ((verb == "serve" || verb == "rebuild") && a.positional.size() > 1) {
    std::fprintf(stderr, "netra console %s: unexpected argument '%s'\n", verb.c_str(),
                 a.positional[1].c_str());
    return 2;
  }
  if (verb == "ingest" && a.positional.size() < 2) {
    std::fprintf(stderr, "netra console ingest: name at least one NDJSON file ('-' = stdin)\n");
    return 2;
  }
  daemon::Config cfg;
  std::vector<engine::Diagnostic> diags;
  const std::string file = a.config.empty() ? daemon::default_config_path(argv[0]) : a.config;
  const bool ok = daemon::load_config(file, a.sets, cfg, diags);
  for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.str().c_str());
  if (!ok) return 2;
  if (!auth_init()) {
    std::fprintf(stderr, "netra console: libsodium cannot initialise\n");
    return 1;
  }
  std::string error;
  auto store = open_sqlite_store(console_dir(cfg), error);
  if (!store) {
    std::fprintf(stderr, "netra console: %s\n", error.c_str());
    return 1;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);

  if (verb == "user") return cmd_user(a, *store);
  if (verb == "export-labels") return cmd_export_labels(a, *store);
  if (verb == "rebuild") return cmd_rebuild(a, cfg, *store);
  if (verb == "ingest") {
    IngestStats stats;
    for (size_t i = 1; i < a.positional.size(); ++i) {
      if (!ingest_file(a.positional[i], *store, stats, error)) {
        std::fprintf(stderr, "netra console ingest: %s\n", error.c_str());
        return 1;
      }
    }
    std::fprintf(stderr, "netra console ingest: %lld stored, %lld duplicates, %lld bad records\n",
                 static_cast<long long>(stats.inserted.load()),
                 static_cast<long long>(stats.duplicates.load()),
                 static_cast<long long>(stats.bad.load()));
    return 0;
  }
  return cmd_serve(a, cfg, *store);
}

daemon::Command add_console(CLI::App& netra) {
  auto rest = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = netra.add_subcommand(
      "console", "the patrol console: alerts into cases, web UI for triage, users");
  cmd->prefix_command();
  cmd->set_help_flag();  // cmd_console prints its own help
  cmd->footer(kUsage);
  return {cmd, [cmd, rest] {
            std::vector<std::string> args = {"console"};
            for (const auto& r : cmd->remaining()) args.push_back(r);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            return cmd_console(static_cast<int>(argv.size()), argv.data());
          }};
}

}  // namespace netra::console
