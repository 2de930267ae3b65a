#include "engine/regional_ballot.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>

namespace netra::engine {
namespace {

constexpr std::string_view kRace = "pilkada";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// Number words of the ballot phrases (Indonesian, Javanese, Sundanese).
constexpr std::array<std::pair<std::string_view, int>, 13> kNumberWords = {{{"satu", 1},
                                                                            {"siji", 1},
                                                                            {"hiji", 1},
                                                                            {"dua", 2},
                                                                            {"loro", 2},
                                                                            {"tiga", 3},
                                                                            {"telu", 3},
                                                                            {"tilu", 3},
                                                                            {"empat", 4},
                                                                            {"papat", 4},
                                                                            {"opat", 4},
                                                                            {"lima", 5},
                                                                            {"enam", 6}}};

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
  const size_t end = phrase.find_last_of("0123456789");
  if (end != std::string_view::npos) {
    size_t begin = end;
    while (begin > 0 && phrase[begin - 1] >= '0' && phrase[begin - 1] <= '9') --begin;
    if (end - begin > 3) return -1;
    int n = 0;
    for (size_t i = begin; i <= end; ++i) n = n * 10 + (phrase[i] - '0');
    return n;
  }
  // The last word that is a number word.
  int number = -1;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !std::isalpha(static_cast<unsigned char>(phrase[i]))) ++i;
    size_t j = i;
    while (j < phrase.size() && std::isalpha(static_cast<unsigned char>(phrase[j]))) ++j;
    if (j > i && j - i <= 5) {
      char word[5];
      for (size_t k = i; k < j; ++k) word[k - i] = lower(phrase[k]);
      const std::string_view w(word, j - i);
      for (const auto& [name, n] : kNumberWords)
        if (w == name) number = n;
    }
    i = j;
  }
  return number;
}

void RegionalBallots::build(const Lexicon& lx) {
  by_key_.clear();
  other_.clear();
  for (uint32_t e = 0; e < lx.entities.size(); ++e) {
    const Entity& ent = lx.entities[e];
    if (ent.race != kRace || ent.region.empty() || !all_digits(ent.ballot_no) ||
        ent.ballot_no.size() > 3)
      continue;
    const int n = std::atoi(ent.ballot_no.c_str());
    const uint16_t r = region_key(ent.region);
    if (r == kRegionOther || n <= 0 || n > 255)
      other_.push_back(e);
    else
      by_key_.emplace(static_cast<uint32_t>(r) << 8 | static_cast<uint32_t>(n), e);  // first wins
  }
}

uint32_t RegionalBallots::find(const Lexicon& lx, std::string_view race, std::string_view phrase,
                               std::string_view asn_region) const {
  if (race != kRace || asn_region.size() < 2) return kNone;
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
