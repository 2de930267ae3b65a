#include "matchers/normalise.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "matchers/normalise_internal.h"
#include "matchers/simd.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

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
// Folding one non-ASCII codepoint. Netra's own folds come first (spaces,
// dashes and quotes, keycaps, gestures, skin tones); every other codepoint is
// folded by Unicode's definitions through ICU (see unicode_fold()).

// Result of folding one non-ASCII codepoint.
struct Fold {
  enum Kind : uint8_t { drop, space, ascii, text, keycap } kind;
  char c = 0;
  const char* str = nullptr;
};

inline Fold as_char(char c) { return c ? Fold{Fold::ascii, c} : Fold{Fold::space}; }

// Netra's folds that are not Unicode normalisation. Returns false for the rest.
bool netra_fold(uint32_t cp, Fold& f) {
  if (cp == 0xA0 || cp == 0x85 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
      cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
    f = {Fold::space};
  } else if (cp >= 0x2010 && cp <= 0x2015) {
    f = as_char('-');
  } else if (cp == 0x2212) {
    f = as_char('-');
  } else if (cp >= 0x2018 && cp <= 0x201B) {
    f = as_char('\'');
  } else if (cp >= 0x201C && cp <= 0x201F) {
    f = as_char('"');
  } else if (cp == 0x20E3) {
    f = {Fold::keycap};
  } else if (cp == 0x261D) {
    f = {Fold::text, 0, " salam satu jari "};
  } else if (cp == 0x270C) {
    f = {Fold::text, 0, " salam dua jari "};
  } else if (cp == 0x1F91F || cp == 0x1F918) {
    f = {Fold::text, 0, " salam tiga jari "};
  } else if (cp == 0x1F51F) {
    f = {Fold::text, 0, "10"};  // keycap ten
  } else if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
    f = {Fold::drop};  // skin tones
  } else {
    return false;
  }
  return true;
}

// Up to kFoldMax ASCII bytes (NUL-terminated; longer folds are cut).
constexpr size_t kFoldMax = 23;
struct Folded {
  char s[kFoldMax + 1];
  uint8_t len;
  void push(char c) {
    if (len < kFoldMax) s[len++] = c;
  }
};

const UNormalizer2* nfkc_casefold() {
  static const UNormalizer2* n = [] {
    UErrorCode st = U_ZERO_ERROR;
    return unorm2_getNFKCCasefoldInstance(&st);
  }();
  return n;
}
const UNormalizer2* nfd() {
  static const UNormalizer2* n = [] {
    UErrorCode st = U_ZERO_ERROR;
    return unorm2_getNFDInstance(&st);
  }();
  return n;
}
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* sc = [] {
    UErrorCode st = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&st);
    return U_SUCCESS(st) ? c : nullptr;
  }();
  return sc;
}

// The Latin letter(s) a codepoint is named after ("LATIN LETTER SMALL CAPITAL
// P", "NEGATIVE SQUARED LATIN CAPITAL LETTER P", "LATIN SMALL LETTER O WITH
// STROKE", "LATIN SMALL LETTER AE"): the last word of the name before " WITH",
// when it is one or two letters (not turned, reversed or inverted). Small capitals and negative
// squared letters have no compatibility decomposition, so this is how Unicode says what they are.
bool latin_letter_by_name(UChar32 c, Folded& out) {
  char name[128];
  UErrorCode st = U_ZERO_ERROR;
  const int32_t n = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &st);
  if (U_FAILURE(st) || n <= 0) return false;
  std::string_view v(name, static_cast<size_t>(n));
  if (v.find("LATIN ") == std::string_view::npos || v.find("LETTER ") == std::string_view::npos)
    return false;
  // A turned, reversed or inverted letter is another shape (ʍ is not w).
  for (std::string_view other : {"TURNED", "REVERSED", "INVERTED"})
    if (v.find(other) != std::string_view::npos) return false;
  if (size_t with = v.find(" WITH "); with != std::string_view::npos) v = v.substr(0, with);
  const size_t sp = v.rfind(' ');
  if (sp == std::string_view::npos) return false;
  const std::string_view last = v.substr(sp + 1);
  if (last.empty() || last.size() > 2) return false;
  for (char ch : last)
    if (ch < 'A' || ch > 'Z') return false;
  for (char ch : last) out.push(static_cast<char>(ch | 0x20));
  return true;
}

constexpr int32_t kUBuf = 64;

// NFKC_Casefold then NFD of [in, in + n) into out; returns the length (0 on error).
int32_t nfkc_cf_nfd(const UChar* in, int32_t n, UChar (&out)[kUBuf]) {
  UChar mid[kUBuf];
  UErrorCode st = U_ZERO_ERROR;
  const int32_t m = unorm2_normalize(nfkc_casefold(), in, n, mid, kUBuf, &st);
  if (U_FAILURE(st)) return 0;
  const int32_t k = unorm2_normalize(nfd(), mid, m, out, kUBuf, &st);
  return U_FAILURE(st) ? 0 : k;
}

// Appends the UTS #39 skeleton of c, NFKC_Casefolded, when it is all ASCII
// (with `names`, Latin letters by name count too). Returns false, appending
// nothing, when it is not.
bool skeleton_ascii(UChar32 c, bool names, Folded& out) {
  UErrorCode st = U_ZERO_ERROR;
  UChar in[2], sk[kUBuf], dec[kUBuf];
  int32_t n = 0;
  U16_APPEND_UNSAFE(in, n, c);
  const int32_t k = uspoof_getSkeleton(spoof_checker(), 0, in, n, sk, kUBuf, &st);
  const int32_t d = U_SUCCESS(st) ? nfkc_cf_nfd(sk, k, dec) : 0;
  const uint8_t before = out.len;
  bool ok = d > 0;
  for (int32_t i = 0; ok && i < d;) {
    UChar32 x;
    U16_NEXT(dec, i, d, x);
    if (x < 0x80) {
      out.push(static_cast<char>(x));
    } else if (!(U_GET_GC_MASK(x) & U_GC_M_MASK)) {
      ok = names && latin_letter_by_name(x, out);
    }
  }
  if (!ok) out.len = before;
  return ok;
}

// Appends the fold of one codepoint of an NFKC_Casefold + NFD result: ASCII as
// it is, combining marks dropped, a non-Latin letter inside a Latin word
// (`skeleton`) by its UTS #39 confusable skeleton, a Latin letter by its name,
// anything else as a space. Lower-case look-alikes whose own skeleton is not
// ASCII (Cyrillic к м т н в, Greek κ ε: ĸ ʍ ᴛ ʜ ʙ ĸ ꞓ) take their capital's
// (K M T H B K E) before the Latin letter their skeleton is named after.
void fold_decomposed(UChar32 c, bool skeleton, Folded& out) {
  if (c < 0x80) {
    out.push(static_cast<char>(c));
    return;
  }
  if (U_GET_GC_MASK(c) & U_GC_M_MASK) return;
  if (skeleton && spoof_checker() != nullptr) {
    UErrorCode st = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &st);
    if (U_SUCCESS(st) && script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
        script != USCRIPT_INHERITED) {
      const uint8_t before = out.len;
      if (skeleton_ascii(c, false, out) ||
          (u_toupper(c) != c && skeleton_ascii(u_toupper(c), false, out)) ||
          skeleton_ascii(c, true, out)) {
        for (uint8_t k = before; k < out.len; ++k)
          if (out.s[k] >= 'A' && out.s[k] <= 'Z') out.s[k] = static_cast<char>(out.s[k] | 0x20);
        return;
      }
    }
  }
  if (!latin_letter_by_name(c, out)) out.push(' ');
}

// The ASCII fold of a non-ASCII codepoint by Unicode's definitions:
// NFKC_Casefold (full-width, mathematical, circled and squared letters and
// digits, ligatures, super/subscripts; removes zero-width characters, soft
// hyphens and variation selectors), NFD with combining marks dropped (accents,
// a͟n͟i͟e͟s), Latin letters without a decomposition by name (small capitals,
// negative squared letters), and with `skeleton` (the codepoint sits in a
// word with Latin letters) other scripts' look-alikes by the UTS #39
// skeleton (Cyrillic Р, Greek ο). What is left becomes a space. A symbol that
// folds to two or more letters or digits (™, ⑩) stands apart as a word.
void unicode_fold(UChar32 c, bool skeleton, Folded& out) {
  out.len = 0;
  // A capital of another script looks like its own skeleton, not its small
  // letter's (Greek Ν is N, ν is v; Η is H, η is n): before case folding.
  // UTS #39 gives I and its look-alikes the prototype l: for those (Cyrillic
  // І, Greek Ι) the small letter's i is what the word means.
  if (skeleton && u_isupper(c) && spoof_checker() != nullptr) {
    UErrorCode st = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &st);
    if (U_SUCCESS(st) && script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
        script != USCRIPT_INHERITED && skeleton_ascii(c, false, out)) {
      if (!(out.len == 1 && (out.s[0] | 0x20) == 'l')) {
        for (uint8_t k = 0; k < out.len; ++k)
          if (out.s[k] >= 'A' && out.s[k] <= 'Z') out.s[k] = static_cast<char>(out.s[k] | 0x20);
        out.s[out.len] = '\0';
        return;
      }
      out.len = 0;
    }
  }
  UChar in[2], dec[kUBuf];
  int32_t n = 0;
  U16_APPEND_UNSAFE(in, n, c);
  const int32_t d = nfkc_cf_nfd(in, n, dec);
  UErrorCode st = U_ZERO_ERROR;
  const int32_t probe = unorm2_normalize(nfkc_casefold(), in, n, nullptr, 0, &st);
  if (d == 0 && probe != 0) {
    out.push(' ');  // does not fit: too long to be a letter
  }
  for (int32_t i = 0; i < d;) {
    UChar32 x;
    U16_NEXT(dec, i, d, x);
    fold_decomposed(x, skeleton, out);
  }
  // A number sign with no compatibility decomposition (❷ ➋ ⓶, Arabic-Indic
  // and other scripts' digits) by its numeric value: "nomer ❷" is "nomer 2".
  // Letters with a value (Han 二, Roman-numeral letters fold by NFKC) stay.
  if (!(U_GET_GC_MASK(c) & U_GC_L_MASK) && (out.len == 0 || (out.len == 1 && out.s[0] == ' '))) {
    const double v = u_getNumericValue(c);
    if (v != U_NO_NUMERIC_VALUE && v >= 0 && v < 100 && v == static_cast<int>(v)) {
      const int k = static_cast<int>(v);
      out.len = 0;
      if (k >= 10) out.push(static_cast<char>('0' + k / 10));
      out.push(static_cast<char>('0' + k % 10));
    }
  }
  if (!(U_GET_GC_MASK(c) & U_GC_L_MASK)) {
    int alnum = 0;
    for (uint8_t k = 0; k < out.len; ++k)
      alnum += (kClass[static_cast<uint8_t>(out.s[k])] & (kLower | kUpper | kDigit)) != 0;
    if (alnum >= 2 && out.len + 2u <= kFoldMax) {
      std::memmove(out.s + 1, out.s, out.len);
      out.s[0] = ' ';
      out.s[out.len + 1] = ' ';
      out.len = static_cast<uint8_t>(out.len + 2);
    }
  }
  out.s[out.len] = '\0';
}

// unicode_fold() through a small per-thread cache: posts repeat the same few
// non-ASCII codepoints (emoji, one disguise alphabet), and a miss costs a
// normalisation and a name look-up.
const Folded& cached_fold(uint32_t cp, bool skeleton) {
  struct Entry {
    uint32_t key;  // cp << 1 | skeleton; 0 = empty (cp 0 is ASCII)
    Folded f;
  };
  static thread_local Entry cache[512];
  const uint32_t key = cp << 1 | (skeleton ? 1u : 0u);
  Entry& e = cache[(key ^ (key >> 9)) & 511];
  if (e.key != key) {
    unicode_fold(static_cast<UChar32>(cp), skeleton, e.f);
    e.key = key;
  }
  return e.f;
}

inline bool has_ascii_letter(const Folded& f) {
  for (uint8_t k = 0; k < f.len; ++k)
    if (is_alpha(static_cast<uint8_t>(f.s[k]))) return true;
  return false;
}

// A codepoint that belongs to a word: letters (of any script, and those that
// fold to Latin letters, such as squared ones), digits, marks and invisible
// characters (a zero-width space inside a word does not end it).
bool word_cp(uint32_t cp) {
  if (cp < 0x80) return is_alpha(static_cast<uint8_t>(cp)) || (kClass[cp] & kDigit);
  const auto c = static_cast<UChar32>(cp);
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) ||
         u_hasBinaryProperty(c, UCHAR_ALPHABETIC) ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         has_ascii_letter(cached_fold(cp, false));
}

// A codepoint that reads as a Latin letter without any skeleton.
bool latin_cp(uint32_t cp) {
  if (cp < 0x80) return is_alpha(static_cast<uint8_t>(cp));
  return has_ascii_letter(cached_fold(cp, false));
}

// The word around the codepoint at [s, e) of p: its byte range and whether
// another codepoint in it is a Latin letter. Looks at most kWordScan bytes
// either way.
struct Word {
  uint32_t lo = 0, hi = 0;
  bool latin = false;
  // Every letter of another script in it has a Latin skeleton: a word
  // written wholly in look-alikes (Cyrillic "АМІN" without the N, "РКЅ",
  // Greek "ΑΜΙΝ"), UTS #39's whole-script confusable.
  bool confusable = true;
};

// Does the look-alike fold of cp (its UTS #39 skeleton) give only ASCII
// letters and digits? Codepoints that fold the same either way are neutral.
bool confusable_cp(uint32_t cp) {
  const Folded& sk = cached_fold(cp, true);
  if (sk.len == 0) return true;  // a mark or an invisible character
  for (uint8_t k = 0; k < sk.len; ++k)
    if (!(kClass[static_cast<uint8_t>(sk.s[k])] & (kLower | kUpper | kDigit))) return false;
  return true;
}
constexpr size_t kWordScan = 256;

Word word_around(const uint8_t* p, size_t n, size_t s, size_t e) {
  Word w;
  size_t lo = s, hi = e;
  while (lo > 0 && s - lo < kWordScan) {
    size_t k = lo - 1;
    while (k > 0 && lo - k < 4 && (p[k] & 0xC0) == 0x80) --k;
    size_t len;
    const uint32_t cp = decode(p, n, k, len);
    if (p[k] < 0x80) {
      if (!word_cp(p[k])) break;
      w.latin |= is_alpha(p[k]);
      lo = k;
      continue;
    }
    if (cp == kBad || k + len != lo || !word_cp(cp)) break;
    w.latin |= latin_cp(cp);
    w.confusable = w.confusable && confusable_cp(cp);
    lo = k;
  }
  while (hi < n && hi - e < kWordScan) {
    size_t len = 1;
    const uint32_t cp = p[hi] < 0x80 ? p[hi] : decode(p, n, hi, len);
    if (cp == kBad || !word_cp(cp)) break;
    w.latin |= latin_cp(cp);
    if (cp >= 0x80) w.confusable = w.confusable && confusable_cp(cp);
    hi += len;
  }
  w.lo = static_cast<uint32_t>(lo);
  w.hi = static_cast<uint32_t>(hi);
  return w;
}

// Folds the non-ASCII codepoint at [s, e) of p. `word` caches the last word
// looked at (a mixed-script word holds several look-alikes).
Fold fold_cp(uint32_t cp, const uint8_t* p, size_t n, size_t s, size_t e, Word& word) {
  Fold f;
  if (netra_fold(cp, f)) return f;
  const Folded* r = &cached_fold(cp, false);
  const Folded& sk = cached_fold(cp, true);
  if (sk.len != r->len || std::memcmp(sk.s, r->s, r->len) != 0) {
    // A look-alike: folded only inside a word with Latin letters.
    if (s >= word.hi || s < word.lo) word = word_around(p, n, s, e);
    if (word.latin || (word.confusable && confusable_cp(cp)))
      r = &cached_fold(cp, true);
    else
      r = &cached_fold(cp, false);  // the second look-up may have evicted it
  }
  if (r->len == 0)
    return {Fold::drop, U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK ? 'm' : '\0'};
  if (r->len == 1) return as_char(r->s[0] == ' ' ? 0 : r->s[0]);
  return {Fold::text, 0, r->s};
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
  Word word;                      // the last word a look-alike was found in
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
    Fold f = fold_cp(cp, p, n, s, e, word);
    switch (f.kind) {
      case Fold::drop:
        // A combining mark belongs to the letter before it (a͟ maps to both).
        if (f.c == 'm' && w.size() > 0 && w.end_[w.size() - 1] == s) w.end_[w.size() - 1] = e;
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
    } else if (c >= 0x80) {
      // A codepoint that folds to a leet character (full-width and
      // mathematical digits, circled and superscript digits, keycap ten).
      size_t len;
      const uint32_t cp = decode(p, n, i, len);
      if (cp != kBad) {
        Fold f;
        if (netra_fold(cp, f)) {
          if (f.kind == Fold::text && std::strcmp(f.str, "10") == 0) return true;
        } else {
          for (const Folded* r : {&cached_fold(cp, false), &cached_fold(cp, true)})
            for (uint8_t k = 0; k < r->len; ++k)
              if (kClass[static_cast<uint8_t>(r->s[k])] & kLeet) return true;
        }
      }
      i += len - 1;
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
