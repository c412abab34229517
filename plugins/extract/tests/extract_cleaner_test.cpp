// The extract cleaner through the real host, on small handmade pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "clearpage/extract/extract.hpp"
#include "clearpage/html/dom.hpp"
#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document extract(const std::string& html) {
  auto reader = testkit::make_reader("html");
  Input input;
  input.id = "page";
  input.source = "page.html";
  input.bytes = html;
  Document doc = reader->read(input);
  // These pages test the scored-container rules (selector "score", which Chinese pages
  // and pages the classifier keeps nothing of still use); block_model_test.cpp tests
  // the classifier.
  auto cleaner = testkit::make_cleaner(
      "extract", testkit::options_with("extract", {{"selector", std::string("score")}}));
  EXPECT_EQ(cleaner->probe(doc), kProbeGeneric);
  cleaner->clean(doc);
  return doc;
}

const Block* find_kind(const Document& doc, BlockKind kind) {
  for (const auto& b : doc.blocks) {
    if (b.kind == kind && b.kept()) return &b;
  }
  return nullptr;
}

const std::string kPara1 =
    "国务院总理主持召开国务院常务会议，部署进一步优化营商环境，更大激发市场活力和社会创造力。";
const std::string kPara2 =
    "会议指出，要坚持以人民为中心，持续深化“放管服”改革，推动有效市场和有为政府更好结合。";
const std::string kPara3 =
    "会议要求，各地区、各部门要抓好政策落实，及时回应企业关切；对不作为、乱作为的，要严肃问责！";

std::string article_page() {
  return "<html><head><title>会议召开_新华网</title></head><body>"
         "<div class=\"nav\"><ul><li><a href=/>首页</a></li><li><a href=/a>要闻</a></li>"
         "<li><a href=/b>政务</a></li><li><a href=/c>财经</a></li></ul></div>"
         "<div class=\"main\"><div class=\"article-content\" id=\"zoom\">"
         "<h1>国务院常务会议召开</h1>"
         "<p>" +
         kPara1 +
         "</p>"
         "<p>" +
         kPara2 +
         "</p>"
         "<div class=\"share-bar\">分享到：<a href=#>微信</a><a href=#>微博</a><a "
         "href=#>QQ</a></div>"
         "<p><img data-src=\"http://img.example.cn/a.jpg\" src=\"data:image/gif;base64,R0lG\" "
         "alt=\"会场\"></p>"
         "<p style=\"text-align: center\">图为会议现场。</p>"
         "<p>" +
         kPara3 +
         "</p>"
         "<div class=\"related\"><h3>相关新闻</h3><ul><li><a href=/1>新闻一标题很长很长</a></li>"
         "<li><a href=/2>新闻二标题很长很长</a></li><li><a "
         "href=/3>新闻三标题很长很长</a></li></ul></div>"
         "<div id=\"comments\"><p>网友评论：说得好，支持！这是一条比较长的评论内容。</p></div>"
         "</div></div>"
         "<div class=\"footer\"><p>版权所有 © 新华网 京ICP备000000号，未经许可不得转载。</p></div>"
         "</body></html>";
}

TEST(ExtractCleaner, DeclinesDocumentsWithoutDomOrWithBlocks) {
  auto cleaner = testkit::make_cleaner("extract");
  Document doc;
  EXPECT_EQ(cleaner->probe(doc), kProbeDecline);
  Document done = extract(article_page());
  EXPECT_EQ(cleaner->probe(done), kProbeDecline);
}

TEST(ExtractCleaner, KeepsTheArticleAndDropsChrome) {
  const Document doc = extract(article_page());
  const std::string text = doc.text();
  EXPECT_NE(text.find(kPara1), std::string::npos) << text;
  EXPECT_NE(text.find(kPara2), std::string::npos) << text;
  EXPECT_NE(text.find(kPara3), std::string::npos) << text;
  for (const char* chrome : {"首页", "分享到", "相关新闻", "网友评论", "版权所有"}) {
    EXPECT_EQ(text.find(chrome), std::string::npos) << chrome << " in: " << text;
  }
  // The <h1> opening the content is the headline: worded unlike <title>, it is still the
  // page's title (the html reader takes an <h1> that opens the text), and removed as such.
  auto heading = std::find_if(doc.blocks.begin(), doc.blocks.end(),
                              [](const Block& b) { return b.kind == BlockKind::kHeading; });
  ASSERT_NE(heading, doc.blocks.end());
  EXPECT_EQ(heading->level, 1);
  EXPECT_EQ(heading->text, "国务院常务会议召开");
  EXPECT_EQ(heading->provenance, "html/body/div[2]/div/h1");
  ASSERT_FALSE(heading->kept());
  EXPECT_EQ(heading->removed->rule, "title_heading");
  // Boilerplate inside the article is kept as removed blocks with a reason.
  bool share_removed = false;
  for (const auto& b : doc.blocks) {
    if (!b.kept() && b.text.find("分享到") != std::string::npos) {
      share_removed = true;
      EXPECT_EQ(b.removed->plugin, "extract");
      EXPECT_EQ(b.removed->rule, "share");
    }
  }
  EXPECT_TRUE(share_removed);
}

TEST(ExtractCleaner, ImagesUseDataSrcAndTakeTheirCaption) {
  const Document doc = extract(article_page());
  auto image = std::find_if(doc.blocks.begin(), doc.blocks.end(),
                            [](const Block& b) { return b.kind == BlockKind::kImage; });
  ASSERT_NE(image, doc.blocks.end());
  EXPECT_EQ(image->src, "http://img.example.cn/a.jpg");
  EXPECT_EQ(image->alt, "会场");
  ASSERT_NE(image + 1, doc.blocks.end());
  EXPECT_EQ((image + 1)->kind, BlockKind::kCaption);
  EXPECT_EQ((image + 1)->text, "图为会议现场。");
}

TEST(ExtractCleaner, TablesListsAndQuotes) {
  const Document doc =
      extract("<html><body><div class=content><p>" + kPara1 + "</p><p>" + kPara2 +
              "</p>"
              "<table><tr><th>地区</th><th>增速</th></tr><tr><td>北京</td><td>5.2%</td></tr>"
              "<tr><td>上海</td><td>5.0%</td></tr></table>"
              "<ol><li>第一，优化审批。</li><li>第二，减税降费。</li></ol>"
              "<blockquote>引用的一段话，很重要。</blockquote><p>" +
              kPara3 + "</p></div></body></html>");
  const Block* table = find_kind(doc, BlockKind::kTable);
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[1], (std::vector<std::string>{"北京", "5.2%"}));
  const Block* list = find_kind(doc, BlockKind::kList);
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->items, (std::vector<std::string>{"第一，优化审批。", "第二，减税降费。"}));
  const Block* quote = find_kind(doc, BlockKind::kQuote);
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->text, "引用的一段话，很重要。");
}

TEST(ExtractCleaner, ChineseTextWithoutSpacesAndBrLines) {
  // A gov-style page: text with <br> in a div, no <p>, next to a link-heavy sidebar.
  std::string sidebar = "<div class=left>";
  for (int i = 0; i < 20; ++i)
    sidebar += "<a href=/x" + std::to_string(i) + ">栏目链接" + std::to_string(i) + "</a><br>";
  sidebar += "</div>";
  const Document doc = extract("<html><body>" + sidebar + "<div class=TRS_Editor>" + kPara1 +
                               "<br>" + kPara2 + "<br>" + kPara3 + "</div></body></html>");
  ASSERT_EQ(doc.text(), kPara1 + "\n" + kPara2 + "\n" + kPara3);
  EXPECT_EQ(doc.blocks[0].provenance, "html/body/div[2]");
}

TEST(ExtractCleaner, HeadlineEqualToTheTitleIsRemovedAsMetadata) {
  const Document doc = extract(
      "<html><head><title>会议召开 - 新华网</title></head><body>"
      "<div class=content><h1>会议召开</h1><p>" +
      kPara1 + "</p><p>" + kPara2 + "</p></div></body></html>");
  EXPECT_EQ(doc.meta.title, "会议召开");
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kHeading);
  ASSERT_FALSE(doc.blocks[0].kept());
  EXPECT_EQ(doc.blocks[0].removed->rule, "title_heading");
  EXPECT_EQ(doc.text(), kPara1 + "\n" + kPara2);
}

// English prose for the tests below: the extractor must not rely on Han text.
const std::string kEn1 =
    "The city council approved the new budget on Tuesday, after a long debate about schools, "
    "roads and the cost of public transport for families.";
const std::string kEn2 =
    "Officials said the plan would raise spending on repairs by ten percent, while keeping "
    "property taxes at the level of last year.";
const std::string kEn3 =
    "Critics argued that the council had ignored the advice of its own auditors, and they "
    "promised to challenge the vote at the next meeting.";

const Block* find_text(const Document& doc, const std::string& needle) {
  for (const auto& b : doc.blocks) {
    if (b.text.find(needle) != std::string::npos) return &b;
  }
  return nullptr;
}

std::string removal_rule(const Document& doc, const std::string& needle) {
  const Block* b = find_text(doc, needle);
  if (!b) return "(absent)";
  return b->kept() ? "(kept)" : b->removed->rule;
}

TEST(ExtractCleaner, ElementsHiddenByUtilityClassesAreSkipped) {
  const Document doc =
      extract("<html><body><article><p>" + kEn1 +
              "</p><p class=\"sr-only\">Skip to the next story "
              "about the football season and the new coach.</p><div class=\"hidden\"><p>An old "
              "version of this story said the vote was on Monday, which was wrong.</p></div>"
              "<span aria-hidden=\"true\">Icon label</span><p>" +
              kEn2 + "</p></article></body></html>");
  const std::string text = doc.text();
  EXPECT_NE(text.find(kEn1), std::string::npos);
  EXPECT_NE(text.find(kEn2), std::string::npos);
  EXPECT_EQ(text.find("Skip to the next"), std::string::npos) << text;
  EXPECT_EQ(text.find("old version"), std::string::npos) << text;
  EXPECT_EQ(text.find("Icon label"), std::string::npos) << text;
}

TEST(ExtractCleaner, StreamedSegmentsAreContentOtherHiddenElementsAreNot) {
  // Streaming server rendering sends the article late, hidden, for a script to move in.
  const Document doc = extract(
      "<html><body><div hidden><p>A menu that the page never shows to anyone at "
      "all.</p></div><template id=\"B:0\"></template><div hidden id=\"S:0\"><article><p>" +
      kEn1 + "</p><p>" + kEn2 +
      "</p></article></div><div hidden id=\"S:x\"><p>Another hidden block that is not a "
      "streamed segment of the page.</p></div></body></html>");
  const std::string text = doc.text();
  EXPECT_NE(text.find(kEn1), std::string::npos) << text;
  EXPECT_NE(text.find(kEn2), std::string::npos) << text;
  EXPECT_EQ(text.find("A menu"), std::string::npos) << text;
  EXPECT_EQ(text.find("Another hidden"), std::string::npos) << text;
}

std::string script_rendered_page(const std::string& json_ld) {
  return "<html><head><meta property=\"og:description\" content=\"Shop our great range of "
         "products today and save on every order.\"><script type=\"application/ld+json\">" +
         json_ld + "</script></head><body><div id=\"app\"></div></body></html>";
}

std::vector<const Block*> kept_blocks(const Document& doc) {
  std::vector<const Block*> kept;
  for (const Block& b : doc.blocks) {
    if (b.kept()) kept.push_back(&b);
  }
  return kept;
}

TEST(ExtractCleaner, AScriptRenderedPageGivesTheJsonLdTextOfItsWork) {
  const Document product = extract(script_rendered_page(
      R"({"@graph":[{"@type":"WebSite","description":"The shop for everything you need."},)"
      R"({"@type":"Product","name":"Dark Roast","description":"BOLDER DAYS.\nMeet the )"
      R"(roast that keeps pace with the longest of your working days."}]})"));
  const auto kept = kept_blocks(product);
  ASSERT_EQ(kept.size(), 1u) << product.text();
  EXPECT_EQ(kept[0]->text,
            "BOLDER DAYS. Meet the roast that keeps pace with the longest of your working days.");
  EXPECT_EQ(kept[0]->provenance, "jsonld:description");

  const Document article = extract(script_rendered_page(
      R"({"@type":"NewsArticle","description":"A summary of the story in one line of text.",)"
      R"("articleBody":"The council voted on Tuesday to rebuild the old bridge by spring."})"));
  ASSERT_EQ(kept_blocks(article).size(), 1u) << article.text();
  EXPECT_EQ(kept_blocks(article)[0]->provenance, "jsonld:articleBody");
}

TEST(ExtractCleaner, ASitesOwnDescriptionIsNoBody) {
  // A page's, a site's or an organisation's description, and og:description, describe the
  // site or sell the page: the body stays empty.
  const Document doc = extract(script_rendered_page(
      R"([{"@type":"CollectionPage","description":"Shop for great deals on art and more."},)"
      R"({"@type":"Organization","description":"We have sold art to collectors since 1990."}])"));
  EXPECT_TRUE(kept_blocks(doc).empty()) << doc.text();
  // A description shorter than a paragraph is no text either.
  const Document short_one =
      extract(script_rendered_page(R"({"@type":"Product","description":"Red mug."})"));
  EXPECT_TRUE(kept_blocks(short_one).empty()) << short_one.text();
}

TEST(ExtractCleaner, GalleriesBylinesAndTimestampsInsideTheArticleAreRemoved) {
  const Document doc = extract(
      "<html><body><article><p class=\"byline\">By Jane Reporter, City Desk</p>"
      "<div class=\"post-author\">Jane writes about city hall and lives by the river.</div>"
      "<span class=\"timestamp\">Updated 5:27 am, Wednesday, November 20</span>"
      "<div class=\"hst-resgallery\"><ul><li><div class=\"caption-text\">The council chamber "
      "during the vote on Tuesday evening, seen from the gallery.</div></li></ul></div>"
      "<p>" +
      kEn1 + "</p><p>" + kEn2 + "</p><p>" + kEn3 + "</p></article></body></html>");
  EXPECT_EQ(removal_rule(doc, "By Jane"), "byline");
  EXPECT_EQ(removal_rule(doc, "Updated 5:27"), "timestamp");
  EXPECT_EQ(removal_rule(doc, "council chamber"), "gallery");
  EXPECT_EQ(removal_rule(doc, "Jane writes"), "author");
  EXPECT_EQ(doc.text(), kEn1 + "\n" + kEn2 + "\n" + kEn3);
}

TEST(ExtractCleaner, TheArticleHeaderAndFigureChromeAreRemovedButTheCaptionStays) {
  const Document doc = extract(
      "<html><body><article><header><h1>Council approves budget</h1><p>By Jane Reporter</p>"
      "<p>Nov. 20, 2019</p></header><p>" +
      kEn1 +
      "</p><figure><div>Image 1 of 5</div>"
      "<img src=\"/a.jpg\"><div>(Image credit: City Hall)</div><figcaption>The council "
      "chamber on Tuesday.</figcaption></figure><p>" +
      kEn2 + "</p><p>" + kEn3 + "</p></article></body></html>");
  EXPECT_EQ(removal_rule(doc, "By Jane"), "header");
  EXPECT_EQ(removal_rule(doc, "Image 1 of 5"), "figure_text");
  EXPECT_EQ(removal_rule(doc, "Image credit"), "figure_text");
  const Block* caption = find_kind(doc, BlockKind::kCaption);
  ASSERT_NE(caption, nullptr);
  EXPECT_EQ(caption->text, "The council chamber on Tuesday.");
  EXPECT_EQ(doc.text(), kEn1 + "\nThe council chamber on Tuesday.\n" + kEn2 + "\n" + kEn3);
}

TEST(ExtractCleaner, LinkLinesAndLinkListsAreRemovedWithTheLineThatIntroducesThem) {
  const Document doc = extract(
      "<html><body><article><p>" + kEn1 +
      "</p>"
      "<p>READ MORE: <a href=/x>Mayor promises faster repairs of the old bridge</a></p>"
      "<p>" +
      kEn2 +
      "</p>"
      "<p>Sources: <a href=\"https://example.org/report\">https://example.org/report</a></p>"
      "<p><a href=\"https://example.org/audit\">https://example.org/audit</a></p>"
      "<p><a href=/r>[Reuters]</a></p>"
      "<p>" +
      kEn3 +
      "</p>"
      "<h3>More Great Stories</h3><ul>"
      "<li><a href=/1>How the storm changed the coast forever</a></li>"
      "<li><a href=/2>Why the trains are late again this winter</a></li>"
      "<li><a href=/3>The school that teaches chess to everyone</a></li>"
      "<li>Prepare for the winter storms with our guide, and check out the latest forecast for "
      "the weekend in <a href=/w>weather</a></li>"
      "<li>Torn between the many new phones? Never fear, read our buying guide and the reviews "
      "of the best cheap ones in <a href=/p>phones</a></li></ul>"
      "<p>Don't miss</p><p><a href=/4>Police close the main road for the parade</a></p>"
      "<p><a href=/5>A new park opens on the east side of town</a></p>"
      "</article></body></html>");
  EXPECT_EQ(removal_rule(doc, "READ MORE"), "link_paragraph");
  EXPECT_EQ(removal_rule(doc, "How the storm"), "link_list");
  EXPECT_EQ(removal_rule(doc, "More Great Stories"), "link_intro");
  EXPECT_EQ(removal_rule(doc, "Don't miss"), "link_intro");
  EXPECT_EQ(removal_rule(doc, "Police close"), "link_paragraph");
  EXPECT_EQ(removal_rule(doc, "A new park"), "link_paragraph");
  // Addresses given as link text, and short citations, are part of the text.
  EXPECT_EQ(removal_rule(doc, "https://example.org/audit"), "(kept)");
  EXPECT_EQ(removal_rule(doc, "Sources:"), "(kept)");
  EXPECT_EQ(removal_rule(doc, "[Reuters]"), "(kept)");
  // A list whose items only contain a link here and there is an enumeration.
  const Document steps = extract(
      "<html><body><article><p>" + kEn1 +
      "</p><ol><li>Fill in <a href=/f>the form</a> and "
      "sign it.</li><li>Send it to the council office.</li><li>Wait for the letter.</li></ol>"
      "<p>" +
      kEn2 + "</p></article></body></html>");
  ASSERT_NE(find_kind(steps, BlockKind::kList), nullptr);
}

TEST(ExtractCleaner, RemovedBlocksAreLeftOutWhenNotEmitted) {
  auto dom = parse_html("<html><body><article><p>" + kEn1 +
                        "</p><h3>More Great Stories</h3><ul>"
                        "<li><a href=/1>How the storm changed the coast forever</a></li>"
                        "<li><a href=/2>Why the trains are late again this winter</a></li>"
                        "<li><a href=/3>The school that teaches chess to everyone</a></li></ul>"
                        "<p>" +
                        kEn2 + "</p></article></body></html>");
  html::ExtractOptions options;
  options.emit_removed = false;
  const auto blocks = html::extract_blocks(*dom, options);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text, kEn1);
  EXPECT_EQ(blocks[1].text, kEn2);
}

TEST(ExtractCleaner, ALongCommentThreadDoesNotOutweighAShortArticle) {
  // The article's lines are separated by <br> in one div; each comment is its own block.
  std::string comments = "<div id=\"comments\">";
  for (int i = 0; i < 8; ++i) {
    comments += "<div class=\"comment_content\"><p>" + kEn3 + "</p><p>" + kEn2 + " Reply " +
                std::to_string(i) + ".</p></div>";
  }
  comments += "</div>";
  const std::string page = "<html><body><div id=\"wrap\"><div class=\"col-8\"><div>" + kEn1 +
                           "<br><br>" + kEn2 + "</div></div>" + comments + "</div></body></html>";
  const Document doc = extract(page);
  EXPECT_EQ(doc.text(), kEn1 + "\n" + kEn2);
  // The article container itself is chosen, not a wrapper that also holds the thread.
  auto dom = parse_html(page);
  const auto main = html::find_main_content(*dom);
  ASSERT_NE(main.best, nullptr);
  EXPECT_EQ(html::select_first(main.best, "#comments"), nullptr) << html::dom_path(main.best);
}

TEST(ExtractCleaner, AnArticleSplitIntoPartsWithTheSameClassIsJoined) {
  // An ad row splits the body into two grid chunks; a teaser list reuses the class.
  const std::string part = "<div class=\"grid-item article-body\">";
  const Document doc = extract(
      "<html><body><main><div class=\"chunks\">"
      "<div class=\"grid\">" +
      part + "<p>" + kEn1 +
      "</p></div></div>"
      "<div class=\"row-ad\"><div class=\"ad\">Advertisement</div></div>"
      "<div class=\"grid\">" +
      part + "<p>" + kEn2 + "</p><p>" + kEn3 + "</p><p>" + kEn1 +
      "</p></div></div></div>"
      "<div class=\"grid\">" +
      part +
      "<h4><a href=/t>The school that teaches chess to "
      "everyone in town</a></h4><p>A summary of that other story, which tells how a retired "
      "teacher opened the doors of the old library, and how the whole town came to play.</p>"
      "</div></div></main></body></html>");
  EXPECT_EQ(doc.text(), kEn1 + "\n" + kEn2 + "\n" + kEn3 + "\n" + kEn1);
}

TEST(ExtractCleaner, TheArticleWithTheHeadlineWinsOverOtherStoriesArticles) {
  // <title> words the headline differently, so the page's only <h1> marks the story.
  std::string others = "<article class=\"box\"><h3>You may also like</h3>";
  for (int i = 0; i < 6; ++i) {
    others += "<article class=\"box\"><p>" + kEn2 + " " + kEn3 + "</p><p>" + kEn1 +
              "</p>"
              "</article>";
  }
  others += "</article>";
  const Document doc = extract(
      "<html><head><title>Council budget... | City News</title></head><body><div id=primary>"
      "<article class=\"story\"><h1>Council budget…</h1><p>" +
      kEn1 + "</p></article>" + others + "</div></body></html>");
  EXPECT_EQ(doc.text(), kEn1);
  // The <h1> is the page's title, so it leaves the body as the title's copy.
  EXPECT_EQ(removal_rule(doc, "Council budget…"), "title_heading");
}

TEST(ExtractCleaner, DatelinesAndBylinesBeforeTheTextAreRemoved) {
  const Document doc = extract(
      "<html><body><div class=content><div>Nov. 20, 2019, 9:28 AM UTC</div>"
      "<div>By Jane Reporter - 2019-04-10</div><div>Updated at 1:23 p.m.</div>"
      "<p>Council approves the 2020 budget</p>"
      "<p>" +
      kEn1 + " " + kEn2 +
      "</p><p>Nov. 21, 2019: a follow-up meeting is set.</p>"
      "<p>" +
      kEn3 + "</p></div></body></html>");
  EXPECT_EQ(removal_rule(doc, "Nov. 20, 2019"), "date_line");
  EXPECT_EQ(removal_rule(doc, "By Jane"), "date_line");
  EXPECT_EQ(removal_rule(doc, "Updated at"), "date_line");
  // A year alone is no date, and after the first sentences dates are text.
  EXPECT_EQ(removal_rule(doc, "Council approves the 2020"), "(kept)");
  EXPECT_EQ(removal_rule(doc, "Nov. 21, 2019"), "(kept)");
  const Document zh = extract(
      "<html><body><div class=content><p>2024年4月份居民消费价格同比上涨0.3%</p>"
      "<p>2024年5月10日 来源：国家统计局</p><p>" +
      kPara1 + kPara2 + "</p></div></body></html>");
  EXPECT_EQ(removal_rule(zh, "2024年4月份"), "(kept)");
  EXPECT_EQ(removal_rule(zh, "2024年5月10日"), "date_line");
}

TEST(ExtractCleaner, EmbeddedPostsInSocialBoxesAreQuotesInTheText) {
  const Document doc =
      extract("<html><body><article><p>" + kEn1 +
              "</p><div class=\"embed-social\">"
              "<blockquote class=\"twitter-tweet\"><p>The budget vote is a win for every family in "
              "this city.</p>— Mayor Smith (@mayor) November 18, 2019</blockquote></div>"
              "<p>" +
              kEn2 +
              "</p><div class=\"social-share\">Share this story on "
              "<a href=/f>Facebook</a> or <a href=/t>Twitter</a> today</div><p>" +
              kEn3 + "</p></article></body></html>");
  const Block* quote = find_kind(doc, BlockKind::kQuote);
  ASSERT_NE(quote, nullptr);
  EXPECT_NE(quote->text.find("a win for every family"), std::string::npos);
  EXPECT_EQ(removal_rule(doc, "Share this story"), "social");
}

TEST(ExtractCleaner, OnlyAnH1OpeningTheContentIsTakenForTheHeadline) {
  const Document doc = extract("<html><head><title>City News</title></head><body><article><p>" +
                               kEn1 + "</p><h1>Part two</h1><p>" + kEn2 +
                               "</p><h2>Budget "
                               "vote</h2><p>" +
                               kEn3 + "</p></article></body></html>");
  EXPECT_EQ(removal_rule(doc, "Part two"), "(kept)");
  EXPECT_EQ(removal_rule(doc, "Budget vote"), "(kept)");
}

TEST(ExtractCleaner, SubtreeApiForSitePlugins) {
  auto dom = parse_html(article_page());
  html::ExtractOptions options;
  options.emit_removed = false;
  const auto blocks = html::blocks_from_subtree(html::find_by_id(*dom, "zoom"), options);
  ASSERT_FALSE(blocks.empty());
  for (const auto& b : blocks) EXPECT_TRUE(b.kept());
  EXPECT_EQ(blocks.front().kind, BlockKind::kHeading);
  const auto main = html::find_main_content(*dom);
  ASSERT_FALSE(main.nodes.empty());
  // The best node is the article container or the wrapper it is the only child of.
  bool contains_zoom = false;
  for (html::Node n = html::find_by_id(*dom, "zoom"); n; n = html::parent(n)) {
    if (n == main.best) contains_zoom = true;
  }
  EXPECT_TRUE(contains_zoom);
  EXPECT_NE(html::tag(main.best), "body");
}

// extract_blocks reuses the page's statistics for the chosen nodes; building each
// chosen subtree's own statistics must give the same blocks.
TEST(ExtractBlocks, ThePagesStatisticsGiveWhatEachSubtreesOwnWould) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  auto reader = testkit::make_reader("html");
  int pages = 0;
  for (const auto& path : testkit::corpus_html_pages(shared)) {
    const auto name = path.filename().string();
    const Document doc = testkit::read_with(*reader, path);
    const std::vector<Block> shared_stats = html::extract_blocks(*html::html_dom(doc));
    std::vector<Block> own_stats;
    for (const html::Node n : html::find_main_content(*html::html_dom(doc)).nodes) {
      for (auto& b : html::blocks_from_subtree(n)) own_stats.push_back(std::move(b));
    }
    ASSERT_EQ(shared_stats.size(), own_stats.size()) << name;
    for (std::size_t i = 0; i < own_stats.size(); ++i) {
      const Block& a = shared_stats[i];
      const Block& b = own_stats[i];
      EXPECT_EQ(a.kind, b.kind) << name << " block " << i;
      EXPECT_EQ(a.text, b.text) << name << " block " << i;
      EXPECT_EQ(a.provenance, b.provenance) << name << " block " << i;
      EXPECT_EQ(a.items, b.items) << name << " block " << i;
      EXPECT_EQ(a.rows, b.rows) << name << " block " << i;
      // Only extract_blocks removes the datelines before the text.
      const bool dateline = a.removed && a.removed->rule == "date_line";
      if (!dateline) {
        EXPECT_EQ(a.kept(), b.kept()) << name << " block " << i;
        if (a.removed && b.removed) {
          EXPECT_EQ(a.removed->rule, b.removed->rule) << name;
        }
      }
    }
    ++pages;
  }
  EXPECT_GT(pages, 60);
}

}  // namespace
}  // namespace clearpage
