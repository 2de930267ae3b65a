#pragma once
// Small helpers for writing JSON and Indonesian dates by hand on the hot path.
#include <cstdint>
#include <string>
#include <string_view>

namespace netra::engine {

// Appends `s` as a JSON string literal (with quotes). Bytes that do not form
// valid UTF-8 become U+FFFD so the output is always valid JSON.
void json_string(std::string& out, std::string_view s);
// Appends "key": "value" (with a leading comma unless `first`). `key` is
// written as it is: pass plain ASCII names without quotes or backslashes.
void json_field(std::string& out, std::string_view key, std::string_view value, bool first = false);
void json_int(std::string& out, std::string_view key, int64_t v, bool first = false);

// RFC 3339 in UTC ("2024-01-12T01:15:00Z").
std::string rfc3339_utc(int64_t unix_seconds);
void append_rfc3339_utc(std::string& out, int64_t unix_seconds);
// "Jumat, 12 Januari 2024 pukul 08.15 WIB" in the given offset.
std::string indonesian_datetime(int64_t unix_seconds, int offset_minutes);
void append_indonesian_datetime(std::string& out, int64_t unix_seconds, int offset_minutes);
// Appends v in decimal.
void append_uint(std::string& out, uint64_t v);

}  // namespace netra::engine
