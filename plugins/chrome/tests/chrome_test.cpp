#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document doc_of(const std::vector<std::string>& lines) {
  Document doc;
  doc.format = "text";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Block b;
    b.text = lines[i];
    b.provenance = "line " + std::to_string(i + 1);
    doc.blocks.push_back(b);
  }
  return doc;
}

Document clean(const std::vector<std::string>& lines) {
  Document doc = doc_of(lines);
  testkit::make_cleaner("chrome")->clean(doc);
  return doc;
}

std::string rule_of(const Block& b) {
  return b.removed ? b.removed->rule : std::string();
}

const std::string kBody1 =
    "党的十九大指出要建设“网络强国”“数字中国”(见附件)。2021年9月13日,会议在杭州召开,与会者问:"
    "怎么办?";
const std::string kBody2 = "近年来,互联网两新组织已经成为党建工作的重要阵地(截至2023-08-10)。";

TEST(Chrome, CleanArticleTextPassesUnchanged) {
  const std::vector<std::string> lines = {"网络文明街区",
                                          kBody1,
                                          "怎么“聚”?",
                                          kBody2,
                                          "2021年6月9日,杭州市互联网行业党委组织开展活动。",
                                          "首页设计大赛在北京举行,主办方介绍了情况。",
                                          "一、工作背景"};
  const Document doc = clean(lines);
  ASSERT_EQ(doc.blocks.size(), lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_TRUE(doc.blocks[i].kept()) << lines[i] << " removed by " << rule_of(doc.blocks[i]);
    EXPECT_EQ(doc.blocks[i].text, lines[i]);
  }
}

TEST(Chrome, BreadcrumbsInBothScriptsAndWidths) {
  const Document doc =
      clean({"您当前的位置:首页 >> 文明创建 >> 内容", "首頁>統一戰線>要聞",
             "当前位置:首页>>新闻资讯 >> 正文", "首页> 专题频道> “四强”党支部案例 > 正文",
             "当前位置：新闻中心 ＞ 正文", "首页", kBody1});
  for (std::size_t i = 0; i + 2 < doc.blocks.size(); ++i) {
    EXPECT_EQ(rule_of(doc.blocks[i]), "breadcrumb") << doc.blocks[i].text;
  }
  EXPECT_TRUE(doc.blocks[5].kept()) << "a bare root word is not a trail";
  EXPECT_TRUE(doc.blocks[6].kept());
}

TEST(Chrome, ShareWidgetsNowReadingLoadingAndReadMore) {
  const Document doc = clean({"点击右上角微信好友", "朋友圈", "请使用浏览器分享功能进行分享",
                              "正在阅读:【网络社会组织】坚持“党性”", "调查问题加载中,请稍候。",
                              "若长时间无响应,请刷新本页面", "阅读剩余全文(", "加载更多", kBody1});
  EXPECT_EQ(rule_of(doc.blocks[0]), "share-widget");
  EXPECT_EQ(rule_of(doc.blocks[1]), "share-widget");
  EXPECT_EQ(rule_of(doc.blocks[2]), "share-widget");
  EXPECT_EQ(rule_of(doc.blocks[3]), "now-reading");
  EXPECT_EQ(rule_of(doc.blocks[4]), "loading-notice");
  EXPECT_EQ(rule_of(doc.blocks[5]), "loading-notice");
  EXPECT_EQ(rule_of(doc.blocks[6]), "read-more");
  EXPECT_EQ(rule_of(doc.blocks[7]), "loading-notice");
  EXPECT_TRUE(doc.blocks[8].kept());
}

TEST(Chrome, FeedbackWidgetsUnderRecommendations) {
  const Document doc =
      clean({kBody1, "不喜欢", "减少或屏蔽此类内容推荐", "已标记为不喜欢内容，系统将减少此类推荐",
             "举报", "他不喜欢在公开场合谈论自己的成就，也从不接受媒体的采访和举报人的感谢。"});
  EXPECT_TRUE(doc.blocks[0].kept());
  for (std::size_t i = 1; i <= 4; ++i) {
    EXPECT_EQ(rule_of(doc.blocks[i]), "feedback-widget") << doc.blocks[i].text;
  }
  EXPECT_TRUE(doc.blocks[5].kept());
}

TEST(Chrome, RelatedListsMoodVoteAndGallery) {
  const Document doc =
      clean({kBody1, "相关阅读", "您此时的心情", "光明云投", "新闻表情排行 /", "• 开心", "0",
             "• 难过", "0", "视觉焦点", "• 伊朗民众悼念直升机坠毁事件遇难者", "推荐阅读",
             "2024年3月31日,春赏花活动在湖北省孝感市金卉庄园景区启动。金卉庄园花团锦簇。",
             "2024-04-02 15:40", "美丽的三亚湾", "2024-01-20 17:42"});
  EXPECT_TRUE(doc.blocks[0].kept());
  EXPECT_EQ(rule_of(doc.blocks[1]), "related-list");
  EXPECT_EQ(rule_of(doc.blocks[2]), "mood-vote");
  for (std::size_t i = 1; i < doc.blocks.size(); ++i) {
    EXPECT_FALSE(doc.blocks[i].kept()) << doc.blocks[i].text;
  }
}

TEST(Chrome, ListHeaderStopsAtArticleText) {
  const Document doc = clean({"相关新闻", "某地举行活动", kBody1, "短标题"});
  EXPECT_FALSE(doc.blocks[1].kept());
  EXPECT_TRUE(doc.blocks[2].kept());
  EXPECT_TRUE(doc.blocks[3].kept());
}

TEST(Chrome, DatedListNeedsTwoPairs) {
  const Document one = clean({"绘就大运河网络文明示范带新画卷", "2023-08-10", kBody1});
  for (const auto& b : one.blocks) EXPECT_TRUE(b.kept()) << b.text;
  const Document two = clean(
      {kBody1, "美丽的三亚湾", "2024-01-20 17:42", "陈青敏当选越南国会主席", "2024-01-13 19:43"});
  EXPECT_TRUE(two.blocks[0].kept());
  for (std::size_t i = 1; i < two.blocks.size(); ++i)
    EXPECT_EQ(rule_of(two.blocks[i]), "dated-list");
}

TEST(Chrome, ABrowserNoticeIsAFooterButAScreenSpecIsNot) {
  const Document doc =
      clean({"Galaxy S20 全系将配备 2K 分辨率（均为 3200×1440）、120Hz 刷新率屏幕，支持 HDR10+。",
             "本站最佳浏览分辨率为1280×800"});
  EXPECT_TRUE(doc.blocks[0].kept()) << rule_of(doc.blocks[0]);
  EXPECT_EQ(rule_of(doc.blocks[1]), "footer");
}

TEST(Chrome, FootersAndTheirTail) {
  const Document doc =
      clean({kBody1, "主办单位:常州市精神文明建设指导委员会办公室",
             "文明热线:0519-85680855    技术支持电话:0519-85685023(工作日9:00-17:00)",
             "网站支持IPV6    推荐使用1024*768或以上分辨率,并使用IE9.0或以上版本浏览器",
             "苏ICP备12345678号", "版權所有 © 2023 某某網", "联系地址:某市某路1号"});
  EXPECT_TRUE(doc.blocks[0].kept());
  for (std::size_t i = 1; i < doc.blocks.size(); ++i) {
    EXPECT_EQ(rule_of(doc.blocks[i]), "footer") << doc.blocks[i].text;
  }
}

TEST(Chrome, ExtraPatternsExtendTheRules) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("chrome_extra_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path)
      << "[[rule]]\nname = \"site-ad\"\nkind = \"prefix\"\npatterns = [\"广告：\"]\n";
  auto cleaner = testkit::make_cleaner(
      "chrome", testkit::options_with("chrome", {{"extra_patterns", path.string()}}));
  Document doc = doc_of({"广告:买一送一", "朋友圈", kBody1});
  cleaner->clean(doc);
  EXPECT_EQ(rule_of(doc.blocks[0]), "site-ad");
  EXPECT_EQ(rule_of(doc.blocks[1]), "share-widget");
  EXPECT_TRUE(doc.blocks[2].kept());
  std::filesystem::remove(path);
}

TEST(Chrome, LineRulesOptionStripsCreditsAndFillsMetadata) {
  const std::vector<std::string> lines = {
      "乡村公路全线贯通", kBody1, "1234下一页", "(编辑：文静)", "关键字： 公路 乡村", kBody2};
  Document doc = doc_of(lines);
  doc.format = "html";
  doc.meta.title = "乡村公路全线贯通";
  testkit::make_cleaner("chrome", testkit::options_with("chrome", {{"line_rules", true}}))
      ->clean(doc);
  EXPECT_EQ(rule_of(doc.blocks[0]), "title_repeat");
  EXPECT_TRUE(doc.blocks[1].kept());
  EXPECT_EQ(rule_of(doc.blocks[2]), "pagination");
  EXPECT_EQ(rule_of(doc.blocks[3]), "editor_line");
  EXPECT_EQ(rule_of(doc.blocks[4]), "meta_line");
  EXPECT_TRUE(doc.blocks[5].kept());
  EXPECT_EQ(doc.meta.editor, "文静");
  EXPECT_EQ(doc.meta.found_by["editor"], "chrome:editor_label");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"公路", "乡村"}));

  // Off by default: text dumps leave labelled lines to the metadata cleaner.
  Document plain = doc_of(lines);
  plain.meta.title = "乡村公路全线贯通";
  testkit::make_cleaner("chrome")->clean(plain);
  EXPECT_TRUE(plain.blocks[0].kept());
  EXPECT_TRUE(plain.blocks[3].kept());
  EXPECT_TRUE(plain.blocks[4].kept());
  EXPECT_TRUE(plain.meta.editor.empty());
}

TEST(Chrome, BadPatternFileIsAClearError) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("chrome_bad_" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << "[[rule]]\nname = \"x\"\nkind = \"fuzzy\"\npatterns = [\"a\"]\n";
  try {
    testkit::make_cleaner("chrome",
                          testkit::options_with("chrome", {{"extra_patterns", path.string()}}));
    FAIL() << "bad kind accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown kind 'fuzzy'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(testkit::make_cleaner(
                   "chrome", testkit::options_with(
                                 "chrome", {{"extra_patterns", std::string("/nonexistent.toml")}})),
               std::runtime_error);
  std::filesystem::remove(path);
}

TEST(Chrome, EmptyDocumentAndHugeLine) {
  Document empty;
  testkit::make_cleaner("chrome")->clean(empty);
  EXPECT_TRUE(empty.blocks.empty());

  std::string huge;
  huge.reserve(50u << 20);
  while (huge.size() < (50u << 20)) huge += "首页>网络文明建设取得新成效,";
  Document doc = doc_of({huge, "朋友圈"});
  const auto start = std::chrono::steady_clock::now();
  testkit::make_cleaner("chrome")->clean(doc);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(doc.blocks[0].kept());
  EXPECT_FALSE(doc.blocks[1].kept());
  EXPECT_LT(seconds, 5.0);
}

}  // namespace
}  // namespace clearpage
