#pragma once
// Compiled Hyperscan databases for many named patterns (literals and regexes),
// with an on-disk cache of serialized databases and per-worker scratch.
// Knows nothing of rules or events: patterns in, matches out.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matchers/match.h"

namespace netra::matchers {

struct Pattern {
  std::string expression;  // literal (already normalised by the caller) or regex source
  bool regex = false;      // regexes are matched against the normalised text as written
  bool word = true;        // require a non-alphanumeric byte (or text edge) on both sides
  bool deferred = false;   // plain word phrases only: matched by scan_deferred(), not scan()
};

struct BuildOptions {
  std::string cache_dir;  // empty: no cache
};

struct BuildStats {
  bool cache_hit = false;
  double seconds = 0;
  size_t database_bytes = 0;
};

// An error found while building: which pattern (index) and why. index is -1
// for errors not tied to one pattern.
struct BuildError {
  long index = -1;
  std::string message;
};

class Scratch;

// Immutable once built; share it across threads with shared_ptr<const PatternSet>.
class PatternSet {
 public:
  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  // Compiles (or loads from the cache) the databases for `patterns`. On
  // failure returns nullptr and fills `errors` with every bad pattern.
  static std::shared_ptr<const PatternSet> build(const std::vector<Pattern>& patterns,
                                                 const BuildOptions& options,
                                                 std::vector<BuildError>& errors,
                                                 BuildStats* stats = nullptr);

  // Appends every match in `text` to `out` (after the word-boundary check),
  // ordered by end offset. Returns false only on an internal Hyperscan error.
  // No exceptions, no allocation beyond `out`'s growth.
  // With `keep`, the text's phrase-table tokens are left there for
  // scan_deferred() (keep->valid: not when the answer came from the memo).
  bool scan(std::string_view text, Scratch& scratch, std::vector<Match>& out,
            Tokens* keep = nullptr) const;

  // A byte range of a joined text (see scan_joined()).
  struct Part {
    uint32_t begin = 0, end = 0;
  };
  // Scans several field values joined into one text, each separated from the
  // next by more than kPhraseMaxGap non-word bytes that start no pattern
  // ("||||"), in one pass of the phrase table: the `full` parts as scan()
  // would (Hyperscan runs on each of them alone), the rest for plain word
  // phrases only (name fields: no Hyperscan, no "@handle" literals).
  bool scan_joined(std::string_view text, std::span<const Part> full, Scratch& scratch,
                   std::vector<Match>& out, Tokens* keep = nullptr) const;

  // Appends matches of the deferred phrases only (weak names worth looking for
  // only once something else in the event made them plausible).
  // `tokens`, when valid, are the text's from scan() or scan_joined().
  void scan_deferred(std::string_view text, std::vector<Match>& out,
                     const Tokens* tokens = nullptr) const;
  bool has_deferred() const;

  size_t size() const;
  // A content hash of the pattern set (hex), stable across processes.
  const std::string& fingerprint() const;
  // Total size of the compiled databases (literal + regex).
  size_t database_bytes() const;

  struct Impl;

 private:
  explicit PatternSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Scratch;
};

// Per-worker scanning state. Make one per thread per PatternSet.
class Scratch {
 public:
  explicit Scratch(const PatternSet& set);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  struct Impl;
  Impl* impl() { return impl_.get(); }
  // Size of the Hyperscan scratch space.
  size_t bytes() const;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace netra::matchers
