#include "clearpage/document.hpp"

#include <array>
#include <utility>

namespace clearpage {

namespace {
constexpr std::array<std::pair<BlockKind, const char*>, 7> kBlockKindNames = {{
    {BlockKind::kHeading, "heading"},
    {BlockKind::kParagraph, "paragraph"},
    {BlockKind::kCaption, "caption"},
    {BlockKind::kList, "list"},
    {BlockKind::kTable, "table"},
    {BlockKind::kImage, "image"},
    {BlockKind::kQuote, "quote"},
}};
}  // namespace

const char* to_string(BlockKind kind) {
  for (const auto& [k, name] : kBlockKindNames) {
    if (k == kind) return name;
  }
  return "paragraph";
}

std::optional<BlockKind> block_kind_from_string(const std::string& name) {
  for (const auto& [k, n] : kBlockKindNames) {
    if (name == n) return k;
  }
  return std::nullopt;
}

std::string Document::text() const {
  std::string out;
  for (const auto& block : blocks) {
    if (!block.kept() || block.text.empty()) continue;
    if (!out.empty()) out += '\n';
    out += block.text;
  }
  return out;
}

void Document::remove_block(std::size_t index, const std::string& plugin, const std::string& rule) {
  if (index >= blocks.size() || blocks[index].removed) return;
  blocks[index].removed = Removal{plugin, rule};
}

}  // namespace clearpage
