// Features of a page's text blocks for the learned main-content classifier. The same
// code serves the extract plugin and the feature dump that training reads, so the model
// is trained on exactly what it is asked about.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/html/dom.hpp"

namespace clearpage::extract {

// Counts over a run of text: what density and length features are made of.
struct TextStats {
  int units = 0;        // non-space code points, Han counted twice
  int chars = 0;        // non-space code points
  int han = 0;          // Han code points
  int punct = 0;        // sentence punctuation, full-width included
  int final_punct = 0;  // . ! ? 。！？ and friends
  int commas = 0;       // , ， 、
  int digits = 0;
  int upper = 0;      // ASCII capitals
  int letters = 0;    // ASCII letters
  int words = 0;      // runs of ASCII letters
  char32_t last = 0;  // last non-space code point

  void add(std::string_view text);
  void add(const TextStats& other);
};

// A block is the text an element owns directly: its text nodes and those of its inline
// descendants, up to the next nested block element. Blocks are in document order.
struct TextBlock {
  std::uint32_t element = 0;  // the owner's position in HtmlDom::elements()
  TextStats text;
  int link_units = 0;  // units inside <a>
};

struct PageBlocks {
  std::vector<TextBlock> blocks;
  std::vector<float> features;  // blocks.size() rows of kFeatureCount values
  std::uint32_t first = 0;      // the elements() range the blocks come from: <body>'s
  std::uint32_t last = 0;
  double han_share = 0;  // of the blocks' characters: how Chinese the page is
};

// Elements whose subtree holds no readable text (scripts, forms' controls, media) and
// elements hidden by attribute, style or a utility class.
bool is_unreadable_tag(std::string_view tag);
// is_unreadable_tag() for one element of a page, but for a <noscript> that holds block
// elements: the page's view for readers without scripts (forum software serves its
// threads that way), not a tracking pixel or an "enable JavaScript" line.
bool is_unreadable_element(const html::ElementEntry& entry);
// React's streamed server rendering sends content that arrives late in a hidden
// <div id="S:0"> that a script moves into place: readers see it, so it is not hidden.
bool is_hidden_element(const html::ElementEntry& entry);
// The same test on values already read: the hidden attribute's presence, aria-hidden and
// style, and the element's id and class.
bool is_hidden_by(bool hidden_attribute, std::string_view aria_hidden, std::string_view style,
                  const html::ElementEntry& entry);
// Elements that start a new block; all others are inline.
bool is_block_element(std::string_view tag);

// Width of a feature row, and a short name for each column (for the dump and tests).
std::size_t feature_count();
const std::vector<std::string>& feature_names();

// One pass over <body> (or the root when there is none) that finds the blocks and
// fills their feature rows.
PageBlocks page_blocks(const HtmlDom& dom);

// The text of a block, whitespace folded, for the dump and for tests.
std::string block_text(const HtmlDom& dom, const TextBlock& block);

}  // namespace clearpage::extract
