// `netra demo`: a first look with no Kafka to install. Starts librdkafka's in-process mock
// cluster, a producer that replays config/samples/events.ndjson with fresh event ids and
// timestamps, the daemon (the same Runner as `netra run`) against it, and a consumer that prints
// every alert as one line. The patrol console (`netra console`, this binary in a child process:
// console/ sits above daemon/) consumes the demo's alert topic into a temporary store, with a
// demo supervisor whose password is printed once.
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "daemon/alert_line.h"
#include "daemon/cli.h"
#include "daemon/commands.h"
#include "daemon/config.h"
#include "daemon/log.h"
#include "daemon/runner.h"

namespace netra::daemon {
namespace {

const char kDemoFooter[] =
    "A self-contained run: an embedded (mock) Kafka cluster, sample traffic replayed from\n"
    "<config dir>/samples/events.ndjson with fresh event ids and timestamps, the daemon running\n"
    "against it, and each alert printed as one line. The metrics URL is printed at start, and\n"
    "the patrol console's URL with a demo login (`netra console` on the demo's alerts, its store\n"
    "in a temporary directory removed at exit; --no-console leaves it out).\n"
    "Ctrl-C ends it.\n"
    "\n"
    "exit status: as for `netra run`; 1 also when there are no sample events.";

const char kInput[] = "netra-demo-events";
const char kAlerts[] = "netra-demo-alerts";
const char kDeadLetter[] = "netra-demo-dead-letter";

struct DemoArgs {
  ConfigArgs config;
  double duration = 0;
  double rate = 20;
  std::string samples;
  bool no_console = false;
};

extern "C" char** environ;

// `netra console ...` (this binary) as a child with the given stdin/stdout (-1: inherited) and
// an unblocked signal mask (the demo blocks its signals for its signal thread). 0 on failure.
pid_t spawn_self(const std::vector<std::string>& args, int in_fd, int out_fd) {
  std::vector<char*> argv;
  static std::string self = "/proc/self/exe";
  argv.push_back(self.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
  if (out_fd >= 0) posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), environ) != 0) pid = 0;
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  return pid;
}

// The demo's console: a temporary store with one supervisor, consuming the demo's alerts.
struct DemoConsole {
  std::string dir, url, password;
  pid_t pid = 0;

  bool start(const DemoArgs& args, const std::string& brokers) {
    char tmpl[] = "/tmp/netra-demo-console-XXXXXX";
    if (!mkdtemp(tmpl)) return false;
    dir = tmpl;
    std::vector<std::string> common;
    if (!args.config.config.empty()) common = {"--config", args.config.config};
    for (const auto& s : args.config.sets) common.insert(common.end(), {"--set", s});
    common.insert(common.end(), {"--set", "console.dir=" + dir, "--set", "kafka.brokers=" + brokers,
                                 "--set", std::string("kafka.alert_topic=") + kAlerts, "--set",
                                 "console.group_id=netra-demo-console", "--set",
                                 "console.listen=127.0.0.1:0", "--log-level", "warn"});
    // A fresh random password, printed once below.
    unsigned char raw[9];
    std::ifstream("/dev/urandom", std::ios::binary).read(reinterpret_cast<char*>(raw), sizeof raw);
    static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    for (unsigned char c : raw) password += kAlphabet[c % (sizeof kAlphabet - 1)];
    password.insert(6, "-");
    int in[2];
    if (pipe(in) != 0) return false;
    std::vector<std::string> add = {"console", "user",       "add",    "demo",
                                    "--role",  "supervisor", "--name", "Supervisor Demo"};
    add.insert(add.end(), common.begin(), common.end());
    const int devnull = open("/dev/null", O_WRONLY);
    pid_t adder = spawn_self(add, in[0], devnull);
    close(in[0]);
    const std::string line = password + "\n";
    const bool wrote = write(in[1], line.data(), line.size()) == static_cast<ssize_t>(line.size());
    close(in[1]);
    close(devnull);
    int status = 0;
    if (!adder || waitpid(adder, &status, 0) != adder || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || !wrote)
      return false;
    int out[2];
    if (pipe(out) != 0) return false;
    std::vector<std::string> serve = {"console"};
    serve.insert(serve.end(), common.begin(), common.end());
    pid = spawn_self(serve, -1, out[1]);
    close(out[1]);
    if (!pid) {
      close(out[0]);
      return false;
    }
    // Its first line: "netra console: http://127.0.0.1:PORT/".
    std::string first;
    char c;
    while (first.size() < 200 && read(out[0], &c, 1) == 1 && c != '\n') first += c;
    close(out[0]);
    const std::string prefix = "netra console: ";
    if (first.rfind(prefix, 0) == 0) url = first.substr(prefix.size());
    return !url.empty();
  }

  void stop() {
    if (pid) {
      kill(pid, SIGTERM);
      int status;
      waitpid(pid, &status, 0);
      pid = 0;
    }
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

// Replaces the string value of the first top-level-looking `"field": "..."` in `line`.
bool replace_string_field(std::string& line, std::string_view field, const std::string& value) {
  std::string needle = "\"" + std::string(field) + "\"";
  size_t pos = line.find(needle);
  if (pos == std::string::npos) return false;
  size_t i = pos + needle.size();
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return false;
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != '"') return false;
  size_t start = ++i;
  while (i < line.size() && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
  if (i >= line.size()) return false;
  line.replace(start, i - start, value);
  return true;
}

std::string now_rfc3339_wib() {
  std::time_t t = std::time(nullptr) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

// Prints one line per alert (daemon/alert_line.h); a record that is not JSON is not shown.
void print_alert(simdjson::dom::parser& parser, const char* data, size_t len, bool color) {
  simdjson::dom::element doc;
  if (parser.parse(data, len).get(doc)) return;
  std::fputs(format_alert_line(doc, color).c_str(), stdout);
  std::fflush(stdout);
}

int demo(const DemoArgs& args) {
  const double duration = args.duration, rate = args.rate;
  Config cfg;
  const std::vector<std::string> preset = {"kafka.group_id=netra-demo",
                                           std::string("kafka.input_topics=") + kInput,
                                           std::string("kafka.alert_topic=") + kAlerts,
                                           std::string("kafka.dead_letter_topic=") + kDeadLetter,
                                           "http.listen=127.0.0.1:0",
                                           "shutdown.timeout_seconds=10"};
  if (!load_config_reporting(args.config, preset, cfg)) return kExitUsage;
  log::set_format_by_name(cfg.log_format);
  std::string samples_path = args.samples;
  if (samples_path.empty())
    samples_path = (std::filesystem::path(cfg.base_dir.empty() ? "config" : cfg.base_dir) /
                    "samples" / "events.ndjson")
                       .string();
  std::vector<std::string> samples;
  {
    std::ifstream in(samples_path);
    std::string line;
    while (std::getline(in, line))
      if (line.find('{') != std::string::npos) samples.push_back(line);
  }
  if (samples.empty()) {
    std::fprintf(stderr, "netra demo: no sample events in %s\n", samples_path.c_str());
    return kExitFailure;
  }
  log::set_level(log::Level::warn);
  block_signals();  // before librdkafka starts threads: Ctrl-C must reach the signal thread

  // The embedded cluster lives in a producer handle that also sends the sample traffic.
  char errstr[512];
  rd_kafka_conf_t* pconf = rd_kafka_conf_new();
  rd_kafka_conf_set(pconf, "log_level", "2", errstr, sizeof errstr);  // quiet at teardown
  rd_kafka_conf_set(pconf, "linger.ms", "5", errstr, sizeof errstr);
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, pconf, errstr, sizeof errstr);
  if (!producer) {
    std::fprintf(stderr, "netra demo: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t* mock = rd_kafka_mock_cluster_new(producer, 1);
  if (!mock) {
    std::fprintf(stderr, "netra demo: cannot start the mock Kafka cluster\n");
    rd_kafka_destroy(producer);
    return 1;
  }
  const std::string bootstraps = rd_kafka_mock_cluster_bootstraps(mock);
  for (const char* t : {kInput, kAlerts, kDeadLetter}) rd_kafka_mock_topic_create(mock, t, 3, 1);
  rd_kafka_brokers_add(producer, bootstraps.c_str());
  cfg.kafka_brokers = bootstraps;
  cfg.kafka_properties["log_level"] = "3";

  DemoConsole console;
  if (!args.no_console) {
    if (console.start(args, bootstraps))
      std::printf(
          "netra demo: patrol console at %s  (login: demo, password: %s; a fresh store, "
          "removed at exit)\n",
          console.url.c_str(), console.password.c_str());
    else
      std::fprintf(stderr, "netra demo: the patrol console did not start (continuing without)\n");
  }
  const bool color = isatty(1);
  std::printf("netra demo: embedded Kafka at %s; replaying %zu sample events from %s at %.0f/s\n",
              bootstraps.c_str(), samples.size(), samples_path.c_str(), rate);
  std::fflush(stdout);

  Runner runner(cfg, {[](uint16_t port) {
                  std::printf(
                      "netra demo: metrics at http://127.0.0.1:%u/metrics  (also "
                      "/healthz, /readyz); Ctrl-C to stop\n\n",
                      port);
                  std::fflush(stdout);
                }});
  auto stop_signals = handle_signals(runner, false);
  std::atomic<bool> quit{false};
  std::atomic<uint64_t> produced{0}, shown{0};

  std::thread traffic([&] {
    rd_kafka_topic_t* topic = rd_kafka_topic_new(producer, kInput, nullptr);
    uint64_t seq = 0;
    auto next = std::chrono::steady_clock::now();
    auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / rate));
    std::string run_id = std::to_string(std::time(nullptr));
    while (!quit.load()) {
      std::string ev = samples[seq % samples.size()];
      replace_string_field(ev, "event_id", "demo-" + run_id + "-" + std::to_string(seq));
      replace_string_field(ev, "ts", now_rfc3339_wib());
      while (rd_kafka_produce(topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, ev.data(),
                              ev.size(), nullptr, 0, nullptr) == -1 &&
             !quit.load())
        rd_kafka_poll(producer, 10);
      rd_kafka_poll(producer, 0);
      ++seq;
      produced = seq;
      next += period;
      std::this_thread::sleep_until(next);
    }
    rd_kafka_flush(producer, 2000);
    rd_kafka_topic_destroy(topic);
  });

  std::thread display([&] {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstraps.c_str(), errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "netra-demo-display", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    rd_kafka_t* c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!c) return;
    rd_kafka_poll_set_consumer(c);
    rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(3);
    for (int p = 0; p < 3; ++p) rd_kafka_topic_partition_list_add(parts, kAlerts, p);
    rd_kafka_assign(c, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    simdjson::dom::parser parser;
    while (!quit.load()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(c, 100);
      if (!m) continue;
      if (!m->err) {
        print_alert(parser, static_cast<const char*>(m->payload), m->len, color);
        ++shown;
      }
      rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
  });

  std::thread timer;
  if (duration > 0) {
    timer = std::thread([&] {
      auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(duration);
      while (!quit.load() && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      runner.request_stop();
    });
  }

  int rc = runner.run();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let the last alerts print
  quit = true;
  traffic.join();
  display.join();
  if (timer.joinable()) timer.join();
  stop_signals();
  console.stop();
  rd_kafka_mock_cluster_destroy(mock);
  rd_kafka_destroy(producer);
  std::printf("\nnetra demo: %llu events sent, %llu alerts shown; exit %d\n",
              static_cast<unsigned long long>(produced.load()),
              static_cast<unsigned long long>(shown.load()), rc);
  return rc;
}
}  // namespace

Command add_demo(CLI::App& netra) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd =
      netra.add_subcommand("demo", "a self-contained run on an embedded Kafka with sample traffic");
  cmd->add_option("--duration", args->duration, "stop after this long (default: until Ctrl-C)")
      ->type_name("SECONDS")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--rate", args->rate, "sample events per second (default 20)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--samples", args->samples,
                  "NDJSON events to replay (default <config dir>/samples/events.ndjson)")
      ->type_name("FILE");
  cmd->add_flag("--no-console", args->no_console, "do not start the patrol console");
  add_config_options(*cmd, args->config);
  cmd->footer(kDemoFooter);
  return {cmd, [args] { return demo(*args); }};
}

}  // namespace netra::daemon
