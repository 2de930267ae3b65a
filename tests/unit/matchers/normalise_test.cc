#include "matchers/normalise.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "matchers/normalise_internal.h"
#include "matchers/simd.h"

namespace netra::matchers {
namespace {

std::string norm(std::string_view s, Leet leet = Leet::keep) {
  NormalisedText out;
  normalise(s, out, leet);
  return out.text;
}

// The original substring that normalised `needle` (first occurrence) came from.
std::string origin(std::string_view original, std::string_view needle, Leet leet = Leet::keep) {
  NormalisedText out;
  normalise(original, out, leet);
  size_t pos = out.text.find(needle);
  if (pos == std::string::npos) return "<not found in '" + out.text + "'>";
  auto s = out.original_start(static_cast<uint32_t>(pos));
  auto e = out.original_end(static_cast<uint32_t>(pos + needle.size()));
  return std::string(original.substr(s, e - s));
}

void check_invariants(std::string_view original, const NormalisedText& out) {
  ASSERT_EQ(out.text.size(), out.start.size());
  ASSERT_EQ(out.text.size(), out.end.size());
  for (size_t i = 0; i < out.text.size(); ++i) {
    ASSERT_LT(out.start[i], out.end[i]) << i;
    ASSERT_LE(out.end[i], original.size()) << i;
    if (i > 0) {
      ASSERT_LE(out.start[i - 1], out.start[i]) << i;
      ASSERT_LE(out.end[i - 1], out.end[i]) << i;
    }
    auto c = static_cast<unsigned char>(out.text[i]);
    ASSERT_LT(c, 0x80) << "non-ASCII output byte at " << i;
    ASSERT_FALSE(c >= 'A' && c <= 'Z');
  }
}

TEST(Normalise, AsciiLowerCaseAndWhitespace) {
  EXPECT_EQ(norm("Coblos  PRABOWO\t\r\nGibran"), "coblos prabowo gibran");
  EXPECT_EQ(norm("ab\xC2\xA0"
                 "cd\xE3\x80\x80"
                 "ef"),
            "ab cd ef");  // NBSP, ideographic space
  EXPECT_EQ(norm(""), "");
  EXPECT_EQ(norm("   "), " ");
}

TEST(Normalise, KeepsHashtagsMentionsDigitsPunctuation) {
  EXPECT_EQ(norm("#AminAjaDulu"), "#aminajadulu");
  EXPECT_EQ(norm("@Ganjar_Pranowo!"), "@ganjar_pranowo!");
  EXPECT_EQ(norm("Pemilu 2024, no.1?"), "pemilu 2024, no.1?");
  EXPECT_EQ(norm("100 tahun"), "100 tahun");  // digits never collapse
}

TEST(Normalise, FullWidth) {
  EXPECT_EQ(norm("\xEF\xBC\xB0\xEF\xBD\x92\xEF\xBD\x81\xEF\xBD\x82\xEF\xBD\x8F\xEF\xBD\x97"
                 "\xEF\xBD\x8F"),
            "prabowo");  // Ｐｒａｂｏｗｏ
  std::string text =
      "dukung \xEF\xBC\xB0\xEF\xBD\x92\xEF\xBD\x81\xEF\xBD\x82\xEF\xBD\x8F"
      "\xEF\xBD\x97\xEF\xBD\x8F!";
  EXPECT_EQ(origin(text, "prabowo"), text.substr(7, 21));
  EXPECT_EQ(norm("\xEF\xBC\x83\xEF\xBC\x90\xEF\xBC\x92"), "#02");  // ＃０２
}

TEST(Normalise, MathematicalAlphanumerics) {
  // 𝐆𝐚𝐧𝐣𝐚𝐫 (bold) and 𝗔𝗻𝗶𝗲𝘀 (sans bold), 𝟎𝟏 (bold digits)
  EXPECT_EQ(norm("\xF0\x9D\x90\x86\xF0\x9D\x90\x9A\xF0\x9D\x90\xA7\xF0\x9D\x90\xA3\xF0\x9D\x90\x9A"
                 "\xF0\x9D\x90\xAB"),
            "ganjar");
  EXPECT_EQ(
      norm("\xF0\x9D\x97\x94\xF0\x9D\x97\xBB\xF0\x9D\x97\xB6\xF0\x9D\x97\xB2\xF0\x9D\x98\x80"),
      "anies");
  EXPECT_EQ(norm("\xF0\x9D\x9F\x8E\xF0\x9D\x9F\x8F"), "01");
  EXPECT_EQ(norm("\xE2\x84\x99"), "p");  // ℙ (letterlike hole in the math block)
}

TEST(Normalise, Confusables) {
  // "Рrаbоwо" with Cyrillic Р а о о
  std::string text =
      "\xD0\xA0r\xD0\xB0"
      "b\xD0\xBE"
      "w\xD0\xBE";
  EXPECT_EQ(norm(text), "prabowo");
  EXPECT_EQ(origin("ayo " + text + " menang", "prabowo"), text);
  // Cyrillic с е х у і ј ѕ к м т н в after a Latin letter (one mixed-script word)
  EXPECT_EQ(norm("z\xD1\x81\xD0\xB5\xD1\x85\xD1\x83\xD1\x96\xD1\x98\xD1\x95\xD0\xBA\xD0\xBC"
                 "\xD1\x82\xD0\xBD\xD0\xB2"),
            "zcexyijskmthb");
  // Greek ο α ε ι κ ν ρ τ υ after a Latin letter
  EXPECT_EQ(norm("z\xCE\xBF\xCE\xB1\xCE\xB5\xCE\xB9\xCE\xBA\xCE\xBD\xCF\x81\xCF\x84\xCF\x85"),
            "zoaeikvptu");
  EXPECT_EQ(norm("ganj\xCE\xB1r"), "ganjar");
  EXPECT_EQ(norm("\xD0\x96"), " ");  // Ж: no look-alike, becomes a space
}

// Unicode disguises folded by NFKC_Casefold, combining-mark removal, Latin
// letter names and (in mixed-script words) the UTS #39 skeleton. Each must
// give the plain word, and its evidence must map back to the disguised bytes.
struct Disguise {
  const char* what;
  std::string text;  // the disguised word
  const char* plain;
};

TEST(Normalise, UnicodeDisguises) {
  const Disguise cases[] = {
      {"small capitals",
       "\xE1\xB4\x98\xCA\x80\xE1\xB4\x80\xCA\x99\xE1\xB4\x8F\xE1\xB4\xA1\xE1\xB4\x8F",
       "prabowo"},  // ᴘʀᴀʙᴏᴡᴏ
      {"small capitals 2", "\xC9\xA2\xE1\xB4\x80\xC9\xB4\xE1\xB4\x8A\xE1\xB4\x80\xCA\x80",
       "ganjar"},  // ɢᴀɴᴊᴀʀ
      {"mathematical bold",
       "\xF0\x9D\x90\x80\xF0\x9D\x90\xA7\xF0\x9D\x90\xA2\xF0\x9D\x90\x9E\xF0\x9D\x90\xAC",
       "anies"},  // 𝐀𝐧𝐢𝐞𝐬
      {"mathematical script",
       "\xF0\x9D\x93\xB0\xF0\x9D\x93\xAA\xF0\x9D\x93\xB7\xF0\x9D\x93\xB3\xF0\x9D\x93\xAA\xF0\x9D"
       "\x93\xBB",
       "ganjar"},  // 𝓰𝓪𝓷𝓳𝓪𝓻
      {"circled", "\xE2\x92\xB6\xE2\x93\x9D\xE2\x93\x98\xE2\x93\x94\xE2\x93\xA2",
       "anies"},  // Ⓐⓝⓘⓔⓢ
      {"negative squared",
       "\xF0\x9F\x85\xBF\xF0\x9F\x86\x81\xF0\x9F\x85\xB0\xF0\x9F\x85\xB1\xF0\x9F\x85\xBE\xF0\x9F"
       "\x86\x86"
       "\xF0\x9F\x85\xBE",
       "prabowo"},  // 🅿🆁🅰🅱🅾🆆🅾
      {"full-width letters", "\xEF\xBC\xB0\xEF\xBC\xA4\xEF\xBC\xA9\xEF\xBC\xB0",
       "pdip"},                                                 // ＰＤＩＰ
      {"full-width digits", "\xEF\xBC\x90\xEF\xBC\x92", "02"},  // ０２
      {"combining low line",
       "a\xCD\x9F"
       "n\xCD\x9F"
       "i\xCD\x9F"
       "e\xCD\x9F"
       "s\xCD\x9F",
       "anies"},                                                // a͟n͟i͟e͟s͟
      {"precomposed accents", "\xC3\xA1ni\xC3\xA9s", "anies"},  // ániés
      {"Cyrillic Er", "\xD0\xA0rabowo", "prabowo"},             // Рrabowo
      {"Cyrillic a", "G\xD0\xB0njar", "ganjar"},                // Gаnjar
      {"Armenian o", "prab\xD6\x85wo", "prabowo"},              // prabօwo
      {"Greek omicron", "prab\xCE\xBFw\xCE\xBF", "prabowo"},    // prabοwο
      {"zero-width space", "gan\xE2\x80\x8Bjar", "ganjar"},
      {"zero-width joiner", "a\xE2\x80\x8Dnies", "anies"},
      {"soft hyphen",
       "pra\xC2\xAD"
       "bo\xC2\xAD"
       "wo",
       "prabowo"},
      {"word joiner", "gib\xE2\x81\xA0ran", "gibran"},
  };
  for (const Disguise& d : cases) {
    const std::string text = "ayo " + d.text + " menang";
    EXPECT_EQ(norm(d.text), d.plain) << d.what;
    EXPECT_EQ(norm(text), std::string("ayo ") + d.plain + " menang") << d.what;
    EXPECT_EQ(origin(text, d.plain), d.text) << d.what;
    NormalisedText out;
    normalise(text, out, Leet::fold);
    check_invariants(text, out);
    EXPECT_EQ(out.text, std::string("ayo ") + d.plain + " menang") << d.what;
  }
}

TEST(Normalise, EveryOutputByteMapsToWholeSourceCodepoint) {
  // 𝐀 (4 bytes) n ́ (2 bytes, dropped) ı (2 bytes)
  const std::string text = "\xF0\x9D\x90\x80n\xCC\x81\xC4\xB1";
  NormalisedText out;
  normalise(text, out);
  ASSERT_EQ(out.text, "ani");
  EXPECT_EQ(out.start[0], 0u);
  EXPECT_EQ(out.end[0], 4u);
  EXPECT_EQ(out.start[1], 4u);
  EXPECT_EQ(out.start[2], 7u);
  EXPECT_EQ(out.end[2], 9u);
}

TEST(Normalise, WholeScriptConfusablesFoldOtherWordsStay) {
  // A word wholly in look-alikes of another script is UTS #39's whole-script
  // confusable and folds like a mixed one: "Рара Сосо" (Cyrillic), "АМІΝ"
  // (Cyrillic А М І, Greek Ν), "РКЅ".
  EXPECT_EQ(norm("\xD0\xA0\xD0\xB0\xD1\x80\xD0\xB0 \xD0\xA1\xD0\xBE\xD1\x81\xD0\xBE"), "papa coco");
  EXPECT_EQ(norm("coblos \xD0\x90\xD0\x9C\xD0\x86\xCE\x9D"), "coblos amin");
  EXPECT_EQ(norm("\xD0\xA0\xD0\x9A\xD0\x85"), "pks");
  EXPECT_EQ(origin("coblos \xD0\x90\xD0\x9C\xD0\x86\xCE\x9D!", "amin"),
            "\xD0\x90\xD0\x9C\xD0\x86\xCE\x9D");
  // A word with one letter that looks like no Latin letter is genuine text of
  // its script: "привет", "да" (д), "нет" stay other script.
  EXPECT_EQ(norm("kata \xD0\xB4\xD0\xB0 ya"), "kata ya");
  EXPECT_EQ(norm("\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), " ");
  // Only the mixed word folds: "да Рrabowo".
  EXPECT_EQ(norm("\xD0\xB4\xD0\xB0 \xD0\xA0rabowo"), " prabowo");
}

TEST(Normalise, NumberSignsWithoutDecompositionByValue) {
  EXPECT_EQ(norm("nomor \xE2\x9D\xB7"), "nomor 2");           // ❷ dingbat negative circled
  EXPECT_EQ(norm("nomor \xE2\x9E\x8B"), "nomor 2");           // ➋
  EXPECT_EQ(norm("nomor \xD9\xA2"), "nomor 2");               // Arabic-Indic ٢
  EXPECT_EQ(norm("\xEF\xBC\x90\xEF\xBC\x92"), "02");          // full-width (NFKC)
  EXPECT_EQ(norm("\xF0\x9D\x9F\x8E\xF0\x9D\x9F\x90"), "02");  // mathematical bold
  EXPECT_EQ(origin("no \xE2\x9D\xB7!", "2"), "\xE2\x9D\xB7");
  EXPECT_EQ(norm("\xE4\xBA\x8C"), " ");  // Han 二 is a letter: not a digit
}

TEST(Normalise, SymbolsThatSpellWordsStandApart) {
  EXPECT_EQ(norm("prabowo\xE2\x84\xA2"), "prabowo tm ");  // ™
  EXPECT_EQ(norm("\xEF\xAC\x81le"), "file");              // ﬁ ligature is a letter
}

TEST(Normalise, LatinAccents) {
  EXPECT_EQ(norm("\xC3\x81nies B\xC3\xA1swed\xC3\xA1n"), "anies baswedan");  // Ánies Báswedán
  EXPECT_EQ(norm("\xC5\x9E\xC4\xB1r\xC3\xA7\xC3\xB1"), "sircn");             // Şırçñ
  EXPECT_EQ(norm("\xC3\x86"
                 "x"),
            "aex");  // Æx
  EXPECT_EQ(norm("Stra\xC3\x9F"
                 "e"),
            "strase");                // ß -> ss -> s
  EXPECT_EQ(norm("e\xCC\x81"), "e");  // combining acute dropped
  EXPECT_EQ(origin("caf\xC3\xA9!", "cafe"), "caf\xC3\xA9");
}

TEST(Normalise, InvisibleCharactersRemoved) {
  const std::string zw[] = {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x81\xA0",
                            "\xEF\xBB\xBF", "\xC2\xAD",     "\xEF\xB8\x8F", "\xEF\xB8\x8E"};
  for (const auto& z : zw) {
    std::string text = "pra" + z + "bo" + z + "wo";
    EXPECT_EQ(norm(text), "prabowo") << z.size();
    EXPECT_EQ(origin("x " + text + " y", "prabowo"), text);
  }
  EXPECT_EQ(norm("ok\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), "ok ");  // 👍🏽 -> one space
}

TEST(Normalise, Elongation) {
  EXPECT_EQ(norm("cooobloosss"), "coblos");
  EXPECT_EQ(origin("ayo cooobloosss!", "coblos"), "cooobloosss");
  EXPECT_EQ(norm("aamiin"), "amin");
  EXPECT_EQ(normalise_literal("aamiin"), "amin");
  EXPECT_EQ(normalise_literal("AAMIIN"), norm("aaaamiiiinnn"));
  EXPECT_EQ(norm("CoOoBlOs"), "coblos");  // case folds before collapsing
}

TEST(Normalise, SpelledOutLetters) {
  EXPECT_EQ(norm("p r a b o w o"), "prabowo");
  EXPECT_EQ(norm("c.o.b.l.o.s"), "coblos");
  EXPECT_EQ(norm("p-i-l-i-h"), "pilih");
  EXPECT_EQ(norm("a_m_i_n"), "amin");
  EXPECT_EQ(norm("ayo P R A B O W O menang"), "ayo prabowo menang");
  EXPECT_EQ(origin("ayo p r a b o w o!", "prabowo"), "p r a b o w o");
  EXPECT_EQ(norm("c o o b l o s"), "coblos");  // joined, then collapsed
  EXPECT_EQ(norm("a b"), "a b");               // fewer than three letters
  EXPECT_EQ(norm("1 2 3 4"), "1 2 3 4");       // never digits
  EXPECT_EQ(norm("no 1 2 3"), "no 1 2 3");
  EXPECT_EQ(norm("ab c d"), "ab c d");  // "ab" is not a single letter
  EXPECT_EQ(norm("s.h. m.m"), "s.h. m.m");
}

TEST(Normalise, Keycaps) {
  EXPECT_EQ(norm("coblos 1\xEF\xB8\x8F\xE2\x83\xA3"), "coblos 1");  // 1️⃣
  EXPECT_EQ(origin("coblos 1\xEF\xB8\x8F\xE2\x83\xA3 ya", "1"), "1\xEF\xB8\x8F\xE2\x83\xA3");
  EXPECT_EQ(norm("2\xE2\x83\xA3"), "2");  // without the variation selector
  EXPECT_EQ(norm("0\xEF\xB8\x8F\xE2\x83\xA3"
                 "1\xEF\xB8\x8F\xE2\x83\xA3"),
            "01");
  EXPECT_EQ(norm("\xF0\x9F\x94\x9F"), "10");  // 🔟
  EXPECT_EQ(norm("x\xE2\x83\xA3"), "x");      // stray keycap combiner dropped
}

TEST(Normalise, GestureEmoji) {
  EXPECT_EQ(norm("\xE2\x98\x9D\xEF\xB8\x8F"), " salam satu jari ");
  EXPECT_EQ(norm("foto \xE2\x98\x9D\xEF\xB8\x8F yuk"), "foto salam satu jari yuk");
  EXPECT_EQ(norm("mantap\xE2\x9C\x8C\xF0\x9F\x8F\xBB"), "mantap salam dua jari ");
  EXPECT_EQ(norm("\xF0\x9F\xA4\x9F"), " salam tiga jari ");
  EXPECT_EQ(norm("\xF0\x9F\xA4\x98"), " salam tiga jari ");
  std::string text = "ok\xE2\x9C\x8C!";
  EXPECT_EQ(origin(text, "salam dua jari"), "\xE2\x9C\x8C");
}

TEST(Normalise, InvalidUtf8) {
  EXPECT_EQ(norm("ab\xFF"
                 "cd"),
            "ab cd");
  EXPECT_EQ(norm("ab\xFF\xFE"
                 "cd"),
            "ab cd");                    // each bad byte a space, then folded
  EXPECT_EQ(norm("\xC3"), " ");          // truncated sequence
  EXPECT_EQ(norm("\xE0\x80\xAF"), " ");  // overlong
  EXPECT_EQ(norm("\xED\xA0\x80"
                 "x"),
            " x");                           // surrogate
  EXPECT_EQ(norm("\xF4\x90\x80\x80"), " ");  // > U+10FFFF
  EXPECT_EQ(origin("\xFFganjar\xC3", "ganjar"), "ganjar");
  NormalisedText out;
  normalise(
      "a\xFF"
      "b",
      out);
  ASSERT_EQ(out.text, "a b");
  EXPECT_EQ(out.start[1], 1u);
  EXPECT_EQ(out.end[1], 2u);
}

TEST(Normalise, EmojiBecomeSpaces) {
  std::string text = "prabowo\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5menang";
  EXPECT_EQ(norm(text), "prabowo menang");
  EXPECT_EQ(origin(text, "menang"), "menang");
  EXPECT_EQ(origin(text, "prabowo"), "prabowo");
}

TEST(Normalise, LeetFold) {
  EXPECT_EQ(norm("pr4b0w0", Leet::fold), "prabowo");
  EXPECT_EQ(norm("G4NJ4R", Leet::fold), "ganjar");
  EXPECT_EQ(norm("an!es", Leet::fold), "anies");
  EXPECT_EQ(norm("n0 1 tetap pilihan rayat", Leet::fold), "no 1 tetap pilihan rayat");
  EXPECT_EQ(norm("c0bl0s", Leet::fold), "coblos");
  EXPECT_EQ(norm("5ukse5", Leet::fold), "5ukses");  // leading digits stay
  EXPECT_EQ(norm("b3r5ama", Leet::fold), "bersama");
  EXPECT_EQ(norm("prabow0", Leet::fold), "prabowo");
  EXPECT_EQ(norm("d$kung", Leet::fold), "dskung");
  EXPECT_EQ(norm("g00gle", Leet::fold), "gogle");
  EXPECT_EQ(norm("pr4b0w0!!", Leet::fold), "prabowo!!");
  EXPECT_EQ(norm("an!es!", Leet::fold), "anies!");  // two-char run, then collapsed
  EXPECT_EQ(origin("pr4b0w0!", "prabowo", Leet::fold), "pr4b0w0");
}

TEST(Normalise, LeetFoldFromKeep) {
  // Derived from the keep form, including the letter runs that leet creates
  // and the offsets they collapse to.
  for (const char* s : {"ayo g00gle sekarang", "pr4b0w0!! menang", "an!es!", "no1 c0bl0s",
                        "kata2 b3r5ama 2024", "p r a b 0 w o pr4bowo"}) {
    NormalisedText keep, derived, direct;
    normalise(s, keep, Leet::keep);
    normalise(s, direct, Leet::fold);
    ASSERT_TRUE(leet_fold(s, keep, derived)) << s;
    EXPECT_EQ(derived.text, direct.text) << s;
    EXPECT_EQ(derived.start, direct.start) << s;
    EXPECT_EQ(derived.end, direct.end) << s;
  }
  NormalisedText keep, derived;
  derived.text = "untouched";
  normalise("menang! no1 2024", keep, Leet::keep);
  EXPECT_FALSE(leet_fold("menang! no1 2024", keep, derived));
  EXPECT_EQ(derived.text, "untouched");
}

TEST(Normalise, LeetKeepsNumbers) {
  for (const char* s :
       {"no1", "no.1", "01", "paslon02", "nomor2", "kata2", "nomor1", "paslon1", "capres3", "2024",
        "pilpres2024", "no 1", "rp50", "k212", "menang!", "@prabowo", "#2019gantipresiden"}) {
    EXPECT_EQ(norm(s, Leet::fold), norm(s)) << s;
  }
  EXPECT_EQ(norm("pr4b0w0"), "pr4b0w0");  // Leet::keep leaves it
}

TEST(Normalise, HasLeet) {
  for (const char* yes : {"pr4bowo", "prabow0", "an!es", "g00gle", "ayo c0blos"}) {
    NormalisedText out;
    normalise(yes, out);
    EXPECT_TRUE(leet_changes(out)) << yes;
  }
  // Leet characters next to letters that the rule leaves alone: no second pass.
  for (const char* no : {"menang!", "mantap!! 2024", "pemilu2024", "t.co/abc123", "no1", "kata2"}) {
    NormalisedText out;
    normalise(no, out);
    EXPECT_FALSE(leet_changes(out)) << no;
  }
  EXPECT_TRUE(has_leet("pr4b0w0"));
  EXPECT_TRUE(has_leet("an!es"));
  EXPECT_TRUE(has_leet("n0 1"));
  EXPECT_TRUE(has_leet("g\xEF\xBC\x94njar"));  // full-width 4
  EXPECT_FALSE(has_leet("coblos no 1 tanggal 14"));
  EXPECT_FALSE(has_leet("kata2 2024"));
  EXPECT_FALSE(has_leet("prabowo gibran"));
  // has_leet() == false must imply the two foldings agree.
  for (const char* s : {"no 1", "coblos 02", "2 0 2 4", "p r a b o w o", "aamiin"}) {
    if (!has_leet(s)) {
      EXPECT_EQ(norm(s, Leet::fold), norm(s)) << s;
    }
  }
}

TEST(Normalise, LiteralMatchesText) {
  for (const char* s : {"Prabowo Subianto", "H. Anies Baswedan", "GANJAR  PRANOWO",
                        "Muhaimin Iskandar", "AAMIIN", "#AminAjaDulu", "M. Ramadhana"}) {
    EXPECT_EQ(normalise_literal(s), norm(s)) << s;
  }
}

TEST(Normalise, NoAllocationWhenCapacitySuffices) {
  NormalisedText out;
  std::string text(500, 'a');
  for (size_t i = 0; i < text.size(); i += 7) text[i] = ' ';
  out.reserve(text.size());
  const char* data = out.text.data();
  const uint32_t* starts = out.start.data();
  const uint32_t* ends = out.end.data();
  for (int i = 0; i < 3; ++i) {
    normalise(text, out, Leet::fold);
    normalise("Ｐｒａｂｏｗｏ c.o.b.l.o.s", out);
  }
  EXPECT_EQ(out.text.data(), data);
  EXPECT_EQ(out.start.data(), starts);
  EXPECT_EQ(out.end.data(), ends);
}

TEST(Normalise, ExpansionGrowsBuffers) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xE2\x98\x9D";  // 3 bytes -> 17 bytes each
  NormalisedText out;
  normalise(text, out);
  check_invariants(text, out);
  EXPECT_EQ(out.text.substr(0, 17), " salam satu jari ");
}

TEST(Normalise, RandomInputKeepsInvariants) {
  std::mt19937 rng(42);
  const std::string pieces[] = {"a",
                                "B",
                                "o",
                                " ",
                                ".",
                                "-",
                                "_",
                                "4",
                                "0",
                                "1",
                                "2",
                                "!",
                                "@",
                                "#",
                                "\t",
                                "\n",
                                "\xFF",
                                "\xC3",
                                "\xC3\xA9",
                                "\xE2\x80\x8B",
                                "\xEF\xB8\x8F",
                                "\xE2\x83\xA3",
                                "\xE2\x98\x9D",
                                "\xF0\x9F\xA4\x9F",
                                "\xF0\x9F\x8F\xBB",
                                "\xEF\xBC\xB0",
                                "\xD0\xB0",
                                "\xF0\x9D\x90\x86",
                                "\xF0\x9F",
                                "\xE2\x98",
                                "\xCE\xBF",
                                "\xC2\xAD",
                                "\xC2\xA0",
                                "\xE1\xB4\x98",      // small capital P
                                "\xF0\x9F\x85\xBF",  // negative squared P
                                "\xCD\x9F",          // combining double macron below
                                "\xE2\x84\xA2",      // trade mark sign (folds to " tm ")
                                "\xD6\x85",          // Armenian oh
                                "\xEF\xBC\x90",      // full-width 0
                                "\xE2\x91\xA9"};     // circled 10
  NormalisedText out;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string text;
    int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) {
      if (rng() % 8 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += pieces[rng() % std::size(pieces)];
      }
    }
    for (Leet leet : {Leet::keep, Leet::fold}) {
      normalise(text, out, leet);
      check_invariants(text, out);
      if (HasFatalFailure()) {
        ADD_FAILURE() << "input bytes: " << ::testing::PrintToString(text);
        return;
      }
    }
    if (!has_leet(text)) {
      NormalisedText keep;
      normalise(text, keep, Leet::keep);
      normalise(text, out, Leet::fold);
      ASSERT_EQ(keep.text, out.text) << ::testing::PrintToString(text);
    }
  }
}

// Both SIMD paths (64 bytes at a time where the CPU has AVX-512, and 16) give
// what the byte-by-byte path gives, with either leet mode.
::testing::AssertionResult simd_paths_match_scalar(const std::string& text) {
  NormalisedText simd, scalar;
  for (bool wide : {true, false})
    for (Leet leet : {Leet::keep, Leet::fold}) {
      internal::set_scalar_only(true);
      normalise(text, scalar, leet);
      internal::set_scalar_only(false);
      const bool was = internal::set_avx512(wide);
      normalise(text, simd, leet);
      internal::set_avx512(was);
      if (simd.text != scalar.text || simd.start != scalar.start || simd.end != scalar.end)
        return ::testing::AssertionFailure()
               << "wide " << wide << ": \"" << simd.text << "\" != \"" << scalar.text << "\"";
    }
  return ::testing::AssertionSuccess();
}

TEST(Normalise, SimdPathMatchesScalarPath) {
  std::mt19937 rng(1234);
  const std::string pieces[] = {"a",
                                "b",
                                "c",
                                "o",
                                "A",
                                "Z",
                                " ",
                                " ",
                                "  ",
                                ".",
                                ",",
                                "-",
                                "_",
                                "(",
                                "[",
                                "^",
                                "#",
                                "'",
                                "4",
                                "0",
                                "2",
                                "!",
                                "@",
                                "$",
                                "\n",
                                "\t",
                                "\xC3\xA9",
                                "\xD0\xB0",
                                "\xE2\x80\x8B",
                                "prabowo",
                                "coblos",
                                "ganjar",
                                " x ",
                                "aa"};
  NormalisedText simd, scalar;
  for (int iter = 0; iter < 50000; ++iter) {
    std::string text;
    int len = static_cast<int>(rng() % (iter % 4 ? 120 : 400));
    for (int i = 0; i < len; ++i) {
      // Mostly plain words so that whole 16-byte chunks qualify.
      text += rng() % 3 ? std::string(1, static_cast<char>('a' + rng() % 26))
                        : pieces[rng() % std::size(pieces)];
    }
    // leet_changes() never misses a fold pass that differs, and is exact
    // unless letters were joined.
    normalise(text, simd, Leet::keep);
    const bool changes = leet_changes(simd), joined = simd.joined;
    const std::string kept = simd.text;
    normalise(text, scalar, Leet::fold);
    if (kept != scalar.text) {
      ASSERT_TRUE(changes) << ::testing::PrintToString(text);
    }
    if (!joined) {
      ASSERT_EQ(changes, kept != scalar.text) << ::testing::PrintToString(text);
    }
    // leet_fold() derives exactly what a Leet::fold pass gives.
    NormalisedText derived;
    ASSERT_EQ(leet_fold(text, simd, derived), changes) << ::testing::PrintToString(text);
    if (changes) {
      ASSERT_EQ(derived.text, scalar.text) << ::testing::PrintToString(text);
      ASSERT_EQ(derived.start, scalar.start) << ::testing::PrintToString(text);
      ASSERT_EQ(derived.end, scalar.end) << ::testing::PrintToString(text);
      ASSERT_EQ(derived.maybe_leet, scalar.maybe_leet) << ::testing::PrintToString(text);
      ASSERT_EQ(derived.joined, scalar.joined) << ::testing::PrintToString(text);
    }
    ASSERT_TRUE(simd_paths_match_scalar(text)) << ::testing::PrintToString(text);
  }
}

TEST(Normalise, SimdPathSeesLettersThatCollapse) {
  // A doubled letter collapses to a single one: where the 16-byte path stops
  // at the double (or a chunk ends just before it), the letter left behind
  // may be one of a spelled-out chain ("a x w" -> "axw"). Found by the random
  // test above with other seeds.
  const char* texts[] = {
      "_rs,kk x p\nrynksswj4w",
      "lgxvuyau$jqftsaspvtprabowoyxfhc x grh x bbin(lnaqfwpwkAfchtdxocoblosnadxfc$"
      "aa x w.ppbeglses[yg\nnqwv\nc"};
  // The double straddling a chunk's end (bytes 15/16 and 63/64).
  std::vector<std::string> all(std::begin(texts), std::end(texts));
  for (size_t at : {15u, 63u}) {
    std::string t;
    while (t.size() < at) t += "prabowo ganjar ";
    t.resize(at - 1);
    all.push_back(t + " kk x p yang lain");
  }
  for (const std::string& text : all) EXPECT_TRUE(simd_paths_match_scalar(text)) << text;
}

}  // namespace
}  // namespace netra::matchers
