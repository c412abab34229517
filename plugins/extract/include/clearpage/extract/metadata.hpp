// Page metadata from HTML: meta tags, JSON-LD, WeChat script variables, visible
// 发布时间/来源/责任编辑 lines and the URL.
#pragma once

#include <string>
#include <string_view>

#include "clearpage/document.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::html {

// Fills the empty fields of `meta`; each field set records found_by = "<plugin>:<rule>".
// `url` is the page URL when known (for dates in the path).
void extract_metadata(const HtmlDom& dom, std::string_view url, Metadata& meta,
                      std::string_view plugin = "html");

// Cuts a trailing site name: "标题_光明网", "标题 - 新华网", "标题--文化--人民网" give "标题".
std::string strip_site_suffix(std::string_view title);

// A date in a URL path (/2021-09/13/, /20210913/, /2021/09/13/), as YYYY-MM-DD, or "".
std::string date_from_url(std::string_view url);

}  // namespace clearpage::html
