#include "matchers/phrase_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "matchers/simd.h"

namespace netra::matchers {
namespace {

// Every occurrence of every phrase, found the slow way: tokenise, then try each
// token run of up to max_tokens tokens separated by at most kMaxGap bytes.
std::vector<Match> naive(const std::map<std::string, std::vector<uint32_t>>& phrases,
                         size_t max_tokens, const std::string& text) {
  auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  std::vector<std::pair<uint32_t, uint32_t>> tokens;
  for (size_t i = 0; i < text.size();) {
    if (!word(text[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < text.size() && word(text[e])) ++e;
    tokens.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(e));
    i = e;
  }
  std::vector<Match> out;
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::string key;
    for (size_t k = t; k < tokens.size() && k - t < max_tokens; ++k) {
      if (k > t) {
        if (tokens[k].first - tokens[k - 1].second > PhraseTable::kMaxGap) break;
        key += ' ';
      }
      key += text.substr(tokens[k].first, tokens[k].second - tokens[k].first);
      auto it = phrases.find(key);
      if (it == phrases.end()) continue;
      for (uint32_t id : it->second) out.push_back({id, tokens[t].first, tokens[k].second});
    }
  }
  return out;
}

void sort_matches(std::vector<Match>& m) {
  std::sort(m.begin(), m.end(), [](const Match& a, const Match& b) {
    return std::tie(a.start, a.end, a.pattern) < std::tie(b.start, b.end, b.pattern);
  });
}

TEST(PhraseTable, AgreesWithNaiveMatchingOnRandomText) {
  std::mt19937 rng(7);
  auto rand_word = [&](size_t min_len, size_t max_len) {
    std::string w(std::uniform_int_distribution<size_t>(min_len, max_len)(rng), 'a');
    for (char& c : w) {
      int r = std::uniform_int_distribution<int>(0, 35)(rng);
      c = static_cast<char>(r < 26 ? 'a' + r : '0' + (r - 26));
    }
    return w;
  };
  // A small vocabulary, so that phrases share first tokens and prefixes; words
  // from 1 to 20 bytes, so that both hash paths (<= 8 bytes, longer) are used.
  std::vector<std::string> vocab;
  for (int i = 0; i < 600; ++i) vocab.push_back(rand_word(1, i % 10 == 0 ? 20 : 7));
  std::map<std::string, std::vector<uint32_t>> by_phrase;
  std::vector<std::string> storage;
  uint32_t id = 0;
  for (int i = 0; i < 20000; ++i) {
    size_t len = std::uniform_int_distribution<size_t>(1, 5)(rng);
    std::string p;
    for (size_t k = 0; k < len; ++k) {
      if (k) p += ' ';
      p += vocab[std::uniform_int_distribution<size_t>(0, vocab.size() - 1)(rng)];
    }
    storage.push_back(p);
    by_phrase[p].push_back(id++);
  }
  // One phrase shared by more pattern ids than a level-1 entry can hold.
  for (int i = 0; i < 300; ++i) {
    storage.push_back(vocab[0]);
    by_phrase[vocab[0]].push_back(id++);
  }
  std::vector<std::pair<std::string_view, uint32_t>> phrases;
  for (uint32_t k = 0; k < storage.size(); ++k) phrases.emplace_back(storage[k], k);
  PhraseTable table;
  table.build(phrases);

  const char* seps[] = {" ", "  ", ", ", " - ", "....", " \n ", "#", "\xE2\x80\x99"};
  for (int t = 0; t < 300; ++t) {
    // Up to ~1500 tokens: several scan batches and texts over the 4 KiB stack bitmap.
    size_t tokens = std::uniform_int_distribution<size_t>(0, t % 20 == 0 ? 1500 : 120)(rng);
    std::string text;
    for (size_t k = 0; k < tokens; ++k) {
      if (k) text += seps[std::uniform_int_distribution<size_t>(0, 7)(rng)];
      text += rng() % 8 == 0
                  ? rand_word(1, 12)
                  : vocab[std::uniform_int_distribution<size_t>(0, vocab.size() - 1)(rng)];
    }
    std::vector<Match> want = naive(by_phrase, 5, text);
    sort_matches(want);
    // Both ways of finding token boundaries (AVX-512 where the CPU has it).
    for (bool wide : {true, false}) {
      const bool was = internal::set_avx512(wide);
      std::vector<Match> got;
      table.scan(text, got);
      internal::set_avx512(was);
      sort_matches(got);
      ASSERT_EQ(got.size(), want.size())
          << "wide " << wide << " text " << t << ": " << text.substr(0, 200);
      for (size_t k = 0; k < got.size(); ++k) {
        ASSERT_EQ(got[k].pattern, want[k].pattern) << "text " << t << " match " << k;
        ASSERT_EQ(got[k].start, want[k].start);
        ASSERT_EQ(got[k].end, want[k].end);
      }
    }
  }
}

TEST(PhraseTable, TokensAtTheVeryEndOfTheText) {
  std::vector<std::pair<std::string_view, uint32_t>> phrases = {
      {"a", 0}, {"ab cd", 1}, {"abcdefgh", 2}, {"abcdefghi", 3}, {"x y z", 4}};
  PhraseTable table;
  table.build(phrases);
  for (std::string text : {"a", "ab cd", "abcdefgh", "abcdefghi", "x y z", "q x y z"}) {
    // Exactly sized copies, so a read past the end would show under ASan.
    std::vector<char> exact(text.begin(), text.end());
    std::vector<Match> got;
    table.scan(std::string_view(exact.data(), exact.size()), got);
    ASSERT_EQ(got.size(), 1u) << text;
    EXPECT_EQ(got[0].end, text.size()) << text;
  }
}

TEST(PhraseTable, TablesInTurnAndRebuiltOnesScanAlike) {
  // scan() caches level-1 results per thread and table: three tables scanned
  // in turn (more than the two cached) and tables rebuilt in place must each
  // still find exactly their own phrases.
  const std::string text = "dan yang prabowo subianto dan ganjar pranowo yang anies di sini";
  const std::vector<std::vector<std::string>> lists = {{"dan yang", "prabowo subianto", "anies"},
                                                       {"yang prabowo", "ganjar", "di sini"},
                                                       {"dan", "pranowo yang anies", "sini"}};
  auto phrases = [&](size_t k) {
    std::map<std::string, std::vector<uint32_t>> m;
    for (size_t i = 0; i < lists[k].size(); ++i)
      m[lists[k][i]].push_back(static_cast<uint32_t>(10 * k + i));
    return m;
  };
  auto build = [&](PhraseTable& t, size_t k) {
    std::vector<std::pair<std::string_view, uint32_t>> in;
    for (size_t i = 0; i < lists[k].size(); ++i)
      in.emplace_back(lists[k][i], static_cast<uint32_t>(10 * k + i));
    t.build(in);
  };
  PhraseTable tables[3];
  for (size_t k = 0; k < 3; ++k) build(tables[k], k);
  for (int round = 0; round < 4; ++round) {
    for (size_t k = 0; k < 3; ++k) {
      std::vector<Match> got;
      tables[k].scan(text, got);
      std::vector<Match> want = naive(phrases(k), 3, text);
      sort_matches(got);
      sort_matches(want);
      ASSERT_EQ(got.size(), want.size()) << "table " << k << " round " << round;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].pattern, want[i].pattern);
        EXPECT_EQ(got[i].start, want[i].start);
        EXPECT_EQ(got[i].end, want[i].end);
      }
    }
    // Rebuild each table in place with the next list: same address, new content.
    if (round == 1) {
      for (size_t k = 0; k < 3; ++k) build(tables[k], (k + 1) % 3);
      std::rotate(std::begin(tables), std::begin(tables) + 2, std::end(tables));
    }
  }
}

}  // namespace
}  // namespace netra::matchers
