// The sqlite writer and `clearpage search`, through the real CLI.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using testkit::run_command;

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("clearpage_sqlite_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    // Found by the walk of in/, so its id is its name there.
    fs::copy_file(testkit::source_dir() / "samples/text/portal_notice.txt",
                  dir_ / "in" / "portal_notice.txt");
    db_ = dir_ / "out" / "corpus.db";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_input(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << content;
  }

  testkit::CommandResult run_job(const std::string& flags = "") {
    const fs::path job = dir_ / "job.toml";
    std::ofstream(job) << "[job]\ninputs = [\"" << (dir_ / "in").string() << "\"]\noutput = \""
                       << db_.string()
                       << "\"\n\n[[stage]]\nplugin = \"text\"\n\n[[stage]]\nplugin = \"sqlite\"\n"
                          "batch = 1\n";
    // In the job's folder: a job file may only write below the directory it runs in.
    return run_command("cd " + dir_.string() + " && " + testkit::clearpage_binary().string() +
                       " run --config " + job.string() + " " + flags);
  }

  nlohmann::json search(const std::string& query, int limit = 10) {
    const auto result =
        run_command(testkit::clearpage_binary().string() + " search " + db_.string() + " '" +
                    query + "' --json --limit " + std::to_string(limit) + " 2>/dev/null");
    EXPECT_EQ(result.status, 0) << result.output;
    return nlohmann::json::parse(result.output);
  }

  std::int64_t count(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  fs::path dir_;
  fs::path db_;
};

TEST_F(SqliteTest, WritesSchemaAndForcedReRunsReplaceWithoutDuplicates) {
  write_input("harbor.txt", "港口物流恢复运行\n港区集装箱吞吐量同比增长。\n");
  auto result = run_job();
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM documents_fts"), 2);
  const auto blocks = count("SELECT count(*) FROM blocks");
  EXPECT_EQ(count("SELECT count(*) FROM blocks WHERE doc_id = 'portal_notice.txt'"), 11)
      << "one block per non-empty line of the sample";
  EXPECT_EQ(count("SELECT count(*) FROM blocks WHERE doc_id = 'portal_notice.txt' AND "
                  "provenance = 'line 1' AND type = 'paragraph'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM documents WHERE id = 'harbor.txt' AND errors = '[]' AND "
                  "format = 'text' AND text LIKE '%集装箱%'"),
            1);

  // A second run into the same database refuses to start without --resume or --force.
  result = run_job();
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_NE(result.output.find("an earlier run left this output"), std::string::npos)
      << result.output;
  // --force starts a new database: changed content replaces the old rows everywhere.
  write_input("harbor.txt", "港口航线调整公告\n");
  result = run_job("--force");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(count("SELECT count(*) FROM documents"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM documents_fts"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM blocks"), blocks - 1);
  EXPECT_EQ(count("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '\"集装箱\"'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '\"航线调整\"'"),
            1);
}

TEST_F(SqliteTest, SearchRanksFtsHitsWithSnippetsAndFallsBackToLikeForShortQueries) {
  write_input("harbor.txt", "港口物流恢复运行\n港区集装箱吞吐量同比增长,网站另行公布。\n");
  ASSERT_EQ(run_job().status, 0);

  auto hits = search("网站安全工作");
  EXPECT_EQ(hits["mode"], "fts");
  ASSERT_EQ(hits["hits"].size(), 1u) << hits.dump();
  EXPECT_EQ(hits["hits"][0]["id"], "portal_notice.txt");
  const std::string snippet = hits["hits"][0]["snippet"];
  EXPECT_NE(snippet.find("[网站安全工作]"), std::string::npos) << snippet;

  hits = search("集装箱");
  ASSERT_EQ(hits["hits"].size(), 1u);
  EXPECT_EQ(hits["hits"][0]["id"], "harbor.txt");

  // Two characters: no trigram exists, so the LIKE fallback answers.
  hits = search("漏洞");
  EXPECT_EQ(hits["mode"], "like");
  ASSERT_EQ(hits["hits"].size(), 1u) << hits.dump();
  EXPECT_EQ(hits["hits"][0]["id"], "portal_notice.txt");
  EXPECT_NE(hits["hits"][0]["snippet"].get<std::string>().find("[漏洞]"), std::string::npos);

  // Both documents mention 网站; the one that says it more often ranks first.
  hits = search("网站");
  ASSERT_EQ(hits["hits"].size(), 2u) << hits.dump();
  EXPECT_EQ(hits["hits"][0]["id"], "portal_notice.txt");
  EXPECT_EQ(search("网站", 1)["hits"].size(), 1u);

  EXPECT_TRUE(search("不存在的词语")["hits"].empty());
  // FTS5 syntax in a query is plain text, not an error.
  EXPECT_TRUE(search("\"AND OR(").is_object());

  const auto plain =
      run_command(testkit::clearpage_binary().string() + " search " + db_.string() + " 网站安全");
  EXPECT_EQ(plain.status, 0);
  EXPECT_NE(plain.output.find("1. portal_notice"), std::string::npos) << plain.output;
  EXPECT_EQ(run_command(testkit::clearpage_binary().string() + " search " +
                        (dir_ / "missing.db").string() + " 网站")
                .status,
            2);
}

}  // namespace
}  // namespace clearpage
