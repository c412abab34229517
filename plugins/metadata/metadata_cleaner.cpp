// Reads labelled metadata lines (发布日期, 来源, 作者, 责任编辑, 关键词 ...), source credits and
// the title out of a Document's blocks, fills empty fields and removes the consumed lines.
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/extract/labels.hpp"
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

// What a dump line does with a label's field: 更新时间 dates a dump as well as 发布时间, and
// 标签 lists its keywords.
Field field_of(text::LabelField field) {
  switch (field) {
    case text::LabelField::kPublished:
    case text::LabelField::kUpdated:
      return Field::kPublished;
    case text::LabelField::kDate:
      return Field::kDateOnly;
    case text::LabelField::kSource:
      return Field::kSource;
    case text::LabelField::kAuthor:
      return Field::kAuthor;
    case text::LabelField::kEditor:
      return Field::kEditor;
    case text::LabelField::kKeywords:
    case text::LabelField::kTags:
      return Field::kKeywords;
    default:
      return Field::kIgnore;
  }
}

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

class MetadataCleaner final : public Cleaner {
 public:
  explicit MetadataCleaner(const StageContext& context)
      : labels_(text::label_words(text::label_flags::kInDumps)),
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
    text::LabelScan scan;
    scan.spaces = text::ColonSpaces::kAscii;
    scan.word_start = true;
    scan.disjoint = true;
    const std::vector<text::LabelHit> hits = text::find_labels(s, labels_, scan);
    if (hits.empty()) return std::nullopt;
    std::vector<Found> found;
    const std::string prefix = strip_edges(s.substr(0, hits.front().begin));
    if (!prefix.empty()) {
      if (!text::parse_date(prefix)) return std::nullopt;
      found.push_back({Field::kPublished, prefix});
    }
    for (const text::LabelHit& hit : hits) {
      std::string_view v = hit.value;
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      v = text::dump_value(v);
      std::string value = strip_edges(v);
      const Field field = field_of(hit.field);
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

  std::vector<text::LabelWord> labels_;
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
