// The generic main-content extractor: turns a parsed page into typed blocks. Site
// plugins in the same job group win over it with higher probes.
#include <boost/dll/runtime_symbol_info.hpp>
#include <filesystem>
#include <stdexcept>
#include "clearpage/extract/extract.hpp"

#include "block_features.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/normalize.hpp"
#include "tree_model.hpp"

namespace clearpage::plugins {

namespace {

// The trained block classifier sits next to the plugin library, in extract/.
std::string default_model_path() {
  const std::filesystem::path lib = boost::dll::this_line_location().string();
  return (lib.parent_path() / "extract" / "block_model.json").string();
}

class ExtractCleaner final : public Cleaner {
 public:
  explicit ExtractCleaner(const StageContext& context) {
    options_.min_paragraph_chars = static_cast<int>(context.options.get_int("min_paragraph_chars"));
    options_.sibling_share = context.options.get_float("sibling_share");
    options_.keep_images = context.options.get_bool("keep_images");
    options_.keep_tables = context.options.get_bool("keep_tables");
    options_.emit_removed = context.options.get_bool("emit_removed");
    options_.plugin = "extract";
    options_.keep_comments = context.options.get_bool("keep_comments");
    const std::string& selector = context.options.get_string("selector");
    if (selector == "model") {
      std::string path = context.options.get_string("model");
      if (path.empty()) path = default_model_path();
      model_ = extract::shared_model(path);
      if (model_->feature_count() != extract::feature_count()) {
        throw std::runtime_error(
            path + ": the model reads " + std::to_string(model_->feature_count()) +
            " features, this plugin computes " + std::to_string(extract::feature_count()));
      }
      options_.model = model_.get();
      options_.model_threshold = context.options.get_float("model_threshold");
      const std::string& chinese = context.options.get_string("chinese_pages");
      if (chinese != "model" && chinese != "score") {
        throw std::invalid_argument("extract: chinese_pages is \"model\" or \"score\", not \"" +
                                    chinese + "\"");
      }
      options_.model_skips_han = chinese == "score";
    } else if (selector != "score") {
      throw std::invalid_argument("extract: selector is \"model\" or \"score\", not \"" + selector +
                                  "\"");
    }
  }

  int probe(const Document& doc) const override {
    return html::html_dom(doc) && doc.blocks.empty() ? kProbeGeneric : kProbeDecline;
  }

  void clean(Document& doc) override {
    const HtmlDom* dom = html::html_dom(doc);
    if (!dom || !doc.blocks.empty()) return;
    doc.blocks = html::extract_blocks(*dom, options_);
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
  std::shared_ptr<const extract::TreeModel> model_;
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
      {"keep_comments", OptionType::kBoolean, false,
       "keep comment threads and forum replies (found by class or id) as content", false},
      {"selector", OptionType::kString, std::string("model"),
       "how the content is chosen: \"model\" (the trained block classifier) or \"score\" "
       "(the best-scored container)",
       false},
      {"model", OptionType::kString, std::string(),
       "block classifier replacing the installed extract/block_model.json", false},
      {"model_threshold", OptionType::kFloat, 0.5,
       "blocks the classifier scores at this probability or above are kept", false},
      {"chinese_pages", OptionType::kString, std::string("score"),
       "\"score\" keeps the scored container on Chinese pages, \"model\" classifies them too",
       false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<ExtractCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("extract", "0.1.0", clearpage::plugins::register_stages)
