#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;

TEST(JsonlWriter, WritesOneLinePerDocumentAndRenamesAtClose) {
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_jsonl_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path out = dir / "nested" / "out.jsonl";
  auto writer = testkit::make_writer("jsonl");
  writer->open(out.string());
  Document a;
  a.id = "a";
  Block b;
  b.text = "正文";
  a.blocks.push_back(b);
  Document failed;
  failed.id = "bad";
  failed.source = "bad.txt";
  failed.errors.push_back({"text", "text", "empty input"});
  writer->write(a);
  writer->write(failed);
  EXPECT_FALSE(fs::exists(out)) << "final file must not appear before close()";
  writer->close();
  const std::string content = testkit::read_file(out);
  const auto first = nlohmann::json::parse(content.substr(0, content.find('\n')));
  EXPECT_EQ(first["id"], "a");
  EXPECT_EQ(first["text"], "正文");
  const auto second = nlohmann::json::parse(content.substr(content.find('\n') + 1));
  EXPECT_EQ(second["errors"][0]["message"], "empty input");
  EXPECT_EQ(std::count(content.begin(), content.end(), '\n'), 2);
  fs::remove_all(dir);
}

TEST(JsonlWriter, AbandonedWriterLeavesNoFile) {
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_jsonl2_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path out = dir / "out.jsonl";
  {
    auto writer = testkit::make_writer("jsonl");
    writer->open(out.string());
    Document a;
    a.id = "a";
    writer->write(a);
  }
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clearpage
