#include "clearpage/html/dom.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "clearpage/budget.hpp"
#include "clearpage/text/normalize.hpp"
#include "parse_arena.hpp"

namespace clearpage {

namespace {

using html::Node;

std::string_view to_view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

unsigned char ascii_lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

// ASCII case folding only, as std::tolower does in the "C" locale.
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(static_cast<unsigned char>(a[i])) !=
        ascii_lower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::uint64_t pack_name(std::string_view name) {
  std::uint64_t key = 0;
  std::memcpy(&key, name.data(), std::min<std::size_t>(name.size(), 8));
  return key;
}

Node find_child_element(Node parent, std::string_view name) {
  for (Node n = html::first_element_child(parent); n; n = html::next_element_sibling(n)) {
    if (html::tag(n) == name) return n;
  }
  return nullptr;
}

int tree_depth(const xmlNode* root) {
  int depth = 0;
  int max_depth = 0;
  const xmlNode* node = root;
  while (node) {
    if (node->type == XML_ELEMENT_NODE) max_depth = std::max(max_depth, depth);
    if (node->children) {
      node = node->children;
      ++depth;
      continue;
    }
    while (node && !node->next) {
      node = node->parent;
      --depth;
      if (node == root || depth <= 0) {
        node = nullptr;
        break;
      }
    }
    if (node) node = node->next;
  }
  return max_depth;
}

// Charges the tree to the document's budget while libxml2 builds it, so a page that
// would blow up into millions of nodes is stopped part-way instead of after the damage.
// SAX callbacks cannot throw through libxml2's C frames: they stop the parser and leave
// the reason for parse_html to throw.
class ParseWatch {
 public:
  ParseWatch(htmlParserCtxtPtr ctxt, DocumentBudget* budget) : budget_(budget) {
    xmlSAXHandler* sax = ctxt->sax;
    start_element_ = sax->startElement;
    characters_ = sax->characters;
    cdata_ = sax->cdataBlock;
    comment_ = sax->comment;
    sax->startElement = &ParseWatch::on_start_element;
    if (characters_) sax->characters = &ParseWatch::on_characters;
    if (cdata_) sax->cdataBlock = &ParseWatch::on_cdata;
    if (comment_) sax->comment = &ParseWatch::on_comment;
    // The callbacks find their watch through the parser context: no thread-local lookup
    // per event.
    ctxt->_private = this;
  }

  // Throws when a callback stopped the parse.
  void rethrow() const {
    if (stopped_ == Stop::kTime) {
      throw BudgetExceeded(BudgetExceeded::Kind::kTime, budget_->time_message());
    }
    if (stopped_ == Stop::kMemory) {
      throw BudgetExceeded(BudgetExceeded::Kind::kMemory,
                           budget_->memory_message(budget_->charged()) + " while parsing HTML");
    }
  }

 private:
  enum class Stop { kNone, kTime, kMemory };
  // Rough heap cost of a node: the struct plus allocator overhead.
  static constexpr std::uint64_t kNodeBytes = sizeof(xmlNode) + 16;
  static constexpr std::uint64_t kAttrBytes = sizeof(xmlAttr) + kNodeBytes;
  static constexpr unsigned kEventsPerClockRead = 256;

  // False once the parse has been stopped.
  bool account(void* ctx, std::uint64_t bytes) {
    if (stopped_ != Stop::kNone) return false;
    if (!budget_->try_charge(bytes)) {
      stopped_ = Stop::kMemory;
    } else if (++events_ % kEventsPerClockRead == 0 && budget_->out_of_time()) {
      stopped_ = Stop::kTime;
    }
    if (stopped_ == Stop::kNone) return true;
    xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
    return false;
  }

  static ParseWatch* of(void* ctx) {
    return static_cast<ParseWatch*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
  }
  static void on_start_element(void* ctx, const xmlChar* name, const xmlChar** atts) {
    ParseWatch* self = of(ctx);
    std::uint64_t bytes = kNodeBytes;
    for (const xmlChar** a = atts; a && a[0]; a += 2) {
      bytes += kAttrBytes + (a[1] ? xmlStrlen(a[1]) : 0);
    }
    if (self->account(ctx, bytes) && self->start_element_) {
      self->start_element_(ctx, name, atts);
    }
  }
  static void on_characters(void* ctx, const xmlChar* text, int len) {
    ParseWatch* self = of(ctx);
    if (self->account(ctx, kNodeBytes + static_cast<std::uint64_t>(len))) {
      self->characters_(ctx, text, len);
    }
  }
  static void on_cdata(void* ctx, const xmlChar* text, int len) {
    ParseWatch* self = of(ctx);
    if (self->account(ctx, kNodeBytes + static_cast<std::uint64_t>(len))) {
      self->cdata_(ctx, text, len);
    }
  }
  static void on_comment(void* ctx, const xmlChar* text) {
    ParseWatch* self = of(ctx);
    if (self->account(ctx, kNodeBytes + (text ? xmlStrlen(text) : 0))) {
      self->comment_(ctx, text);
    }
  }

  DocumentBudget* budget_;
  startElementSAXFunc start_element_;
  charactersSAXFunc characters_;
  cdataBlockSAXFunc cdata_;
  commentSAXFunc comment_;
  unsigned events_ = 0;
  Stop stopped_ = Stop::kNone;
};

// The tree takes about 13 times the page's bytes (24 at most over the shared corpora):
// a first chunk of 16 times holds most pages whole.
constexpr std::size_t kArenaBytesPerInputByte = 16;

}  // namespace

HtmlDom::HtmlDom(xmlDocPtr doc, int max_depth, std::unique_ptr<html::ParseArena> arena)
    : doc_(doc), max_depth_(max_depth), arena_(std::move(arena)) {
  // Lets entry_of() find the HtmlDom of any of its nodes.
  if (doc_) doc_->_private = const_cast<HtmlDom*>(this);
}

HtmlDom::~HtmlDom() {
  // An arena tree goes with its arena, without a walk over the nodes.
  if (doc_ && !arena_) xmlFreeDoc(doc_);
}

void HtmlDom::index_elements() const {
  std::lock_guard<std::mutex> lock(elements_mutex_);
  if (elements_ready_.load(std::memory_order_relaxed)) return;
  elements_.clear();  // a walk stopped by the budget may have left part of one
  if (!doc_) {
    elements_ready_.store(true, std::memory_order_release);
    return;
  }
  std::vector<std::uint32_t> open;  // entries of the elements the walk is inside
  // Per depth, how many children of the open element so far had each tag (for dom_path).
  std::vector<std::vector<std::pair<std::string_view, std::uint32_t>>> tag_counts(1);
  const auto count_of = [](std::vector<std::pair<std::string_view, std::uint32_t>>& counts,
                           std::string_view tag) -> std::uint32_t& {
    for (auto& [t, n] : counts) {
      if (t == tag) return n;
    }
    return counts.emplace_back(tag, 0).second;
  };
  // Sets the final same-tag counts of the children of `first`..`last` (entry indexes).
  const auto close_level = [&](std::uint32_t first, std::uint32_t last, std::size_t level) {
    for (std::uint32_t c = first; c < last; c += elements_[c].size) {
      elements_[c].same_tag_count = count_of(tag_counts[level], elements_[c].tag);
    }
  };
  xmlNode* node = doc_->children;
  while (node) {
    check_budget();
    if (node->type == XML_ELEMENT_NODE) {
      html::ElementEntry entry;
      entry.node = node;
      entry.tag = to_view(node->name);
      std::string_view values[2];
      html::attr_values(node, {"id", "class"}, values);
      entry.id = values[0];
      entry.classes = values[1];
      entry.same_tag_index = ++count_of(tag_counts[open.size()], entry.tag);
      const auto index = static_cast<std::uint32_t>(elements_.size());
      elements_.push_back(entry);
      // Slot + 1 in the node's application pointer: 0 stays "not indexed".
      node->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(index) + 1);
      if (node->children) {
        open.push_back(index);
        if (tag_counts.size() <= open.size()) tag_counts.resize(open.size() + 1);
        tag_counts[open.size()].clear();
        node = node->children;
        continue;
      }
    }
    while (node && !node->next) {
      node = node->parent;
      if (!node || node->type != XML_ELEMENT_NODE) {
        node = nullptr;
        break;
      }
      const std::uint32_t closed = open.back();
      elements_[closed].size = static_cast<std::uint32_t>(elements_.size()) - closed;
      close_level(closed + 1, closed + elements_[closed].size, open.size());
      open.pop_back();
    }
    if (node) node = node->next;
  }
  close_level(0, static_cast<std::uint32_t>(elements_.size()), 0);
  elements_ready_.store(true, std::memory_order_release);
}

const html::ElementEntry* HtmlDom::entry_of(html::Node node) {
  if (!node || node->type != XML_ELEMENT_NODE || !node->doc || !node->doc->_private) {
    return nullptr;
  }
  const auto& all = static_cast<const HtmlDom*>(node->doc->_private)->elements();
  const auto slot = reinterpret_cast<std::uintptr_t>(node->_private);
  return slot == 0 || slot > all.size() ? nullptr : &all[slot - 1];
}

html::Node HtmlDom::root() const {
  return doc_ ? xmlDocGetRootElement(doc_) : nullptr;
}

html::Node HtmlDom::head() const {
  return find_child_element(root(), "head");
}

html::Node HtmlDom::body() const {
  return find_child_element(root(), "body");
}

const std::vector<html::Node>& HtmlDom::meta_elements() const {
  std::call_once(metas_once_, [this] {
    if (!doc_) return;
    for (const auto& e : elements()) {
      if (e.tag == "meta") metas_.push_back(e.node);
    }
    // In the order meta_named() answers: by element, then by attribute.
    for (Node n : metas_) {
      for (const char* a : {"name", "property", "itemprop", "http-equiv"}) {
        std::string key(html::attr(n, a));  // "" when absent, as meta_content always had it
        for (auto& c : key) c = static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
        const bool seen = std::any_of(meta_keys_.begin(), meta_keys_.end(),
                                      [&](const auto& entry) { return entry.first == key; });
        if (!seen) meta_keys_.emplace_back(std::move(key), n);
      }
    }
  });
  return metas_;
}

html::Node HtmlDom::meta_named(std::string_view key) const {
  meta_elements();
  for (const auto& [lower, node] : meta_keys_) {
    if (iequals(lower, key)) return node;
  }
  return nullptr;
}

const std::string& HtmlDom::raw_page_text() const {
  std::call_once(raw_text_once_, [this] {
    if (!doc_) return;
    const Node head_node = head();
    // Recovery from a stray "-->" can leave a second top-level <html> holding the rest of
    // the page, so every top-level element counts.
    for (const xmlNode* top = doc_->children; top; top = top->next) {
      if (top->type != XML_ELEMENT_NODE) continue;
      for (const xmlNode* child = top->children; child; child = child->next) {
        if (child == head_node || child->type != XML_ELEMENT_NODE) continue;
        raw_text_ += ' ';
        html::append_text_content(child, raw_text_);
      }
    }
  });
  return raw_text_;
}

// The parts, joined by a space, are normalised once: the same as joining each normalised,
// non-empty part.
const std::string& HtmlDom::page_text() const {
  std::call_once(text_once_, [this] { text_ = text::normalize_whitespace(raw_page_text()); });
  return text_;
}

bool HtmlDom::page_text_contains(std::string_view part) const {
  // Normalising changes only runs of spaces and copies every other byte, so a part that
  // normalising leaves alone and that holds no space lies inside one run of other bytes,
  // in both texts alike.
  const bool spaceless =
      part.find(' ') == std::string_view::npos && text::normalize_whitespace(part) == part;
  const std::string& text = spaceless ? raw_page_text() : page_text();
  return text.find(part) != std::string::npos;
}

bool claim_parse_arena() {
  return html::arena_hooks_installed();
}

std::shared_ptr<const HtmlDom> parse_html(std::string_view utf8, const HtmlParseLimits& limits) {
  if (utf8.size() > limits.max_bytes) {
    throw std::runtime_error("HTML input is " + std::to_string(utf8.size()) +
                             " bytes, over the limit of " + std::to_string(limits.max_bytes));
  }
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::runtime_error("HTML input too large for the parser");
  }
  // Up to 256 libxml2 enforces the depth itself; above, the tree is checked after parsing.
  const bool own_depth_check = limits.max_depth > 256;
  std::unique_ptr<html::ParseArena> arena;
  if (html::arena_hooks_installed()) {
    arena = std::make_unique<html::ParseArena>(kArenaBytesPerInputByte * utf8.size());
  }
  htmlDocPtr doc = nullptr;
  {
    // Declared before the context, so the context is freed while the arena still takes
    // libxml2's frees.
    html::ArenaScope scope(arena.get());
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) throw std::runtime_error("libxml2: cannot create a parser context");
    std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> guard(ctxt, htmlFreeParserCtxt);
    // The input is UTF-8 already: naming the encoding and IGNORE_ENC stop libxml2 from
    // re-decoding it by a <meta charset> that may lie.
    int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                  HTML_PARSE_RECOVER | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    if (own_depth_check) options |= XML_PARSE_HUGE;
    std::optional<ParseWatch> watch;
    if (DocumentBudget* budget = current_budget()) watch.emplace(ctxt, budget);
    doc = htmlCtxtReadMemory(ctxt, utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                             options);
    // From here on the tree belongs to `partial` until an HtmlDom takes it.
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> partial(doc,
                                                         arena ? +[](xmlDocPtr) {} : xmlFreeDoc);
    if (watch) watch->rethrow();
    const xmlError* error = xmlCtxtGetLastError(ctxt);
    if (error && error->message && std::strstr(error->message, "Excessive depth")) {
      throw std::runtime_error("HTML nesting is deeper than the limit of " +
                               std::to_string(std::min(limits.max_depth, 256)) + " elements");
    }
    partial.release();
  }
  if (!doc) throw std::runtime_error("libxml2 could not parse the HTML");
  std::shared_ptr<const HtmlDom> dom(new HtmlDom(doc, limits.max_depth, std::move(arena)));
  if (own_depth_check) {
    const int depth = tree_depth(xmlDocGetRootElement(doc));
    if (depth > limits.max_depth) {
      throw std::runtime_error("HTML nesting is " + std::to_string(depth) +
                               " elements deep, over the limit of " +
                               std::to_string(limits.max_depth));
    }
  }
  return dom;
}

namespace html {

void TagSet::add(std::string_view name) {
  if (name.empty()) return;
  if (name.size() <= 8) {
    short_names_.push_back(pack_name(name));
  } else {
    long_names_.emplace_back(name);
  }
}

namespace {
constexpr std::uint64_t kTagHashMultiplier = 0x9E3779B97F4A7C15ull;
}

void TagSet::seal() {
  // At most a quarter full, so that probes stay short.
  std::size_t size = 8;
  unsigned bits = 3;
  while (size < 4 * short_names_.size()) {
    size *= 2;
    ++bits;
  }
  slots_.assign(size, 0);
  shift_ = 64 - bits;
  for (const std::uint64_t key : short_names_) {
    std::size_t i = static_cast<std::size_t>((key * kTagHashMultiplier) >> shift_);
    while (slots_[i] != 0 && slots_[i] != key) i = (i + 1) & (size - 1);
    slots_[i] = key;
  }
  short_names_.clear();
}

bool TagSet::contains(std::string_view name) const {
  if (name.empty()) return false;
  if (name.size() <= 8) {
    const std::uint64_t key = pack_name(name);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>((key * kTagHashMultiplier) >> shift_);;
         i = (i + 1) & mask) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }
  return std::find(long_names_.begin(), long_names_.end(), name) != long_names_.end();
}

bool is_element(Node node) {
  return node && node->type == XML_ELEMENT_NODE;
}

bool is_text(Node node) {
  return node && (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE);
}

std::string_view tag(Node node) {
  return is_element(node) ? to_view(node->name) : "";
}

bool has_tag(Node node, std::string_view name) {
  return tag(node) == name;
}

namespace {
const xmlAttr* find_attr(Node node, std::string_view name) {
  if (!is_element(node)) return nullptr;
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (iequals(to_view(a->name), name)) return a;
  }
  return nullptr;
}
}  // namespace

std::string_view attr(Node node, std::string_view name) {
  // The two attributes asked for most are in the element index.
  if (name == "class" || name == "id") {
    if (const ElementEntry* e = HtmlDom::entry_of(node)) return name[0] == 'c' ? e->classes : e->id;
  }
  const xmlAttr* a = find_attr(node, name);
  if (!a || !a->children) return "";
  // The HTML parser stores an attribute value as one text child.
  return to_view(a->children->content);
}

bool has_attr(Node node, std::string_view name) {
  return find_attr(node, name) != nullptr;
}

unsigned attr_values(Node node, std::initializer_list<std::string_view> names,
                     std::string_view* values) {
  unsigned present = 0;
  if (!is_element(node)) return present;
  const unsigned all = (1u << names.size()) - 1;
  for (const xmlAttr* a = node->properties; a && present != all; a = a->next) {
    const std::string_view name = to_view(a->name);
    std::size_t i = 0;
    for (const std::string_view wanted : names) {
      if (!(present & (1u << i)) && iequals(name, wanted)) {
        present |= 1u << i;
        values[i] = a->children ? to_view(a->children->content) : std::string_view();
        break;
      }
      ++i;
    }
  }
  return present;
}

std::string_view node_text(Node node) {
  return is_text(node) ? to_view(node->content) : "";
}

Node parent(Node node) {
  if (!node || !node->parent || node->parent->type == XML_DOCUMENT_NODE ||
      node->parent->type == XML_HTML_DOCUMENT_NODE) {
    return nullptr;
  }
  return node->parent;
}

bool is_inside(Node node, Node ancestor) {
  // Descendants follow their ancestor in the element index.
  const ElementEntry* n = HtmlDom::entry_of(node);
  const ElementEntry* a = HtmlDom::entry_of(ancestor);
  if (n && a && node->doc == ancestor->doc) return a <= n && n < a + a->size;
  for (Node up = node; up; up = parent(up)) {
    if (up == ancestor) return true;
  }
  return false;
}

Node first_child(Node node) {
  return node ? node->children : nullptr;
}
Node next_sibling(Node node) {
  return node ? node->next : nullptr;
}

Node first_element_child(Node node) {
  Node n = first_child(node);
  while (n && !is_element(n)) n = n->next;
  return n;
}

Node next_element_sibling(Node node) {
  Node n = next_sibling(node);
  while (n && !is_element(n)) n = n->next;
  return n;
}

Node previous_element_sibling(Node node) {
  Node n = node ? node->prev : nullptr;
  while (n && !is_element(n)) n = n->prev;
  return n;
}

std::vector<Node> element_children(Node node) {
  std::vector<Node> out;
  for (Node n = first_element_child(node); n; n = next_element_sibling(n)) out.push_back(n);
  return out;
}

std::string_view id(Node node) {
  return attr(node, "id");
}

std::vector<std::string_view> class_tokens(Node node) {
  std::vector<std::string_view> out;
  any_class_token(attr(node, "class"), [&](std::string_view t) {
    out.push_back(t);
    return false;
  });
  return out;
}

bool has_class(Node node, std::string_view token) {
  return has_class_token(attr(node, "class"), token);
}

bool has_class_token(std::string_view value, std::string_view token) {
  return !token.empty() && any_class_token(value, [&](std::string_view t) { return t == token; });
}

bool is_invisible_tag(std::string_view t) {
  static const TagSet kInvisible = {"script", "style", "noscript", "template", "head"};
  return kInvisible.contains(t);
}

bool is_block_tag(std::string_view t) {
  static const TagSet kBlocks = {
      "address", "article",  "aside",      "blockquote", "br",      "dd",     "div",    "dl",
      "dt",      "fieldset", "figcaption", "figure",     "footer",  "form",   "h1",     "h2",
      "h3",      "h4",       "h5",         "h6",         "header",  "hr",     "li",     "main",
      "nav",     "ol",       "p",          "pre",        "section", "table",  "tbody",  "td",
      "tfoot",   "th",       "thead",      "tr",         "ul",      "center", "caption"};
  return kBlocks.contains(t);
}

void append_text_content(Node node, std::string& out) {
  for_each_text_piece(node, [&out](std::string_view piece) {
    out += piece;
    return true;
  });
}

std::string text_content(Node node, bool normalize) {
  std::string out;
  append_text_content(node, out);
  return normalize ? text::normalize_whitespace(out) : out;
}

std::string dom_path(Node node) {
  std::vector<std::string> parts;
  for (Node n = node; is_element(n); n = parent(n)) {
    const std::string_view t = tag(n);
    std::uint32_t index = 1;
    std::uint32_t count = 1;
    if (const ElementEntry* e = HtmlDom::entry_of(n)) {
      // Counted once for the page: a path per block in a long list is then no quadratic.
      index = e->same_tag_index;
      count = e->same_tag_count;
    } else {
      for (Node s = previous_element_sibling(n); s; s = previous_element_sibling(s)) {
        if (tag(s) == t) ++index;
      }
      count = index;
      for (Node s = next_element_sibling(n); s; s = next_element_sibling(s)) {
        if (tag(s) == t) ++count;
      }
    }
    std::string part(t);
    if (count > 1) part += "[" + std::to_string(index) + "]";
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += '/';
    out += *it;
  }
  return out;
}

namespace {

struct Compound {
  std::string tag;
  std::string id;
  std::vector<std::string> classes;
  std::vector<std::pair<std::string, std::optional<std::string>>> attrs;
};

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

Compound parse_compound(std::string_view s) {
  Compound c;
  std::size_t i = 0;
  auto read_name = [&]() {
    const std::size_t start = i;
    while (i < s.size() && is_name_char(s[i])) ++i;
    if (i == start) {
      throw std::invalid_argument("selector: expected a name in '" + std::string(s) + "'");
    }
    return std::string(s.substr(start, i - start));
  };
  if (i < s.size() && s[i] == '*') {
    ++i;
  } else if (i < s.size() && is_name_char(s[i])) {
    c.tag = text::ascii_lower(read_name());
  }
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
      c.classes.push_back(read_name());
    } else if (s[i] == '#') {
      ++i;
      c.id = read_name();
    } else if (s[i] == '[') {
      ++i;
      std::string name = read_name();
      std::optional<std::string> value;
      if (i < s.size() && s[i] == '=') {
        ++i;
        char quote = 0;
        if (i < s.size() && (s[i] == '"' || s[i] == '\'')) quote = s[i++];
        const std::size_t start = i;
        while (i < s.size() && (quote ? s[i] != quote : s[i] != ']')) ++i;
        value = std::string(s.substr(start, i - start));
        if (quote && i < s.size()) ++i;
      }
      if (i >= s.size() || s[i] != ']') {
        throw std::invalid_argument("selector: unclosed '[' in '" + std::string(s) + "'");
      }
      ++i;
      c.attrs.emplace_back(std::move(name), std::move(value));
    } else {
      throw std::invalid_argument("selector: unsupported syntax in '" + std::string(s) + "'");
    }
  }
  return c;
}

bool matches(Node node, const Compound& c) {
  if (!is_element(node)) return false;
  if (!c.tag.empty() && tag(node) != c.tag) return false;
  if (!c.id.empty() && id(node) != c.id) return false;
  for (const auto& cls : c.classes) {
    if (!has_class(node, cls)) return false;
  }
  for (const auto& [name, value] : c.attrs) {
    if (!has_attr(node, name)) return false;
    if (value && attr(node, name) != *value) return false;
  }
  return true;
}

// Descendant chain: the last compound matches the node, earlier ones its ancestors.
bool matches_chain(Node node, const std::vector<Compound>& chain) {
  if (chain.empty() || !matches(node, chain.back())) return false;
  std::size_t k = chain.size() - 1;
  Node n = parent(node);
  while (k > 0 && n) {
    if (matches(n, chain[k - 1])) --k;
    n = parent(n);
  }
  return k == 0;
}

std::vector<std::vector<Compound>> parse_selector(std::string_view selector) {
  std::vector<std::vector<Compound>> alternatives;
  std::size_t start = 0;
  while (start <= selector.size()) {
    std::size_t comma = selector.find(',', start);
    if (comma == std::string_view::npos) comma = selector.size();
    const std::string_view part = selector.substr(start, comma - start);
    std::vector<Compound> chain;
    std::size_t i = 0;
    while (i < part.size()) {
      while (i < part.size() && std::isspace(static_cast<unsigned char>(part[i]))) ++i;
      std::size_t j = i;
      bool in_bracket = false;
      while (j < part.size() &&
             (in_bracket || !std::isspace(static_cast<unsigned char>(part[j])))) {
        if (part[j] == '[') in_bracket = true;
        if (part[j] == ']') in_bracket = false;
        ++j;
      }
      if (j > i) {
        const std::string_view token = part.substr(i, j - i);
        if (token == ">" || token == "+" || token == "~") {
          throw std::invalid_argument("selector: combinator '" + std::string(token) +
                                      "' is not supported");
        }
        chain.push_back(parse_compound(token));
      }
      i = j;
    }
    if (chain.empty()) {
      throw std::invalid_argument("selector: empty selector in '" + std::string(selector) + "'");
    }
    alternatives.push_back(std::move(chain));
    start = comma + 1;
  }
  return alternatives;
}

}  // namespace

std::vector<Node> select(Node root, std::string_view selector) {
  const auto alternatives = parse_selector(selector);
  std::vector<Node> out;
  for_each_element(root, [&](Node n) {
    for (const auto& chain : alternatives) {
      if (matches_chain(n, chain)) {
        out.push_back(n);
        break;
      }
    }
    return true;
  });
  return out;
}

Node select_first(Node root, std::string_view selector) {
  const auto alternatives = parse_selector(selector);
  Node found = nullptr;
  for_each_element(root, [&](Node n) {
    if (found) return false;
    for (const auto& chain : alternatives) {
      if (matches_chain(n, chain)) {
        found = n;
        return false;
      }
    }
    return true;
  });
  return found;
}

bool matches_selector(Node node, std::string_view selector) {
  for (const auto& chain : parse_selector(selector)) {
    if (matches_chain(node, chain)) return true;
  }
  return false;
}

// Over the whole document the element index is in document order: a scan of it visits
// what a walk from the document node would.
std::vector<Node> select(const HtmlDom& dom, std::string_view selector) {
  const auto alternatives = parse_selector(selector);
  std::vector<Node> out;
  for (const auto& e : dom.elements()) {
    for (const auto& chain : alternatives) {
      if (matches_chain(e.node, chain)) {
        out.push_back(e.node);
        break;
      }
    }
  }
  return out;
}

Node select_first(const HtmlDom& dom, std::string_view selector) {
  const auto alternatives = parse_selector(selector);
  for (const auto& e : dom.elements()) {
    for (const auto& chain : alternatives) {
      if (matches_chain(e.node, chain)) return e.node;
    }
  }
  return nullptr;
}

Node find_by_id(const HtmlDom& dom, std::string_view id_value) {
  for (const auto& e : dom.elements()) {
    if (e.id == id_value) return e.node;
  }
  return nullptr;
}

std::vector<Node> find_by_class(const HtmlDom& dom, std::string_view token) {
  std::vector<Node> out;
  for (const auto& e : dom.elements()) {
    if (has_class_token(e.classes, token)) out.push_back(e.node);
  }
  return out;
}

std::vector<Node> find_by_tag(const HtmlDom& dom, std::string_view tag_name) {
  std::vector<Node> out;
  for (const auto& e : dom.elements()) {
    if (e.tag == tag_name) out.push_back(e.node);
  }
  return out;
}

std::string meta_content(const HtmlDom& dom, std::string_view key) {
  const Node n = dom.meta_named(key);
  return n ? text::trim(attr(n, "content")) : std::string();
}

std::vector<std::string> script_texts(const HtmlDom& dom, std::string_view type_filter) {
  std::vector<std::string> out;
  for (const auto& e : dom.elements()) {
    if (e.tag != "script") continue;
    if (!type_filter.empty() && !iequals(text::trim(attr(e.node, "type")), type_filter)) continue;
    std::string s;
    for (Node c = first_child(e.node); c; c = next_sibling(c)) s += node_text(c);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace html
}  // namespace clearpage
