// What the block classifier keeps of a page, asked per element by the block builder:
// a heading, list or table is kept when most of its text is.
#pragma once

#include <cstdint>
#include <vector>

#include "block_features.hpp"
#include "tree_model.hpp"

namespace clearpage::extract {

class BlockChoice {
 public:
  // Scores every block of `page` once; blocks at `threshold` or above are kept.
  BlockChoice(const HtmlDom& dom, const PageBlocks& page, const TreeModel& model, double threshold);

  bool any_kept() const { return kept_total_ > 0; }
  int kept_units_total() const { return kept_total_; }
  // Units of the element's subtree, and how many of them the model keeps; 0 for nodes
  // outside the scored range.
  int units(html::Node node) const;
  int kept_units(html::Node node) const;
  // Whether the element's own text (its block) is kept; false when it owns none.
  bool owns_kept(html::Node node) const;
  // Most of the subtree's text is kept.
  bool mostly_kept(html::Node node) const {
    const int u = units(node);
    return u > 0 && kept_units(node) * 2 >= u;
  }
  const std::vector<float>& probabilities() const { return probabilities_; }

 private:
  // The element's position in the scored range, or -1.
  long position(html::Node node) const;
  std::uint32_t first_ = 0;
  const html::ElementEntry* base_ = nullptr;  // the first scored element's entry
  std::vector<std::uint32_t> sizes_;          // subtree size by position
  std::vector<int> units_prefix_;             // running sums by position
  std::vector<int> kept_prefix_;
  std::vector<char> own_kept_;
  std::vector<float> probabilities_;
  int kept_total_ = 0;
};

}  // namespace clearpage::extract
