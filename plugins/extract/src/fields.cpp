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

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](std::string_view p) { return contains(s, p); });
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](std::string_view p) { return starts_with(s, p); });
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
  return label_colon_end(s, pos);
}

bool starts_date(std::string_view s) {
  return starts_year_date(s);
}

// `s` after one opening bracket and the spaces around it ("（编辑：" gives "编辑："); `s`
// itself when it does not start with a bracket.
std::string_view after_open_bracket(std::string_view s) {
  for (std::string_view open : {"[", "【", "（", "(", "〔"}) {
    if (starts_with(s, open)) return s.substr(skip_spaces(s, open.size()));
  }
  return s;
}

}  // namespace

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

std::string chrome_line_rule(std::string_view line) {
  const std::string trimmed = trim_spaces(line);
  const std::string_view s = trimmed;
  if (s.empty()) return "";
  // Every rule below bounds the length by 200 or less: counting stops there.
  const std::size_t length = count_code_points_capped(s, 199);
  if (starts_with_any(s, {"当前位置", "您当前的位置", "您当前位置", "您的位置", "你的位置",
                          "您现在的位置", "你现在的位置", "所在位置", "现在位置"}) &&
      length < 120) {
    return "breadcrumb";
  }
  if (starts_with(s, "首页") && length < 80 && contains_any(s, {">", "»", "＞", "›", "→", "/"})) {
    return "breadcrumb";
  }
  if (length < 200 && contains_any(s, {"主办单位", "网站标识码", "ICP备", "ICP证", "公网安备",
                                       "版权所有", "技术支持：", "技术支持:", "承办单位：",
                                       "Copyright", "COPYRIGHT", "copyright", "©"})) {
    return "footer";
  }
  if (length < 80 &&
      (((contains(s, "字号") || contains(s, "字体")) && contains(s, "大") && contains(s, "小")) ||
       contains_any(s, {"【打印】", "[打印]", "打印本页", "打印此页", "关闭窗口", "【关闭】",
                        "[关闭]", "【收藏】", "加入收藏"}))) {
    return "toolbar";
  }
  if ((contains(s, "点击右上角") && contains(s, "分享")) ||
      (length < 40 && starts_with_any(s, {"分享到", "分享：", "分享:"}))) {
    return "share";
  }
  if (length < 40 && contains_any(s, {"下一页", "上一页", "下一頁", "上一頁"})) return "pagination";
  if (length < 100 &&
      starts_with_any(s, {"上一篇", "下一篇", "上一條", "下一條", "上一条", "下一条"})) {
    return "prev_next";
  }
  if (length < 40 && starts_with_any(s, {"关注公众号", "关注微信公众号", "扫码关注", "长按关注",
                                         "长按二维码关注", "长按识别二维码"})) {
    return "share";
  }
  if (length < 150 && ((contains(s, "转载") &&
                        contains_any(s, {"未经", "授权", "注明出处", "请注明", "禁止", "不得"})) ||
                       contains_any(s, {"仅提供信息存储", "不代表本站观点", "不代表本网观点",
                                        "不代表本平台观点"}))) {
    return "disclaimer";
  }
  if (starts_with_any(s, {"原标题：", "原标题:"}) ||
      (length < 80 && contains(s, "微信公众号") &&
       contains_any(s, {"来源", "转载自", "转自", "本文来自"}))) {
    return "repost_header";
  }
  int labels = 0;
  // Only the length-bounded rules below read `labels`: a paragraph skips the search.
  if (length < 120) {
    for (std::string_view label : field_labels()) {
      std::size_t at = s.find(label);
      // "信息来源" also contains "来源": count each position once.
      while (at != std::string_view::npos) {
        const std::size_t end = colon_end(s, at + label.size());
        if (end != 0) {
          ++labels;
          break;
        }
        at = s.find(label, at + label.size());
      }
    }
  }
  if (length < 40 && labelled_value(s, {"责任编辑", "责编"}, true)) return "editor_line";
  // A bracketed credit ("（编辑：小何）"), or an editor label left without its value.
  const std::string_view unbracketed = after_open_bracket(s);
  for (std::string_view label : {"责任编辑", "责编", "编辑", "审核", "校对"}) {
    if (length < 40 && starts_with(unbracketed, label) &&
        colon_end(unbracketed, label.size()) != 0 &&
        (unbracketed.size() < s.size() || !labelled_value(s, {label}, true))) {
      return "editor_line";
    }
  }
  if (length < 120 && labels >= 3) return "meta_line";
  // A dateline with a credit: "2005年8月25日（来源：上海证券报）".
  if (length < 60 && labels >= 1 && starts_date(s)) return "meta_line";
  if (length < 60 && labels >= 1 &&
      starts_with_any(s, {"发布日期", "发布时间", "来源", "信息来源", "文章来源", "作者", "编辑",
                          "时间：", "日期：", "关键词", "关键字", "责任编辑", "责编"}) &&
      labelled_value(s, field_labels())) {
    return "meta_line";
  }
  return "";
}

}  // namespace clearpage::text
