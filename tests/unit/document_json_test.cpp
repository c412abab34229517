#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "clearpage/document_json.hpp"

namespace clearpage {
namespace {

Document sample_document() {
  Document doc;
  doc.id = "000_abc";
  doc.source = "seeds/000_abc.txt";
  doc.format = "text";
  doc.meta.title = "标题";
  doc.meta.published = "2021-09-13T14:57:00+08:00";
  doc.meta.source_name = "光明网";
  doc.meta.editor = "朱建华";
  doc.meta.keywords = {"网络", "人士"};
  doc.meta.script = "Hant";
  doc.meta.found_by["title"] = "metadata:first-line";
  Block heading;
  heading.kind = BlockKind::kHeading;
  heading.level = 2;
  heading.text = "一、总体要求";
  heading.provenance = "line 3";
  Block crumb;
  crumb.text = "首页 >> 要闻";
  crumb.provenance = "line 1";
  Block image;
  image.kind = BlockKind::kImage;
  image.src = "a.png";
  image.alt = "图";
  Block table;
  table.kind = BlockKind::kTable;
  table.rows = {{"a", "b"}, {"c", "d"}};
  Block list;
  list.kind = BlockKind::kList;
  list.items = {"one", "two"};
  doc.blocks = {crumb, heading, image, table, list};
  doc.remove_block(0, "chrome", "breadcrumb");
  doc.repairs.push_back({"mojibake", "gbk-realign", "?;顒", "。活", "A1 D3"});
  return doc;
}

TEST(DocumentJson, RoundTripKeepsEveryFieldAndBlockOrder) {
  const Document doc = sample_document();
  const Document back = document_from_json(nlohmann::json::parse(document_to_json(doc).dump()));
  EXPECT_EQ(back.id, doc.id);
  EXPECT_EQ(back.meta.title, "标题");
  EXPECT_EQ(back.meta.published, doc.meta.published);
  EXPECT_EQ(back.meta.keywords, doc.meta.keywords);
  EXPECT_EQ(back.meta.found_by.at("title"), "metadata:first-line");
  ASSERT_EQ(back.blocks.size(), 5u);
  ASSERT_TRUE(back.blocks[0].removed.has_value());
  EXPECT_EQ(back.blocks[0].removed->plugin, "chrome");
  EXPECT_EQ(back.blocks[0].removed->rule, "breadcrumb");
  EXPECT_EQ(back.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(back.blocks[1].level, 2);
  EXPECT_EQ(back.blocks[2].src, "a.png");
  EXPECT_EQ(back.blocks[3].rows, doc.blocks[3].rows);
  EXPECT_EQ(back.blocks[4].items, doc.blocks[4].items);
  ASSERT_EQ(back.repairs.size(), 1u);
  EXPECT_EQ(back.repairs[0].after, "。活");
  EXPECT_EQ(document_to_json(back), document_to_json(doc));
}

TEST(DocumentJson, OutputContractFields) {
  const nlohmann::ordered_json j = document_to_json(sample_document());
  EXPECT_EQ(j.begin().key(), "schema_version");
  for (const char* field :
       {"id", "source", "format", "title", "published", "site", "source_name", "author", "editor",
        "keywords", "language", "script", "body", "text", "removed", "errors", "schema_version"}) {
    EXPECT_TRUE(j.contains(field)) << field;
  }
  EXPECT_EQ(j["body"].size(), 4u);
  EXPECT_EQ(j["removed"].size(), 1u);
  EXPECT_EQ(j["removed"][0]["index"], 0);
  // text joins kept blocks only; the image has no text and adds no line.
  EXPECT_EQ(j["text"], "一、总体要求");
}

TEST(DocumentJson, RejectsOtherSchemaVersions) {
  nlohmann::json j = nlohmann::json::parse(document_to_json(sample_document()).dump());
  j["schema_version"] = 999;
  EXPECT_THROW(document_from_json(j), std::runtime_error);
}

TEST(DocumentJson, InvalidUtf8NeverThrowsWhenWriting) {
  Document doc;
  doc.id = "bad";
  Block block;
  block.text = "ok \xff\xfe end";
  doc.blocks.push_back(block);
  const std::string line = document_to_json_line(doc);
  EXPECT_NE(line.find("ok \xEF\xBF\xBD\xEF\xBF\xBD end"), std::string::npos);
}

TEST(DocumentJson, LineIsExactlyTheDumpOfTheJsonTree) {
  // The line is written directly; it must match the tree's compact dump byte for byte.
  const std::vector<std::string> strings = {"",
                                            "plain",
                                            "中文，标点。",
                                            "q\"uote\\slash/",
                                            "\x01\x1f\x7f\b\f\n\r\t",
                                            "bad \xff\xfe",
                                            "\xE4\xB8",
                                            "emoji \xF0\x9F\x98\x80",
                                            "\xEF\xBF\xBD",
                                            "\xC0\xAF tail"};
  std::mt19937 random(11);
  const auto pick = [&] { return strings[random() % strings.size()]; };
  for (int round = 0; round < 300; ++round) {
    Document doc;
    doc.id = pick();
    doc.source = pick();
    doc.url = pick();
    doc.format = pick();
    doc.layout = pick();
    doc.meta.title = pick();
    doc.meta.published = pick();
    doc.meta.site = pick();
    doc.meta.source_name = pick();
    doc.meta.author = pick();
    doc.meta.editor = pick();
    doc.meta.language = pick();
    doc.meta.script = pick();
    for (int i = static_cast<int>(random() % 3); i > 0; --i) doc.meta.keywords.push_back(pick());
    for (int i = static_cast<int>(random() % 3); i > 0; --i) doc.meta.found_by[pick()] = pick();
    for (int i = static_cast<int>(random() % 6); i > 0; --i) {
      Block b;
      b.kind = static_cast<BlockKind>(random() % 7);
      b.text = pick();
      b.level = static_cast<int>(random() % 7);
      if (random() % 2) b.src = pick();
      if (random() % 2) b.alt = pick();
      if (random() % 3 == 0) b.items = {pick(), pick()};
      if (random() % 3 == 0) b.rows = {{pick(), pick()}, {}, {pick()}};
      if (random() % 2) b.provenance = pick();
      if (random() % 3 == 0) b.removed = Removal{pick(), pick()};
      doc.blocks.push_back(b);
    }
    if (random() % 2) doc.repairs.push_back({pick(), pick(), pick(), pick(), pick()});
    if (random() % 3 == 0) doc.errors.push_back({pick(), pick(), pick()});
    const std::string expected = document_to_json(doc).dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    ASSERT_EQ(document_to_json_line(doc), expected) << "round " << round;
  }
}

TEST(Document, TextJoinsKeptBlocksWithNewlines) {
  Document doc;
  for (const char* t : {"a", "b", "c"}) {
    Block b;
    b.text = t;
    doc.blocks.push_back(b);
  }
  doc.remove_block(1, "x", "y");
  EXPECT_EQ(doc.text(), "a\nc");
  doc.remove_block(1, "other", "later");
  EXPECT_EQ(doc.blocks[1].removed->plugin, "x");  // first reason survives
}

}  // namespace
}  // namespace clearpage
