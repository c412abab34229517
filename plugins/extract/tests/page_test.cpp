// clearpage/extract/page.hpp: the page's URL and host.
#include <gtest/gtest.h>

#include <string>

#include "clearpage/extract/page.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage {
namespace {

Document html_doc(const char* page) {
  Document doc;
  doc.format = "html";
  doc.dom = html::make_dom_view(parse_html(page));
  return doc;
}

TEST(UrlHost, LowerCaseHostWithoutPortOrUser) {
  EXPECT_EQ(html::url_host("http://WWW.Gov.CN/zhengce/2024-05/13/content.htm"), "www.gov.cn");
  EXPECT_EQ(html::url_host("https://user:pw@news.example.com:8080/a?b#c"), "news.example.com");
  EXPECT_EQ(html::url_host("//static.example.cn/x.js"), "static.example.cn");
  EXPECT_EQ(html::url_host("https://example.com"), "example.com");
  EXPECT_EQ(html::url_host("/relative/path.html"), "");
  EXPECT_EQ(html::url_host(""), "");
}

TEST(HostIn, TheDomainOrASubdomain) {
  EXPECT_TRUE(html::host_in("www.gov.cn", "gov.cn"));
  EXPECT_TRUE(html::host_in("gov.cn", "gov.cn"));
  EXPECT_FALSE(html::host_in("notgov.cn", "gov.cn")) << "a label boundary is needed";
  EXPECT_FALSE(html::host_in("gov.cn", "www.gov.cn"));
  EXPECT_FALSE(html::host_in("", "gov.cn"));
  EXPECT_FALSE(html::host_in("gov.cn", ""));
}

TEST(PageUrl, TheDocumentsUrlComesFirst) {
  Document doc = html_doc(
      R"(<html><head><link rel="canonical" href="https://a.example.cn/1.html"></head></html>)");
  doc.url = "https://b.example.cn/2.html";
  EXPECT_EQ(html::page_url(doc), "https://b.example.cn/2.html");
}

TEST(PageUrl, CanonicalLinkThenOgUrl) {
  EXPECT_EQ(html::page_url(html_doc(R"(<html><head>
<link rel="canonical" href="/relative.html"><link rel="canonical" href="https://a.example.cn/1.html">
<meta property="og:url" content="https://og.example.cn/2.html"></head><body></body></html>)")),
            "https://a.example.cn/1.html")
      << "a canonical link without a host is skipped";
  EXPECT_EQ(html::page_url(html_doc(R"(<html><head>
<meta property="og:url" content="https://og.example.cn/2.html"></head><body></body></html>)")),
            "https://og.example.cn/2.html");
}

TEST(PageUrl, ASavedFromComment) {
  EXPECT_EQ(
      html::page_url(html_doc(R"(<!-- saved from url=(0042)http://www.example.gov.cn/art/1.html -->
<html><head><title>t</title></head><body><p>x</p></body></html>)")),
      "http://www.example.gov.cn/art/1.html");
  EXPECT_EQ(html::page_url(html_doc(R"(<html><head><!-- http://news.example.cn/a.shtml -->
<title>t</title></head><body><p>x</p></body></html>)")),
            "http://news.example.cn/a.shtml");
  EXPECT_EQ(html::page_url(html_doc(R"(<html><head><!-- ftp://files.example.cn/ -->
</head><body><p>x</p></body></html>)")),
            "");
}

TEST(PageUrl, NoParsedPageAndNoUrl) {
  EXPECT_EQ(html::page_url(Document{}), "");
}

}  // namespace
}  // namespace clearpage
