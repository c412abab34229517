#include <gtest/gtest.h>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document doc_of(std::initializer_list<std::string> lines) {
  Document doc;
  int n = 0;
  for (const auto& line : lines) {
    Block b;
    b.text = line;
    b.provenance = "line " + std::to_string(++n);
    doc.blocks.push_back(b);
  }
  return doc;
}

TEST(Pinyin, RemovesValidatedAnnotationsInTraditionalText) {
  auto cleaner = testkit::make_cleaner("pinyin");
  Document doc = doc_of(
      {"化龍網(wǎng)絡(luò)被認(rèn)定為創(chuàng)新基地", "全區（qū）現有互聯網（wǎng）企業"});
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "化龍網絡被認定為創新基地");
  EXPECT_EQ(doc.blocks[1].text, "全區現有互聯網企業");
  ASSERT_EQ(doc.repairs.size(), 2u);
  EXPECT_EQ(doc.repairs[0].plugin, "pinyin");
  EXPECT_EQ(doc.repairs[0].before, "網(wǎng)");
  EXPECT_EQ(doc.repairs[0].after, "網");
  EXPECT_NE(doc.repairs[0].detail.find("4 pinyin annotations removed from block 0 (line 1)"),
            std::string::npos)
      << doc.repairs[0].detail;
}

TEST(Pinyin, RemovesAnnotationsInSimplifiedText) {
  auto cleaner = testkit::make_cleaner("pinyin");
  Document doc = doc_of({"网(wǎng)络(luò)人士统(tǒng)战工作"});
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "网络人士统战工作");
}

TEST(Pinyin, RealParenthesesSurvive) {
  auto cleaner = testkit::make_cleaner("pinyin");
  const std::string text =
      "网(wǎng)络(luò)公司(集团)于(2021年)成立,中国(China)苹果(apple)统(tǒng)计(a)。";
  Document doc = doc_of({text});
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "网络公司(集团)于(2021年)成立,中国(China)苹果(apple)统计(a)。");
}

TEST(Pinyin, MinHitsGatesRemovalPerDocument) {
  // Two matching annotations are below the default of three: text is left alone.
  auto cleaner = testkit::make_cleaner("pinyin");
  Document doc = doc_of({"这个字是行(xíng),那个是长(zhǎng)。"});
  const std::string before = doc.blocks[0].text;
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, before);
  EXPECT_TRUE(doc.repairs.empty());

  auto eager = testkit::make_cleaner(
      "pinyin", testkit::options_with("pinyin", {{"min_hits", std::int64_t{2}}}));
  eager->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "这个字是行,那个是长。");
}

TEST(Pinyin, TonelessMatchesOnlyAfterExactHits) {
  auto cleaner = testkit::make_cleaner("pinyin");
  // 为 reads wèi in ICU; wéi differs only in tone.
  Document lone = doc_of({"为(wéi)人民服务(wu)"});
  cleaner->clean(lone);
  EXPECT_EQ(lone.blocks[0].text, "为(wéi)人民服务(wu)");

  Document doc = doc_of({"网(wǎng)络(luò)统(tǒng)为(wéi)人民服务"});
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "网络统为人民服务");

  auto strict =
      testkit::make_cleaner("pinyin", testkit::options_with("pinyin", {{"toneless", false}}));
  Document doc2 = doc_of({"网(wǎng)络(luò)统(tǒng)为(wéi)人民服务"});
  strict->clean(doc2);
  EXPECT_EQ(doc2.blocks[0].text, "网络统为(wéi)人民服务");
}

TEST(Pinyin, CleanTextIsByteIdentical) {
  auto cleaner = testkit::make_cleaner("pinyin");
  const std::string text =
      "2021年9月13日(星期一),记者从市政府(新闻办)获悉:全年GDP增长(6.5%)。你知道吗?Why? "
      "https://example.com/a.php?id=3";
  Document doc = doc_of({text, "（一）总体要求", "第(1)条"});
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, text);
  EXPECT_EQ(doc.blocks[1].text, "（一）总体要求");
  EXPECT_TRUE(doc.repairs.empty());
}

TEST(Pinyin, ListItemsAndTableCellsToo) {
  auto cleaner = testkit::make_cleaner("pinyin");
  Document doc = doc_of({"网(wǎng)络(luò)"});
  Block list;
  list.kind = BlockKind::kList;
  list.items = {"统(tǒng)战"};
  doc.blocks.push_back(list);
  cleaner->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "网络");
  EXPECT_EQ(doc.blocks[1].items[0], "统战");
}

}  // namespace
}  // namespace clearpage
