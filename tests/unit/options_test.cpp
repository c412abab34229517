#include <gtest/gtest.h>

#include "clearpage/options.hpp"

namespace clearpage {
namespace {

TEST(Options, DefaultsAndTypedAccess) {
  const std::vector<OptionSpec> specs = {
      {"name", OptionType::kString, std::string("x"), "", false},
      {"count", OptionType::kInteger, std::int64_t{3}, "", false},
      {"ratio", OptionType::kFloat, 0.5, "", false},
      {"on", OptionType::kBoolean, true, "", false},
      {"list", OptionType::kStringList, std::vector<std::string>{"a"}, "", false},
  };
  const Options options = default_options(specs);
  EXPECT_EQ(options.get_string("name"), "x");
  EXPECT_EQ(options.get_int("count"), 3);
  EXPECT_DOUBLE_EQ(options.get_float("ratio"), 0.5);
  EXPECT_TRUE(options.get_bool("on"));
  EXPECT_EQ(options.get_list("list"), std::vector<std::string>{"a"});
  EXPECT_THROW(options.get_int("name"), std::invalid_argument);
  EXPECT_THROW(options.get_string("missing"), std::out_of_range);
}

TEST(Options, DescribeValue) {
  EXPECT_EQ(describe_value(OptionValue(std::string("a"))), "\"a\"");
  EXPECT_EQ(describe_value(OptionValue(std::int64_t{7})), "7");
  EXPECT_EQ(describe_value(OptionValue(false)), "false");
  EXPECT_EQ(describe_value(OptionValue(std::vector<std::string>{"a", "b"})), "[\"a\", \"b\"]");
}

}  // namespace
}  // namespace clearpage
