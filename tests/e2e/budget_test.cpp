// Per-document time and memory limits, through the real binary: runaway inputs become
// error records that name the stage and the reason, and the job goes on.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using testkit::run_command;

class BudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testkit::fresh_dir("clearpage_budget");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << content;
  }

  fs::path job(const std::string& limits, int threads = 2) {
    const fs::path path = dir_ / "job.toml";
    std::ofstream(path) << "[job]\nthreads = " << threads << "\n"
                        << limits << R"(
[[stage]]
plugin = "text"
[[stage]]
plugin = "html"
[[stage]]
plugin = "extract"
when = { format = ["html"] }
[[stage]]
plugin = "test_spin"
[[stage]]
plugin = "test_hog"
[[stage]]
plugin = "test_stall"
[[stage]]
plugin = "jsonl"
)";
    return path;
  }

  testkit::CommandResult run(const fs::path& job_file) {
    return run_command("timeout 120 " + testkit::clearpage_binary().string() +
                       " run --force --config " + job_file.string() +
                       " --plugin-dir " CLEARPAGE_TEST_BUDGET_PLUGIN_DIR " --output " +
                       (dir_ / "out.jsonl").string() + " --report " +
                       (dir_ / "report.json").string() + " " + (dir_ / "in").string());
  }

  std::map<std::string, nlohmann::json> records() {
    std::map<std::string, nlohmann::json> out;
    std::ifstream in(dir_ / "out.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto record = nlohmann::json::parse(line);
      // Ids are the file names below in/; the tests name inputs without extension.
      out[fs::path(record["id"].get<std::string>()).stem().string()] = record;
    }
    return out;
  }

  fs::path dir_;
};

const char* kPage =
    "<html><head><title>t</title></head><body><div><p>第一段正文，内容足够长，可以作为正文。"
    "第一段正文，内容足够长。</p><p>第二段正文，内容也足够长，可以作为正文。</p>%s</div></body></"
    "html>";

std::string page(const std::string& extra) {
  std::string out = kPage;
  out.replace(out.find("%s"), 2, extra);
  return out;
}

void expect_error(const nlohmann::json& record, const std::string& plugin, const std::string& stage,
                  const std::string& reason) {
  ASSERT_EQ(record["errors"].size(), 1u) << record.dump();
  const auto& error = record["errors"][0];
  EXPECT_EQ(error["plugin"], plugin) << record.dump();
  EXPECT_EQ(error["stage"], stage) << record.dump();
  EXPECT_NE(error["message"].get<std::string>().find(reason), std::string::npos) << record.dump();
}

TEST_F(BudgetTest, RunawayInputsBecomeErrorRecordsAndTheJobGoesOn) {
  write("a_good.txt", "第一行正文。\n第二行正文。\n");
  write("b_spin.txt", "SPIN\n这一篇会让清洗器空转。\n");
  write("c_good.html", page(""));
  write("d_hog.txt", "HOG\n这一篇会让清洗器一直占用内存。\n");
  write("e_grow.txt", "GROW\n这一篇会一下子变得很大。\n");
  // A wide tree: 600,000 <br> elements from 2.4 MB, a tree of some 80 MB.
  std::string bomb = "<html><body><p>";
  for (int i = 0; i < 600000; ++i) bomb += "<br>";
  write("f_bomb.html", bomb + "</p></body></html>");
  write("g_spin.html", page("<p>SPIN</p>"));
  write("h_good.txt", "最后一篇。\n");

  const auto start = std::chrono::steady_clock::now();
  const auto result = run(job("doc_time_limit_ms = 2000\ndoc_memory_limit_mb = 16\n"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("8 inputs, 3 written, 5 errors, 0 skipped"), std::string::npos)
      << result.output;
  // The two spinning documents are stopped near their limit, not left to run.
  EXPECT_LT(seconds, 30.0);

  auto by_id = records();
  ASSERT_EQ(by_id.size(), 8u);
  for (const char* good : {"a_good", "c_good", "h_good"}) {
    EXPECT_TRUE(by_id[good]["errors"].empty()) << by_id[good].dump();
    EXPECT_FALSE(by_id[good]["text"].get<std::string>().empty()) << good;
  }
  expect_error(by_id["b_spin"], "test_runaway", "test_spin", "time limit exceeded");
  expect_error(by_id["g_spin"], "test_runaway", "test_spin", "time limit exceeded");
  expect_error(by_id["d_hog"], "test_runaway", "test_hog", "memory limit exceeded");
  expect_error(by_id["e_grow"], "test_runaway", "test_hog", "memory limit exceeded");
  // The tree is stopped while libxml2 builds it, not after.
  expect_error(by_id["f_bomb"], "html", "html", "while parsing HTML");
  // What blew the limit is not carried into the error record.
  for (const char* big : {"d_hog", "e_grow"}) {
    EXPECT_LT(by_id[big].dump().size(), 4096u) << big;
  }

  std::ifstream report_file(dir_ / "report.json");
  const auto report = nlohmann::json::parse(report_file);
  EXPECT_EQ(report["inputs"], 8);
  EXPECT_EQ(report["written"], 3);
  EXPECT_EQ(report["errors"], 5);
  EXPECT_EQ(report["skipped"], 0);
  EXPECT_EQ(report["accounted"], true);
  const auto& runaway = report["errors_by_plugin"]["test_runaway"];
  EXPECT_EQ(runaway["count"], 4);
  EXPECT_EQ(runaway["by_stage"]["test_spin"], 2);
  EXPECT_EQ(runaway["by_stage"]["test_hog"], 2);
  ASSERT_EQ(runaway["examples"].size(), 4u);
  EXPECT_EQ(fs::path(runaway["examples"][0]["id"]).stem(), "b_spin");  // output order
  EXPECT_EQ(report["errors_by_plugin"]["html"]["count"], 1);
  EXPECT_EQ(fs::path(report["errors_by_plugin"]["html"]["examples"][0]["id"]).stem(), "f_bomb");
  EXPECT_EQ(report["errors_by_stage"]["test_spin"], 2);
  EXPECT_EQ(report["errors_by_stage"]["html"], 1);
}

TEST_F(BudgetTest, AWorkerStuckInAStageThatNeverChecksIsReplaced) {
  write("a_good.txt", "第一篇。\n");
  write("b_stall.txt", "STALL\n这一篇会让清洗器卡住，而且从不查看时限。\n");
  write("c_good.txt", "第三篇。\n");
  // One worker: the inputs after the stuck one can only finish on a replacement.
  const auto start = std::chrono::steady_clock::now();
  const auto result = run(job("doc_time_limit_ms = 200\n", 1));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("3 inputs, 2 written, 1 errors, 0 skipped"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("1 worker threads abandoned"), std::string::npos) << result.output;
  EXPECT_LT(seconds, 30.0);
  auto by_id = records();
  ASSERT_EQ(by_id.size(), 3u);
  EXPECT_TRUE(by_id["a_good"]["errors"].empty());
  EXPECT_TRUE(by_id["c_good"]["errors"].empty());
  expect_error(by_id["b_stall"], "test_runaway", "test_stall", "worker thread was abandoned");
  std::ifstream report_file(dir_ / "report.json");
  const auto report = nlohmann::json::parse(report_file);
  EXPECT_EQ(report["abandoned_workers"], 1);
  EXPECT_EQ(report["accounted"], true);
}

TEST_F(BudgetTest, WithoutLimitsTheSameTreeParses) {
  // The guard, not the parser, stopped the wide tree above.
  std::string wide = "<html><body><p>正文。";
  for (int i = 0; i < 200000; ++i) wide += "<br>";
  write("wide.html", wide + "</p></body></html>");
  const auto limited = run(job("doc_memory_limit_mb = 4\n"));
  ASSERT_EQ(limited.status, 1) << limited.output;
  EXPECT_NE(limited.output.find("1 inputs, 0 written, 1 errors"), std::string::npos)
      << limited.output;
  const auto unlimited = run(job("doc_time_limit_ms = 0\ndoc_memory_limit_mb = 0\n"));
  ASSERT_EQ(unlimited.status, 0) << unlimited.output;
  EXPECT_NE(unlimited.output.find("1 inputs, 1 written, 0 errors"), std::string::npos)
      << unlimited.output;
}

}  // namespace
}  // namespace clearpage
