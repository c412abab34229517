// SDK pieces the site cleaners and the generic extractor share: the site flow, the
// headline element and the story below it (the chrome line rules are tested with their
// engine, plugins/chrome/tests/chrome_rules_test.cpp).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clearpage/extract/extract.hpp"
#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/metadata.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/extract/site_flow.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage {
namespace {

std::string kept_text(std::vector<Block> blocks) {
  Document doc;
  doc.blocks = std::move(blocks);
  return doc.text();
}

const char* kSitePage = R"(<html><head><title>乡村公路全线贯通_示例网</title></head><body>
<div class="nav">首页 新闻 图片</div><h1>乡村公路全线贯通</h1>
<div id="main"><p>乡村公路全线贯通</p>
<p>十月一日，连接五个村庄的乡村公路全线贯通，群众出行时间缩短了一半。</p>
<p>【责任编辑：钱二】</p></div>
<p class="kw">关键词：公路 乡村</p></body></html>)";

Document site_doc(const char* page) {
  Document doc;
  doc.format = "html";
  doc.dom = html::make_dom_view(parse_html(page));
  return doc;
}

TEST(SiteFlow, RunsTheLayoutsStepsAroundTheSharedOnes) {
  Document doc = site_doc(kSitePage);
  doc.meta.title = "读者猜的标题";
  doc.meta.found_by["title"] = "html:title_tag";
  doc.meta.site = "示例网";
  doc.meta.found_by["site"] = "html:title_suffix";
  std::string editor_seen_after_chrome;
  html::SiteFlow flow;
  flow.plugin = "demo";
  flow.content_root = [](const HtmlDom& dom) { return html::select_first(dom, "#main"); };
  flow.find_metadata = [](Document& d, const HtmlDom&, html::Node root) {
    ASSERT_NE(root, nullptr);
    EXPECT_TRUE(d.meta.title.empty()) << "layout rules run on emptied metadata";
    html::set_meta_field(d, "title", "乡村公路全线贯通", "demo:heading");
  };
  flow.after_chrome = [&](Document& d, const HtmlDom& dom) {
    editor_seen_after_chrome = d.meta.editor;
    html::find_keywords_and_editor(d, dom, "demo");
  };
  html::run_site_flow(doc, flow);

  EXPECT_EQ(doc.layout, "demo");
  EXPECT_EQ(doc.text(), "十月一日，连接五个村庄的乡村公路全线贯通，群众出行时间缩短了一半。");
  ASSERT_EQ(doc.blocks.size(), 3u);
  ASSERT_TRUE(doc.blocks[0].removed.has_value());
  EXPECT_EQ(doc.blocks[0].removed->rule, "title_repeat");
  ASSERT_TRUE(doc.blocks[2].removed.has_value());
  EXPECT_EQ(doc.blocks[2].removed->plugin, "demo");
  EXPECT_EQ(doc.blocks[2].removed->rule, "editor_line");
  EXPECT_EQ(editor_seen_after_chrome, "钱二") << "the chrome strip harvests before the hook";
  EXPECT_EQ(doc.meta.found_by["editor"], "demo:editor_label");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"公路", "乡村"}));
  EXPECT_EQ(doc.meta.title, "乡村公路全线贯通");
  EXPECT_EQ(doc.meta.found_by["title"], "demo:heading");
  // The reader's value fills a field the layout left empty, keeping its rule.
  EXPECT_EQ(doc.meta.site, "示例网");
  EXPECT_EQ(doc.meta.found_by["site"], "html:title_suffix");
}

TEST(SiteFlow, NoContentRootHandsThePageToTheGenericExtractor) {
  Document doc = site_doc(kSitePage);
  html::SiteFlow flow;
  flow.plugin = "demo";
  html::run_site_flow(doc, flow);
  EXPECT_NE(doc.text().find("群众出行时间缩短了一半"), std::string::npos) << doc.text();
  EXPECT_EQ(doc.text().find("责任编辑"), std::string::npos) << doc.text();
}

TEST(SiteFlow, ADocumentWithoutAParsedPageIsAnError) {
  Document doc;
  html::SiteFlow flow;
  flow.plugin = "demo";
  try {
    html::run_site_flow(doc, flow);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("demo"), std::string::npos) << e.what();
  }
}

TEST(SiteFlow, ContentRootOrMainNeedsEnoughTextInTheSelector) {
  auto dom = parse_html(R"(<html><body><div class="content">短</div><div class="story">
<p>十月一日，连接五个村庄的乡村公路全线贯通，群众出行时间缩短了一半，村民们非常高兴。</p>
<p>县交通局表示，明年还将修建三条通村公路，进一步改善农村交通条件，方便群众出行。</p></div>
</body></html>)");
  const html::Node fallback = html::content_root_or_main(*dom, {".content"}, 20);
  ASSERT_NE(fallback, nullptr);
  EXPECT_TRUE(html::has_class(fallback, "story"));
  const html::Node chosen = html::content_root_or_main(*dom, {".content"}, 1);
  ASSERT_NE(chosen, nullptr);
  EXPECT_TRUE(html::has_class(chosen, "content"));
}

TEST(FindHeadline, MatchesTheTitleHeadlineOutsideLinks) {
  auto dom = parse_html(R"(<html><head><title>河道治理取得成效_某某新闻网</title></head><body>
<h3><a href="/x">河道治理取得成效</a></h3>
<h1 class="article__title"><span class="article__title">河道治理取得成效</span>
<div class="audio">播报文章</div></h1></body></html>)");
  const html::Node headline = html::find_headline(*dom);
  ASSERT_NE(headline, nullptr);
  EXPECT_EQ(html::tag(headline), "span");
}

TEST(FindHeadline, UsesOgTitleAndNeedsAMatch) {
  auto dom = parse_html(R"(<html><head><title>某某新闻网</title>
<meta property="og:title" content="山区公路全线贯通"></head><body>
<h2>其他栏目</h2><h1>山区公路全线贯通</h1></body></html>)");
  const html::Node headline = html::find_headline(*dom);
  ASSERT_NE(headline, nullptr);
  EXPECT_EQ(html::tag(headline), "h1");
  auto none = parse_html("<html><head><title>首页</title></head><body><h1>欢迎</h1></body></html>");
  EXPECT_EQ(html::find_headline(*none), nullptr);
}

const std::string kStory =
    "<p>调查显示，本月制造业景气指数维持在正九，未来三个月预计略有改善；"
    "非制造业指数微升至正二十六，比上月高一点。</p>";

std::string teaser(int n) {
  return "<li><h4><a href=\"/n" + std::to_string(n) + "\">其他新闻标题第" + std::to_string(n) +
         "条，内容与本文无关</a></h4>"
         "<p>这是另一条新闻的摘要，讲述了完全不同的事情，读者可以点击查看。"
         "摘要写得很长，足以让打分器把它当成正文段落，还有更多的句子。</p></li>";
}

TEST(HeadlineStory, AShortArticleWinsOverAFeedOfOtherStories) {
  std::string page = R"(<html><head><title>企业信心保持稳定</title></head><body>
<div class="main"><article><header><h1>企业信心保持稳定</h1><div>2024年5月22日 上午8:21</div>
</header><div class="caas-body">)" +
                     kStory +
                     R"(</div></article></div><div class="more"><h2>你可能还想看</h2><ul>)";
  for (int i = 0; i < 8; ++i) page += teaser(i);
  page += "</ul></div></body></html>";
  auto dom = parse_html(page);
  const std::string text = kept_text(html::extract_blocks(*dom));
  EXPECT_NE(text.find("制造业景气指数"), std::string::npos) << text;
  EXPECT_EQ(text.find("另一条新闻"), std::string::npos) << text;
}

TEST(HeadlineStory, AFeedItemScoringAboveTheArticleGivesWayToIt) {
  std::string page = R"(<html><head><title>企业信心保持稳定</title></head><body>
<div class="page"><div class="col"><div><article><header><h1>企业信心保持稳定</h1>
<div>2024年5月22日 上午8:21</div></header><div><div><div>)" +
                     kStory + R"(</div></div></div></article></div></div>
<div class="col2"><div><div><h2>你可能还想看</h2><ul>)";
  for (int i = 0; i < 8; ++i) {
    page += "<li><div class=\"item\"><h4><a href=\"/n" + std::to_string(i) + "\">其他新闻标题第" +
            std::to_string(i) +
            "条</a></h4>"
            "<p>另一条新闻的摘要，讲述了完全不同的事情，读者可以点击查看：一、二、三、四、五，"
            "上、中、下，东、南、西、北。</p></div></li>";
  }
  page += "</ul></div></div></div></div></body></html>";
  auto dom = parse_html(page);
  const html::MainContent main = html::find_main_content(*dom);
  ASSERT_NE(main.best, nullptr);
  EXPECT_EQ(html::tag(main.best), "article");
  const std::string text = kept_text(html::extract_blocks(*dom));
  EXPECT_NE(text.find("制造业景气指数"), std::string::npos) << text;
  EXPECT_EQ(text.find("另一条新闻"), std::string::npos) << text;
}

TEST(HeadlineStory, ALongerStoryUnderAnotherHeadlineDoesNotWin) {
  std::string other;
  for (int i = 0; i < 12; ++i) {
    other += "<p>另一篇文章的第" + std::to_string(i) +
             "段，讲述歌手的成长经历和音乐道路，内容丰富，篇幅很长，远远超过本文。</p>";
  }
  const std::string page =
      R"(<html><head><title>官员否认事故存在谋杀行为_快资讯</title></head><body>
<div class="detail"><h1 class="article__title">官员否认事故存在谋杀行为</h1><div id="article__content">)" +
      kStory + R"(</div></div><div class="recommend-wrapper">
<h1 class="article__title">三十一岁一炮而红，观众都以为他隐退了</h1><div class="recommend-content">)" +
      other + "</div></div></body></html>";
  auto dom = parse_html(page);
  const std::string text = kept_text(html::extract_blocks(*dom));
  EXPECT_NE(text.find("制造业景气指数"), std::string::npos) << text;
  EXPECT_EQ(text.find("另一篇文章"), std::string::npos) << text;
}

TEST(HeadlineStory, AStandfirstInTheSameContainerLeavesTheBodyChosen) {
  std::string body;
  for (int i = 0; i < 8; ++i) {
    body += "<p>正文第" + std::to_string(i) +
            "段：会议指出，要坚持以人民为中心，持续深化改革，推动有效市场和有为政府更好结合。</p>";
  }
  const std::string page = R"(<html><head><title>会议召开</title></head><body><div class="article">
<div class="head"><h1>会议召开</h1><p class="lead">导语：会议部署了下一阶段的工作，强调要抓好落实，回应企业关切。</p></div>
<div class="body"><h2>一、会议部署了哪些工作</h2>)" +
                           body + "</div></div></body></html>";
  auto dom = parse_html(page);
  const std::string text = kept_text(html::extract_blocks(*dom));
  EXPECT_NE(text.find("正文第7段"), std::string::npos) << text;
}

TEST(Labels, PictureAndDataCreditsAreNotTheArticlesSource) {
  EXPECT_TRUE(text::names_other_field("图片来源：某某报告", 6));
  EXPECT_FALSE(text::names_other_field("来源：某某日报", 0));
  EXPECT_EQ(text::labelled_value("图片来源：城市年度报告 数据来源：统计局", {"来源"}),
            std::nullopt);
  EXPECT_EQ(text::labelled_value("图片来源：城市年度报告 来源：某某日报", {"来源"}), "某某日报");

  auto dom = parse_html(R"(<html><head><title>有轨电车之困</title></head><body>
<h1>有轨电车之困</h1><p>现代有轨电车的发展，离既定目标还有相当的距离。</p>
<p>图片来源：城市轨道交通年度统计和分析报告</p><p>其里程增速已明显放缓。</p></body></html>)");
  Metadata meta;
  html::extract_metadata(*dom, "", meta);
  EXPECT_EQ(meta.source_name, "");
}

TEST(SourceElement, TheTextOfAnElementClassedSource) {
  auto dom = parse_html(R"(<html><body><div class="date-source"><span class="date">2024年05月20日
</span><a class="source" href="/m">每日经济新闻</a></div></body></html>)");
  EXPECT_EQ(html::source_element_text(*dom), "每日经济新闻");
  auto labelled = parse_html(R"(<html><body><span id="source">来源：新华社</span></body></html>)");
  EXPECT_EQ(html::source_element_text(*labelled), "新华社");
  auto long_text =
      parse_html(R"(<html><body><div class="source">本文的资料来源于多个部门的统计公报，
经过编辑部的整理和核实，读者可以在文末查看完整的参考文献列表。</div></body></html>)");
  EXPECT_EQ(html::source_element_text(*long_text), "");
}

TEST(MediaPlayer, PlayerControlsAroundAVideoAreRemoved) {
  auto dom = parse_html(R"(<html><body><div class="article-content">
<p>以光影之名，探寻首都文化魅力。本周起，栏目将推出系列访谈节目，五位电影人将讲述他们的成长故事。</p>
<div class="video-player"><video src="a.mp4"></video><div class="hint">正在为您切换到高清 480P,请稍候...</div>
<span>00:00/00:00</span><ul><li>2.0X</li><li>1.5X</li></ul><div>很抱歉，当前视频播放失败</div></div>
<p>用电影人的艺术探索构建起中国电影和首都北京的发展之路，一起期待吧！</p>
<div class="video-box"><video src="b.mp4"></video><p>视频说明：这段视频记录了访谈现场的情景，五位嘉宾围坐一起，
回顾了各自的从业经历，讲述了许多鲜为人知的幕后故事，也谈到了对年轻电影人的期望。</p></div>
</div></body></html>)");
  const html::Node root = html::select_first(*dom, ".article-content");
  const std::vector<Block> blocks = html::blocks_from_subtree(root);
  const std::string text = kept_text(blocks);
  EXPECT_EQ(text.find("切换到高清"), std::string::npos) << text;
  EXPECT_EQ(text.find("播放失败"), std::string::npos) << text;
  EXPECT_NE(text.find("一起期待吧"), std::string::npos) << text;
  EXPECT_NE(text.find("回顾了各自的从业经历"), std::string::npos) << "a real paragraph keeps it";
  bool recorded = false;
  for (const Block& block : blocks) {
    if (block.removed && block.removed->rule == "media_player") recorded = true;
  }
  EXPECT_TRUE(recorded);
}

// trim finds trailing spaces from the back; a forward decode is the reference.
TEST(Fields, TrimFromTheBackMatchesAForwardDecode) {
  const auto forward = [](std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
      std::size_t next = begin;
      if (!text::is_space(text::next_code_point(text, next))) break;
      begin = next;
    }
    std::size_t end = begin;
    for (std::size_t pos = begin; pos < text.size();) {
      if (!text::is_space(text::next_code_point(text, pos))) end = pos;
    }
    return std::string(text.substr(begin, end - begin));
  };
  for (const std::string& s : std::vector<std::string>{
           "", " ", "\xE3\x80\x80", "a", "  中文 \xE3\x80\x80\n", "x\xC2\xA0\xC2\xA0",
           "x\x80\x80\x80\x80 ", "x\xE3\x80", "x\xE3\x80 \xE3\x80\x80", "\x80 ",
           "\xF0\x9F\x98\x80 \t", "a\xE2\x80\x8B", "a\xEF\xBB\xBF \xFF", "\xE3\x80\x80\x80",
           "x \x80", "x\xE3\x80\x80\x80", "x\xC2\xA0\x80\x80"}) {
    EXPECT_EQ(text::trim(s), forward(s)) << s;
    EXPECT_EQ(text::trim_spaces(s), forward(s)) << s;
  }
}

}  // namespace
}  // namespace clearpage
