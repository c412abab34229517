// Labelled fields and chrome lines on Chinese article pages ("来源：新华社", "责任编辑：张三",
// "当前位置：首页 > 新闻"), shared by the site plugins.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Splits a <title> such as "标题_栏目_站名" or "标题 - 站名" into the headline
// (first part) and the site (last part); `site` is empty when there is no separator.
struct TitleParts {
  std::string headline;
  std::string site;
};
TitleParts split_title(std::string_view title);

// Why a line is page chrome rather than article text, or "" when it looks like text.
// Rules: "breadcrumb" (当前位置/您的位置/首页 > ...), "footer" (主办单位, 网站标识码, ICP备,
// 公网安备, 版权所有, 技术支持), "toolbar" (字号/字体 大中小, 打印, 关闭窗口, 收藏),
// "pagination" (a short line with 上一页/下一页), "prev_next" (上一篇：…, 下一篇：…),
// "share" (分享到, 点击右上角…分享, 关注公众号), "disclaimer" (未经授权不得转载, 不代表本站观点,
// 仅提供信息存储服务), "repost_header" (原标题：, 来源：微信公众号), "editor_line" (责任编辑：…,
// [责编：…], （编辑：…）, or an editor label without a value; a short line), "meta_line" (a
// short line with two or more of 发布日期/来源/作者/浏览次数 labels, or a date and one label).
std::string chrome_line_rule(std::string_view line);

// The owner named after "版权所有" in a footer ("版权所有：© 2001-2012 中国地理学会",
// "版权所有 某某医院"), without the ©, years and punctuation before it; "" when none.
std::string copyright_owner(std::string_view text);

// text::trim (normalize.hpp) under the name the field helpers have always used.
std::string trim_spaces(std::string_view text);

}  // namespace clearpage::text
