#pragma once
// A small RFC 4180 CSV reader that keeps line numbers for diagnostics.
#include <string>
#include <string_view>
#include <vector>

namespace netra::engine {

class CsvReader {
 public:
  // `data` must outlive the reader.
  explicit CsvReader(std::string_view data) : data_(data) {}

  // Reads the next record into `fields`; false at end of input. `line` is the
  // 1-based line the record starts on. A quote error sets `error`.
  bool next(std::vector<std::string>& fields, int& line, std::string& error);

 private:
  std::string_view data_;
  size_t pos_ = 0;
  int line_ = 1;
};

// Reads a whole file; false (and `error`) when it cannot be read.
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace netra::engine
