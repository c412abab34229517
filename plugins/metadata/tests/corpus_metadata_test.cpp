// Every page of the shared corpus through the default job: no record may carry an invalid
// metadata value. The checks are written here from the rules themselves (docs/output.md),
// not with the stage's own validators, so that they can catch a validator's mistake.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Markup pieces: a tag opening with attributes or cut off (`<meta`, `<span class`), a closing
// tag, or an attribute (`size="20"`, `name=` at the end).
bool markup(const std::string& s) {
  static const std::regex kTag(R"(<[A-Za-z]+( |/|$)|</[A-Za-z]+>|[A-Za-z0-9-]=(["']|$))");
  return std::regex_search(s, kTag);
}

// Only digits, spaces and ASCII punctuation.
bool no_letters(const std::string& s) {
  static const std::regex kNoLetters(R"([0-9\s[:punct:]]*)");
  return std::regex_match(s, kNoLetters);
}

std::string problem_with_date(const std::string& value) {
  static const std::regex kIso(
      R"((\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)");
  std::smatch m;
  if (!std::regex_match(value, m, kIso)) return "not ISO 8601";
  using namespace std::chrono;
  const year_month_day day{year{std::stoi(m[1])}, month{static_cast<unsigned>(std::stoi(m[2]))},
                           std::chrono::day{static_cast<unsigned>(std::stoi(m[3]))}};
  if (!day.ok()) return "no such day";
  if (day < year_month_day{year{1990}, January, std::chrono::day{1}}) return "before 1990";
  const auto tomorrow = floor<days>(system_clock::now()) + days{1};
  if (sys_days{day} > tomorrow) return "in the future";
  return "";
}

std::string problem_with_name(const std::string& value) {
  if (code_points(value) > 60) return "over 60 characters";
  if (no_letters(value)) return "no letters";
  if (markup(value)) return "markup";
  if (value.find("://") != std::string::npos) return "a URL";
  return "";
}

std::string problem_with_language(const std::string& value) {
  static const std::regex kTag(R"([a-z]{2,3}(-[A-Za-z0-9]{2,8})*)");
  static const std::regex kCharset(R"((utf|gb|iso|windows|big5|ascii|euc|koi8).*)",
                                   std::regex::icase);
  if (std::regex_match(value, kCharset)) return "a charset name";
  if (!std::regex_match(value, kTag)) return "not BCP-47";
  return "";
}

TEST(CorpusMetadata, DefaultJobEmitsNoInvalidValue) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const fs::path out = fs::temp_directory_path() /
                       ("clearpage_corpus_metadata_" + std::to_string(::getpid()) + ".jsonl");
  const auto result =
      testkit::run_command(testkit::clearpage_binary().string() +
                           " run --quiet --config configs/default.toml --threads 2 -o " +
                           out.string() + " '" + (shared / "corpus").string() + "'");
  ASSERT_EQ(result.status, 0) << result.output;
  std::ifstream in(out);
  std::string line;
  std::size_t records = 0;
  std::size_t values = 0;
  std::vector<std::string> problems;
  const auto report = [&](const json& record, const char* field, const std::string& value,
                          const std::string& why) {
    ++values;
    if (!why.empty()) {
      problems.push_back(record.value("source", "?") + ": " + field + " \"" + value + "\": " + why);
    }
  };
  while (std::getline(in, line)) {
    const json record = json::parse(line);
    ++records;
    const auto text = [&record](const char* field) {
      const auto it = record.find(field);
      return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (const std::string v = text("published"); !v.empty())
      report(record, "published", v, problem_with_date(v));
    for (const char* field : {"author", "editor", "source_name"}) {
      if (const std::string v = text(field); !v.empty())
        report(record, field, v, problem_with_name(v));
    }
    if (const std::string v = text("language"); !v.empty())
      report(record, "language", v, problem_with_language(v));
    if (const std::string v = text("title"); !v.empty())
      report(record, "title", v, markup(v) ? "markup" : "");
    if (record.contains("keywords") && record["keywords"].is_array()) {
      for (const auto& keyword : record["keywords"]) {
        const std::string v = keyword.is_string() ? keyword.get<std::string>() : "";
        report(record, "keywords", v, v.empty() ? "empty" : markup(v) ? "markup" : "");
      }
    }
  }
  fs::remove(out);
  // The corpus holds about 800 pages; far fewer records means the run lost inputs.
  EXPECT_GT(records, 700u);
  EXPECT_GT(values, records);  // the checks saw real values, not an empty run
  std::string listing;
  for (const auto& problem : problems) listing += "  " + problem + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " invalid values:\n" << listing;
}

}  // namespace
}  // namespace clearpage
