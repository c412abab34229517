#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {
namespace {

TEST(Utf8, Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("中文，标点。"));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));       // a real U+FFFD
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, SanitizeCountsReplacements) {
  std::size_t replaced = 0;
  EXPECT_EQ(sanitize_utf8("a\xFF"
                          "b",
                          &replaced),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(replaced, 1u);
  EXPECT_EQ(sanitize_utf8("中文", &replaced), "中文");
  EXPECT_EQ(replaced, 0u);
}

// Byte-at-a-time forms of the scans, to check the word-at-a-time ASCII paths against.
std::string reference_sanitize(std::string_view text, std::size_t& bad) {
  std::string out;
  std::size_t pos = 0;
  bad = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (next_code_point(text, pos) == kReplacementChar && text.substr(start, 3) != "\xEF\xBF\xBD") {
      ++bad;
      append_utf8(out, kReplacementChar);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string reference_normalize(std::string_view text) {
  std::string out;
  bool pending = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (is_space(next_code_point(text, pos))) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out.append(text.substr(start, pos - start));
  }
  return out;
}

TEST(Utf8, FastPathsMatchByteAtATimeScans) {
  // Invalid bytes, spaces and multi-byte characters at every offset of long ASCII runs.
  const std::vector<std::string> pieces = {"a",
                                           "bcdefgh",
                                           " ",
                                           "\t\n",
                                           "\v\f\r",
                                           "\xFF",
                                           "\xE4\xB8",
                                           "中",
                                           "\u3000",
                                           "\u00A0",
                                           "\xEF\xBF\xBD",
                                           "\xC0\xAF",
                                           "0123456789",
                                           "\xC2",
                                           "\xC2\xA1",
                                           "\xE2\x80",
                                           "\xE3\x80",
                                           "\u200B",
                                           "\u200C",
                                           "\u202F",
                                           "\u205F",
                                           "\u1680",
                                           "\uFEFF",
                                           "\u2028",
                                           "\xE1\x9A",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\xA0\x80"};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = static_cast<int>(random() % 24);
    for (int i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    std::size_t expected_bad = 0;
    const std::string expected = reference_sanitize(text, expected_bad);
    std::size_t bad = 0;
    ASSERT_EQ(sanitize_utf8(text, &bad), expected) << text;
    ASSERT_EQ(bad, expected_bad) << text;
    ASSERT_EQ(is_valid_utf8(text), expected_bad == 0) << text;
    ASSERT_EQ(normalize_whitespace(text), reference_normalize(text)) << text;
  }
}

TEST(Utf8, Classes) {
  EXPECT_TRUE(is_han(U'網'));
  EXPECT_FALSE(is_han(U'a'));
  EXPECT_TRUE(is_punctuation(U'。'));
  EXPECT_TRUE(is_punctuation(U'，'));
  EXPECT_TRUE(is_space(0x3000));
  EXPECT_TRUE(is_space(0xA0));
  EXPECT_EQ(count_code_points("中a文"), 3u);
}

TEST(Utf8, CountCodePointsCappedStopsOnePastTheCap) {
  EXPECT_EQ(count_code_points_capped("中a文", 5), 3u);
  EXPECT_EQ(count_code_points_capped("中a文", 3), 3u);
  EXPECT_EQ(count_code_points_capped("中a文", 2), 3u);
  EXPECT_EQ(count_code_points_capped("中a文字", 1), 2u);
  EXPECT_EQ(count_code_points_capped("", 0), 0u);
}

TEST(Normalize, Whitespace) {
  EXPECT_EQ(normalize_whitespace("\u3000\u3000正文\u00A0 开始  了\t"), "正文 开始 了");
  EXPECT_EQ(trim("\u3000 标题 \u00A0"), "标题");
  EXPECT_EQ(trim(""), "");
}

TEST(Normalize, FullWidthAsciiAndIcuForms) {
  EXPECT_EQ(fold_full_width_ascii("ＡＢＣ１２３，。"), "ABC123,。");
  EXPECT_EQ(nfkc("ｆｉ①"), "fi1");
  EXPECT_EQ(nfc("e\u0301"), "\u00E9");
}

TEST(Normalize, AsciiLowerLeavesOtherBytes) {
  EXPECT_EQ(ascii_lower("Content-Type: TEXT/Html; ÀÉ Ω"), "content-type: text/html; ÀÉ Ω");
  EXPECT_EQ(ascii_lower(std::string("A\xC0\xFFZ[@", 6)), std::string("a\xC0\xFFz[@", 6));
  EXPECT_EQ(ascii_lower(""), "");
}

}  // namespace
}  // namespace clearpage::text
