#include "clearpage/extract/fields.hpp"

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

std::string trim_spaces(std::string_view text) {
  return trim(text);
}

std::string copyright_owner(std::string_view text) {
  std::size_t at = text.find("版权所有");
  while (at != std::string_view::npos) {
    std::size_t pos = at + std::string_view("版权所有").size();
    // Skip the colon, ©, years and separators up to the name.
    while (pos < text.size()) {
      std::size_t next = pos;
      const char32_t c = next_code_point(text, next);
      if (is_space(c) || c == ':' || c == U'：' || c == U'©' || c == '(' || c == ')' || c == '-' ||
          c == U'－' || (c >= '0' && c <= '9') || c == 'C' || c == 'c') {
        pos = next;
        continue;
      }
      break;
    }
    std::size_t end = pos;
    while (end < text.size()) {
      std::size_t next = end;
      const char32_t c = next_code_point(text, next);
      if (is_space(c) || is_punctuation(c)) break;
      end = next;
    }
    std::string owner(text.substr(pos, end - pos));
    std::size_t first = 0;
    // A Chinese organisation name, not "Copyright" or a URL.
    if (count_code_points(owner) >= 2 && is_han(next_code_point(owner, first))) return owner;
    at = text.find("版权所有", at + 1);
  }
  return "";
}

}  // namespace clearpage::text
