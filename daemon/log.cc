#include "daemon/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "engine/json_out.h"

namespace netra::daemon::log {
namespace {
std::atomic<int> g_min{static_cast<int>(Level::info)};
std::atomic<int> g_format{static_cast<int>(Format::text)};
const char* kTextNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
const char* kJsonNames[] = {"debug", "info", "warn", "error"};
constexpr size_t kMaxMessage = 4000;  // longer messages are cut (one write per line)

void append_timestamp(std::string& out, long long ts_millis) {
  std::time_t secs = static_cast<std::time_t>(ts_millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  n += std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ts_millis % 1000));
  out.append(buf, n);
}

void emit(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < g_min.load(std::memory_order_relaxed)) return;
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const std::string line = format_line(
      static_cast<Format>(g_format.load(std::memory_order_relaxed)), level, ms, msg, fields);
  ssize_t r = ::write(2, line.data(), line.size());
  (void)r;
}

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

void set_format(Format format) { g_format = static_cast<int>(format); }

bool set_format_by_name(std::string_view name) {
  if (name.empty() || name == "text")
    set_format(Format::text);
  else if (name == "json")
    set_format(Format::json);
  else
    return false;
  return true;
}

std::string format_line(Format format, Level level, long long ts_millis, std::string_view msg,
                        std::initializer_list<Field> fields) {
  if (msg.size() > kMaxMessage) msg = msg.substr(0, kMaxMessage);
  std::string out;
  out.reserve(64 + msg.size());
  const int l = static_cast<int>(level);
  if (format == Format::json) {
    out += "{\"ts\":\"";
    append_timestamp(out, ts_millis);
    out += "\",\"level\":\"";
    out += kJsonNames[l];
    out += '"';
    engine::json_field(out, "msg", msg);
    for (const auto& f : fields) engine::json_field(out, f.key, f.value);
    out += "}\n";
    return out;
  }
  append_timestamp(out, ts_millis);
  out += ' ';
  out += kTextNames[l];
  out.append(6 - std::string_view(kTextNames[l]).size(), ' ');
  out += msg;
  for (const auto& f : fields) {
    out += ' ';
    out += f.key;
    out += '=';
    out += f.value;
  }
  out += '\n';
  return out;
}

void write(Level level, const char* fmt, ...) {
  if (static_cast<int>(level) < g_min.load(std::memory_order_relaxed)) return;
  char buf[kMaxMessage + 1];
  va_list ap;
  va_start(ap, fmt);
  int m = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (m < 0) m = 0;
  if (m > static_cast<int>(kMaxMessage)) m = kMaxMessage;
  emit(level, std::string_view(buf, m), {});
}

void write_fields(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  emit(level, msg, fields);
}

}  // namespace netra::daemon::log
