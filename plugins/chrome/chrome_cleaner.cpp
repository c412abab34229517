// Removes page chrome (breadcrumbs, share widgets, related lists, footers) from any
// Document's text blocks. Patterns come from a data file, loaded once per stage.
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/chrome/chrome_rules.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins::chrome {

namespace {

constexpr const char* kPlugin = "chrome";
// Blocks longer than this are article text, never chrome; keeps huge lines cheap.
constexpr std::size_t kMaxChromeChars = 1000;
// Date lines are short; parse only those.
constexpr std::size_t kMaxDateLineBytes = 48;
// A list entry after a list header: short and without a full stop.
constexpr std::size_t kMaxListEntryChars = 30;
// A block after a footer line that still belongs to the footer.
constexpr std::size_t kMaxFooterTailChars = 100;

bool is_text_block(const Block& b) {
  return b.kind == BlockKind::kParagraph || b.kind == BlockKind::kHeading ||
         b.kind == BlockKind::kCaption || b.kind == BlockKind::kQuote;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool is_bullet(std::string_view s) {
  for (const char* b : {"•", "·", "●", "▪", "◆", "◇", "■", "□", "○", "★", "☆", "- ", "* ", "> "}) {
    if (starts_with(s, b)) return true;
  }
  return false;
}

bool has_full_stop(std::string_view s) {
  return s.find("。") != std::string_view::npos || s.find("！") != std::string_view::npos ||
         s.find("？") != std::string_view::npos;
}

// Per-block facts computed once.
struct Line {
  std::string folded;
  std::size_t chars = 0;
  bool text = false;
  bool datetime = false;  // the whole block is one date (with or without time)
};

class ChromeCleaner final : public Cleaner {
 public:
  explicit ChromeCleaner(const StageContext& context)
      : rules_(html::field_label_reader()), lines_(html::field_label_reader()) {
    std::string path = context.options.get_string("patterns");
    if (path.empty()) path = installed_patterns_path();
    const std::string& extra = context.options.get_string("extra_patterns");
    line_rules_ = context.options.get_bool("line_rules");
    for (const std::string& file : {path, extra}) {
      if (file.empty()) continue;
      rules_.load_file(file);
      // The line rules come from the same files, so `patterns` replaces them too.
      if (line_rules_) lines_.load_file(file, "lines");
    }
  }

  void clean(Document& doc) override {
    if (line_rules_) {
      // The site cleaners' line rules, for pages the generic extractor took: metadata
      // comes out of meta and editor lines before they go.
      html::remove_title_repeat(doc, kPlugin);
      html::strip_chrome_blocks(doc, kPlugin, lines_);
    }
    std::vector<Line> lines(doc.blocks.size());
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      Line& l = lines[i];
      l.text = is_text_block(b) && b.kept();
      if (!l.text) continue;
      l.chars = text::count_code_points_capped(b.text, kMaxChromeChars);
      if (l.chars > kMaxChromeChars) continue;
      l.folded = text::trim(text::fold_full_width_ascii(b.text));
      l.chars = text::count_code_points_capped(l.folded, kMaxChromeChars);
      l.datetime = l.folded.size() <= kMaxDateLineBytes && text::parse_date(l.folded).has_value();
    }

    std::vector<std::size_t> sections;  // header blocks whose list follows
    std::vector<std::size_t> footers;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (!l.text || l.folded.empty() || l.chars > kMaxChromeChars) continue;
      const Match m = rules_.match(l.folded, l.chars);
      if (m.rule) {
        doc.remove_block(i, kPlugin, m.rule->name);
        if (m.rule->kind == RuleKind::kSection) sections.push_back(i);
        if (m.rule->kind == RuleKind::kFooter) footers.push_back(i);
      } else if (m.breadcrumb) {
        doc.remove_block(i, kPlugin, "breadcrumb");
      }
    }

    remove_dated_lists(doc, lines);
    for (const std::size_t header : sections) remove_list_after(doc, lines, header);
    for (const std::size_t footer : footers) remove_footer_tail(doc, lines, footer);
  }

 private:
  // Next kept text block after i, or npos.
  static std::size_t next_kept(const Document& doc, const std::vector<Line>& lines, std::size_t i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (lines[j].text && doc.blocks[j].kept()) return j;
    }
    return std::string::npos;
  }

  // Runs of (headline, date line) pairs: related-article and photo-gallery lists.
  void remove_dated_lists(Document& doc, const std::vector<Line>& lines) const {
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].text && doc.blocks[i].kept()) kept.push_back(i);
    }
    std::size_t k = 0;
    while (k + 1 < kept.size()) {
      std::size_t run = k;
      while (run + 1 < kept.size() && !lines[kept[run]].datetime &&
             lines[kept[run]].chars <= rules_.max_item_chars() && lines[kept[run + 1]].datetime) {
        run += 2;
      }
      const std::size_t pairs = (run - k) / 2;
      if (pairs >= rules_.min_pairs()) {
        for (std::size_t x = k; x < run; ++x) doc.remove_block(kept[x], kPlugin, "dated-list");
        k = run;
      } else {
        ++k;
      }
    }
  }

  bool list_like(const Document& doc, const std::vector<Line>& lines, std::size_t j) const {
    const Line& l = lines[j];
    if (l.datetime || is_bullet(l.folded)) return true;
    if (l.chars <= kMaxListEntryChars && !has_full_stop(l.folded)) return true;
    const std::size_t next = next_kept(doc, lines, j);
    return l.chars <= rules_.max_item_chars() && next != std::string::npos && lines[next].datetime;
  }

  // A list header takes the list-like blocks after it; article text ends the list.
  void remove_list_after(Document& doc, const std::vector<Line>& lines, std::size_t header) const {
    const std::string rule = doc.blocks[header].removed->rule;
    for (std::size_t j = header + 1; j < lines.size(); ++j) {
      if (!lines[j].text) continue;
      if (!doc.blocks[j].kept()) continue;
      if (lines[j].chars > kMaxChromeChars || !list_like(doc, lines, j)) break;
      doc.remove_block(j, kPlugin, rule);
    }
  }

  void remove_footer_tail(Document& doc, const std::vector<Line>& lines, std::size_t footer) const {
    for (std::size_t j = footer + 1; j < lines.size(); ++j) {
      if (!lines[j].text || !doc.blocks[j].kept()) continue;
      if (lines[j].chars > kMaxFooterTailChars || has_full_stop(lines[j].folded)) break;
      doc.remove_block(j, kPlugin, "footer");
    }
  }

  RuleSet rules_;
  RuleSet lines_;  // the [lines] rules, with line_rules
  bool line_rules_ = false;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "chrome";
  info.description =
      "removes page chrome: breadcrumbs, share widgets, related lists, footers (rules in a data "
      "file)";
  info.options = {
      {"patterns", OptionType::kString, std::string(),
       "rule file replacing the installed chrome_patterns.toml", false},
      {"extra_patterns", OptionType::kString, std::string(),
       "rule file whose rules are added to the installed ones", false},
      {"line_rules", OptionType::kBoolean, false,
       "also apply the site cleaners' line rules (editor, meta, toolbar, pagination, disclaimer "
       "lines) and drop a repeat of the title, filling empty metadata from removed meta lines; "
       "for HTML pages, whose labelled lines the metadata cleaner does not read",
       false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<ChromeCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins::chrome

CLEARPAGE_PLUGIN("chrome", "0.1.0", clearpage::plugins::chrome::register_stages)
