#include "matchers/pattern_set.h"

#include <hs/hs.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <new>
#include <unordered_map>

#include "matchers/bits.h"
#include "matchers/phrase_table.h"

namespace netra::matchers {
namespace {

// Regexes need Hyperscan to track where a match starts (SOM), which is costly
// on every reported end; literals know their start from their length.
constexpr unsigned kRegexFlags = HS_FLAG_SOM_LEFTMOST | HS_FLAG_DOTALL;
constexpr unsigned kLiteralFlags = HS_FLAG_DOTALL;
constexpr unsigned kAnchoredFlags = HS_FLAG_DOTALL;  // regexes with a start_anchor()

// The byte a regex starts with when its start can be found without SOM: the
// regex begins with a plain punctuation byte ('#', '@') that nothing after it
// can match, so every match starts at the last such byte before its end.
// 0 when the regex does not qualify (it then keeps SOM).
uint8_t start_anchor(const std::string& re) {
  if (re.size() < 2) return 0;
  const auto c = static_cast<uint8_t>(re[0]);
  if (c != '#' && c != '@') return 0;
  bool in_class = false;
  for (size_t i = 1; i < re.size(); ++i) {
    const auto b = static_cast<uint8_t>(re[i]);
    if (b == c || b == '\\' || b >= 0x80) return 0;  // escapes could match anything
    if (in_class) {
      if (b == '^' && re[i - 1] == '[') return 0;  // negated class
      if (b == '-' && re[i - 1] != '[' && i + 1 < re.size() && re[i + 1] != ']') {
        const auto lo = static_cast<uint8_t>(re[i - 1]), hi = static_cast<uint8_t>(re[i + 1]);
        if (lo <= c && c <= hi) return 0;
      }
      if (b == ']') in_class = false;
    } else if (b == '[') {
      in_class = true;
    } else if (b == '.') {
      return 0;
    }
  }
  return c;
}
constexpr char kCacheMagic[8] = {'N', 'E', 'T', 'R', 'A', 'H', 'S', '1'};

// Per pattern, what the match callback needs.
struct PatternInfo {
  uint32_t length = 0;  // literals: their length (start = end - length); regexes: 0
  uint8_t anchor = 0;   // regexes: start_anchor(), 0 = start from SOM
  bool word = false;
};

struct Database {
  hs_database_t* db = nullptr;
  ~Database() { hs_free_database(db); }
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& o) noexcept : db(o.db) { o.db = nullptr; }
  Database& operator=(Database&& o) noexcept {
    std::swap(db, o.db);
    return *this;
  }
};

inline bool is_word_byte(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = kDigits[bytes[i] >> 4];
    s[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return s;
}

// XXH3-128 of everything that determines the databases and the callback.
std::string compute_fingerprint(const std::vector<Pattern>& patterns) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  auto add = [&](const void* p, size_t n) { XXH3_128bits_update(st, p, n); };
  static constexpr char kTag[] =
      "netra-matchers-v7-handle-phrases";  // bump when the split or flags change
  add(kTag, sizeof(kTag));
  const char* version = hs_version();
  add(version, std::strlen(version));
  hs_platform_info_t platform{};
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    add(&platform.tune, sizeof(platform.tune));
    add(&platform.cpu_features, sizeof(platform.cpu_features));
  }
  unsigned flags[1] = {kRegexFlags};
  add(flags, sizeof(flags));
  uint64_t count = patterns.size();
  add(&count, sizeof(count));
  for (const Pattern& p : patterns) {
    uint8_t kind[2] = {static_cast<uint8_t>(p.regex), static_cast<uint8_t>(p.word)};
    uint64_t len = p.expression.size();
    add(kind, sizeof(kind));
    add(&len, sizeof(len));
    add(p.expression.data(), p.expression.size());
  }
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, h);
  return hex(c.digest, sizeof(c.digest));
}

std::string take_error(hs_compile_error_t* err) {
  std::string msg = err && err->message ? err->message : "unknown Hyperscan error";
  hs_free_compile_error(err);
  return msg;
}

// Compiles `ids` (indices into patterns; literals rewritten as escaped regexes
// in `rewritten`) into one database. A pattern that Hyperscan rejects is
// reported and left out, and the rest compiled again, so every bad pattern is
// found. `db` stays null when no pattern is left.
void compile_group(const std::vector<Pattern>& patterns, const std::vector<PatternInfo>& info,
                   std::vector<unsigned> ids, Database& db, std::vector<BuildError>& errors,
                   const std::unordered_map<unsigned, std::string>& rewritten) {
  while (!ids.empty()) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags;
    exprs.reserve(ids.size());
    flags.reserve(ids.size());
    for (unsigned id : ids) {
      auto it = rewritten.find(id);
      exprs.push_back(it != rewritten.end() ? it->second.c_str() : patterns[id].expression.c_str());
      flags.push_back(!patterns[id].regex ? kLiteralFlags
                      : info[id].anchor   ? kAnchoredFlags
                                          : kRegexFlags);
    }
    hs_compile_error_t* err = nullptr;
    hs_database_t* out = nullptr;
    hs_error_t rc =
        hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(ids.size()),
                         HS_MODE_BLOCK, nullptr, &out, &err);
    if (rc == HS_SUCCESS) {
      db.db = out;
      return;
    }
    int bad = err ? err->expression : -1;
    std::string msg = take_error(err);
    if (bad < 0 || static_cast<size_t>(bad) >= ids.size()) {
      errors.push_back({-1, "pattern database: " + msg});
      return;
    }
    errors.push_back({static_cast<long>(ids[bad]), msg});
    ids.erase(ids.begin() + bad);
  }
}

// ---------------------------------------------------------------------------
// Cache file: header, then the serialized database.
struct CacheHeader {
  char magic[8];
  char key[32];  // fingerprint (hex)
  uint64_t bytes;
  uint64_t checksum;  // XXH3-64 of the payload
};

std::string cache_path(const std::string& dir, const std::string& key) {
  return dir + "/" + key + ".hsdb";
}

bool load_cache(const std::string& path, const std::string& key, Database& db) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::vector<char> buf;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= static_cast<long>(sizeof(CacheHeader)) && std::fseek(f, 0, SEEK_SET) == 0;
  if (ok) {
    buf.resize(static_cast<size_t>(size));
    ok = std::fread(buf.data(), 1, buf.size(), f) == buf.size();
  }
  std::fclose(f);
  if (!ok) return false;
  CacheHeader h;
  std::memcpy(&h, buf.data(), sizeof(h));
  const char* payload = buf.data() + sizeof(h);
  size_t payload_bytes = buf.size() - sizeof(h);
  if (std::memcmp(h.magic, kCacheMagic, sizeof(kCacheMagic)) != 0 || key.size() != sizeof(h.key) ||
      std::memcmp(h.key, key.data(), sizeof(h.key)) != 0 || h.bytes != payload_bytes ||
      XXH3_64bits(payload, payload_bytes) != h.checksum)
    return false;
  Database d;
  if (h.bytes > 0 && hs_deserialize_database(payload, h.bytes, &d.db) != HS_SUCCESS) return false;
  db = std::move(d);
  return true;
}

// Best effort: any failure leaves no cache file behind and is otherwise ignored.
void save_cache(const std::string& dir, const std::string& key, const Database& db) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec && !std::filesystem::is_directory(dir, ec)) return;
  char* bytes = nullptr;
  size_t len = 0;
  if (db.db && hs_serialize_database(db.db, &bytes, &len) != HS_SUCCESS) return;
  CacheHeader h{};
  std::memcpy(h.magic, kCacheMagic, sizeof(kCacheMagic));
  std::memcpy(h.key, key.data(), std::min(key.size(), sizeof(h.key)));
  h.bytes = len;
  h.checksum = XXH3_64bits(bytes, len);

  static std::atomic<unsigned> counter{0};
  std::string final_path = cache_path(dir, key);
  std::string tmp = final_path + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1));
  FILE* f = std::fopen(tmp.c_str(), "wb");
  bool ok = f != nullptr;
  if (ok) {
    ok =
        std::fwrite(&h, sizeof(h), 1, f) == 1 && (len == 0 || std::fwrite(bytes, 1, len, f) == len);
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(::fileno(f)) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
  }
  std::free(bytes);
  if (ok) ok = std::rename(tmp.c_str(), final_path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
}

size_t database_size(const Database& d) {
  size_t n = 0;
  if (d.db) hs_database_size(d.db, &n);
  return n;
}

// Past this many distinct trigger bytes, checking for them costs more than it saves.
constexpr size_t kMaxTriggerBytes = 6;
// Past this many literals needing a byte, any occurrence of the byte triggers.
constexpr size_t kMaxTriggerLiterals = 64;

// Bytes trimmed from the ends of a whole-word literal before it becomes a phrase.
constexpr char kTrimmed[] = "'`\"()[]";

// A byte that every match of `p` contains, or -1 when none is known: for a
// literal, its first non-word byte (else its last byte); for a regex, a plain
// unquantified first character when there is no top-level alternation.
int required_byte(const Pattern& p) {
  const std::string& e = p.expression;
  if (e.empty()) return -1;
  if (!p.regex) {
    for (char c : e)
      if (!is_word_byte(static_cast<uint8_t>(c)) && c != ' ') return static_cast<uint8_t>(c);
    return static_cast<uint8_t>(e.back());
  }
  const char first = e[0];
  if (std::strchr("\\([.^$|?*+{)", first) || (e.size() > 1 && std::strchr("?*{", e[1]))) return -1;
  int depth = 0;
  bool escaped = false, in_class = false;
  for (char c : e) {
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return -1;
    }
  }
  return static_cast<uint8_t>(first);
}

}  // namespace

// ---------------------------------------------------------------------------
struct PatternSet::Impl {
  Database hyperscan;  // regexes and the literals the phrase table cannot take
  // Bytes of which every Hyperscan match contains at least one (e.g. '#', '@'):
  // text without any of them skips hs_scan. Empty with `always_scan`.
  // A byte that only literals need triggers only where one of them is really
  // there ("sumber:" and "source:" need ':', and most ':' are in links).
  // No match starts more than `lead` bytes before the byte's first occurrence
  // (a regex starts with its byte), so hs_scan starts there.
  struct Trigger {
    char byte;
    // (literal, offset of its first `byte`); empty: any occurrence triggers.
    std::vector<std::pair<std::string, size_t>> literals;
    bool regex = false;  // a regex needs the byte: literals are not enough
    size_t lead = 0;     // the largest offset of `byte` in a match
  };
  std::vector<Trigger> triggers;
  bool always_scan = true;
  PhraseTable phrases;           // plain word-sequence literals (most of them)
  PhraseTable deferred_phrases;  // the same, scanned only on request
  std::vector<PatternInfo> info;
  // Phrases whose literal had quotes or brackets trimmed: (before, after) them,
  // and a bit per pattern id (small enough to stay in cache, unlike `info`).
  std::unordered_map<uint32_t, std::pair<std::string, std::string>> trimmed;
  std::vector<uint64_t> trimmed_bits;
  // "@handle" literals in the phrase table: the literal, and a bit per pattern id.
  std::unordered_map<uint32_t, std::string> handles;
  std::vector<uint64_t> handle_bits;
  std::string fingerprint;
};

// The matches of recently scanned short texts (hashtags, short comments),
// which repeat: a scan is a pure function of the text, so a repeat is answered
// from here. Direct-mapped, fixed-size (no allocation after construction).
struct ScanMemo {
  static constexpr size_t kSlots = 512;     // a power of two
  static constexpr size_t kMaxBytes = 48;   // longer texts are not kept
  static constexpr size_t kMaxMatches = 6;  // nor texts with more matches
  struct Entry {
    uint8_t size = 0, count = 0;
    bool used = false;
    char text[kMaxBytes];
    Match matches[kMaxMatches];
  };
  std::vector<Entry> entries = std::vector<Entry>(kSlots);
  static size_t slot(std::string_view text) {
    return std::hash<std::string_view>{}(text) & (kSlots - 1);
  }
};

struct Scratch::Impl {
  hs_scratch_t* scratch = nullptr;
  const PatternSet::Impl* set = nullptr;
  bool ok = false;
  ScanMemo memo;
  ~Impl() { hs_free_scratch(scratch); }
};

PatternSet::PatternSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PatternSet::~PatternSet() = default;

size_t PatternSet::size() const { return impl_->info.size(); }
const std::string& PatternSet::fingerprint() const { return impl_->fingerprint; }

size_t PatternSet::database_bytes() const {
  return database_size(impl_->hyperscan) + impl_->phrases.bytes() + impl_->deferred_phrases.bytes();
}

std::shared_ptr<const PatternSet> PatternSet::build(const std::vector<Pattern>& patterns,
                                                    const BuildOptions& options,
                                                    std::vector<BuildError>& errors,
                                                    BuildStats* stats) {
  const auto t0 = std::chrono::steady_clock::now();
  errors.clear();
  auto impl = std::make_unique<Impl>();
  impl->fingerprint = compute_fingerprint(patterns);
  impl->info.resize(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    impl->info[i].length =
        patterns[i].regex ? 0 : static_cast<uint32_t>(patterns[i].expression.size());
    impl->info[i].word = patterns[i].word;
    if (patterns[i].regex) impl->info[i].anchor = start_anchor(patterns[i].expression);
  }

  // Whole-word literals made of plain tokens go to the phrase table, and so do
  // "@handle" literals (matched exactly, see settle()); the rest (regexes,
  // literals with other punctuation such as "#tag", substring literals, words
  // more than kPhraseMaxGap bytes apart) to Hyperscan.
  std::vector<uint8_t> in_table(patterns.size(), 0);
  {
    std::vector<std::string> tokenised;  // "nur'aini" -> "nur aini"
    std::vector<std::pair<size_t, uint32_t>> picked;
    for (size_t i = 0; i < patterns.size(); ++i) {
      const Pattern& p = patterns[i];
      if (p.regex || !p.word) continue;
      // Quotes and brackets around a whole-word literal are not part of the
      // word ("sami'", "(pks)"): the phrase is what is between them. An
      // "@handle" is its phrase behind the '@'.
      std::string_view core = p.expression;
      const bool handle = core.size() > 1 && core.front() == '@';
      auto is_trimmed = [](char c) {
        return std::string_view(kTrimmed).find(c) != std::string_view::npos;
      };
      if (handle) {
        core.remove_prefix(1);
      } else {
        while (!core.empty() && is_trimmed(core.front())) core.remove_prefix(1);
        while (!core.empty() && is_trimmed(core.back())) core.remove_suffix(1);
      }
      if (core.empty() || !is_word_byte(static_cast<uint8_t>(core.front())) ||
          !is_word_byte(static_cast<uint8_t>(core.back())))
        continue;
      std::string t;
      size_t gap = 0, widest = 0;  // runs of non-word bytes between the words
      for (char c : core) {
        if (is_word_byte(static_cast<uint8_t>(c))) {
          t += c;
          gap = 0;
        } else {
          if (t.back() != ' ') t += ' ';
          widest = std::max(widest, ++gap);
        }
      }
      if (!PhraseTable::is_phrase(t) || widest > kPhraseMaxGap) continue;
      in_table[i] = 1;
      if (handle) {
        if (impl->handle_bits.empty()) impl->handle_bits.assign(patterns.size() / 64 + 1, 0);
        set_bit(impl->handle_bits, i);
        impl->handles.emplace(static_cast<uint32_t>(i), p.expression);
      } else if (core.size() != p.expression.size()) {
        const size_t front = static_cast<size_t>(core.data() - p.expression.data());
        if (impl->trimmed_bits.empty()) impl->trimmed_bits.assign(patterns.size() / 64 + 1, 0);
        set_bit(impl->trimmed_bits, i);
        impl->trimmed.emplace(static_cast<uint32_t>(i),
                              std::make_pair(p.expression.substr(0, front),
                                             p.expression.substr(front + core.size())));
      }
      picked.emplace_back(tokenised.size(), static_cast<uint32_t>(i));
      tokenised.push_back(std::move(t));
    }
    std::vector<std::pair<std::string_view, uint32_t>> table, deferred;
    table.reserve(picked.size());
    for (auto [k, id] : picked)
      (patterns[id].deferred ? deferred : table).emplace_back(tokenised[k], id);
    impl->phrases.build(table);
    impl->deferred_phrases.build(deferred);
    impl->always_scan = false;
    for (size_t i = 0; i < patterns.size() && !impl->always_scan; ++i) {
      if (in_table[i]) continue;
      const int b = required_byte(patterns[i]);
      if (b < 0) {
        impl->always_scan = true;
      } else {
        auto& ts = impl->triggers;
        auto t = std::find_if(ts.begin(), ts.end(), [&](const auto& x) { return x.byte == b; });
        if (t == ts.end()) t = ts.insert(ts.end(), {static_cast<char>(b), {}, false});
        const std::string& e = patterns[i].expression;
        if (patterns[i].regex) {
          t->regex = true;
        } else {
          t->literals.emplace_back(e, e.find(static_cast<char>(b)));
          t->lead = std::max(t->lead, t->literals.back().second);
        }
        impl->always_scan = ts.size() > kMaxTriggerBytes;
      }
    }
    for (auto& t : impl->triggers)
      if (t.regex || t.literals.size() > kMaxTriggerLiterals) t.literals.clear();
  }

  bool hit = false;
  std::string path;
  if (!options.cache_dir.empty()) {
    path = cache_path(options.cache_dir, impl->fingerprint);
    hit = load_cache(path, impl->fingerprint, impl->hyperscan);
  }

  if (!hit) {
    std::vector<unsigned> re_ids;
    std::unordered_map<unsigned, std::string> as_regex;
    for (size_t i = 0; i < patterns.size(); ++i) {
      const Pattern& p = patterns[i];
      if (p.expression.empty()) {
        errors.push_back({static_cast<long>(i), "empty pattern"});
        continue;
      }
      if (!p.regex) {
        // Literals left for Hyperscan (#tags, @handles, substrings) join the regex
        // database as escaped expressions: one hs_scan per text instead of two.
        if (!in_table[i]) {
          std::string e;
          for (unsigned char c : p.expression) {
            char buf[5];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            e += buf;
          }
          as_regex.emplace(static_cast<unsigned>(i), std::move(e));
          re_ids.push_back(static_cast<unsigned>(i));
        }
        continue;
      }
      // Validate each regex on its own first: reports every syntax error
      // without recompiling the whole set once per bad pattern.
      hs_expr_info_t* info = nullptr;
      hs_compile_error_t* err = nullptr;
      if (hs_expression_info(p.expression.c_str(), kRegexFlags, &info, &err) != HS_SUCCESS) {
        errors.push_back({static_cast<long>(i), take_error(err)});
        continue;
      }
      std::free(info);
      re_ids.push_back(static_cast<unsigned>(i));
    }
    compile_group(patterns, impl->info, re_ids, impl->hyperscan, errors, as_regex);
    std::sort(errors.begin(), errors.end(),
              [](const BuildError& a, const BuildError& b) { return a.index < b.index; });
    if (!errors.empty()) return nullptr;
    if (!path.empty()) save_cache(options.cache_dir, impl->fingerprint, impl->hyperscan);
  }

  std::shared_ptr<const PatternSet> set(new PatternSet(std::move(impl)));
  if (stats) {
    stats->cache_hit = hit;
    stats->database_bytes = set->database_bytes();
    stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  return set;
}

namespace {

struct ScanContext {
  const PatternInfo* info;
  const uint8_t* text;
  size_t size;
  std::vector<Match>* out;
  uint32_t base = 0;  // added to every match: text is a part of a joined text
  uint32_t skip = 0;  // Hyperscan scans text + skip: its offsets are from there
  bool failed = false;
};

// Word check: a side is checked only where the match itself has a word byte,
// so "#jnk" needs no boundary before '#'.
inline bool boundaries_ok(const ScanContext& c, size_t start, size_t end) {
  if (start < end && is_word_byte(c.text[start]) && start > 0 && is_word_byte(c.text[start - 1]))
    return false;
  if (start < end && is_word_byte(c.text[end - 1]) && end < c.size && is_word_byte(c.text[end]))
    return false;
  return true;
}

inline int record(ScanContext& c, unsigned id, size_t start, size_t end) {
  if (c.info[id].word && !boundaries_ok(c, start, end)) return 0;
  try {
    c.out->push_back(
        Match{id, static_cast<uint32_t>(start) + c.base, static_cast<uint32_t>(end) + c.base});
  } catch (const std::bad_alloc&) {
    c.failed = true;
    return 1;  // stop the scan
  }
  return 0;
}

int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto& c = *static_cast<ScanContext*>(ctx);
  from += c.skip;
  to += c.skip;
  const PatternInfo& info = c.info[id];
  if (info.length) return record(c, id, to - info.length, to);
  if (info.anchor) {
    const void* at = memrchr(c.text, info.anchor, to);
    if (!at) return 0;  // cannot happen: every match holds its anchor
    from = static_cast<unsigned long long>(static_cast<const uint8_t*>(at) - c.text);
  }
  return record(c, id, from, to);
}

// Orders out[first..] by end offset (then start, then pattern), in place.
void sort_by_end(std::vector<Match>& out, size_t first) {
  auto by_end = [](const Match& a, const Match& b) {
    if (a.end != b.end) return a.end < b.end;
    if (a.start != b.start) return a.start < b.start;
    return a.pattern < b.pattern;
  };
  auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
  if (!std::is_sorted(begin, out.end(), by_end)) std::sort(begin, out.end(), by_end);
}

// Settles the phrase-table matches out[first..]: a trimmed literal takes in
// the quotes or brackets around it where the text has the same ones ("(pks)"
// matches "(pks)" whole); an "@handle" literal stays only where the text holds
// exactly its bytes, '@' included (as Hyperscan would match it), and is
// dropped altogether unless handles(match) (name fields look for plain words only).
template <typename Handles>
void settle(const PatternSet::Impl& s, std::string_view text, std::vector<Match>& out, size_t first,
            Handles handles) {
  if (s.trimmed.empty() && s.handles.empty()) return;
  size_t kept = first;
  for (size_t k = first; k < out.size(); ++k) {
    Match m = out[k];
    if (!s.trimmed.empty() && test_bit(s.trimmed_bits, m.pattern)) {
      const auto& [front, back] = s.trimmed.at(m.pattern);
      if (m.start >= front.size() && text.substr(m.start - front.size(), front.size()) == front)
        m.start -= static_cast<uint32_t>(front.size());
      if (text.substr(m.end, back.size()) == back) m.end += static_cast<uint32_t>(back.size());
    } else if (!s.handles.empty() && test_bit(s.handle_bits, m.pattern)) {
      const std::string& literal = s.handles.at(m.pattern);
      if (!handles(m) || m.end < literal.size() ||
          text.substr(m.end - literal.size(), literal.size()) != literal)
        continue;
      m.start = m.end - static_cast<uint32_t>(literal.size());
    }
    out[kept++] = m;
  }
  out.resize(kept);
}

// Where Hyperscan must start scanning text for every match to be found (see
// PatternSet::Impl::Trigger), or npos when text holds no trigger: no match.
size_t scan_start(const PatternSet::Impl& s, std::string_view text) {
  if (s.always_scan) return 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  size_t start = std::string_view::npos;
  for (const auto& t : s.triggers) {
    const void* first = std::memchr(begin, t.byte, text.size());
    if (!first) continue;
    bool fired = t.literals.empty();
    for (const void* at = first; at && !fired;
         at = std::memchr(static_cast<const char*>(at) + 1, t.byte,
                          static_cast<size_t>(end - static_cast<const char*>(at) - 1))) {
      const size_t pos = static_cast<size_t>(static_cast<const char*>(at) - begin);
      for (const auto& [literal, offset] : t.literals)
        if (pos >= offset && text.substr(pos - offset, literal.size()) == literal) fired = true;
    }
    if (!fired) continue;
    const size_t pos = static_cast<size_t>(static_cast<const char*>(first) - begin);
    start = std::min(start, pos > t.lead ? pos - t.lead : 0);
  }
  return start;
}

// Hyperscan over text[part.begin, part.end) when a trigger is there.
bool scan_hyperscan(const PatternSet::Impl& s, Scratch::Impl& sc, std::string_view text,
                    PatternSet::Part part, std::vector<Match>& out) {
  const std::string_view t = text.substr(part.begin, part.end - part.begin);
  if (!s.hyperscan.db) return true;
  const size_t from = scan_start(s, t);
  if (from == std::string_view::npos) return true;
  ScanContext ctx{s.info.data(), reinterpret_cast<const uint8_t*>(t.data()),
                  t.size(),      &out,
                  part.begin,    static_cast<uint32_t>(from)};
  const auto len = static_cast<unsigned>(t.size() - from);
  hs_error_t rc = hs_scan(s.hyperscan.db, t.data() + from, len, 0, sc.scratch, on_match, &ctx);
  return !ctx.failed && (rc == HS_SUCCESS || rc == HS_SCAN_TERMINATED);
}

}  // namespace

bool PatternSet::scan(std::string_view text, Scratch& scratch, std::vector<Match>& out,
                      Tokens* keep) const {
  if (keep) keep->valid = false;
  if (text.size() > UINT32_MAX) return false;
  const Part whole{0, static_cast<uint32_t>(text.size())};
  Scratch::Impl* sc = scratch.impl();
  if (text.size() > ScanMemo::kMaxBytes || !sc || sc->set != impl_.get())
    return scan_joined(text, {&whole, 1}, scratch, out, keep);
  ScanMemo::Entry& e = sc->memo.entries[ScanMemo::slot(text)];
  if (e.used && std::string_view(e.text, e.size) == text) {
    out.insert(out.end(), e.matches, e.matches + e.count);
    return true;
  }
  const size_t first = out.size();
  if (!scan_joined(text, {&whole, 1}, scratch, out, keep)) return false;
  const size_t count = out.size() - first;
  e.used = count <= ScanMemo::kMaxMatches;
  if (e.used) {
    e.size = static_cast<uint8_t>(text.size());
    e.count = static_cast<uint8_t>(count);
    std::memcpy(e.text, text.data(), text.size());
    std::copy(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), e.matches);
  }
  return true;
}

bool PatternSet::scan_joined(std::string_view text, std::span<const Part> full, Scratch& scratch,
                             std::vector<Match>& out, Tokens* keep) const {
  const Impl& s = *impl_;
  if (text.size() > UINT32_MAX) return false;
  Scratch::Impl* sc = scratch.impl();
  if (!sc || !sc->ok || sc->set != &s) return false;
  const size_t first = out.size();
  s.phrases.scan(text, out, keep);
  settle(s, text, out, first, [&](const Match& m) {
    for (const Part& p : full)
      if (m.start >= p.begin && m.end <= p.end) return true;
    return false;
  });
  for (const Part& p : full)
    if (!scan_hyperscan(s, *sc, text, p, out)) return false;
  sort_by_end(out, first);
  return true;
}

void PatternSet::scan_deferred(std::string_view text, std::vector<Match>& out,
                               const Tokens* tokens) const {
  const size_t first = out.size();
  if (tokens && tokens->valid)
    impl_->deferred_phrases.scan_tokens(*tokens, out);
  else
    impl_->deferred_phrases.scan(text, out);
  settle(*impl_, text, out, first, [](const Match&) { return true; });
  sort_by_end(out, first);
}

bool PatternSet::has_deferred() const { return impl_->deferred_phrases.size() > 0; }

Scratch::Scratch(const PatternSet& set) : impl_(std::make_unique<Impl>()) {
  const PatternSet::Impl& s = *set.impl_;
  impl_->set = &s;
  bool ok = true;
  if (s.hyperscan.db) ok = hs_alloc_scratch(s.hyperscan.db, &impl_->scratch) == HS_SUCCESS;
  impl_->ok = ok;
}

Scratch::~Scratch() = default;

size_t Scratch::bytes() const {
  size_t n = 0;
  if (impl_->scratch) hs_scratch_size(impl_->scratch, &n);
  return n;
}

}  // namespace netra::matchers
