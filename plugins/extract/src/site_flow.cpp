#include "clearpage/extract/site_flow.hpp"

#include <stdexcept>

#include "clearpage/extract/extract.hpp"
#include "clearpage/extract/site.hpp"

namespace clearpage::html {

void run_site_flow(Document& doc, const SiteFlow& flow) {
  const HtmlDom* parsed = html_dom(doc);
  if (!parsed) throw std::runtime_error(flow.plugin + ": document has no parsed HTML");
  const HtmlDom& dom = *parsed;
  doc.layout = flow.plugin;

  ExtractOptions options;
  options.plugin = flow.plugin;
  const Node root = flow.content_root ? flow.content_root(dom) : nullptr;
  doc.blocks = root ? blocks_from_subtree(root, options) : extract_blocks(dom, options);

  const Metadata earlier = take_metadata(doc);
  if (flow.find_metadata) flow.find_metadata(doc, dom, root);
  remove_title_repeat(doc, flow.plugin);
  if (flow.after_chrome_lines) {
    Metadata found = std::move(doc.meta);
    doc.meta = Metadata{};
    strip_chrome_blocks(doc, flow.plugin);
    Metadata lines = std::move(doc.meta);
    doc.meta = std::move(found);
    flow.after_chrome_lines(doc, dom, root, std::move(lines));
  } else {
    strip_chrome_blocks(doc, flow.plugin);
    if (flow.after_chrome) flow.after_chrome(doc, dom);
  }
  restore_missing(doc, earlier);
}

Node content_root_or_main(const HtmlDom& dom, const std::vector<std::string_view>& selectors,
                          std::size_t min_chars) {
  const Node root = first_with_text(dom, selectors, min_chars);
  return root ? root : find_main_content(dom).best;
}

}  // namespace clearpage::html
