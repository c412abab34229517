// The flow every site-layout cleaner (portal, newssite, wechat) runs: its content root
// becomes the blocks, its metadata rules win over the reader's, chrome lines go (their
// labelled fields first filling empty metadata), and the reader's metadata fills what is
// still empty. A cleaner supplies only what it knows about its layout.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/document.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::html {

struct SiteFlow {
  // The cleaner's name: doc.layout, removed blocks and the "<plugin>:" of found_by.
  std::string plugin;
  // The layout's content root; nullptr hands the page to the generic extractor.
  std::function<Node(const HtmlDom&)> content_root;
  // Fills metadata from the layout's markup. Runs on emptied metadata, before the chrome
  // strip; `root` may be nullptr.
  std::function<void(Document&, const HtmlDom&, Node root)> find_metadata;
  // Optional: runs after the chrome strip and before the reader's metadata is restored
  // (fields that lines outside the content root carry).
  std::function<void(Document&, const HtmlDom&)> after_chrome;
  // Optional, in place of after_chrome: the chrome strip's meta and editor lines fill a
  // metadata of their own instead of the empty fields, and this step gets it, so that a
  // layout can rank those lines among its other sources.
  std::function<void(Document&, const HtmlDom&, Node root, Metadata lines)> after_chrome_lines;
};

// Runs the flow on doc.dom; throws std::runtime_error when the document has none.
void run_site_flow(Document& doc, const SiteFlow& flow);

// The first of `selectors` with at least `min_chars` code points of text, else the
// generic extractor's best node (nullptr only for a page without a body).
Node content_root_or_main(const HtmlDom& dom, const std::vector<std::string_view>& selectors,
                          std::size_t min_chars);

}  // namespace clearpage::html
