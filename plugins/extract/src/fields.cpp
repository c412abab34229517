#include "clearpage/extract/fields.hpp"

#include <algorithm>
#include <cctype>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Skips spaces from `pos`; returns the new position.
std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!is_space(next_code_point(s, next))) break;
    pos = next;
  }
  return pos;
}

// Length of a colon at `pos` (after optional spaces), 0 when there is none.
std::size_t colon_end(std::string_view s, std::size_t pos) {
  pos = skip_spaces(s, pos);
  if (starts_with(s.substr(pos), "：")) return pos + 3;
  if (pos < s.size() && s[pos] == ':') return pos + 1;
  return 0;
}

// Words that end a value even without a colon after them.
const std::vector<std::string_view>& bare_stops() {
  static const std::vector<std::string_view> stops = {"浏览次数", "阅读次数", "点击数",   "字号",
                                                      "【打印】", "[打印]",   "打印本页", "分享到",
                                                      "【关闭】", "[关闭]",   "关闭窗口"};
  return stops;
}

// Four digits and a date separator: "2024-", "2024/", "2024.", "2024年".
bool starts_date(std::string_view s) {
  if (s.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return s[4] == '-' || s[4] == '/' || s[4] == '.' || starts_with(s.substr(4), "年");
}

// Whether the word at `pos` is name-sized (1-4 code points, no punctuation): names joined
// by spaces ("李津 张越") continue a value, a sentence does not.
bool short_token_follows(std::string_view s, std::size_t pos) {
  std::size_t count = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    const char32_t c = next_code_point(s, next);
    if (is_space(c) || c == ']' || c == U'】' || c == U'）' || c == ')' || c == U'〕') break;
    if (is_punctuation(c)) return false;
    if (++count > 4) return false;
    pos = next;
  }
  return count > 0;
}

bool at_stop(std::string_view s, std::size_t pos) {
  const std::string_view rest = s.substr(pos);
  for (std::string_view label : field_labels()) {
    if (starts_with(rest, label) && colon_end(s, pos + label.size()) != 0) return true;
  }
  for (std::string_view stop : bare_stops()) {
    if (starts_with(rest, stop)) return true;
  }
  return false;
}

std::string strip_brackets(std::string_view value) {
  static const std::vector<std::string_view> open = {"[", "【", "（", "(", "〔", "<", "《"};
  static const std::vector<std::string_view> close = {"]", "】", "）", ")", "〕", ">", "》"};
  std::string out = trim_spaces(value);
  bool changed = true;
  while (changed && !out.empty()) {
    changed = false;
    for (std::size_t i = 0; i < open.size(); ++i) {
      const bool has_open = starts_with(out, open[i]);
      const bool has_close =
          out.size() >= close[i].size() &&
          out.compare(out.size() - close[i].size(), close[i].size(), close[i]) == 0;
      // A bracket that wraps the whole value, or an unmatched one at either end.
      if (has_open && (has_close || !contains(std::string_view(out).substr(1), close[i]))) {
        out = trim_spaces(std::string_view(out).substr(open[i].size()));
        changed = true;
      } else if (has_close && !contains(out, open[i])) {
        out = trim_spaces(std::string_view(out).substr(0, out.size() - close[i].size()));
        changed = true;
      }
    }
  }
  return out;
}

}  // namespace

std::string trim_spaces(std::string_view text) {
  return trim(text);
}

const std::vector<std::string_view>& field_labels() {
  static const std::vector<std::string_view> labels = {
      "发布日期", "发布时间", "发表时间", "更新时间", "时间",     "日期",   "信息来源", "文章来源",
      "来源于",   "来源",     "稿源",     "作者",     "记者",     "通讯员", "摄影",     "责任编辑",
      "责编",     "编辑",     "审核",     "校对",     "浏览次数", "浏览",   "点击",     "阅读",
      "字号",     "所属分类", "分类",     "标签",     "关键词",   "关键字", "访问量"};
  return labels;
}

std::optional<std::string> labelled_value(std::string_view text,
                                          const std::vector<std::string_view>& labels,
                                          bool allow_spaces) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    for (std::string_view label : labels) {
      if (!starts_with(text.substr(pos), label) || names_other_field(text, pos)) continue;
      const std::size_t value_begin_raw = colon_end(text, pos + label.size());
      if (value_begin_raw == 0) continue;
      const std::size_t value_begin = skip_spaces(text, value_begin_raw);
      std::size_t cursor = value_begin;
      std::size_t value_end = value_begin;
      bool last_space = false;
      while (cursor < text.size()) {
        if (at_stop(text, cursor)) break;
        std::size_t next = cursor;
        const char32_t c = next_code_point(text, next);
        if (c == '|' || c == U'丨' || c == U'｜' || c == '\n' || c == '\r') break;
        // A closing bracket ends "[ 责编：李澍 ]"; values rarely hold one of their own.
        if (c == ']' || c == U'】' || c == U'）' || c == ')' || c == U'〕') break;
        // "来源：人民日报2024-05-13": a date glued to the value ends it.
        if (c >= '0' && c <= '9' && cursor > value_begin && starts_date(text.substr(cursor))) break;
        const bool space = is_space(c);
        // Names joined by single spaces ("李津 张越") are short; a long run is the next field.
        if (space && (last_space || !allow_spaces || !short_token_follows(text, next))) break;
        last_space = space;
        cursor = next;
        value_end = cursor;
      }
      std::string value = strip_brackets(text.substr(value_begin, value_end - value_begin));
      if (!value.empty()) return value;
    }
    std::size_t next = pos;
    next_code_point(text, next);
    pos = next;
  }
  return std::nullopt;
}

bool names_other_field(std::string_view text, std::size_t label_at) {
  const std::string_view before = text.substr(0, label_at);
  for (std::string_view qualifier : {"图片", "图", "照片", "数据", "资料", "视频", "素材"}) {
    if (before.size() >= qualifier.size() &&
        before.compare(before.size() - qualifier.size(), qualifier.size(), qualifier) == 0) {
      return true;
    }
  }
  return false;
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
