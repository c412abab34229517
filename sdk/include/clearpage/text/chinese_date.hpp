// Chinese and ISO date parsing into ISO 8601.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace clearpage::text {

struct DateMatch {
  std::string iso;        // "2021-09-13" or "2021-09-13T14:57:00+08:00"
  std::size_t begin = 0;  // byte offsets of the match in the input
  std::size_t end = 0;
  bool has_time = false;
};

// Finds the first plausible date (year 1900..2100) in the text. Understands
// 2021年9月13日, 2021-09-13, 2021/9/13, 2021.09.13, optional HH:MM[:SS] after them,
// full-width digits, Chinese numerals (二〇二一年九月十三日) and ISO 8601 with a zone.
// A time without a zone is taken as China time (+08:00).
std::optional<DateMatch> find_date(std::string_view text);

// The whole text must be one date, surrounding spaces aside.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace clearpage::text
