// clearpage/extract/jsonld.hpp: the article facts read from a page's JSON-LD scripts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clearpage/extract/jsonld.hpp"

namespace clearpage {
namespace {

using html::read_jsonld;
using Names = std::vector<std::string>;

TEST(JsonLd, ArticleFields) {
  const auto ld = read_jsonld({R"({"@context":"https://schema.org","@type":"NewsArticle",
      "headline":"  Rates   rise again ","datePublished":"2024-03-01T09:00:00+01:00",
      "author":"Ann Lee","publisher":{"@type":"Organization","name":"Daily News"},
      "inLanguage":"en-GB"})"});
  EXPECT_EQ(ld.type, "NewsArticle");
  EXPECT_EQ(ld.headline, "Rates rise again");  // whitespace normalised
  EXPECT_EQ(ld.date_published, "2024-03-01T09:00:00+01:00");
  EXPECT_EQ(ld.authors, Names{"Ann Lee"});
  EXPECT_EQ(ld.publisher, "Daily News");
  EXPECT_EQ(ld.language, "en-GB");
}

TEST(JsonLd, GraphWithIdReferences) {
  // Yoast-style: the article names its author and publisher by @id only.
  const auto ld = read_jsonld({R"({"@context":"https://schema.org","@graph":[
      {"@type":"Organization","@id":"#org","name":"Acme Press"},
      {"@type":"BlogPosting","headline":"Graph post","author":{"@id":"#p1"},
       "publisher":{"@id":"#org"}},
      {"@type":"Person","@id":"#p1","name":"Jessica Elliott"}]})"});
  EXPECT_EQ(ld.type, "BlogPosting");
  EXPECT_EQ(ld.headline, "Graph post");
  EXPECT_EQ(ld.authors, Names{"Jessica Elliott"});
  EXPECT_EQ(ld.publisher, "Acme Press");
}

TEST(JsonLd, ReferencesResolveAcrossScripts) {
  const auto ld = read_jsonld({R"({"@type":"Article","author":{"@id":"https://x.org/#bo"}})",
                               R"({"@type":"Person","@id":"https://x.org/#bo","name":"Bo Chan"})"});
  EXPECT_EQ(ld.authors, Names{"Bo Chan"});
}

TEST(JsonLd, UnresolvedReferenceGivesNoName) {
  const auto ld = read_jsonld({R"({"@type":"Article","author":{"@id":"#nobody"}})"});
  EXPECT_EQ(ld.type, "Article");
  EXPECT_TRUE(ld.authors.empty());
}

TEST(JsonLd, TopLevelArrayOfObjects) {
  const auto ld = read_jsonld({R"([{"@type":"BreadcrumbList","name":"Crumbs"},
      {"@type":"Report","headline":"Annual report","datePublished":"2023-12-31"}])"});
  EXPECT_EQ(ld.type, "Report");
  EXPECT_EQ(ld.headline, "Annual report");
  EXPECT_EQ(ld.date_published, "2023-12-31");
}

TEST(JsonLd, FirstArticleLikeTypeWins) {
  const auto ld = read_jsonld({R"({"@type":"Recipe","headline":"Pancakes"})",
                               R"({"@type":"NewsArticle","headline":"Later news"})"});
  EXPECT_EQ(ld.type, "Recipe");
  EXPECT_EQ(ld.headline, "Pancakes");
  // Within one @type array too: the first article-like entry names the type.
  const auto multi = read_jsonld({R"({"@type":["Thing","Review","Article"],"headline":"R"})"});
  EXPECT_EQ(multi.type, "Review");
  // An article nested in another object counts, after the object that holds it.
  const auto nested = read_jsonld({R"({"@type":"ItemList","itemListElement":[
      {"@type":"Question","headline":"Why?"},{"@type":"HowTo","headline":"How"}]})"});
  EXPECT_EQ(nested.type, "Question");
  EXPECT_EQ(nested.headline, "Why?");
}

TEST(JsonLd, WebPageFillsWhatTheArticleLeavesEmpty) {
  const auto ld = read_jsonld({R"({"@graph":[
      {"@type":"WebPage","headline":"Page headline","datePublished":"2021-01-02",
       "inLanguage":"de","author":"Page Author","publisher":{"name":"Page Publisher"}},
      {"@type":"Article","headline":"Article headline"}]})"});
  EXPECT_EQ(ld.type, "Article");  // the article gave the facts first
  EXPECT_EQ(ld.headline, "Article headline");
  EXPECT_EQ(ld.date_published, "2021-01-02");
  EXPECT_EQ(ld.language, "de");
  EXPECT_EQ(ld.authors, Names{"Page Author"});
  EXPECT_EQ(ld.publisher, "Page Publisher");
  // What the article has, the page does not replace.
  const auto both = read_jsonld({R"({"@graph":[
      {"@type":"WebPage","datePublished":"2021-01-02","author":"Page Author"},
      {"@type":"Article","datePublished":"2024-02-29","author":"Ann Lee"}]})"});
  EXPECT_EQ(both.date_published, "2024-02-29");
  EXPECT_EQ(both.authors, Names{"Ann Lee"});
}

TEST(JsonLd, WebPageAloneIsTypedWebPage) {
  const auto ld = read_jsonld({R"({"@type":"CollectionPage","headline":"All posts"})"});
  EXPECT_EQ(ld.type, "WebPage");
  EXPECT_EQ(ld.headline, "All posts");
}

TEST(JsonLd, AuthorForms) {
  const auto of = [](const std::string& author) {
    return read_jsonld({R"({"@type":"Article","author":)" + author + "}"}).authors;
  };
  EXPECT_EQ(of(R"("Ann Lee")"), Names{"Ann Lee"});
  EXPECT_EQ(of(R"({"@type":"Person","name":"Ann Lee"})"), Names{"Ann Lee"});
  // Page order kept, each name once, strings and objects mixed.
  EXPECT_EQ(of(R"([{"@type":"Person","name":"Ann Lee"},"Bo Chan",{"name":"Ann Lee"},
      {"name":"Cy Diaz"},"Bo Chan"])"),
            (Names{"Ann Lee", "Bo Chan", "Cy Diaz"}));
  EXPECT_EQ(of(R"({"@type":"Person"})"), Names{});  // no name
  EXPECT_EQ(of(R"({"name":{"@value":"Dee Eve"}})"), Names{"Dee Eve"});
}

TEST(JsonLd, HtmlEscapesInStringsAreDecoded) {
  const auto ld =
      read_jsonld({R"({"@type":"Article","headline":"Tom &amp; Jerry&#39;s &#x4E2D; day&nbsp;out",
      "author":{"name":"Maria &amp; Katerina"}})"});
  EXPECT_EQ(ld.headline, "Tom & Jerry's 中 day out");
  EXPECT_EQ(ld.authors, Names{"Maria & Katerina"});
}

TEST(JsonLd, PublisherIsTheFirstName) {
  const auto ld = read_jsonld(
      {R"({"@type":"Article","publisher":[{"name":"First Org"},{"name":"Second Org"}]})"});
  EXPECT_EQ(ld.publisher, "First Org");
  const auto plain = read_jsonld({R"({"@type":"Article","publisher":"Plain Org"})"});
  EXPECT_EQ(plain.publisher, "Plain Org");
}

TEST(JsonLd, InvalidScriptsAreSkipped) {
  const auto ld = read_jsonld({"{not json", R"({"@type":"Article","headline":"Good"})", ""});
  EXPECT_EQ(ld.type, "Article");
  EXPECT_EQ(ld.headline, "Good");
}

TEST(JsonLd, NoArticleGivesNothing) {
  const auto ld = read_jsonld({R"({"@type":"Organization","name":"Acme","headline":"No"})",
                               R"({"@type":"Person","name":"Ann Lee"})"});
  EXPECT_EQ(ld.type, "");
  EXPECT_EQ(ld.headline, "");
  EXPECT_TRUE(ld.authors.empty());
  EXPECT_EQ(ld.publisher, "");
  EXPECT_EQ(read_jsonld({}).type, "");
  EXPECT_EQ(read_jsonld({"[1, 2, \"x\"]"}).type, "");
}

}  // namespace
}  // namespace clearpage
