#include "engine/clause.h"

#include <gtest/gtest.h>

#include <string_view>

namespace netra::engine {
namespace {

// Are the words `a` and `b` of `text` in the same clause?
bool same(std::string_view text, std::string_view a, std::string_view b) {
  return clause_start(text, static_cast<uint32_t>(text.find(a))) ==
         clause_start(text, static_cast<uint32_t>(text.find(b)));
}

TEST(Clause, SentenceEndsSplit) {
  EXPECT_FALSE(same("Coblos 02! Dikutip dari grup", "Coblos", "Dikutip"));
  EXPECT_FALSE(same("Coblos 02. Dikutip dari grup", "Coblos", "Dikutip"));
  EXPECT_FALSE(same("Coblos 02? Dikutip dari grup", "Coblos", "Dikutip"));
  EXPECT_FALSE(same("Coblos 02\nDikutip dari grup", "Coblos", "Dikutip"));
  EXPECT_FALSE(same("Pilih 02!! Dikutip dari grup", "Pilih", "Dikutip"));
  EXPECT_FALSE(same("Pilih 02?! Dikutip dari grup", "Pilih", "Dikutip"));
}

TEST(Clause, CommasDotsInWordsAndAbbreviationsDoNot) {
  EXPECT_TRUE(same("Dikutip dari Kompas, Prabowo berkampanye", "Dikutip", "Prabowo"));
  EXPECT_TRUE(same("Dilansir kompas.com, capres Prabowo", "Dilansir", "Prabowo"));
  EXPECT_TRUE(same("Dilansir Antara; pendukung teriak coblos 02", "Dilansir", "coblos"));
  EXPECT_TRUE(same("Menurut Dr. H. Anies di sana", "Menurut", "Anies"));
  EXPECT_TRUE(same("suara 3.5 persen kata ketua", "suara", "ketua"));
  EXPECT_FALSE(same("Pilih dia. Kata ketua", "Pilih", "Kata"));
}

TEST(Clause, HashtagsAreTheirOwnClause) {
  const std::string_view t = "Coblos 02, menang satu putaran #netralitas";
  EXPECT_FALSE(same(t, "Coblos", "#netralitas"));
  EXPECT_FALSE(same(t, "Coblos", "netralitas"));  // a match inside the hashtag
  EXPECT_TRUE(same(t, "#netralitas", "netralitas"));
  EXPECT_FALSE(same("#netralitas coblos 02", "#netralitas", "coblos"));
  EXPECT_FALSE(same("@kompascom coblos 02", "kompascom", "coblos"));
  // Words on both sides of a hashtag stay one clause.
  EXPECT_TRUE(same("Dikutip dari #beritaterkini Prabowo berkampanye", "Dikutip", "Prabowo"));
}

TEST(Clause, OffsetsAtTheEnds) {
  EXPECT_EQ(clause_start("", 0), 0u);
  EXPECT_EQ(clause_start("abc", 9), 0u);
  EXPECT_EQ(clause_start("a. b", 3), 2u);
}

}  // namespace
}  // namespace netra::engine
