// clearpage/extract/site.hpp: the helpers the site-layout cleaners share.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clearpage/extract/site.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage {
namespace {

Block text_block(const std::string& text, BlockKind kind = BlockKind::kParagraph) {
  Block b;
  b.kind = kind;
  b.text = text;
  return b;
}

std::string rule_of(const Block& b) {
  return b.removed ? b.removed->rule : std::string();
}

TEST(SetMetaField, FillsOnlyAnEmptyFieldAndRecordsTheRule) {
  Document doc;
  EXPECT_TRUE(html::set_meta_field(doc, "source_name", "  新华社 ", "demo:source"));
  EXPECT_EQ(doc.meta.source_name, "新华社");
  EXPECT_EQ(doc.meta.found_by["source_name"], "demo:source");
  EXPECT_FALSE(html::set_meta_field(doc, "source_name", "人民日报", "demo:other"));
  EXPECT_EQ(doc.meta.source_name, "新华社");
  EXPECT_FALSE(html::set_meta_field(doc, "author", "   ", "demo:author"));
  EXPECT_FALSE(html::set_meta_field(doc, "no_such_field", "x", "demo:x"));
}

TEST(TakeAndRestoreMetadata, TheLayoutsFieldsWinTheReaderFillsTheRest) {
  Document doc;
  doc.meta.title = "读者的标题";
  doc.meta.found_by["title"] = "html:title_tag";
  doc.meta.author = "张三";
  doc.meta.found_by["author"] = "html:author_label";
  doc.meta.keywords = {"公路"};
  doc.meta.language = "zh";
  const Metadata earlier = html::take_metadata(doc);
  EXPECT_TRUE(doc.meta.title.empty());
  EXPECT_EQ(doc.meta.language, "zh") << "language is not the layout's to guess";
  html::set_meta_field(doc, "title", "版面的标题", "demo:heading");
  html::restore_missing(doc, earlier);
  EXPECT_EQ(doc.meta.title, "版面的标题");
  EXPECT_EQ(doc.meta.found_by["title"], "demo:heading");
  EXPECT_EQ(doc.meta.author, "张三");
  EXPECT_EQ(doc.meta.found_by["author"], "html:author_label");
  EXPECT_EQ(doc.meta.keywords, std::vector<std::string>{"公路"});
}

TEST(FirstWithText, SelectorsInOrderWithEnoughText) {
  auto dom = parse_html(R"(<html><body><div class="a">短</div><div class="b">足够长的一段文字</div>
<div class="a">另一段足够长的文字</div></body></html>)");
  const html::Node node = html::first_with_text(*dom, {".missing", ".a"}, 5);
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(html::text_content(node), "另一段足够长的文字");
  EXPECT_EQ(html::first_with_text(*dom, {".missing"}), nullptr);
  EXPECT_EQ(html::text_of_first(*dom, {".b", ".a"}), "足够长的一段文字");
  EXPECT_EQ(html::text_of_first(*dom, {".missing"}), "");
}

TEST(HarvestLabels, FieldsOfAMetaLine) {
  Document doc;
  html::harvest_labels(
      doc, "发布时间：2024-05-13 10:00 来源：新华社 作者：李津 张越 关键词：公路 乡村", "demo");
  EXPECT_EQ(doc.meta.published.substr(0, 10), "2024-05-13");
  EXPECT_EQ(doc.meta.found_by["published"], "demo:published_label");
  EXPECT_EQ(doc.meta.source_name, "新华社");
  EXPECT_EQ(doc.meta.found_by["source_name"], "demo:source_label");
  EXPECT_EQ(doc.meta.author, "李津 张越");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"公路", "乡村"}));
  Document no_keywords;
  html::harvest_labels(no_keywords, "关键词：公路 乡村", "demo", false);
  EXPECT_TRUE(no_keywords.meta.keywords.empty());
}

TEST(LabelledElementValue, TheLabelsElementOrItsParent) {
  auto dom = parse_html(R"(<html><body><div>关键词：湿地 候鸟</div>
<p><i>来源：</i>山西日报</p></body></html>)");
  EXPECT_EQ(html::labelled_element_value(*dom, {"关键词"}, true), "湿地 候鸟");
  EXPECT_EQ(html::labelled_element_value(*dom, {"来源"}), "山西日报");
  EXPECT_EQ(html::labelled_element_value(*dom, {"作者"}), std::nullopt);
}

TEST(SplitKeywords, SpacesAndChineseCommas) {
  EXPECT_EQ(html::split_keywords("湿地 候鸟"), (std::vector<std::string>{"湿地", "候鸟"}));
  EXPECT_EQ(html::split_keywords("a，b、c; d"), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(html::split_keywords(" ，").empty());
}

TEST(FindKeywordsAndEditor, FromLabelledElementsAnywhere) {
  Document doc;
  auto dom = parse_html(R"(<html><body><p>正文</p><div class="kw">关键词：公路 乡村</div>
<div>【责任编辑：钱二】</div></body></html>)");
  html::find_keywords_and_editor(doc, *dom, "demo");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"公路", "乡村"}));
  EXPECT_EQ(doc.meta.found_by["keywords"], "demo:keywords_label");
  EXPECT_EQ(doc.meta.editor, "钱二");
  EXPECT_EQ(doc.meta.found_by["editor"], "demo:editor_label");
}

TEST(Titles, HeadingMatchingTheTitleTagElseBeforeTheContentElseTheTag) {
  auto dom = parse_html(R"(<html><head><title>乡村公路全线贯通_新闻_示例网</title></head><body>
<a href="/"><h2>乡村公路全线贯通</h2></a><div class="title">乡村公路全线贯通</div>
<div id="main"><p>正文</p></div></body></html>)");
  const html::Guess matched = html::guess_title(*dom, nullptr);
  EXPECT_EQ(matched.value, "乡村公路全线贯通");
  EXPECT_EQ(matched.rule, "heading_matches_title");
  const html::Node headline = html::find_headline(*dom);
  ASSERT_NE(headline, nullptr);
  EXPECT_EQ(html::tag(headline), "div") << "the heading inside a link is not the headline";
  EXPECT_EQ(html::title_suffix_site(*dom), "示例网");

  auto before = parse_html(R"(<html><head><title>示例网</title></head><body>
<h1>县里召开春耕生产会议</h1><div id="main"><p>正文</p></div></body></html>)");
  const html::Guess near = html::guess_title(*before, html::select_first(*before, "#main"));
  EXPECT_EQ(near.value, "县里召开春耕生产会议");
  EXPECT_EQ(near.rule, "heading_before_content");

  auto tag_only = parse_html(R"(<html><head><title>春耕生产会议召开_示例网</title></head>
<body><p>正文</p></body></html>)");
  const html::Guess from_tag = html::guess_title(*tag_only, nullptr);
  EXPECT_EQ(from_tag.value, "春耕生产会议召开");
  EXPECT_EQ(from_tag.rule, "title_tag");
}

TEST(FindLayoutTitle, TheArticleTitleMetaFirst) {
  Document doc;
  auto dom = parse_html(R"(<html><head><title>别的标题_示例网</title>
<meta name="ArticleTitle" content="春耕生产会议召开"></head><body><h1>别的标题</h1></body></html>)");
  html::find_layout_title(doc, *dom, nullptr, "demo");
  EXPECT_EQ(doc.meta.title, "春耕生产会议召开");
  EXPECT_EQ(doc.meta.found_by["title"], "demo:meta_ArticleTitle");
}

TEST(MetaDate, TheFirstKeyHoldingADate) {
  auto dom = parse_html(R"(<html><head><meta name="publishdate" content="不详">
<meta name="PubDate" content="2024-05-13 10:20"></head><body></body></html>)");
  const html::Guess date = html::meta_date(*dom, {"publishdate", "PubDate"});
  EXPECT_EQ(date.value.substr(0, 10), "2024-05-13");
  EXPECT_EQ(date.rule, "meta_PubDate");
  EXPECT_TRUE(html::meta_date(*dom, {"missing"}).value.empty());
}

TEST(LabelsNearTitle, LabelsAndADateAfterTheTitle) {
  auto dom = parse_html(R"(<html><body><h1>春耕生产会议召开</h1>
<div>2024年05月13日 来源：县融媒体中心</div><p>正文第一段。</p></body></html>)");
  Document doc;
  doc.meta.title = "春耕生产会议召开";
  html::find_labels_near_title(doc, *dom, "demo");
  EXPECT_EQ(doc.meta.source_name, "县融媒体中心");
  EXPECT_EQ(doc.meta.published.substr(0, 10), "2024-05-13");
  EXPECT_EQ(doc.meta.found_by["published"], "demo:date_near_title");
  const std::string after = html::text_after_title(*dom, "春耕生产会议召开", 5);
  EXPECT_EQ(text::count_code_points(after), 5u);
  EXPECT_EQ(html::text_after_title(*dom, "春耕生产会议召开").find("春耕生产会议召开"),
            std::string::npos);
}

TEST(SourceElement, AShortNameWithoutItsLabel) {
  auto dom = parse_html(R"(<html><body><span class="source">来源：山西日报</span></body></html>)");
  EXPECT_EQ(html::source_element_text(*dom), "山西日报");
  auto dated = parse_html(R"(<html><body><span class="source">2024-05-13</span></body></html>)");
  EXPECT_EQ(html::source_element_text(*dated), "");
}

TEST(RemoveTitleRepeat, AmongTheFirstThreeTextBlocks) {
  Document doc;
  doc.meta.title = "乡村公路 全线贯通";
  doc.blocks = {text_block("导语"), text_block("乡村公路全线贯通"), text_block("正文")};
  html::remove_title_repeat(doc, "demo");
  EXPECT_EQ(rule_of(doc.blocks[1]), "title_repeat") << "spaces do not count";
  EXPECT_EQ(rule_of(doc.blocks[0]), "");
  Document late;
  late.meta.title = "标题";
  late.blocks = {text_block("一"), text_block("二"), text_block("三"), text_block("标题")};
  html::remove_title_repeat(late, "demo");
  EXPECT_EQ(rule_of(late.blocks[3]), "");
}

TEST(StripChromeBlocks, LineRulesNameTheRemovalAndMetaLinesFillMetadata) {
  Document doc;
  doc.blocks = {text_block("当前位置：首页 > 新闻"),
                text_block("发布时间：2024-05-13 来源：县融媒体中心 作者：王五"),
                text_block("十月一日，连接五个村庄的乡村公路全线贯通，群众出行时间缩短了一半。"),
                text_block("【责任编辑：钱二】"),
                text_block("版权所有：某某县人民政府"),
                text_block("当前位置：首页 > 新闻", BlockKind::kTable)};
  EXPECT_EQ(html::strip_chrome_blocks(doc, "demo"), 4u);
  EXPECT_EQ(rule_of(doc.blocks[0]), "breadcrumb");
  EXPECT_EQ(rule_of(doc.blocks[1]), "meta_line");
  EXPECT_EQ(rule_of(doc.blocks[2]), "");
  EXPECT_EQ(rule_of(doc.blocks[3]), "editor_line");
  EXPECT_EQ(rule_of(doc.blocks[4]), "footer");
  EXPECT_EQ(rule_of(doc.blocks[5]), "") << "tables are not lines";
  EXPECT_EQ(doc.blocks[0].removed->plugin, "demo");
  EXPECT_EQ(doc.meta.source_name, "县融媒体中心");
  EXPECT_EQ(doc.meta.author, "王五");
  EXPECT_EQ(doc.meta.editor, "钱二");
  EXPECT_TRUE(doc.meta.site.empty()) << "a footer gives no metadata here";
}

TEST(StripChromeBlocks, ARuleSetOfTheCallersOwn) {
  html::chrome::RuleSet rules(html::field_label_reader());
  rules.load_string(
      "[lines]\nfold = false\n[[lines.rule]]\nname = \"ad\"\nkind = \"prefix\"\n"
      "patterns = [\"广告\"]\n",
      "own.toml", "lines");
  Document doc;
  doc.blocks = {text_block("广告：招商热线"), text_block("当前位置：首页 > 新闻")};
  EXPECT_EQ(html::strip_chrome_blocks(doc, "demo", rules), 1u);
  EXPECT_EQ(rule_of(doc.blocks[0]), "ad");
  EXPECT_EQ(rule_of(doc.blocks[1]), "") << "only the given rules";
}

TEST(InstalledLineRules, LoadedOnceWithTheLinesSet) {
  const html::chrome::RuleSet& rules = html::installed_line_rules();
  EXPECT_EQ(&rules, &html::installed_line_rules());
  EXPECT_GT(rules.rule_count(), 10u);
  EXPECT_EQ(rules.rule_of_line("朋友圈"), "") << "the chrome stage's rules are another set";
}

std::string line_rule(std::string_view line) {
  return html::installed_line_rules().rule_of_line(line);
}

TEST(InstalledLineRules, EditorLines) {
  EXPECT_EQ(line_rule("责任编辑：张三"), "editor_line");
  EXPECT_EQ(line_rule("[ 责编：李澍 ]"), "editor_line");
  EXPECT_EQ(line_rule("（编辑：小何）"), "editor_line");
  EXPECT_EQ(line_rule("编辑："), "editor_line");
}

TEST(InstalledLineRules, MetaLinesCountLabelsWithColons) {
  EXPECT_EQ(line_rule("发布日期：2024-05-13 来源：新华社 浏览次数：12"), "meta_line");
  EXPECT_EQ(line_rule("来源：新华社"), "meta_line");
  EXPECT_EQ(line_rule("2024-05-13 来源：新华社"), "meta_line");
  // Labels without colons are words of a sentence.
  EXPECT_EQ(line_rule("来源和作者都没有写明"), "");
}

TEST(InstalledLineRules, OtherChrome) {
  EXPECT_EQ(line_rule("当前位置：首页 > 新闻"), "breadcrumb");
  EXPECT_EQ(line_rule("上一篇：某某新闻"), "prev_next");
  EXPECT_EQ(line_rule("原标题：某某新闻"), "repost_header");
  EXPECT_EQ(line_rule("这是一段普通的正文，没有任何标签。"), "");
}

}  // namespace
}  // namespace clearpage
