#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "clearpage/core/job_config.hpp"
#include "plugin_fixture.hpp"

namespace clearpage::core {
namespace {

std::vector<std::string> errors_of(const std::string& toml) {
  try {
    parse_job(toml, "job.toml", testkit::builtin_host());
  } catch (const ConfigError& e) {
    return e.messages();
  }
  return {};
}

testing::AssertionResult has_error(const std::vector<std::string>& errors,
                                   const std::string& text) {
  for (const auto& e : errors) {
    if (e.find(text) != std::string::npos) return testing::AssertionSuccess();
  }
  std::string all;
  for (const auto& e : errors) all += "\n  " + e;
  return testing::AssertionFailure() << "no error containing '" << text << "' in:" << all;
}

constexpr const char* kGood = R"(
[job]
inputs = ["samples/"]
output = "out/x.jsonl"
threads = 2
on_error = "skip"

[[stage]]
plugin = "text"
max_line_bytes = 100

[[stage]]
plugin = "jsonl"
)";

TEST(JobConfig, ParsesAGoodJob) {
  const JobConfig job = parse_job(kGood, "job.toml", testkit::builtin_host());
  EXPECT_EQ(job.inputs, std::vector<std::string>{"samples/"});
  EXPECT_EQ(job.output, "out/x.jsonl");
  EXPECT_EQ(job.threads, 2);
  EXPECT_EQ(job.on_error, OnError::kSkip);
  ASSERT_EQ(job.stages.size(), 2u);
  EXPECT_EQ(job.stages[0].plugin, "text");
  EXPECT_EQ(job.stages[0].kind, StageKind::kReader);
  EXPECT_EQ(job.stages[0].options.get_int("max_line_bytes"), 100);
  EXPECT_EQ(job.stages[0].options.get_string("charset"), "auto");  // default filled in
  EXPECT_EQ(job.stages[0].where.line, 8);                          // the [[stage]] header
}

TEST(JobConfig, UnknownPluginNamesFileLineAndName) {
  const auto errors = errors_of("[[stage]]\nplugin = \"nosuch\"\n[[stage]]\nplugin = \"jsonl\"\n");
  EXPECT_TRUE(has_error(errors, "job.toml:2:10: unknown plugin 'nosuch'"));
}

TEST(JobConfig, UnknownKeyNamesFileLineAndKey) {
  const auto errors =
      errors_of("[[stage]]\nplugin = \"text\"\nmax_lines = 3\n[[stage]]\nplugin = \"jsonl\"\n");
  EXPECT_TRUE(has_error(errors, "job.toml:3:13: unknown key 'max_lines' for stage 'text'"));
}

TEST(JobConfig, UnknownJobKey) {
  const auto errors = errors_of(
      "[job]\noutptu = \"x\"\n[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\n");
  EXPECT_TRUE(has_error(errors, "job.toml:2:10: unknown key 'job.outptu'"));
}

TEST(JobConfig, WrongTypeNamesTheExpectedType) {
  const auto errors = errors_of(
      "[[stage]]\nplugin = \"text\"\nmax_line_bytes = \"big\"\n[[stage]]\nplugin = \"jsonl\"\n");
  EXPECT_TRUE(has_error(
      errors, "job.toml:3:18: stage 'text' key 'max_line_bytes': wrong type: expected integer"));
}

TEST(JobConfig, MissingRequiredOptionAndWrongTypeFromAnotherPlugin) {
  PluginHost host;
  ASSERT_TRUE(host.load_directory(testkit::test_plugin_dir() / "good").empty());
  ASSERT_TRUE(host.load_directory(testkit::builtin_plugin_dir()).empty());
  try {
    parse_job(
        "[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"beta_two\"\n"
        "[[stage]]\nplugin = \"alpha_cleaner\"\nlevel = 1.5\n",
        "job.toml", host);
    FAIL() << "expected errors";
  } catch (const ConfigError& e) {
    EXPECT_TRUE(has_error(e.messages(),
                          "job.toml:3:1: stage 'beta_two' is missing required key 'pattern'"));
    EXPECT_TRUE(
        has_error(e.messages(), "job.toml:7:9: stage 'alpha_cleaner' key 'level': wrong type"));
    EXPECT_TRUE(has_error(e.messages(), "job.toml:1:1: job has no writer stage"));
  }
}

TEST(JobConfig, TomlSyntaxErrorHasPosition) {
  const auto errors = errors_of("[job]\ninputs = [\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("job.toml:", 0), 0u);
}

TEST(JobConfig, BadOnErrorAndThreads) {
  const auto errors = errors_of(
      "[job]\non_error = \"ignore\"\nthreads = -1\n[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin "
      "= \"jsonl\"\n");
  EXPECT_TRUE(has_error(errors, "job.toml:2:12: key 'job.on_error'"));
  EXPECT_TRUE(has_error(errors, "job.toml:3:11: key 'job.threads'"));
}

TEST(JobConfig, PerDocumentLimits) {
  const std::string stages = "[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\n";
  const JobConfig defaults = parse_job(stages, "job.toml", testkit::builtin_host());
  EXPECT_EQ(defaults.doc_time_limit_ms, 60000);
  EXPECT_EQ(defaults.doc_memory_limit_mb, 1024);
  const JobConfig set =
      parse_job("[job]\ndoc_time_limit_ms = 0\ndoc_memory_limit_mb = 64\n" + stages, "job.toml",
                testkit::builtin_host());
  EXPECT_EQ(set.doc_time_limit_ms, 0);
  EXPECT_EQ(set.doc_memory_limit_mb, 64);
  EXPECT_TRUE(has_error(errors_of("[job]\ndoc_time_limit_ms = -5\n" + stages),
                        "job.toml:2:21: key 'job.doc_time_limit_ms': expected an integer"));
  EXPECT_TRUE(has_error(errors_of("[job]\ndoc_memory_limit_mb = \"1G\"\n" + stages),
                        "key 'job.doc_memory_limit_mb': expected an integer"));
}

TEST(JobConfig, WhenAndGroup) {
  const JobConfig job = parse_job(
      "[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"jsonl\"\nwhen = { format = \"html\" }\n",
      "job.toml", testkit::builtin_host());
  EXPECT_EQ(job.stages[1].when_format, std::vector<std::string>{"html"});
  const auto errors = errors_of(
      "[[stage]]\nplugin = \"text\"\nwhen = { colour = \"red\" }\n[[stage]]\nplugin = \"jsonl\"\n");
  EXPECT_TRUE(has_error(errors, "unknown key 'when.colour' for stage 'text'"));
  EXPECT_TRUE(has_error(
      errors_of("[[stage]]\nplugin = \"text\"\ngroup = \"g\"\n[[stage]]\nplugin = \"jsonl\"\n"),
      "only cleaners can form a group"));
}

TEST(JobConfig, EveryShippedConfigValidates) {
  for (const auto& entry : std::filesystem::directory_iterator(testkit::source_dir() / "configs")) {
    if (entry.path().extension() != ".toml") continue;
    SCOPED_TRACE(entry.path().string());
    EXPECT_NO_THROW(load_job_file(entry.path().string(), testkit::builtin_host()));
  }
}

class OutputConfinement : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clearpage_confine_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "jobs");
    std::filesystem::create_directories(dir_ / "elsewhere");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> escapes(const std::string& output, const std::string& writer_path) {
    std::string toml = "[job]\noutput = \"" + output +
                       "\"\n[[stage]]\nplugin = \"text\"\n[[stage]]\nplugin = \"markdown\"\n";
    if (!writer_path.empty()) toml += "path = \"" + writer_path + "\"\n";
    const JobConfig job = parse_job(toml, "job.toml", testkit::builtin_host());
    return output_path_escapes(job, testkit::builtin_host(), dir_ / "jobs");
  }

  std::filesystem::path dir_;
};

TEST_F(OutputConfinement, PathsInsideTheOutputDirectoryPass) {
  EXPECT_TRUE(escapes("out/x.jsonl", "").empty());
  EXPECT_TRUE(escapes("a/../b/x.jsonl", "md/").empty());
  EXPECT_TRUE(escapes("-", "").empty());
  EXPECT_TRUE(escapes((dir_ / "jobs" / "x.jsonl").string(), "").empty());
}

TEST_F(OutputConfinement, EscapesNameTheKeyAndItsPlace) {
  const auto parent = escapes("../x.jsonl", "");
  ASSERT_EQ(parent.size(), 1u);
  EXPECT_TRUE(has_error(parent, "job.toml:2:10: key 'job.output': '../x.jsonl' is outside"));
  EXPECT_TRUE(has_error(parent, "--allow-any-output"));
  const auto absolute = escapes("out/x.jsonl", "/etc/cron.d");
  ASSERT_EQ(absolute.size(), 1u);
  EXPECT_TRUE(has_error(absolute, "job.toml:7:8: key 'markdown.path': '/etc/cron.d' is outside"));
  EXPECT_EQ(escapes("/tmp/../etc/x.jsonl", "md/../../y").size(), 2u);
}

TEST_F(OutputConfinement, ALinkOutOfTheDirectoryIsAnEscape) {
  std::filesystem::create_directory_symlink(dir_ / "elsewhere", dir_ / "jobs" / "link");
  EXPECT_TRUE(has_error(escapes("link/x.jsonl", ""), "'link/x.jsonl' is outside"));
}

TEST_F(OutputConfinement, DefaultsAndOverriddenOutputsAreNotChecked) {
  JobConfig job = parse_job(
      "[job]\noutput = \"/elsewhere.jsonl\"\n[[stage]]\nplugin = \"text\"\n"
      "[[stage]]\nplugin = \"markdown\"\n",
      "job.toml", testkit::builtin_host());
  EXPECT_EQ(output_path_escapes(job, testkit::builtin_host(), dir_).size(), 1u);
  job.output_where = {};  // as `run --output` leaves it
  EXPECT_TRUE(output_path_escapes(job, testkit::builtin_host(), dir_).empty());
}

}  // namespace
}  // namespace clearpage::core
