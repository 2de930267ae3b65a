#pragma once
// Clauses: the stretch of a field an exception (a rule's `unless`) speaks for.
// docs/decisions/0015-clause-scoped-exceptions.md.
#include <cstdint>
#include <string_view>

namespace netra::engine {

// Marks the key of a hashtag's or mention's own clause.
inline constexpr uint32_t kTagClause = 0x80000000u;

// The byte offset where the clause that holds offset `pos` of `text` starts:
// its key (two offsets of one field are in the same clause when their keys
// are equal). A clause ends at a newline, at `.`, `!` or `?` followed by
// white space or the end of the text (a `.` after a capitalised word of one
// to three letters, "H.", "Dr.", "No.", is an abbreviation). Each hashtag or
// mention (`#...`, `@...` up to white space) is a clause of its own (its key:
// the offset of its `#` | kTagClause), and the words around it stay one
// clause. A comma does not end one: "dikutip dari Kompas, Prabowo
// berkampanye" is one.
uint32_t clause_start(std::string_view text, uint32_t pos);

}  // namespace netra::engine
