#pragma once
// Small helpers for writing JSON and Indonesian dates by hand on the hot path.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace netra::engine {

// A growable byte buffer with the part of std::string's interface that the
// helpers below use, for writing alerts: an append is one bounds check and a
// memcpy. The helpers take either (Out = std::string or JsonWriter).
class JsonWriter {
 public:
  JsonWriter();
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }
  void append(const char* s, size_t n) {
    char* p = grow(n);
    // Most pieces are short: copied inline with overlapping fixed-size moves
    // (a call to memcpy costs more than the copy).
    if (n >= 16 && n <= 32) {
      copy_fixed<16>(p, s);
      copy_fixed<16>(p + n - 16, s + n - 16);
    } else if (n >= 8 && n < 16) {
      copy_fixed<8>(p, s);
      copy_fixed<8>(p + n - 8, s + n - 8);
    } else if (n >= 4 && n < 8) {
      copy_fixed<4>(p, s);
      copy_fixed<4>(p + n - 4, s + n - 4);
    } else if (n > 32) {
      std::memcpy(p, s, n);
    } else {
      for (size_t i = 0; i < n; ++i) p[i] = s[i];
    }
  }
  void push_back(char c) { *grow(1) = c; }
  JsonWriter& operator+=(std::string_view s) {
    append(s.data(), s.size());
    return *this;
  }
  JsonWriter& operator+=(char c) {
    push_back(c);
    return *this;
  }

 private:
  template <size_t N>
  static void copy_fixed(char* to, const char* from) {
    char tmp[N];
    std::memcpy(tmp, from, N);
    std::memcpy(to, tmp, N);
  }
  char* grow(size_t n) {
    if (n > cap_ - size_) reserve_more(n);
    char* p = data_.get() + size_;
    size_ += n;
    return p;
  }
  void reserve_more(size_t n);
  std::unique_ptr<char[]> data_;
  size_t size_ = 0, cap_ = 0;
};

// Appends `s` as a JSON string literal (with quotes). Bytes that do not form
// valid UTF-8 become U+FFFD so the output is always valid JSON.
template <typename Out>
void json_string(Out& out, std::string_view s);
// Appends "key": "value" (with a leading comma unless `first`). `key` is
// written as it is: pass plain ASCII names without quotes or backslashes.
template <typename Out>
void json_field(Out& out, std::string_view key, std::string_view value, bool first = false);
template <typename Out>
void json_int(Out& out, std::string_view key, int64_t v, bool first = false);

// RFC 3339 in UTC ("2024-01-12T01:15:00Z").
std::string rfc3339_utc(int64_t unix_seconds);
template <typename Out>
void append_rfc3339_utc(Out& out, int64_t unix_seconds);
// "Jumat, 12 Januari 2024 pukul 08.15 WIB" in the given offset.
std::string indonesian_datetime(int64_t unix_seconds, int offset_minutes);
template <typename Out>
void append_indonesian_datetime(Out& out, int64_t unix_seconds, int offset_minutes);
// Appends v in decimal.
template <typename Out>
void append_uint(Out& out, uint64_t v);

}  // namespace netra::engine
