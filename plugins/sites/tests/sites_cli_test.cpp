// `clearpage sites` and the profile line of `clearpage inspect`, through the real CLI.
#include <gtest/gtest.h>

#include <fstream>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

std::string cli() {
  return testkit::clearpage_binary().string();
}

TEST(SitesCli, ListsTheInstalledProfiles) {
  const auto result = testkit::run_command(cli() + " sites");
  ASSERT_EQ(result.status, 0) << result.output;
  for (const char* name : {"portal  (", "newssite  (", "xinhuanet  (", "people  ("}) {
    EXPECT_NE(result.output.find(name), std::string::npos) << name << "\n" << result.output;
  }
  EXPECT_NE(
      result.output.find("100: a government site ID code: meta SiteIDCode or text 网站标识码"),
      std::string::npos)
      << result.output;
}

TEST(SitesCli, ABadProfileNamesItsFileAndLine) {
  const auto dir = testkit::fresh_dir("sites-cli");
  std::ofstream(dir / "broken.toml") << "name = \"broken\"\n[[probe]]\nscore = 90\n"
                                        "all = [{ hosts = [\"example.cn\"] }]\n";
  const auto result = testkit::run_command(cli() + " sites --extra-profiles " + dir.string());
  EXPECT_EQ(result.status, 2) << result.output;  // a config error
  EXPECT_NE(result.output.find("broken.toml:4:10: unknown key 'hosts' in probe rule 1.all"),
            std::string::npos)
      << result.output;
}

TEST(SitesCli, InspectShowsTheProfileAndItsEvidence) {
  const auto page = testkit::source_dir() / "samples" / "sites" / "xinhuanet.html";
  const auto result =
      testkit::run_command(cli() + " inspect --config configs/default.toml " + page.string());
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("layout: xinhuanet\nprofile: sites:xinhuanet (a Xinhua host (host "
                               "www.news.cn under news.cn))"),
            std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace clearpage
