// clearpage/extract/metadata.hpp: page metadata from a parsed page and its URL.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>

#include "clearpage/extract/metadata.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage {
namespace {

using FoundBy = std::map<std::string, std::string>;

Metadata metadata_of(const std::string& page, std::string_view url = {}, Metadata meta = {},
                     std::string_view plugin = "html") {
  const auto dom = parse_html(page);
  html::extract_metadata(*dom, url, meta, plugin);
  return meta;
}

TEST(ExtractMetadata, MetaTagsAndTheRulesThatSetEachField) {
  const Metadata meta = metadata_of(
      "<html lang=\"zh-CN\"><head><title>Rates rise again | Daily News</title>"
      "<meta property=\"og:site_name\" content=\"Daily News\">"
      "<meta property=\"og:title\" content=\"Rates rise again\">"
      "<meta property=\"article:published_time\" content=\"2024-03-01T09:00:00+01:00\">"
      "<meta name=\"author\" content=\"Ann Lee\">"
      "<meta name=\"keywords\" content=\"rates, banks\"></head>"
      "<body><h1>Rates rise again</h1><p>text</p></body></html>");
  EXPECT_EQ(meta.title, "Rates rise again");
  EXPECT_EQ(meta.site, "Daily News");
  EXPECT_EQ(meta.published, "2024-03-01T09:00:00+01:00");
  EXPECT_EQ(meta.author, "Ann Lee");
  EXPECT_EQ(meta.keywords, (std::vector<std::string>{"rates", "banks"}));
  EXPECT_EQ(meta.language, "zh-CN");
  EXPECT_EQ(meta.script, "Hans");
  EXPECT_EQ(meta.found_by, (FoundBy{{"author", "html:meta_author"},
                                    {"keywords", "html:meta_keywords"},
                                    {"language", "html:html_lang"},
                                    {"published", "html:meta_article:published_time"},
                                    {"script", "html:language_tag"},
                                    {"site", "html:og_site_name"},
                                    {"title", "html:h1_in_title"}}));
}

TEST(ExtractMetadata, FoundByNamesTheCallingPlugin) {
  const Metadata meta =
      metadata_of("<html><head><title>国务院常务会议召开_光明网</title></head><body></body></html>",
                  {}, {}, "extract");
  EXPECT_EQ(meta.title, "国务院常务会议召开");
  EXPECT_EQ(meta.found_by, (FoundBy{{"title", "extract:title_tag"}}));
}

TEST(ExtractMetadata, OgTitleWithoutTheSiteSuffix) {
  const Metadata meta = metadata_of(
      "<html><head><title>Other words</title>"
      "<meta property=\"og:site_name\" content=\"Daily News\">"
      "<meta property=\"og:title\" content=\"Rates rise again - Daily News\"></head>"
      "<body><p>text</p></body></html>");
  EXPECT_EQ(meta.title, "Rates rise again");
  EXPECT_EQ(meta.found_by.at("title"), "html:og_title");
}

TEST(ExtractMetadata, TitleTagWithoutTheSiteSuffix) {
  // og:site_name cuts the last part whatever its length.
  const Metadata meta = metadata_of(
      "<html><head><title>Guide to fees | Penn State Lehigh Valley Continuing Education</title>"
      "<meta property=\"og:site_name\" content=\"Penn State Lehigh Valley Continuing "
      "Education\"></head><body><p>text</p></body></html>");
  EXPECT_EQ(meta.title, "Guide to fees");
  EXPECT_EQ(meta.found_by.at("title"), "html:title_tag");
  EXPECT_EQ(meta.site, "Penn State Lehigh Valley Continuing Education");
}

TEST(ExtractMetadata, AnH1ThatOpensTheTextIsTheHeadline) {
  const Metadata meta = metadata_of(
      "<html><head><title>Storm: the breaking coverage | Daily News</title></head><body>"
      "<h1>Breaking story</h1><p>text</p></body></html>");
  EXPECT_EQ(meta.title, "Breaking story");
  EXPECT_EQ(meta.found_by.at("title"), "html:h1");
  // Without any title to compare with, the <h1> is all there is.
  EXPECT_EQ(metadata_of("<html><body><h1>Breaking story</h1><p>text</p></body></html>").title,
            "Breaking story");
}

TEST(ExtractMetadata, AHeadingsPermalinkMarkIsNoPartOfTheTitle) {
  const Metadata meta = metadata_of(
      "<html><head><title>Quickstart — Flask Documentation (3.1.x)</title></head><body>"
      "<h1>Quickstart<a class=\"headerlink\" href=\"#quickstart\">\u00b6</a></h1>"
      "<p>Eager to get started? This page gives a good introduction to Flask.</p></body></html>");
  EXPECT_EQ(meta.title, "Quickstart");
  EXPECT_EQ(meta.found_by.at("title"), "html:h1_in_title");
}

TEST(ExtractMetadata, AnH1SharingNoWordWithTheTitlesHeadsASection) {
  const Metadata blog = metadata_of(
      "<html><head><title>Choosing a career in insurance - Actuary Weekly</title>"
      "<meta property=\"og:title\" content=\"Choosing a career in insurance\"></head>"
      "<body><h1>Our Blog</h1><p>text</p></body></html>");
  EXPECT_EQ(blog.title, "Choosing a career in insurance");
  EXPECT_EQ(blog.found_by.at("title"), "html:og_title");
  // Words of other spaced scripts count, and two Han characters in a row.
  EXPECT_EQ(metadata_of("<html><head><title>Скайрим: скорость бега</title></head><body>"
                        "<h1>Скорость бега в Скайриме</h1><p>text</p></body></html>")
                .found_by.at("title"),
            "html:h1");
  EXPECT_EQ(metadata_of("<html><head><title>国务院召开常务会议_新闻</title></head><body>"
                        "<h1>常务会议部署优化营商环境</h1><p>text</p></body></html>")
                .found_by.at("title"),
            "html:h1");
  EXPECT_EQ(metadata_of("<html><head><title>国务院召开常务会议_新闻</title></head><body>"
                        "<h1>首页导航</h1><p>text</p></body></html>")
                .found_by.at("title"),
            "html:title_tag");
}

TEST(ExtractMetadata, BylinesEndWhereADateStartsNotInsideAUserName) {
  const Metadata user = metadata_of(
      "<html><body><span itemprop=\"author\">user447274</span><p>text</p></body></html>");
  EXPECT_EQ(user.author, "user447274");
  EXPECT_EQ(user.found_by.at("author"), "html:itemprop_author");
  const Metadata dated = metadata_of(
      "<html><body><div class=\"byline\">By Jane Doe 2024-05-13</div><p>text</p></body></html>");
  EXPECT_EQ(dated.author, "Jane Doe");
  EXPECT_EQ(dated.found_by.at("author"), "html:byline_class");
}

TEST(ExtractMetadata, JsonLdDateAuthorHeadlineAndPublisher) {
  const Metadata meta = metadata_of(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"LD headline\",\"datePublished\":\"2019-05-20\","
      "\"author\":[{\"name\":\"Ann Lee\"},\"Bo Chan\"],"
      "\"publisher\":{\"name\":\"LD Press\"},\"inLanguage\":\"en\"}</script></head>"
      "<body><p>text</p></body></html>");
  EXPECT_EQ(meta.title, "LD headline");
  EXPECT_EQ(meta.published, "2019-05-20");
  EXPECT_EQ(meta.author, "Ann Lee, Bo Chan");
  EXPECT_EQ(meta.site, "LD Press");
  EXPECT_EQ(meta.language, "en");
  EXPECT_EQ(meta.found_by, (FoundBy{{"author", "html:jsonld_author"},
                                    {"language", "html:jsonld_in_language"},
                                    {"published", "html:jsonld_date_published"},
                                    {"site", "html:jsonld_publisher"},
                                    {"title", "html:jsonld_headline"}}));
}

TEST(ExtractMetadata, MetaTagDateComesBeforeJsonLd) {
  const Metadata meta = metadata_of(
      "<html><head><meta name=\"publishdate\" content=\"2021-09-13 14:57:00\">"
      "<script type=\"application/ld+json\">{\"@type\":\"Article\","
      "\"datePublished\":\"2019-05-20\"}</script></head><body></body></html>");
  EXPECT_EQ(meta.published, "2021-09-13T14:57:00+08:00");  // China time when no zone
  EXPECT_EQ(meta.found_by.at("published"), "html:meta_publishdate");
}

TEST(ExtractMetadata, VisibleDateSourceAuthorAndEditorLines) {
  const Metadata meta = metadata_of(
      "<html><head><title>女儿出嫁--文化--人民网</title></head><body><h1>女儿出嫁</h1>"
      "<div class=info>发布时间：2021年9月13日 14:57 来源：人民日报</div><p>正文。</p>"
      "<p>作者：王五</p><div>（责任编辑：赵六）</div></body></html>");
  EXPECT_EQ(meta.title, "女儿出嫁");
  EXPECT_EQ(meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(meta.source_name, "人民日报");
  EXPECT_EQ(meta.author, "王五");
  EXPECT_EQ(meta.editor, "赵六");
  EXPECT_EQ(meta.found_by, (FoundBy{{"author", "html:visible_author"},
                                    {"editor", "html:visible_editor"},
                                    {"published", "html:visible_date_line"},
                                    {"source_name", "html:visible_source"},
                                    {"title", "html:h1_in_title"}}));
}

TEST(ExtractMetadata, ABareDateTimeLine) {
  const Metadata meta =
      metadata_of("<html><body><div>2021-09-13 14:57</div><p>正文。</p></body></html>");
  EXPECT_EQ(meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(meta.found_by.at("published"), "html:visible_datetime");
}

TEST(ExtractMetadata, TheUrlDatesAPageWithoutOne) {
  const std::string page = "<html><body><p>正文。</p></body></html>";
  const Metadata meta = metadata_of(page, "http://www.gov.cn/xinwen/2021-09/13/content_5637.htm");
  EXPECT_EQ(meta.published, "2021-09-13");
  EXPECT_EQ(meta.found_by.at("published"), "html:url_date");
  EXPECT_EQ(metadata_of(page, "http://x.cn/a/b.html").published, "");
  // A URL date that is no calendar day is not written.
  EXPECT_EQ(metadata_of(page, "http://x.cn/2021/02/30/a.html").published, "");
  // The page's own date comes first.
  const Metadata dated =
      metadata_of("<html><body><div>发布时间：2020-01-02</div><p>正文。</p></body></html>",
                  "http://x.cn/2021/09/13/a.html");
  EXPECT_EQ(dated.published, "2020-01-02");
  EXPECT_EQ(dated.found_by.at("published"), "html:visible_date_line");
}

// An undeclared page: no og:type, no JSON-LD, no "Published" on the date's line.
std::string headed_page(const std::string& before, const std::string& after,
                        const std::string& rest = {}) {
  return "<html><head><title>Tending roses in winter</title></head><body>" + before +
         "<h1>Tending roses in winter</h1>" + after +
         "<p>Cut the canes back by a third before the first frost, then mulch well.</p>" + rest +
         "</body></html>";
}

TEST(ExtractMetadata, ADateBesideTheHeadlineDatesThePage) {
  const Metadata under = metadata_of(headed_page("", "<p>By Ann Lee</p><p>March 3, 2024</p>"));
  EXPECT_EQ(under.published, "2024-03-03");
  EXPECT_EQ(under.found_by.at("published"), "html:header_zone_date");
  // Just above it, under its label.
  EXPECT_EQ(
      metadata_of(headed_page("<div>Last updated:</div><div>Dec 12, 2025</div>", "")).published,
      "2025-12-12");
  // Further down the page a date is an entry's or a comment's, not the page's.
  EXPECT_EQ(metadata_of(headed_page("", "",
                                    "<p>Step 1 of 9</p><p>Step 2 of 9</p><p>Step 3 of 9</p>"
                                    "<p>Step 4 of 9</p><p>March 3, 2024</p>"))
                .published,
            "");
  // Above the headline a bare ISO date is more often a version than the page's date.
  EXPECT_EQ(metadata_of(headed_page("<div>2026-02-25</div>", "")).published, "");
}

TEST(ExtractMetadata, ADateBesideTheHeadingOfAListDatesItsFirstEntry) {
  std::string entries;
  for (int day = 1; day <= 10; ++day) {
    entries += "<li><a href=\"/p" + std::to_string(day) + "\">Post " + std::to_string(day) +
               "</a><span>May " + std::to_string(day) + ", 2024</span></li>";
  }
  EXPECT_EQ(metadata_of(headed_page("", "<ul>" + entries + "</ul>")).published, "");
}
TEST(ExtractMetadata, AUtcTimeTakesThePagesZoneWhenATimeShowsTheSameInstant) {
  const auto published_with = [](const std::string& shown) {
    return metadata_of(
        "<html><head><meta property=\"article:published_time\" "
        "content=\"2025-12-19T03:05:00+00:00\"></head><body><h1>Night notes</h1>"
        "<time datetime=\"" +
        shown + "\">then</time><p>text</p></body></html>");
  };
  const Metadata local = published_with("2025-12-18T19:05:00-08:00");
  EXPECT_EQ(local.published, "2025-12-18T19:05:00-08:00");
  EXPECT_EQ(local.found_by.at("published"), "html:time_datetime_local");
  // Another instant (a comment's) leaves the UTC time alone, as does a time without a zone.
  EXPECT_EQ(published_with("2025-12-18T21:46:01-05:00").published, "2025-12-19T03:05:00+00:00");
  EXPECT_EQ(published_with("2025-12-18T19:05:00").published, "2025-12-19T03:05:00+00:00");
  // Across a month and a year.
  const Metadata new_year = metadata_of(
      "<html><head><meta property=\"article:published_time\" content=\"2025-01-01T02:00:00Z\">"
      "</head><body><time datetime=\"2024-12-31T21:00:00-05:00\">then</time></body></html>");
  EXPECT_EQ(new_year.published, "2024-12-31T21:00:00-05:00");
}

TEST(ExtractMetadata, FieldsAlreadySetAreKept) {
  Metadata given;
  given.title = "Given title";
  given.published = "2000-01-01";
  given.found_by["published"] = "earlier:rule";
  given.author = "Given Author";
  given.keywords = {"given"};
  const Metadata meta = metadata_of(
      "<html lang=\"en\"><head><title>Page title</title>"
      "<meta property=\"og:title\" content=\"OG title\">"
      "<meta property=\"article:published_time\" content=\"2024-03-01\">"
      "<meta name=\"author\" content=\"Ann Lee\">"
      "<meta name=\"keywords\" content=\"rates\"></head><body><p>text</p></body></html>",
      "http://x.cn/2021/09/13/a.html", given);
  EXPECT_EQ(meta.title, "Given title");
  EXPECT_EQ(meta.published, "2000-01-01");
  EXPECT_EQ(meta.author, "Given Author");
  EXPECT_EQ(meta.keywords, std::vector<std::string>{"given"});
  EXPECT_EQ(meta.language, "en");  // the empty field is filled
  EXPECT_EQ(meta.found_by,
            (FoundBy{{"language", "html:html_lang"}, {"published", "earlier:rule"}}));
}

TEST(ExtractMetadata, InvalidCandidatesGiveWayToTheNext) {
  const Metadata meta = metadata_of(
      "<html lang=\"utf-8\"><head><meta property=\"og:locale\" content=\"zh_TW\">"
      "<meta name=\"generator\" content=\"Discuz! X3.4\">"
      "<meta name=\"author\" content=\"Discuz! Team\">"
      "<meta name=\"application-name\" content=\"Forum Site\">"
      "<meta property=\"article:published_time\" content=\"2031-01-01\">"
      "<meta name=\"pubtime\" content=\"2020-05-06\"></head><body></body></html>");
  EXPECT_EQ(meta.language, "zh-TW");
  EXPECT_EQ(meta.script, "Hant");
  EXPECT_EQ(meta.author, "");  // the software's credit
  EXPECT_EQ(meta.site, "Forum Site");
  EXPECT_EQ(meta.published, "2020-05-06");  // the future date is skipped
  EXPECT_EQ(meta.found_by, (FoundBy{{"language", "html:og_locale"},
                                    {"published", "html:meta_pubtime"},
                                    {"script", "html:language_tag"},
                                    {"site", "html:meta_application_name"}}));
}

TEST(DateFromUrl, DatesInThePath) {
  EXPECT_EQ(html::date_from_url("http://www.gov.cn/xinwen/2021-09/13/content_5637.htm"),
            "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://news.cn/20210913/abc/c.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/2021/09/13/a.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/a/b.html"), "");
  // Separators, ids and the bounds of each part.
  EXPECT_EQ(html::date_from_url("http://x.cn/2021_09_13/a.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/202109/t20210913_123.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/a?id=202109131234"), "");
  EXPECT_EQ(html::date_from_url("http://x.cn/1994/05/06/a.html"), "");
  EXPECT_EQ(html::date_from_url("http://x.cn/2021/13/01/a.html"), "");
  EXPECT_EQ(html::date_from_url("http://x.cn/2021/09/32/a.html"), "");
  EXPECT_EQ(html::date_from_url("http://x.cn/2021-0913/a.html"), "");
}

}  // namespace
}  // namespace clearpage
