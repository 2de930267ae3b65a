#pragma once
// Daemon logging: one line per message on stderr, "2024-01-12T08:15:00.123Z LEVEL message".
// Thread-safe (one write(2) per line). Never used on the per-event fast path except rate-limited.
#include <cstdarg>
#include <string_view>

namespace netra::daemon::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(Level min_level);
// "debug", "info" ("" too), "warn", "error"; false for anything else.
bool set_level_by_name(std::string_view name);
void write(Level level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

#define NETRA_LOG_INFO(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::info, __VA_ARGS__)
#define NETRA_LOG_WARN(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::warn, __VA_ARGS__)
#define NETRA_LOG_ERROR(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::error, __VA_ARGS__)
#define NETRA_LOG_DEBUG(...) \
  ::netra::daemon::log::write(::netra::daemon::log::Level::debug, __VA_ARGS__)

}  // namespace netra::daemon::log
