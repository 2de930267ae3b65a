// Clause boundaries for scoped exceptions (see clause.h).
#include "engine/clause.h"

namespace netra::engine {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }

// Does the `.`, `!` or `?` at text[i] end a sentence?
bool sentence_end(std::string_view text, size_t i) {
  if (i + 1 < text.size() && !space(text[i + 1])) return false;  // "kompas.com", "3.5"
  if (text[i] != '.') return true;
  // "H.", "Dr.", "No.", "Bpk.": a capitalised word of one to three letters.
  size_t b = i;
  while (b > 0 && (upper(text[b - 1]) || lower(text[b - 1])) && i - b < 4) --b;
  const size_t letters = i - b;
  const bool word_start = b == 0 || !(upper(text[b - 1]) || lower(text[b - 1]));
  return !(word_start && letters >= 1 && letters <= 3 && upper(text[b]));
}

}  // namespace

uint32_t clause_start(std::string_view text, uint32_t pos) {
  if (pos > text.size()) pos = static_cast<uint32_t>(text.size());
  if (pos < text.size() && (text[pos] == '#' || text[pos] == '@')) return pos | kTagClause;
  bool passed_space = false;
  for (size_t i = pos; i > 0; --i) {
    const char c = text[i - 1];
    if (c == '\n') return static_cast<uint32_t>(i);
    if ((c == '.' || c == '!' || c == '?') && sentence_end(text, i - 1))
      return static_cast<uint32_t>(i);
    if (space(c)) {
      passed_space = true;
    } else if (c == '#' || c == '@') {
      // Inside the hashtag: its own clause. One before: part of the clause.
      if (!passed_space) return static_cast<uint32_t>(i - 1) | kTagClause;
    }
  }
  return 0;
}

}  // namespace netra::engine
