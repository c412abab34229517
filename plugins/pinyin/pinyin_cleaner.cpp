// Removes pinyin annotations such as 網(wǎng): a "(syllable)" right after a Han
// character whose reading it is. Real parentheses survive because removal only
// starts once a document shows several annotations that check out.
#include <cstdint>
#include <string>
#include <vector>

#include "clearpage/hanzi/han_reading.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins {

namespace {

using text::HanReading;

constexpr char32_t kFullOpen = 0xFF08;   // （
constexpr char32_t kFullClose = 0xFF09;  // ）
constexpr std::size_t kMaxSyllableBytes = 24;

struct Annotation {
  std::size_t begin = 0;  // offset of the opening parenthesis
  std::size_t end = 0;    // one past the closing parenthesis
  std::size_t han_begin = 0;
  HanReading::Match match = HanReading::Match::kNone;
};

// Finds every "(syllable)" directly after a Han character and rates it.
std::vector<Annotation> find_annotations(std::string_view s, HanReading& readings) {
  std::vector<Annotation> found;
  std::size_t pos = 0;
  char32_t previous = 0;
  std::size_t previous_begin = 0;
  while (pos < s.size()) {
    const std::size_t begin = pos;
    const char32_t c = text::next_code_point(s, pos);
    if ((c == '(' || c == kFullOpen) && text::is_han(previous)) {
      const char32_t close = c == '(' ? ')' : kFullClose;
      std::size_t scan = pos;
      std::size_t close_begin = std::string_view::npos;
      while (scan < s.size() && scan - pos <= kMaxSyllableBytes) {
        const std::size_t at = scan;
        const char32_t d = text::next_code_point(s, scan);
        if (d == close || d == ')' || d == kFullClose) {
          if (d == close) close_begin = at;
          break;
        }
      }
      if (close_begin != std::string_view::npos) {
        const std::string_view syllable = s.substr(pos, close_begin - pos);
        if (text::is_pinyin_syllable(syllable)) {
          const auto match = readings.matches(previous, syllable);
          if (match != HanReading::Match::kNone) {
            const std::size_t end = close_begin + (close == ')' ? 1 : 3);
            found.push_back({begin, end, previous_begin, match});
            previous = 0;  // "(x)" is not followed by another annotation of the same char
            pos = end;
            continue;
          }
        }
      }
    }
    previous = c;
    previous_begin = begin;
  }
  return found;
}

std::string remove_spans(std::string_view s, const std::vector<Annotation>& spans) {
  std::string out;
  out.reserve(s.size());
  std::size_t at = 0;
  for (const auto& a : spans) {
    out.append(s.substr(at, a.begin - at));
    at = a.end;
  }
  out.append(s.substr(at));
  return out;
}

class PinyinCleaner final : public Cleaner {
 public:
  explicit PinyinCleaner(const StageContext& context)
      : min_hits_(context.options.get_int("min_hits")),
        toneless_(context.options.get_bool("toneless")) {}

  void clean(Document& doc) override {
    // Pass 1: count annotations whose syllable is exactly the character's reading.
    std::int64_t exact = 0;
    for_each_text(doc, [&](std::string& s, std::size_t) {
      for (const auto& a : find_annotations(s, readings_)) {
        if (a.match == HanReading::Match::kExact) ++exact;
      }
    });
    if (exact < min_hits_) return;

    // Pass 2: remove them, one summary repair per block.
    for_each_text(doc, [&](std::string& s, std::size_t block) {
      std::vector<Annotation> spans;
      for (const auto& a : find_annotations(s, readings_)) {
        if (a.match == HanReading::Match::kExact ||
            (toneless_ && a.match == HanReading::Match::kToneless)) {
          spans.push_back(a);
        }
      }
      if (spans.empty()) return;
      std::string cleaned = remove_spans(s, spans);
      Repair repair;
      repair.plugin = "pinyin";
      repair.rule = "annotation";
      // The first annotation with its character shows what was removed.
      const auto& first = spans.front();
      repair.before = s.substr(first.han_begin, first.end - first.han_begin);
      repair.after = s.substr(first.han_begin, first.begin - first.han_begin);
      repair.detail =
          std::to_string(spans.size()) + " pinyin annotation" + (spans.size() == 1 ? "" : "s") +
          " removed from block " + std::to_string(block) +
          (doc.blocks[block].provenance.empty() ? std::string()
                                                : " (" + doc.blocks[block].provenance + ")");
      doc.repairs.push_back(std::move(repair));
      s = std::move(cleaned);
    });
  }

 private:
  template <typename Fn>
  static void for_each_text(Document& doc, Fn&& fn) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      Block& block = doc.blocks[i];
      if (!block.kept()) continue;
      fn(block.text, i);
      for (auto& item : block.items) fn(item, i);
      for (auto& row : block.rows) {
        for (auto& cell : row) fn(cell, i);
      }
    }
  }

  HanReading readings_;
  std::int64_t min_hits_;
  bool toneless_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "pinyin";
  info.description =
      "removes pinyin annotations like 網(wǎng) when the syllable is a reading of the character "
      "before it (ICU Han-Latin, also via the Simplified form); only in documents with at least "
      "min_hits exact matches. Run it after mojibake, which restores annotations split by GBK "
      "damage.";
  info.options = {
      {"min_hits", OptionType::kInteger, std::int64_t{3},
       "exact-reading annotations a document needs before any is removed", false},
      {"toneless", OptionType::kBoolean, true,
       "once enabled, also remove annotations that match apart from tone marks", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<PinyinCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("pinyin", "0.1.0", clearpage::plugins::register_stages)
