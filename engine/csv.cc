#include "engine/csv.h"

#include <sys/stat.h>

#include <cstdio>

namespace netra::engine {

bool CsvReader::next(std::vector<std::string>& fields, int& line, std::string& error) {
  fields.clear();
  error.clear();
  // Skip a UTF-8 BOM at the start.
  if (pos_ == 0 && data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  if (pos_ >= data_.size()) return false;
  line = line_;
  std::string field;
  bool quoted = false, in_quotes = false;
  while (pos_ < data_.size()) {
    char c = data_[pos_];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        in_quotes = false;
        ++pos_;
        continue;
      }
      if (c == '\n') ++line_;
      field += c;
      ++pos_;
      continue;
    }
    if (c == '"' && field.empty() && !quoted) {
      quoted = in_quotes = true;
      ++pos_;
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') {
      ++pos_;
      continue;
    }
    if (c == '\n') {
      ++pos_;
      ++line_;
      break;
    }
    if (quoted) {
      error = "unexpected character after a closing quote";
      quoted = false;
    }
    field += c;
    ++pos_;
  }
  if (in_quotes) error = "unterminated quoted field";
  fields.push_back(std::move(field));
  return true;
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  // One read into a buffer of the file's size: the KPU lists are 18 MB, and a
  // stringstream copied them twice through a growing buffer at every start-up.
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = "cannot open file";
    return false;
  }
  out.clear();
  struct stat st {};
  if (::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    out.resize(static_cast<size_t>(st.st_size));
    out.resize(std::fread(out.data(), 1, out.size(), f));
  }
  // Not a regular file (a pipe) or it grew since: read the rest in chunks.
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  if (!ok) error = "cannot read file";
  return ok;
}

}  // namespace netra::engine
