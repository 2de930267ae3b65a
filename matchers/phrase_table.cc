#include "matchers/phrase_table.h"

#include <algorithm>
#include <cstring>

namespace netra::matchers {
namespace {

inline bool is_word(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A small inline hash for short tokens (most are under 16 bytes): cheaper than a
// library call per token on the hot path.
inline uint64_t token_hash(const char* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  h = (h ^ v) * 0x94d049bb133111ebULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return h;
}

// Chains token hashes into a sequence hash (never 0: 0 marks an empty slot).
inline uint64_t chain(uint64_t h, uint64_t token) {
  h ^= token + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h ? h : 1;
}

constexpr uint64_t kSeed = 0x6e65747261ULL;  // "netra"

// Maps a hash onto [0, n) without a division or a power-of-two size.
inline size_t level1_slot(uint64_t key, size_t n) {
  return static_cast<size_t>((static_cast<unsigned __int128>(key) * n) >> 64);
}

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
    uint64_t h = kSeed;
    uint32_t tokens = 0;
    size_t i = 0;
    while (i < p.size()) {
      size_t j = p.find(' ', i);
      if (j == std::string_view::npos) j = p.size();
      uint64_t th = token_hash(p.data() + i, j - i);
      h = chain(h, th);
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
  level1_.assign(std::max<size_t>(64, first_keys.size() * 4 / 3 + 1), Level1{});
  const size_t first_bits = size_t{1} << 19;  // 64 KB
  first_bits_.assign(first_bits / 64, 0);
  first_mask_ = first_bits - 1;
  for (uint64_t key : first_keys) {
    const uint64_t b = (key >> 40) & first_mask_;
    first_bits_[b >> 6] |= 1ULL << (b & 63);
    const Slot* s = find(key);
    uint64_t count = std::min<uint64_t>(s->ids_count, 127);
    Level1 entry;
    entry.head = ((key >> 32) | 1) << 32 | (uint64_t{s->ids_begin} << 8) | (count << 1) |
                 (s->prefix ? 1 : 0);
    size_t i = level1_slot(key, level1_.size());
    while (level1_[i].head) i = i + 1 == level1_.size() ? 0 : i + 1;
    level1_[i] = entry;
  }
  for (const auto& [key, next] : follows) {
    Level1* e = const_cast<Level1*>(find_level1(key));
    if (e) e->next |= 1ULL << (next >> 58);
  }
}

const PhraseTable::Level1* PhraseTable::find_level1(uint64_t key) const {
  const uint64_t fp = ((key >> 32) | 1) << 32;
  const size_t n = level1_.size();
  for (size_t i = level1_slot(key, n);; i = i + 1 == n ? 0 : i + 1) {
    const Level1& v = level1_[i];
    if (v.head == 0) return nullptr;
    if ((v.head & 0xFFFFFFFF00000000ULL) == fp) return &v;
  }
}

void PhraseTable::scan(std::string_view text, std::vector<Match>& out) const {
  if (phrases_ == 0) return;
  const auto* t = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && !is_word(t[i])) ++i;
    if (i >= n) break;
    size_t e = i;
    while (e < n && is_word(t[e])) ++e;
    const uint64_t th = token_hash(text.data() + i, e - i);
    const uint64_t k1 = chain(kSeed, th);
    const uint64_t bit = (k1 >> 40) & first_mask_;
    if (!(first_bits_[bit >> 6] & (1ULL << (bit & 63)))) {
      i = e;
      continue;
    }
    const Level1* l1 = find_level1(k1);
    if (l1) {
      const uint64_t entry = l1->head;
      const uint32_t begin = static_cast<uint32_t>((entry >> 8) & 0xFFFFFF);
      const uint32_t count = static_cast<uint32_t>((entry >> 1) & 0x7F);
      for (uint32_t q = begin; q < begin + count; ++q)
        out.push_back(Match{ids_[q], static_cast<uint32_t>(i), static_cast<uint32_t>(e)});
      bool prefix = entry & 1;
      uint64_t h = k1;
      size_t end = e;
      for (uint32_t k = 2; prefix && k <= max_tokens_; ++k) {
        size_t a = end;
        while (a < n && !is_word(t[a]) && a - end <= kMaxGap) ++a;
        if (a >= n || a - end > kMaxGap || a == end) break;
        size_t b = a;
        while (b < n && is_word(t[b])) ++b;
        const uint64_t th_next = token_hash(text.data() + a, b - a);
        if (k == 2 && !(l1->next & (1ULL << (th_next >> 58)))) break;
        h = chain(h, th_next);
        const Slot* s = find(h);
        if (!s) break;
        for (uint32_t q = s->ids_begin; q < s->ids_begin + s->ids_count; ++q)
          out.push_back(Match{ids_[q], static_cast<uint32_t>(i), static_cast<uint32_t>(b)});
        prefix = s->prefix;
        end = b;
      }
    }
    i = e;
  }
}

size_t PhraseTable::bytes() const {
  return slots_.size() * sizeof(Slot) + ids_.size() * sizeof(uint32_t) +
         level1_.size() * sizeof(Level1) + first_bits_.size() * sizeof(uint64_t);
}

}  // namespace netra::matchers
