// A read-only view of a parsed HTML page (Document::dom), over opaque node handles.
//
// The reader that parsed the page implements the view; this header fixes no memory
// layout of the tree, so the parser can change without breaking plugins built against
// the same SDK major. Adding a virtual function here is a major version change.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clearpage {

// An element or text node of a DomView; valid while the view lives. Only the view that
// handed it out knows what it points at.
class DomNode {
 public:
  DomNode() = default;
  explicit DomNode(const void* handle) : handle_(handle) {}
  explicit operator bool() const { return handle_ != nullptr; }
  const void* handle() const { return handle_; }
  friend bool operator==(DomNode a, DomNode b) { return a.handle_ == b.handle_; }

 private:
  const void* handle_ = nullptr;
};

enum class DomNodeKind { kElement, kText, kOther };

using DomAttribute = std::pair<std::string_view, std::string_view>;  // name, value

// Immutable after parsing, so stages on any thread may query it at once. Strings it
// returns as views stay valid while the view lives.
class DomView {
 public:
  virtual ~DomView() = default;

  // Which implementation this is, so in-tree plugins built with it can use its own
  // faster interface; out-of-tree plugins need not look at it.
  virtual std::string_view implementation() const = 0;

  virtual DomNode root() const = 0;  // <html>; a null node for an empty page
  virtual DomNode head() const = 0;  // may be null
  virtual DomNode body() const = 0;  // may be null

  virtual DomNodeKind kind(DomNode node) const = 0;
  // Lower-case tag name of an element; "" for other nodes.
  virtual std::string_view tag(DomNode node) const = 0;
  // The attribute's value, "" when absent; names match case-insensitively.
  virtual std::string_view attr(DomNode node, std::string_view name) const = 0;
  virtual bool has_attr(DomNode node, std::string_view name) const = 0;
  // Every attribute of an element, in source order.
  virtual std::vector<DomAttribute> attributes(DomNode node) const = 0;
  // Raw text of a text node; "" for other nodes.
  virtual std::string_view node_text(DomNode node) const = 0;
  // Text of the subtree without script/style/noscript/template: whitespace runs
  // collapsed to one space, ends trimmed, block elements separated by a space.
  virtual std::string text(DomNode node) const = 0;

  virtual DomNode parent(DomNode node) const = 0;  // null above the root
  virtual DomNode first_child(DomNode node) const = 0;
  virtual DomNode next_sibling(DomNode node) const = 0;

  // Simple selectors: "tag", ".class", "#id", "[attr]", "[attr=value]", compounds
  // ("div.article#main"), descendant combinators ("div.article p") and comma-separated
  // alternatives. Both throw std::invalid_argument on syntax they do not know.
  virtual bool matches(DomNode node, std::string_view selector) const = 0;
  // Elements below `scope` (the whole page for a null node) that match, in document order.
  virtual std::vector<DomNode> select(DomNode scope, std::string_view selector) const = 0;

  // Element path from the root, 1-based among same-tag siblings ("html/body/div[2]/p[3]").
  virtual std::string path(DomNode node) const = 0;

  // Conveniences over the calls above.
  bool is_element(DomNode node) const { return kind(node) == DomNodeKind::kElement; }
  std::vector<DomNode> children(DomNode node) const;
  DomNode select_first(DomNode scope, std::string_view selector) const;
};

}  // namespace clearpage
