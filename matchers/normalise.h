#pragma once
// Text normalisation for Indonesian social-media text, keeping a map from every
// output byte back to the byte range of the original text it came from.
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netra::matchers {

// An allocator whose resize() leaves new elements uninitialised: normalise()
// sizes its offset maps up front and writes every element it keeps, so
// zero-filling them first would double the bytes written per call.
template <typename T>
struct UninitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitAllocator<U>;
  };
  UninitAllocator() = default;
  template <typename U>
  UninitAllocator(const UninitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: no zeroing
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using OffsetMap = std::vector<uint32_t, UninitAllocator<uint32_t>>;

// The folded form of one field value. text[i] came from original bytes
// [start[i], end[i]). Reused across events: clear() keeps capacity.
struct NormalisedText {
  std::string text;
  OffsetMap start;
  OffsetMap end;

  // Set by normalise(): a leet character sits next to a letter somewhere, so a
  // Leet::fold pass may differ (the same answer as has_leet(), for free);
  // leet_changes() says whether it does.
  bool maybe_leet = false;
  bool joined = false;  // the join pass ran (spelled-out letters, or after leet)

  void clear() {
    text.clear();
    start.clear();
    end.clear();
    maybe_leet = false;
    joined = false;
  }
  // Reserves room so that normalise() of a text of `original_bytes` bytes does
  // not allocate (only gesture emoji expand; they may still grow the buffers).
  void reserve(size_t original_bytes) {
    text.reserve(original_bytes + kSlack);
    start.reserve(original_bytes + kSlack);
    end.reserve(original_bytes + kSlack);
  }
  static constexpr size_t kSlack = 64;
  // Byte range in the original for normalised range [s, e), e > s.
  uint32_t original_start(uint32_t s) const { return start[s]; }
  uint32_t original_end(uint32_t e) const { return end[e - 1]; }
};

enum class Leet : uint8_t {
  keep,  // digits and symbols stay as they are
  fold,  // leet characters inside alphabetic tokens become letters (pr4b0w0 -> prabowo)
};

// Folds `original` (UTF-8, possibly invalid: bad bytes become one space each)
// into `out`: non-ASCII codepoints by Unicode's definitions through ICU
// (NFKC_Casefold: full-width, mathematical, circled letters and digits, zero-width
// and soft-hyphen removal; combining marks dropped; small capitals and squared
// letters by their Latin letter names; UTS #39 skeleton for other scripts'
// look-alikes inside a word with Latin letters; see matchers/README.md),
// lower case, keycap digits (1️⃣ -> 1), gesture emoji
// spelled out (☝️ -> " salam satu jari "), runs of one letter collapsed to one
// (cooobloosss -> coblos), single letters separated by spaces, dots or
// hyphens joined (p r a b o w o -> prabowo), whitespace runs folded to one
// space. With Leet::fold also de-leets inside alphabetic tokens while pure
// numbers (ballot numbers, years) stay. Never allocates when `out` has capacity.
void normalise(std::string_view original, NormalisedText& out, Leet leet = Leet::keep);

// True when normalise(..., Leet::fold) may differ from Leet::keep for this
// text (some token mixes letters with leet characters), so a second scan is worth it.
bool has_leet(std::string_view original);

// For a Leet::keep result: whether normalise(..., Leet::fold) of the same
// original gives another text, so that a second scan is worth it. Exact,
// except that it answers true whenever letters were joined.
bool leet_changes(const NormalisedText& keep);

// For a Leet::keep result of `original`: when leet_changes(keep), writes
// normalise(original, fold, Leet::fold) into `fold` and returns true; else
// returns false and leaves `fold` alone. Derives the result from `keep`
// (a copy and the leet rule on the tokens that need it) rather than folding
// the original again, unless letters were joined.
bool leet_fold(std::string_view original, const NormalisedText& keep, NormalisedText& fold);

// The same folding applied to a pattern-list literal, so that list entries and
// text meet in one form. Returns the normalised literal (no offset map).
std::string normalise_literal(std::string_view literal);

}  // namespace netra::matchers
