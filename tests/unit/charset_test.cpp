#include <gtest/gtest.h>

#include "clearpage/text/charset.hpp"

namespace clearpage::text {
namespace {

TEST(Charset, BomWins) {
  const Decoded d = decode_to_utf8("\xEF\xBB\xBF中文");
  EXPECT_EQ(d.method, "bom");
  EXPECT_EQ(d.utf8, "中文");
}

TEST(Charset, ValidUtf8BeatsAWrongMetaDeclaration) {
  const std::string page =
      "<html><head><meta charset=\"gb2312\"></head><body>中文正文</body></html>";
  const Decoded d = decode_to_utf8(page);
  EXPECT_EQ(d.method, "utf8");
  EXPECT_EQ(d.utf8, page);
}

TEST(Charset, GbkPageDecodesThroughMeta) {
  const std::string body = encode_to(
      "<html><head><meta charset=gbk></head><body>网络人士统战工作</body></html>", "gb18030");
  const Decoded d = decode_to_utf8(body);
  EXPECT_EQ(d.method, "meta");
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_NE(d.utf8.find("网络人士统战工作"), std::string::npos);
  EXPECT_EQ(d.invalid_sequences, 0u);
}

TEST(Charset, DamagedUtf8UnderAGb2312LabelStaysUtf8) {
  const std::string page =
      "<html><head><meta charset=\"gb2312\"></head><body>前面的正文\xFF后面的正文</body></html>";
  const Decoded d = decode_to_utf8(page);
  EXPECT_EQ(d.method, "mostly_utf8");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_NE(d.utf8.find("前面的正文\xEF\xBF\xBD后面的正文"), std::string::npos) << d.utf8;
  EXPECT_EQ(d.invalid_sequences, 1u);
}

TEST(Charset, GbkPastedIntoUtf8IsReadAsGbk) {
  // 中文 in GBK is D6 D0 CE C4.
  const Decoded d = decode_to_utf8("<p>前面是UTF-8的中文。\xD6\xD0\xCE\xC4后面又是中文。</p>");
  EXPECT_EQ(d.method, "mostly_utf8");
  EXPECT_EQ(d.utf8, "<p>前面是UTF-8的中文。中文后面又是中文。</p>");
  EXPECT_EQ(d.invalid_sequences, 0u);
}

TEST(Charset, ShortGbkUnderAUtf8LabelIsGbkNotAGuess) {
  // ICU scores this 10 for UTF-16, Shift_JIS and GB18030 alike; markup without NUL
  // bytes is never UTF-16, and a guess that weak gives way to GB18030.
  const std::string page = "<html><head><meta charset=\"utf-8\"></head><body><p>" +
                           encode_to("声明是UTF-8，其实是GBK。", "gb18030") + "</p></body></html>";
  const Decoded d = decode_to_utf8(page);
  EXPECT_EQ(d.charset, "gb18030");
  EXPECT_NE(d.utf8.find("声明是UTF-8，其实是GBK。"), std::string::npos) << d.utf8;
}

TEST(Charset, Windows1252TextIsNotTakenForDamagedUtf8) {
  const std::string text =
      encode_to("Le café était fermé, à côté de la forêt; déjà l'été. Ça coûte cher, même là-bas.",
                "windows-1252");
  const Decoded d = decode_to_utf8(text);
  EXPECT_NE(d.method, "mostly_utf8");
  EXPECT_EQ(d.invalid_sequences, 0u);
  EXPECT_NE(d.utf8.find("café était fermé"), std::string::npos) << d.charset << ": " << d.utf8;
}

TEST(Charset, HttpHeaderComesBeforeBytes) {
  CharsetHints hints;
  hints.http_charset = "GBK";
  const Decoded d = decode_to_utf8(encode_to("中文", "gb18030"), hints);
  EXPECT_EQ(d.method, "http");
  EXPECT_EQ(d.utf8, "中文");
}

TEST(Charset, MetaSniffing) {
  EXPECT_EQ(sniff_meta_charset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">"),
            "gb2312");
  EXPECT_EQ(sniff_meta_charset("<META CHARSET='utf-8'>"), "utf-8");
  EXPECT_EQ(sniff_meta_charset("<p>charset=gbk</p>"), "");
  EXPECT_EQ(widen_charset("GB2312"), "gb18030");
  EXPECT_EQ(widen_charset("gbk"), "gb18030");
}

TEST(Charset, EncodeRefusesUnmappableText) {
  EXPECT_THROW(encode_to("😀", "iso-8859-1"), std::runtime_error);
  EXPECT_EQ(encode_to("中", "gb18030"), "\xD6\xD0");
}

TEST(Charset, InvalidBytesAreCounted) {
  std::size_t invalid = 0;
  decode_with("\x81", "gb18030", &invalid);
  EXPECT_EQ(invalid, 1u);
}

}  // namespace
}  // namespace clearpage::text
