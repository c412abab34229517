#include <gtest/gtest.h>

#include "clearpage/text/chinese_date.hpp"

namespace clearpage::text {
namespace {

TEST(ChineseDate, ParsesCommonForms) {
  EXPECT_EQ(parse_date("2021-09-13"), "2021-09-13");
  EXPECT_EQ(parse_date("2021年9月13日"), "2021-09-13");
  EXPECT_EQ(parse_date("2021/9/3"), "2021-09-03");
  EXPECT_EQ(parse_date("2021.09.13"), "2021-09-13");
  EXPECT_EQ(parse_date("2021-09-13 14:57"), "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(parse_date("2021年09月13日 14:57:08"), "2021-09-13T14:57:08+08:00");
  EXPECT_EQ(parse_date("２０２１年９月１３日"), "2021-09-13");
  EXPECT_EQ(parse_date("二〇二一年九月十三日"), "2021-09-13");
  EXPECT_EQ(parse_date("二〇二一年十二月三十一日"), "2021-12-31");
  EXPECT_EQ(parse_date("2020-02-21T09:00:00Z"), "2020-02-21T09:00:00+00:00");
  EXPECT_EQ(parse_date("2020-02-21T09:00:00+0800"), "2020-02-21T09:00:00+08:00");
  EXPECT_EQ(parse_date("2021年9月13日 14时57分"), "2021-09-13T14:57:00+08:00");
}

TEST(ChineseDate, RejectsNonDates) {
  EXPECT_FALSE(parse_date("2021-13-01"));
  EXPECT_FALSE(parse_date("2021-02-30"));
  EXPECT_FALSE(parse_date("1850-01-01"));
  EXPECT_FALSE(parse_date("11月6日"));
  EXPECT_FALSE(parse_date("电话 12345-6789"));
  EXPECT_FALSE(parse_date("2021-09-13 附件"));
  EXPECT_FALSE(parse_date(""));
}

TEST(ChineseDate, FindsDateInsideText) {
  const std::string line = "来源:光明网-党建频道2021-09-13 14:57";
  const auto match = find_date(line);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->iso, "2021-09-13T14:57:00+08:00");
  EXPECT_TRUE(match->has_time);
  EXPECT_EQ(line.substr(0, match->begin), "来源:光明网-党建频道");
  EXPECT_EQ(match->end, line.size());
  // Digits that belong to a longer number are not a year.
  EXPECT_FALSE(find_date("编号 120211-9-13"));
  const auto in_prose = find_date("2022年2月20日,四川第九屆茶葉開采活動周");
  ASSERT_TRUE(in_prose);
  EXPECT_EQ(in_prose->iso, "2022-02-20");
}

}  // namespace
}  // namespace clearpage::text
