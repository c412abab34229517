// The page field helpers of fields.hpp: the copyright owner, and the label functions it
// offers its callers through labels.hpp.
#include <gtest/gtest.h>

#include "clearpage/extract/fields.hpp"

namespace clearpage::text {
namespace {

TEST(Fields, LabelledValueThroughFieldsHeader) {
  EXPECT_EQ(labelled_value("发布时间：2024-05-13 来源：新华社 作者：张三", {"来源", "稿源"}),
            "新华社");
  EXPECT_EQ(labelled_value("责任编辑：张三 编辑：李四", {"责任编辑", "责编", "编辑"}, true),
            "张三");
  EXPECT_EQ(labelled_value("图片来源：视觉中国", {"来源"}), std::nullopt);
  EXPECT_TRUE(names_other_field("图片来源：视觉中国", 6));
  EXPECT_TRUE(names_other_field("照片编辑：王五", 6));
  EXPECT_FALSE(names_other_field("责任编辑：王五", 6));
}

TEST(Fields, CopyrightOwner) {
  EXPECT_EQ(copyright_owner("版权所有：© 2001-2012 中国地理学会"), "中国地理学会");
  EXPECT_EQ(copyright_owner("版权所有 某某医院 地址：某路1号"), "某某医院");
  EXPECT_EQ(copyright_owner("版权所有 Copyright"), "");
  EXPECT_EQ(trim_spaces("  来源  "), "来源");
}

}  // namespace
}  // namespace clearpage::text
