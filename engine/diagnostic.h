#pragma once
// A loading problem, reported by every loader (rules, lists, registries, calendar).
#include <string>

namespace netra::engine {

// One problem found while loading, printed as `file:line: message`.
struct Diagnostic {
  std::string file;
  int line = 0;  // 0: the whole file
  std::string message;
  bool warning = false;
  std::string str() const;  // "file:line: error: message"
};

}  // namespace netra::engine
