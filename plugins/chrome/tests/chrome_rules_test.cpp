// The chrome rule engine: each rule kind and condition on small rule files, and the
// installed [lines] rules on lines taken from crawled pages.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "clearpage/chrome/chrome_rules.hpp"
#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/site.hpp"

namespace clearpage::plugins::chrome {
namespace {

RuleSet rules_of(const std::string& toml, const std::string& set = "") {
  RuleSet rules(html::field_label_reader());
  rules.load_string(toml, "test.toml", set);
  return rules;
}

TEST(ChromeRules, EqualsMatchesTheWholeFoldedBlockWithinMaxChars) {
  const RuleSet rules =
      rules_of("[[rule]]\nname = \"w\"\nkind = \"equals\"\npatterns = [\"分享到:\"]\n");
  EXPECT_EQ(rules.rule_of_line("  分享到： "), "w") << "full-width colon folds";
  EXPECT_EQ(rules.rule_of_line("分享到: 微信"), "");
  const RuleSet capped =
      rules_of("[[rule]]\nname = \"w\"\nkind = \"prefix\"\npatterns = [\"分享\"]\nmax_chars = 4\n");
  EXPECT_EQ(capped.rule_of_line("分享到微"), "w");
  EXPECT_EQ(capped.rule_of_line("分享到微信"), "");
}

TEST(ChromeRules, PrefixContainsSectionAndFooterKinds) {
  const RuleSet rules = rules_of(R"(
[[rule]]
name = "p"
kind = "prefix"
patterns = ["阅读全文"]
[[rule]]
name = "c"
kind = "contains"
patterns = ["加载中"]
[[rule]]
name = "s"
kind = "section"
patterns = ["相关阅读"]
[[rule]]
name = "f"
kind = "footer"
patterns = ["版权所有"]
)");
  EXPECT_EQ(rules.rule_of_line("阅读全文>"), "p");
  EXPECT_EQ(rules.rule_of_line("调查问题加载中,请稍候。"), "c");
  EXPECT_EQ(rules.rule_of_line("相关阅读"), "s");
  EXPECT_EQ(rules.rule_of_line("相关阅读的书"), "") << "a section header is a whole block";
  EXPECT_EQ(rules.rule_of_line("版权所有：某某市人民政府"), "f");
  const Match m = rules.match("相关阅读", 4);
  ASSERT_NE(m.rule, nullptr);
  EXPECT_EQ(m.rule->kind, RuleKind::kSection);
}

TEST(ChromeRules, AndContainsNeedsOnePatternOfEachGroup) {
  const RuleSet rules = rules_of(R"(
[[rule]]
name = "toolbar"
kind = "contains"
patterns = ["字号", "字体"]
and_contains = [["大"], ["小"]]
)");
  EXPECT_EQ(rules.rule_of_line("字号:[大] [中] [小]"), "toolbar");
  EXPECT_EQ(rules.rule_of_line("字体：大"), "");
}

TEST(ChromeRules, LabelKindsAndConditionsReadFieldLabels) {
  const RuleSet rules = rules_of(R"(
[[rule]]
name = "labelled"
kind = "labelled"
patterns = ["责编"]
allow_spaces = true
[[rule]]
name = "label_prefix"
kind = "label_prefix"
patterns = ["编辑"]
bare_value_empty = true
[[rule]]
name = "three_labels"
kind = "any"
min_field_labels = 3
[[rule]]
name = "dateline"
kind = "any"
min_field_labels = 1
starts_with_date = true
[[rule]]
name = "valued"
kind = "prefix"
patterns = ["关键字"]
field_value = true
)");
  EXPECT_EQ(rules.rule_of_line("[ 责编：张倩 ]"), "labelled");
  EXPECT_EQ(rules.rule_of_line("(编辑：文静)"), "label_prefix");
  EXPECT_EQ(rules.rule_of_line("编辑："), "label_prefix") << "a label without its value";
  EXPECT_EQ(rules.rule_of_line("编辑：文静"), "") << "unbracketed with a value";
  EXPECT_EQ(rules.rule_of_line("时间：2024-05-13 来源：新华社 作者：张三"), "three_labels");
  EXPECT_EQ(rules.rule_of_line("2005年8月25日（来源：上海证券报）"), "dateline");
  EXPECT_EQ(rules.rule_of_line("2005年8月25日，本市召开了会议。"), "");
  EXPECT_EQ(rules.rule_of_line("关键字： CPI"), "valued");
  EXPECT_EQ(rules.rule_of_line("关键字是什么"), "");
}

TEST(ChromeRules, ANamedSetWithoutFoldingMatchesTheRawLine) {
  const std::string toml = R"(
[[rule]]
name = "top"
kind = "equals"
patterns = ["打印"]
[lines]
fold = false
[[lines.rule]]
name = "share"
kind = "prefix"
patterns = ["分享:"]
)";
  const RuleSet lines = rules_of(toml, "lines");
  EXPECT_EQ(lines.rule_count(), 1u);
  EXPECT_EQ(lines.rule_of_line("分享:微信"), "share");
  EXPECT_EQ(lines.rule_of_line("分享：微信"), "") << "not folded";
  EXPECT_EQ(lines.rule_of_line("打印"), "") << "the top-level rules are another set";
  EXPECT_EQ(rules_of(toml).rule_count(), 1u);
  EXPECT_EQ(rules_of(toml, "missing").rule_count(), 0u);
}

TEST(ChromeRules, BadRulesNameTheFile) {
  EXPECT_THROW(rules_of("[[rule]]\nname = \"x\"\nkind = \"regex\"\npatterns = [\"a\"]\n"),
               std::runtime_error);
  EXPECT_THROW(rules_of("[[rule]]\nname = \"x\"\nkind = \"prefix\"\n"), std::runtime_error);
  EXPECT_THROW(rules_of("[[rule]]\nname = \"x\"\nkind = \"any\"\nand_contains = [[]]\n"),
               std::runtime_error);
  RuleSet no_reader;
  try {
    no_reader.load_string("[[rule]]\nname = \"x\"\nkind = \"labelled\"\npatterns = [\"编辑\"]\n",
                          "bad.toml");
    FAIL() << "a label rule needs a label reader";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.toml"), std::string::npos) << e.what();
  }
}

// The installed line rules, on lines of crawled pages; each name the site flow records.
TEST(InstalledLineRules, EachRuleOnARealLine) {
  const RuleSet& rules = html::installed_line_rules();
  const std::pair<const char*, const char*> cases[] = {
      {"当前位置:首页>>新闻资讯 >> 正文", "breadcrumb"},
      {"首页> 专题频道> 征集作品展示> “四强”党支部案例 > 正文", "breadcrumb"},
      {"© ESPN Enterprises, Inc. All rights reserved.", "footer"},
      {"版权所有：中国地理学会 京ICP备05002860号", "footer"},
      {"字号:[大] [中] [小]", "toolbar"},
      {"【打印本页】【关闭窗口】", "toolbar"},
      {"关注公众号：人民网财经", "share"},
      {"点击右上角，分享到朋友圈", "share"},
      {"1234下一页", "pagination"},
      {"上一篇：2019年中国产业政策与发展地理学术研讨会", "prev_next"},
      {"39健康网(www.39.net)专稿，未经书面授权请勿转载。", "disclaimer"},
      {"平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。",
       "disclaimer"},
      {"原标题:以战时内阁审查重启停火谈判提案", "repost_header"},
      {"本文转载自微信公众号“某某发布”", "repost_header"},
      {"[ 责编：张倩 ]", "editor_line"},
      {"(责编：胡永秋、杨光宇)", "editor_line"},
      {"（编辑：小何）返回搜狐，查看更多", "editor_line"},
      {"责任编辑：", "editor_line"},
      {"【责任编辑：刘峻凌】", "editor_line"},
      {"来源：无锡交警", "meta_line"},
      {"关键字： CPI", "meta_line"},
      {"2005年8月25日（来源：上海证券报）", "meta_line"},
  };
  for (const auto& [line, rule] : cases) EXPECT_EQ(rules.rule_of_line(line), rule) << line;
}

TEST(InstalledLineRules, ShortLinesOfEachFamily) {
  const RuleSet& rules = html::installed_line_rules();
  EXPECT_EQ(rules.rule_of_line("上一页 1 2 3 下一页"), "pagination");
  EXPECT_EQ(rules.rule_of_line("本作品为某某原创，转载时务请注明出处。"), "disclaimer");
  EXPECT_EQ(rules.rule_of_line("以上内容为创作者平台用户上传并发布，本平台仅提供信息存储服务"),
            "disclaimer");
  EXPECT_EQ(rules.rule_of_line("字体：小大"), "toolbar");
  EXPECT_EQ(rules.rule_of_line("(编辑：文静)"), "editor_line");
}

TEST(InstalledLineRules, ArticleSentencesStay) {
  const RuleSet& rules = html::installed_line_rules();
  for (const char* line :
       {"他说，下一页的内容要等到明年才能写完，这本书的编辑工作已经持续了三年，大家都很期待。",
        "编辑部的同事们在会上讨论了新栏目的设计方案。",
        "转载这条消息的网友越来越多，许多人表示支持当地政府的做法，也有人提出了不同的意见和建议。",
        "上海的一家企业在这次活动中获得了最高奖项。",
        "2005年8月25日，本市召开了来源于基层的意见征集会。"}) {
    EXPECT_EQ(rules.rule_of_line(line), "") << line;
  }
}

}  // namespace
}  // namespace clearpage::plugins::chrome
