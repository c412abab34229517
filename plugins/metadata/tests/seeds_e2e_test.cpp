// Runs the real `clearpage run` over the shared seeds with the text job and with the
// default job (which routes text dumps to the same chain), and compares each document
// with its gold file (read at test time).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string str_or_empty(const json& j, const char* key) {
  return j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : std::string();
}

// The literal pieces of a gold "removed" note: "share widget (a / b / c)" -> a, b, c.
std::vector<std::string> removed_pieces(const std::string& note) {
  std::vector<std::string> out;
  const std::size_t open = note.find('(');
  const std::size_t close = note.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close <= open) return out;
  const std::string inner = note.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= inner.size()) {
    std::size_t sep = inner.find(" / ", start);
    if (sep == std::string::npos) sep = inner.size();
    out.push_back(inner.substr(start, sep - start));
    start = sep + 3;
  }
  return out;
}

struct SeedRun {
  int status = -1;
  std::string log;
  std::map<std::string, json> records;
};

// One run per job file, shared by the tests of that job.
const SeedRun& seed_run(const std::string& config) {
  static std::map<std::string, SeedRun> runs;
  auto it = runs.find(config);
  if (it != runs.end()) return it->second;
  SeedRun run;
  const fs::path out = fs::temp_directory_path() /
                       ("clearpage_seeds_" + std::to_string(::getpid()) + "_" + config + ".jsonl");
  const auto result = testkit::run_command(
      testkit::clearpage_binary().string() + " run --config configs/" + config + " --output " +
      out.string() + " " + (testkit::shared_dir() / "seeds").string());
  run.status = result.status;
  run.log = result.output;
  std::ifstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line);
    // Ids are the seeds' file names; the gold names them without the extension.
    run.records[fs::path(j.at("id").get<std::string>()).stem().string()] = j;
  }
  fs::remove(out);
  return runs.emplace(config, std::move(run)).first->second;
}

class SeedsE2e : public ::testing::TestWithParam<std::string> {};

TEST_P(SeedsE2e, MetadataMatchesGold) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const SeedRun& run = seed_run(GetParam());
  ASSERT_EQ(run.status, 0) << run.log;
  std::size_t seeds = 0;
  for (const auto& entry : fs::directory_iterator(shared / "gold")) {
    if (entry.path().extension() != ".json") continue;
    const json gold = json::parse(testkit::read_file(entry.path()));
    const std::string id = gold.at("seed").get<std::string>();
    ASSERT_TRUE(run.records.count(id)) << "no output for " << id;
    const json& out = run.records.at(id);
    ++seeds;
    EXPECT_TRUE(out.at("errors").empty()) << id << ": " << out.at("errors").dump();
    EXPECT_EQ(str_or_empty(out, "title"), str_or_empty(gold, "title")) << id;
    EXPECT_EQ(str_or_empty(out, "published"), str_or_empty(gold, "published")) << id;
    EXPECT_EQ(str_or_empty(out, "source_name"), str_or_empty(gold, "source")) << id;
    EXPECT_EQ(str_or_empty(out, "author"), str_or_empty(gold, "author")) << id;
    EXPECT_EQ(str_or_empty(out, "editor"), str_or_empty(gold, "editor")) << id;
    EXPECT_EQ(out.value("keywords", json::array()), gold.value("keywords", json::array())) << id;
    EXPECT_EQ(str_or_empty(out, "script"), str_or_empty(gold, "script")) << id;
  }
  EXPECT_GT(seeds, 0u);
}

TEST_P(SeedsE2e, RemovedLinesLeaveNoResidue) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const SeedRun& run = seed_run(GetParam());
  ASSERT_EQ(run.status, 0) << run.log;
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(shared / "gold")) {
    if (entry.path().extension() != ".json") continue;
    const json gold = json::parse(testkit::read_file(entry.path()));
    const std::string id = gold.at("seed").get<std::string>();
    const std::string seed = testkit::read_file(shared / "seeds" / (id + ".txt"));
    std::string kept_gold = str_or_empty(gold, "title");
    for (const char* field : {"body", "captions", "headings"}) {
      for (const auto& t : gold.value(field, json::array()))
        kept_gold += "\n" + t.get<std::string>();
    }
    ASSERT_TRUE(run.records.count(id));
    std::string out_text = run.records.at(id).at("text").get<std::string>();
    for (const auto& note : gold.at("removed")) {
      for (const std::string& piece : removed_pieces(note.get<std::string>())) {
        // Only pieces quoted literally from the seed, and not also part of the kept text.
        if (piece.size() < 6 || seed.find(piece) == std::string::npos ||
            kept_gold.find(piece) != std::string::npos)
          continue;
        ++checked;
        EXPECT_EQ(out_text.find(piece), std::string::npos)
            << id << ": '" << piece << "' left in the output";
      }
    }
  }
  EXPECT_GT(checked, 5u);
}

INSTANTIATE_TEST_SUITE_P(Jobs, SeedsE2e, ::testing::Values("crawled-text.toml", "default.toml"),
                         [](const auto& info) {
                           return info.param == "default.toml" ? std::string("Default")
                                                               : std::string("CrawledText");
                         });

}  // namespace
}  // namespace clearpage
