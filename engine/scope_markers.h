#pragma once
// Scope lists (config/lists/*.scope): negation and reported-speech markers
// that stop the act right after them, in the same clause, from counting as a
// rule's evidence ("saya tidak ikut kampanye", "katanya pak camat ikut
// kampanye"). Matched on the normalised text of a field, only for hits of a
// rule that is about to fire. docs/decisions/0016-negation-scope.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/lexicon.h"

namespace netra::engine {

// One *.scope file.
struct ScopeList {
  std::string name;  // the file name without .scope: the suppression reason
  std::string file;
  uint32_t window = 4;                        // words allowed between the marker and the act
  std::vector<uint32_t> over;                 // the pattern lists whose hits it scopes over
  uint64_t over_bits = 0;                     // those of them below 64, as Hit::lists bits
  std::unordered_set<std::string> unscoped;   // a marker with one of these next negates nothing
  std::unordered_set<std::string> stops;      // words that end its scope ("tapi")
  std::unordered_set<std::string> not_after;  // a marker after one of these negates nothing
};

// One marker: its normalised words (the first is the negator itself; the
// others confirm it: "tak ikut", "aja milih") and its list.
struct ScopeMarker {
  std::vector<std::string> words;
  uint16_t list = 0;
  uint32_t line = 0;
};

// Where a marker scopes over an act, in the normalised text.
struct ScopeMatch {
  uint16_t list = 0;            // index into ScopeMarkers::lists
  uint32_t start = 0, end = 0;  // the marker's words
};

struct ScopeMarkers {
  std::vector<ScopeList> lists;
  std::vector<ScopeMarker> markers;
  std::unordered_map<std::string, std::vector<uint32_t>> by_first;  // markers by first word
  size_t max_words = 0;                                             // the longest marker
  uint32_t max_window = 0;

  bool empty() const { return markers.empty(); }

  // For an act whose hit starts at offset `pos` of the normalised text `norm`
  // and that lists in `applicable` (a bit per index of `lists`) may scope
  // over: the nearest marker before it whose scope reaches it. A scope starts
  // after the marker's first word, spans at most the list's window of words
  // between the marker and the act, and ends at `,` `;` `:` `.` `!` `?` and at
  // a stop word. Returns false when no marker reaches the act.
  bool find(std::string_view norm, uint32_t pos, uint32_t applicable, ScopeMatch& out) const;
};

// Loads every *.scope file of `dir` (sorted by name). `over:` names must be
// pattern lists of `lexicon`. Problems go to `diags` as file:line.
void load_scope_markers(const std::string& dir, const Lexicon& lexicon, ScopeMarkers& out,
                        std::vector<Diagnostic>& diags);

}  // namespace netra::engine
