#include <gtest/gtest.h>

#include <chrono>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document doc_of(const std::vector<std::string>& lines) {
  Document doc;
  for (const auto& line : lines) {
    Block b;
    b.text = line;
    doc.blocks.push_back(b);
  }
  return doc;
}

Document clean(const std::vector<std::string>& lines) {
  Document doc = doc_of(lines);
  testkit::make_cleaner("structure")->clean(doc);
  return doc;
}

const std::string kBody1 =
    "党的十九大指出要建设“网络强国”“数字中国”(见附件)。习近平总书记指出,"
    "要高度重视信息化发展对党的建设的影响?";
const std::string kBody2 =
    "近年来,互联网两新组织已经成为党建工作的重要阵地,截至2023-08-10共有100余家企业参与。";

TEST(Structure, CleanParagraphsStayParagraphsAndUnchanged) {
  const Document doc = clean(
      {kBody1, kBody2, "“1平台”即1个融合治理智慧平台;", "怎么做?请往下看——", kBody1 + "补充"});
  for (const auto& b : doc.blocks) {
    EXPECT_TRUE(b.kept()) << b.text;
    EXPECT_EQ(b.kind, BlockKind::kParagraph) << b.text;
  }
  EXPECT_EQ(doc.blocks[0].text, kBody1);
  EXPECT_TRUE(doc.repairs.empty());
}

TEST(Structure, HeadingsByShapeNumberingAndQuestion) {
  const Document doc =
      clean({"网络文明街区", "擦亮网络文明新IP", kBody1, "一、工作背景", kBody2, "怎么“聚”?",
             kBody1 + "甲", "聚焦“三化”,以網連心,團結引領好網絡人士", kBody2 + "乙"});
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[3].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[5].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[7].kind, BlockKind::kHeading);
  EXPECT_EQ(doc.blocks[8].kind, BlockKind::kParagraph);
}

TEST(Structure, HeadingLengthCountsCharactersNotWords) {
  // 40 characters and no spaces: too long for a heading although it is one "word".
  const std::string long_line =
      "网络文明示范带核心段一带五区正式发布以大运河为纽带建设以三堡街为代表的网络文明示范街区";
  const Document doc = clean({long_line, kBody1});
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kParagraph);
}

TEST(Structure, DatedOneSentenceLinesAreCaptions) {
  const Document doc =
      clean({kBody1, "2021年9月1日,納溪區知聯會主題教育座談會在護國中學舉行。", kBody2,
             "2021年6月9日,杭州市召开会议。会议指出,要加强建设。", kBody1});
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kCaption);
  EXPECT_EQ(doc.blocks[3].kind, BlockKind::kParagraph) << "two sentences are text";
}

TEST(Structure, SoftWrappedLeadIsJoined) {
  const Document doc =
      clean({"网络文明", "是新形势下社会文明的重要内容,", "是建设网络强国的重要领域。", "今年以来,",
             "推动网络文明建设取得新成效。", kBody1});
  EXPECT_EQ(doc.blocks[0].text,
            "网络文明是新形势下社会文明的重要内容,是建设网络强国的重要领域。今年以来,"
            "推动网络文明建设取得新成效。");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kParagraph);
  for (std::size_t i = 1; i < 5; ++i) EXPECT_EQ(doc.blocks[i].removed->rule, "soft-wrap-joined");
  ASSERT_EQ(doc.repairs.size(), 1u);
  EXPECT_EQ(doc.repairs[0].rule, "soft-wrap");
}

TEST(Structure, ShortListItemsAndHeadingPairsAreNotJoined) {
  const Document doc = clean({"网络文明街区", "擦亮网络文明新IP", kBody1, "“1平台”即融合平台;",
                              "“5中心”即动员中心;", "“4行动”即网民工作室,", "完成。", kBody2});
  for (const auto& b : doc.blocks) EXPECT_TRUE(b.kept()) << b.text;
}

TEST(Structure, DuplicateKeepsTheCopyUnderItsHeading) {
  const std::string dup =
      "以化龍網絡科技股份有限公司為代表,打造一批互聯網企業示范單位,助力高質量發展。";
  const Document doc = clean(
      {"化龍網絡被認定為基地", kBody1, dup, kBody2, "1批互聯網企業示范單位", dup, kBody1 + "尾"});
  EXPECT_EQ(doc.blocks[2].removed->rule, "duplicate-paragraph");
  EXPECT_TRUE(doc.blocks[5].kept());
  const Document plain = clean({dup, kBody1, dup});
  EXPECT_TRUE(plain.blocks[0].kept()) << "without a heading the first copy stays";
  EXPECT_FALSE(plain.blocks[2].kept());
}

TEST(Structure, ScreenshotNamesBecomeImages) {
  const Document doc = clean({kBody1, "FMV3{I[~{F3JICG}){B[D)N.png", "~DC6ZAWM64EK5WG`@[H1Q0S.png",
                              kBody2, "见附图 photo.png 说明"});
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kImage);
  EXPECT_EQ(doc.blocks[1].src, "FMV3{I[~{F3JICG}){B[D)N.png");
  EXPECT_TRUE(doc.blocks[1].text.empty());
  EXPECT_EQ(doc.blocks[2].kind, BlockKind::kImage);
  EXPECT_EQ(doc.blocks[4].kind, BlockKind::kParagraph);
  EXPECT_EQ(doc.text().find("FMV3"), std::string::npos) << "image names are not text";
  EXPECT_EQ(doc.text().find("~DC6"), std::string::npos);
}

TEST(Structure, WhitespaceIsNormalised) {
  const Document doc =
      clean({"\u3000\u3000钟楼区作为常州道德讲堂的发端地,\u00a0文明基因嵌入城市肌理。", "\u00a0",
             kBody1});
  EXPECT_EQ(doc.blocks[0].text, "钟楼区作为常州道德讲堂的发端地, 文明基因嵌入城市肌理。");
  EXPECT_EQ(doc.blocks[1].removed->rule, "empty");
}

TEST(Structure, EmptyDocumentAndHugeLine) {
  Document empty;
  testkit::make_cleaner("structure")->clean(empty);
  EXPECT_TRUE(empty.blocks.empty());
  std::string huge;
  while (huge.size() < (50u << 20)) huge += "网络文明建设取得新成效,";
  Document doc = doc_of({huge, huge});
  const auto start = std::chrono::steady_clock::now();
  testkit::make_cleaner("structure")->clean(doc);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_FALSE(doc.blocks[1].kept()) << "exact duplicate";
}

}  // namespace
}  // namespace clearpage
