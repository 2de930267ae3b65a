#include "matchers/phrase_table.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "matchers/bits.h"
#include "matchers/simd.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netra::matchers {
namespace {

inline bool is_word(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Zero bytes after scan()'s copy of the text: whole 64-byte blocks and
// 16-byte token reads never leave it.
constexpr size_t kPadding = 64;

// The little-endian value of the n <= 8 bytes at p, zero-padded, read byte
// by byte (near the end of a buffer).
inline uint64_t bytes_le(const char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// Masks that keep the first n <= 16 bytes of a token read as two
// little-endian words: m0[n] for the first word, m1[n] for the second.
struct TokenMasks {
  uint64_t m0[17], m1[17];
};
constexpr TokenMasks make_token_masks() {
  TokenMasks t{};
  for (size_t n = 0; n <= 16; ++n) {
    const size_t n0 = n < 8 ? n : 8, n1 = n - n0;
    t.m0[n] = n0 == 8 ? ~0ULL : (1ULL << (8 * n0)) - 1;
    t.m1[n] = n1 == 8 ? ~0ULL : (1ULL << (8 * n1)) - 1;
  }
  return t;
}
constexpr TokenMasks kTokenMasks = make_token_masks();

// The hash of a token of up to 16 bytes, given as two zero-padded words. Up
// to 8 bytes it is a bijection of the token (tokens hold no zero byte), so
// short tokens never collide.
inline uint64_t short_token_hash(uint64_t v0, uint64_t v1) {
  const uint64_t h = v0 * 0x9E3779B97F4A7C15ULL ^ v1 * 0xC2B2AE3D27D4EB4FULL;
  const uint64_t mixed = h ^ (h >> 32);
  return mixed ? mixed : 1;
}

// Token hash, never 0 (0 marks an empty slot). Needs 16 readable bytes at p
// (PhraseTable::scan pads its copy of the text).
inline uint64_t token_hash_padded(const char* p, size_t n) {
  if (n <= 16) {
    uint64_t v0, v1;
    std::memcpy(&v0, p, 8);
    std::memcpy(&v1, p + 8, 8);
    return short_token_hash(v0 & kTokenMasks.m0[n], v1 & kTokenMasks.m1[n]);
  }
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  h = (h ^ bytes_le(p, n)) * 0x94d049bb133111ebULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h ? h : 1;
}

// The same hash where fewer than 16 bytes may be readable: `end` bounds them.
inline uint64_t token_hash(const char* p, size_t n, const char* end) {
  if (n <= 16 && end - p < 16) {
    const size_t n0 = n < 8 ? n : 8;
    return short_token_hash(bytes_le(p, n0), bytes_le(p + 8, n - n0));
  }
  return token_hash_padded(p, n);
}

// Chains token hashes into a sequence hash (never 0: 0 marks an empty slot).
inline uint64_t chain(uint64_t h, uint64_t token) {
  h ^= token + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h ? h : 1;
}

// The level-1 `next` filter bit (bits 32..63 of meta) for a following token.
inline uint64_t next_bit(uint64_t token_hash) { return 1ULL << (32 + (token_hash >> 59)); }

// Maps a hash onto [0, n) without a division or a power-of-two size.
inline size_t level1_slot(uint64_t key, size_t n) {
  return static_cast<size_t>((static_cast<unsigned __int128>(key) * n) >> 64);
}

// Level-1 results of recent tokens (meta, or kAbsent), per thread and table:
// everyday words that start some name ("dan", "yang") recur in every text, and
// this dense, direct-mapped cache keeps them close, where the level-1 table
// (one cache line per word) is too sparse to stay in cache. Keys are exact
// token hashes, as in level 1. Measured on the bench corpus: +4% events/s with
// 4,096 slots, +3% more with 16,384; 65,536 was slower.
struct Cached {
  uint64_t key = 0, meta = 0;  // key 0: empty (no token hashes to 0)
};
constexpr size_t kCacheSlots = 16384;  // 256 KiB per table and thread
// No level-1 entry. Never a real meta: build() stores ids_begin 0 with count 127.
constexpr uint64_t kAbsent = ~0ULL;
inline size_t cache_slot(uint64_t token_hash) { return (token_hash >> 20) & (kCacheSlots - 1); }

// The calling thread's cache for the table built as `build_id`: two per thread
// (a PatternSet scans two tables), the older one given up for a third.
Cached* level1_cache(uint64_t build_id) {
  struct Cache {
    uint64_t owner = 0;
    std::vector<Cached> entries;
  };
  thread_local Cache caches[2];
  thread_local unsigned next_victim = 0;
  for (Cache& c : caches)
    if (c.owner == build_id) return c.entries.data();
  Cache& c = caches[next_victim];
  next_victim ^= 1;
  c.owner = build_id;
  c.entries.assign(kCacheSlots, Cached{});
  return c.entries.data();
}

// Bit i of bits[] is set when text byte i is a word byte [a-z0-9]. Reads
// whole 64-byte blocks: the caller pads the text with zero bytes (no word
// byte), so bits past the end are clear.
void word_bits(const uint8_t* t, size_t n, uint64_t* bits) {
  for (size_t base = 0; base < n; base += 64) {
    uint64_t m = 0;
#if defined(__SSE2__)
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + base + 16 * k));
      const __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      m |= static_cast<uint64_t>(_mm_movemask_epi8(_mm_or_si128(lower, digit))) << (16 * k);
    }
#else
    for (size_t k = 0; k < 64; ++k) m |= static_cast<uint64_t>(is_word(t[base + k])) << k;
#endif
    bits[base / 64] = m;
  }
}

// The token edges in word w of a word bitmap of `words` words: a bit per byte
// where a token starts (a word byte after a non-word byte) and a bit per byte
// where one ends (a word byte followed by a non-word byte or the end).
// `carry`: the last bit of the word before, updated for the next.
struct Edges {
  uint64_t starts, ends;
};
inline Edges edges(const uint64_t* bits, size_t words, size_t w, uint64_t& carry) {
  const uint64_t b = bits[w];
  const uint64_t next = w + 1 < words ? bits[w + 1] & 1 : 0;
  const Edges e{b & ~((b << 1) | carry), b & ~((b >> 1) | (next << 63))};
  carry = b >> 63;
  return e;
}

// Token boundaries of a word bitmap: each token's start offset into starts[]
// and end offset into ends[]. Returns the number of tokens. Both arrays need
// room for it plus 16.
size_t boundaries_scalar(const uint64_t* bits, size_t words, uint32_t* starts_out,
                         uint32_t* ends_out) {
  size_t nt = 0, ne = 0;
  uint64_t carry = 0;
  for (size_t w = 0; w < words; ++w) {
    auto [starts, ends] = edges(bits, words, w, carry);
    const auto base = static_cast<uint32_t>(w * 64);
    for (; starts; starts &= starts - 1) starts_out[nt++] = base + __builtin_ctzll(starts);
    for (; ends; ends &= ends - 1) ends_out[ne++] = base + __builtin_ctzll(ends) + 1;
  }
  return nt;
}

#if NETRA_AVX512
// The same, 16 positions at a time with AVX-512 compress: no loop per token,
// so no branch whose trip count the predictor has to guess.
NETRA_TARGET_AVX512 size_t boundaries_avx512(const uint64_t* bits, size_t words,
                                             uint32_t* starts_out, uint32_t* ends_out) {
  const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i sixteen = _mm512_set1_epi32(16), one = _mm512_set1_epi32(1);
  size_t nt = 0, ne = 0;
  uint64_t carry = 0;
  for (size_t w = 0; w < words; ++w) {
    const auto [starts, ends] = edges(bits, words, w, carry);
    __m512i pos = _mm512_add_epi32(lane, _mm512_set1_epi32(static_cast<int>(w * 64)));
    for (int q = 0; q < 4; ++q, pos = _mm512_add_epi32(pos, sixteen)) {
      const auto ms = static_cast<__mmask16>(starts >> (16 * q));
      const auto me = static_cast<__mmask16>(ends >> (16 * q));
      _mm512_storeu_si512(starts_out + nt, _mm512_maskz_compress_epi32(ms, pos));
      _mm512_storeu_si512(ends_out + ne,
                          _mm512_maskz_compress_epi32(me, _mm512_add_epi32(pos, one)));
      nt += static_cast<size_t>(_mm_popcnt_u32(ms));
      ne += static_cast<size_t>(_mm_popcnt_u32(me));
    }
  }
  return nt;
}
#endif

}  // namespace

bool PhraseTable::is_phrase(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c == ' ') {
      if (s[i - 1] == ' ') return false;
    } else if (!is_word(c)) {
      return false;
    }
  }
  return true;
}

const PhraseTable::Slot* PhraseTable::find(uint64_t key) const {
  if (slots_.empty()) return nullptr;
  for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
  }
}

PhraseTable::Slot& PhraseTable::insert(uint64_t key) {
  for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.key == key) return s;
    if (s.key == 0) {
      s.key = key;
      return s;
    }
  }
}

void PhraseTable::build(const std::vector<std::pair<std::string_view, uint32_t>>& phrases) {
  static std::atomic<uint64_t> builds{0};
  build_id_ = ++builds;
  size_t prefixes = 0;
  for (const auto& [p, id] : phrases)
    for (char c : p) prefixes += c == ' ';
  size_t want = (phrases.size() + prefixes) * 2 + 16;
  size_t cap = 16;
  while (cap < want) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;

  phrases_ = phrases.size();
  max_tokens_ = 0;
  std::vector<uint64_t> first_keys;
  std::vector<std::pair<uint64_t, uint64_t>> follows;  // (first-token key, next token hash)
  std::vector<std::pair<uint64_t, uint32_t>> full;     // (sequence hash, pattern id)
  std::vector<uint64_t> pair_keys;                     // hashes of the first two tokens
  full.reserve(phrases.size());
  for (const auto& [p, id] : phrases) {
    uint64_t h = 0;
    uint32_t tokens = 0;
    size_t i = 0;
    while (i < p.size()) {
      size_t j = p.find(' ', i);
      if (j == std::string_view::npos) j = p.size();
      uint64_t th = token_hash(p.data() + i, j - i, p.data() + p.size());
      h = tokens == 0 ? th : chain(h, th);
      ++tokens;
      if (tokens == 1) first_keys.push_back(h);
      if (tokens == 2) {
        follows.emplace_back(first_keys.back(), th);
        pair_keys.push_back(h);
      }
      if (j < p.size()) insert(h).prefix = 1;
      i = j + 1;
    }
    full.emplace_back(h, id);
    if (tokens > max_tokens_) max_tokens_ = tokens;
  }
  // Several pattern ids may share one phrase: keep them all, in id order.
  std::sort(full.begin(), full.end());
  ids_.clear();
  ids_.reserve(full.size());
  for (size_t k = 0; k < full.size();) {
    size_t e = k;
    while (e < full.size() && full[e].first == full[k].first) ++e;
    Slot& s = insert(full[k].first);
    s.ids_begin = static_cast<uint32_t>(ids_.size());
    s.ids_count = static_cast<uint16_t>(std::min<size_t>(e - k, UINT16_MAX));
    for (size_t q = k; q < k + s.ids_count; ++q) ids_.push_back(full[q].second);
    k = e;
  }
  // Level 1: copy the one-token entries into the compact table.
  std::sort(first_keys.begin(), first_keys.end());
  first_keys.erase(std::unique(first_keys.begin(), first_keys.end()), first_keys.end());
  // Sized for a 1/2 load, not rounded to a power of two (fast range reduction).
  level1_.assign(std::max<size_t>(64, first_keys.size() * 2 + 1), Level1{});
  const size_t first_bits = size_t{1} << 19;  // 64 KB
  first_bits_.assign(first_bits / 64, 0);
  first_mask_ = first_bits - 1;
  for (uint64_t key : first_keys) {
    set_bit(first_bits_, (key >> 40) & first_mask_);
    const Slot* s = find(key);
    // 127 = "look in the big table" (more ids than fit, or ids_begin past 24 bits).
    const uint64_t count = s->ids_count >= 127 || s->ids_begin >= (1u << 24) ? 127 : s->ids_count;
    const uint64_t begin = count == 127 ? 0 : s->ids_begin;
    Level1 entry;
    entry.key = key;
    entry.meta = (begin << 8) | (count << 1) | (s->prefix ? 1 : 0);
    size_t i = level1_slot(key, level1_.size());
    while (level1_[i].key) i = i + 1 == level1_.size() ? 0 : i + 1;
    level1_[i] = entry;
  }
  // A bit per two-token prefix, so that most pairs passing the `next` filter
  // never probe the big table (which is out of cache).
  size_t pair_bits = size_t{1} << 16;
  while (pair_bits < pair_keys.size() * 8 && pair_bits < (size_t{1} << 24)) pair_bits <<= 1;
  pair_bits_.assign(pair_bits / 64, 0);
  pair_mask_ = pair_bits - 1;
  for (uint64_t key : pair_keys) set_bit(pair_bits_, (key >> 20) & pair_mask_);
  for (const auto& [key, next] : follows) {
    Level1* e = const_cast<Level1*>(find_level1(key));
    if (e) e->meta |= next_bit(next);
  }
}

const PhraseTable::Level1* PhraseTable::find_level1(uint64_t key) const {
  const size_t n = level1_.size();
  for (size_t i = level1_slot(key, n);; i = i + 1 == n ? 0 : i + 1) {
    const Level1& v = level1_[i];
    if (v.key == key) return &v;
    if (v.key == 0) return nullptr;
  }
}

// Tokenises the whole text first (token boundaries straight from the word
// bitmap, then the hashes), then looks tokens up in batches, in phases, so
// that the table lookups of one batch overlap in memory instead of each
// waiting for the previous one: the first-token bit filter (branch-free);
// prefetch, then probe level 1; prefetch, then probe the two-token keys.
// Phrases of three or more tokens continue one token at a time (extend()).
void PhraseTable::scan(std::string_view text, std::vector<Match>& out, Tokens* keep) const {
  if (keep) keep->valid = false;
  if (phrases_ == 0 || text.empty()) return;
  const size_t n = text.size();
  const size_t words = (n + 63) / 64;
  thread_local std::vector<uint64_t> bitmap;
  thread_local std::vector<Token> own;    // grow once per thread, then reused
  thread_local std::vector<char> padded;  // the text and kPadding zero bytes
  std::vector<Token>& tokens = keep ? keep->list : own;
  if (bitmap.size() < words) bitmap.resize(words);
  if (tokens.size() < n / 2 + 1) tokens.resize(n / 2 + 1);  // a separator between tokens
  if (padded.size() < n + kPadding) padded.resize(n + kPadding);
  std::memcpy(padded.data(), text.data(), n);
  std::memset(padded.data() + n, 0, kPadding);
  const char* p = padded.data();
  uint64_t* bits = bitmap.data();
  Token* tok = tokens.data();
  word_bits(reinterpret_cast<const uint8_t*>(p), n, bits);
  thread_local std::vector<uint32_t> starts, ends;
  if (starts.size() < n / 2 + 17) starts.resize(n / 2 + 17), ends.resize(n / 2 + 17);
#if NETRA_AVX512
  const size_t nt = simd::avx512() ? boundaries_avx512(bits, words, starts.data(), ends.data())
                                   : boundaries_scalar(bits, words, starts.data(), ends.data());
#else
  const size_t nt = boundaries_scalar(bits, words, starts.data(), ends.data());
#endif
  for (size_t k = 0; k < nt; ++k) {
    tok[k].start = starts[k];
    tok[k].end = ends[k];
    tok[k].hash = token_hash_padded(p + starts[k], ends[k] - starts[k]);
  }
  if (keep) keep->count = nt, keep->valid = true;
  lookup(tok, nt, out);
}

void PhraseTable::scan_tokens(const Tokens& tokens, std::vector<Match>& out) const {
  if (phrases_ > 0) lookup(tokens.list.data(), tokens.count, out);
}

void PhraseTable::lookup(const Token* tok, size_t nt, std::vector<Match>& out) const {
  Cached* cached = level1_cache(build_id_);
  uint32_t cand[kBatch];
  uint64_t metas[kBatch];
  uint32_t misses[kBatch];
  Pair pairs[kBatch];
  for (size_t first = 0; first < nt; first += kBatch) {
    const size_t last = std::min(nt, first + kBatch);
    // First-token filter.
    size_t nc = 0;
    for (size_t j = first; j < last; ++j) {
      cand[nc] = static_cast<uint32_t>(j);
      nc += test_bit(first_bits_, (tok[j].hash >> 40) & first_mask_);
    }
    // Level 1, through the cache.
    size_t nm = 0;
    for (size_t c = 0; c < nc; ++c) {
      const uint64_t h = tok[cand[c]].hash;
      const Cached& e = cached[cache_slot(h)];
      if (e.key == h) {
        metas[c] = e.meta;
      } else {
        __builtin_prefetch(&level1_[level1_slot(h, level1_.size())]);
        misses[nm++] = static_cast<uint32_t>(c);
      }
    }
    for (size_t q = 0; q < nm; ++q) {
      const uint64_t h = tok[cand[misses[q]]].hash;
      const Level1* l1 = find_level1(h);
      const uint64_t meta = l1 ? l1->meta : kAbsent;
      metas[misses[q]] = meta;
      cached[cache_slot(h)] = {h, meta};
    }
    size_t np = 0;
    for (size_t c = 0; c < nc; ++c) {
      const size_t j = cand[c];
      const uint64_t meta = metas[c];
      if (meta == kAbsent) continue;
      uint32_t begin = static_cast<uint32_t>((meta >> 8) & 0xFFFFFF);
      uint32_t count = static_cast<uint32_t>((meta >> 1) & 0x7F);
      if (count == 127) {
        const Slot* s = find(tok[j].hash);
        begin = s->ids_begin;
        count = s->ids_count;
      }
      for (uint32_t q = begin; q < begin + count; ++q)
        out.push_back(Match{ids_[q], tok[j].start, tok[j].end});
      if (!(meta & 1) || j + 1 >= nt || tok[j + 1].start - tok[j].end > kMaxGap) continue;
      if (!(meta & next_bit(tok[j + 1].hash))) continue;
      const uint64_t h2 = chain(tok[j].hash, tok[j + 1].hash);
      if (!test_bit(pair_bits_, (h2 >> 20) & pair_mask_)) continue;
      __builtin_prefetch(&slots_[h2 & mask_]);
      pairs[np++] = {h2, static_cast<uint32_t>(j)};
    }
    // Two-token keys, then longer phrases one token at a time.
    for (size_t q = 0; q < np; ++q) {
      const Slot* s = find(pairs[q].key);
      if (!s) continue;
      const size_t j = pairs[q].token;
      for (uint32_t k = s->ids_begin; k < s->ids_begin + s->ids_count; ++k)
        out.push_back(Match{ids_[k], tok[j].start, tok[j + 1].end});
      if (s->prefix) extend(pairs[q].key, tok, j, nt, out);
    }
  }
}

// Continues the phrase of tokens first, first + 1 (hashed to h) while a longer
// phrase may still match.
void PhraseTable::extend(uint64_t h, const Token* tok, size_t first, size_t nt,
                         std::vector<Match>& out) const {
  for (size_t k = first + 2; k < nt && k - first < max_tokens_; ++k) {
    if (tok[k].start - tok[k - 1].end > kMaxGap) return;
    h = chain(h, tok[k].hash);
    const Slot* s = find(h);
    if (!s) return;
    for (uint32_t q = s->ids_begin; q < s->ids_begin + s->ids_count; ++q)
      out.push_back(Match{ids_[q], tok[first].start, tok[k].end});
    if (!s->prefix) return;
  }
}

size_t PhraseTable::bytes() const {
  return slots_.size() * sizeof(Slot) + ids_.size() * sizeof(uint32_t) +
         level1_.size() * sizeof(Level1) + first_bits_.size() * sizeof(uint64_t) +
         pair_bits_.size() * sizeof(uint64_t);
}

}  // namespace netra::matchers
