// Generic main-content extraction: finds the article in a page and turns a subtree
// into typed Blocks. Site plugins may use blocks_from_subtree on a node they chose.
#pragma once

#include <string>
#include <vector>

#include "clearpage/document.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::html {

struct ExtractOptions {
  // A text run shorter than this (in code points; Han characters count double, since
  // Chinese has no spaces) does not count as a paragraph when scoring.
  int min_paragraph_chars = 25;
  // Siblings of the best node join the content when they score at least this share of it.
  double sibling_share = 0.2;
  bool keep_images = true;
  bool keep_tables = true;
  // Boilerplate found inside the content (navigation, share bars, comments...) is emitted
  // as removed blocks, so the output explains what was dropped.
  bool emit_removed = true;
  // Plugin name recorded on removed blocks.
  std::string plugin = "extract";
};

struct MainContent {
  // The chosen node first is not guaranteed: these are in document order, and `best`
  // is the highest-scoring one among them.
  std::vector<Node> nodes;
  Node best = nullptr;
  double score = 0;
  std::string found_by;  // "score", "fallback_body"
};

// Scores the page by text, link and punctuation density and tag/class hints. A feed of
// other stories (linked headlines with teasers) never joins the content, and wins over the
// text below the page's headline (find_headline) only when it is in the same container.
MainContent find_main_content(const HtmlDom& dom, const ExtractOptions& options = {});

// Converts a subtree into blocks with DOM-path provenance; boilerplate inside it is
// skipped (or emitted removed, see ExtractOptions::emit_removed).
std::vector<Block> blocks_from_subtree(Node node, const ExtractOptions& options = {});

// find_main_content followed by blocks_from_subtree over each chosen node.
std::vector<Block> extract_blocks(const HtmlDom& dom, const ExtractOptions& options = {});

// Whether class/id hints mark the element as boilerplate ("nav", "share", "comment"...),
// and the matching hint, for callers that walk the tree themselves.
bool looks_like_boilerplate(Node node, std::string* rule = nullptr);

}  // namespace clearpage::html
