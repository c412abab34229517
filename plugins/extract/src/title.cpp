#include "clearpage/extract/title.hpp"

#include <cctype>
#include <vector>

#include "clearpage/extract/fields.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

namespace {

// The length of a dash, bullet or dot at `i` that a space follows: " – ", " — ", " • ",
// " · ". 0 when there is none.
std::size_t spaced_mark(std::string_view s, std::size_t i) {
  for (std::string_view mark : {"–", "—", "•", "·"}) {
    if (s.compare(i, mark.size(), mark) == 0 && i + mark.size() < s.size() &&
        s[i + mark.size()] == ' ')
      return mark.size();
  }
  return 0;
}

struct Segment {
  std::size_t begin;
  std::size_t end;
};

// Byte ranges of the title's separators: "|", "｜", "——", "--", "__", a spaced "-" or "_",
// and a "-" or "_" touching non-ASCII text ("标题_栏目"; a bare one inside Latin words, as in
// COVID-19 or ngx_http_core_module, is not one), and
// a spaced en or em dash, bullet or middle dot (" — ", " • ", " · "). The one list both
// splitters use.
std::vector<Segment> separators(std::string_view s) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (s.compare(i, 6, "——") == 0) {
      out.push_back({i, i + 6});
      i += 6;
    } else if (i > 0 && s[i - 1] == ' ' && spaced_mark(s, i) > 0) {
      out.push_back({i, i + spaced_mark(s, i)});
      i += spaced_mark(s, i);
    } else if (s.compare(i, 3, "｜") == 0) {
      out.push_back({i, i + 3});
      i += 3;
    } else if (b == '|') {
      std::size_t j = i;
      while (j < s.size() && s[j] == s[i]) ++j;
      out.push_back({i, j});
      i = j;
    } else if (b == '-' || b == '_') {
      std::size_t j = i;
      while (j < s.size() && s[j] == s[i]) ++j;
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

// The title without its trailing site and channel names (TitleParts::headline).
std::string headline_of(std::string_view title_in, std::string_view site_name) {
  std::string title = normalize_whitespace(title_in);
  // The name the page gives its site (og:site_name) is cut whatever its length.
  const std::string site = normalize_whitespace(site_name);
  if (!site.empty()) {
    const auto seps = separators(title);
    if (!seps.empty() && trim(std::string_view(title).substr(seps.back().end)) == site) {
      const std::string head = trim(std::string_view(title).substr(0, seps.back().begin));
      if (!head.empty()) title = head;
    }
  }
  for (int round = 0; round < 4; ++round) {
    const auto seps = separators(title);
    if (seps.empty()) break;
    const Segment last = seps.back();
    const std::string head = trim(std::string_view(title).substr(0, last.begin));
    const std::string tail = trim(std::string_view(title).substr(last.end));
    const std::size_t head_chars = count_code_points(head);
    const std::size_t tail_chars = count_code_points(tail);
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

}  // namespace

TitleParts split_title(std::string_view title, std::string_view site_name) {
  const std::string whole = trim_spaces(title);
  const std::vector<Segment> seps = separators(whole);
  TitleParts parts;
  parts.headline = headline_of(title, site_name);
  if (seps.empty()) {
    parts.lead = whole;
    return parts;
  }
  parts.lead = trim_spaces(std::string_view(whole).substr(0, seps.front().begin));
  parts.site = trim_spaces(std::string_view(whole).substr(seps.back().end));
  if (parts.lead.empty()) parts.lead = whole;
  return parts;
}

}  // namespace clearpage::text
