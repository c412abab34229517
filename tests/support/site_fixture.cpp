#include "site_fixture.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "clearpage/html/dom.hpp"
#include "plugin_fixture.hpp"

namespace clearpage::testkit {

Document html_document(const std::string& bytes, const std::string& url) {
  Document doc;
  doc.id = "x";
  doc.source = "x.html";
  doc.url = url;
  doc.format = "html";
  doc.dom = html::make_dom_view(parse_html(bytes));
  return doc;
}

bool has_removed(const Document& doc, const std::string& rule) {
  for (const Block& block : doc.blocks) {
    if (block.removed && block.removed->rule == rule) return true;
  }
  return false;
}

void expect_site_sample(const std::string& stage, const std::string& name, int min_probe,
                        const std::string& folder) {
  const std::filesystem::path dir = source_dir() / "samples" / folder;
  Document doc = html_document(read_file(dir / (name + ".html")));
  auto cleaner = make_cleaner(stage);
  ASSERT_GE(cleaner->probe(doc), min_probe);
  cleaner->clean(doc);
  const auto expected = nlohmann::json::parse(read_file(dir / (name + ".expected.json")));
  EXPECT_EQ(doc.layout, expected.at("layout").get<std::string>());
  EXPECT_EQ(doc.meta.title, expected.at("title").get<std::string>());
  EXPECT_EQ(doc.meta.published, expected.at("published").get<std::string>());
  EXPECT_EQ(doc.meta.site, expected.at("site").get<std::string>());
  EXPECT_EQ(doc.meta.source_name, expected.at("source_name").get<std::string>());
  EXPECT_EQ(doc.meta.author, expected.at("author").get<std::string>());
  EXPECT_EQ(doc.meta.editor, expected.at("editor").get<std::string>());
  EXPECT_EQ(doc.meta.keywords, expected.at("keywords").get<std::vector<std::string>>());
  EXPECT_EQ(doc.text(), expected.at("text").get<std::string>());
}

}  // namespace clearpage::testkit
