// The copyright owner of a Chinese page footer, shared by the site plugins. Labelled fields
// are read by labels.hpp; the chrome line rules are data (chrome_patterns.toml).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/extract/labels.hpp"
#include "clearpage/extract/title.hpp"

namespace clearpage::text {

// The owner named after "版权所有" in a footer ("版权所有：© 2001-2012 中国地理学会",
// "版权所有 某某医院"), without the ©, years and punctuation before it; "" when none.
std::string copyright_owner(std::string_view text);

// text::trim (normalize.hpp) under the name the field helpers have always used.
std::string trim_spaces(std::string_view text);

}  // namespace clearpage::text
