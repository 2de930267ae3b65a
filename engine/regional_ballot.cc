#include "engine/regional_ballot.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>

#include "matchers/normalise.h"

namespace netra::engine {
namespace {

constexpr std::string_view kRace = "pilkada";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Number words as normalise() leaves them (doubled letters collapsed:
// Bugis "tellu" -> "telu", krama "setunggal" -> "setungal"). Sources: the
// number words of config/lists/ballot_phrases.txt (Indonesian; Javanese ngoko
// siji loro telu papat limo and krama setunggal kalih tigang sekawan gangsal;
// Sundanese hiji dua tilu opat lima genep, ordinals kahiji kadua katilu;
// Betawi atu due tige; Minang ciek duo tigo ampek limo; Batak Toba sada dua
// tolu opat lima; Bugis sedi dua tellu eppa; Makassar se're rua tallu;
// Balinese besik/siki dua telu papat; Banjar dua talu ampat; English), and
// Roman numerals.
struct NumberWord {
  std::string_view word;
  int number;
};
constexpr NumberWord kNumberWords[] = {
    {"satu", 1}, {"siji", 1},   {"hiji", 1},   {"kahiji", 1},  {"atu", 1},     {"ciek", 1},
    {"sada", 1}, {"sedi", 1},   {"sere", 1},   {"besik", 1},   {"siki", 1},    {"setungal", 1},
    {"one", 1},  {"i", 1},      {"dua", 2},    {"loro", 2},    {"kadua", 2},   {"due", 2},
    {"duo", 2},  {"rua", 2},    {"kalih", 2},  {"two", 2},     {"ii", 2},      {"tiga", 3},
    {"telu", 3}, {"tilu", 3},   {"katilu", 3}, {"tige", 3},    {"tigo", 3},    {"tolu", 3},
    {"talu", 3}, {"tigang", 3}, {"three", 3},  {"iii", 3},     {"empat", 4},   {"papat", 4},
    {"opat", 4}, {"ampek", 4},  {"ampat", 4},  {"epa", 4},     {"sekawan", 4}, {"four", 4},
    {"iv", 4},   {"lima", 5},   {"limo", 5},   {"gangsal", 5}, {"five", 5},    {"v", 5},
    {"enam", 6}, {"enem", 6},   {"nem", 6},    {"genep", 6},   {"six", 6},     {"vi", 6},
};

enum class Level { any, province, local };

// "cagub 2" is the governor race; "cabup 2", "cawalkot 2" the kabupaten/kota one.
Level level_hint(std::string_view lowered) {
  for (std::string_view w : {"cagub", "gubernur"})
    if (lowered.find(w) != std::string_view::npos) return Level::province;
  for (std::string_view w : {"cabup", "bupati", "cawalkot", "walkot", "walikota", "wali kota"})
    if (lowered.find(w) != std::string_view::npos) return Level::local;
  return Level::any;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int ballot_number(std::string_view phrase) {
  // Normalised, so that "０２", "𝟎𝟐", "2️⃣", "❷" and "lоrо" (Cyrillic о) read as
  // they look. Only ballot hits get here (a few per event at most).
  static thread_local matchers::NormalisedText norm;
  matchers::normalise(phrase.substr(0, 96), norm);
  const std::string_view text = norm.text;
  // The last number in the phrase: a run of 1-3 digits or a number word.
  int number = -1;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool digit = c >= '0' && c <= '9', alpha = c >= 'a' && c <= 'z';
    if (!digit && !alpha) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() &&
           (digit ? text[j] >= '0' && text[j] <= '9' : text[j] >= 'a' && text[j] <= 'z'))
      ++j;
    const std::string_view token = text.substr(i, j - i);
    if (digit && token.size() <= 3) {
      int n = 0;
      for (char d : token) n = n * 10 + (d - '0');
      number = n;
    } else if (alpha) {
      for (const auto& [word, n] : kNumberWords)
        if (token == word) number = n;
      // Roman "II", "III" collapse to "i" like any letter run: count the
      // letters of the original token.
      if (token == "i") {
        const std::string_view raw =
            phrase.substr(norm.original_start(static_cast<uint32_t>(i)),
                          norm.original_end(static_cast<uint32_t>(j)) -
                              norm.original_start(static_cast<uint32_t>(i)));
        if (!raw.empty() && raw.size() <= 3 &&
            raw.find_first_not_of("iI") == std::string_view::npos)
          number = static_cast<int>(raw.size());
      }
    }
    i = j;
  }
  return number;
}

void RegionalBallots::build(const Lexicon& lx) {
  by_key_.clear();
  other_.clear();
  national_.clear();
  for (uint32_t e = 0; e < lx.entities.size(); ++e) {
    const Entity& ent = lx.entities[e];
    if (ent.race.empty() || ent.kind != "candidate" || !all_digits(ent.ballot_no) ||
        ent.ballot_no.size() > 3)
      continue;
    const int n = std::atoi(ent.ballot_no.c_str());
    if (ent.region.empty()) {
      // A national candidate (the presidential pairs): one number, one pair.
      if (ent.race != kRace && n > 0 &&
          std::none_of(national_.begin(), national_.end(),
                       [&](const National& x) { return x.race == ent.race && x.number == n; }))
        national_.push_back({ent.race, n, e});
      continue;
    }
    if (ent.race != kRace) continue;
    const uint16_t r = region_key(ent.region);
    if (r == kRegionOther || n <= 0 || n > 255)
      other_.push_back(e);
    else
      by_key_.emplace(static_cast<uint32_t>(r) << 8 | static_cast<uint32_t>(n), e);  // first wins
  }
}

uint32_t RegionalBallots::find(const Lexicon& lx, std::string_view race, std::string_view phrase,
                               std::string_view asn_region) const {
  if (race != kRace) {
    if (national_.empty()) return kNone;
    const int n = ballot_number(phrase);
    for (const National& x : national_)
      if (x.number == n && x.race == race) return x.entity;
    return kNone;
  }
  if (asn_region.size() < 2) return kNone;
  const int n = ballot_number(phrase);
  if (n <= 0) return kNone;
  std::string lowered(phrase.substr(0, 64));
  for (char& c : lowered) c = lower(c);
  const Level hint = level_hint(lowered);
  const uint16_t province = region_key(asn_region.substr(0, 2));
  const uint16_t local = asn_region.size() >= 4 ? region_key(asn_region.substr(0, 4)) : 0;
  auto at = [&](uint16_t r) -> uint32_t {
    if (r == 0 || r == kRegionOther || n > 255) return kNone;
    auto it = by_key_.find(static_cast<uint32_t>(r) << 8 | static_cast<uint32_t>(n));
    return it == by_key_.end() ? kNone : it->second;
  };
  if (hint != Level::local)
    if (uint32_t e = at(province); e != kNone) return e;
  if (hint != Level::province)
    if (uint32_t e = at(local); e != kNone) return e;
  for (uint32_t e : other_) {
    const Entity& ent = lx.entities[e];
    if (std::atoi(ent.ballot_no.c_str()) == n && asn_region.size() >= ent.region.size() &&
        asn_region.substr(0, ent.region.size()) == ent.region)
      return e;
  }
  return kNone;
}

}  // namespace netra::engine
