#include "block_choice.hpp"

namespace clearpage::extract {

BlockChoice::BlockChoice(const HtmlDom& dom, const PageBlocks& page, const TreeModel& model,
                         double threshold)
    : first_(page.first) {
  const std::size_t n = page.last - page.first;
  const auto& entries = dom.elements();
  if (n > 0) base_ = &entries[first_];
  sizes_.resize(n);
  for (std::size_t k = 0; k < n; ++k) sizes_[k] = entries[first_ + k].size;
  model.predict(page.features.data(), page.blocks.size(), probabilities_);
  std::vector<int> units(n, 0);
  std::vector<int> kept(n, 0);
  own_kept_.assign(n, 0);
  for (std::size_t i = 0; i < page.blocks.size(); ++i) {
    const std::size_t k = page.blocks[i].element - first_;
    units[k] = page.blocks[i].text.units;
    if (probabilities_[i] >= threshold) {
      kept[k] = units[k];
      own_kept_[k] = 1;
      kept_total_ += units[k];
    }
  }
  units_prefix_.assign(n + 1, 0);
  kept_prefix_.assign(n + 1, 0);
  for (std::size_t k = 0; k < n; ++k) {
    units_prefix_[k + 1] = units_prefix_[k] + units[k];
    kept_prefix_[k + 1] = kept_prefix_[k] + kept[k];
  }
}

long BlockChoice::position(html::Node node) const {
  const html::ElementEntry* e = node ? HtmlDom::entry_of(node) : nullptr;
  if (!e || !base_ || e < base_ || e >= base_ + sizes_.size()) return -1;
  return static_cast<long>(e - base_);
}

int BlockChoice::units(html::Node node) const {
  const long k = position(node);
  if (k < 0) return 0;
  const auto u = static_cast<std::size_t>(k);
  return units_prefix_[u + sizes_[u]] - units_prefix_[u];
}

int BlockChoice::kept_units(html::Node node) const {
  const long k = position(node);
  if (k < 0) return 0;
  const auto u = static_cast<std::size_t>(k);
  return kept_prefix_[u + sizes_[u]] - kept_prefix_[u];
}

bool BlockChoice::owns_kept(html::Node node) const {
  const long k = position(node);
  return k >= 0 && own_kept_[static_cast<std::size_t>(k)] != 0;
}

}  // namespace clearpage::extract
