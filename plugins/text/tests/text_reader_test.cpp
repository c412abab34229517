#include <gtest/gtest.h>

#include "clearpage/text/charset.hpp"
#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document read_text(const std::string& bytes, const std::string& source = "x.txt") {
  auto reader = testkit::make_reader("text");
  const Input input{"x", source, "", "", bytes};
  return reader->read(input);
}

TEST(TextReader, OneBlockPerNonEmptyLineWithLineProvenance) {
  const Document doc = read_text("标题\r\n\n\u3000\u3000正文第一段。\n  \n第二段\n");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.format, "text");
  EXPECT_EQ(doc.blocks[0].text, "标题");
  EXPECT_EQ(doc.blocks[1].text, "正文第一段。");
  EXPECT_EQ(doc.blocks[1].provenance, "line 3");
  EXPECT_EQ(doc.blocks[2].provenance, "line 5");
}

TEST(TextReader, BadInputGetsClearErrors) {
  EXPECT_THROW(
      {
        try {
          read_text("");
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "empty input");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_THROW(read_text(std::string("\0\0\0abc", 6)), std::runtime_error);
  EXPECT_THROW(read_text("\n \n\u3000\n"), std::runtime_error);
}

TEST(TextReader, LongLineLimitIsAnOption) {
  auto reader = testkit::make_reader(
      "text", testkit::options_with("text", {{"max_line_bytes", std::int64_t{10}}}));
  const std::string bytes = std::string(11, 'a') + "\n";
  const Input input{"x", "x.txt", "", "", bytes};
  try {
    reader->read(input);
    FAIL() << "long line accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 1 is 11 bytes, over max_line_bytes (10)"),
              std::string::npos);
  }
}

TEST(TextReader, GbkDumpIsDecoded) {
  const std::string gbk =
      text::encode_to("网络人士统战工作实践创新基地\n第二行正文内容较长一些。\n", "gb18030");
  const Document doc = read_text(gbk);
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].text, "网络人士统战工作实践创新基地");
}

TEST(TextReader, ProbePrefersTxtAndDefersMarkup) {
  auto reader = testkit::make_reader("text");
  const std::string text = "正文";
  const std::string html = "  <html><body>x</body></html>";
  EXPECT_EQ(reader->probe({"a", "a.txt", "", "", text}), kProbeLikely);
  EXPECT_EQ(reader->probe({"a", "a.dat", "", "", text}), kProbeGeneric);
  EXPECT_LT(reader->probe({"a", "a.html", "", "", html}), kProbeGeneric);
}

}  // namespace
}  // namespace clearpage
