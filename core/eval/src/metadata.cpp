#include "clearpage/eval/metadata.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "clearpage/text/utf8.hpp"

namespace clearpage::eval {

namespace {

bool is_fold_space(char32_t c) {
  return c == U'\n' || c == U'\r' || c == U'\t' || c == U'\v' || c == U'\f' || text::is_space(c) ||
         u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string fold_whitespace(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(input, pos);
    if (is_fold_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(input.substr(start, pos - start));
  }
  return out;
}

std::string date_part(std::string_view input) {
  const std::string folded = fold_whitespace(input);
  const bool iso_date = folded.size() >= 10 && folded[4] == '-' && folded[7] == '-' &&
                        is_ascii_digit(folded[0]) && is_ascii_digit(folded[1]) &&
                        is_ascii_digit(folded[2]) && is_ascii_digit(folded[3]) &&
                        is_ascii_digit(folded[5]) && is_ascii_digit(folded[6]) &&
                        is_ascii_digit(folded[8]) && is_ascii_digit(folded[9]);
  return iso_date ? folded.substr(0, 10) : folded;
}

std::string fold_case(std::string_view text) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.foldCase();
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

std::vector<std::string> normalize_field(const std::string& field,
                                         const std::vector<std::string>& raw) {
  std::vector<std::string> values;
  for (const auto& value : raw) {
    std::string folded = field == "published" ? date_part(value) : fold_whitespace(value);
    if (!folded.empty()) values.push_back(std::move(folded));
  }
  return values;
}

}  // namespace clearpage::eval
