#include <gtest/gtest.h>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {
namespace {

TEST(Utf8, Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("中文，标点。"));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));             // a real U+FFFD
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));            // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));                // truncated
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));        // past U+10FFFF
}

TEST(Utf8, SanitizeCountsReplacements) {
  std::size_t replaced = 0;
  EXPECT_EQ(sanitize_utf8("a\xFF" "b", &replaced), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(replaced, 1u);
  EXPECT_EQ(sanitize_utf8("中文", &replaced), "中文");
  EXPECT_EQ(replaced, 0u);
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

}  // namespace
}  // namespace clearpage::text
