// The default job against the gold corpora, held to the body F1 the project promises:
// at least 0.96 on the article-extraction-benchmark (trafilatura scores 0.958) and 0.95
// on the Chinese magic-html pages. Measured: 0.9765 and 0.9945 (docs/extract.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;

struct Corpus {
  const char* name;
  const char* inputs;  // under ../shared/corpus
  const char* gold;
  double min_f1;
};

class DefaultJobAccuracy : public ::testing::TestWithParam<Corpus> {};

TEST_P(DefaultJobAccuracy, BodyF1MeetsTheTarget) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const Corpus& corpus = GetParam();
  const fs::path out =
      fs::temp_directory_path() /
      ("clearpage_accuracy_" + std::to_string(::getpid()) + "_" + corpus.name + ".jsonl");
  const std::string cli = testkit::clearpage_binary().string();
  auto result = testkit::run_command(
      cli + " run --quiet --config configs/default.toml --threads 2 -o " + out.string() + " '" +
      (shared / "corpus" / corpus.inputs).string() + "'");
  ASSERT_EQ(result.status, 0) << result.output;
  // eval exits with 6 when body F1 is below --min-f1, and prints the scores either way.
  result = testkit::run_command(cli + " eval --gold " + (shared / "corpus" / corpus.gold).string() +
                                " --min-f1 " + std::to_string(corpus.min_f1) + " " + out.string());
  fs::remove(out);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("0 without output"), std::string::npos) << result.output;
}

INSTANTIATE_TEST_SUITE_P(Corpora, DefaultJobAccuracy,
                         ::testing::Values(Corpus{"aeb", "aeb/html", "aeb/ground-truth.json", 0.96},
                                           Corpus{"magic_html", "magic-html/*.html", "magic-html",
                                                  0.95}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace clearpage
