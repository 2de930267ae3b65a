#pragma once
// Test and benchmark helper: reads the candidate names from the KPU DCT 2024
// CSV files in the shared data directory (read at run time, never copied).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "matchers/normalise.h"

namespace netra::matchers::testing {

// RFC 4180: quoted fields may hold commas, doubled quotes and newlines.
inline std::vector<std::vector<std::string>> parse_csv(std::string_view data) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Roughly strips academic degrees (after the first comma), nicknames in
// parentheses and leading honorifics: "H. IRMAWAN, S.Sos., M.M." -> "IRMAWAN".
inline std::string strip_titles(std::string_view name) {
  name = name.substr(0, name.find(','));
  std::string no_parens;
  int depth = 0;
  for (char c : name) {
    if (c == '(') ++depth;
    if (depth == 0) no_parens += c;
    if (c == ')' && depth > 0) --depth;
  }
  static const std::unordered_set<std::string> kTitles = {
      "h",   "hj",   "dr", "drs", "dra", "ir",  "prof", "kh",    "tgk",  "teungku",
      "ust", "ustz", "hc", "ns",  "apt", "drg", "tgh",  "habib", "kyai", "st"};
  std::istringstream in(no_parens);
  std::vector<std::string> words;
  std::string w;
  while (in >> w) words.push_back(w);
  size_t first = 0;
  while (first < words.size()) {
    std::string key;
    for (char c : words[first])
      if (std::isalpha(static_cast<unsigned char>(c)))
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!kTitles.count(key)) break;
    ++first;
  }
  std::string out;
  for (size_t i = first; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

inline std::string kpu_dir() { return std::string(NETRA_SHARED_DIR) + "/data/kpu-dct-2024"; }

// Every name of every *.csv file: titles stripped, normalise_literal'd,
// at least 3 bytes, deduplicated, sorted. Empty when the data is absent.
inline std::vector<std::string> load_kpu_names(const std::string& dir = kpu_dir()) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return names;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::unordered_set<std::string> seen;
  for (const auto& path : files) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    auto rows = parse_csv(ss.str());
    if (rows.empty()) continue;
    auto col = std::find(rows[0].begin(), rows[0].end(), "name");
    if (col == rows[0].end()) continue;
    size_t k = static_cast<size_t>(col - rows[0].begin());
    for (size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].size() <= k) continue;
      std::string lit = normalise_literal(strip_titles(rows[r][k]));
      while (!lit.empty() && lit.back() == ' ') lit.pop_back();
      while (!lit.empty() && lit.front() == ' ') lit.erase(lit.begin());
      if (lit.size() >= 3 && seen.insert(lit).second) names.push_back(std::move(lit));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace netra::matchers::testing
