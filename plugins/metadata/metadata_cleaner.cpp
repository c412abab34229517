// Reads labelled metadata lines (发布日期, 来源, 作者, 责任编辑, 关键词 ...), source credits and
// the title out of a Document's blocks, fills empty fields and removes the consumed lines.
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/plugin.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"
#include "metadata_check.hpp"

namespace clearpage::plugins::metadata {

namespace {

constexpr const char* kPlugin = "metadata";
constexpr std::size_t kMaxMetaLineChars = 200;
constexpr std::size_t kMaxValueChars = 40;
constexpr std::size_t kMaxKeywordsChars = 120;
constexpr std::size_t kMaxTitleChars = 120;
// The header region ends at the first block longer than this.
constexpr std::size_t kLongParagraphChars = 60;

enum class Field { kPublished, kDateOnly, kSource, kAuthor, kEditor, kKeywords, kIgnore };

struct Label {
  std::string_view text;
  Field field;
};

// Longest first, so 责任编辑 wins over 编辑 at the same position.
std::vector<Label> make_labels() {
  std::vector<Label> labels = {
      {"发布日期", Field::kPublished}, {"发布时间", Field::kPublished},
      {"發布日期", Field::kPublished}, {"發布時間", Field::kPublished},
      {"發佈日期", Field::kPublished}, {"發佈時間", Field::kPublished},
      {"发表时间", Field::kPublished}, {"發表時間", Field::kPublished},
      {"发稿时间", Field::kPublished}, {"更新时间", Field::kPublished},
      {"更新時間", Field::kPublished}, {"发表日期", Field::kPublished},
      {"日期", Field::kDateOnly},      {"时间", Field::kDateOnly},
      {"時間", Field::kDateOnly},      {"来源", Field::kSource},
      {"來源", Field::kSource},        {"文章来源", Field::kSource},
      {"文章來源", Field::kSource},    {"信息来源", Field::kSource},
      {"信息來源", Field::kSource},    {"稿件来源", Field::kSource},
      {"稿件來源", Field::kSource},    {"本文来源", Field::kSource},
      {"出处", Field::kSource},        {"出處", Field::kSource},
      {"作者", Field::kAuthor},        {"记者", Field::kAuthor},
      {"記者", Field::kAuthor},        {"撰稿", Field::kAuthor},
      {"责任编辑", Field::kEditor},    {"責任編輯", Field::kEditor},
      {"编辑", Field::kEditor},        {"編輯", Field::kEditor},
      {"责编", Field::kEditor},        {"責編", Field::kEditor},
      {"值班编辑", Field::kEditor},    {"本期编辑", Field::kEditor},
      {"关键词", Field::kKeywords},    {"關鍵詞", Field::kKeywords},
      {"关键字", Field::kKeywords},    {"關鍵字", Field::kKeywords},
      {"标签", Field::kKeywords},      {"標籤", Field::kKeywords},
      {"浏览次数", Field::kIgnore},    {"瀏覽次數", Field::kIgnore},
      {"浏览量", Field::kIgnore},      {"瀏覽量", Field::kIgnore},
      {"阅读量", Field::kIgnore},      {"閱讀量", Field::kIgnore},
      {"阅读", Field::kIgnore},        {"閱讀", Field::kIgnore},
      {"点击数", Field::kIgnore},      {"點擊數", Field::kIgnore},
      {"点击", Field::kIgnore},        {"點擊", Field::kIgnore},
      {"访问量", Field::kIgnore},      {"字号", Field::kIgnore},
      {"字號", Field::kIgnore},
  };
  std::stable_sort(labels.begin(), labels.end(),
                   [](const Label& a, const Label& b) { return a.text.size() > b.text.size(); });
  return labels;
}

// Unlabelled widget text that ends a value ("来源:常州宣传 字号 【大").
constexpr std::string_view kValueStops[] = {"字号", "字號", "【", "|", "丨", "打印", "分享", "  "};

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// NBSP and U+3000 become ASCII spaces so that runs of spaces are visible as such.
std::string plain_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (starts_with(s.substr(i), "\xC2\xA0")) {
      out += ' ';
      i += 2;
    } else if (starts_with(s.substr(i), "\xE3\x80\x80")) {
      out += ' ';
      i += 3;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string strip_edges(std::string_view v) {
  static constexpr std::string_view kEdge[] = {" ", "[",  "]", "(", ")", "【", "】", "-",
                                               "|", "丨", "/", ",", ";", "。", "、"};
  bool changed = true;
  while (changed && !v.empty()) {
    changed = false;
    for (const auto e : kEdge) {
      if (starts_with(v, e)) {
        v.remove_prefix(e.size());
        changed = true;
      }
      if (ends_with(v, e)) {
        v.remove_suffix(e.size());
        changed = true;
      }
    }
  }
  return std::string(v);
}

std::size_t chars(std::string_view s) {
  return text::count_code_points(s);
}

struct Found {
  Field field;
  std::string value;
};

// Date and glued text: "光明网-党建频道2021-09-13 14:57" -> source + date.
struct Split {
  std::string text;
  std::optional<text::DateMatch> date;
};
Split split_date(std::string_view value) {
  Split s;
  auto date = text::find_date(value);
  if (date) {
    s.text = strip_edges(value.substr(0, date->begin));
    s.date = date;
  } else {
    s.text = strip_edges(value);
  }
  return s;
}

bool boundary_before(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  const unsigned char c = static_cast<unsigned char>(s[i - 1]);
  if (c < 0x80) return !std::isalpha(c);
  // Multi-byte: a label right after a Han character is part of a word (新华社记者).
  std::size_t start = i - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  std::size_t pos = start;
  return !text::is_han(text::next_code_point(s, pos));
}

class MetadataCleaner final : public Cleaner {
 public:
  explicit MetadataCleaner(const StageContext& context)
      : labels_(make_labels()),
        overwrite_(context.options.get_bool("overwrite")),
        first_line_title_(context.options.get_bool("title_from_first_line")) {}

  void clean(Document& doc) override {
    std::size_t header_end = doc.blocks.size();
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (!usable(doc.blocks[i])) continue;
      const std::size_t n = text::count_code_points(doc.blocks[i].text.substr(0, 4096));
      if (n > kLongParagraphChars) {
        header_end = i;
        break;
      }
    }
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      Block& b = doc.blocks[i];
      if (!usable(b) || b.text.size() > kMaxMetaLineChars * 4) continue;
      const std::string s = text::trim(plain_spaces(text::fold_full_width_ascii(b.text)));
      if (chars(s) > kMaxMetaLineChars) continue;
      if (auto fields = parse_meta_line(s)) {
        for (const Found& f : *fields) apply(doc, f, "meta-line");
        doc.remove_block(i, kPlugin, "meta-line");
      } else if (auto credit = parse_credit(s)) {
        set(doc, "source", doc.meta.source_name, *credit, "source-credit");
        doc.remove_block(i, kPlugin, "source-credit");
      } else if (i < header_end && s.size() <= 48) {
        if (auto iso = text::parse_date(s)) {
          set(doc, "published", doc.meta.published, *iso, "date-line");
          doc.remove_block(i, kPlugin, "date-line");
        }
      }
    }
    take_title(doc);
  }

 private:
  static bool usable(const Block& b) {
    return b.kept() && (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kHeading ||
                        b.kind == BlockKind::kCaption);
  }

  void set(Document& doc, const std::string& field, std::string& slot, const std::string& value,
           const std::string& rule) {
    if (value.empty() || (!slot.empty() && !overwrite_)) return;
    slot = value;
    doc.meta.found_by[field] = std::string(kPlugin) + ":" + rule;
  }

  void apply(Document& doc, const Found& f, const std::string& rule) {
    switch (f.field) {
      case Field::kPublished:
      case Field::kDateOnly:
        if (auto d = text::find_date(f.value))
          set(doc, "published", doc.meta.published, d->iso, rule);
        break;
      case Field::kSource:
      case Field::kAuthor:
      case Field::kEditor: {
        Split s = split_date(f.value);
        if (s.date) set(doc, "published", doc.meta.published, s.date->iso, rule);
        if (f.field == Field::kSource) set(doc, "source", doc.meta.source_name, s.text, rule);
        if (f.field == Field::kAuthor) set(doc, "author", doc.meta.author, s.text, rule);
        if (f.field == Field::kEditor) set(doc, "editor", doc.meta.editor, s.text, rule);
        break;
      }
      case Field::kKeywords: {
        if (!doc.meta.keywords.empty() && !overwrite_) break;
        std::vector<std::string> words;
        std::string cur;
        const std::string v = f.value;
        for (std::size_t i = 0; i <= v.size();) {
          bool sep = i == v.size();
          std::size_t len = 1;
          for (const std::string_view p : {" ", ",", ";", "、", "|", "，", "；"}) {
            if (!sep && starts_with(std::string_view(v).substr(i), p)) {
              sep = true;
              len = p.size();
            }
          }
          if (sep) {
            if (!cur.empty()) words.push_back(cur);
            cur.clear();
            i += len;
          } else {
            cur += v[i++];
          }
        }
        if (!words.empty()) {
          doc.meta.keywords = words;
          doc.meta.found_by["keywords"] = std::string(kPlugin) + ":" + rule;
        }
        break;
      }
      case Field::kIgnore:
        break;
    }
  }

  // All labelled fields of a line, or nullopt when the line is not a metadata line.
  std::optional<std::vector<Found>> parse_meta_line(std::string_view s) const {
    // "[ 责编:李澍 ]", "(来源:新华社)"
    if ((starts_with(s, "[") && ends_with(s, "]")) || (starts_with(s, "(") && ends_with(s, ")")) ||
        (starts_with(s, "【") && ends_with(s, "】"))) {
      const std::size_t open = starts_with(s, "【") ? 3 : 1;
      s = s.substr(open, s.size() - 2 * open);
    }
    struct Hit {
      std::size_t begin, value_begin;
      Field field;
    };
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
      for (const Label& label : labels_) {
        if (!starts_with(s.substr(i), label.text)) continue;
        std::size_t j = i + label.text.size();
        while (j < s.size() && s[j] == ' ') ++j;
        if (j >= s.size() || s[j] != ':' || !boundary_before(s, i)) continue;
        hits.push_back({i, j + 1, label.field});
        i = j;
        break;
      }
    }
    if (hits.empty()) return std::nullopt;
    std::vector<Found> found;
    const std::string prefix = strip_edges(s.substr(0, hits.front().begin));
    if (!prefix.empty()) {
      if (!text::parse_date(prefix)) return std::nullopt;
      found.push_back({Field::kPublished, prefix});
    }
    for (std::size_t h = 0; h < hits.size(); ++h) {
      const std::size_t end = h + 1 < hits.size() ? hits[h + 1].begin : s.size();
      std::string_view v = s.substr(hits[h].value_begin, end - hits[h].value_begin);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      for (const auto stop : kValueStops) {
        const std::size_t at = v.find(stop);
        if (at != std::string_view::npos) v = v.substr(0, at);
      }
      std::string value = strip_edges(v);
      const Field field = hits[h].field;
      const std::size_t limit = field == Field::kKeywords ? kMaxKeywordsChars : kMaxValueChars;
      if (field != Field::kIgnore && chars(value) > limit) return std::nullopt;
      if (field == Field::kDateOnly && !value.empty() && !text::find_date(value))
        return std::nullopt;
      found.push_back({field, std::move(value)});
    }
    return found;
  }

  // "(四川省委统战部供稿)" -> 四川省委统战部
  static std::optional<std::string> parse_credit(std::string_view s) {
    if (!starts_with(s, "(") || !ends_with(s, ")")) return std::nullopt;
    std::string_view inner = s.substr(1, s.size() - 2);
    for (const std::string_view tail : {"供稿", "供稿件", "稿"}) {
      if (ends_with(inner, tail)) {
        std::string name = strip_edges(inner.substr(0, inner.size() - tail.size()));
        if (!name.empty() && chars(name) <= kMaxValueChars) return name;
      }
    }
    return std::nullopt;
  }

  static std::string key(std::string_view s) {
    return text::normalize_whitespace(text::fold_full_width_ascii(s));
  }

  void take_title(Document& doc) {
    if (doc.meta.title.empty() && first_line_title_) {
      for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (!usable(b)) continue;
        if (b.text.size() > kMaxTitleChars * 8) break;  // far too long; skip the scan
        const std::string t = text::normalize_whitespace(b.text);
        const std::size_t n = chars(t);
        if (n >= 2 && n <= kMaxTitleChars && !ends_with(t, "。") && !ends_with(t, ",") &&
            !ends_with(t, ",") && !ends_with(t, ";") && !ends_with(t, ":") && !ends_with(t, "、")) {
          doc.meta.title = t;
          doc.meta.found_by["title"] = std::string(kPlugin) + ":first-line";
          doc.remove_block(i, kPlugin, "title-line");
        }
        break;
      }
    }
    if (doc.meta.title.empty()) return;
    const std::string title = key(doc.meta.title);
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      if (!usable(b) || b.text.size() > title.size() * 2 + 16) continue;
      if (key(b.text) == title) doc.remove_block(i, kPlugin, "title-copy");
    }
  }

  std::vector<Label> labels_;
  bool overwrite_;
  bool first_line_title_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "metadata";
  info.description =
      "reads 发布日期/来源/作者/责任编辑/关键词 lines, source credits and the title; removes them";
  info.options = {
      {"overwrite", OptionType::kBoolean, false,
       "replace fields that are already set (e.g. by an HTML reader)", false},
      {"title_from_first_line", OptionType::kBoolean, true,
       "when the document has no title, take it from the first short line", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<MetadataCleaner>(context);
  });
  register_check(registry);
}

}  // namespace

}  // namespace clearpage::plugins::metadata

CLEARPAGE_PLUGIN("metadata", "0.1.0", clearpage::plugins::metadata::register_stages)
