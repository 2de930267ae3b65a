#include "engine/json_out.h"

#include <simdjson.h>

#include <cstring>
#include <memory>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netra::engine {

namespace {

inline bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

#if defined(__SSE2__)
// Bit k set when byte k of v needs escaping, or (unless `utf8`: the text is
// known to be valid UTF-8) is not ASCII.
template <bool utf8>
inline unsigned special_bytes(__m128i v) {
  const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
  const __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
  __m128i control;
  if constexpr (utf8) {  // unsigned v <= 0x1F
    control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
  } else {  // signed: bytes >= 0x80 are negative, so "not > 0x1F" covers them too
    control = _mm_cmpeq_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)), _mm_setzero_si128());
  }
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(bad, control)));
}
#endif

// The end of the run of bytes from i that need no escaping (printable ASCII
// other than '"' and '\\', and with `utf8` any byte >= 0x80 too), 16 bytes
// at a time; the last few through a padded copy.
template <bool utf8>
inline size_t plain_run(const unsigned char* p, size_t i, size_t n) {
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    if (const unsigned mask =
            special_bytes<utf8>(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i))))
      return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  if (i < n) {
    // The last n - i < 16 bytes into a padded block, with fixed-size
    // (overlapping) copies rather than a call to memcpy.
    unsigned char tail[16];
    std::memset(tail, 'a', sizeof(tail));
    const size_t r = n - i;
    if (r >= 8) {
      std::memcpy(tail, p + i, 8);
      std::memcpy(tail + r - 8, p + n - 8, 8);
    } else if (r >= 4) {
      std::memcpy(tail, p + i, 4);
      std::memcpy(tail + r - 4, p + n - 4, 4);
    } else {
      for (size_t k = 0; k < r; ++k) tail[k] = p[i + k];
    }
    const unsigned mask =
        special_bytes<utf8>(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tail)));
    return mask ? i + static_cast<size_t>(__builtin_ctz(mask)) : n;
  }
#endif
  while (i < n && (plain(p[i]) || (utf8 && p[i] >= 0x80))) ++i;
  return i;
}

// Appends v as at least `width` decimal digits, zero-padded.
template <typename Out>
void append_digits(Out& out, uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n < width) buf[n++] = '0';
  while (n > 0) out.push_back(buf[--n]);
}

// Appends the hours and minutes of `seconds` into the day as HH<sep>MM.
template <typename Out>
void append_hh_mm(Out& out, int64_t seconds, char sep) {
  append_digits(out, seconds / 3600, 2);
  out += sep;
  append_digits(out, seconds % 3600 / 60, 2);
}

// Keys are the engine's own literals (plain ASCII names): appended as they
// are, which saves an escaping call per field of every alert.
template <typename Out>
void json_key(Out& out, std::string_view key, bool first) {
  if (!first) out.push_back(',');
  out.push_back('"');
  out.append(key.data(), key.size());
  out.append("\":", 2);
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

template <typename Out>
void json_string(Out& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  bool utf8 = false;  // the rest of s is valid UTF-8: its bytes >= 0x80 are copied as they are
  bool checked = false;
  while (i < n) {
    const size_t run = utf8 ? plain_run<true>(p, i, n) : plain_run<false>(p, i, n);
    out.append(s.data() + i, run - i);
    i = run;
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
      }
      ++i;
      continue;
    }
    // The first non-ASCII byte: one SIMD check of the rest (nearly always
    // valid: event strings were validated with the document).
    if (!checked) {
      checked = true;
      if (simdjson::validate_utf8(s.data() + i, n - i)) {
        utf8 = true;
        continue;
      }
    }
    size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len && i + len <= n && c >= 0xC2 && c <= 0xF4;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) {
      uint32_t cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6);
      ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok && len == 4) {
      uint32_t cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12);
      ok = cp >= 0x10000 && cp <= 0x10FFFF;
    }
    if (ok) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out.push_back('"');
}

template <typename Out>
void append_uint(Out& out, uint64_t v) {
  append_digits(out, v, 1);
}

template <typename Out>
void json_field(Out& out, std::string_view key, std::string_view value, bool first) {
  json_key(out, key, first);
  json_string(out, value);
}

template <typename Out>
void json_int(Out& out, std::string_view key, int64_t v, bool first) {
  json_key(out, key, first);
  if (v < 0)
    out += std::string_view(std::to_string(v));
  else
    append_digits(out, v, 1);
}

std::string rfc3339_utc(int64_t t) {
  std::string out;
  out.reserve(24);
  append_rfc3339_utc(out, t);
  return out;
}

template <typename Out>
void append_rfc3339_utc(Out& out, int64_t t) {
  int64_t days = floor_div(t, 86400);
  int64_t rem = t - days * 86400;
  int y, m, d;
  civil_from_days(days, y, m, d);
  append_digits(out, y, 4);
  out += '-';
  append_digits(out, m, 2);
  out += '-';
  append_digits(out, d, 2);
  out += 'T';
  append_hh_mm(out, rem, ':');
  out += ':';
  append_digits(out, rem % 60, 2);
  out += 'Z';
}

std::string indonesian_datetime(int64_t t, int offset_minutes) {
  std::string out;
  out.reserve(48);
  append_indonesian_datetime(out, t, offset_minutes);
  return out;
}

template <typename Out>
void append_indonesian_datetime(Out& out, int64_t t, int offset_minutes) {
  static const char* kDays[] = {"Kamis", "Jumat", "Sabtu", "Minggu", "Senin", "Selasa", "Rabu"};
  static const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                  "Mei",       "Juni",     "Juli",     "Agustus",
                                  "September", "Oktober",  "November", "Desember"};
  int64_t local = t + static_cast<int64_t>(offset_minutes) * 60;
  int64_t days = floor_div(local, 86400);
  int64_t rem = local - days * 86400;
  int y, m, d;
  civil_from_days(days, y, m, d);
  int64_t wd = ((days % 7) + 7) % 7;  // 1970-01-01 was a Thursday
  out += kDays[wd];
  out += ", ";
  append_digits(out, d, 1);
  out += ' ';
  out += kMonths[m - 1];
  out += ' ';
  append_digits(out, y, 1);
  out += " pukul ";
  append_hh_mm(out, rem, '.');
  out += ' ';
  if (offset_minutes == 420) {
    out += "WIB";
  } else if (offset_minutes == 480) {
    out += "WITA";
  } else if (offset_minutes == 540) {
    out += "WIT";
  } else {
    const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    out += offset_minutes < 0 ? "UTC-" : "UTC+";
    append_hh_mm(out, int64_t{a} * 60, ':');
  }
}

JsonWriter::JsonWriter() : data_(std::make_unique<char[]>(1024)), cap_(1024) {}

void JsonWriter::reserve_more(size_t n) {
  size_t cap = cap_ * 2;
  while (cap - size_ < n) cap *= 2;
  auto bigger = std::make_unique<char[]>(cap);
  std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  cap_ = cap;
}

// The helpers write into both kinds of buffer.
#define NETRA_JSON_OUT(Out)                                                      \
  template void json_string<Out>(Out&, std::string_view);                        \
  template void json_field<Out>(Out&, std::string_view, std::string_view, bool); \
  template void json_int<Out>(Out&, std::string_view, int64_t, bool);            \
  template void append_uint<Out>(Out&, uint64_t);                                \
  template void append_rfc3339_utc<Out>(Out&, int64_t);                          \
  template void append_indonesian_datetime<Out>(Out&, int64_t, int);
NETRA_JSON_OUT(std::string)
NETRA_JSON_OUT(JsonWriter)
#undef NETRA_JSON_OUT

}  // namespace netra::engine
