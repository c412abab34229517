#include "clearpage/extract/title.hpp"

#include <cctype>
#include <vector>

#include "clearpage/extract/fields.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

TitleParts split_title(std::string_view title) {
  const std::string whole = trim_spaces(title);
  const std::string_view t = whole;
  static const std::vector<std::string_view> seps = {"__",  "_", "--", " - ",
                                                     " | ", "|", "｜", " – "};
  std::size_t first = std::string_view::npos;
  std::size_t last = std::string_view::npos;
  std::size_t last_len = 0;
  for (std::string_view sep : seps) {
    const std::size_t f = t.find(sep);
    if (f == std::string_view::npos) continue;
    if (first == std::string_view::npos || f < first) first = f;
    const std::size_t l = t.rfind(sep);
    // The separator that ends last wins, so "__" beats the "_" inside it.
    if (last == std::string_view::npos || l + sep.size() > last + last_len) {
      last = l;
      last_len = sep.size();
    }
  }
  // A bare "-" separates a short site name ("标题-新华网"), but not "1-10月".
  const std::size_t dash = t.rfind('-');
  if (first == std::string_view::npos && dash != std::string_view::npos && dash > 0 &&
      dash + 1 < t.size()) {
    const std::string_view tail = t.substr(dash + 1);
    const bool digit_around = std::isdigit(static_cast<unsigned char>(t[dash - 1])) ||
                              std::isdigit(static_cast<unsigned char>(t[dash + 1]));
    if (!digit_around && count_code_points(tail) <= 12 &&
        count_code_points(t.substr(0, dash)) >= 6) {
      first = last = dash;
      last_len = 1;
    }
  }
  TitleParts parts;
  if (first == std::string_view::npos) {
    parts.headline = whole;
    return parts;
  }
  parts.headline = trim_spaces(t.substr(0, first));
  parts.site = trim_spaces(t.substr(last + last_len));
  if (parts.headline.empty()) parts.headline = whole;
  return parts;
}

}  // namespace clearpage::text

namespace clearpage::html {

namespace {

struct Segment {
  std::size_t begin;
  std::size_t end;
};

// Byte ranges of the title's separators: "_", "--", "|", "｜", "——", " - " and a "-"
// touching non-ASCII text (a bare "-" inside Latin words such as COVID-19 is not one).
std::vector<Segment> separators(std::string_view s) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (s.compare(i, 6, "——") == 0) {
      out.push_back({i, i + 6});
      i += 6;
    } else if (s.compare(i, 3, "｜") == 0) {
      out.push_back({i, i + 3});
      i += 3;
    } else if (b == '_' || b == '|') {
      std::size_t j = i;
      while (j < s.size() && s[j] == s[i]) ++j;
      out.push_back({i, j});
      i = j;
    } else if (b == '-') {
      std::size_t j = i;
      while (j < s.size() && s[j] == '-') ++j;
      const bool spaced = (i > 0 && s[i - 1] == ' ') || (j < s.size() && s[j] == ' ');
      const bool cjk_near = (i > 0 && static_cast<unsigned char>(s[i - 1]) >= 0x80) ||
                            (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80);
      if (j - i >= 2 || spaced || cjk_near) out.push_back({i, j});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

bool site_like(std::string_view segment) {
  for (const char* marker : {"网", "频道", "新闻", "报", "首页", ".com", ".cn", "政府", "门户",
                             "官网", "中心", "在线", "资讯", "日报", "晚报", "电视台"}) {
    if (segment.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string strip_site_suffix(std::string_view title_in) {
  std::string title = text::normalize_whitespace(title_in);
  for (int round = 0; round < 4; ++round) {
    const auto seps = separators(title);
    if (seps.empty()) break;
    const Segment last = seps.back();
    const std::string head = text::trim(std::string_view(title).substr(0, last.begin));
    const std::string tail = text::trim(std::string_view(title).substr(last.end));
    const std::size_t head_chars = text::count_code_points(head);
    const std::size_t tail_chars = text::count_code_points(tail);
    if (head_chars < 4) break;
    // The first cut takes any short tail; later ones only names that look like sites or
    // channels, so that a title made of two clauses keeps both.
    const bool cut = round == 0 ? tail_chars <= 25 || site_like(tail)
                                : tail_chars <= 6 || (tail_chars <= 12 && site_like(tail));
    if (!cut) break;
    title = head;
  }
  return title;
}

}  // namespace clearpage::html
