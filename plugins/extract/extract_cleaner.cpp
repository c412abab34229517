// The generic main-content extractor: turns a parsed page into typed blocks. Site
// plugins in the same job group win over it with higher probes.
#include "clearpage/extract/extract.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/normalize.hpp"

namespace clearpage::plugins {

namespace {

class ExtractCleaner final : public Cleaner {
 public:
  explicit ExtractCleaner(const StageContext& context) {
    options_.min_paragraph_chars = static_cast<int>(context.options.get_int("min_paragraph_chars"));
    options_.sibling_share = context.options.get_float("sibling_share");
    options_.keep_images = context.options.get_bool("keep_images");
    options_.keep_tables = context.options.get_bool("keep_tables");
    options_.emit_removed = context.options.get_bool("emit_removed");
    options_.plugin = "extract";
  }

  int probe(const Document& doc) const override {
    return doc.dom && doc.blocks.empty() ? kProbeGeneric : kProbeDecline;
  }

  void clean(Document& doc) override {
    if (!doc.dom || !doc.blocks.empty()) return;
    doc.blocks = html::extract_blocks(*doc.dom, options_);
    // The headline is metadata (doc.meta.title), not body text.
    const std::string title = text::normalize_whitespace(doc.meta.title);
    if (!title.empty()) {
      for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const Block& b = doc.blocks[i];
        if (b.kind == BlockKind::kHeading && b.kept() &&
            text::normalize_whitespace(b.text) == title) {
          doc.remove_block(i, "extract", "title_heading");
          return;
        }
      }
    }
    // An <h1> opening the content is the headline even when <title> words it otherwise.
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      const Block& b = doc.blocks[i];
      if (!b.kept()) continue;
      if (b.kind == BlockKind::kHeading && b.level == 1) doc.remove_block(i, "extract", "headline");
      break;
    }
  }

 private:
  html::ExtractOptions options_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "extract";
  info.description = "generic main-content extraction from doc.dom into typed blocks";
  info.options = {
      {"min_paragraph_chars", OptionType::kInteger, std::int64_t{25},
       "shorter text runs do not count as paragraphs when scoring (Han characters count double)",
       false},
      {"sibling_share", OptionType::kFloat, 0.2,
       "siblings of the best node join it when they score this share of it", false},
      {"keep_images", OptionType::kBoolean, true, "emit image blocks", false},
      {"keep_tables", OptionType::kBoolean, true, "emit data tables as table blocks", false},
      {"emit_removed", OptionType::kBoolean, true,
       "record boilerplate found inside the content as removed blocks", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<ExtractCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("extract", "0.1.0", clearpage::plugins::register_stages)
