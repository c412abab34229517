// The metadata_check stage, which holds every document to the value rules of
// clearpage/extract/meta_values.hpp.
#include <gtest/gtest.h>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

TEST(MetadataCheck, InvalidValuesBecomeNullAndTheDropIsRecorded) {
  auto check = testkit::make_cleaner("metadata_check");
  Document doc;
  doc.meta.title = "A headline";
  doc.meta.published = "2021-02-30";
  doc.meta.found_by["published"] = "html:meta_date";
  doc.meta.author = "105464";
  doc.meta.found_by["author"] = "html:meta_author";
  doc.meta.editor = "李津";
  doc.meta.language = "utf-8";
  doc.meta.found_by["language"] = "html:html_lang";
  doc.meta.keywords = {"数据", "<meta", "name="};
  Block b;
  b.text = "国务院办公厅关于进一步优化营商环境的通知，各地区各部门要认真贯彻执行。";
  doc.blocks.push_back(b);
  check->clean(doc);
  EXPECT_EQ(doc.meta.title, "A headline");
  EXPECT_EQ(doc.meta.published, "");
  EXPECT_FALSE(doc.meta.found_by.count("published"));
  EXPECT_EQ(doc.meta.author, "");
  EXPECT_EQ(doc.meta.editor, "李津");
  EXPECT_EQ(doc.meta.keywords, std::vector<std::string>{"数据"});
  // The charset is dropped, and the language is read from the text instead.
  EXPECT_EQ(doc.meta.language, "zh");
  EXPECT_EQ(doc.meta.found_by.at("language"), "metadata_check:text");
  ASSERT_EQ(doc.repairs.size(), 5u);
  EXPECT_EQ(doc.repairs[0].rule, "invalid_published");
  EXPECT_EQ(doc.repairs[0].before, "2021-02-30");
  EXPECT_EQ(doc.repairs[0].detail, "no such calendar date (from html:meta_date)");
  EXPECT_EQ(doc.repairs[1].rule, "invalid_author");
  EXPECT_EQ(doc.repairs[2].rule, "invalid_language");
  EXPECT_EQ(doc.repairs[3].rule, "invalid_keywords");
}

}  // namespace
}  // namespace clearpage
