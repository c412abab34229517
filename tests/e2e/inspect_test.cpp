// `clearpage inspect` through the real binary.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using testkit::run_command;

std::string inspect(const std::string& args) {
  return testkit::clearpage_binary().string() + " inspect --config " +
         (testkit::source_dir() / "configs/default.toml").string() + " " + args;
}

const fs::path kNotice = testkit::source_dir() / "samples/text/portal_notice.txt";

TEST(Inspect, ListsEveryBlockWithKindAndProvenance) {
  const auto result = run_command(inspect(kNotice.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  const std::string& out = result.output;
  // A file named itself keeps the path as given for its id.
  EXPECT_NE(out.find("id:     " + kNotice.lexically_normal().generic_string()), std::string::npos)
      << out;
  EXPECT_NE(out.find("stages: text"), std::string::npos) << out;
  // The sample has eleven non-empty lines; the reader makes one block of each.
  for (int line = 1; line <= 11; ++line) {
    EXPECT_NE(out.find("@ line " + std::to_string(line) + " "), std::string::npos) << line;
  }
  EXPECT_NE(out.find("] paragraph  @ line 1 "), std::string::npos) << out;
  EXPECT_NE(out.find("市数据局召开2024年度网站安全工作会议"), std::string::npos);
  EXPECT_NE(out.find("- text: added"), std::string::npos);
  EXPECT_NE(out.find("metadata:"), std::string::npos);
  EXPECT_NE(out.find("repairs:"), std::string::npos);
}

TEST(Inspect, JsonMatchesTheDocumentAndItsHistory) {
  const auto result = run_command(inspect(kNotice.string() + " --json 2>/dev/null"));
  ASSERT_EQ(result.status, 0) << result.output;
  const auto report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["id"], kNotice.lexically_normal().generic_string());
  EXPECT_EQ(report["format"], "text");
  ASSERT_GE(report["stages"].size(), 1u);
  EXPECT_EQ(report["stages"][0], "text");
  const auto& blocks = report["blocks"];
  ASSERT_FALSE(blocks.empty());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto& block = blocks[i];
    EXPECT_EQ(block["index"], i);
    EXPECT_TRUE(block["kind"].is_string());
    EXPECT_TRUE(block["provenance"].is_string());
    ASSERT_FALSE(block["history"].empty());
    EXPECT_EQ(block["history"][0]["action"], "added");
    if (block["kept"].get<bool>()) {
      ++kept;
    } else {
      // A removal names its plugin and rule, and the history says which stage did it.
      EXPECT_FALSE(block["removed_by"].get<std::string>().empty());
      bool seen = false;
      for (const auto& event : block["history"]) {
        seen |= event["action"] == "removed" && event["plugin"] == block["removed_by"] &&
                event["rule"] == block["removed_rule"];
      }
      EXPECT_TRUE(seen) << block.dump();
    }
  }
  EXPECT_GT(kept, 0u);
  EXPECT_EQ(blocks[0]["provenance"], "line 1");
  EXPECT_EQ(blocks[0]["history"][0]["stage"], "text");
  EXPECT_TRUE(report["metadata"].is_object());
  EXPECT_TRUE(report["repairs"].is_array());
  EXPECT_TRUE(report["errors"].empty());
  for (const auto& [name, field] : report["metadata"].items()) {
    EXPECT_TRUE(field.contains("found_by")) << name;
  }
}

TEST(Inspect, ShowsRemovalsChangesAdditionsMetadataAndRepairs) {
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_inspect_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path job = dir / "job.toml";
  std::ofstream(job) << "[job]\ninputs = []\noutput = \"x.jsonl\"\n\n[[stage]]\nplugin = "
                        "\"text\"\n\n[[stage]]\nplugin = \"test_editor\"\n\n[[stage]]\nplugin = "
                        "\"jsonl\"\n";
  const std::string command = testkit::clearpage_binary().string() + " inspect --plugin-dir " +
                              CLEARPAGE_TEST_INSPECT_PLUGIN_DIR + " --config " + job.string() +
                              " " + kNotice.string();
  const auto result = run_command(command + " --json 2>/dev/null");
  ASSERT_EQ(result.status, 0) << result.output;
  const auto report = nlohmann::json::parse(result.output);
  EXPECT_EQ(report["stages"], nlohmann::json({"text", "test_editor"}));
  const auto& blocks = report["blocks"];
  ASSERT_EQ(blocks.size(), 12u);

  EXPECT_FALSE(blocks[0]["kept"].get<bool>());
  EXPECT_EQ(blocks[0]["removed_by"], "test_editor");
  EXPECT_EQ(blocks[0]["removed_rule"], "breadcrumb");
  ASSERT_EQ(blocks[0]["history"].size(), 2u);
  EXPECT_EQ(blocks[0]["history"][1], nlohmann::json({{"stage", "test_editor"},
                                                     {"action", "removed"},
                                                     {"plugin", "test_editor"},
                                                     {"rule", "breadcrumb"}}));

  EXPECT_TRUE(blocks[1]["kept"].get<bool>());
  EXPECT_EQ(blocks[1]["history"].size(), 1u) << "untouched blocks show only their origin";

  const auto& changed = blocks[8];
  EXPECT_EQ(changed["provenance"], "line 9");
  ASSERT_EQ(changed["history"].size(), 2u) << changed.dump();
  EXPECT_EQ(changed["history"][1]["action"], "changed");
  EXPECT_NE(changed["history"][1]["before"].get<std::string>().find("安全检测?检测结果"),
            std::string::npos);
  EXPECT_NE(changed["history"][1]["after"].get<std::string>().find("安全检测，检测结果"),
            std::string::npos);

  EXPECT_EQ(blocks[11]["kind"], "caption");
  EXPECT_EQ(blocks[11]["provenance"], "test_editor");
  EXPECT_EQ(blocks[11]["history"][0],
            nlohmann::json({{"stage", "test_editor"}, {"action", "added"}}));

  EXPECT_EQ(report["metadata"]["editor"]["value"], "王小明");
  EXPECT_EQ(report["metadata"]["editor"]["found_by"], "test_editor:editor_line");
  ASSERT_EQ(report["repairs"].size(), 1u);
  EXPECT_EQ(report["repairs"][0]["rule"], "question_mark");

  const auto text = run_command(command + " 2>/dev/null");
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.output.find("REMOVED by test_editor:breadcrumb"), std::string::npos)
      << text.output;
  EXPECT_NE(text.output.find("- test_editor: changed"), std::string::npos);
  EXPECT_NE(text.output.find("editor: 王小明  (found by test_editor:editor_line)"),
            std::string::npos);
  EXPECT_NE(text.output.find("test_editor:question_mark"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Inspect, BadCommandLinesExitWithTwo) {
  EXPECT_EQ(run_command(inspect("2>/dev/null")).status, 2);
  EXPECT_EQ(run_command(inspect("/nonexistent/file.txt 2>/dev/null")).status, 2);
  EXPECT_EQ(run_command(inspect((testkit::source_dir() / "samples").string() + " " +
                                kNotice.string() + " 2>/dev/null"))
                .status,
            2);
  // Without --config the built-in default job is used.
  EXPECT_EQ(run_command(testkit::clearpage_binary().string() + " inspect " + kNotice.string() +
                        " 2>/dev/null")
                .status,
            0);
}

}  // namespace
}  // namespace clearpage
