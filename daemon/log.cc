#include "daemon/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace netra::daemon::log {
namespace {
std::atomic<int> g_min{static_cast<int>(Level::info)};
const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
}  // namespace

void set_level(Level min_level) { g_min = static_cast<int>(min_level); }

bool set_level_by_name(std::string_view name) {
  if (name.empty() || name == "info")
    set_level(Level::info);
  else if (name == "debug")
    set_level(Level::debug);
  else if (name == "warn")
    set_level(Level::warn);
  else if (name == "error")
    set_level(Level::error);
  else
    return false;
  return true;
}

void write(Level level, const char* fmt, ...) {
  if (static_cast<int>(level) < g_min.load(std::memory_order_relaxed)) return;
  char buf[4096];
  auto now = std::chrono::system_clock::now();
  std::time_t secs = std::chrono::system_clock::to_time_t(now);
  int ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  int n = static_cast<int>(std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm));
  n += std::snprintf(buf + n, sizeof buf - n, ".%03dZ %-5s ", ms, kNames[static_cast<int>(level)]);
  va_list ap;
  va_start(ap, fmt);
  int m = std::vsnprintf(buf + n, sizeof buf - n - 1, fmt, ap);
  va_end(ap);
  if (m < 0) m = 0;
  n += m;
  if (n > static_cast<int>(sizeof buf) - 2) n = sizeof buf - 2;
  buf[n++] = '\n';
  ssize_t r = ::write(2, buf, n);
  (void)r;
}

}  // namespace netra::daemon::log
