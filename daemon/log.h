#pragma once
// Daemon logging on stderr, one line per message, in one of two formats (config key log.format):
//   text: "2024-01-12T08:15:00.123Z INFO  message key=value ..."
//   json: {"ts":"2024-01-12T08:15:00.123Z","level":"info","msg":"message","key":"value",...}
//         (one object per line, for log pipelines; the fields are top-level keys after msg)
// Thread-safe (one write(2) per line). Never used on the per-event fast path except rate-limited.
#include <cstdarg>
#include <initializer_list>
#include <string>
#include <string_view>

namespace netra::daemon::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };
enum class Format { text = 0, json = 1 };

void set_level(Level min_level);
// "debug", "info" ("" too), "warn", "error"; false for anything else.
bool set_level_by_name(std::string_view name);
void set_format(Format format);
// "text" ("" too), "json"; false for anything else.
bool set_format_by_name(std::string_view name);

// A structured field: a key (plain ASCII, not ts/level/msg) and its value, written as a JSON
// string in the json format and as key=value in the text format.
struct Field {
  std::string_view key;
  std::string value;
};

void write(Level level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void write_fields(Level level, std::string_view msg, std::initializer_list<Field> fields);
// The line `write_fields` would print at `ts_millis` (ms since the epoch), with its '\n'.
std::string format_line(Format format, Level level, long long ts_millis, std::string_view msg,
                        std::initializer_list<Field> fields);

#define NETRA_LOG_INFO(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::info, __VA_ARGS__)
#define NETRA_LOG_WARN(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::warn, __VA_ARGS__)
#define NETRA_LOG_ERROR(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::error, __VA_ARGS__)
#define NETRA_LOG_DEBUG(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::debug, __VA_ARGS__)

}  // namespace netra::daemon::log
