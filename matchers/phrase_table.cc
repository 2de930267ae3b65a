#include "matchers/phrase_table.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netra::matchers {
namespace {

inline bool is_word(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The little-endian value of the n <= 8 bytes at p, zero-padded. `room` says
// whether 8 bytes may be read at p (one load instead of a byte loop).
inline uint64_t tail_bytes(const char* p, size_t n, bool room) {
  uint64_t v = 0;
  if (n == 0) return 0;
  if (room) {
    std::memcpy(&v, p, 8);
    return n == 8 ? v : v & (~0ULL >> (64 - 8 * n));
  }
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// Token hash. Tokens of up to 8 bytes (most of them) take one multiply: the
// zero-padded value is unique per token (tokens hold no zero byte) and both
// steps are bijections, so short tokens never collide. `end` bounds the
// readable bytes. Never 0 (0 marks an empty slot).
inline uint64_t token_hash(const char* p, size_t n, const char* end) {
  if (n <= 8) {
    const uint64_t h = tail_bytes(p, n, end - p >= 8) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
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
  h = (h ^ tail_bytes(p, n, end - p >= 8)) * 0x94d049bb133111ebULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h ? h : 1;
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

// Bit i of bits[] is set when text byte i is a word byte [a-z0-9]; bits past
// the end are clear.
void word_bits(const uint8_t* t, size_t n, uint64_t* bits) {
  size_t base = 0;
#if defined(__SSE2__)
  for (; base + 64 <= n; base += 64) {
    uint64_t m = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + base + 16 * k));
      const __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
      const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      m |= static_cast<uint64_t>(_mm_movemask_epi8(_mm_or_si128(lower, digit))) << (16 * k);
    }
    bits[base / 64] = m;
  }
#endif
  for (; base < n; base += 64) {
    uint64_t m = 0;
    const size_t stop = std::min<size_t>(64, n - base);
    for (size_t k = 0; k < stop; ++k) m |= static_cast<uint64_t>(is_word(t[base + k])) << k;
    bits[base / 64] = m;
  }
}

}  // namespace

// The first position >= i whose bit is set (next_set) or clear (next_clear), or n.
inline size_t PhraseTable::Bits::next_set(size_t i) const {
  size_t w = i / 64;
  if (w >= words) return n;
  uint64_t m = bits[w] & (~0ULL << (i % 64));
  while (!m) {
    if (++w >= words) return n;
    m = bits[w];
  }
  return std::min(n, w * 64 + static_cast<size_t>(__builtin_ctzll(m)));
}

inline size_t PhraseTable::Bits::next_clear(size_t i) const {
  size_t w = i / 64;
  if (w >= words) return n;
  uint64_t m = ~bits[w] & (~0ULL << (i % 64));
  while (!m) {
    if (++w >= words) return n;
    m = ~bits[w];
  }
  return std::min(n, w * 64 + static_cast<size_t>(__builtin_ctzll(m)));
}

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
      if (tokens == 2) follows.emplace_back(first_keys.back(), th);
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
  // Sized for a 3/4 load, not rounded to a power of two (fast range reduction).
  level1_.assign(std::max<size_t>(64, first_keys.size() * 2 + 1), Level1{});
  const size_t first_bits = size_t{1} << 19;  // 64 KB
  first_bits_.assign(first_bits / 64, 0);
  first_mask_ = first_bits - 1;
  for (uint64_t key : first_keys) {
    const uint64_t b = (key >> 40) & first_mask_;
    first_bits_[b >> 6] |= 1ULL << (b & 63);
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

// Scans in batches of tokens, in phases, so that the table lookups of one
// batch overlap in memory instead of each waiting for the previous one:
// 1. tokenise and hash; 2. the first-token bit filter (branch-free);
// 3. prefetch, then probe level 1; 4. prefetch, then probe the two-token keys.
// Phrases of three or more tokens continue one token at a time (extend()).
void PhraseTable::scan(std::string_view text, std::vector<Match>& out) const {
  if (phrases_ == 0 || text.empty()) return;
  const size_t n = text.size();
  const size_t words = (n + 63) / 64;
  uint64_t local[kStackWords];
  thread_local std::vector<uint64_t> big;  // texts over 4 KiB only
  uint64_t* bits = local;
  if (words > kStackWords) {
    big.resize(words);
    bits = big.data();
  }
  word_bits(reinterpret_cast<const uint8_t*>(text.data()), n, bits);
  const Bits wb{bits, words, n};
  const char* p = text.data();
  Token tok[kBatch + 1];
  uint16_t cand[kBatch];
  Pair pairs[kBatch];
  size_t i = wb.next_set(0);
  while (i < n) {
    // 1. Tokens of this batch, plus the next one (if any) for pairs across the edge.
    size_t nt = 0;
    while (i < n && nt <= kBatch) {
      const size_t e = wb.next_clear(i);
      tok[nt++] = {static_cast<uint32_t>(i), static_cast<uint32_t>(e),
                   token_hash(p + i, e - i, p + n)};
      i = wb.next_set(e);
    }
    const size_t batch = std::min(nt, kBatch);
    if (nt > kBatch) i = tok[kBatch].start;  // the look-ahead token starts the next batch
    // 2. First-token filter.
    size_t nc = 0;
    for (size_t j = 0; j < batch; ++j) {
      const uint64_t bit = (tok[j].hash >> 40) & first_mask_;
      cand[nc] = static_cast<uint16_t>(j);
      nc += (first_bits_[bit >> 6] >> (bit & 63)) & 1;
    }
    // 3. Level 1.
    for (size_t c = 0; c < nc; ++c)
      __builtin_prefetch(&level1_[level1_slot(tok[cand[c]].hash, level1_.size())]);
    size_t np = 0;
    for (size_t c = 0; c < nc; ++c) {
      const size_t j = cand[c];
      const Level1* l1 = find_level1(tok[j].hash);
      if (!l1) continue;
      const uint64_t meta = l1->meta;
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
      __builtin_prefetch(&slots_[h2 & mask_]);
      pairs[np++] = {h2, static_cast<uint16_t>(j)};
    }
    // 4. Two-token keys, then longer phrases one token at a time.
    for (size_t q = 0; q < np; ++q) {
      const Slot* s = find(pairs[q].key);
      if (!s) continue;
      const Token& first = tok[pairs[q].token];
      const Token& second = tok[pairs[q].token + 1];
      for (uint32_t k = s->ids_begin; k < s->ids_begin + s->ids_count; ++k)
        out.push_back(Match{ids_[k], first.start, second.end});
      if (s->prefix) extend(pairs[q].key, first.start, second.end, wb, text, out);
    }
  }
}

// Continues a phrase whose first `k` >= 2 tokens, hashed to h, end at `end`,
// while a longer phrase may still match.
void PhraseTable::extend(uint64_t h, size_t start, size_t end, const Bits& wb,
                         std::string_view text, std::vector<Match>& out) const {
  const size_t n = text.size();
  for (uint32_t k = 3; k <= max_tokens_; ++k) {
    const size_t a = wb.next_set(end);
    if (a >= n || a - end > kMaxGap) return;
    const size_t b = wb.next_clear(a);
    h = chain(h, token_hash(text.data() + a, b - a, text.data() + n));
    const Slot* s = find(h);
    if (!s) return;
    for (uint32_t q = s->ids_begin; q < s->ids_begin + s->ids_count; ++q)
      out.push_back(Match{ids_[q], static_cast<uint32_t>(start), static_cast<uint32_t>(b)});
    if (!s->prefix) return;
    end = b;
  }
}

size_t PhraseTable::bytes() const {
  return slots_.size() * sizeof(Slot) + ids_.size() * sizeof(uint32_t) +
         level1_.size() * sizeof(Level1) + first_bits_.size() * sizeof(uint64_t);
}

}  // namespace netra::matchers
