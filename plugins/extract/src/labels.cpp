#include "clearpage/extract/labels.hpp"

#include <algorithm>
#include <cctype>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {
namespace {

using namespace label_flags;

constexpr unsigned P = kOnPages;
constexpr unsigned D = kInDumps;
constexpr unsigned B = kInBylines;
constexpr unsigned S = kSpacesInValue;
constexpr unsigned C = kColonOptional;
constexpr unsigned E = kEndsValue;

// Pages read the simplified forms; dumps, crawled from sites in both scripts, read both.
// The order of a field's page words is the order a page's date labels are tried in.
const std::vector<LabelWord> kTable = {
    {"发布日期", LabelField::kPublished, P | D},
    {"发布时间", LabelField::kPublished, P | D},
    {"發布日期", LabelField::kPublished, D},
    {"發布時間", LabelField::kPublished, D},
    {"發佈日期", LabelField::kPublished, D},
    {"發佈時間", LabelField::kPublished, D},
    {"发表时间", LabelField::kPublished, P | D},
    {"發表時間", LabelField::kPublished, D},
    {"发稿时间", LabelField::kPublished, D},
    {"发表日期", LabelField::kPublished, D},
    {"更新时间", LabelField::kUpdated, P | D},
    {"更新時間", LabelField::kUpdated, D},
    {"时间", LabelField::kDate, P | D},
    {"時間", LabelField::kDate, D},
    {"日期", LabelField::kDate, P | D},

    {"信息来源", LabelField::kSource, P | D},
    {"信息來源", LabelField::kSource, D},
    {"文章来源", LabelField::kSource, P | D},
    {"文章來源", LabelField::kSource, D},
    {"稿件来源", LabelField::kSource, D},
    {"稿件來源", LabelField::kSource, D},
    {"本文来源", LabelField::kSource, D},
    {"来源于", LabelField::kSource, P},
    {"来源", LabelField::kSource, P | D | B},
    {"來源", LabelField::kSource, D},
    {"稿源", LabelField::kSource, P},
    {"出处", LabelField::kSource, D},
    {"出處", LabelField::kSource, D},

    {"作者", LabelField::kAuthor, P | D | B | S},
    {"记者", LabelField::kAuthor, P | D | B | S | C},
    {"記者", LabelField::kAuthor, D | S | C},
    {"撰稿", LabelField::kAuthor, D | S},
    {"通讯员", LabelField::kCredit, P},
    {"摄影", LabelField::kCredit, P},
    {"审核", LabelField::kCredit, P},
    {"校对", LabelField::kCredit, P},

    {"责任编辑", LabelField::kEditor, P | D | B | S},
    {"責任編輯", LabelField::kEditor, D | S},
    {"值班编辑", LabelField::kEditor, D | S},
    {"本期编辑", LabelField::kEditor, D | S},
    {"责编", LabelField::kEditor, P | D | B | S},
    {"責編", LabelField::kEditor, D | S},
    {"编辑", LabelField::kEditor, P | D | B | S},
    {"編輯", LabelField::kEditor, D | S},

    {"关键词", LabelField::kKeywords, P | D | S},
    {"關鍵詞", LabelField::kKeywords, D | S},
    {"关键字", LabelField::kKeywords, P | D | S},
    {"關鍵字", LabelField::kKeywords, D | S},
    {"标签", LabelField::kTags, P | D},
    {"標籤", LabelField::kTags, D},
    {"所属分类", LabelField::kCategory, P},
    {"分类", LabelField::kCategory, P},

    {"浏览次数", LabelField::kCount, P | D | E},
    {"瀏覽次數", LabelField::kCount, D},
    {"浏览量", LabelField::kCount, D},
    {"瀏覽量", LabelField::kCount, D},
    {"浏览", LabelField::kCount, P},
    {"阅读次数", LabelField::kCount, E},
    {"阅读量", LabelField::kCount, D},
    {"閱讀量", LabelField::kCount, D},
    {"阅读", LabelField::kCount, P | D},
    {"閱讀", LabelField::kCount, D},
    {"点击数", LabelField::kCount, D | E},
    {"點擊數", LabelField::kCount, D},
    {"点击", LabelField::kCount, P | D},
    {"點擊", LabelField::kCount, D},
    {"访问量", LabelField::kCount, P | D},
    {"字号", LabelField::kWidget, P | D | E},
    {"字號", LabelField::kWidget, D},
};

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

// Whether a word may start at `i`: not right after a Han character or an ASCII letter.
bool word_start_at(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  const unsigned char c = static_cast<unsigned char>(s[i - 1]);
  if (c < 0x80) return !std::isalpha(c);
  std::size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  std::size_t pos = start;
  return !is_han(next_code_point(s, pos));
}

// Toolbar text that ends a page value: it is no label word.
constexpr std::string_view kPageWidgets[] = {"【打印】", "[打印]", "打印本页", "分享到",
                                             "【关闭】", "[关闭]", "关闭窗口"};

const std::vector<std::string_view>& value_ending_words() {
  static const std::vector<std::string_view> words = [] {
    std::vector<std::string_view> out;
    for (const LabelWord& w : kTable) {
      if (w.flags & kEndsValue) out.push_back(w.word);
    }
    out.insert(out.end(), std::begin(kPageWidgets), std::end(kPageWidgets));
    return out;
  }();
  return words;
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

bool at_page_stop(std::string_view s, std::size_t pos) {
  const std::string_view rest = s.substr(pos);
  for (std::string_view label : field_labels()) {
    if (starts_with(rest, label) && label_colon_end(s, pos + label.size()) != 0) return true;
  }
  for (std::string_view stop : value_ending_words()) {
    if (starts_with(rest, stop)) return true;
  }
  return false;
}

std::string strip_brackets(std::string_view value) {
  static const std::vector<std::string_view> open = {"[", "【", "（", "(", "〔", "<", "《"};
  static const std::vector<std::string_view> close = {"]", "】", "）", ")", "〕", ">", "》"};
  std::string out = trim(value);
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
        out = trim(std::string_view(out).substr(open[i].size()));
        changed = true;
      } else if (has_close && !contains(out, open[i])) {
        out = trim(std::string_view(out).substr(0, out.size() - close[i].size()));
        changed = true;
      }
    }
  }
  return out;
}

// The page value of a hit (see labelled_value).
std::string page_value(std::string_view text, const LabelHit& hit) {
  const bool allow_spaces = hit.flags & kSpacesInValue;
  const std::size_t value_begin = skip_spaces(text, hit.value_begin);
  std::size_t cursor = value_begin;
  std::size_t value_end = value_begin;
  bool last_space = false;
  while (cursor < text.size()) {
    if (at_page_stop(text, cursor)) break;
    std::size_t next = cursor;
    const char32_t c = next_code_point(text, next);
    if (c == '|' || c == U'丨' || c == U'｜' || c == '\n' || c == '\r') break;
    // A closing bracket ends "[ 责编：李澍 ]"; values rarely hold one of their own.
    if (c == ']' || c == U'】' || c == U'）' || c == ')' || c == U'〕') break;
    // "来源：人民日报2024-05-13": a date glued to the value ends it.
    if (c >= '0' && c <= '9' && cursor > value_begin && starts_year_date(text.substr(cursor))) {
      break;
    }
    const bool space = is_space(c);
    // Names joined by single spaces ("李津 张越") are short; a long run is the next field.
    if (space && (last_space || !allow_spaces || !short_token_follows(text, next))) break;
    last_space = space;
    cursor = next;
    value_end = cursor;
  }
  return strip_brackets(text.substr(value_begin, value_end - value_begin));
}

std::vector<LabelWord> sorted_longest_first(std::vector<LabelWord> words) {
  std::stable_sort(words.begin(), words.end(), [](const LabelWord& a, const LabelWord& b) {
    return a.word.size() > b.word.size();
  });
  return words;
}

}  // namespace

const std::vector<LabelWord>& label_table() {
  return kTable;
}

std::vector<LabelWord> label_words(unsigned flags) {
  std::vector<LabelWord> out;
  for (const LabelWord& w : kTable) {
    if ((w.flags & flags) == flags) out.push_back(w);
  }
  return sorted_longest_first(std::move(out));
}

std::vector<LabelWord> label_words(unsigned flags, LabelField field) {
  std::vector<LabelWord> out;
  for (const LabelWord& w : kTable) {
    if ((w.flags & flags) == flags && w.field == field) out.push_back(w);
  }
  return sorted_longest_first(std::move(out));
}

std::size_t label_colon_end(std::string_view s, std::size_t pos, ColonSpaces spaces) {
  if (spaces == ColonSpaces::kAny) {
    pos = skip_spaces(s, pos);
  } else if (spaces == ColonSpaces::kAscii) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
  }
  if (starts_with(s.substr(pos), "：")) return pos + 3;
  if (pos < s.size() && s[pos] == ':') return pos + 1;
  return 0;
}

bool starts_year_date(std::string_view s) {
  if (s.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return s[4] == '-' || s[4] == '/' || s[4] == '.' || starts_with(s.substr(4), "年");
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

const std::vector<std::string_view>& field_labels() {
  static const std::vector<std::string_view> labels = [] {
    std::vector<std::string_view> out;
    for (const LabelWord& w : kTable) {
      if (w.flags & kOnPages) out.push_back(w.word);
    }
    return out;
  }();
  return labels;
}

void scan_labels(std::string_view text, const std::vector<LabelWord>& words, const LabelScan& scan,
                 const std::function<bool(const LabelHit&)>& visit) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t resume = 0;
    for (const LabelWord& w : words) {
      if (!starts_with(text.substr(pos), w.word) || names_other_field(text, pos)) continue;
      if (scan.word_start && !word_start_at(text, pos)) continue;
      const std::size_t label_end = pos + w.word.size();
      const std::size_t colon = label_colon_end(text, label_end, scan.spaces);
      const bool bare =
          colon == 0 && scan.bare && (w.flags & kColonOptional) && label_end < text.size();
      if (colon == 0 && !bare) continue;
      const std::size_t value_begin = colon != 0 ? colon : label_end;
      const LabelHit hit{
          w.field, w.word, w.flags, pos, value_begin, colon != 0, text.substr(value_begin)};
      if (!visit(hit)) return;
      if (scan.disjoint) {
        resume = value_begin;
        break;
      }
    }
    if (resume > pos) {
      pos = resume;
      continue;
    }
    next_code_point(text, pos);
  }
}

std::vector<LabelHit> find_labels(std::string_view text, const std::vector<LabelWord>& words,
                                  const LabelScan& scan) {
  std::vector<LabelHit> hits;
  scan_labels(text, words, scan, [&](const LabelHit& hit) {
    if (!hits.empty()) {
      LabelHit& last = hits.back();
      const std::size_t end = std::max(hit.begin, last.value_begin);
      last.value = text.substr(last.value_begin, end - last.value_begin);
    }
    hits.push_back(hit);
    return true;
  });
  return hits;
}

std::optional<std::string> labelled_table_value(std::string_view text,
                                                const std::vector<LabelWord>& words) {
  std::optional<std::string> found;
  scan_labels(text, words, LabelScan{}, [&](const LabelHit& hit) {
    std::string value = page_value(text, hit);
    if (value.empty()) return true;
    found = std::move(value);
    return false;
  });
  return found;
}

std::optional<std::string> labelled_value(std::string_view text,
                                          const std::vector<std::string_view>& labels,
                                          bool allow_spaces) {
  std::vector<LabelWord> words;
  words.reserve(labels.size());
  for (std::string_view label : labels) {
    // The field goes unread: the value is all a caller asks for.
    words.push_back({label, LabelField::kSource, allow_spaces ? kSpacesInValue : 0u});
  }
  return labelled_table_value(text, words);
}

std::string byline_value(std::string_view line, std::size_t pos) {
  std::string_view rest = line.substr(pos);
  for (std::string_view colon : {"：", ":"}) {
    if (rest.substr(0, colon.size()) == colon) {
      rest.remove_prefix(colon.size());
      break;
    }
  }
  std::string value = trim(rest);
  std::size_t end = value.size();
  // The heads of the label words that follow a byline's value on the same line.
  for (std::string_view stop : {" ", "|", "｜", "　", "】", "）", ")", "发布", "作者", "来源",
                                "编辑", "责任", "时间", "日期", "浏览", "点击", "字号"}) {
    const std::size_t at = value.find(stop);
    if (at != std::string::npos && at > 0 && at < end) end = at;
  }
  value = trim(std::string_view(value).substr(0, end));
  if (count_code_points(value) > 30) return "";
  return value;
}

std::string_view dump_value(std::string_view value) {
  for (std::string_view stop : {"字号", "字號", "【", "|", "丨", "打印", "分享", "  "}) {
    const std::size_t at = value.find(stop);
    if (at != std::string_view::npos) value = value.substr(0, at);
  }
  return value;
}

}  // namespace clearpage::text
