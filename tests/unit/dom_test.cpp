#include <gtest/gtest.h>

#include <thread>

#include "clearpage/html/dom.hpp"
#include "clearpage/html/site.hpp"

namespace clearpage::html {
namespace {

TEST(TagSet, ExactMatchesOfShortAndLongNames) {
  const TagSet set = {"p", "div", "h1", "template", "blockquote", "figcaption"};
  for (const char* name : {"p", "div", "h1", "template", "blockquote", "figcaption"}) {
    EXPECT_TRUE(set.contains(name)) << name;
  }
  for (const char* name : {"", "P", "d", "di", "divs", "h", "h12", "templat", "templates",
                           "blockquot", "blockquotes", "span"}) {
    EXPECT_FALSE(set.contains(name)) << name;
  }
  EXPECT_FALSE(TagSet({}).contains("p"));
}

TEST(Dom, ClassTokensAndAttributeCase) {
  const auto dom = parse_html(
      "<html><body><div CLASS=' a  main-text\tb ' ID='x'><p>t</p></div></body></html>");
  const Node div = select_first(*dom, "div");
  ASSERT_NE(div, nullptr);
  EXPECT_TRUE(has_class(div, "main-text"));
  EXPECT_TRUE(has_class(div, "a"));
  EXPECT_TRUE(has_class(div, "b"));
  EXPECT_FALSE(has_class(div, "main"));
  EXPECT_FALSE(has_class(div, ""));
  EXPECT_EQ(class_tokens(div).size(), 3u);
  EXPECT_EQ(id(div), "x");
  EXPECT_EQ(find_by_class(*dom, "main-text").size(), 1u);
  EXPECT_EQ(find_by_id(*dom, "x"), div);
}

TEST(Dom, MetaContentTakesTheFirstMatchInDocumentOrder) {
  const auto dom = parse_html(
      "<html><head><meta name='Keywords' content=' a, b '>"
      "<meta property='og:title' content='First'></head>"
      "<body><meta property='og:title' content='Second'><p>x</p>"
      "<meta itemprop='author' content='Body author'></body></html>");
  EXPECT_EQ(meta_content(*dom, "keywords"), "a, b");
  EXPECT_EQ(meta_content(*dom, "og:title"), "First");
  EXPECT_EQ(meta_content(*dom, "author"), "Body author");
  EXPECT_EQ(meta_content(*dom, "missing"), "");
  EXPECT_EQ(meta_content(*dom, "OG:Title"), "First");
  EXPECT_EQ(dom->meta_named("AUTHOR"), dom->meta_elements()[3]);
  EXPECT_EQ(dom->meta_elements().size(), 4u);
}

TEST(Dom, PageTextSkipsHeadAndIsTheSameForEveryReader) {
  const auto dom = parse_html(
      "<html><head><title>T</title></head><body><div>One<p>Two</p></div>"
      "<script>var x;</script></body></html>");
  std::string seen[4];
  std::vector<std::thread> readers;
  for (auto& s : seen) readers.emplace_back([&] { s = page_text(*dom); });
  for (auto& t : readers) t.join();
  for (const auto& s : seen) EXPECT_EQ(s, "One Two");
  EXPECT_EQ(&page_text(*dom), &dom->page_text());
}

}  // namespace
}  // namespace clearpage::html
