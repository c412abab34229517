// clearpage/extract/site_flow.hpp: the flow every site-layout cleaner runs.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "clearpage/extract/site.hpp"
#include "clearpage/extract/site_flow.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage {
namespace {

const char* kPage = R"(<html><head><title>乡村公路全线贯通_示例网</title></head><body>
<div class="nav">当前位置：首页 &gt; 新闻</div>
<div id="main"><h1>乡村公路全线贯通</h1>
<p>来源：县融媒体中心 作者：王五</p>
<p>十月一日，连接五个村庄的乡村公路全线贯通，群众出行时间缩短了一半，村民们非常高兴。</p>
<p>县交通局表示，明年还将修建三条通村公路，进一步改善农村交通条件，方便群众出行。</p>
<p>上一篇：全县春耕生产会议召开</p><p>【责任编辑：钱二】</p></div></body></html>)";

Document page_doc(const char* page) {
  Document doc;
  doc.format = "html";
  doc.dom = html::make_dom_view(parse_html(page));
  return doc;
}

std::string removed_rule(const Document& doc, const std::string& text) {
  for (const Block& b : doc.blocks) {
    if (b.text == text) return b.removed ? b.removed->rule : "kept";
  }
  return "absent";
}

html::SiteFlow main_flow() {
  html::SiteFlow flow;
  flow.plugin = "demo";
  flow.content_root = [](const HtmlDom& dom) { return html::select_first(dom, "#main"); };
  flow.find_metadata = [](Document& d, const HtmlDom& dom, html::Node root) {
    html::find_layout_title(d, dom, root, "demo");
  };
  return flow;
}

TEST(RunSiteFlow, ChromeLinesOfTheContentRootGoWithTheirRules) {
  Document doc = page_doc(kPage);
  html::run_site_flow(doc, main_flow());
  EXPECT_EQ(doc.layout, "demo");
  EXPECT_EQ(removed_rule(doc, "乡村公路全线贯通"), "title_repeat");
  EXPECT_EQ(removed_rule(doc, "来源：县融媒体中心 作者：王五"), "meta_line");
  EXPECT_EQ(removed_rule(doc, "上一篇：全县春耕生产会议召开"), "prev_next");
  EXPECT_EQ(removed_rule(doc, "【责任编辑：钱二】"), "editor_line");
  EXPECT_EQ(removed_rule(doc, "当前位置：首页 > 新闻"), "absent") << "outside the root";
  EXPECT_NE(doc.text().find("群众出行时间缩短了一半"), std::string::npos) << doc.text();
  EXPECT_EQ(doc.meta.title, "乡村公路全线贯通");
  EXPECT_EQ(doc.meta.source_name, "县融媒体中心");
  EXPECT_EQ(doc.meta.found_by["source_name"], "demo:source_label");
  EXPECT_EQ(doc.meta.author, "王五");
  EXPECT_EQ(doc.meta.editor, "钱二");
}

TEST(RunSiteFlow, AfterChromeLinesGetsTheLinesFieldsApart) {
  Document doc = page_doc(kPage);
  html::SiteFlow flow = main_flow();
  Metadata from_lines;
  std::string editor_before_hook = "unset";
  flow.after_chrome_lines = [&](Document& d, const HtmlDom&, html::Node root, Metadata lines) {
    EXPECT_NE(root, nullptr);
    editor_before_hook = d.meta.editor;
    from_lines = std::move(lines);
    html::set_meta_field(d, "author", "版面作者", "demo:byline");
  };
  flow.after_chrome = [](Document&, const HtmlDom&) { FAIL() << "after_chrome_lines replaces it"; };
  html::run_site_flow(doc, flow);
  EXPECT_EQ(editor_before_hook, "") << "the lines' fields are not in the document's metadata";
  EXPECT_EQ(from_lines.editor, "钱二");
  EXPECT_EQ(from_lines.source_name, "县融媒体中心");
  EXPECT_EQ(doc.meta.author, "版面作者");
  EXPECT_EQ(doc.meta.title, "乡村公路全线贯通") << "find_metadata's fields are kept";
  EXPECT_EQ(removed_rule(doc, "【责任编辑：钱二】"), "editor_line");
}

TEST(RunSiteFlow, ThrowsWithoutAParsedPage) {
  Document doc;
  html::SiteFlow flow;
  flow.plugin = "demo";
  EXPECT_THROW(html::run_site_flow(doc, flow), std::runtime_error);
}

TEST(ContentRootOrMain, TheSelectorWithEnoughTextElseTheMainContent) {
  auto dom = parse_html(kPage);
  const html::Node by_selector = html::content_root_or_main(*dom, {".nav", "#main"}, 20);
  ASSERT_NE(by_selector, nullptr);
  EXPECT_EQ(html::attr(by_selector, "id"), "main") << ".nav has too little text";
  const html::Node fallback = html::content_root_or_main(*dom, {".missing"}, 1);
  ASSERT_NE(fallback, nullptr);
  EXPECT_NE(html::text_content(fallback).find("群众出行时间缩短了一半"), std::string::npos);
}

}  // namespace
}  // namespace clearpage
