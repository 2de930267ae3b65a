#include "engine/lexicon.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

#include "engine/csv.h"
#include "matchers/normalise.h"

namespace netra::engine {
namespace fs = std::filesystem;

namespace {

const std::unordered_set<std::string> kTitles = {
    "h", "hj", "dr", "drs", "dra", "ir", "kh", "tgk", "prof", "ny", "rr", "st", "se", "sh", "mm",
    "mh", "spd", "sag", "sos", "amd", "skom", "skm", "mpd", "msi", "sip", "ba", "bsc", "mba", "hc",
    "phd", "sp", "ssi", "ssos", "sth", "mt", "sked", "ners", "apt", "drg", "habib", "kyai", "ust",
    "ustadz", "tuan", "hajjah", "haji",
    // military and police ranks as the KPU Pilkada 2024 pairs carry them
    // ("Komjen Pol. (Purn). DHARMA PONGREKUN"), and titles of nobility
    "jenderal", "letjen", "mayjen", "brigjen", "irjen", "komjen", "kombes", "kolonel", "letkol",
    "tni", "pol", "purn", "tgh", "gra", "gkr", "pangeran", "capt", "jend", "kol", "ustad",
    "laksamana", "laksda", "laksma", "laksdya", "marsekal", "marsda", "marsma", "marsdya", "mayor",
    "kapten", "akbp", "kompol", "kowad", "dipl", "ing", "phil", "ustazah", "ustadzah", "assoc",
    "kom", "kep"};

// Name parts KPU abbreviates with a dot ("ABD. RAHMAN", "MOH. RAMDHAN"): dropped
// like initials, since people write the name without them.
const std::unordered_set<std::string> kAbbreviations = {"abd",   "moh",  "muh",  "mhd",  "moch",
                                                        "mochd", "muhd", "mohd", "much", "mokh",
                                                        "mukh",  "ach",  "achm", "ahm"};

// First tokens that are titles, honorifics or very common name prefixes
// (Muhammad, Andi, Balinese birth-order names): never a pair's call name.
const std::unordered_set<std::string> kNamePrefixes = {
    "muhammad", "muhamad", "mohammad", "mohamad", "mochamad", "mochammad", "muhamat", "moh",
    "muh",      "mhd",     "ahmad",    "achmad",  "akhmad",   "abdul",     "abd",     "andi",
    "la",       "wa",      "i",        "ni",      "ida",      "bagus",     "ayu",     "anak",
    "agung",    "gusti",   "ngurah",   "wayan",   "made",     "nyoman",    "ketut",   "putu",
    "gede",     "komang",  "kadek",    "nengah",  "teuku",    "tengku",    "cut",     "raden",
    "lalu",     "baiq",    "siti",     "sri",     "nur",      "syech",     "syekh",   "gus",
    "raja",     "ratu",    "daeng",    "sultan",  "al",       "ode",       "laode"};

// Notes in parentheses that are not nicknames: retired ranks and degree parts.
const std::unordered_set<std::string> kDegreeNotes = {"purn", "p",  "c",   "k", "hons",
                                                      "acc",  "pd", "han", "hc"};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// An open-addressing index from a 64-bit hash to an id; the caller confirms
// equality, so collisions cost a comparison, never a wrong answer. Much
// lighter than unordered_map<string> for 250k keys at start-up.
class FlatIndex {
 public:
  template <typename Eq>
  uint32_t find_or_insert(uint64_t h, uint32_t new_id, Eq equal, bool& inserted) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    h |= 1;  // 0 marks an empty slot
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      auto& [key, id] = slots_[i];
      if (key == 0) {
        key = h;
        id = new_id;
        ++count_;
        inserted = true;
        return new_id;
      }
      if (key == h && equal(id)) {
        inserted = false;
        return id;
      }
    }
  }

 private:
  void grow() {
    std::vector<std::pair<uint64_t, uint32_t>> old(std::max<size_t>(64, slots_.size() * 2));
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const auto& [key, id] : old) {
      if (!key) continue;
      size_t i = key & mask;
      while (slots_[i].first) i = (i + 1) & mask;
      slots_[i] = {key, id};
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> slots_;
  size_t count_ = 0;
};

struct Builder {
  explicit Builder(Lexicon& l) : lx(l) {}
  Lexicon& lx;
  FlatIndex index;
  std::vector<std::pair<uint32_t, PatternRef>> pairs;
  std::string last_file;
  uint16_t last_source = 0;

  uint16_t source_id(const std::string& file) {
    if (!lx.source_files.empty() && file == last_file) return last_source;
    for (size_t i = 0; i < lx.source_files.size(); ++i)
      if (lx.source_files[i] == file)
        return last_file = file, last_source = static_cast<uint16_t>(i);
    lx.source_files.push_back(file);
    last_file = file;
    return last_source = static_cast<uint16_t>(lx.source_files.size() - 1);
  }

  // Adds a pattern (literal already normalised) with one reference.
  void add(const std::string& expr, bool regex, bool word, const std::string& file, PatternRef ref,
           bool deferred = false) {
    uint64_t h = XXH3_64bits_withSeed(expr.data(), expr.size(), (regex ? 2 : 0) | (word ? 1 : 0));
    bool inserted = false;
    uint32_t id = index.find_or_insert(
        h, static_cast<uint32_t>(lx.patterns.size()),
        [&](uint32_t i) {
          const auto& p = lx.patterns[i];
          return p.regex == regex && p.word == word && p.expression == expr;
        },
        inserted);
    if (inserted) {
      lx.patterns.push_back({expr, regex, word, deferred});
      lx.pattern_source.push_back(source_id(file));
    } else if (!deferred) {
      lx.patterns[id].deferred = false;  // needed on every scan by someone
    }
    pairs.emplace_back(id, ref);
  }

  void finish() {
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    lx.ref_begin.assign(lx.patterns.size() + 1, 0);
    lx.ref_data.clear();
    lx.ref_data.reserve(pairs.size());
    size_t k = 0;
    for (uint32_t p = 0; p < lx.patterns.size(); ++p) {
      lx.ref_begin[p] = static_cast<uint32_t>(lx.ref_data.size());
      while (k < pairs.size() && pairs[k].first == p) lx.ref_data.push_back(pairs[k++].second);
    }
    lx.ref_begin[lx.patterns.size()] = static_cast<uint32_t>(lx.ref_data.size());
  }
};

struct EntityIndex {
  Lexicon& lx;
  FlatIndex ids;
  uint32_t get(Entity e) {
    XXH3_state_t* st = state();
    XXH3_64bits_reset(st);
    for (const std::string* f : {&e.kind, &e.name, &e.race, &e.ballot_no, &e.detail}) {
      XXH3_64bits_update(st, f->data(), f->size());
      XXH3_64bits_update(st, "\x1f", 1);
    }
    bool inserted = false;
    uint32_t id = ids.find_or_insert(
        XXH3_64bits_digest(st), static_cast<uint32_t>(lx.entities.size()),
        [&](uint32_t i) {
          const Entity& o = lx.entities[i];
          return o.kind == e.kind && o.name == e.name && o.race == e.race &&
                 o.ballot_no == e.ballot_no && o.detail == e.detail;
        },
        inserted);
    if (inserted) lx.entities.push_back(std::move(e));
    return id;
  }
  static XXH3_state_t* state() {
    static thread_local std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> st(
        XXH3_createState(), XXH3_freeState);
    return st.get();
  }
};

// Expands `{a|b|c}` groups in a literal list entry into every combination
// ("{lantai|lt} {1|2}" -> "lantai 1", "lantai 2", "lt 1", "lt 2"), so that a
// family of literals stays one line and out of the regex engine.
bool expand_braces(const std::string& line, std::vector<std::string>& out, std::string& error) {
  out.assign(1, "");
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '}') return error = "unbalanced '}'", false;
    if (line[i] != '{') {
      for (auto& o : out) o += line[i];
      ++i;
      continue;
    }
    size_t close = line.find('}', i);
    if (close == std::string::npos) return error = "unbalanced '{'", false;
    std::vector<std::string> alts;
    size_t a = i + 1;
    while (true) {
      size_t bar = line.find('|', a);
      if (bar == std::string::npos || bar > close) bar = close;
      alts.push_back(line.substr(a, bar - a));
      if (bar == close) break;
      a = bar + 1;
    }
    if (line.substr(i + 1, close - i - 1).find('{') != std::string::npos)
      return error = "nested '{' is not supported", false;
    if (out.size() * alts.size() > 20000)
      return error = "the entry expands to more than 20000 literals", false;
    std::vector<std::string> next;
    next.reserve(out.size() * alts.size());
    for (const auto& o : out)
      for (const auto& alt : alts) next.push_back(o + alt);
    out.swap(next);
    i = close + 1;
  }
  return true;
}

// normalise_literal() without the spaces that folding can leave at either end.
std::string literal(std::string_view text) {
  std::string lit = matchers::normalise_literal(text);
  size_t b = lit.find_first_not_of(' '), e = lit.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : lit.substr(b, e - b + 1);
}

bool is_weak_name(const std::string& normalised, const Lexicon& lx) {
  // A pair form "melki-johni" is two words; an apostrophe ("sa'adah") still joins one.
  std::string words = normalised;
  std::replace(words.begin(), words.end(), '-', ' ');
  auto tokens = split_spaces(words);
  if (tokens.size() <= 1 || normalised.size() < 6) return true;
  for (const auto& t : tokens)
    if (!lx.common_words.count(t)) return false;
  return true;
}

void load_common_words(const std::string& path, Lexicon& lx) {
  std::string data, error;
  if (!read_file(path, data, error)) return;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    std::string w = literal(line);
    if (!w.empty()) lx.common_words.insert(w);
  }
}

void load_pattern_list(const std::string& path, Builder& b, std::vector<Diagnostic>& diags) {
  Lexicon& lx = b.lx;
  std::string name = fs::path(path).stem().string();
  if (lx.list_ids.count(name)) {
    diags.push_back({path, 0, "a list named '" + name + "' is already defined", false});
    return;
  }
  uint32_t id = static_cast<uint32_t>(lx.lists.size());
  lx.lists.push_back({name, path});
  lx.list_ids[name] = id;
  std::string data, error;
  if (!read_file(path, data, error)) {
    diags.push_back({path, 0, error, false});
    return;
  }
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    PatternRef ref{id, kNone, line_no, false};
    if (line.rfind("re:", 0) == 0) {
      std::string re = line.substr(3);
      if (re.empty()) {
        diags.push_back({path, static_cast<int>(line_no), "empty regex", false});
        continue;
      }
      b.add(re, true, true, path, ref);
    } else {
      bool word = true;
      if (line.rfind("sub:", 0) == 0) line = line.substr(4), word = false;
      std::vector<std::string> variants;
      std::string error;
      if (!expand_braces(line, variants, error)) {
        diags.push_back({path, static_cast<int>(line_no), error, false});
        continue;
      }
      for (const auto& v : variants) {
        std::string lit = literal(v);
        if (lit.empty()) {
          diags.push_back({path, static_cast<int>(line_no),
                           "entry '" + v + "' is empty after normalisation", false});
          continue;
        }
        b.add(lit, false, word, path, ref);
      }
    }
  }
}

// The named list `name` (created on first use; `file` is where it came from).
uint32_t named_list(Lexicon& lx, const std::string& name, const std::string& file) {
  uint32_t list = lx.list_id(name);
  if (list != kNone) return list;
  list = static_cast<uint32_t>(lx.lists.size());
  lx.lists.push_back({name, file});
  lx.list_ids[name] = list;
  return list;
}

const std::vector<std::string> kEntityHeader = {"pattern",   "entity",      "kind",    "race",
                                                "ballot_no", "region_code", "strength"};
const std::vector<std::string> kPairsHeader = {"level",     "province", "region", "region_code",
                                               "ballot_no", "head",     "deputy", "parties"};
const std::vector<std::string> kAliasHeader = {"region_code", "ballot_no", "alias", "strength",
                                               "source"};

// One opened CSV: its reader, positioned after the header row.
struct CsvSource {
  const std::string& path;
  CsvReader& reader;
  const std::vector<std::string>& header;
};

void load_entity_list(const CsvSource& src, Builder& b, EntityIndex& ents,
                      std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  // Each entity list is also a named list, so rules can ask for it by name.
  std::string name = fs::path(path).stem().string();
  if (b.lx.list_ids.count(name)) {
    diags.push_back({path, 0, "a list named '" + name + "' is already defined", false});
    return;
  }
  const uint32_t list = named_list(b.lx, name, path);
  std::vector<std::string> f;
  std::string error;
  int line = 0;
  while (src.reader.next(f, line, error)) {
    if (f.size() == 1 && f[0].empty()) continue;
    if (!error.empty() || f.size() != kEntityHeader.size()) {
      diags.push_back({path, line, error.empty() ? "expected 7 fields" : error, false});
      continue;
    }
    if (!f[0].empty() && f[0][0] == '#') continue;
    if (!is_political_kind(f[2])) {
      diags.push_back({path, line, "unknown kind '" + f[2] + "'", false});
      continue;
    }
    if (f[6] != "strong" && f[6] != "weak" && f[6] != "auto") {
      diags.push_back({path, line, "strength must be strong, weak or auto", false});
      continue;
    }
    std::string lit = literal(f[0]);
    if (lit.empty()) {
      diags.push_back({path, line, "pattern is empty after normalisation", false});
      continue;
    }
    uint32_t e = ents.get(Entity{f[1], "", f[2], f[3], f[4], f[5]});
    bool weak = f[6] == "weak" || (f[6] == "auto" && is_weak_name(lit, b.lx));
    b.add(lit, false, true, path, PatternRef{list, e, static_cast<uint32_t>(line), weak});
  }
}

int column(const std::vector<std::string>& header, const char* name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

// A KPU DCT list (DPR, DPD, DPRD provinsi, DPRD kab/kota): the columns name
// and candidate_id, whatever else it has.
void load_dct(const CsvSource& src, Builder& b, EntityIndex& ents, std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  const std::vector<std::string>& header = src.header;
  const uint32_t list = named_list(b.lx, "candidates", path);
  const int c_name = column(header, "name"), c_id = column(header, "candidate_id"),
            c_party = column(header, "party"), c_ballot = column(header, "ballot_no"),
            c_dapil = column(header, "dapil"), c_prov = column(header, "province");
  const size_t width = header.size();
  std::vector<std::string> f;
  std::string error;
  int line = 0;
  while (src.reader.next(f, line, error)) {
    if (f.size() == 1 && f[0].empty()) continue;
    if (!error.empty() || f.size() != width) {
      diags.push_back({path, line, error.empty() ? "wrong number of fields" : error, false});
      continue;
    }
    std::string name = clean_candidate_name(f[c_name]);
    if (name.empty()) continue;
    std::string lit = literal(name);
    if (lit.size() < 3) continue;
    const std::string& id = f[c_id];
    std::string chamber, region;
    if (id.rfind("DPD-", 0) == 0) {
      chamber = "DPD";
      region = id.substr(4, 2);
    } else {
      size_t dash = id.find('-');
      std::string code = id.substr(0, dash);
      if (code.size() == 4)
        chamber = "DPR", region = code.substr(0, 2);
      else if (code.size() == 6 && code.substr(2, 2) == "00")
        chamber = "DPRD Provinsi", region = code.substr(0, 2);
      else
        chamber = "DPRD Kabupaten/Kota", region = code.substr(0, 4);
    }
    std::string detail;
    if (c_party >= 0) detail += f[c_party] + ", ";
    detail += chamber;
    if (c_dapil >= 0) detail += ", dapil " + f[c_dapil];
    if (c_prov >= 0) detail += ", " + f[c_prov];
    std::string ballot = c_ballot >= 0 ? f[c_ballot] : "";
    uint32_t e = ents.get(Entity{name, detail, "candidate", "pileg", ballot, region});
    // A one-word or common-word name is only looked for once the event names a
    // party or a ballot number (scan_deferred): it is everyday language otherwise.
    const bool weak = is_weak_name(lit, b.lx);
    b.add(lit, false, true, path, PatternRef{list, e, static_cast<uint32_t>(line), weak}, weak);
  }
}

// Pilkada pairs and their aliases, while loading: aliases name a pair by
// region_code + ballot_no, and are resolved once every file is read.
struct PilkadaState {
  // pilkada_pair_key() -> entity id of the pair, from the pairs file(s)
  std::unordered_map<uint32_t, uint32_t> pairs;
  struct Alias {
    std::string file;
    int line;
    uint32_t list;
    uint32_t key;
    std::string code, ballot, literal;
    bool weak;
  };
  std::vector<Alias> aliases;
};

// region_code (2 or 4 digits) + SIREKAP ballot number (1..255) as one key; 0 if malformed.
uint32_t pilkada_pair_key(std::string_view code, std::string_view ballot) {
  const uint16_t r = region_key(code);
  if (r == 0 || r == kRegionOther || ballot.empty() || ballot.size() > 3) return 0;
  unsigned n = 0;
  for (char c : ballot) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  if (n == 0 || n > 255) return 0;
  return static_cast<uint32_t>(r) << 8 | n;
}

// The tokens of a cleaned name, lower case.
std::vector<std::string> name_tokens(const std::string& cleaned) {
  return split_spaces(lower_ascii(cleaned));
}

// The name a person is called by: the first token that is not a prefix
// (Muhammad, Andi, I Wayan ...); empty when there is none.
std::string call_name(const std::vector<std::string>& tokens) {
  for (const auto& t : tokens)
    if (!kNamePrefixes.count(t)) return t;
  return {};
}

// KPU SIREKAP Pilkada 2024 pairs: level,province,region,region_code,ballot_no,
// head,deputy,parties. One entity per pair; its patterns are both names, the
// nicknames KPU writes in parentheses (weak) and the "A-B" pair forms.
void load_pilkada_pairs(const CsvSource& src, Builder& b, EntityIndex& ents, PilkadaState& pk,
                        std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  const uint32_t list = named_list(b.lx, "candidates", path);
  struct Row {
    int line;
    std::vector<std::string> f;
  };
  std::vector<Row> rows;
  std::unordered_map<std::string, int> per_region;  // pairs per race (single-pair races)
  std::unordered_map<uint32_t, int> seen;           // key -> line, in this file
  std::vector<std::string> f;
  std::string error;
  int line = 0;
  while (src.reader.next(f, line, error)) {
    if (f.size() == 1 && f[0].empty()) continue;
    if (!error.empty() || f.size() != kPairsHeader.size()) {
      diags.push_back({path, line, error.empty() ? "expected 8 fields" : error, false});
      continue;
    }
    const std::string &level = f[0], &code = f[3], &ballot = f[4];
    const uint32_t key = pilkada_pair_key(code, ballot);
    if (level != "gubernur" && level != "bupati" && level != "walikota") {
      diags.push_back({path, line, "level must be gubernur, bupati or walikota", false});
      continue;
    }
    if (!key) {
      diags.push_back(
          {path, line, "region_code must be 2 or 4 digits and ballot_no a number 1..255", false});
      continue;
    }
    if ((level == "gubernur") != (code.size() == 2)) {
      diags.push_back({path, line, "a gubernur race has a 2-digit region_code, others 4", false});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(key, line); !fresh) {
      diags.push_back({path, line,
                       "duplicate pair " + code + "/" + ballot + " (first on line " +
                           std::to_string(it->second) + ")",
                       false});
      continue;
    }
    if (clean_candidate_name(f[5]).empty() || clean_candidate_name(f[6]).empty()) {
      diags.push_back({path, line, "head or deputy is empty without titles", false});
      continue;
    }
    ++per_region[code];
    rows.push_back({line, f});
  }
  for (const Row& row : rows) {
    const auto& r = row.f;
    // "HENDRAR PRIHADI ALIAS HENDI": the name, and a nickname after "alias".
    std::string head = clean_candidate_name(r[5]), deputy = clean_candidate_name(r[6]);
    std::string nicks[2];
    for (auto [name, nick] : {std::pair{&head, &nicks[0]}, std::pair{&deputy, &nicks[1]}})
      if (size_t at = name->find(" Alias "); at != std::string::npos && at > 0) {
        *nick = name->substr(at + 7);
        name->resize(at);
      }
    const bool single = per_region[r[3]] == 1;
    std::string detail = "Pilkada 2024, ";
    detail += r[0] == "gubernur" ? "Gubernur " : r[0] == "bupati" ? "Bupati " : "Wali Kota ";
    detail += r[2];
    detail += single ? ", calon tunggal" : ", nomor urut " + r[4];
    // A single-pair race has no drawn number (SIREKAP's is the column against
    // the blank box): the entity carries none, so no ballot number names it.
    const uint32_t e = ents.get(
        Entity{head + " - " + deputy, detail, "candidate", "pilkada", single ? "" : r[4], r[3]});
    pk.pairs[pilkada_pair_key(r[3], r[4])] = e;
    const PatternRef ref{list, e, static_cast<uint32_t>(row.line), false};
    auto add = [&](const std::string& text, bool weak) {
      std::string lit = literal(text);
      if (lit.size() < 3) return;
      PatternRef rf = ref;
      rf.weak = weak;
      // Weak ones are looked for only once the event names a party or a ballot
      // number (scan_deferred), as for the DCT names.
      b.add(lit, false, true, path, rf, weak);
    };
    for (const std::string* n : {&head, &deputy}) add(*n, is_weak_name(literal(*n), b.lx));
    for (const std::string& nick : nicks)
      if (!nick.empty()) add(nick, true);
    // Nicknames KPU keeps in parentheses ("H. RANO KARNO, S.IP. (SI DOEL)").
    for (int c : {5, 6}) {
      const std::string& raw = r[c];
      for (size_t open = raw.find('('); open != std::string::npos; open = raw.find('(', open + 1)) {
        const size_t close = raw.find(')', open);
        if (close == std::string::npos) break;
        std::string inside = lower_ascii(raw.substr(open + 1, close - open - 1));
        std::erase(inside, '.');
        if (kDegreeNotes.count(inside)) continue;  // "(Purn)", "Sp.OG (K)", "B.Sc. (Hons)"
        add(clean_candidate_name(raw.substr(open + 1, close - open - 1)), true);
      }
    }
    // "A-B": the call names ("Pramono-Rano") and the surnames ("Nasution-Surya").
    // The phrase table lets up to 3 non-word bytes stand between the two
    // tokens, so "Pramono - Rano" and "Pramono Rano" match too. A form made
    // with a common word or a short token is weak.
    const auto ht = name_tokens(head), dt = name_tokens(deputy);
    const std::string forms[2][2] = {{call_name(ht), call_name(dt)}, {ht.back(), dt.back()}};
    std::string done;
    for (const auto& [x, y] : forms) {
      if (x.empty() || y.empty() || x == y) continue;
      const std::string form = x + " " + y;
      if (form == done || form == lower_ascii(head) || form == lower_ascii(deputy)) continue;
      done = form;
      auto plain = [&](const std::string& t) {
        return t.size() >= 4 && !b.lx.common_words.count(literal(t)) && !kNamePrefixes.count(t);
      };
      add(form, !(plain(x) && plain(y)));
    }
  }
}

// Pilkada aliases (config/lists/pilkada_2024_aliases.csv): region_code,
// ballot_no,alias,strength,source. Kept until every pairs file is read.
void load_pilkada_aliases(const CsvSource& src, Builder& b, PilkadaState& pk,
                          std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  std::string name = fs::path(path).stem().string();
  if (b.lx.list_ids.count(name)) {
    diags.push_back({path, 0, "a list named '" + name + "' is already defined", false});
    return;
  }
  const uint32_t list = named_list(b.lx, name, path);
  std::vector<std::string> f;
  std::string error;
  int line = 0;
  while (src.reader.next(f, line, error)) {
    if (f.size() == 1 && f[0].empty()) continue;
    if (error.empty() && !f[0].empty() && f[0][0] == '#') continue;  // a comment row
    if (!error.empty() || f.size() != kAliasHeader.size()) {
      diags.push_back({path, line, error.empty() ? "expected 5 fields" : error, false});
      continue;
    }
    const uint32_t key = pilkada_pair_key(f[0], f[1]);
    if (!key) {
      diags.push_back(
          {path, line, "region_code must be 2 or 4 digits and ballot_no a number 1..255", false});
      continue;
    }
    if (f[3] != "strong" && f[3] != "weak" && f[3] != "auto") {
      diags.push_back({path, line, "strength must be strong, weak or auto", false});
      continue;
    }
    if (f[4].find_first_not_of(" \t") == std::string::npos) {
      diags.push_back({path, line, "source is empty: say where the alias is used", false});
      continue;
    }
    std::string lit = literal(f[2]);
    if (lit.size() < 3) {
      diags.push_back(
          {path, line, "alias is shorter than 3 characters after normalisation", false});
      continue;
    }
    const bool weak = f[3] == "weak" || (f[3] == "auto" && is_weak_name(lit, b.lx));
    pk.aliases.push_back({path, line, list, key, f[0], f[1], std::move(lit), weak});
  }
}

// Every alias becomes a pattern of its pair. Without a pairs file there is
// no pair to name, so the aliases wait unused; with one, an alias of a pair
// it does not hold is an error.
void resolve_pilkada_aliases(PilkadaState& pk, Builder& b, std::vector<Diagnostic>& diags) {
  if (pk.pairs.empty()) return;
  for (const auto& a : pk.aliases) {
    auto it = pk.pairs.find(a.key);
    if (it == pk.pairs.end()) {
      diags.push_back({a.file, a.line,
                       "no Pilkada pair with region_code " + a.code + " and ballot_no " + a.ballot +
                           " in the pairs file",
                       false});
      continue;
    }
    b.add(a.literal, false, true, a.file,
          PatternRef{a.list, it->second, static_cast<uint32_t>(a.line), a.weak});
  }
}

// Reads a CSV and loads it by its header row: an entity list or Pilkada
// aliases (in the lists directory or among the candidate files), a KPU DCT
// list or the KPU Pilkada pairs (candidate files).
void load_csv(const std::string& path, bool candidate_file, Builder& b, EntityIndex& ents,
              PilkadaState& pk, std::vector<Diagnostic>& diags) {
  std::string data, error;
  if (!read_file(path, data, error)) {
    diags.push_back({path, 0, error, false});
    return;
  }
  CsvReader reader(data);
  std::vector<std::string> header;
  int line = 0;
  reader.next(header, line, error);
  if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);
  const CsvSource src{path, reader, header};
  if (header == kEntityHeader) return load_entity_list(src, b, ents, diags);
  if (header == kAliasHeader) return load_pilkada_aliases(src, b, pk, diags);
  if (candidate_file && header == kPairsHeader) return load_pilkada_pairs(src, b, ents, pk, diags);
  if (candidate_file && column(header, "name") >= 0 && column(header, "candidate_id") >= 0)
    return load_dct(src, b, ents, diags);
  diags.push_back(
      {path, 1,
       candidate_file
           ? "unknown candidate file header: expected a KPU DCT list (columns name and "
             "candidate_id), the KPU Pilkada pairs (" +
                 std::string("level,province,region,region_code,ballot_no,head,deputy,parties") +
                 "), Pilkada aliases (region_code,ballot_no,alias,strength,source) or an entity "
                 "list (pattern,entity,kind,race,ballot_no,region_code,strength)"
           : "header must be: pattern,entity,kind,race,ballot_no,region_code,strength (an entity "
             "list) or region_code,ballot_no,alias,strength,source (Pilkada aliases)",
       false});
}

}  // namespace

std::string clean_candidate_name(std::string_view raw) {
  // KPU writes a few names with U+00A0 (no-break space) and U+2019 (’).
  std::string in(raw);
  for (size_t i; (i = in.find("\xC2\xA0")) != std::string::npos;) in.replace(i, 2, " ");
  for (size_t i; (i = in.find("\xE2\x80\x99")) != std::string::npos;) in.replace(i, 3, "'");
  std::string s(in.substr(0, in.find(',')));
  // Drop nicknames and notes in parentheses.
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = std::max(0, depth - 1);
    else if (depth == 0)
      out += c;
  }
  std::string result;
  // A token with dots is titles and initials (H. Hj. Dr. M. R.A.) or an
  // abbreviated name (Abd. Moh.), unless a piece of it is a name KPU wrote
  // with a stray dot: "H.RUSLAN", "AFNI.Z", "MAWARDI. R", "PRABOWO.".
  std::vector<std::string> names;
  for (const auto& tok : split_spaces(out)) {
    size_t i = 0;
    while (i <= tok.size()) {
      size_t dot = std::min(tok.find('.', i), tok.size());
      std::string piece = tok.substr(i, dot - i);
      const bool abbreviated = dot < tok.size();  // a dot right after it
      std::string low = lower_ascii(piece);
      while (!low.empty() && low.front() == '-') low.erase(0, 1);  // "Dipl.-Ing."
      while (!low.empty() && low.back() == '-') low.pop_back();
      if (low.size() > 1 && !kTitles.count(low) &&
          (tok.find('.') == std::string::npos ||
           (!kAbbreviations.count(low) && (low.size() >= 4 || (!abbreviated && low.size() >= 3)))))
        names.push_back(std::move(low));
      i = dot + 1;
    }
  }
  for (const auto& low : names) {
    if (!result.empty()) result += ' ';
    bool first = true;
    for (char c : low) {
      result += first ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      first = (c == '-' || c == '\'');
    }
  }
  return result;
}

bool load_lexicon(const Settings& settings, const Registries& registries, Lexicon& lx,
                  std::vector<Diagnostic>& diags) {
  const size_t before = diags.size();
  Builder b{lx};
  EntityIndex ents{lx, {}};
  std::vector<std::string> txt, csv;
  std::error_code ec;
  if (settings.lists_dir.empty() || !fs::is_directory(settings.lists_dir, ec)) {
    diags.push_back({settings.lists_dir, 0, "lists directory not found", false});
    return false;
  }
  for (const auto& entry : fs::directory_iterator(settings.lists_dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string p = entry.path().string();
    std::string ext = entry.path().extension().string();
    if (ext == ".txt")
      txt.push_back(p);
    else if (ext == ".csv")
      csv.push_back(p);
    else if (entry.path().filename() == "common_words.lst")
      load_common_words(p, lx);
  }
  std::sort(txt.begin(), txt.end());
  std::sort(csv.begin(), csv.end());
  for (const auto& p : txt) load_pattern_list(p, b, diags);
  PilkadaState pilkada;
  for (const auto& p : csv) load_csv(p, false, b, ents, pilkada, diags);
  for (const auto& p : settings.candidate_files) load_csv(p, true, b, ents, pilkada, diags);
  resolve_pilkada_aliases(pilkada, b, diags);

  // Entities named in the political-accounts registry join the lists.
  if (!registries.political.empty()) {
    uint32_t list = static_cast<uint32_t>(lx.lists.size());
    lx.lists.push_back({"registry_entities", registries.political_file});
    lx.list_ids["registry_entities"] = list;
    std::vector<const PoliticalRecord*> recs;
    for (const auto& [k, r] : registries.political) recs.push_back(&r);
    std::sort(recs.begin(), recs.end(), [](auto* a, auto* c) { return a->line < c->line; });
    for (const PoliticalRecord* r : recs) {
      uint32_t e = ents.get(Entity{r->entity, "", r->kind, r->race, r->ballot_no, r->region_code});
      std::string lit = literal(r->entity);
      if (lit.size() >= 3)
        b.add(lit, false, true, registries.political_file,
              PatternRef{list, e, static_cast<uint32_t>(r->line), is_weak_name(lit, lx)});
      if (!r->handle.empty()) {
        std::string h = literal(r->handle[0] == '@' ? r->handle : "@" + r->handle);
        if (h.size() >= 3)
          b.add(h, false, true, registries.political_file,
                PatternRef{list, e, static_cast<uint32_t>(r->line), false});
      }
    }
  }
  b.finish();
  for (PatternRef& r : lx.ref_data) {
    if (r.entity == kNone) continue;
    r.kind_bit = political_kind_bit(lx.entities[r.entity].kind);
    r.region = region_key(lx.entities[r.entity].region);
  }
  return diags.size() == before;
}

}  // namespace netra::engine
