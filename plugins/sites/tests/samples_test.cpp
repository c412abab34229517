// Every profile that claims pages by host has a test page of its own under samples/sites/,
// and the tutorial in docs/sites.md works as written.
#include <gtest/gtest.h>

#include <fstream>

#include "plugin_fixture.hpp"
#include "profile.hpp"
#include "site_fixture.hpp"

namespace clearpage {
namespace {

bool matches_on_host(const sites::SiteProfile& profile) {
  for (const auto& rule : profile.probes) {
    for (const auto& evidence : rule.all) {
      if (!evidence.hosts.empty() || !evidence.host_contains.empty()) return true;
    }
  }
  return false;
}

TEST(SiteSamples, EveryHostProfileHasItsOwnTestPage) {
  const auto profiles = sites::load_profiles(testkit::source_dir() / "configs" / "sites");
  std::size_t checked = 0;
  for (const auto& profile : profiles) {
    if (!matches_on_host(profile)) continue;
    SCOPED_TRACE(profile.path);
    const auto page = testkit::source_dir() / "samples" / "sites" / (profile.name + ".html");
    ASSERT_TRUE(std::filesystem::exists(page)) << "no test page " << page;
    testkit::expect_site_sample("sites", profile.name, kProbeLikely, "sites");
    ++checked;
  }
  EXPECT_GE(checked, 4u);
}

// The tutorial's profile: the ```toml block after the marker in docs/sites.md.
std::string tutorial_profile() {
  std::ifstream in(testkit::source_dir() / "docs" / "sites.md");
  std::string line;
  std::string toml;
  bool marker = false;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "<!-- tutorial profile: tested by plugins/sites/tests/samples_test.cpp -->") {
      marker = true;
    } else if (marker && !inside && line == "```toml") {
      inside = true;
    } else if (inside && line == "```") {
      break;
    } else if (inside) {
      toml += line + "\n";
    }
  }
  return toml;
}

TEST(SiteSamples, TutorialProfileIsShortAndWorks) {
  const std::string toml = tutorial_profile();
  ASSERT_FALSE(toml.empty()) << "tutorial block not found in docs/sites.md";
  EXPECT_LT(std::count(toml.begin(), toml.end(), '\n'), 30);
  const auto dir = testkit::fresh_dir("sites-tutorial");
  std::ofstream(dir / "example-daily.toml") << toml;
  auto cleaner = testkit::make_cleaner(
      "sites", testkit::options_with("sites", {{"extra_profiles", dir.string()}}));
  const auto samples = testkit::source_dir() / "samples" / "sites";
  Document doc =
      testkit::html_document(testkit::read_file(samples / "tutorial-example-daily.html"));
  EXPECT_EQ(cleaner->probe(doc), 90);
  cleaner->clean(doc);
  EXPECT_EQ(doc.layout, "example-daily");
  EXPECT_EQ(doc.meta.title, "海边小城办起读书节");
  EXPECT_EQ(doc.meta.found_by["title"], "example-daily:selector");
  EXPECT_EQ(doc.meta.published, "2024-07-06T19:30:00+08:00");
  EXPECT_EQ(doc.meta.author, "林某");
  EXPECT_EQ(doc.meta.source_name, "示例日报");
  EXPECT_EQ(doc.text(),
            "为期一周的读书节在海滨图书馆开幕，二十多家书店和出版社带来了上万种图书。\n"
            "主办方还在沙滩上设置了露天阅读区，每晚有作家分享会。");
  EXPECT_TRUE(testkit::has_removed(doc, "profile_remove"));
}

}  // namespace
}  // namespace clearpage
