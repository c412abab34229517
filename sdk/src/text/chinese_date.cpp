#include "clearpage/text/chinese_date.hpp"

#include <cstdio>
#include <vector>

#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

namespace {

struct Char {
  char32_t cp;
  std::size_t offset;  // byte offset in the original text
};

// Full-width digits and colon fold to ASCII so one scanner handles both widths.
char32_t fold(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + '0';
  if (cp == 0xFF1A) return ':';
  if (cp == 0xFF0D) return '-';
  if (cp == 0xFF0F) return '/';
  if (cp == 0xFF0E) return '.';
  return cp;
}

int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'零':
    case U'○':
    case U'O':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

bool is_digit(char32_t cp) {
  return cp >= '0' && cp <= '9';
}

class Scanner {
 public:
  explicit Scanner(const std::vector<Char>& chars) : chars_(chars) {}

  char32_t at(std::size_t i) const { return i < chars_.size() ? chars_[i].cp : 0; }

  // ASCII digits: between min and max of them.
  bool digits(std::size_t& i, int min, int max, int& value) const {
    std::size_t j = i;
    value = 0;
    while (j < chars_.size() && is_digit(at(j)) && static_cast<int>(j - i) < max) {
      value = value * 10 + static_cast<int>(at(j) - '0');
      ++j;
    }
    const int n = static_cast<int>(j - i);
    if (n < min) return false;
    if (is_digit(at(j))) return false;  // longer number: not this field
    i = j;
    return true;
  }

  // 二〇二一 style years: four digit characters.
  bool chinese_year(std::size_t& i, int& value) const {
    value = 0;
    for (int k = 0; k < 4; ++k) {
      const int d = chinese_digit(at(i + static_cast<std::size_t>(k)));
      if (d < 0) return false;
      value = value * 10 + d;
    }
    i += 4;
    return true;
  }

  // 九, 十, 十三, 二十, 三十一.
  bool chinese_small(std::size_t& i, int& value) const {
    std::size_t j = i;
    int tens = 0;
    int units = 0;
    const int first = chinese_digit(at(j));
    if (at(j) == U'十') {
      tens = 1;
      ++j;
    } else if (first > 0 && at(j + 1) == U'十') {
      tens = first;
      j += 2;
    } else if (first > 0) {
      value = first;
      i = j + 1;
      return true;
    } else {
      return false;
    }
    const int unit = chinese_digit(at(j));
    if (unit > 0) {
      units = unit;
      ++j;
    }
    value = tens * 10 + units;
    i = j;
    return true;
  }

  bool number(std::size_t& i, int min, int max, int& value) const {
    if (is_digit(at(i))) return digits(i, min, max, value);
    return chinese_small(i, value);
  }

 private:
  const std::vector<Char>& chars_;
};

bool valid_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

void skip_spaces(const Scanner& s, std::size_t& i) {
  while (is_space(s.at(i))) ++i;
}

// HH:MM[:SS] or HH时MM分[SS秒] / HH点MM分; fills h, m, sec.
bool parse_time(const Scanner& s, std::size_t& i, int& h, int& m, int& sec) {
  std::size_t j = i;
  if (!s.digits(j, 1, 2, h) || h > 23) return false;
  const char32_t sep = s.at(j);
  const bool chinese = sep == U'时' || sep == U'点' || sep == U'時' || sep == U'點';
  if (sep != ':' && !chinese) return false;
  ++j;
  if (!s.digits(j, 2, 2, m) || m > 59) {
    if (!chinese || !s.digits(j, 1, 2, m) || m > 59) return false;
  }
  sec = 0;
  if (chinese) {
    if (s.at(j) == U'分') ++j;
    std::size_t k = j;
    int value = 0;
    if (s.digits(k, 1, 2, value) && s.at(k) == U'秒' && value <= 59) {
      sec = value;
      j = k + 1;
    }
  } else if (s.at(j) == ':') {
    std::size_t k = j + 1;
    int value = 0;
    if (s.digits(k, 2, 2, value) && value <= 59) {
      sec = value;
      j = k;
      if (s.at(j) == '.') {  // fractional seconds
        ++j;
        while (is_digit(s.at(j))) ++j;
      }
    }
  }
  i = j;
  return true;
}

// Z, +08:00, +0800 after an ISO time.
std::string parse_zone(const Scanner& s, std::size_t& i) {
  if (s.at(i) == 'Z') {
    ++i;
    return "+00:00";
  }
  if (s.at(i) != '+' && s.at(i) != '-') return "";
  std::size_t j = i + 1;
  const auto two_digits = [&](std::size_t& k, int& value) {
    if (!is_digit(s.at(k)) || !is_digit(s.at(k + 1))) return false;
    value = static_cast<int>((s.at(k) - '0') * 10 + (s.at(k + 1) - '0'));
    k += 2;
    return true;
  };
  int hh = 0;
  int mm = 0;
  if (!two_digits(j, hh)) return "";
  if (s.at(j) == ':') ++j;
  if (!two_digits(j, mm) || is_digit(s.at(j)) || hh > 14 || mm > 59) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", static_cast<char>(s.at(i)), hh, mm);
  i = j;
  return buf;
}

std::optional<DateMatch> try_at(const Scanner& s, const std::vector<Char>& chars, std::size_t start,
                                std::size_t text_size) {
  std::size_t i = start;
  int year = 0;
  if (is_digit(s.at(i))) {
    if (start > 0 && is_digit(s.at(start - 1))) return std::nullopt;
    if (!s.digits(i, 4, 4, year)) return std::nullopt;
  } else if (!s.chinese_year(i, year)) {
    return std::nullopt;
  }
  const char32_t sep = s.at(i);
  const bool chinese = sep == U'年';
  if (!chinese && sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++i;
  skip_spaces(s, i);
  int month = 0;
  if (!s.number(i, 1, 2, month)) return std::nullopt;
  if (chinese) {
    if (s.at(i) != U'月') return std::nullopt;
  } else if (s.at(i) != sep) {
    return std::nullopt;
  }
  ++i;
  skip_spaces(s, i);
  int day = 0;
  if (!s.number(i, 1, 2, day)) return std::nullopt;
  if (chinese && (s.at(i) == U'日' || s.at(i) == U'号' || s.at(i) == U'號')) ++i;
  if (!valid_date(year, month, day)) return std::nullopt;

  DateMatch match;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  match.iso = buf;
  std::size_t end = i;

  std::size_t j = i;
  if (s.at(j) == 'T') {
    ++j;
  } else {
    skip_spaces(s, j);
  }
  int h = 0;
  int m = 0;
  int sec = 0;
  if (parse_time(s, j, h, m, sec)) {
    std::string zone = parse_zone(s, j);
    if (zone.empty()) zone = "+08:00";
    std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", h, m, sec);
    match.iso += buf + zone;
    match.has_time = true;
    end = j;
  }
  match.begin = chars[start].offset;
  match.end = end < chars.size() ? chars[end].offset : text_size;
  return match;
}

std::vector<Char> to_chars(std::string_view text) {
  std::vector<Char> chars;
  chars.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t offset = pos;
    chars.push_back({fold(next_code_point(text, pos)), offset});
  }
  return chars;
}

}  // namespace

std::optional<DateMatch> find_date(std::string_view text) {
  const std::vector<Char> chars = to_chars(text);
  const Scanner scanner(chars);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char32_t cp = chars[i].cp;
    if (cp != '1' && cp != '2' && chinese_digit(cp) < 0) continue;
    if (auto match = try_at(scanner, chars, i, text.size())) return match;
  }
  return std::nullopt;
}

std::optional<std::string> parse_date(std::string_view text) {
  const std::vector<Char> chars = to_chars(text);
  const Scanner scanner(chars);
  std::size_t first = 0;
  while (first < chars.size() && is_space(chars[first].cp)) ++first;
  if (first == chars.size()) return std::nullopt;
  auto match = try_at(scanner, chars, first, text.size());
  if (!match) return std::nullopt;
  for (std::size_t pos = match->end; pos < text.size();) {
    if (!is_space(next_code_point(text, pos))) return std::nullopt;
  }
  return match->iso;
}

}  // namespace clearpage::text
