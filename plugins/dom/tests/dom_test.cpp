#include <gtest/gtest.h>

#include <thread>

#include "clearpage/extract/site.hpp"
#include "clearpage/html/dom.hpp"

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
  const auto dom =
      parse_html("<html><body><div CLASS=' a  main-text\tb ' ID='x'><p>t</p></div></body></html>");
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

TEST(Dom, PageTextContainsAnswersAsThePageTextWould) {
  const auto dom = parse_html(
      "<html><head><title>头部</title></head><body><div>来源<span>：新华社</span></div>"
      "<p>Copyright\n\n   ©  2024\u3000Owner</p></body></html>");
  const std::string& text = dom->page_text();
  for (const std::string_view part :
       {"来源：新华社", "Copyright © 2024 Owner", "Copyright ©", "Copyright\n", "©  2024", "头部",
        "Owner", "2024\u3000Owner", "missing"}) {
    EXPECT_EQ(dom->page_text_contains(part), text.find(part) != std::string::npos) << part;
  }
  EXPECT_TRUE(dom->page_text_contains("来源：新华社"));            // across elements
  EXPECT_TRUE(dom->page_text_contains("Copyright © 2024 Owner"));  // spaces as normalised
  EXPECT_FALSE(dom->page_text_contains("©  2024"));                // a run of spaces is one space
  EXPECT_FALSE(dom->page_text_contains("头部"));                   // the head is not page text
}

TEST(ElementIndex, DocumentOrderSubtreeSizesAndTheFirstIdAndClass) {
  const auto dom = parse_html(
      "<html><head><title>T</title></head><body>"
      "<div id='a' class='x y' ID='later' class='ignored'><p>one</p><p>two<b>!</b></p></div>"
      "<span>tail</span></body></html>");
  const auto& all = dom->elements();
  std::vector<std::string> tags;
  for (const auto& e : all) tags.emplace_back(e.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"html", "head", "title", "body", "div", "p", "p", "b",
                                            "span"}));
  EXPECT_EQ(all[0].size, all.size());  // <html> holds every element
  EXPECT_EQ(all[1].size, 2u);          // <head><title>
  EXPECT_EQ(all[4].size, 4u);          // <div><p><p><b>
  EXPECT_EQ(all[8].size, 1u);
  EXPECT_EQ(all[4].id, "a");
  EXPECT_EQ(all[4].classes, "x y");
  // The index answers what walking the tree would.
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(HtmlDom::entry_of(all[i].node), &all[i]);
    EXPECT_EQ(dom->index_of(all[i]), i);
    EXPECT_EQ(tag(all[i].node), all[i].tag);
    EXPECT_EQ(attr(all[i].node, "id"), all[i].id);
  }
}

TEST(ElementIndex, SameTagPositionsGiveDomPaths) {
  const auto dom = parse_html(
      "<html><body><p>a</p><div><p>x</p><p>y</p></div><p>b</p><span>s</span><p>c</p>"
      "</body></html>");
  std::vector<std::string> paths;
  for (const auto& e : dom->elements()) paths.push_back(dom_path(e.node));
  EXPECT_EQ(paths,
            (std::vector<std::string>{"html", "html/body", "html/body/p[1]", "html/body/div",
                                      "html/body/div/p[1]", "html/body/div/p[2]", "html/body/p[2]",
                                      "html/body/span", "html/body/p[3]"}));
  const auto& all = dom->elements();
  EXPECT_EQ(all[6].same_tag_index, 2u);
  EXPECT_EQ(all[6].same_tag_count, 3u);
}

TEST(ElementIndex, NoEntryForTextNodesOrNull) {
  const auto dom = parse_html("<html><body><p>text</p></body></html>");
  const Node p = select_first(*dom, "p");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(HtmlDom::entry_of(first_child(p)), nullptr);
  EXPECT_EQ(HtmlDom::entry_of(nullptr), nullptr);
  EXPECT_NE(HtmlDom::entry_of(p), nullptr);
}

TEST(ElementIndex, IsInsideMatchesTheParentChain) {
  const auto dom = parse_html(
      "<html><body><div><p>a<b>b</b></p></div><p>c</p><div><i>x</i></div></body></html>");
  const auto& all = dom->elements();
  for (const auto& a : all) {
    for (const auto& n : all) {
      bool by_parents = false;
      for (Node up = n.node; up; up = parent(up)) by_parents = by_parents || up == a.node;
      EXPECT_EQ(is_inside(n.node, a.node), by_parents) << n.tag << " in " << a.tag;
    }
  }
  // Text nodes take the parent chain.
  const Node b = select_first(*dom, "b");
  EXPECT_TRUE(is_inside(first_child(b), select_first(*dom, "div")));
  EXPECT_FALSE(is_inside(first_child(b), select(*dom, "div").back()));
}

TEST(ElementIndex, IndexedLookupsAgreeWithSelectors) {
  const auto dom = parse_html(
      "<html><head><meta name='k' content='v'></head><body>"
      "<div class='c1 c2' id='main'><p class='c2'>x</p></div><p id='main'>second</p>"
      "<script type='application/ld+json'>{}</script></body></html>");
  EXPECT_EQ(find_by_id(*dom, "main"), select_first(*dom, "div"));
  EXPECT_EQ(find_by_class(*dom, "c2").size(), 2u);
  EXPECT_TRUE(find_by_class(*dom, "c").empty());
  EXPECT_EQ(find_by_tag(*dom, "p").size(), 2u);
  EXPECT_EQ(select(*dom, "#main").size(), 2u);
  EXPECT_EQ(select_first(*dom, "html"), dom->root());
  EXPECT_EQ(meta_content(*dom, "k"), "v");
  EXPECT_EQ(script_texts(*dom, "application/ld+json"), std::vector<std::string>{"{}"});
}

TEST(Dom, AttrValuesReadsSeveralAttributesInOnePass) {
  const auto dom = parse_html("<html><body><a HREF='/x' hidden style='a:b'>t</a></body></html>");
  const Node a = select_first(*dom, "a");
  std::string_view values[4];
  const unsigned present = attr_values(a, {"hidden", "aria-hidden", "style", "href"}, values);
  EXPECT_EQ(present, 1u | 4u | 8u);
  EXPECT_EQ(values[1], "");
  EXPECT_EQ(values[2], "a:b");
  EXPECT_EQ(values[3], "/x");
  EXPECT_EQ(attr_values(first_child(a), {"href"}, values), 0u);
  EXPECT_TRUE(has_class_token("a  bb\tc", "bb"));
  EXPECT_FALSE(has_class_token("a  bb\tc", "b"));
  EXPECT_FALSE(has_class_token("a", ""));
}

}  // namespace
}  // namespace clearpage::html
