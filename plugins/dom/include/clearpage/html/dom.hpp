// A parsed HTML page and the small DOM helpers that readers, the generic extractor
// and site plugins share. The tree is libxml2's; libxml2 types stay out of this header
// (nodes are opaque `html::Node` handles), so plugins need not link libxml2.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/document.hpp"
#include "clearpage/dom_view.hpp"

struct _xmlNode;
struct _xmlDoc;

namespace clearpage {

struct HtmlParseLimits {
  std::size_t max_bytes = 64u << 20;  // larger input: parse_html throws
  // Deepest element nesting accepted. Up to 256 libxml2 enforces it itself; above,
  // the parser runs without its own limit and the tree is checked after parsing.
  int max_depth = 256;
};

namespace html {
class ParseArena;
// An element or text node of an HtmlDom; valid while the HtmlDom lives.
using Node = const _xmlNode*;

// One element of an HtmlDom, with the attributes that most lookups test.
struct ElementEntry {
  Node node = nullptr;
  std::string_view tag;      // lower-case
  std::string_view id;       // "" when absent
  std::string_view classes;  // the class attribute, "" when absent
  // The element and its descendants: this entry and the size - 1 entries after it.
  std::uint32_t size = 1;
  // Among the element siblings with the same tag: this one's 1-based position, and how
  // many there are (dom_path's "p[3]").
  std::uint32_t same_tag_index = 1;
  std::uint32_t same_tag_count = 1;
};
}  // namespace html

// Owns a libxml2 HTML document. Immutable after parsing, so stages may share it.
class HtmlDom {
 public:
  ~HtmlDom();
  HtmlDom(const HtmlDom&) = delete;
  HtmlDom& operator=(const HtmlDom&) = delete;

  html::Node root() const;  // <html>, or nullptr for an empty document
  html::Node head() const;  // may be nullptr
  html::Node body() const;  // may be nullptr
  // For code that walks the tree with libxml2 itself: read only, since the tree may live in
  // an arena that is freed whole (docs/plugins.md).
  _xmlDoc* xml_doc() const { return doc_; }
  int max_depth() const { return max_depth_; }

  // Values several stages read, derived from the tree once on first use (thread-safe).
  // The <meta> elements in document order.
  const std::vector<html::Node>& meta_elements() const;
  // The first <meta> whose name, property, itemprop or http-equiv equals `key` (ASCII
  // case-insensitively), or nullptr.
  html::Node meta_named(std::string_view key) const;
  // Text of every top-level element but <head>, its parts joined by a space (see
  // html::page_text).
  const std::string& page_text() const;
  // Whether page_text() contains `part`. A part without spaces is looked for in the text
  // before normalisation, which holds it exactly when page_text() does and costs no
  // normalising pass: site probes ask this of every page.
  bool page_text_contains(std::string_view part) const;
  // Every element in document order, so that lookups scan one array instead of walking
  // the tree.
  const std::vector<html::ElementEntry>& elements() const {
    if (!elements_ready_.load(std::memory_order_acquire)) index_elements();
    return elements_;
  }
  // The entry of an element of this or any other live HtmlDom; nullptr for other nodes.
  static const html::ElementEntry* entry_of(html::Node node);
  // Position of the element in elements(); only for nodes that entry_of() knows.
  std::size_t index_of(const html::ElementEntry& entry) const {
    return static_cast<std::size_t>(&entry - elements_.data());
  }

 private:
  friend std::shared_ptr<const HtmlDom> parse_html(std::string_view, const HtmlParseLimits&);
  HtmlDom(_xmlDoc* doc, int max_depth, std::unique_ptr<html::ParseArena> arena);
  _xmlDoc* doc_;
  int max_depth_;
  mutable std::once_flag metas_once_;
  mutable std::vector<html::Node> metas_;
  mutable std::vector<std::pair<std::string, html::Node>> meta_keys_;  // lower-case, first wins
  const std::string& raw_page_text() const;
  mutable std::once_flag raw_text_once_;
  mutable std::string raw_text_;
  mutable std::once_flag text_once_;
  mutable std::string text_;
  void index_elements() const;
  mutable std::atomic<bool> elements_ready_{false};
  mutable std::mutex elements_mutex_;
  mutable std::vector<html::ElementEntry> elements_;
  // Holds the whole tree when it was parsed into an arena; null when it is on the heap.
  std::unique_ptr<html::ParseArena> arena_;
};

// Parses UTF-8 HTML: no network, no entity loading, no external DTD, errors recovered.
// Throws std::runtime_error when the input or its nesting exceeds `limits`.
// Each plugin links its own copy of this library, and libxml2's allocator hooks are
// process-wide: only the copy that installed them parses into the per-page arena, the
// others parse through malloc. The plugin that parses pages claims the hooks when it
// loads, before any other plugin's parse can; returns whether this copy holds them.
bool claim_parse_arena();

std::shared_ptr<const HtmlDom> parse_html(std::string_view utf8,
                                          const HtmlParseLimits& limits = {});

namespace html {
// The SDK's read-only view of the tree (Document::dom), for plugins outside this tree.
std::shared_ptr<const DomView> make_dom_view(std::shared_ptr<const HtmlDom> dom);
// The HtmlDom behind doc.dom when this library made the view, else nullptr: in-tree
// plugins walk the tree with the direct helpers below rather than virtual calls.
const HtmlDom* html_dom(const Document& doc);
}  // namespace html

namespace html {

// A fixed set of tag names with a cheap exact test, for checks made on every node of a walk.
class TagSet {
 public:
  TagSet(std::initializer_list<std::string_view> names) : TagSet(names.begin(), names.end()) {}
  template <typename Iterator>
  TagSet(Iterator first, Iterator last) {
    for (; first != last; ++first) add(*first);
    seal();
  }
  bool contains(std::string_view name) const;

 private:
  void add(std::string_view name);
  void seal();
  // Names of up to 8 bytes, packed into one word, in an open-addressing table (0 is a free
  // slot: no packed name is 0); a lookup is one multiply and a probe or two.
  std::vector<std::uint64_t> short_names_;
  std::vector<std::uint64_t> slots_;
  unsigned shift_ = 64;
  std::vector<std::string> long_names_;
};

bool is_element(Node node);
bool is_text(Node node);  // text or CDATA
// Lower-case tag name of an element ("" for other nodes).
std::string_view tag(Node node);
bool has_tag(Node node, std::string_view name);
// The attribute's value, or "" when absent. Attribute names are matched case-insensitively.
std::string_view attr(Node node, std::string_view name);
bool has_attr(Node node, std::string_view name);
// One pass over the element's attributes for several (lower-case) names: values[i] is the
// value of names[i], as attr() gives it, and bit i of the result is set when it is present.
unsigned attr_values(Node node, std::initializer_list<std::string_view> names,
                     std::string_view* values);
// Raw text of a text node ("" otherwise).
std::string_view node_text(Node node);

Node parent(Node node);
// Whether `node` is `ancestor` or lies inside it.
bool is_inside(Node node, Node ancestor);
Node first_child(Node node);
Node next_sibling(Node node);
Node first_element_child(Node node);
Node next_element_sibling(Node node);
Node previous_element_sibling(Node node);
std::vector<Node> element_children(Node node);

std::string_view id(Node node);
// Whitespace-separated tokens of the class attribute.
std::vector<std::string_view> class_tokens(Node node);
bool has_class(Node node, std::string_view token);
// Whether the class attribute value `classes` holds `token`.
bool has_class_token(std::string_view classes, std::string_view token);
// Calls `visit` with each whitespace-separated token of a class attribute value until it
// returns true; returns whether one did. Builds nothing.
template <typename Visit>
bool any_class_token(std::string_view classes, Visit&& visit);

// Text of the subtree without script/style/noscript/template. With `normalize`,
// whitespace runs collapse to one space and the ends are trimmed; block elements and
// <br> separate their text by a space (so words do not run together).
std::string text_content(Node node, bool normalize = true);
// Appends what text_content(node, false) returns to `out`, without a temporary string.
void append_text_content(Node node, std::string& out);
// The pieces that text_content(node, false) joins, in order: text, and " " around block
// elements. `piece` returns false to stop, for callers that need only part of a long text.
template <typename Piece>
void for_each_text_piece(Node node, Piece&& piece);
// Elements whose text text_content() leaves out, and those it separates by a space.
bool is_invisible_tag(std::string_view tag_name);
bool is_block_tag(std::string_view tag_name);

// Element path from the root with 1-based positions among same-tag siblings,
// e.g. "html/body/div[2]/p[3]" (the index is left out when the tag is unique).
std::string dom_path(Node node);

// Visits every element below `root` (excluding `root`) in document order;
// `visit` returns false to skip an element's subtree.
template <typename Visit>
void for_each_element(Node root, Visit&& visit);

// Simple selectors: "tag", ".class", "#id", "[attr]", "[attr=value]", "tag.class#id",
// compound forms and descendant combinators separated by spaces ("div.article p"),
// and comma-separated alternatives. Throws std::invalid_argument on syntax it does not know.
std::vector<Node> select(Node root, std::string_view selector);
Node select_first(Node root, std::string_view selector);
std::vector<Node> select(const HtmlDom& dom, std::string_view selector);
Node select_first(const HtmlDom& dom, std::string_view selector);
// Whether the element matches the selector.
bool matches_selector(Node node, std::string_view selector);

Node find_by_id(const HtmlDom& dom, std::string_view id_value);
std::vector<Node> find_by_class(const HtmlDom& dom, std::string_view token);
std::vector<Node> find_by_tag(const HtmlDom& dom, std::string_view tag_name);

// content of the first <meta> whose name, property, itemprop or http-equiv equals `key`
// (case-insensitively); "" when there is none.
std::string meta_content(const HtmlDom& dom, std::string_view key);

// Text of inline <script> elements, in document order (for `var ct = "..."` and JSON-LD).
std::vector<std::string> script_texts(const HtmlDom& dom, std::string_view type_filter = {});

}  // namespace html
}  // namespace clearpage

#include "clearpage/html/dom_inl.hpp"
