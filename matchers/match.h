#pragma once
// The matchers' output vocabulary, shared by the pattern set and the phrase
// table (which the pattern set builds on): a match, and a text's tokens.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace netra::matchers {

// The words of a phrase may be separated by up to this many non-word bytes
// of normalised text ("prabowo - gibran"); a wider gap ends the phrase.
inline constexpr size_t kPhraseMaxGap = 3;

struct Match {
  uint32_t pattern;  // index into the vector given to PatternSet::build
  uint32_t start;    // byte offsets into the scanned (normalised) text
  uint32_t end;
};

// The tokens of a scanned text ([a-z0-9] runs with their hashes), which scan()
// keeps on request so that another table can look the same text up without
// tokenising it again (PhraseTable::scan_tokens). Reused across texts.
struct Tokens {
  struct Token {
    uint32_t start, end;  // byte offsets in the scanned text
    uint64_t hash;
  };
  std::vector<Token> list;  // storage: the first `count` are the text's
  size_t count = 0;
  bool valid = false;  // set by the scan that filled it
};

}  // namespace netra::matchers
