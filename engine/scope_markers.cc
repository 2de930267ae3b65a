// Scope lists: loading and the marker search (see scope_markers.h).
#include "engine/scope_markers.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "engine/csv.h"
#include "matchers/normalise.h"

namespace netra::engine {
namespace {

namespace fs = std::filesystem;

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Ends a scope: the clause and sub-clause marks (a `.` only before a space or
// the end: "kompas.com", "no.2" end nothing).
bool boundary(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') return true;
  return c == '.' && (i + 1 == text.size() || text[i + 1] == ' ');
}

// The words of a normalised text.
std::vector<std::string> words_of(std::string_view norm) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < norm.size()) {
    while (i < norm.size() && !word_char(norm[i])) ++i;
    const size_t s = i;
    while (i < norm.size() && word_char(norm[i])) ++i;
    if (i > s) out.emplace_back(norm.substr(s, i - s));
  }
  return out;
}

struct Word {
  uint32_t start, end;
};

constexpr size_t kMaxWords = 40;  // words looked at around one act

void load_file(const std::string& path, const Lexicon& lexicon, ScopeMarkers& out,
               std::vector<Diagnostic>& diags) {
  const std::string name = fs::path(path).stem().string();
  auto error = [&](uint32_t line, const std::string& message) {
    diags.push_back({path, static_cast<int>(line), message, false});
  };
  if (lexicon.list_id(name) != kNone) {
    error(0, "a pattern list is also named '" + name + "': a scope list's name is its reason");
    return;
  }
  if (out.lists.size() >= 32) {
    error(0, "too many scope lists (at most 32)");
    return;
  }
  std::string data, read_error;
  if (!read_file(path, data, read_error)) {
    error(0, read_error);
    return;
  }
  const auto list = static_cast<uint16_t>(out.lists.size());
  ScopeList sl;
  sl.name = name;
  sl.file = path;
  size_t markers = 0;
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      const std::string key = line.substr(0, colon), value = line.substr(colon + 1);
      if (key == "window") {
        char* end = nullptr;
        const long w = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end || w < 0 || w > 20)
          error(line_no, "window must be a number of words, 0..20");
        else
          sl.window = static_cast<uint32_t>(w);
      } else if (key == "over") {
        const uint32_t id = lexicon.list_id(value);
        if (id == kNone) {
          error(line_no, "unknown pattern list '" + value + "'");
        } else {
          sl.over.push_back(id);
          if (id < 64) sl.over_bits |= 1ULL << id;
        }
      } else if (key == "unscoped" || key == "stop" || key == "not_after") {
        const std::vector<std::string> words = words_of(matchers::normalise_literal(value));
        if (words.size() != 1)
          error(line_no, key + " takes one word");
        else
          (key == "stop"       ? sl.stops
           : key == "unscoped" ? sl.unscoped
                               : sl.not_after)
              .insert(words[0]);
      } else {
        error(line_no, "unknown directive '" + key + "' (window, over, unscoped, stop, not_after)");
      }
      continue;
    }
    ScopeMarker m;
    m.words = words_of(matchers::normalise_literal(line));
    m.list = list;
    m.line = line_no;
    if (m.words.empty()) {
      error(line_no, "the marker has no word once normalised");
      continue;
    }
    if (m.words.size() > 4) {
      error(line_no, "a marker has at most 4 words");
      continue;
    }
    ++markers;
    out.max_words = std::max(out.max_words, m.words.size());
    out.by_first[m.words[0]].push_back(static_cast<uint32_t>(out.markers.size()));
    out.markers.push_back(std::move(m));
  }
  if (markers && sl.over.empty()) error(0, "no 'over:' list: the markers would scope over nothing");
  out.max_window = std::max(out.max_window, sl.window);
  out.lists.push_back(std::move(sl));
}

}  // namespace

bool ScopeMarkers::find(std::string_view norm, uint32_t pos, uint32_t applicable,
                        ScopeMatch& out) const {
  if (markers.empty() || !applicable || pos > norm.size()) return false;
  // The words before the act, nearest last, up to the first boundary.
  std::array<Word, kMaxWords> words;
  const size_t back_max = std::min<size_t>(max_window + max_words, kMaxWords / 2);
  size_t back = 0;
  size_t i = pos;
  while (back < back_max) {
    while (i > 0 && !word_char(norm[i - 1]) && !boundary(norm, i - 1)) --i;
    if (i == 0 || boundary(norm, i - 1)) break;
    const size_t e = i;
    while (i > 0 && word_char(norm[i - 1])) --i;
    words[back++] = {static_cast<uint32_t>(i), static_cast<uint32_t>(e)};
  }
  if (back == 0) return false;
  std::reverse(words.begin(), words.begin() + back);
  // The act's own first words: a marker may reach into them ("tak mendukung").
  size_t n = back;
  i = pos;
  while (n < back + max_words && n < kMaxWords) {
    while (i < norm.size() && !word_char(norm[i]) && !boundary(norm, i)) ++i;
    if (i >= norm.size() || boundary(norm, i)) break;
    const size_t s = i;
    while (i < norm.size() && word_char(norm[i])) ++i;
    words[n++] = {static_cast<uint32_t>(s), static_cast<uint32_t>(i)};
  }
  auto text = [&](size_t k) { return norm.substr(words[k].start, words[k].end - words[k].start); };
  std::string key;
  for (size_t m = back; m-- > 0;) {
    key.assign(text(m));
    const auto it = by_first.find(key);
    if (it == by_first.end()) continue;
    for (uint32_t index : it->second) {
      const ScopeMarker& marker = markers[index];
      if (!((applicable >> marker.list) & 1)) continue;
      const size_t k = marker.words.size();
      if (m + k > n) continue;
      bool match = true;
      for (size_t w = 1; w < k && match; ++w) match = text(m + w) == marker.words[w];
      if (!match) continue;
      const ScopeList& list = lists[marker.list];
      const size_t after = m + k;  // the first word after the marker
      if (after < back && back - after > list.window) continue;
      bool scoped = true;
      for (size_t w = after; w < back && scoped; ++w) {
        key.assign(text(w));
        if (list.stops.count(key)) scoped = false;
        if (w < after + 2 && list.unscoped.count(key)) scoped = false;
      }
      if (scoped && m > 0) {
        key.assign(text(m - 1));
        scoped = !list.not_after.count(key);
      }
      if (!scoped) continue;
      out = {marker.list, words[m].start, words[m + k - 1].end};
      return true;
    }
  }
  return false;
}

void load_scope_markers(const std::string& dir, const Lexicon& lexicon, ScopeMarkers& out,
                        std::vector<Diagnostic>& diags) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".scope")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) load_file(f, lexicon, out, diags);
}

}  // namespace netra::engine
