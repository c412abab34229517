// The label table and its scanner: which words are found where, and the value each kind of
// text gets.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "clearpage/extract/labels.hpp"

namespace clearpage::text {
namespace {

using namespace label_flags;

std::vector<std::string> labels_of(const std::vector<LabelHit>& hits) {
  std::vector<std::string> out;
  for (const LabelHit& hit : hits) out.emplace_back(hit.label);
  return out;
}

LabelScan dump_scan() {
  LabelScan scan;
  scan.spaces = ColonSpaces::kAscii;
  scan.word_start = true;
  scan.disjoint = true;
  return scan;
}

LabelScan byline_scan() {
  LabelScan scan;
  scan.spaces = ColonSpaces::kNone;
  scan.bare = true;
  return scan;
}

TEST(LabelTable, WordsAreUniqueAndLongestFirst) {
  std::vector<std::string_view> words;
  for (const LabelWord& w : label_table()) words.push_back(w.word);
  std::sort(words.begin(), words.end());
  EXPECT_EQ(std::adjacent_find(words.begin(), words.end()), words.end());

  const auto editors = label_words(kInDumps, LabelField::kEditor);
  for (std::size_t i = 1; i < editors.size(); ++i) {
    EXPECT_GE(editors[i - 1].word.size(), editors[i].word.size()) << editors[i].word;
  }
  EXPECT_EQ(editors.front().word.size(), std::string_view("责任编辑").size());
}

TEST(LabelTable, PagesReadSimplifiedFormsDumpsBoth) {
  const auto& page = field_labels();
  EXPECT_NE(std::find(page.begin(), page.end(), "来源于"), page.end());
  EXPECT_NE(std::find(page.begin(), page.end(), "责任编辑"), page.end());
  EXPECT_EQ(std::find(page.begin(), page.end(), "來源"), page.end());
  EXPECT_EQ(page.size(), 31u);

  const auto dump_sources = label_words(kInDumps, LabelField::kSource);
  std::vector<std::string_view> words;
  for (const LabelWord& w : dump_sources) words.push_back(w.word);
  EXPECT_NE(std::find(words.begin(), words.end(), "來源"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "出處"), words.end());
  EXPECT_EQ(std::find(words.begin(), words.end(), "来源于"), words.end());
}

TEST(LabelScan, ReporterWithoutColonIsABylineOnlyWhereAsked) {
  const std::string line = "记者 张三 报道";
  const auto words = label_words(kInBylines);
  const auto hits = find_labels(line, words, byline_scan());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].field, LabelField::kAuthor);
  EXPECT_EQ(hits[0].label, "记者");
  EXPECT_FALSE(hits[0].colon);
  EXPECT_EQ(hits[0].begin, 0u);
  EXPECT_EQ(byline_value(line, hits[0].begin + hits[0].label.size()), "张三");

  // A scan that does not take bare labels, and a word without the flag, find nothing.
  EXPECT_TRUE(find_labels(line, words, LabelScan{}).empty());
  EXPECT_TRUE(find_labels("作者 张三", words, byline_scan()).empty());
  // Nothing after the label: no value to take.
  EXPECT_TRUE(find_labels("记者", words, byline_scan()).empty());
}

TEST(LabelScan, LongestLabelWinsAtOnePosition) {
  const auto hits = find_labels("责任编辑:王五 编辑:赵六", label_words(kInDumps), dump_scan());
  EXPECT_EQ(labels_of(hits), (std::vector<std::string>{"责任编辑", "编辑"}));
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].field, LabelField::kEditor);
  EXPECT_EQ(hits[0].value, "王五 ");
  EXPECT_EQ(hits[1].value, "赵六");
  EXPECT_EQ(labelled_value("责任编辑：王五", {"责任编辑", "编辑"}, true), "王五");
  EXPECT_EQ(labelled_table_value("责任编辑：王五", label_words(kOnPages, LabelField::kEditor)),
            "王五");
}

TEST(LabelScan, PictureAndDataCreditsAreSkipped) {
  EXPECT_TRUE(names_other_field("图片来源：某某报告", 6));
  EXPECT_TRUE(names_other_field("数据来源：统计局", 6));
  EXPECT_FALSE(names_other_field("信息来源：某某日报", 6));
  const std::string line = "图片来源：城市年度报告 来源：某某日报";
  const auto hits = find_labels(line, label_words(kOnPages, LabelField::kSource), LabelScan{});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(line.substr(hits[0].begin, 6), "来源");
  EXPECT_EQ(labelled_value(line, {"来源"}), "某某日报");
}

TEST(LabelScan, TraditionalFormsInDumps) {
  const std::string line = "來源:中央社 記者:王小明 責任編輯:李四";
  const auto hits = find_labels(line, label_words(kInDumps), dump_scan());
  EXPECT_EQ(labels_of(hits), (std::vector<std::string>{"來源", "記者", "責任編輯"}));
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].field, LabelField::kSource);
  EXPECT_EQ(hits[1].field, LabelField::kAuthor);
  EXPECT_EQ(hits[2].field, LabelField::kEditor);
  EXPECT_EQ(dump_value(hits[1].value), "王小明 ");
}

TEST(LabelScan, WordStartRejectsALabelInsideAWord) {
  EXPECT_TRUE(find_labels("新华社记者:张三", label_words(kInDumps), dump_scan()).empty());
  EXPECT_EQ(find_labels("(记者:张三)", label_words(kInDumps), dump_scan()).size(), 1u);
  // Pages do take it.
  EXPECT_EQ(labelled_value("新华社记者：张三", {"记者"}), "张三");
}

TEST(LabelScan, ColonSpacesAndWidths) {
  const auto words = label_words(kOnPages, LabelField::kSource);
  EXPECT_EQ(labelled_table_value("来源 ：新华社", words), "新华社");
  EXPECT_EQ(labelled_table_value("来源:新华社", words), "新华社");
  EXPECT_EQ(labelled_table_value("来源 新华社", words), std::nullopt);
  EXPECT_EQ(label_colon_end("来源 :x", 6, ColonSpaces::kNone), 0u);
  EXPECT_EQ(label_colon_end("来源 :x", 6, ColonSpaces::kAscii), 8u);
  EXPECT_EQ(label_colon_end("来源\xE3\x80\x80：x", 6, ColonSpaces::kAscii), 0u);
  EXPECT_EQ(label_colon_end("来源\xE3\x80\x80：x", 6, ColonSpaces::kAny), 12u);
}

TEST(LabelValue, PagesCutAtTheNextLabelDatesAndWidgets) {
  EXPECT_EQ(labelled_value("来源：新华社 作者：张三", {"来源"}), "新华社");
  EXPECT_EQ(labelled_value("来源：新华社作者：张三", {"来源"}), "新华社");
  EXPECT_EQ(labelled_value("作者：张三", {"来源"}), std::nullopt);
  EXPECT_EQ(labelled_value("来源：人民日报2024-05-13", {"来源"}), "人民日报");
  EXPECT_EQ(labelled_value("来源：某报浏览次数 12", {"来源"}), "某报");
  EXPECT_EQ(labelled_value("[ 责编：李澍 ]", {"责编"}, true), "李澍");
  EXPECT_EQ(labelled_value("作者：李津 张越", {"作者"}, true), "李津 张越");
  EXPECT_EQ(labelled_value("作者：李津 张越", {"作者"}), "李津");
  // The table's author words allow names joined by spaces; its source words do not.
  EXPECT_EQ(labelled_table_value("作者：李津 张越", label_words(kOnPages, LabelField::kAuthor)),
            "李津 张越");
  EXPECT_EQ(labelled_table_value("来源：某某 日报", label_words(kOnPages, LabelField::kSource)),
            "某某");
  // An empty value moves on to the next label.
  EXPECT_EQ(labelled_value("来源： | 来源：新华社", {"来源"}), "新华社");
}

TEST(LabelValue, BylinesAndDumps) {
  EXPECT_EQ(byline_value("来源：新华社 编辑：王五", 6), "新华社");
  EXPECT_EQ(byline_value("作者:张三|2024", 6), "张三");
  EXPECT_EQ(byline_value("来源：新华社发布时间", 6), "新华社");
  EXPECT_EQ(byline_value(std::string("来源：") + std::string(31, 'a'), 6), "");
  EXPECT_EQ(dump_value("常州宣传 字号 【大"), "常州宣传 ");
  EXPECT_EQ(dump_value("新华社  浏览"), "新华社");
  EXPECT_EQ(dump_value("新华社"), "新华社");
}

TEST(LabelValue, YearDates) {
  EXPECT_TRUE(starts_year_date("2024-05-13"));
  EXPECT_TRUE(starts_year_date("2024年5月"));
  EXPECT_FALSE(starts_year_date("202-05"));
  EXPECT_FALSE(starts_year_date("20245"));
}

}  // namespace
}  // namespace clearpage::text
