// The label words of Chinese labelled lines ("来源：新华社", "记者 张三", "責任編輯：李四") in
// one table, and the one scanner that finds them in a line. Pages, page metadata and crawled
// text dumps read different subsets of the table (LabelWord::flags) and cut values by their
// own rules, all of which live here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clearpage::text {

// What a label names.
enum class LabelField : std::uint8_t {
  kPublished,  // 发布日期, 发布时间
  kUpdated,    // 更新时间
  kDate,       // 时间, 日期: a date or a time, of something
  kSource,     // 来源, 稿源, 出处
  kAuthor,     // 作者, 记者, 撰稿
  kEditor,     // 责任编辑, 责编, 编辑
  kCredit,     // 通讯员, 摄影, 审核, 校对: a credit that is not the author
  kKeywords,   // 关键词, 关键字
  kTags,       // 标签
  kCategory,   // 分类
  kCount,      // 浏览次数, 点击: a counter widget
  kWidget,     // 字号
};

// LabelWord::flags.
namespace label_flags {
// "记者 张三": the value may follow the label without a colon (only scans that ask for it,
// LabelScan::bare, take it so).
inline constexpr unsigned kColonOptional = 1u << 0;
// Names joined by single spaces ("李津 张越") continue the value.
inline constexpr unsigned kSpacesInValue = 1u << 1;
// A field label of HTML pages: ends another label's value (field_labels()).
inline constexpr unsigned kOnPages = 1u << 2;
// Read on the metadata lines of crawled text dumps.
inline constexpr unsigned kInDumps = 1u << 3;
// Read on the short lines of a page for its source, author and editor.
inline constexpr unsigned kInBylines = 1u << 4;
// Ends a value on pages even without a colon after it ("来源：某报 浏览次数 12").
inline constexpr unsigned kEndsValue = 1u << 5;
}  // namespace label_flags

struct LabelWord {
  std::string_view word;
  LabelField field;
  unsigned flags;
};

// Every label word, simplified and traditional forms.
const std::vector<LabelWord>& label_table();

// The table's words that have every flag of `flags`, longest first, so that at one position
// 责任编辑 is tried before 编辑; with `field`, only the words naming it.
std::vector<LabelWord> label_words(unsigned flags);
std::vector<LabelWord> label_words(unsigned flags, LabelField field);

// Which spaces may stand between a label and its colon.
enum class ColonSpaces { kAny, kAscii, kNone };

struct LabelScan {
  ColonSpaces spaces = ColonSpaces::kAny;
  // A label right after a Han character or an ASCII letter is part of a word (新华社记者).
  bool word_start = false;
  // Words flagged kColonOptional count without a colon when anything follows them.
  bool bare = false;
  // After a hit, go on after its colon rather than at the next character: labels do not
  // overlap and 编辑 inside 责任编辑 is not found again.
  bool disjoint = false;
};

struct LabelHit {
  LabelField field;
  std::string_view label;
  unsigned flags;
  std::size_t begin;        // where the label starts in the line
  std::size_t value_begin;  // after the colon, or right after the label when it has none
  bool colon;
  // The raw text after the colon up to the next hit (find_labels) or the end of the line.
  std::string_view value;
};

// Calls `visit` on every label of `words` in `text` that is followed by a colon (full- or
// half-width), left to right; at one position the first word of `words` that matches wins.
// A label naming a picture's or a chart's credit (names_other_field) is no hit. Stops when
// `visit` returns false.
void scan_labels(std::string_view text, const std::vector<LabelWord>& words, const LabelScan& scan,
                 const std::function<bool(const LabelHit&)>& visit);

// All hits of scan_labels, each value running up to the next hit.
std::vector<LabelHit> find_labels(std::string_view text, const std::vector<LabelWord>& words,
                                  const LabelScan& scan);

// Whether the label at `label_at` in `text` is the tail of a label naming something other
// than the article ("图片来源：", "数据来源：", "图片编辑："): a picture's or a chart's credit.
bool names_other_field(std::string_view text, std::size_t label_at);

// The field labels a value stops at on pages (发布日期, 来源, 作者, 责任编辑, 浏览次数, 字号,
// ...): the kOnPages words.
const std::vector<std::string_view>& field_labels();

// The end of a colon at `pos` (after spaces), 0 when there is none.
std::size_t label_colon_end(std::string_view s, std::size_t pos,
                            ColonSpaces spaces = ColonSpaces::kAny);

// Four digits and a date separator: "2024-", "2024/", "2024.", "2024年".
bool starts_year_date(std::string_view s);

// ---- values, one rule per kind of text

// Pages: the value after the first of `labels` that is followed by a colon (spaces allowed
// around it) in `text`. The value runs up to the next field label, a "|" or "丨", a space (a
// run of two spaces with `allow_spaces`, for "李津 张越"), or the end, and loses surrounding
// brackets and spaces. Returns nullopt when no label is found or every found label's value
// is empty.
std::optional<std::string> labelled_value(std::string_view text,
                                          const std::vector<std::string_view>& labels,
                                          bool allow_spaces = false);
// The same for table words, each allowing spaces in its value by its kSpacesInValue flag.
std::optional<std::string> labelled_table_value(std::string_view text,
                                                const std::vector<LabelWord>& words);

// Page metadata lines: the value after a label ending at `pos` (its colon, when there is one,
// is skipped), up to the next gap or label word; "" when longer than 30 characters.
std::string byline_value(std::string_view line, std::size_t pos);

// Text dumps: `value` (a hit's raw value) cut at the widget text that follows values in
// dumps ("来源:常州宣传 字号 【大").
std::string_view dump_value(std::string_view value);

}  // namespace clearpage::text
