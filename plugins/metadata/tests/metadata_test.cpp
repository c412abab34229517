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
  testkit::make_cleaner("metadata")->clean(doc);
  return doc;
}

std::string rule_of(const Block& b) {
  return b.removed ? b.removed->rule : std::string();
}

const std::string kBody =
    "党的十九大指出要建设“网络强国”(见附件)。2021年9月13日,会议在杭州召开,与会者问:怎么办?作者认为,"
    "这很重要。";

TEST(Metadata, CleanParagraphsPassUnchanged) {
  Document doc = doc_of({kBody,
                         "来源于群众的智慧,作者:张三的说法并不成立,我们应当继续努力,"
                         "把工作做实做细做好,这是大家的共识。"});
  doc.meta.title = "已有标题";
  testkit::make_cleaner("metadata")->clean(doc);
  for (const auto& b : doc.blocks) EXPECT_TRUE(b.kept()) << b.text << " " << rule_of(b);
  EXPECT_EQ(doc.blocks[0].text, kBody);
  EXPECT_TRUE(doc.meta.published.empty());
  EXPECT_TRUE(doc.meta.source_name.empty());
  EXPECT_TRUE(doc.meta.author.empty());
}

TEST(Metadata, PortalMetaLineWithWidgets) {
  const Document doc =
      clean({"绘就大运河网络文明示范带新画卷",
             "发布日期:2023-08-10 \u00a0 \u00a0来源:常州宣传 浏览次数:\u00a0 字号 【大", kBody});
  EXPECT_EQ(doc.meta.title, "绘就大运河网络文明示范带新画卷");
  EXPECT_EQ(doc.meta.found_by.at("title"), "metadata:first-line");
  EXPECT_EQ(doc.meta.published, "2023-08-10");
  EXPECT_EQ(doc.meta.source_name, "常州宣传");
  EXPECT_EQ(doc.meta.found_by.at("source"), "metadata:meta-line");
  EXPECT_EQ(rule_of(doc.blocks[0]), "title-line");
  EXPECT_EQ(rule_of(doc.blocks[1]), "meta-line");
  EXPECT_TRUE(doc.blocks[2].kept());
}

TEST(Metadata, DateTimePrefixEmptySourceAndAuthor) {
  const Document doc = clean({"当红船遇见互联网!", "2018年05月22日 18:25:40 来源: 作者: 红船领航",
                              kBody, "责任编辑: 李津 张越"});
  EXPECT_EQ(doc.meta.published, "2018-05-22T18:25:40+08:00");
  EXPECT_TRUE(doc.meta.source_name.empty());
  EXPECT_EQ(doc.meta.author, "红船领航");
  EXPECT_EQ(doc.meta.editor, "李津 张越");
  EXPECT_EQ(rule_of(doc.blocks[3]), "meta-line");
}

TEST(Metadata, SourceGluedToDateBracketedEditorAndTitleCopy) {
  const std::string title = "【网络社会组织】坚持“党性”凸显“网味” 创新开展互联网行业党建工作";
  const Document doc =
      clean({title, "来源:光明网-党建频道2021-09-13 14:57", kBody, title, "[ 责编:李澍 ]"});
  EXPECT_EQ(doc.meta.title, title);
  EXPECT_EQ(doc.meta.source_name, "光明网-党建频道");
  EXPECT_EQ(doc.meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(doc.meta.editor, "李澍");
  EXPECT_EQ(rule_of(doc.blocks[3]), "title-copy");
  EXPECT_EQ(rule_of(doc.blocks[4]), "meta-line");
}

TEST(Metadata, TraditionalCreditEditorKeywords) {
  const Document doc =
      clean({"四川省瀘州市納溪區推動網絡人士統戰工作", kBody, "(四川省委統戰部供稿)", "編輯:朱建華",
             "關鍵詞:網絡 人士 統戰工作 納溪區 發展"});
  EXPECT_EQ(doc.meta.source_name, "四川省委統戰部");
  EXPECT_EQ(doc.meta.found_by.at("source"), "metadata:source-credit");
  EXPECT_EQ(doc.meta.editor, "朱建華");
  EXPECT_EQ(doc.meta.keywords,
            (std::vector<std::string>{"網絡", "人士", "統戰工作", "納溪區", "發展"}));
  EXPECT_EQ(rule_of(doc.blocks[2]), "source-credit");
  EXPECT_EQ(rule_of(doc.blocks[3]), "meta-line");
  EXPECT_EQ(rule_of(doc.blocks[4]), "meta-line");
}

TEST(Metadata, FullWidthColonsAndTraditionalLabels) {
  const Document doc =
      clean({"標題", "發布時間：2021年9月13日 14:57　來源：新華社　作者：王五", kBody});
  EXPECT_EQ(doc.meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(doc.meta.source_name, "新華社");
  EXPECT_EQ(doc.meta.author, "王五");
}

TEST(Metadata, StandaloneDateLineInHeader) {
  const Document doc = clean({"标题一行", "2021-09-13", kBody + kBody, "2022-01-01"});
  EXPECT_EQ(doc.meta.published, "2021-09-13");
  EXPECT_EQ(rule_of(doc.blocks[1]), "date-line");
  EXPECT_TRUE(doc.blocks[3].kept()) << "dates after the header are text";
}

TEST(Metadata, ExistingFieldsAreKeptUnlessOverwrite) {
  Document doc = doc_of({"来源:常州宣传", kBody});
  doc.meta.source_name = "HTML 来源";
  doc.meta.title = "HTML 标题";
  testkit::make_cleaner("metadata")->clean(doc);
  EXPECT_EQ(doc.meta.source_name, "HTML 来源");
  EXPECT_FALSE(doc.blocks[0].kept());
  EXPECT_TRUE(doc.blocks[1].kept()) << "no first-line title when a title exists";

  Document over = doc_of({"来源:常州宣传", kBody});
  over.meta.source_name = "HTML 来源";
  testkit::make_cleaner("metadata", testkit::options_with("metadata", {{"overwrite", true}}))
      ->clean(over);
  EXPECT_EQ(over.meta.source_name, "常州宣传");
}

TEST(Metadata, LongParagraphIsNotATitle) {
  const Document doc = clean({kBody});
  EXPECT_TRUE(doc.meta.title.empty());
  EXPECT_TRUE(doc.blocks[0].kept());
}

TEST(Metadata, EmptyDocumentAndHugeLine) {
  Document empty;
  testkit::make_cleaner("metadata")->clean(empty);
  EXPECT_TRUE(empty.meta.title.empty());
  std::string huge;
  while (huge.size() < (50u << 20)) huge += "来源:网络文明建设取得新成效,";
  Document doc = doc_of({huge});
  const auto start = std::chrono::steady_clock::now();
  testkit::make_cleaner("metadata")->clean(doc);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
  EXPECT_TRUE(doc.blocks[0].kept());
  EXPECT_TRUE(doc.meta.source_name.empty());
}

}  // namespace
}  // namespace clearpage
