// Chrome lines on Chinese article pages ("当前位置：首页 > 新闻", "责任编辑：张三"), shared by
// the site plugins. The labelled fields themselves are read by labels.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/extract/labels.hpp"
#include "clearpage/extract/title.hpp"

namespace clearpage::text {

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
