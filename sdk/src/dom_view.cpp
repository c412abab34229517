#include "clearpage/dom_view.hpp"

namespace clearpage {

std::vector<DomNode> DomView::children(DomNode node) const {
  std::vector<DomNode> out;
  for (DomNode child = first_child(node); child; child = next_sibling(child)) {
    out.push_back(child);
  }
  return out;
}

DomNode DomView::select_first(DomNode scope, std::string_view selector) const {
  const std::vector<DomNode> found = select(scope, selector);
  return found.empty() ? DomNode() : found.front();
}

}  // namespace clearpage
