// Drives the real clearpage binary the way users do.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using testkit::run_command;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testkit::fresh_dir("clearpage_cli"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string cli() const { return testkit::clearpage_binary().string(); }

  std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
    std::vector<nlohmann::json> records;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) records.push_back(nlohmann::json::parse(line));
    return records;
  }

  fs::path write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  fs::path dir_;
};

TEST_F(CliTest, Version) {
  const auto result = run_command(cli() + " --version");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.output.find("clearpage 0.1.0"), std::string::npos);
}

TEST_F(CliTest, UnknownCommandIsAUsageError) {
  EXPECT_EQ(run_command(cli() + " frobnicate").status, 2);
  EXPECT_EQ(run_command(cli() + " run --no-such-option").status, 2);
}

TEST_F(CliTest, PluginsListsStagesWithOptions) {
  const auto result = run_command(cli() + " plugins");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("plugin text 0.1.0"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("text [reader]"), std::string::npos);
  EXPECT_NE(result.output.find("max_line_bytes"), std::string::npos);
  EXPECT_NE(result.output.find("jsonl [writer]"), std::string::npos);
}

TEST_F(CliTest, ValidateNamesFileLineAndKey) {
  const fs::path job = write("bad.toml",
                             "[job]\noutput = \"x\"\n\n[[stage]]\nplugin = \"text\"\nmax_lines = "
                             "3\n\n[[stage]]\nplugin = \"jsonl\"\n");
  const auto result = run_command(cli() + " validate " + job.string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find(job.string() + ":6:13: unknown key 'max_lines' for stage 'text'"),
            std::string::npos)
      << result.output;
  const auto good = run_command(cli() + " validate configs/default.toml");
  EXPECT_EQ(good.status, 0) << good.output;
}

TEST_F(CliTest, JobFileOutputsStayInTheRunDirectoryUnlessAllowed) {
  fs::create_directories(dir_ / "work");
  write("page.txt", "标题\n正文第一段。\n");
  const fs::path job = write("escape.toml",
                             "[job]\ninputs = [\"../page.txt\"]\noutput = \"../escaped.jsonl\"\n"
                             "[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\n");
  const std::string in_work = "cd " + (dir_ / "work").string() + " && " + cli();
  const auto refused = run_command(in_work + " run --config " + job.string());
  EXPECT_EQ(refused.status, 2) << refused.output;
  EXPECT_NE(
      refused.output.find(job.string() + ":3:10: key 'job.output': '../escaped.jsonl' is outside"),
      std::string::npos)
      << refused.output;
  EXPECT_FALSE(fs::exists(dir_ / "escaped.jsonl"));
  EXPECT_EQ(run_command(in_work + " validate " + job.string()).status, 2);

  // The command line's own --output is the user's choice, not the job file's.
  const auto overridden = run_command(in_work + " run --quiet --config " + job.string() +
                                      " --output " + (dir_ / "o.jsonl").string());
  EXPECT_EQ(overridden.status, 0) << overridden.output;
  EXPECT_EQ(read_jsonl(dir_ / "o.jsonl").size(), 1u);

  const auto allowed =
      run_command(in_work + " run --quiet --allow-any-output --config " + job.string());
  EXPECT_EQ(allowed.status, 0) << allowed.output;
  EXPECT_EQ(read_jsonl(dir_ / "escaped.jsonl").size(), 1u);
}

TEST_F(CliTest, RunOverSeedsWritesOneRecordPerInputWithFileIds) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const fs::path out = dir_ / "seeds.jsonl";
  const auto result =
      run_command(cli() + " run --config configs/default.toml --threads 2 --output " +
                  out.string() + " " + (shared / "seeds").string());
  ASSERT_EQ(result.status, 0) << result.output;
  std::set<std::string> expected;
  for (const auto& entry : fs::directory_iterator(shared / "seeds")) {
    expected.insert(entry.path().filename().string());
  }
  const auto records = read_jsonl(out);
  ASSERT_EQ(records.size(), expected.size());
  std::set<std::string> ids;
  for (const auto& r : records) {
    ids.insert(r["id"].get<std::string>());
    EXPECT_TRUE(r["errors"].empty()) << r.dump();
    EXPECT_FALSE(r["text"].get<std::string>().empty());
  }
  EXPECT_EQ(ids, expected);
  EXPECT_NE(result.output.find(std::to_string(expected.size()) + " inputs, " +
                               std::to_string(expected.size()) + " written, 0 errors"),
            std::string::npos)
      << result.output;
}

TEST_F(CliTest, BadInputsBecomeErrorRecordsAndAreCounted) {
  write("good.txt", "标题\n正文第一段。\n");
  write("empty.txt", "");
  write("binary.txt", std::string("\x00\x01\x02\x03 binary", 11));
  const fs::path out = dir_ / "out.jsonl";
  // A missing input is a mistake found before any work: exit 2, no output.
  const auto missing =
      run_command(cli() + " run --config configs/default.toml --threads 2 --output " +
                  out.string() + " " + dir_.string() + " " + (dir_ / "missing.txt").string());
  EXPECT_EQ(missing.status, 2) << missing.output;
  EXPECT_NE(missing.output.find((dir_ / "missing.txt").string() + ": no such file"),
            std::string::npos)
      << missing.output;
  EXPECT_FALSE(fs::exists(out));
  // Inputs that fail become error records: exit 1.
  const auto result =
      run_command(cli() + " run --config configs/default.toml --threads 2 --output " +
                  out.string() + " " + dir_.string());
  ASSERT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("3 inputs, 1 written, 2 errors, 0 skipped"), std::string::npos)
      << result.output;
  const auto records = read_jsonl(out);
  ASSERT_EQ(records.size(), 3u);
  // Input order: the directory's files by name.
  EXPECT_EQ(records[0]["id"], "binary.txt");
  EXPECT_NE(records[0]["errors"][0]["message"].get<std::string>().find("binary data"),
            std::string::npos);
  EXPECT_EQ(records[1]["id"], "empty.txt");
  EXPECT_EQ(records[1]["errors"][0]["message"], "empty input");
  EXPECT_EQ(records[1]["errors"][0]["plugin"], "text");
  EXPECT_EQ(records[2]["id"], "good.txt");
  EXPECT_TRUE(records[2]["errors"].empty());
}

TEST_F(CliTest, OnErrorSkipAndAbort) {
  write("a.txt", "正文。\n");
  write("b.txt", "");
  write("c.txt", "正文。\n");
  const fs::path skip_job = write(
      "skip.toml",
      "[job]\non_error = \"skip\"\n[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\n");
  const fs::path out = dir_ / "out.jsonl";
  auto result = run_command(cli() + " run --threads 1 --config " + skip_job.string() + " -o " +
                            out.string() + " " + (dir_ / "*.txt").string());
  EXPECT_EQ(result.status, 1) << result.output;  // an input failed, though skipped
  EXPECT_NE(result.output.find("3 inputs, 2 written, 0 errors, 1 skipped"), std::string::npos)
      << result.output;
  EXPECT_EQ(read_jsonl(out).size(), 2u);

  const fs::path abort_job = write(
      "abort.toml",
      "[job]\non_error = \"abort\"\n[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\n");
  result = run_command(cli() + " run --threads 1 --config " + abort_job.string() + " -o " +
                       (dir_ / "abort.jsonl").string() + " " + (dir_ / "*.txt").string());
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("aborted: " + (dir_ / "b.txt").string() + ": empty input"),
            std::string::npos)
      << result.output;
}

TEST_F(CliTest, OutputIsInInputOrderWhateverTheThreadCount) {
  for (int i = 0; i < 40; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "doc%03d.txt", i);
    write(name, std::string(static_cast<std::size_t>((i * 7919) % 5000 + 10), 'x') + "\n");
  }
  const fs::path out = dir_ / "ordered.jsonl";
  const auto result = run_command(cli() + " run --config configs/default.toml --threads 4 -o " +
                                  out.string() + " " + dir_.string());
  ASSERT_EQ(result.status, 0) << result.output;
  const auto records = read_jsonl(out);
  ASSERT_EQ(records.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "doc%03d.txt", i);
    EXPECT_EQ(records[static_cast<std::size_t>(i)]["id"], id);
  }
  EXPECT_FALSE(fs::exists(out.string() + ".partial-" + std::to_string(::getpid())));
}

}  // namespace
}  // namespace clearpage
