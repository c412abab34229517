#include <gtest/gtest.h>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;

Block make_block(BlockKind kind, const std::string& text) {
  Block block;
  block.kind = kind;
  block.text = text;
  return block;
}

TEST(MarkdownWriter, WritesEveryBlockKindWithFrontMatter) {
  const fs::path dir = fs::temp_directory_path() / ("clearpage_md_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Document doc;
  doc.id = "notice";
  doc.source = "samples/notice.txt";
  doc.meta.title = "关于\"网站\"安全: 通知";
  doc.meta.published = "2024-03-15T09:30:00+08:00";
  doc.meta.source_name = "市数据局";
  doc.meta.keywords = {"安全", "网站"};
  Block heading = make_block(BlockKind::kHeading, "一、压实主体责任");
  heading.level = 2;
  doc.blocks.push_back(heading);
  doc.blocks.push_back(make_block(BlockKind::kParagraph, "各单位要落实责任。"));
  doc.blocks.push_back(make_block(BlockKind::kParagraph, "#不是标题"));
  Block list = make_block(BlockKind::kList, "甲\n乙");
  list.items = {"甲", "乙"};
  doc.blocks.push_back(list);
  Block table = make_block(BlockKind::kTable, "");
  table.rows = {{"项目", "数量"}, {"漏洞|高危", "12"}};
  doc.blocks.push_back(table);
  Block image = make_block(BlockKind::kImage, "");
  image.src = "https://example.cn/a.jpg";
  image.alt = "会议现场";
  doc.blocks.push_back(image);
  doc.blocks.push_back(make_block(BlockKind::kCaption, "图为会议现场"));
  doc.blocks.push_back(make_block(BlockKind::kQuote, "第一行\n第二行"));
  doc.blocks.push_back(make_block(BlockKind::kParagraph, "责任编辑:王小明"));
  doc.remove_block(doc.blocks.size() - 1, "boilerplate", "editor_line");

  auto writer = testkit::make_writer("markdown");
  writer->open(dir.string());
  writer->write(doc);
  writer->close();

  const std::string content = testkit::read_file(dir / "notice.md");
  const std::string expected =
      "---\n"
      "id: \"notice\"\n"
      "title: \"关于\\\"网站\\\"安全: 通知\"\n"
      "published: \"2024-03-15T09:30:00+08:00\"\n"
      "source: \"samples/notice.txt\"\n"
      "source_name: \"市数据局\"\n"
      "keywords:\n"
      "  - \"安全\"\n"
      "  - \"网站\"\n"
      "---\n"
      "\n## 一、压实主体责任\n"
      "\n各单位要落实责任。\n"
      "\n\\#不是标题\n"
      "\n- 甲\n- 乙\n"
      "\n| 项目 | 数量 |\n| --- | --- |\n| 漏洞\\|高危 | 12 |\n"
      "\n![会议现场](https://example.cn/a.jpg)\n"
      "\n*图为会议现场*\n"
      "\n> 第一行\n> 第二行\n";
  EXPECT_EQ(content, expected);
  EXPECT_EQ(content.find("王小明"), std::string::npos) << "removed blocks stay out";
  fs::remove_all(dir);
}

TEST(MarkdownWriter, IdsThatEscapeOrLookAlikeGetSafeDistinctNamesAndAreLogged) {
  const fs::path dir = fs::temp_directory_path() / ("clearpage_md2_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto writer = testkit::make_writer("markdown");
  writer->open(dir.string());
  // Ids are unique, and so are their file names: "/" and "%" are escaped.
  for (const char* id : {"../x", "a/b.html", "a%2Fb.html", ".hidden"}) {
    Document doc;
    doc.id = id;
    writer->write(doc);
  }
  writer->close();
  EXPECT_TRUE(fs::exists(dir / "%2E.%2Fx.md"));
  EXPECT_TRUE(fs::exists(dir / "a%2Fb.html.md"));
  EXPECT_TRUE(fs::exists(dir / "a%252Fb.html.md"));
  EXPECT_TRUE(fs::exists(dir / "%2Ehidden.md"));
  EXPECT_FALSE(fs::exists(dir.parent_path() / "x.md"));
  // run --resume reads the ids back from the log.
  EXPECT_EQ(testkit::read_file(dir / ".clearpage-ids.jsonl"),
            "{\"id\":\"../x\"}\n{\"id\":\"a/b.html\"}\n{\"id\":\"a%2Fb.html\"}\n"
            "{\"id\":\".hidden\"}\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clearpage
