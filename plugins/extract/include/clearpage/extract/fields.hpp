// Labelled fields on Chinese article pages ("来源：新华社", "责任编辑：张三"), shared by the
// site plugins; the chrome line rules that read them are data (chrome_patterns.toml).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/extract/title.hpp"

namespace clearpage::text {

// The value after the first of `labels` that is followed by a colon (full- or half-width,
// spaces allowed around it) in `text`. The value runs up to the next known field label, a
// "|" or "丨", a space (a run of two spaces with `allow_spaces`, for "李津 张越"), or the
// end, and loses surrounding brackets and spaces. Returns nullopt when no label is found
// or every found label's value is empty.
std::optional<std::string> labelled_value(std::string_view text,
                                          const std::vector<std::string_view>& labels,
                                          bool allow_spaces = false);

// Whether the label at `label_at` in `text` is the tail of a label naming something other
// than the article ("图片来源：", "数据来源：", "图片编辑："): a picture's or a chart's credit.
bool names_other_field(std::string_view text, std::size_t label_at);

// The field labels a value stops at (发布日期, 来源, 作者, 责任编辑, 浏览次数, 字号, ...).
const std::vector<std::string_view>& field_labels();

// The owner named after "版权所有" in a footer ("版权所有：© 2001-2012 中国地理学会",
// "版权所有 某某医院"), without the ©, years and punctuation before it; "" when none.
std::string copyright_owner(std::string_view text);

// text::trim (normalize.hpp) under the name the field helpers have always used.
std::string trim_spaces(std::string_view text);

}  // namespace clearpage::text
