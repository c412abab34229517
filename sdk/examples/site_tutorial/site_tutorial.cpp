// Tutorial: a site plugin built against the installed SDK alone (docs/sdk.md).
// It claims the pages whose layout it knows, by a content selector from the job file,
// turns that element's headings and paragraphs into blocks, and reads the author.
#include "clearpage/dom_view.hpp"
#include "clearpage/plugin.hpp"

namespace {
using namespace clearpage;

class SiteTutorial final : public Cleaner {
 public:
  explicit SiteTutorial(const StageContext& context)
      : content_(context.options.get_string("content")),
        author_(context.options.get_string("author")) {}

  // Above the generic extractor's score, so it wins their group on its pages.
  int probe(const Document& doc) const override {
    return doc.dom && doc.dom->select_first({}, content_) ? kProbeLikely : kProbeDecline;
  }

  void clean(Document& doc) override {
    const DomView& dom = *doc.dom;
    const DomNode root = dom.select_first({}, content_);
    doc.layout = "site_tutorial";
    doc.blocks.clear();
    for (const DomNode node : dom.select(root, "h2, h3, p")) {
      Block block;
      const std::string_view tag = dom.tag(node);
      block.kind = tag == "p" ? BlockKind::kParagraph : BlockKind::kHeading;
      block.level = tag == "p" ? 0 : tag[1] - '0';
      block.text = dom.text(node);
      block.provenance = dom.path(node);
      if (!block.text.empty()) doc.blocks.push_back(std::move(block));
    }
    const DomNode by = author_.empty() ? DomNode() : dom.select_first({}, author_);
    if (by && doc.meta.author.empty()) {
      doc.meta.author = dom.text(by);
      doc.meta.found_by["author"] = "site_tutorial:author";
    }
  }

 private:
  std::string content_;
  std::string author_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "site_tutorial";
  info.description = "tutorial: blocks and author from one site's layout";
  info.options = {
      {"content", OptionType::kString, std::string(), "selector of the content root", true},
      {"author", OptionType::kString, std::string(), "selector of the byline", false}};
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<SiteTutorial>(context);
  });
}
}  // namespace

CLEARPAGE_PLUGIN("site_tutorial", "1.0.0", register_stages)
