#pragma once
// Whole-word phrase matching by token hashing: the literal patterns that are
// plain word sequences ("prabowo subianto", "kita menangkan") in a hash table
// keyed by their token sequence. Text is tokenised once ([a-z0-9] runs) and
// each token start is looked up, extending only while a longer phrase could
// still match. Real candidate names share most of their substrings with
// everyday Indonesian words, which makes Hyperscan's literal matcher confirm
// constantly on 200k names (measured ~40 MB/s); word-level lookup sidesteps
// that. See docs/decisions/0001-phrase-table.md.
#include <cstdint>
#include <string_view>
#include <vector>

#include "matchers/huge_pages.h"
#include "matchers/match.h"

namespace netra::matchers {

class PhraseTable {
 public:
  // True for a literal made of [a-z0-9] tokens separated by single spaces.
  static bool is_phrase(std::string_view literal);

  // Adds phrases (each must satisfy is_phrase) with their pattern ids.
  void build(const std::vector<std::pair<std::string_view, uint32_t>>& phrases);

  // Appends a match for every phrase occurrence in `text` (normalised text).
  // Tokens of a phrase may be separated by up to kMaxGap non-word bytes. With
  // `keep`, the text's tokens are left there (keep->valid).
  void scan(std::string_view text, std::vector<Match>& out, Tokens* keep = nullptr) const;
  // scan() of the text that `tokens` were kept from.
  void scan_tokens(const Tokens& tokens, std::vector<Match>& out) const;

  size_t size() const { return phrases_; }
  size_t bytes() const;

  static constexpr size_t kMaxGap = kPhraseMaxGap;

 private:
  struct Slot {
    uint64_t key = 0;        // hash of the token sequence; 0 = empty
    uint32_t ids_begin = 0;  // pattern ids of phrases with exactly these tokens:
    uint16_t ids_count = 0;  //   ids_[ids_begin, ids_begin + ids_count)
    uint16_t prefix = 0;     // 1 when a longer phrase starts with these tokens
  };
  const Slot* find(uint64_t key) const;
  Slot& insert(uint64_t key);

  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<uint32_t> ids_;
  uint64_t mask_ = 0;
  // Level 1, small enough to stay mostly in cache: one entry per distinct first
  // token, with its exact key (no fingerprint: a false hit would be a false
  // match). `meta` = next:32 | ids_begin:24 | ids_count:7 | prefix:1, where
  // `next` has a bit per hash of the tokens that can follow it in a longer
  // phrase, so most two-token candidates never touch the big table.
  struct Level1 {
    uint64_t key = 0;
    uint64_t meta = 0;
  };
  const Level1* find_level1(uint64_t key) const;
  using Token = Tokens::Token;
  struct Pair {
    uint64_t key;    // hash of the token and the one after it
    uint32_t token;  // index of the first of the two
  };
  static constexpr size_t kBatch = 256;
  void lookup(const Token* tok, size_t nt, std::vector<Match>& out) const;
  void extend(uint64_t h, const Token* tok, size_t first, size_t nt, std::vector<Match>& out) const;
  std::vector<Level1, HugePageAllocator<Level1>> level1_;
  // Level 0: a bit per first-token hash, 64 KB, so that it stays in L1/L2 and
  // most everyday words are turned away before level 1 is touched.
  std::vector<uint64_t> first_bits_;
  uint64_t first_mask_ = 0;
  // A bit per hash of the first two tokens of the longer phrases (8 bits per
  // prefix), checked before the big table.
  std::vector<uint64_t> pair_bits_;
  uint64_t pair_mask_ = 0;
  size_t phrases_ = 0;
  uint32_t max_tokens_ = 0;
  // Unique per build(): keys the per-thread cache of level-1 results in scan().
  uint64_t build_id_ = 0;
};

}  // namespace netra::matchers
