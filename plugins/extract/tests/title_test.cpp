// clearpage/extract/title.hpp: splitting a <title> into its headline and its site.
#include <gtest/gtest.h>

#include <string>

#include "clearpage/extract/title.hpp"

namespace clearpage {
namespace {

TEST(Title, SiteSuffixesAreCut) {
  EXPECT_EQ(text::split_title("标题内容_光明网").headline, "标题内容");
  EXPECT_EQ(text::split_title("标题内容 - 新华网").headline, "标题内容");
  EXPECT_EQ(text::split_title("标题内容--人民网").headline, "标题内容");
  EXPECT_EQ(text::split_title("Covid-19 vaccines arrive").headline, "Covid-19 vaccines arrive");
  // An underscore inside a Latin word names a thing (a module, a crate), not a site.
  EXPECT_EQ(text::split_title("Module ngx_http_core_module").headline,
            "Module ngx_http_core_module");
  EXPECT_EQ(text::split_title("rustc_codegen_gcc: Progress Report #39").headline,
            "rustc_codegen_gcc: Progress Report #39");
  EXPECT_EQ(text::split_title("Release notes __ Example").headline, "Release notes");
  EXPECT_EQ(text::split_title("A brief intro to git • Cory Dransfeldt").headline,
            "A brief intro to git");
  // og:site_name goes whatever its length; without it a long last part stays.
  const std::string long_site = "Guide to fees | Penn State Lehigh Valley Continuing Education";
  EXPECT_EQ(text::split_title(long_site).headline, long_site);
  EXPECT_EQ(text::split_title(long_site, "Penn State Lehigh Valley Continuing Education").headline,
            "Guide to fees");
  // One split gives the lead, the headline and the site.
  EXPECT_EQ(text::split_title("Unknown Item – Thomann UK").site, "Thomann UK");
  EXPECT_EQ(text::split_title("1-10月经济数据").site, "");
  const text::TitleParts parts = text::split_title("  标题内容_要闻频道_某某网  ");
  EXPECT_EQ(parts.lead, "标题内容");
  EXPECT_EQ(parts.headline, "标题内容");
  EXPECT_EQ(parts.site, "某某网");
  EXPECT_EQ(text::split_title("没有分隔符的标题").lead, "没有分隔符的标题");
  EXPECT_EQ(text::split_title("_某某网").lead, "_某某网") << "an empty lead keeps the whole title";
}

}  // namespace
}  // namespace clearpage
