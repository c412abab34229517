#include "block_features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "clearpage/budget.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::extract {

namespace {

// ------------------------------------------------------------ layout of a row

// Tags with a column of their own; the rest share "other".
constexpr std::array<std::string_view, 44> kTags = {
    "p",       "div",        "span",    "a",      "li",     "ul",     "ol",     "td",
    "tr",      "table",      "th",      "h1",     "h2",     "h3",     "h4",     "h5",
    "h6",      "section",    "article", "main",   "header", "footer", "nav",    "aside",
    "form",    "blockquote", "pre",     "dd",     "dt",     "dl",     "figure", "figcaption",
    "center",  "body",       "font",    "strong", "em",     "b",      "label",  "address",
    "details", "summary",    "code",    "caption"};

// Ancestors whose presence above a block the model sees, by distance.
constexpr std::array<std::string_view, 16> kRegions = {
    "nav", "header", "footer", "aside",   "main",   "article",    "form",    "list",
    "li",  "table",  "a",      "heading", "figure", "blockquote", "section", "dl"};

constexpr int kAncestorLevels = 4;  // parent .. great-great-grandparent, one group each
constexpr int kNeighbours = 2;      // blocks before and after, each side
constexpr int kClassBuckets = 256;  // hashed class, id, role and itemprop tokens
constexpr int kPathBuckets = 64;    // hashed tags of the owner, its parent and grandparent
constexpr int kClassLevels = 12;    // how far up class tokens are looked for
constexpr int kRegionLevels = 40;   // how far up region ancestors are looked for

const std::vector<std::string>& dense_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = {
        "units_log",        "chars_log",     "han_share",   "punct_density", "final_punct_log",
        "final_density",    "comma_density", "link_share",  "digit_share",   "upper_share",
        "word_length",      "ends_sentence", "good",        "long_good",     "tag_id",
        "heading_level",    "depth",         "depth_share", "in_link",       "sub_units_log",
        "sub_link_density", "sub_links_log", "own_share",   "children_log",  "sub_good_share"};
    for (int level = 1; level <= kAncestorLevels; ++level) {
      const std::string p = "up" + std::to_string(level) + "_";
      for (const char* f : {"units_log", "link_density", "good_share", "units_share", "blocks_log",
                            "tag_id", "links_log", "p_log", "children_log", "good_blocks_log"}) {
        n.push_back(p + f);
      }
    }
    n.push_back("best_up_good_share");
    n.push_back("best_up_level");
    for (const auto r : kRegions) n.push_back("region_" + std::string(r));
    for (const char* f : {"block_position", "units_before_share", "element_position",
                          "good_before_share", "good_after_share"}) {
      n.emplace_back(f);
    }
    for (int side = -kNeighbours; side <= kNeighbours; ++side) {
      if (side == 0) continue;
      const std::string p =
          "nb" + std::string(side < 0 ? "m" : "p") + std::to_string(std::abs(side)) + "_";
      for (const char* f :
           {"units_log", "punct_density", "link_share", "good", "same_parent", "tag_id"}) {
        n.push_back(p + f);
      }
    }
    for (const char* f : {"run_units_log", "run_blocks_log", "run_good_share"}) n.emplace_back(f);
    for (const char* f : {"page_units_log", "page_han_share", "page_link_density",
                          "page_blocks_log", "page_good_share"}) {
      n.emplace_back(f);
    }
    return n;
  }();
  return names;
}

int tag_id(std::string_view t) {
  for (std::size_t i = 0; i < kTags.size(); ++i) {
    if (kTags[i] == t) return static_cast<int>(i) + 1;
  }
  return 0;
}

int heading_level(std::string_view t) {
  if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') return t[1] - '0';
  return 0;
}

int region_of(std::string_view t) {
  if (t == "ul" || t == "ol") return 7;
  if (t == "td" || t == "th" || t == "table") return 9;
  if (heading_level(t)) return 11;
  if (t == "dd" || t == "dt") return 15;
  for (std::size_t i = 0; i < kRegions.size(); ++i) {
    if (kRegions[i] == t) return static_cast<int>(i);
  }
  return -1;
}

std::uint32_t fnv1a(std::string_view s, std::uint32_t hash = 2166136261u) {
  for (const char c : s) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

// Lower-case ASCII alphanumeric tokens of an attribute value, each hashed with the
// attribute's name so that id "nav" and role "nav" stay apart only where they should:
// class and id share a space (pages use both for the same words).
template <typename Visit>
void for_each_token(std::string_view value, std::string_view space, Visit&& visit) {
  std::string token;
  const auto emit = [&] {
    if (token.size() >= 2 && token.size() <= 40) visit(fnv1a(token, fnv1a(space)));
    token.clear();
  };
  for (const char c : value) {
    const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      token += l;
    } else {
      emit();
    }
  }
  emit();
}

bool is_good(const TextStats& t, int link_units) {
  return t.units >= 60 && t.punct >= 1 && link_units * 10 < t.units * 3;
}

// Nearly every argument is a small count: a table of std::log1p gives the same values
// without a libm call per feature.
constexpr int kLogTableSize = 4096;

double log1(double v) {
  static const std::array<double, kLogTableSize> table = [] {
    std::array<double, kLogTableSize> t{};
    for (int i = 0; i < kLogTableSize; ++i) t[static_cast<std::size_t>(i)] = std::log1p(i);
    return t;
  }();
  if (v >= 0 && v < kLogTableSize) {
    const auto i = static_cast<std::size_t>(v);
    if (static_cast<double>(i) == v) return table[i];
  }
  return std::log1p(std::max(0.0, v));
}

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

bool ends_sentence(char32_t c) {
  switch (c) {
    case U'.':
    case U'!':
    case U'?':
    case U'。':
    case U'！':
    case U'？':
    case U'…':
    case U'"':
    case U'”':
    case U')':
    case U'）':
    case U':':
    case U'：':
      return true;
    default:
      return false;
  }
}

struct Element {
  int parent = -1;
  int depth = 0;
  int owner = -1;  // nearest block element, itself included
  int block = -1;  // its block, when it owns text
  bool skipped = true;
  bool in_link = false;
  int tag = 0;
  int region = -1;  // region_of(its tag), looked up once rather than per block below it
  int children = 0;
  std::uint32_t tokens_begin = 0;  // its hashed tokens in PageScratch::tokens
  std::uint32_t tokens_end = 0;
  // Subtree sums.
  int units = 0;
  int link_units = 0;
  int good_units = 0;
  int blocks = 0;
  int good_blocks = 0;
  int links = 0;
  int paragraphs = 0;
};

}  // namespace

void TextStats::add(std::string_view s) {
  std::size_t pos = 0;
  bool in_word = false;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    char32_t cp;
    if (b < 0x80) {
      cp = b;
      ++pos;
    } else {
      cp = text::next_code_point(s, pos);
    }
    const bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (letter && !in_word) ++words;
    in_word = letter;
    if (cp <= ' ' || (cp >= 0x80 && text::is_space(cp))) continue;
    ++chars;
    last = cp;
    if (cp < 0x80) {
      ++units;
      if (letter) {
        ++letters;
        if (cp <= 'Z') ++upper;
      } else if (cp >= '0' && cp <= '9') {
        ++digits;
      } else if (cp == ',') {
        ++commas;
        ++punct;
      } else if (cp == '.' || cp == '!' || cp == '?') {
        ++final_punct;
        ++punct;
      } else if (cp == ';' || cp == ':' || cp == '"') {
        ++punct;
      }
      continue;
    }
    if (text::is_han(cp)) {
      ++han;
      units += 2;
      continue;
    }
    ++units;
    switch (cp) {
      case U'，':
      case U'、':
        ++commas;
        ++punct;
        break;
      case U'。':
      case U'！':
      case U'？':
        ++final_punct;
        ++punct;
        break;
      case U'；':
      case U'：':
      case U'“':
      case U'”':
      case U'‘':
      case U'’':
      case U'…':
        ++punct;
        break;
      default:
        break;
    }
  }
}

void TextStats::add(const TextStats& o) {
  units += o.units;
  chars += o.chars;
  han += o.han;
  punct += o.punct;
  final_punct += o.final_punct;
  commas += o.commas;
  digits += o.digits;
  upper += o.upper;
  letters += o.letters;
  words += o.words;
  if (o.last) last = o.last;
}

bool is_unreadable_tag(std::string_view t) {
  static const html::TagSet kSkipped = {
      "script", "style",  "noscript", "template", "head",  "iframe",   "svg",
      "canvas", "select", "option",   "button",   "input", "textarea", "object",
      "embed",  "video",  "audio",    "map",      "link",  "meta",     "title"};
  return kSkipped.contains(t);
}

bool is_unreadable_element(const html::ElementEntry& e) {
  if (!is_unreadable_tag(e.tag)) return false;
  if (e.tag != "noscript") return true;
  const html::ElementEntry* inside = &e + 1;
  const html::ElementEntry* const end = &e + e.size;
  static const html::TagSet kViewTags = {"div", "p", "article", "main", "section", "table"};
  for (; inside < end; ++inside) {
    if (kViewTags.contains(inside->tag)) return false;
  }
  return true;
}

bool is_hidden_element(const html::ElementEntry& entry) {
  std::string_view values[3];
  const unsigned present =
      html::attr_values(entry.node, {"hidden", "aria-hidden", "style"}, values);
  return is_hidden_by(present & 1, values[1], values[2], entry);
}

namespace {

// "S:" and digits: the id React gives a streamed segment.
bool is_streamed_segment_id(std::string_view id) {
  if (id.size() < 3 || id.substr(0, 2) != "S:") return false;
  return std::all_of(id.begin() + 2, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "display:none" in any case, with any blanks between its characters; matched in place
// because nearly every style attribute fails at its first letters.
bool has_display_none(std::string_view style) {
  static constexpr std::string_view kWanted = "display:none";
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (std::size_t start = 0; start < style.size(); ++start) {
    if (lower(style[start]) != 'd') continue;
    std::size_t i = start;
    std::size_t matched = 0;
    while (matched < kWanted.size() && i < style.size()) {
      if (blank(style[i])) {
        ++i;
      } else if (lower(style[i]) == kWanted[matched]) {
        ++i;
        ++matched;
      } else {
        break;
      }
    }
    if (matched == kWanted.size()) return true;
  }
  return false;
}

}  // namespace

bool is_hidden_by(bool hidden_attribute, std::string_view aria_hidden, std::string_view style,
                  const html::ElementEntry& entry) {
  if (hidden_attribute && !(entry.tag == "div" && is_streamed_segment_id(entry.id))) return true;
  if (aria_hidden == "true") return true;
  const bool hidden_class = html::any_class_token(entry.classes, [](std::string_view t) {
    return t == "hidden" || t == "sr-only" || t == "screen-reader-text" || t == "visually-hidden" ||
           t == "visuallyhidden";
  });
  if (hidden_class) return true;
  // visibility:hidden is left alone: WeChat hides its article body that way until scripts run.
  return has_display_none(style);
}

bool is_block_element(std::string_view t) {
  static const html::TagSet kBlocks = {
      "p",          "div",     "section",    "article", "main",     "body",    "td",    "th",
      "tr",         "table",   "tbody",      "thead",   "tfoot",    "li",      "ul",    "ol",
      "dl",         "dd",      "dt",         "h1",      "h2",       "h3",      "h4",    "h5",
      "h6",         "pre",     "blockquote", "header",  "footer",   "nav",     "aside", "figure",
      "figcaption", "center",  "address",    "form",    "fieldset", "caption", "hr",    "br",
      "html",       "details", "summary",    "img"};
  return kBlocks.contains(t);
}

std::size_t feature_count() {
  return dense_names().size() + kClassBuckets + kPathBuckets;
}

const std::vector<std::string>& feature_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = dense_names();
    for (int i = 0; i < kClassBuckets; ++i) n.push_back("class_" + std::to_string(i));
    for (int i = 0; i < kPathBuckets; ++i) n.push_back("path_" + std::to_string(i));
    return n;
  }();
  return names;
}

PageBlocks page_blocks(const HtmlDom& dom) {
  PageBlocks page;
  html::Node root = dom.body() ? dom.body() : dom.root();
  const html::ElementEntry* root_entry = root ? HtmlDom::entry_of(root) : nullptr;
  if (!root_entry) return page;
  const auto& entries = dom.elements();
  const auto first = static_cast<std::uint32_t>(dom.index_of(*root_entry));
  const std::uint32_t n = root_entry->size;
  page.first = first;
  page.last = first + n;

  std::vector<Element> el(n);
  std::vector<std::uint32_t> tokens;
  std::vector<TextBlock>& blocks = page.blocks;
  std::vector<int> open;  // element positions the walk is inside
  int max_depth = 0;
  for (std::uint32_t k = 0; k < n;) {
    check_budget();
    const html::ElementEntry& e = entries[first + k];
    while (!open.empty() && static_cast<std::uint32_t>(open.back()) +
                                    entries[first + static_cast<std::uint32_t>(open.back())].size <=
                                k) {
      open.pop_back();
    }
    Element& x = el[k];
    const int p = open.empty() ? -1 : open.back();
    if (is_unreadable_element(e) || is_hidden_element(e)) {
      k += e.size;  // the subtree stays skipped
      continue;
    }
    x.skipped = false;
    x.parent = p;
    x.depth = p < 0 ? 0 : el[static_cast<std::size_t>(p)].depth + 1;
    max_depth = std::max(max_depth, x.depth);
    x.tag = tag_id(e.tag);
    x.region = region_of(e.tag);
    x.in_link = e.tag == "a" || (p >= 0 && el[static_cast<std::size_t>(p)].in_link);
    x.owner = is_block_element(e.tag) || p < 0 ? static_cast<int>(k)
                                               : el[static_cast<std::size_t>(p)].owner;
    if (p >= 0) ++el[static_cast<std::size_t>(p)].children;
    if (e.tag == "a" && html::has_attr(e.node, "href")) x.links = 1;
    if (e.tag == "p") x.paragraphs = 1;
    x.tokens_begin = static_cast<std::uint32_t>(tokens.size());
    const auto add_token = [&](std::uint32_t h) { tokens.push_back(h % kClassBuckets); };
    for_each_token(e.classes, "c", add_token);
    for_each_token(e.id, "c", add_token);
    if (!e.classes.empty() || !e.id.empty() || e.tag == "div" || e.tag == "section") {
      std::string_view values[2];
      html::attr_values(e.node, {"role", "itemprop"}, values);
      for_each_token(values[0], "r", add_token);
      for_each_token(values[1], "i", add_token);
    }
    x.tokens_end = static_cast<std::uint32_t>(tokens.size());
    // Text children: their counts go to the owner's block.
    for (html::Node c = html::first_child(e.node); c; c = html::next_sibling(c)) {
      if (!html::is_text(c)) continue;
      const std::string_view raw = html::node_text(c);
      TextStats t;
      t.add(raw);
      if (t.chars == 0) continue;
      Element& o = el[static_cast<std::size_t>(x.owner)];
      if (o.block < 0) {
        o.block = static_cast<int>(blocks.size());
        blocks.push_back({first + static_cast<std::uint32_t>(x.owner), {}, 0});
      }
      TextBlock& b = blocks[static_cast<std::size_t>(o.block)];
      b.text.add(t);
      if (x.in_link) b.link_units += t.units;
    }
    open.push_back(static_cast<int>(k));
    ++k;
  }
  // Blocks in document order of their owners.
  std::sort(blocks.begin(), blocks.end(),
            [](const TextBlock& a, const TextBlock& b) { return a.element < b.element; });
  TextStats page_text;
  int page_link_units = 0;
  int page_good_units = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const TextBlock& b = blocks[i];
    Element& o = el[b.element - first];
    o.block = static_cast<int>(i);
    o.units += b.text.units;
    o.link_units += b.link_units;
    o.blocks += 1;
    if (is_good(b.text, b.link_units)) {
      o.good_units += b.text.units;
      o.good_blocks += 1;
      page_good_units += b.text.units;
    }
    page_text.add(b.text);
    page_link_units += b.link_units;
  }
  for (std::uint32_t k = n; k-- > 1;) {
    const Element& x = el[k];
    if (x.skipped || x.parent < 0) continue;
    Element& p = el[static_cast<std::size_t>(x.parent)];
    p.units += x.units;
    p.link_units += x.link_units;
    p.good_units += x.good_units;
    p.blocks += x.blocks;
    p.good_blocks += x.good_blocks;
    p.links += x.links;
    p.paragraphs += x.paragraphs;
  }

  const std::size_t width = feature_count();
  const std::size_t dense = dense_names().size();
  page.features.assign(blocks.size() * width, 0.0f);
  // Good units before each block, for position features.
  std::vector<int> good_before(blocks.size() + 1, 0);
  std::vector<int> units_before(blocks.size() + 1, 0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const TextBlock& b = blocks[i];
    good_before[i + 1] = good_before[i] + (is_good(b.text, b.link_units) ? b.text.units : 0);
    units_before[i + 1] = units_before[i] + b.text.units;
  }
  // Runs of blocks whose owners share a parent: a split article's paragraphs.
  std::vector<std::size_t> run_start(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const int parent_i = el[blocks[i].element - first].parent;
    run_start[i] =
        i > 0 && el[blocks[i - 1].element - first].parent == parent_i ? run_start[i - 1] : i;
  }
  std::vector<std::size_t> run_end(blocks.size());
  for (std::size_t i = blocks.size(); i-- > 0;) {
    run_end[i] = i + 1 < blocks.size() && run_start[i + 1] == run_start[i] ? run_end[i + 1] : i + 1;
  }
  const double page_units = page_text.units;
  page.han_share = ratio(page_text.han, page_text.chars);
  const auto pos_of = [&](std::size_t i) { return blocks[i].element - first; };

  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const TextBlock& b = blocks[i];
    const std::uint32_t k = pos_of(i);
    const Element& o = el[k];
    const html::ElementEntry& oe = entries[b.element];
    float* row = &page.features[i * width];
    std::size_t f = 0;
    const auto put = [&](double v) { row[f++] = static_cast<float>(v); };
    const TextStats& t = b.text;
    const bool good = is_good(t, b.link_units);
    put(log1(t.units));
    put(log1(t.chars));
    put(ratio(t.han, t.chars));
    put(ratio(t.punct, t.chars));
    put(log1(t.final_punct));
    put(ratio(t.final_punct, t.chars));
    put(ratio(t.commas, t.chars));
    put(ratio(b.link_units, t.units));
    put(ratio(t.digits, t.chars));
    put(ratio(t.upper, t.letters));
    put(ratio(t.letters, t.words));
    put(ends_sentence(t.last) ? 1 : 0);
    put(good ? 1 : 0);
    put(good && t.units >= 200 ? 1 : 0);
    put(o.tag);
    put(heading_level(oe.tag));
    put(o.depth);
    put(ratio(o.depth, max_depth));
    put(o.in_link ? 1 : 0);
    put(log1(o.units));
    put(ratio(o.link_units, o.units));
    put(log1(o.links));
    put(ratio(t.units, o.units));
    put(log1(o.children));
    put(ratio(o.good_units, page_good_units));
    double best_share = 0;
    int best_level = 0;
    int up = o.parent;
    for (int level = 1; level <= kAncestorLevels; ++level) {
      if (up < 0) {
        f += 10;
        continue;
      }
      const Element& a = el[static_cast<std::size_t>(up)];
      const double share = ratio(a.good_units, page_good_units);
      put(log1(a.units));
      put(ratio(a.link_units, a.units));
      put(share);
      put(ratio(a.units, page_units));
      put(log1(a.blocks));
      put(a.tag);
      put(log1(a.links));
      put(log1(a.paragraphs));
      put(log1(a.children));
      put(log1(a.good_blocks));
      // The share's jump to a level: where the article's container sits.
      if (share > best_share + 0.05) {
        best_share = share;
        best_level = level;
      }
      up = a.parent;
    }
    put(best_share);
    put(best_level);
    std::array<double, kRegions.size()> regions{};
    int level = 0;
    for (int a = o.parent; a >= 0 && level < kRegionLevels;
         a = el[static_cast<std::size_t>(a)].parent) {
      ++level;
      const int r = el[static_cast<std::size_t>(a)].region;
      if (r >= 0 && regions[static_cast<std::size_t>(r)] == 0) {
        regions[static_cast<std::size_t>(r)] = 1.0 / level;
      }
    }
    // The owner itself counts at distance one for its own kind (an <li>, a heading).
    {
      const int r = o.region;
      if (r >= 0 && regions[static_cast<std::size_t>(r)] == 0)
        regions[static_cast<std::size_t>(r)] = 1;
    }
    for (const double r : regions) put(r);
    put(ratio(static_cast<double>(i), static_cast<double>(blocks.size())));
    put(ratio(units_before[i], page_units));
    put(ratio(k, n));
    put(ratio(good_before[i], page_good_units));
    put(ratio(page_good_units - good_before[i + 1], page_good_units));
    for (int side = -kNeighbours; side <= kNeighbours; ++side) {
      if (side == 0) continue;
      const long j = static_cast<long>(i) + side;
      if (j < 0 || j >= static_cast<long>(blocks.size())) {
        f += 6;
        continue;
      }
      const TextBlock& nb = blocks[static_cast<std::size_t>(j)];
      const Element& ne = el[pos_of(static_cast<std::size_t>(j))];
      put(log1(nb.text.units));
      put(ratio(nb.text.punct, nb.text.chars));
      put(ratio(nb.link_units, nb.text.units));
      put(is_good(nb.text, nb.link_units) ? 1 : 0);
      put(ne.parent == o.parent ? 1 : 0);
      put(ne.tag);
    }
    {
      int run_units = 0;
      int run_good = 0;
      for (std::size_t j = run_start[i]; j < run_end[i]; ++j) {
        run_units += blocks[j].text.units;
        if (is_good(blocks[j].text, blocks[j].link_units)) run_good += blocks[j].text.units;
      }
      put(log1(run_units));
      put(log1(static_cast<double>(run_end[i] - run_start[i])));
      put(ratio(run_good, page_good_units));
    }
    put(log1(page_units));
    put(ratio(page_text.han, page_text.chars));
    put(ratio(page_link_units, page_units));
    put(log1(static_cast<double>(blocks.size())));
    put(ratio(page_good_units, page_units));
    if (f != dense) throw std::logic_error("block feature row does not match its names");
    // Class tokens up the chain, nearer ancestors weighing more.
    float* cls = row + dense;
    int a = static_cast<int>(k);
    for (int d = 0; a >= 0 && d < kClassLevels; ++d, a = el[static_cast<std::size_t>(a)].parent) {
      const Element& x = el[static_cast<std::size_t>(a)];
      const float w = 1.0f / static_cast<float>(1 + d);
      for (std::uint32_t ti = x.tokens_begin; ti < x.tokens_end; ++ti) {
        cls[tokens[ti]] = std::max(cls[tokens[ti]], w);
      }
    }
    // Tag path: owner, parent and grandparent.
    std::uint32_t h = fnv1a(oe.tag);
    int pa = o.parent;
    for (int d = 0; d < 2 && pa >= 0; ++d, pa = el[static_cast<std::size_t>(pa)].parent) {
      h = fnv1a(entries[first + static_cast<std::uint32_t>(pa)].tag, h ^ 0x2fu);
    }
    row[dense + kClassBuckets + h % kPathBuckets] = 1.0f;
  }
  return page;
}

std::string block_text(const HtmlDom& dom, const TextBlock& block) {
  // The owner's text nodes and those of its inline descendants, in tree order; a nested
  // block is a word break.
  struct Walker {
    std::string out;
    void walk(html::Node n) {
      for (html::Node c = html::first_child(n); c; c = html::next_sibling(c)) {
        if (html::is_text(c)) {
          out += html::node_text(c);
          continue;
        }
        if (!html::is_element(c)) continue;
        const std::string_view t = html::tag(c);
        const html::ElementEntry* e = HtmlDom::entry_of(c);
        if (is_block_element(t) || (e && (is_unreadable_element(*e) || is_hidden_element(*e)))) {
          out += ' ';
          continue;
        }
        walk(c);
      }
    }
  } walker;
  walker.walk(dom.elements()[block.element].node);
  return text::normalize_whitespace(walker.out);
}

}  // namespace clearpage::extract
