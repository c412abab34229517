// Titles: the site name a <title> carries after its headline.
#pragma once

#include <string>
#include <string_view>

namespace clearpage::text {

// Splits a <title> such as "标题_栏目_站名" or "标题 - 站名" into the headline
// (first part) and the site (last part); `site` is empty when there is no separator.
// Both splitters cut at the same separators.
struct TitleParts {
  std::string headline;
  std::string site;
};
TitleParts split_title(std::string_view title);

}  // namespace clearpage::text

namespace clearpage::html {

// Cuts a trailing site name: "标题_光明网", "标题 - 新华网", "标题--文化--人民网" give "标题".
// With `site_name` (og:site_name), a last part equal to it goes whatever its length
// ("Guide | Penn State Lehigh Valley Continuing Education").
std::string strip_site_suffix(std::string_view title, std::string_view site_name = {});

}  // namespace clearpage::html
