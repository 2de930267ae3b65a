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

#include "matchers/pattern_set.h"

namespace netra::matchers {

class PhraseTable {
 public:
  // True for a literal made of [a-z0-9] tokens separated by single spaces.
  static bool is_phrase(std::string_view literal);

  // Adds phrases (each must satisfy is_phrase) with their pattern ids.
  void build(const std::vector<std::pair<std::string_view, uint32_t>>& phrases);

  // Appends a match for every phrase occurrence in `text` (normalised text).
  // Tokens of a phrase may be separated by up to kMaxGap non-word bytes.
  void scan(std::string_view text, std::vector<Match>& out) const;

  size_t size() const { return phrases_; }
  size_t bytes() const;

  static constexpr size_t kMaxGap = 3;

 private:
  struct Slot {
    uint64_t key = 0;        // hash of the token sequence; 0 = empty
    uint32_t ids_begin = 0;  // pattern ids of phrases with exactly these tokens:
    uint16_t ids_count = 0;  //   ids_[ids_begin, ids_begin + ids_count)
    uint16_t prefix = 0;     // 1 when a longer phrase starts with these tokens
  };
  const Slot* find(uint64_t key) const;
  Slot& insert(uint64_t key);

  std::vector<Slot> slots_;
  std::vector<uint32_t> ids_;
  uint64_t mask_ = 0;
  // Level 1, small enough to stay mostly in cache: one entry per distinct first
  // token. `head` = 32-bit fingerprint, then ids_begin:24 | ids_count:7 | prefix:1;
  // `next` = a bit per hash of the tokens that can follow it in a longer phrase,
  // so most two-token candidates are rejected without touching the big table.
  struct Level1 {
    uint64_t head = 0;
    uint64_t next = 0;
  };
  const Level1* find_level1(uint64_t key) const;
  std::vector<Level1> level1_;
  // Level 0: a bit per first-token hash, 64 KB, so that it stays in L1/L2 and
  // most everyday words are turned away before level 1 is touched.
  std::vector<uint64_t> first_bits_;
  uint64_t first_mask_ = 0;
  size_t phrases_ = 0;
  uint32_t max_tokens_ = 0;
};

}  // namespace netra::matchers
