// clearpage/extract/title.hpp: splitting a <title> into its headline and its site.
#include <gtest/gtest.h>

#include <string>

#include "clearpage/extract/title.hpp"

namespace clearpage {
namespace {

TEST(Title, SiteSuffixesAreCut) {
  EXPECT_EQ(html::strip_site_suffix("标题内容_光明网"), "标题内容");
  EXPECT_EQ(html::strip_site_suffix("标题内容 - 新华网"), "标题内容");
  EXPECT_EQ(html::strip_site_suffix("标题内容--人民网"), "标题内容");
  EXPECT_EQ(html::strip_site_suffix("Covid-19 vaccines arrive"), "Covid-19 vaccines arrive");
  EXPECT_EQ(html::strip_site_suffix("A brief intro to git • Cory Dransfeldt"),
            "A brief intro to git");
  // og:site_name goes whatever its length; without it a long last part stays.
  const std::string long_site = "Guide to fees | Penn State Lehigh Valley Continuing Education";
  EXPECT_EQ(html::strip_site_suffix(long_site), long_site);
  EXPECT_EQ(html::strip_site_suffix(long_site, "Penn State Lehigh Valley Continuing Education"),
            "Guide to fees");
  // Both splitters share the separators.
  EXPECT_EQ(text::split_title("Unknown Item – Thomann UK").site, "Thomann UK");
  EXPECT_EQ(text::split_title("1-10月经济数据").site, "");
}

}  // namespace
}  // namespace clearpage
