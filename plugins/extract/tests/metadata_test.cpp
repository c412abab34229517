// clearpage/extract/metadata.hpp: page metadata from a parsed page and its URL.
#include <gtest/gtest.h>

#include <string>

#include "clearpage/extract/metadata.hpp"

namespace clearpage {
namespace {

TEST(DateFromUrl, DatesInThePath) {
  EXPECT_EQ(html::date_from_url("http://www.gov.cn/xinwen/2021-09/13/content_5637.htm"),
            "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://news.cn/20210913/abc/c.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/2021/09/13/a.html"), "2021-09-13");
  EXPECT_EQ(html::date_from_url("http://x.cn/a/b.html"), "");
}

}  // namespace
}  // namespace clearpage
