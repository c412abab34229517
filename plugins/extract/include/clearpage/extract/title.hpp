// Titles: the site name a <title> carries after its headline.
#pragma once

#include <string>
#include <string_view>

namespace clearpage::text {

// A <title> such as "标题_栏目_站名" or "标题 - 站名", split once at its separators ("--",
// "__", "|", "｜", "——", " - ", a "-" or "_" touching Chinese text, a spaced dash, bullet or
// dot).
struct TitleParts {
  std::string lead;      // the part before the first separator; the whole title when none
  std::string headline;  // the title without its trailing site and channel names
  std::string site;      // the part after the last separator; "" when none
};

// `headline` cuts the last part while it is short or names a site: "标题_光明网",
// "标题 - 新华网", "标题--文化--人民网" give "标题". With `site_name` (og:site_name), a last
// part equal to it goes whatever its length ("Guide | Penn State Lehigh Valley Continuing
// Education").
TitleParts split_title(std::string_view title, std::string_view site_name = {});

}  // namespace clearpage::text
