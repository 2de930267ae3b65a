#include "matchers/normalise.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "matchers/normalise_internal.h"
#include "matchers/simd.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netra::matchers {
namespace {

bool g_scalar_only = false;  // test hook, see normalise_internal.h

// ---------------------------------------------------------------------------
// Byte classes for ASCII.
enum : uint8_t {
  kUpper = 1,    // A-Z
  kLower = 2,    // a-z
  kDigit = 4,    // 0-9
  kSpace = 8,    // \t \n \v \f \r ' ' and other C0 controls, DEL
  kLeet = 16,    // 0 1 3 4 5 6 7 8 9 @ $ !  (not 2: reduplication "kata2")
  kTok = 32,     // token characters for the leet pass: a-z 0-9 @ $ !
  kJoinSep = 64  // separators between spelled-out letters: ' ' . - _
};

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = kSpace;
  t[0x7f] = kSpace;
  t[' '] = kSpace | kJoinSep;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower | kTok;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit | kTok | (c == '2' ? 0 : kLeet);
  t['@'] = kLeet | kTok;
  t['$'] = kLeet | kTok;
  t['!'] = kLeet | kTok;
  t['.'] = kJoinSep;
  t['-'] = kJoinSep;
  t['_'] = kJoinSep;
  return t;
}
constexpr std::array<uint8_t, 256> kClass = make_classes();

inline bool is_lower(uint8_t c) { return kClass[c] & kLower; }
inline bool is_alpha(uint8_t c) { return kClass[c] & (kLower | kUpper); }
inline bool is_alnum_lower(uint8_t c) { return kClass[c] & (kLower | kDigit); }

constexpr char leet_letter(uint8_t c) {
  switch (c) {
    case '4':
    case '@':
      return 'a';
    case '1':
    case '!':
      return 'i';
    case '0':
      return 'o';
    case '3':
      return 'e';
    case '5':
    case '$':
      return 's';
    case '7':
      return 't';
    case '9':
    case '6':
      return 'g';
    case '8':
      return 'b';
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------
// Output writer: raw pointers into out's buffers, which are sized up front
// (normalisation only expands for gesture emoji, which call ensure()).
class Writer {
 public:
  Writer(NormalisedText& out, size_t n) : out_(out) { grow(n + NormalisedText::kSlack); }

  void ensure(size_t extra) {
    if (w_ + extra > cap_) grow(2 * cap_ + extra);
  }
  // Letters collapse with an identical preceding letter (coobloss -> coblos).
  inline void letter(char c, uint32_t s, uint32_t e) {
    if (w_ > 0 && text_[w_ - 1] == c) {
      end_[w_ - 1] = e;
      return;
    }
    put(c, s, e);
  }
  // Whitespace runs fold to one space covering the whole run.
  inline void space(uint32_t s, uint32_t e) {
    if (w_ > 0 && text_[w_ - 1] == ' ') {
      end_[w_ - 1] = e;
      return;
    }
    put(' ', s, e);
  }
  inline void put(char c, uint32_t s, uint32_t e) {
    text_[w_] = c;
    start_[w_] = s;
    end_[w_] = e;
    ++w_;
  }
  // An ASCII byte (possibly from a folded codepoint) covering [s, e).
  inline void ascii(uint8_t c, uint32_t s, uint32_t e) {
    uint8_t k = kClass[c];
    if (k & kUpper) {
      letter(static_cast<char>(c | 0x20), s, e);
    } else if (k & kLower) {
      letter(static_cast<char>(c), s, e);
    } else if (k & kSpace) {
      space(s, e);
    } else {
      put(static_cast<char>(c), s, e);
    }
  }
  // An expansion: every byte covers the whole source range.
  // `remaining` input bytes may still produce one output byte each.
  void expand(const char* str, uint32_t s, uint32_t e, size_t remaining) {
    size_t len = std::strlen(str);
    ensure(len + remaining);
    for (size_t i = 0; i < len; ++i) ascii(static_cast<uint8_t>(str[i]), s, e);
  }
  size_t size() const { return w_; }
  char* text() { return text_; }
  uint32_t* starts() { return start_; }
  uint32_t* ends() { return end_; }
  void finish(size_t n) {
    out_.text.resize(n);
    out_.start.resize(n);
    out_.end.resize(n);
  }

  // The fast path writes letters straight through these.
  char* text_ = nullptr;
  uint32_t* start_ = nullptr;
  uint32_t* end_ = nullptr;
  size_t w_ = 0;

 private:
  void grow(size_t cap) {
    out_.text.resize(cap);
    out_.start.resize(cap);
    out_.end.resize(cap);
    cap_ = cap;
    text_ = out_.text.data();
    start_ = out_.start.data();
    end_ = out_.end.data();
  }
  NormalisedText& out_;
  size_t cap_ = 0;
};

// ---------------------------------------------------------------------------
// UTF-8 decoding. Returns the codepoint and sets len, or returns kBad (len 1).
constexpr uint32_t kBad = 0xFFFFFFFF;

inline uint32_t decode(const uint8_t* p, size_t n, size_t i, size_t& len) {
  uint8_t b0 = p[i];
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return len = 1, kBad;
    len = 2;
    return ((b0 & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return len = 1, kBad;
    uint8_t b1 = p[i + 1];
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) return len = 1, kBad;
    len = 3;
    return ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return len = 1, kBad;
    uint8_t b1 = p[i + 1];
    if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) return len = 1, kBad;
    len = 4;
    return ((b0 & 0x07u) << 18) | ((b1 & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
           (p[i + 3] & 0x3Fu);
  }
  len = 1;
  return kBad;
}

// ---------------------------------------------------------------------------
// Codepoint folding tables.

// U+00C0..U+017F -> base letter ('\0' = not a letter; multi-letter ones below).
constexpr char kLatin[] =
    // C0-CF: ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "aaaaaa\1ceeeeiiii"
    // D0-DF: ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "dnooooo ouuuuy\2\3"
    // E0-EF
    "aaaaaa\1ceeeeiiii"
    // F0-FF
    "dnooooo ouuuuy\2y"
    // 0100-010F: ĀāĂăĄąĆćĈĉĊċČčĎď
    "aaaaaaccccccccdd"
    // 0110-011F: ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "ddeeeeeeeeeegggg"
    // 0120-012F: ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "gggghhhhiiiiiiii"
    // 0130-013F: İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "ii\4\4jjkkklllllll"
    // 0140-014F: ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "lllnnnnnnnnnoooo"
    // 0150-015F: ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "oo\5\5rrrrrrssssss"
    // 0160-016F: ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "ssttttttuuuuuuuu"
    // 0170-017F: ŰűŲųŴŵŶŷŸŹźŻżŽžſ
    "uuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatin) == 0x180 - 0xC0 + 1);

const char* latin_multi(char code) {
  switch (code) {
    case '\1':
      return "ae";
    case '\2':
      return "th";
    case '\3':
      return "ss";
    case '\4':
      return "ij";
    case '\5':
      return "oe";
    default:
      return " ";
  }
}

// Cyrillic U+0400..U+045F look-alikes (0 = none).
constexpr char kCyrillic[0x60 + 1] =
    // 0400-040F: ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ
    "ee\0\0\0sii"
    "j\0\0\0\0\0\0\0"
    // 0410-041F: АБВГДЕЖЗИЙКЛМНОП
    "a\0b\0\0e\0\0"
    "\0\0k\0mho\0"
    // 0420-042F: РСТУФХЦЧШЩЪЫЬЭЮЯ
    "pcty\0x\0\0"
    "\0\0\0\0\0\0\0\0"
    // 0430-043F: абвгдежзийклмноп
    "a\0br\0e\0\0"
    "\0\0k\0mhon"
    // 0440-044F: рстуфхцчшщъыьэюя
    "pcty\0x\0\0"
    "\0\0\0\0\0\0\0\0"
    // 0450-045F: ѐёђѓєѕіїјљњћќѝўџ
    "ee\0\0\0sii"
    "j\0\0\0\0\0\0\0";

// Greek U+0386..U+03CF look-alikes (0 = none).
constexpr char kGreek[0x3D0 - 0x386 + 1] =
    // 0386-038F: Ά · Έ Ή Ί - Ό - Ύ Ώ
    "a\0eh"
    "i\0o\0"
    "y\0"
    // 0390-039F: ΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟ
    "iab\0"
    "\0ezh"
    "\0ik\0"
    "mn\0o"
    // 03A0-03AF: ΠΡ-ΣΤΥΦΧΨΩΪΫάέήί
    "\0p\0\0"
    "ty\0x"
    "\0\0iy"
    "ae\0i"
    // 03B0-03BF: ΰαβγδεζηθικλμνξο
    "ua\0\0"
    "\0e\0\0"
    "\0ik\0"
    "\0v\0o"
    // 03C0-03CF: πρςστυφχψωϊϋόύώϏ
    "\0p\0\0"
    "tu\0x"
    "\0\0iu"
    "ou\0\0";

// Greek codepoint -> Latin look-alike or 0.
char greek(uint32_t cp) {
  if (cp >= 0x386 && cp <= 0x3CF) return kGreek[cp - 0x386];
  return 0;
}

// Result of folding one non-ASCII codepoint.
struct Fold {
  enum Kind : uint8_t { drop, space, ascii, text, keycap } kind;
  char c = 0;
  const char* str = nullptr;
};

inline Fold as_char(char c) { return c ? Fold{Fold::ascii, c} : Fold{Fold::space}; }

Fold fold_cp(uint32_t cp) {
  if (cp < 0x100) {
    if (cp == 0xA0 || cp == 0x85) return {Fold::space};
    if (cp == 0xAD) return {Fold::drop};
    if (cp == 0xAA) return as_char('a');
    if (cp == 0xBA) return as_char('o');
    if (cp == 0xB2) return as_char('2');
    if (cp == 0xB3) return as_char('3');
    if (cp == 0xB9) return as_char('1');
    if (cp < 0xC0) return {Fold::space};
  }
  if (cp < 0x180) {
    char c = kLatin[cp - 0xC0];
    if (c == ' ') return {Fold::space};
    if (c < 'a') return {Fold::text, 0, latin_multi(c)};
    return as_char(c);
  }
  if (cp >= 0x300 && cp <= 0x36F) return {Fold::drop};  // combining diacritics
  if (cp >= 0x386 && cp <= 0x3CF) return as_char(greek(cp));
  if (cp >= 0x400 && cp <= 0x45F) return as_char(kCyrillic[cp - 0x400]);
  if (cp < 0x2000) {
    switch (cp) {
      case 0x4AE:
      case 0x4AF:
        return as_char('y');
      case 0x4BA:
      case 0x4BB:
        return as_char('h');
      case 0x4C0:
      case 0x4CF:
        return as_char('l');
      case 0x501:
        return as_char('d');
      case 0x51B:
        return as_char('q');
      case 0x51D:
        return as_char('w');
      case 0x34F:
      case 0x115F:
      case 0x1160:
      case 0x180E:
        return {Fold::drop};
      case 0x1680:
        return {Fold::space};
      default:
        return {Fold::space};
    }
  }
  if (cp < 0x2100) {
    if (cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F)
      return {Fold::space};
    if (cp <= 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
        (cp >= 0x2066 && cp <= 0x206F))
      return {Fold::drop};
    if (cp >= 0x2010 && cp <= 0x2015) return as_char('-');
    if (cp >= 0x2018 && cp <= 0x201B) return as_char('\'');
    if (cp >= 0x201C && cp <= 0x201F) return as_char('"');
    if (cp == 0x2026) return {Fold::text, 0, "..."};
    if (cp == 0x2070) return as_char('0');
    if (cp >= 0x2074 && cp <= 0x2079) return as_char(static_cast<char>('4' + cp - 0x2074));
    if (cp >= 0x2080 && cp <= 0x2089) return as_char(static_cast<char>('0' + cp - 0x2080));
    if (cp == 0x20E3) return {Fold::keycap};
    return {Fold::space};
  }
  if (cp < 0x2140) {  // letterlike symbols
    switch (cp) {
      case 0x2102:
      case 0x212D:
        return as_char('c');
      case 0x210A:
        return as_char('g');
      case 0x210B:
      case 0x210C:
      case 0x210D:
      case 0x210E:
      case 0x210F:
        return as_char('h');
      case 0x2110:
      case 0x2111:
      case 0x2139:
        return as_char('i');
      case 0x2112:
      case 0x2113:
        return as_char('l');
      case 0x2115:
        return as_char('n');
      case 0x2119:
        return as_char('p');
      case 0x211A:
        return as_char('q');
      case 0x211B:
      case 0x211C:
      case 0x211D:
        return as_char('r');
      case 0x2124:
      case 0x2128:
        return as_char('z');
      case 0x212A:
        return as_char('k');
      case 0x212B:
        return as_char('a');
      case 0x212C:
        return as_char('b');
      case 0x212F:
      case 0x2130:
        return as_char('e');
      case 0x2131:
        return as_char('f');
      case 0x2133:
        return as_char('m');
      case 0x2134:
        return as_char('o');
      default:
        return {Fold::space};
    }
  }
  if (cp == 0x2212) return as_char('-');
  if (cp >= 0x2460 && cp <= 0x2468) return as_char(static_cast<char>('1' + cp - 0x2460));
  if (cp >= 0x249C && cp <= 0x24B5) return as_char(static_cast<char>('a' + cp - 0x249C));
  if (cp >= 0x24B6 && cp <= 0x24CF) return as_char(static_cast<char>('a' + cp - 0x24B6));
  if (cp >= 0x24D0 && cp <= 0x24E9) return as_char(static_cast<char>('a' + cp - 0x24D0));
  if (cp == 0x24EA) return as_char('0');
  if (cp == 0x261D) return {Fold::text, 0, " salam satu jari "};
  if (cp == 0x270C) return {Fold::text, 0, " salam dua jari "};
  if (cp == 0x3000) return {Fold::space};
  if (cp == 0x3164 || cp == 0xFFA0 || cp == 0xFEFF) return {Fold::drop};
  if (cp >= 0xFE00 && cp <= 0xFE0F) return {Fold::drop};  // variation selectors
  if (cp >= 0xFF01 && cp <= 0xFF5E) return as_char(static_cast<char>(cp - 0xFEE0));
  if (cp >= 0x1D400 && cp <= 0x1D7FF) {  // mathematical alphanumerics
    if (cp <= 0x1D6A3) {
      uint32_t k = (cp - 0x1D400) % 52;
      return as_char(static_cast<char>('a' + (k < 26 ? k : k - 26)));
    }
    if (cp == 0x1D6A4) return as_char('i');
    if (cp == 0x1D6A5) return as_char('j');
    if (cp >= 0x1D6A8 && cp <= 0x1D7C9) {
      uint32_t k = (cp - 0x1D6A8) % 58;
      if (k < 25) return as_char(greek(0x391 + k));
      if (k >= 26 && k < 51) return as_char(greek(0x3B1 + k - 26));
      return {Fold::space};
    }
    if (cp >= 0x1D7CE) return as_char(static_cast<char>('0' + (cp - 0x1D7CE) % 10));
    return {Fold::space};
  }
  if (cp >= 0x1F130 && cp <= 0x1F149) return as_char(static_cast<char>('a' + cp - 0x1F130));
  if (cp >= 0x1F150 && cp <= 0x1F169) return as_char(static_cast<char>('a' + cp - 0x1F150));
  if (cp >= 0x1F170 && cp <= 0x1F189) return as_char(static_cast<char>('a' + cp - 0x1F170));
  if (cp >= 0x1F3FB && cp <= 0x1F3FF) return {Fold::drop};  // skin tones
  if (cp == 0x1F51F) return {Fold::text, 0, "10"};          // keycap ten
  if (cp == 0x1F91F || cp == 0x1F918) return {Fold::text, 0, " salam tiga jari "};
  if (cp >= 0xE0000 && cp <= 0xE01EF) return {Fold::drop};  // tags, VS supplement
  return {Fold::space};
}

// ---------------------------------------------------------------------------
// Pass 1: decode and fold codepoints, lower-case, fold whitespace, collapse
// letter runs. Also notes whether the later passes may have work to do.
struct PassFlags {
  bool maybe_join = false;  // three single letters with one separator between each
  bool maybe_leet = false;  // a leet character next to a letter
};

#if defined(__SSE2__)
// Bytes of v in [lo, hi] (ASCII; bytes >= 0x80 are negative and never in range).
inline __m128i in_range(__m128i v, char lo, char hi) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

// Bytes of v that are leet characters (kLeet: digits but 2, and @ $ !).
inline __m128i leet_bytes(__m128i v) {
  __m128i m = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('2')), in_range(v, '0', '9'));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('$')));
  return _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('!')));
}
#endif

// The byte classes of a chunk of W <= 64 bytes (bit k: byte k), for plain_prefix().
struct ChunkMasks {
  uint64_t letters;  // A-Z a-z
  uint64_t spaces;   // ' '
  uint64_t same;     // lower-cased, equal to the byte before (bit 0: ignored)
  uint64_t bad;      // control bytes, DEL and bytes >= 0x80
  uint64_t leet;     // leet characters (kLeet)
};

// The SIMD path (plain_chunk, plain_chunk64) takes plain ASCII: letters,
// digits, spaces and punctuation, with no letter or space repeated (nothing
// to collapse). Returns how many bytes of the W-byte chunk at p + i it takes:
// those before the first one it cannot take (0: none; W: all), which the
// byte-by-byte path takes from there; raises the flags that path would.
template <size_t W>
size_t plain_prefix(const ChunkMasks& m, const uint8_t* p, size_t i, size_t n, const Writer& w,
                    PassFlags& flags) {
  const uint64_t lm = m.letters;
  uint64_t stop = m.bad | (m.same & (lm | m.spaces) & ~1ULL);
  const size_t o = w.w_;
  uint64_t left_letter = 0;
  uint8_t last = 0;
  if (o > 0) {
    last = static_cast<uint8_t>(w.text_[o - 1]);
    const auto first = static_cast<uint8_t>(p[i] | ((lm & 1) ? 0x20 : 0));
    if (last == first && ((lm | m.spaces) & 1)) stop |= 1;
    left_letter = is_lower(last) ? 1 : 0;
  }
  const size_t k = stop ? static_cast<size_t>(__builtin_ctzll(stop)) : W;
  if (k == 0) return 0;
  const uint64_t keep = k == 64 ? ~0ULL : (1ULL << k) - 1;
  // Leet characters are copied as they are; the leet pass needs to know
  // whether one touches a letter (as the byte-by-byte path notes it).
  const uint64_t em = m.leet & keep;
  if (o > 0) {
    if ((lm & 1) && (kClass[last] & kLeet)) flags.maybe_leet = true;
    if ((em & 1) && left_letter) flags.maybe_leet = true;
  }
  if ((em & (lm << 1)) | (lm & keep & (em << 1))) flags.maybe_leet = true;
  // A letter with no letter on either side may start a spelled-out word. On
  // its right, a letter that collapses into it does not count (the byte
  // after the last one written: the stop byte, or the chunk's next byte).
  const uint64_t left = (lm << 1) | left_letter;
  uint64_t right = (lm & keep) >> 1;
  if (k == W && i + W < n && is_alpha(p[i + W]) && (p[i + W] | 0x20) != (p[i + W - 1] | 0x20))
    right |= 1ULL << (W - 1);
  if (lm & keep & ~left & ~right) flags.maybe_join = true;
  return k;
}

#if defined(__SSE2__)
inline uint64_t mask16(__m128i v) { return static_cast<uint16_t>(_mm_movemask_epi8(v)); }

// plain_prefix() on 16 bytes with SSE2, and writes them.
inline size_t plain_chunk(const uint8_t* p, size_t i, size_t n, Writer& w, PassFlags& flags) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
  const __m128i upper = in_range(v, 'A', 'Z');
  const __m128i lv = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),  // and >= 0x80
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
  const ChunkMasks m{mask16(_mm_or_si128(upper, in_range(v, 'a', 'z'))),
                     mask16(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))),
                     mask16(_mm_cmpeq_epi8(lv, _mm_slli_si128(lv, 1))), mask16(bad),
                     mask16(leet_bytes(v))};
  const size_t k = plain_prefix<16>(m, p, i, n, w, flags);
  if (k == 0) return 0;
  const size_t o = w.w_;
  _mm_storeu_si128(reinterpret_cast<__m128i*>(w.text_ + o), lv);
  __m128i pos = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(i)), _mm_setr_epi32(0, 1, 2, 3));
  const __m128i four = _mm_set1_epi32(4), one = _mm_set1_epi32(1);
  for (int q = 0; q < 4; ++q) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w.start_ + o + 4 * q), pos);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w.end_ + o + 4 * q), _mm_add_epi32(pos, one));
    pos = _mm_add_epi32(pos, four);
  }
  w.w_ = o + k;
  return k;
}
#endif

#if NETRA_AVX512
// Bytes of v in [lo, hi].
NETRA_TARGET_AVX512 inline __mmask64 in(__m512i v, char lo, char hi) {
  return _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(lo)),
                                _mm512_set1_epi8(static_cast<char>(hi - lo)));
}
NETRA_TARGET_AVX512 inline __m512i lower_case(__m512i v, __mmask64 upper) {
  return _mm512_mask_add_epi8(v, upper, v, _mm512_set1_epi8(0x20));
}

// plain_prefix() on 64 bytes with AVX-512 BW, and writes them. Needs 64 bytes
// at p + i (and room for 64 more output bytes, which the writer has: it never
// holds fewer free slots than input bytes left).
NETRA_TARGET_AVX512 size_t plain_chunk64(const uint8_t* p, size_t i, size_t n, Writer& w,
                                         PassFlags& flags) {
  auto eq = [](__m512i v, char c)
                NETRA_TARGET_AVX512 { return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(c)); };
  const __m512i v = _mm512_loadu_si512(p + i);
  const __mmask64 upper = in(v, 'A', 'Z');
  const __m512i lv = lower_case(v, upper);
  // The byte before each one (none before the text: masked, never read).
  const __m512i pv = _mm512_maskz_loadu_epi8(i ? ~0ULL : ~1ULL, p + i - 1);
  const __m512i lpv = lower_case(pv, in(pv, 'A', 'Z'));
  const ChunkMasks m{upper | in(v, 'a', 'z'), eq(v, ' '), _mm512_cmpeq_epi8_mask(lv, lpv),
                     _mm512_cmplt_epi8_mask(v, _mm512_set1_epi8(0x20)) | eq(v, 0x7f),
                     (in(v, '0', '9') & ~eq(v, '2')) | eq(v, '@') | eq(v, '$') | eq(v, '!')};
  const size_t k = plain_prefix<64>(m, p, i, n, w, flags);
  if (k == 0) return 0;
  const size_t o = w.w_;
  _mm512_storeu_si512(w.text_ + o, lv);
  __m512i pos =
      _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(i)),
                       _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m512i sixteen = _mm512_set1_epi32(16), one = _mm512_set1_epi32(1);
  for (int q = 0; q < 4; ++q) {
    _mm512_storeu_si512(w.start_ + o + 16 * q, pos);
    _mm512_storeu_si512(w.end_ + o + 16 * q, _mm512_add_epi32(pos, one));
    pos = _mm512_add_epi32(pos, sixteen);
  }
  w.w_ = o + k;
  return k;
}
#endif

PassFlags fold_pass(std::string_view original, Writer& w, size_t& size) {
  const auto* p = reinterpret_cast<const uint8_t*>(original.data());
  const size_t n = original.size();
  PassFlags flags;
  size_t prev_single = SIZE_MAX;  // output index of the last one-letter run
  int chain = 0;                  // single letters in a row, one separator apart
  size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
#if NETRA_AVX512
    if (simd::avx512() && i + 64 <= n && !g_scalar_only) {
      const size_t k = plain_chunk64(p, i, n, w, flags);
      i += k;
      if (k == 64) continue;
      // Else byte i does not qualify: it goes the byte-by-byte way.
    } else
#endif
        if (i + 16 <= n && !g_scalar_only) {
      const size_t k = plain_chunk(p, i, n, w, flags);
      i += k;
      if (k == 16) continue;
      // Else byte i does not qualify: it goes the byte-by-byte way.
    }
#endif
    uint8_t b = p[i];
    if (b < 0x80) {
      // Fast path: a run of ASCII letters.
      if (is_alpha(b)) {
        char* t = w.text_;
        uint32_t* st = w.start_;
        uint32_t* en = w.end_;
        const size_t o0 = w.w_;
        size_t o = o0;
        char last = 0;
        if (o > 0) {
          last = t[o - 1];
          flags.maybe_leet |= (kClass[static_cast<uint8_t>(last)] & kLeet) != 0;
        }
        do {
          char c = static_cast<char>(b | 0x20);
          if (c == last) {
            en[o - 1] = static_cast<uint32_t>(i + 1);
          } else {
            t[o] = c;
            st[o] = static_cast<uint32_t>(i);
            en[o] = static_cast<uint32_t>(i + 1);
            ++o;
            last = c;
          }
          ++i;
        } while (i < n && is_alpha(b = p[i]));
        w.w_ = o;
        if (o - o0 == 1) {
          if (o0 >= 2 && prev_single + 2 == o0 &&
              (kClass[static_cast<uint8_t>(t[o0 - 1])] & kJoinSep)) {
            flags.maybe_join |= ++chain >= 3;
          } else {
            chain = 1;
          }
          prev_single = o0;
        }
        continue;
      }
      const uint8_t k = kClass[b];
      if (k & kSpace) {
        w.space(static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
      } else {
        if ((k & kLeet) && w.w_ > 0 && is_lower(static_cast<uint8_t>(w.text_[w.w_ - 1])))
          flags.maybe_leet = true;
        w.put(static_cast<char>(b), static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));
      }
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp = decode(p, n, i, len);
    const auto s = static_cast<uint32_t>(i);
    const auto e = static_cast<uint32_t>(i + len);
    i += len;
    if (cp == kBad) {
      w.space(s, e);
      continue;
    }
    Fold f = fold_cp(cp);
    switch (f.kind) {
      case Fold::drop:
        break;
      case Fold::space:
        w.space(s, e);
        break;
      case Fold::ascii:
        // Letters and digits from other scripts: let the later passes decide.
        if (kClass[static_cast<uint8_t>(f.c)] & (kLower | kUpper | kDigit))
          flags.maybe_join = flags.maybe_leet = true;
        w.ascii(static_cast<uint8_t>(f.c), s, e);
        break;
      case Fold::text:
        flags.maybe_join = flags.maybe_leet = true;
        w.expand(f.str, s, e, n - i);
        break;
      case Fold::keycap: {
        // digit (or # or *) [U+FE0F] U+20E3: the keycap joins its base character.
        size_t o = w.size();
        if (o > 0) {
          char c = w.text_[o - 1];
          uint32_t prev_end = w.end_[o - 1];
          bool adjacent = prev_end == s || (prev_end + 3 == s && p[prev_end] == 0xEF &&
                                            p[prev_end + 1] == 0xB8 && p[prev_end + 2] == 0x8F);
          if (adjacent && ((c >= '0' && c <= '9') || c == '#' || c == '*')) {
            w.end_[o - 1] = e;
            break;
          }
        }
        break;
      }
    }
  }
  size = w.size();
  return flags;
}

// Ballot-number words: a trailing digit after these is a number, not leet.
bool ends_with_ballot_word(const char* t, size_t len) {
  static constexpr std::string_view kWords[] = {
      "no",       "nmr",    "nomor",    "nomer", "nombor",  "nmor",     "urut",
      "paslon",   "capres", "cawapres", "cagub", "cawagub", "cabup",    "cawabup",
      "cawalkot", "calon",  "caleg",    "dapil", "partai",  "tps",      "jari",
      "pilih",    "coblos", "putaran",  "ronde", "kotak",   "pasangan", "nourut"};
  std::string_view s(t, len);
  for (std::string_view word : kWords) {
    if (s.size() >= word.size() && s.substr(s.size() - word.size()) == word) return true;
  }
  return false;
}

template <bool apply>
using LeetText = std::conditional_t<apply, char*, const char*>;

// The leet rule on one token [i, next): a maximal run of token bytes (a-z 0-9
// @ $ !). With apply = false it only says whether it would change anything.
template <bool apply>
bool leet_token(LeetText<apply> t, size_t i, size_t next) {
  bool letter = false, leet = false;
  for (size_t k = i; k < next; ++k) {
    const uint8_t c = kClass[static_cast<uint8_t>(t[k])];
    letter |= (c & kLower) != 0;
    leet |= (c & kLeet) != 0;
  }
  size_t j = next;
  // Trailing symbols are punctuation ("menang!"), not part of the word.
  while (j > i && !is_alnum_lower(static_cast<uint8_t>(t[j - 1]))) --j;
  if (!letter || !leet || j == i) return false;
  bool changed = false;
  // Walk the runs of non-letters inside token [i, j).
  size_t a = i;
  while (a < j) {
    if (is_lower(static_cast<uint8_t>(t[a]))) {
      ++a;
      continue;
    }
    size_t b = a;
    bool all_leet = true;
    while (b < j && !is_lower(static_cast<uint8_t>(t[b]))) {
      all_leet &= (kClass[static_cast<uint8_t>(t[b])] & kLeet) != 0;
      ++b;
    }
    if (a > i && all_leet) {
      if (b < j && b - a <= 2) {
        // Letters on both sides: g4nj4r, an!es, g00gle.
        if constexpr (!apply) return true;
        if constexpr (apply)
          for (size_t k = a; k < b; ++k) t[k] = leet_letter(static_cast<uint8_t>(t[k]));
        changed = true;
      } else if (b == j && b - a == 1 && (kClass[static_cast<uint8_t>(t[a])] & kDigit) &&
                 (j - i >= 4 || (t[a] == '0' && j - i >= 2)) &&
                 !ends_with_ballot_word(t + i, a - i)) {
        // One trailing digit after letters: prabow0, n0 (but no1, nomor1, paslon1 stay).
        if constexpr (!apply) return true;
        if constexpr (apply) t[a] = leet_letter(static_cast<uint8_t>(t[a]));
        changed = true;
      }
    }
    a = b;
  }
  return changed;
}

inline bool is_tok(char c) { return kClass[static_cast<uint8_t>(c)] & kTok; }

// Pass 2 (Leet::fold), in place and byte for byte (see README for the rule):
// only the tokens with a leet character after a letter (found 16 bytes at a time), since the
// others have nothing to change. With apply = false it stops at the first
// token it would change; with apply = true it changes them all and, given
// `runs`, sets it when a changed token now holds two identical letters in a
// row (g00gle -> google), which must collapse.
template <bool apply>
bool leet_at_leet_bytes(LeetText<apply> t, size_t n, bool* runs = nullptr) {
  size_t done = 0;  // bytes before this are dealt with
  bool changed = false;
  auto token_at = [&](size_t k) {
    if (k < done) return false;
    size_t i = k, next = k + 1;
    while (i > 0 && is_tok(t[i - 1])) --i;
    while (next < n && is_tok(t[next])) ++next;
    done = next;
    if (!leet_token<apply>(t, i, next)) return false;
    if constexpr (apply)
      if (runs)
        for (size_t q = i; q + 1 < next; ++q) *runs |= t[q] == t[q + 1] && is_lower(t[q]);
    return true;
  };
  // The rule changes only runs of leet characters that follow a letter (g4nj4r,
  // prabow0): only tokens with a leet character right after a letter are
  // looked at, so numbers ("2024", "10.000") cost nothing. A new token starts
  // after a byte no pass changes, so the original left neighbour is the one
  // that counts.
  size_t k = 0;
#if defined(__SSE2__)
  unsigned carry = 0;  // the previous block's last byte is a letter
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + k));
    const auto letters = static_cast<unsigned>(_mm_movemask_epi8(in_range(v, 'a', 'z')));
    unsigned bits =
        static_cast<unsigned>(_mm_movemask_epi8(leet_bytes(v))) & ((letters << 1) | carry);
    carry = letters >> 15;
    for (; bits; bits &= bits - 1) {
      if (!token_at(k + static_cast<size_t>(__builtin_ctz(bits)))) continue;
      if constexpr (!apply) return true;
      changed = true;
    }
  }
#endif
  for (; k < n; ++k) {
    if (!(kClass[static_cast<uint8_t>(t[k])] & kLeet) || k == 0 ||
        !is_lower(static_cast<uint8_t>(t[k - 1])) || !token_at(k))
      continue;
    if constexpr (!apply) return true;
    changed = true;
  }
  return changed;
}

// From a single letter at r: whether at least three single letters follow one
// another, each one separator apart (the same separator, one original byte).
// Returns the index of the last letter of the chain, or r when there is none.
inline size_t letter_chain(const char* t, const uint32_t* st, const uint32_t* en, size_t n,
                           size_t r) {
  size_t q = r, count = 1;
  // One separator character, the same all along, one original byte wide
  // ("c.o.b.l.o.s  p r a b o w o" stays two words).
  const char sep = r + 1 < n ? t[r + 1] : ' ';
  while (q + 2 < n && (kClass[static_cast<uint8_t>(t[q + 1])] & kJoinSep) && t[q + 1] == sep &&
         en[q + 1] - st[q + 1] == 1 && is_lower(static_cast<uint8_t>(t[q + 2])) &&
         (q + 3 == n || !is_alnum_lower(static_cast<uint8_t>(t[q + 3])))) {
    q += 2;
    ++count;
  }
  return count >= 3 ? q : r;
}

inline bool single_letter_at(const char* t, size_t n, size_t r) {
  return is_lower(static_cast<uint8_t>(t[r])) &&
         (r == 0 || !is_alnum_lower(static_cast<uint8_t>(t[r - 1]))) &&
         (r + 1 == n || !is_alnum_lower(static_cast<uint8_t>(t[r + 1])));
}

// Whether join_pass would join spelled-out letters (after folding, before any
// leet change): isolated letters are found 16 bytes at a time, and only they
// are checked for a chain.
bool has_letter_chain(const char* t, const uint32_t* st, const uint32_t* en, size_t n) {
  size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + k));
    const __m128i lower = in_range(v, 'a', 'z');
    const __m128i digit = in_range(v, '0', '9');
    const auto l = static_cast<unsigned>(_mm_movemask_epi8(lower));
    const auto a = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(lower, digit)));
    const unsigned left =
        (a << 1) | (k > 0 && is_alnum_lower(static_cast<uint8_t>(t[k - 1])) ? 1u : 0u);
    const unsigned right =
        (a >> 1) | (k + 16 < n && is_alnum_lower(static_cast<uint8_t>(t[k + 16])) ? 0x8000u : 0u);
    for (unsigned b = l & ~left & ~right & 0xFFFFu; b; b &= b - 1) {
      const size_t r = k + static_cast<size_t>(__builtin_ctz(b));
      if (letter_chain(t, st, en, n, r) != r) return true;
    }
  }
#endif
  for (; k < n; ++k)
    if (single_letter_at(t, n, k) && letter_chain(t, st, en, n, k) != k) return true;
  return false;
}

// Pass 3: join spelled-out letters (p r a b o w o -> prabowo) and collapse
// letter runs again (leet and joins can create new ones). In place.
size_t join_pass(char* t, uint32_t* st, uint32_t* en, size_t n) {
  size_t r = 0, w = 0;
  uint8_t prev = ' ';  // original byte before r (text edge counts as a separator)
  auto emit = [&](size_t k) {
    char c = t[k];
    if (w > 0 && t[w - 1] == c && is_lower(static_cast<uint8_t>(c))) {
      en[w - 1] = en[k];
      return;
    }
    t[w] = c;
    st[w] = st[k];
    en[w] = en[k];
    ++w;
  };
  while (r < n) {
    auto c = static_cast<uint8_t>(t[r]);
    if (is_lower(c) && !is_alnum_lower(prev) &&
        (r + 1 == n || !is_alnum_lower(static_cast<uint8_t>(t[r + 1])))) {
      const size_t q = letter_chain(t, st, en, n, r);
      if (q != r) {
        prev = static_cast<uint8_t>(t[q]);
        for (size_t k = r; k <= q; k += 2) emit(k);
        r = q + 1;
        continue;
      }
    }
    prev = c;
    emit(r);
    ++r;
  }
  return w;
}

}  // namespace

void internal::set_scalar_only(bool scalar_only) { g_scalar_only = scalar_only; }

void normalise(std::string_view original, NormalisedText& out, Leet leet) {
  out.clear();
  Writer w(out, original.size());
  size_t n = 0;
  PassFlags flags = fold_pass(original, w, n);
  bool leet_changed = false;
  out.maybe_leet = flags.maybe_leet;
  if (leet == Leet::fold && flags.maybe_leet) leet_changed = leet_at_leet_bytes<true>(w.text_, n);
  // Leet can create new letter runs to collapse (g00gle -> google -> gogle).
  // The fold pass flags any lone letter; joining runs only where a chain of
  // three is really there (or leet changed letters, which may need collapsing).
  out.joined = leet_changed || (flags.maybe_join &&
                                (g_scalar_only || has_letter_chain(w.text_, w.start_, w.end_, n)));
  if (out.joined) n = join_pass(w.text_, w.start_, w.end_, n);
  w.finish(n);
}

bool leet_changes(const NormalisedText& keep) {
  if (!keep.maybe_leet) return false;
  // Joining ran after folding: the text is no longer what the leet rule would
  // see, so answer yes (a second pass costs time, never a match).
  if (keep.joined) return true;
  return leet_at_leet_bytes<false>(keep.text.data(), keep.text.size());
}

bool leet_fold(std::string_view original, const NormalisedText& keep, NormalisedText& fold) {
  if (!leet_changes(keep)) return false;
  if (keep.joined) {
    // Joined letters: the keep text is not what the leet rule would see.
    normalise(original, fold, Leet::fold);
    return true;
  }
  // Without a join, Leet::fold is the keep text with the leet rule applied in
  // place (byte for byte: the offset maps stay), then join_pass. Leet turns
  // digits into letters inside tokens of two or more bytes, so it cannot
  // create spelled-out single letters: join_pass would only collapse letter
  // runs, and those can only appear inside changed tokens.
  fold.text = keep.text;
  fold.start = keep.start;
  fold.end = keep.end;
  fold.maybe_leet = keep.maybe_leet;
  fold.joined = true;  // as normalise() reports it: leet changed letters
  bool runs = false;
  leet_at_leet_bytes<true>(fold.text.data(), fold.text.size(), &runs);
  if (runs) {
    const size_t n =
        join_pass(fold.text.data(), fold.start.data(), fold.end.data(), fold.text.size());
    fold.text.resize(n);
    fold.start.resize(n);
    fold.end.resize(n);
  }
  return true;
}

bool has_leet(std::string_view original) {
  const auto* p = reinterpret_cast<const uint8_t*>(original.data());
  const size_t n = original.size();
  auto letterish = [](uint8_t c) { return c >= 0x80 || is_alpha(c); };
  for (size_t i = 0; i < n; ++i) {
    uint8_t c = p[i];
    if (kClass[c] & kLeet) {
      if ((i > 0 && letterish(p[i - 1])) || (i + 1 < n && letterish(p[i + 1]))) return true;
    } else if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC) {
      // Full-width digits U+FF10..FF19 and ! $ @ (EF BC 81/84/A0).
      uint8_t b = p[i + 2];
      if ((b >= 0x90 && b <= 0x99) || b == 0x81 || b == 0x84 || b == 0xA0) return true;
    } else if (c == 0xF0 && i + 3 < n && p[i + 1] == 0x9D && p[i + 2] == 0x9F && p[i + 3] >= 0x8E) {
      return true;  // mathematical digits U+1D7CE..1D7FF
    } else if (c == 0xF0 && i + 3 < n && p[i + 1] == 0x9F && p[i + 2] == 0x94 && p[i + 3] == 0x9F) {
      return true;  // keycap ten U+1F51F
    } else if (c == 0xE2 && i + 2 < n &&
               ((p[i + 1] == 0x81 && p[i + 2] >= 0xB0) || p[i + 1] == 0x82 ||
                (p[i + 1] == 0x91 && p[i + 2] >= 0xA0) || (p[i + 1] == 0x93 && p[i + 2] == 0xAA))) {
      return true;  // super/subscript and circled digits
    } else if (c == 0xC2 && i + 1 < n &&
               (p[i + 1] == 0xB2 || p[i + 1] == 0xB3 || p[i + 1] == 0xB9)) {
      return true;  // superscript 1 2 3
    }
  }
  return false;
}

std::string normalise_literal(std::string_view literal) {
  NormalisedText out;
  normalise(literal, out, Leet::keep);
  return std::move(out.text);
}

}  // namespace netra::matchers
