// Gives a Document's text blocks their structure: normalised whitespace, screenshot file
// names as image blocks, soft-wrapped lead lines joined, headings and captions typed, and
// exact duplicate paragraphs dropped.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "clearpage/plugin.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins::structure {

namespace {

constexpr const char* kPlugin = "structure";

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Code points; counting stops early past `cap`.
std::size_t chars_capped(std::string_view s, std::size_t cap) {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n > cap) break;
  }
  return n;
}

char32_t last_char(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t start = s.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return text::next_code_point(s, start);
}

bool is_sentence_end(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'…' || c == U'.';
}
bool is_clause_end(char32_t c) {
  return c == U'，' || c == U',' || c == U'、';
}
bool is_list_end(char32_t c) {
  return c == U'；' || c == U';' || c == U'：' || c == U':';
}

// Sentence punctuation anywhere in the text (a heading has none).
bool has_sentence_punct(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = text::next_code_point(s, i);
    if (c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'；' || c == U';')
      return true;
  }
  return false;
}

// A screenshot temp name like "FMV3{I[~{F3JICG}){B[D)N.png": ASCII without spaces.
bool is_image_file_name(std::string_view s) {
  static constexpr std::string_view kExt[] = {".png",  ".jpg", ".jpeg", ".gif",  ".bmp",
                                              ".webp", ".PNG", ".JPG",  ".JPEG", ".GIF"};
  if (s.size() > 120) return false;
  std::size_t ext = 0;
  for (const auto e : kExt) {
    if (ends_with(s, e)) ext = e.size();
  }
  if (ext == 0 || s.size() - ext < 4) return false;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F) return false;
  }
  return true;
}

// Chinese ordinal heading prefix: 一、 十二、 (三) （四）
bool has_ordinal_prefix(std::string_view s) {
  static const std::u32string kNumerals = U"一二三四五六七八九十百零〇";
  std::size_t i = 0;
  bool paren = false;
  if (starts_with(s, "(") || starts_with(s, "（")) {
    paren = true;
    text::next_code_point(s, i);
  }
  std::size_t digits = 0;
  while (i < s.size()) {
    std::size_t next = i;
    const char32_t c = text::next_code_point(s, next);
    if (kNumerals.find(c) == std::u32string::npos) break;
    ++digits;
    i = next;
  }
  if (digits == 0 || i >= s.size()) return false;
  std::size_t next = i;
  const char32_t c = text::next_code_point(s, next);
  return paren ? (c == U')' || c == U'）') : c == U'、';
}

struct Settings {
  std::size_t heading_max_chars;
  std::size_t question_heading_max_chars;
  std::size_t caption_max_chars;
  std::size_t wrap_max_chars;
  std::size_t min_duplicate_chars;
  bool join_soft_wraps;
  bool drop_duplicates;
};

class StructureCleaner final : public Cleaner {
 public:
  explicit StructureCleaner(const StageContext& context) {
    const Options& o = context.options;
    s_.heading_max_chars = static_cast<std::size_t>(o.get_int("heading_max_chars"));
    s_.question_heading_max_chars = s_.heading_max_chars / 2;
    s_.caption_max_chars = static_cast<std::size_t>(o.get_int("caption_max_chars"));
    s_.wrap_max_chars = static_cast<std::size_t>(o.get_int("wrap_max_chars"));
    s_.min_duplicate_chars = static_cast<std::size_t>(o.get_int("min_duplicate_chars"));
    s_.join_soft_wraps = o.get_bool("join_soft_wraps");
    s_.drop_duplicates = o.get_bool("drop_duplicates");
  }

  void clean(Document& doc) override {
    normalise(doc);
    if (s_.join_soft_wraps) join_soft_wraps(doc);
    classify(doc);
    if (s_.drop_duplicates) drop_duplicates(doc);
  }

 private:
  static bool is_text(const Block& b) {
    return b.kept() && (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kHeading ||
                        b.kind == BlockKind::kCaption || b.kind == BlockKind::kQuote);
  }

  void normalise(Document& doc) const {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      Block& b = doc.blocks[i];
      if (!is_text(b)) continue;
      b.text = text::normalize_whitespace(b.text);
      if (b.text.empty()) {
        doc.remove_block(i, kPlugin, "empty");
      } else if (b.kind == BlockKind::kParagraph && is_image_file_name(b.text)) {
        b.kind = BlockKind::kImage;
        b.src = b.text;
        b.text.clear();
        doc.repairs.push_back({kPlugin, "screenshot-name", b.src, "", "image file name as image"});
      }
    }
  }

  std::vector<std::size_t> kept_paragraphs(const Document& doc) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (is_text(doc.blocks[i])) out.push_back(i);
    }
    return out;
  }

  // Runs of short lines that together make one sentence group (a centred WeChat lead).
  void join_soft_wraps(Document& doc) const {
    const auto idx = kept_paragraphs(doc);
    std::size_t k = 0;
    while (k < idx.size()) {
      std::size_t end = k;
      bool clause = false, list = false;
      while (end < idx.size()) {
        const Block& b = doc.blocks[idx[end]];
        if (b.kind != BlockKind::kParagraph ||
            chars_capped(b.text, s_.wrap_max_chars) > s_.wrap_max_chars)
          break;
        // Adjacent in the source: nothing but removed blocks in between.
        if (end > k) {
          bool gap = false;
          for (std::size_t j = idx[end - 1] + 1; j < idx[end]; ++j) {
            if (doc.blocks[j].kept()) gap = true;
          }
          if (gap) break;
        }
        const char32_t last = last_char(b.text);
        clause = clause || is_clause_end(last);
        list = list || is_list_end(last);
        ++end;
      }
      const std::size_t n = end - k;
      if (n >= 3 && clause && !list && is_sentence_end(last_char(doc.blocks[idx[end - 1]].text))) {
        std::string joined, before;
        for (std::size_t x = k; x < end; ++x) {
          joined += doc.blocks[idx[x]].text;
          if (x > k) before += '\n';
          before += doc.blocks[idx[x]].text;
        }
        doc.blocks[idx[k]].text = joined;
        for (std::size_t x = k + 1; x < end; ++x)
          doc.remove_block(idx[x], kPlugin, "soft-wrap-joined");
        doc.repairs.push_back(
            {kPlugin, "soft-wrap", before, joined, std::to_string(n) + " wrapped lines joined"});
      }
      k = std::max(end, k + 1);
    }
  }

  bool is_caption(std::string_view t, std::size_t n) const {
    if (n > s_.caption_max_chars) return false;
    const auto date = text::find_date(t);
    if (!date || date->begin != 0 || date->iso.size() < 10) return false;
    // One sentence, ending with a full stop.
    const std::string_view rest = t.substr(date->end);
    if (!(starts_with(rest, ",") || starts_with(rest, "，") || starts_with(rest, " ")))
      return false;
    if (!ends_with(t, "。")) return false;
    const std::size_t first_stop = t.find("。");
    return first_stop == t.size() - std::string_view("。").size();
  }

  bool is_heading(std::string_view t, std::size_t n) const {
    if (n == 0) return false;
    const char32_t last = last_char(t);
    if (has_ordinal_prefix(t) && n <= s_.heading_max_chars && !is_sentence_end(last)) return true;
    if ((last == U'?' || last == U'？') && n <= s_.question_heading_max_chars) {
      // Only the final question mark: "怎么“聚”?"
      const std::string_view body = t.substr(0, t.size() - (last == U'?' ? 1 : 3));
      return !has_sentence_punct(body);
    }
    if (n > s_.heading_max_chars || has_sentence_punct(t)) return false;
    if (is_clause_end(last) || is_list_end(last) || last == U'—' || last == U'…') return false;
    return text::find_date(t) == std::nullopt || text::find_date(t)->begin != 0;
  }

  void classify(Document& doc) const {
    const auto idx = kept_paragraphs(doc);
    for (std::size_t k = 0; k < idx.size(); ++k) {
      Block& b = doc.blocks[idx[k]];
      if (b.kind != BlockKind::kParagraph) continue;
      const std::size_t n = chars_capped(b.text, 1000);
      if (is_caption(b.text, n)) {
        b.kind = BlockKind::kCaption;
      } else if (k + 1 < idx.size() && is_heading(b.text, n)) {
        // The last block never heads anything.
        b.kind = BlockKind::kHeading;
        b.level = 2;
      }
    }
  }

  // The copy that sits under a heading is in its place; otherwise the first copy is.
  void drop_duplicates(Document& doc) const {
    const auto idx = kept_paragraphs(doc);
    std::unordered_map<std::string, std::vector<std::size_t>> copies;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      const Block& b = doc.blocks[idx[k]];
      if (b.kind != BlockKind::kParagraph) continue;
      if (chars_capped(b.text, s_.min_duplicate_chars) < s_.min_duplicate_chars) continue;
      copies[b.text].push_back(k);
    }
    for (const auto& [text, ks] : copies) {
      if (ks.size() < 2) continue;
      std::size_t keep = ks.front();
      for (const std::size_t k : ks) {
        if (k > 0 && doc.blocks[idx[k - 1]].kind == BlockKind::kHeading) {
          keep = k;
          break;
        }
      }
      for (const std::size_t k : ks) {
        if (k != keep) doc.remove_block(idx[k], kPlugin, "duplicate-paragraph");
      }
    }
  }

  Settings s_{};
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "structure";
  info.description =
      "types headings and captions, joins soft-wrapped lines, drops duplicate paragraphs, turns "
      "screenshot file names into images, normalises whitespace";
  info.options = {
      {"heading_max_chars", OptionType::kInteger, std::int64_t{30},
       "longest unpunctuated line typed as a heading, in characters (not words)", false},
      {"caption_max_chars", OptionType::kInteger, std::int64_t{120},
       "longest dated one-sentence line typed as a photo caption", false},
      {"wrap_max_chars", OptionType::kInteger, std::int64_t{24},
       "lines this short may be soft-wrapped pieces of one paragraph", false},
      {"min_duplicate_chars", OptionType::kInteger, std::int64_t{10},
       "shorter paragraphs may repeat legitimately", false},
      {"join_soft_wraps", OptionType::kBoolean, true, "join soft-wrapped lead lines", false},
      {"drop_duplicates", OptionType::kBoolean, true, "drop exact duplicate paragraphs", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<StructureCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins::structure

CLEARPAGE_PLUGIN("structure", "0.1.0", clearpage::plugins::structure::register_stages)
