#include "engine/diagnostic.h"

namespace netra::engine {

std::string Diagnostic::str() const {
  std::string s = file.empty() ? "--set" : file;
  if (line > 0) s.append(":").append(std::to_string(line));
  s += warning ? ": warning: " : ": error: ";
  s += message;
  return s;
}

}  // namespace netra::engine
