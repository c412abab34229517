// The SDK's DomView over an HtmlDom: what plugins outside this tree see of a page.
#include <libxml/tree.h>

#include "clearpage/html/dom.hpp"

namespace clearpage::html {

namespace {

// Only this library's views carry it; plugins built with the same library may then
// reach the HtmlDom behind a view (html_dom below).
constexpr std::string_view kImplementation = "clearpage-libxml2-dom/1";

Node node_of(DomNode node) {
  return static_cast<Node>(node.handle());
}

std::vector<DomNode> handles(const std::vector<Node>& nodes) {
  std::vector<DomNode> out;
  out.reserve(nodes.size());
  for (const Node n : nodes) out.emplace_back(n);
  return out;
}

}  // namespace

// Named, not in the anonymous namespace: every plugin links its own copy of this
// library, and a view made by the html reader's copy is cast back by another's
// (html_dom). Types with internal linkage would differ between the copies, while one
// named class defined alike in each is the same type.
namespace detail {

class HtmlDomView final : public DomView {
 public:
  explicit HtmlDomView(std::shared_ptr<const HtmlDom> dom) : dom_(std::move(dom)) {}
  const HtmlDom& dom() const { return *dom_; }

  std::string_view implementation() const override { return kImplementation; }
  DomNode root() const override { return DomNode(dom_->root()); }
  DomNode head() const override { return DomNode(dom_->head()); }
  DomNode body() const override { return DomNode(dom_->body()); }

  DomNodeKind kind(DomNode node) const override {
    const Node n = node_of(node);
    if (html::is_element(n)) return DomNodeKind::kElement;
    return html::is_text(n) ? DomNodeKind::kText : DomNodeKind::kOther;
  }
  std::string_view tag(DomNode node) const override { return html::tag(node_of(node)); }
  std::string_view attr(DomNode node, std::string_view name) const override {
    return html::attr(node_of(node), name);
  }
  bool has_attr(DomNode node, std::string_view name) const override {
    return html::has_attr(node_of(node), name);
  }
  std::vector<DomAttribute> attributes(DomNode node) const override {
    std::vector<DomAttribute> out;
    const Node n = node_of(node);
    if (!html::is_element(n)) return out;
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      const auto* value = a->children ? a->children->content : nullptr;
      out.emplace_back(reinterpret_cast<const char*>(a->name),
                       value ? std::string_view(reinterpret_cast<const char*>(value)) : "");
    }
    return out;
  }
  std::string_view node_text(DomNode node) const override { return html::node_text(node_of(node)); }
  std::string text(DomNode node) const override { return text_content(node_of(node)); }

  DomNode parent(DomNode node) const override { return DomNode(html::parent(node_of(node))); }
  DomNode first_child(DomNode node) const override {
    return DomNode(html::first_child(node_of(node)));
  }
  DomNode next_sibling(DomNode node) const override {
    return DomNode(html::next_sibling(node_of(node)));
  }

  bool matches(DomNode node, std::string_view selector) const override {
    return matches_selector(node_of(node), selector);
  }
  std::vector<DomNode> select(DomNode scope, std::string_view selector) const override {
    return handles(scope ? html::select(node_of(scope), selector) : html::select(*dom_, selector));
  }
  std::string path(DomNode node) const override { return dom_path(node_of(node)); }

 private:
  std::shared_ptr<const HtmlDom> dom_;
};

}  // namespace detail

std::shared_ptr<const DomView> make_dom_view(std::shared_ptr<const HtmlDom> dom) {
  if (!dom) return nullptr;
  return std::make_shared<const detail::HtmlDomView>(std::move(dom));
}

const HtmlDom* html_dom(const Document& doc) {
  if (!doc.dom || doc.dom->implementation() != kImplementation) return nullptr;
  return &static_cast<const detail::HtmlDomView&>(*doc.dom).dom();
}

}  // namespace clearpage::html
