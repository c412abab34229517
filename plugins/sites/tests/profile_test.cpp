#include <gtest/gtest.h>

#include "plugin_fixture.hpp"
#include "profile.hpp"
#include "profile_probe.hpp"
#include "site_fixture.hpp"

namespace clearpage {
namespace {

using sites::parse_profile;
using sites::ProfileError;

const char* kMinimal = R"(name = "demo"
[[probe]]
score = 90
all = [{ host = ["example.cn"] }]
)";

std::string error_of(const std::string& toml) {
  try {
    parse_profile(toml, "demo.toml");
  } catch (const ProfileError& e) {
    return e.what();
  }
  return "";
}

TEST(SiteProfile, MinimalProfileLoads) {
  const sites::SiteProfile p = parse_profile(kMinimal, "demo.toml");
  EXPECT_EQ(p.name, "demo");
  ASSERT_EQ(p.probes.size(), 1u);
  EXPECT_EQ(p.probes[0].score, 90);
  EXPECT_EQ(p.probes[0].all[0].hosts, std::vector<std::string>{"example.cn"});
  EXPECT_EQ(p.body_min_chars, 40u);
}

TEST(SiteProfile, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of(std::string(kMinimal) + "\n[body]\nselector = [\"#a\"]\n"),
            "demo.toml:7:1: unknown key 'selector' in [body]");
  EXPECT_EQ(error_of(std::string(kMinimal) + "[fields]\ntitle = [\"labels\"]\n"),
            "demo.toml:6:10: 'labels' is not a source of title (css, headline, meta)");
  EXPECT_EQ(error_of(std::string(kMinimal) + "[body]\nselectors = [\"div >\"]\n"),
            "demo.toml:6:13: selector: combinator '>' is not supported");
  EXPECT_EQ(error_of("name = \"Demo\"\n"),
            "demo.toml:1:8: name must be lower-case letters, "
            "digits, '-' or '_'");
  EXPECT_EQ(error_of("name = \"demo\"\n"),
            "demo.toml:1:1: a profile needs at least one [[probe]] rule");
  EXPECT_EQ(error_of("name = \"demo\"\n[[probe]]\nscore = 500\nall = [{ text = [\"x\"] }]\n"),
            "demo.toml:3:9: probe rule 1.score must be an integer from 1 to 100");
  EXPECT_EQ(error_of("name = \"demo\"\n[[probe]]\nscore = 5\nall = [{ txt = [\"x\"] }]\n"),
            "demo.toml:4:10: unknown key 'txt' in probe rule 1.all");
  const std::string syntax = error_of("name = \"demo\n");
  EXPECT_EQ(syntax.rfind("demo.toml:1:", 0), 0u) << syntax;
}

TEST(SiteProfile, SourcesTakeTheirRuleNames) {
  const sites::SiteProfile p = parse_profile(
      std::string(kMinimal) +
          "[fields]\nsite = [\"meta:og:site_name as og_site_name\", \"meta:SiteName\", "
          "\"title_suffix\"]\nsource_name = [\"css:.source, #source\", \"site\"]\n",
      "demo.toml");
  const auto& site = p.fields.at("site");
  ASSERT_EQ(site.size(), 3u);
  EXPECT_EQ(site[0].arg, "og:site_name");
  EXPECT_EQ(site[0].rule, "og_site_name");
  EXPECT_EQ(site[1].rule, "meta_SiteName");
  EXPECT_EQ(site[2].rule, "title_suffix");
  EXPECT_EQ(p.fields.at("source_name")[0].arg, ".source, #source");
  EXPECT_EQ(p.fields.at("source_name")[1].rule, "source_is_site");
}

TEST(SiteProfile, ProbeNeedsEveryPieceOfEvidenceAndSaysWhich) {
  const sites::SiteProfile p = parse_profile(R"(name = "demo"
[[decline]]
all = [{ selector = ["#js_content"] }]
[[probe]]
score = 40
why = "credits"
all = [{ text = ["责任编辑"] }, { text = ["来源："], meta = ["source"] }]
[[probe]]
score = 90
all = [{ host = ["example.cn"] }]
)",
                                             "demo.toml");
  const auto probe = [&](const std::string& html, const std::string& url = "") {
    return sites::probe_profile(p, testkit::html_document(html, url));
  };
  const auto both = probe(
      "<html><head><meta name=\"source\" content=\"x\"></head>"
      "<body><p>责任编辑：某</p></body></html>");
  EXPECT_EQ(both.score, 40);
  EXPECT_EQ(both.why, "credits (text 责任编辑, meta source)");
  EXPECT_EQ(probe("<html><body><p>责任编辑：某</p></body></html>").score, 0);
  const auto host = probe("<html><body><p>责任编辑：某 来源：某</p></body></html>",
                          "https://news.example.cn/a.html");
  EXPECT_EQ(host.score, 90);
  EXPECT_EQ(host.why, "host news.example.cn under example.cn");
  EXPECT_EQ(probe("<html><body><div id=\"js_content\">责任编辑：某 来源：某</div></body></html>",
                  "https://news.example.cn/a.html")
                .score,
            0);
  Document no_dom;
  EXPECT_EQ(sites::probe_profile(p, no_dom).score, 0);
}

TEST(SiteProfile, InstalledProfilesAllLoad) {
  const auto profiles = sites::load_profiles(testkit::source_dir() / "configs" / "sites");
  EXPECT_GE(profiles.size(), 2u);
}

}  // namespace
}  // namespace clearpage
