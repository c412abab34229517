#include "clearpage/extract/extract.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include "block_choice.hpp"
#include "clearpage/budget.hpp"
#include "clearpage/extract/jsonld.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::html {

namespace {

// ---------------------------------------------------------------- tag classes

bool in_list(std::string_view t, std::initializer_list<std::string_view> list) {
  for (const auto s : list) {
    if (t == s) return true;
  }
  return false;
}

// The block classifier's tag classes, so that both choosers read the same text.
bool is_block(std::string_view t) {
  return extract::is_block_element(t);
}

int heading_level(std::string_view t) {
  if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') return t[1] - '0';
  return 0;
}

// ---------------------------------------------------------------- class/id hints

constexpr std::array<std::string_view, 74> kNegativeTokens = {
    "nav",         "navbar",  "navi",          "navigation", "menu",       "menus",
    "footer",      "foot",    "comment",       "comments",   "cmt",        "share",
    "sharing",     "social",  "sns",           "related",    "relate",     "recommend",
    "recommended", "sidebar", "side",          "aside",      "ad",         "ads",
    "adv",         "advert",  "advertisement", "banner",     "breadcrumb", "breadcrumbs",
    "crumb",       "crumbs",  "location",      "position",   "copyright",  "login",
    "toolbar",     "tools",   "pager",         "pagination", "tags",       "hot",
    "rank",        "ranking", "popular",       "subscribe",  "newsletter", "promo",
    "sponsor",     "widget",  "print",         "reply",      "qrcode",     "ewm",
    "erweima",     "bdshare", "xgxw",          "xgwz",       "tuijian",    "pinglun",
    "fenxiang",    "daohang", "carousel",      "slideshow",  "byline",     "dateline",
    "timestamp",   "recirc",  "signup",        "trending",   "swiper",     "mostread",
    "author",      "bio"};

constexpr std::array<std::string_view, 17> kNegativeSubstrings = {
    "comment", "breadcrumb", "share",     "related",  "recommend", "sidebar",
    "footer",  "advert",     "copyright", "jiathis",  "navbar",    "subnav",
    "topnav",  "guanggao",   "gallery",   "outbrain", "taboola"};

constexpr std::array<std::string_view, 22> kPositiveTokens = {
    "article",  "content", "contents", "main",   "post",     "text", "body", "entry",
    "story",    "detail",  "details",  "zw",     "zhengwen", "txt",  "con",  "cont",
    "newstext", "artical", "arti",     "editor", "trs",      "rich"};

constexpr std::array<std::string_view, 8> kPositiveSubstrings = {
    "article", "content", "正文", "zhengwen", "trs_editor", "artical", "detail", "entry"};

struct Hints {
  bool positive = false;
  bool negative = false;
  bool media = false;    // a "video" or "audio" token, or one with "player" (a media widget)
  bool caption = false;  // "caption", "pic", "img", "photo", "image" or "desc" in the values
  std::string_view negative_rule;  // an entry of the static lists below
};

constexpr std::array<std::string_view, 6> kCaptionSubstrings = {"caption", "pic",   "img",
                                                                "photo",   "image", "desc"};

// The substrings of the three lists by first byte, for one pass over the values.
struct SubstringIndex {
  enum List : unsigned char { kNegative, kPositive, kCaption };
  struct Entry {
    std::string_view text;
    List list;
    unsigned char order;  // position in its list
  };
  std::array<std::vector<Entry>, 256> by_first_byte;

  SubstringIndex() {
    const auto add = [&](const auto& words, List list) {
      for (std::size_t i = 0; i < words.size(); ++i) {
        by_first_byte[static_cast<unsigned char>(words[i][0])].push_back(
            {words[i], list, static_cast<unsigned char>(i)});
      }
    };
    add(kNegativeSubstrings, kNegative);
    add(kPositiveSubstrings, kPositive);
    add(kCaptionSubstrings, kCaption);
  }
};

bool is_hint_separator(char c) {
  return c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n';
}

Hints compute_hints(std::string_view cls, std::string_view node_id) {
  Hints h;
  // The class and id values in lower case, joined by a space; reused, as this runs for
  // every distinct value of a page.
  thread_local std::string joined;
  joined.clear();
  for (const std::string_view part : {cls, std::string_view(" "), node_id}) {
    for (const char c : part) joined += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  // Substrings: the first of the negative list that occurs names the rule, as a scan of
  // the list would.
  static const SubstringIndex kSubstrings;
  std::size_t negative_order = kNegativeSubstrings.size();
  bool positive_substring = false;
  const std::string_view all = joined;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (const auto& entry : kSubstrings.by_first_byte[static_cast<unsigned char>(all[i])]) {
      // Every substring has three bytes or more: the second byte rules most out cheaply.
      if (i + entry.text.size() > all.size() || all[i + 1] != entry.text[1] ||
          all.compare(i, entry.text.size(), entry.text) != 0) {
        continue;
      }
      if (entry.list == SubstringIndex::kNegative) {
        negative_order = std::min<std::size_t>(negative_order, entry.order);
      } else if (entry.list == SubstringIndex::kPositive) {
        positive_substring = true;
      } else {
        h.caption = true;
      }
    }
  }
  // Tokens split at spaces, '-' and '_': the first one in the negative list names the rule.
  static const TagSet kNegative(kNegativeTokens.begin(), kNegativeTokens.end());
  static const TagSet kPositive(kPositiveTokens.begin(), kPositiveTokens.end());
  std::size_t start = 0;
  for (std::size_t i = 0; i <= all.size(); ++i) {
    if (i < all.size() && !is_hint_separator(all[i])) continue;
    const std::string_view t = all.substr(start, i - start);
    start = i + 1;
    if (t.empty()) continue;
    if (t == "video" || t == "audio" || t.find("player") != std::string_view::npos) h.media = true;
    if (!h.negative && kNegative.contains(t)) {
      h.negative = true;
      h.negative_rule = *std::find(kNegativeTokens.begin(), kNegativeTokens.end(), t);
    }
    if (kPositive.contains(t)) h.positive = true;
  }
  if (!h.negative && negative_order < kNegativeSubstrings.size()) {
    h.negative = true;
    h.negative_rule = kNegativeSubstrings[negative_order];
  }
  if (positive_substring) h.positive = true;
  return h;
}

Hints class_hints(Node n) {
  const std::string_view cls = attr(n, "class");
  const std::string_view node_id = id(n);
  if (cls.empty() && node_id.empty()) return {};
  // A page repeats the same class values on many elements: a small direct-mapped cache
  // per thread remembers the last value pair seen in each slot.
  struct Slot {
    std::string cls;
    std::string id;
    Hints hints;
    bool used = false;
  };
  // On the heap: the library's thread-local block must stay small enough for the static
  // TLS a program gives a library it loads at run time (python3 loading the module).
  thread_local const auto cache = std::make_unique<std::array<Slot, 1024>>();
  std::uint32_t hash = 2166136261u;  // FNV-1a over both values
  for (const std::string_view part : {cls, node_id}) {
    for (const char c : part) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    hash = (hash ^ 0xFFu) * 16777619u;
  }
  Slot& slot = (*cache)[hash & (cache->size() - 1)];
  if (slot.used && slot.cls == cls && slot.id == node_id) return slot.hints;
  slot.cls.assign(cls);
  slot.id.assign(node_id);
  slot.hints = compute_hints(cls, node_id);
  slot.used = true;
  return slot.hints;
}

// ---------------------------------------------------------------- statistics

struct TextCounts {
  int units = 0;   // non-space code points, Han counted twice
  int chars = 0;   // non-space code points
  int punct = 0;   // sentence punctuation, full-width included
  int commas = 0;  // , ， 、
};

void count_text(std::string_view s, TextCounts& c) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      ++pos;
      if (b <= ' ') continue;
      ++c.chars;
      ++c.units;
      if (b == ',') {
        ++c.commas;
        ++c.punct;
      } else if (b == '.' || b == ';' || b == ':' || b == '!' || b == '?' || b == '"') {
        ++c.punct;
      }
      continue;
    }
    // U+4000..U+9FFF, most of Chinese text: no spaces, no punctuation, Han but for the
    // Yijing hexagrams (U+4DC0..U+4DFF). Decoded here instead of by next_code_point.
    if (b >= 0xE4 && b <= 0xE9 && pos + 2 < s.size() &&
        (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(s[pos + 2]) & 0xC0) == 0x80) {
      const char32_t cp = (static_cast<char32_t>(b & 0x0F) << 12) |
                          (static_cast<char32_t>(s[pos + 1] & 0x3F) << 6) |
                          static_cast<char32_t>(s[pos + 2] & 0x3F);
      pos += 3;
      ++c.chars;
      c.units += cp >= 0x4DC0 && cp <= 0x4DFF ? 1 : 2;
      continue;
    }
    const char32_t cp = text::next_code_point(s, pos);
    if (text::is_space(cp)) continue;
    ++c.chars;
    if (text::is_han(cp)) {
      c.units += 2;
      continue;
    }
    ++c.units;
    switch (cp) {
      case U'，':
      case U'、':
        ++c.commas;
        ++c.punct;
        break;
      case U'。':
      case U'！':
      case U'？':
      case U'；':
      case U'：':
      case U'“':
      case U'”':
      case U'‘':
      case U'’':
        ++c.punct;
        break;
      default:
        break;
    }
  }
}

struct ElemStats {
  Node node = nullptr;
  int parent = -1;
  int end = 0;         // one past the last row of the subtree (rows are in pre-order)
  TextCounts total;    // whole subtree
  TextCounts own;      // text not inside a nested block element
  int link_units = 0;  // units inside <a>
  int own_link_units = 0;
  int links = 0;         // <a href> elements in the subtree
  int paragraphs = 0;    // <p> elements in the subtree
  bool skipped = false;  // invisible or non-content subtree
  double score = 0;
  bool candidate = false;
  mutable bool hints_known = false;  // several passes ask: worked out on first use
  mutable Hints hints;
};

const Hints& hints_of(const ElemStats& s) {
  if (!s.hints_known) {
    s.hints = class_hints(s.node);
    s.hints_known = true;
  }
  return s.hints;
}

// A region tag, else a negative class or id hint; `hints` is asked only past the tag.
template <typename GetHints>
bool boilerplate_by(std::string_view t, GetHints&& hints, std::string* rule) {
  if (t == "nav" || t == "aside" || t == "footer") {
    if (rule) *rule = std::string(t);
    return true;
  }
  const Hints& h = hints();
  if (h.negative && rule) *rule = h.negative_rule;
  return h.negative;
}

// looks_like_boilerplate() with the element's hints worked out once.
bool boilerplate_hinted(const ElemStats& s, std::string* rule = nullptr) {
  return boilerplate_by(
      tag(s.node), [&]() -> const Hints& { return hints_of(s); }, rule);
}

double link_density(const ElemStats& s) {
  return s.total.units > 0 ? static_cast<double>(s.link_units) / s.total.units : 0.0;
}

struct StatsTable {
  std::vector<ElemStats> elems;  // pre-order
  // Node -> position in elems, by the node's place in the page's element index: the
  // subtree's elements are a contiguous run of it from `base`. -1 for elements in skipped
  // subtrees, which have no stats.
  const ElementEntry* base = nullptr;
  std::vector<int> position;

  const int* find_position(Node n) const {
    const ElementEntry* e = HtmlDom::entry_of(n);
    if (!e || e < base || e >= base + position.size()) return nullptr;
    const int* p = &position[static_cast<std::size_t>(e - base)];
    return *p < 0 ? nullptr : p;
  }
  const ElemStats* find(Node n) const {
    const int* p = find_position(n);
    return p ? &elems[static_cast<std::size_t>(*p)] : nullptr;
  }
  int at(Node n) const {
    if (const int* p = find_position(n)) return *p;
    throw std::out_of_range("element is not in the stats table");
  }
};

// One pass over the subtree: per-element text, link and punctuation counts.
StatsTable compute_stats(Node root) {
  StatsTable table;
  table.base = HtmlDom::entry_of(root);
  if (!table.base) return table;
  table.position.assign(table.base->size, -1);
  table.elems.reserve(1024);
  struct Frame {
    Node node;
    int index;
    int owner;  // nearest block-level element (self included)
    int link;   // inside an <a>: its index, else -1
  };
  std::vector<Frame> stack;
  // The walk meets the elements in index order, less the insides of skipped ones.
  const ElementEntry* next_entry = table.base;
  const ElementEntry* const last_entry = table.base + table.base->size;
  auto push_element = [&](Node n, int parent_index, int parent_owner, int parent_link) {
    const ElementEntry* e =
        next_entry < last_entry && next_entry->node == n ? next_entry : HtmlDom::entry_of(n);
    ElemStats s;
    s.node = n;
    s.parent = parent_index;
    const std::string_view t = e->tag;
    std::string_view values[4];
    const unsigned present = attr_values(n, {"hidden", "aria-hidden", "style", "href"}, values);
    s.skipped = extract::is_unreadable_element(*e) ||
                extract::is_hidden_by(present & 1, values[1], values[2], *e);
    next_entry = e + (s.skipped ? e->size : 1);
    const int index = static_cast<int>(table.elems.size());
    table.elems.push_back(s);
    table.position[static_cast<std::size_t>(e - table.base)] = index;
    const int owner = is_block(t) || parent_owner < 0 ? index : parent_owner;
    int link = parent_link;
    if (t == "a") {
      link = index;
      if (present & 8) ++table.elems[static_cast<std::size_t>(index)].links;
    }
    if (t == "p") ++table.elems[static_cast<std::size_t>(index)].paragraphs;
    stack.push_back({n, index, owner, link});
  };
  push_element(root, -1, -1, -1);
  // Explicit stack of child iterators: deep trees must not exhaust the call stack.
  std::vector<Node> cursor{first_child(root)};
  while (!stack.empty()) {
    check_budget();
    Node& next = cursor.back();
    if (!next) {
      table.elems[static_cast<std::size_t>(stack.back().index)].end =
          static_cast<int>(table.elems.size());
      stack.pop_back();
      cursor.pop_back();
      continue;
    }
    Node n = next;
    next = next_sibling(n);
    const Frame& top = stack.back();
    if (table.elems[static_cast<std::size_t>(top.index)].skipped) continue;
    if (is_text(n)) {
      TextCounts c;
      count_text(node_text(n), c);
      if (c.chars == 0) continue;
      auto& self = table.elems[static_cast<std::size_t>(top.index)];
      self.total.units += c.units;
      self.total.chars += c.chars;
      self.total.punct += c.punct;
      self.total.commas += c.commas;
      if (top.link >= 0) self.link_units += c.units;
      auto& owner = table.elems[static_cast<std::size_t>(top.owner)];
      owner.own.units += c.units;
      owner.own.chars += c.chars;
      owner.own.punct += c.punct;
      owner.own.commas += c.commas;
      if (top.link >= 0) owner.own_link_units += c.units;
    } else if (is_element(n)) {
      push_element(n, top.index, top.owner, top.link);
      cursor.push_back(first_child(n));
    }
  }
  // Bottom-up sums: children come after their parent in pre-order.
  for (std::size_t i = table.elems.size(); i-- > 1;) {
    const ElemStats& s = table.elems[i];
    if (s.parent < 0) continue;
    ElemStats& p = table.elems[static_cast<std::size_t>(s.parent)];
    if (s.skipped) continue;
    p.total.units += s.total.units;
    p.total.chars += s.total.chars;
    p.total.punct += s.total.punct;
    p.total.commas += s.total.commas;
    p.link_units += s.link_units;
    p.links += s.links;
    p.paragraphs += s.paragraphs;
  }
  return table;
}

// ---------------------------------------------------------------- scoring

// Longest line taken for a dateline or byline before the article's text.
constexpr std::size_t kDateLineChars = 80;

// How far above the chosen node parts of a split article are looked for.
constexpr int kPartLevels = 3;

double tag_weight(std::string_view t) {
  if (t == "div" || t == "article" || t == "section" || t == "main") return 5;
  if (t == "pre" || t == "td" || t == "blockquote") return 3;
  if (in_list(t, {"address", "ol", "ul", "dl", "dd", "dt", "li", "form"})) return -3;
  if (heading_level(t) || t == "th") return -5;
  return 0;
}

double class_weight(const ElemStats& s) {
  const Node n = s.node;
  const Hints& h = hints_of(s);
  double w = 0;
  if (h.negative) w -= 25;
  if (h.positive) w += 25;
  if (tag(n) == "article" || tag(n) == "main") w += 10;
  return w;
}

bool is_paragraph_unit(std::string_view t) {
  static const TagSet kUnits = {"p",  "pre",  "td",   "div",    "section", "article", "blockquote",
                                "dd", "font", "span", "center", "main",    "body",    "form"};
  return kUnits.contains(t);
}

void init_candidate(ElemStats& s) {
  if (s.candidate) return;
  s.candidate = true;
  s.score = tag_weight(tag(s.node)) + class_weight(s);
}

// ---------------------------------------------------------------- the headline's story

bool is_linked_heading(Node n) {
  if (!heading_level(tag(n))) return false;
  if (!select(n, "a[href]").empty()) return true;
  for (Node up = parent(n); up; up = parent(up)) {
    if (has_tag(up, "a")) return true;
  }
  return false;
}

// A feed of other stories: five or more linked headlines with short teasers, and little
// text before the first of them (an article's related-links list comes after its text).
bool is_story_feed(const StatsTable& table, int node) {
  const auto& elems = table.elems;
  const ElemStats& s = elems[static_cast<std::size_t>(node)];
  int linked = 0;
  int units_before = -1;
  // The rows of a subtree are the run up to its `end`.
  for (std::size_t i = static_cast<std::size_t>(node) + 1; i < static_cast<std::size_t>(s.end);
       ++i) {
    if (!is_linked_heading(elems[i].node)) continue;
    if (++linked == 1) {
      units_before = 0;
      for (std::size_t j = static_cast<std::size_t>(node) + 1; j < i; ++j) {
        if (static_cast<std::size_t>(elems[j].end) <= i) units_before += elems[j].own.units;
      }
    }
  }
  // Teasers are short: a few hundred units each, where articles run to thousands.
  return linked >= 5 && s.total.units <= 600 * linked && units_before * 2 < s.total.units;
}

// A page shows its own story's text right below its headline. When the chosen node holds
// neither that text nor the headline, and it is a feed of other stories or follows another
// story's headline, the story is the best candidate around the text below the headline.
int headline_story(Node headline, const StatsTable& table, int best,
                   const ExtractOptions& options) {
  const auto& elems = table.elems;
  const ElemStats& chosen = elems[static_cast<std::size_t>(best)];
  const ElemStats* h = headline ? table.find(headline) : nullptr;
  if (!h || is_inside(headline, chosen.node)) return best;
  const auto h_index = static_cast<std::size_t>(table.at(headline));
  // The first prose after the headline.
  int prose = -1;
  for (std::size_t i = h_index + 1; i < elems.size() && prose < 0; ++i) {
    const ElemStats& e = elems[i];
    if (e.skipped || is_inside(e.node, headline) || !is_paragraph_unit(tag(e.node))) continue;
    // Real sentences, not a date or byline line.
    if (e.own.units < 3 * options.min_paragraph_chars || e.own.punct < 2) continue;
    if (e.own_link_units * 2 > e.own.units) continue;
    prose = static_cast<int>(i);
  }
  if (prose < 0) return best;
  const Node prose_node = elems[static_cast<std::size_t>(prose)].node;
  if (is_inside(prose_node, chosen.node)) return best;
  // Headline, text and chosen node in one container are one story (a standfirst).
  Node common = headline;
  while (common && !is_inside(prose_node, common)) common = parent(common);
  if (common && is_inside(chosen.node, common)) return best;
  bool other_story =
      is_story_feed(table, best) || (chosen.parent >= 0 && is_story_feed(table, chosen.parent));
  // Another headline as prominent as this one.
  int level = 0;
  for (Node up = headline; up && !level; up = parent(up)) level = heading_level(tag(up));
  if (!level) level = 3;
  for (int i = prose + 1; i < best && !other_story; ++i) {
    const Node n = elems[static_cast<std::size_t>(i)].node;
    const int other = heading_level(tag(n));
    other_story = other >= 1 && other <= level && !is_inside(chosen.node, n) &&
                  text::count_code_points(text_content(n)) >= 8;
  }
  if (!other_story) return best;
  int story = -1;
  for (int i = prose; i >= 0; i = elems[static_cast<std::size_t>(i)].parent) {
    const ElemStats& e = elems[static_cast<std::size_t>(i)];
    if (is_inside(chosen.node, e.node)) break;
    if (e.candidate && (story < 0 || e.score > elems[static_cast<std::size_t>(story)].score)) {
      story = i;
    }
  }
  return story < 0 ? best : story;
}

// A heading that is a link: the headline of a teaser for another story.
bool has_linked_heading(const StatsTable& table, Node root) {
  bool found = false;
  for_each_element(root, [&](Node n) {
    if (found) return false;
    const ElemStats* s = table.find(n);
    if (!s || s->skipped) return false;
    if (!heading_level(tag(n))) return true;
    // Short linked labels ("Comments", "Share") are buttons, not headlines.
    if (s->total.units >= 20 && s->link_units * 2 > s->total.units) found = true;
    return false;
  });
  return found;
}

// Articles split into parts by ads or layout grids repeat the container's tag and class
// ("article__body" chunks, one "card" per paragraph). Parts near the chosen node that
// read as prose join it, in document order.
void add_same_class_parts(const StatsTable& table, const ElemStats& top, std::vector<Node>& nodes) {
  const std::string_view classes = attr(top.node, "class");
  if (classes.empty()) return;
  Node region = top.node;
  for (int up = 0; up < kPartLevels; ++up) {
    Node p = parent(region);
    if (!p || tag(p) == "body" || tag(p) == "html") break;
    region = p;
  }
  if (region == top.node) return;
  auto included = [&](Node n) {
    for (Node a = n; a; a = parent(a)) {
      if (std::find(nodes.begin(), nodes.end(), a) != nodes.end()) return true;
      if (a == region) break;
    }
    return false;
  };
  const std::string_view top_tag = tag(top.node);
  bool added = false;
  for_each_element(region, [&](Node n) {
    const ElemStats* s = table.find(n);
    if (!s || s->skipped) return false;
    if (boilerplate_hinted(*s)) return false;
    if (tag(n) != top_tag || attr(n, "class") != classes) return true;
    if (!included(n) && s->total.punct > 0 && link_density(*s) < 0.3 &&
        !has_linked_heading(table, n)) {
      nodes.push_back(n);
      added = true;
    }
    return false;
  });
  if (!added) return;
  std::sort(nodes.begin(), nodes.end(), [&](Node a, Node b) { return table.at(a) < table.at(b); });
}

// Pages mark their story and the teasers for other stories ("You may also like" boxes of
// full excerpts) as separate <article> elements. When the chosen node is, or lies in, or
// holds such another <article>, the story is the <article> with the page's headline, as
// long as it has text of its own.
int headline_article(const HtmlDom& dom, Node headline, const StatsTable& table, int best,
                     const ExtractOptions& options) {
  const Node chosen = table.elems[static_cast<std::size_t>(best)].node;
  bool other_article = false;
  for (Node up = chosen; up && !other_article; up = parent(up))
    other_article = has_tag(up, "article");
  for_each_element(chosen, [&](Node n) {
    if (other_article) return false;
    other_article = has_tag(n, "article");
    return !other_article;
  });
  if (!other_article) return best;
  if (!headline) {
    // A page with one <h1> shows its headline there, even when <title> words it otherwise;
    // a linked one is a teaser's.
    const auto h1 = find_by_tag(dom, "h1");
    const ElemStats* hs = h1.size() == 1 ? table.find(h1.front()) : nullptr;
    if (hs && hs->total.units > 0 && hs->link_units * 2 < hs->total.units) headline = h1.front();
  }
  if (!headline) return best;
  Node story = parent(headline);
  while (story && !has_tag(story, "article")) story = parent(story);
  if (!story || story == chosen || is_inside(chosen, story)) return best;
  const ElemStats* a = table.find(story);
  const ElemStats* h = table.find(headline);
  if (!a || !h) return best;
  const int text_units = a->total.units - h->total.units;
  if (text_units < 3 * options.min_paragraph_chars || a->total.punct < 2) return best;
  return table.at(story);
}

}  // namespace

bool looks_like_boilerplate(Node node, std::string* rule) {
  if (!is_element(node)) return false;
  return boilerplate_by(
      tag(node), [&] { return class_hints(node); }, rule);
}

// Hints that mark whole regions of other text (comment threads, related stories,
// sidebars), as opposed to weak layout words such as "side" or "con".
bool is_region_rule(std::string_view rule) {
  return in_list(
      rule, {"comment",   "comments",    "cmt",     "reply",   "pinglun", "related",  "relate",
             "recommend", "recommended", "sidebar", "aside",   "footer",  "outbrain", "taboola",
             "recirc",    "xgxw",        "xgwz",    "tuijian", "gallery", "carousel", "slideshow"});
}

// Comment threads and replies, which ExtractOptions::keep_comments keeps.
bool is_comment_rule(std::string_view rule) {
  return in_list(rule, {"comment", "comments", "cmt", "reply", "pinglun"});
}

// What a paragraph inside boilerplate is worth to the containers it credits.
constexpr double kBoilerplateShare = 0.2;

// find_main_content, leaving the page's stats in `table` for the block builder.
static MainContent main_content(const HtmlDom& dom, const ExtractOptions& options,
                                StatsTable& table) {
  MainContent result;
  Node body = dom.body();
  if (!body) body = dom.root();
  if (!body) return result;
  table = compute_stats(body);
  auto& elems = table.elems;

  // Text inside comment threads, related-story boxes, sidebars and the like counts for
  // little: a long comment thread must not outweigh a short article.
  std::vector<char> in_boilerplate(elems.size(), 0);
  for (std::size_t i = 1; i < elems.size(); ++i) {
    const ElemStats& s = elems[i];
    if (s.parent >= 0 && in_boilerplate[static_cast<std::size_t>(s.parent)]) {
      in_boilerplate[i] = 1;
    } else if (s.skipped) {
      continue;
    } else if (has_attr(s.node, "class") || has_attr(s.node, "id")) {
      const Hints& h = hints_of(s);
      const std::string_view t = tag(s.node);
      const bool region_tag = t == "aside" || t == "footer";
      in_boilerplate[i] =
          !h.positive &&
          (region_tag || (h.negative && is_region_rule(h.negative_rule) &&
                          !(options.keep_comments && is_comment_rule(h.negative_rule))));
    } else {
      in_boilerplate[i] = tag(s.node) == "aside" || tag(s.node) == "footer";
    }
  }

  // Score paragraph-like units and credit their ancestors, as Readability does.
  for (std::size_t i = 0; i < elems.size(); ++i) {
    ElemStats& s = elems[i];
    if (s.skipped || s.parent < 0) continue;
    if (!is_paragraph_unit(tag(s.node))) continue;
    if (s.own.units < options.min_paragraph_chars) continue;
    const double own_link = static_cast<double>(s.own_link_units) / s.own.units;
    if (own_link > 0.5) continue;
    double content = 1.0 + s.own.punct + std::min(s.own.units / 100.0, 3.0);
    if (in_boilerplate[i]) content *= kBoilerplateShare;
    // A div or td carrying text directly is its own container candidate too.
    int ancestor = tag(s.node) == "p" ? s.parent : static_cast<int>(i);
    for (int level = 0; ancestor >= 0 && level < 5; ++level) {
      ElemStats& a = elems[static_cast<std::size_t>(ancestor)];
      init_candidate(a);
      const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      a.score += content / divider;
      ancestor = a.parent;
    }
  }

  int best = -1;
  for (std::size_t i = 0; i < elems.size(); ++i) {
    ElemStats& s = elems[i];
    if (!s.candidate) continue;
    s.score *= 1.0 - link_density(s);
    if (best < 0 || s.score > elems[static_cast<std::size_t>(best)].score) {
      best = static_cast<int>(i);
    }
  }
  if (best < 0) {
    result.nodes.push_back(body);
    result.best = body;
    result.found_by = "fallback_body";
    return result;
  }

  // Climb when the parent scores higher: the text is split across sibling containers.
  {
    const double threshold = elems[static_cast<std::size_t>(best)].score / 3.0;
    double last = elems[static_cast<std::size_t>(best)].score;
    int p = elems[static_cast<std::size_t>(best)].parent;
    while (p >= 0 && tag(elems[static_cast<std::size_t>(p)].node) != "body") {
      const ElemStats& ps = elems[static_cast<std::size_t>(p)];
      if (!ps.candidate) {
        p = ps.parent;
        continue;
      }
      if (ps.score < threshold) break;
      if (ps.score > last) {
        best = p;
        break;
      }
      last = ps.score;
      p = ps.parent;
    }
    // An only child adds nothing over its parent.
    while (true) {
      const ElemStats& bs = elems[static_cast<std::size_t>(best)];
      if (bs.parent < 0) break;
      const ElemStats& ps = elems[static_cast<std::size_t>(bs.parent)];
      if (tag(ps.node) == "body" || element_children(ps.node).size() != 1) break;
      best = bs.parent;
    }
  }
  // find_headline walks the page: once for both.
  const Node headline = find_headline(dom);
  best = headline_story(headline, table, best, options);
  best = headline_article(dom, headline, table, best, options);
  // Next to an <article>, other <article> elements are other stories: they do not join.
  const bool story_article = has_tag(elems[static_cast<std::size_t>(best)].node, "article");

  const ElemStats& top = elems[static_cast<std::size_t>(best)];
  result.best = top.node;
  result.score = top.score;
  result.found_by = "score";
  Node parent_node = parent(top.node);
  if (!parent_node || tag(top.node) == "body") {
    result.nodes.push_back(top.node);
    return result;
  }
  // Siblings that score well, or read like prose, belong to the article too.
  const double sibling_threshold = std::max(10.0, top.score * options.sibling_share);
  const auto top_classes = attr(top.node, "class");
  for (Node sib = first_element_child(parent_node); sib; sib = next_element_sibling(sib)) {
    if (sib == top.node) {
      result.nodes.push_back(sib);
      continue;
    }
    const ElemStats* s = table.find(sib);
    if (!s || s->skipped) continue;
    if (boilerplate_hinted(*s) || is_story_feed(table, table.at(sib))) continue;
    if (story_article && has_tag(sib, "article")) continue;
    double bonus = 0;
    if (!top_classes.empty() && attr(sib, "class") == top_classes) bonus = top.score * 0.2;
    bool append = s->candidate && s->score + bonus >= sibling_threshold;
    if (!append && tag(sib) == "p") {
      const double density = link_density(*s);
      if (s->total.units > 80 && density < 0.25) append = true;
      if (s->total.units > 0 && s->total.units <= 80 && density == 0 && s->total.punct > 0) {
        append = true;
      }
    }
    if (append) result.nodes.push_back(sib);
  }
  add_same_class_parts(table, top, result.nodes);
  return result;
}

MainContent find_main_content(const HtmlDom& dom, const ExtractOptions& options) {
  StatsTable table;
  return main_content(dom, options, table);
}

// ---------------------------------------------------------------- blocks

namespace {

std::string image_source(Node img) {
  for (const char* name :
       {"data-src", "data-original", "data-actualsrc", "data-lazy-src", "data-url", "src"}) {
    std::string v = text::trim(attr(img, name));
    if (!v.empty() && v.rfind("data:", 0) != 0) return v;
  }
  return "";
}

bool is_centered(Node n) {
  const std::string align = text::ascii_lower(attr(n, "align"));
  if (align == "center") return true;
  std::string style = text::ascii_lower(attr(n, "style"));
  style.erase(
      std::remove_if(style.begin(), style.end(), [](unsigned char c) { return std::isspace(c); }),
      style.end());
  return style.find("text-align:center") != std::string::npos;
}

bool caption_hint(Node n) {
  return class_hints(n).caption;
}

class BlockBuilder {
 public:
  BlockBuilder(Node root, const ExtractOptions& options)
      : options_(options), own_stats_(compute_stats(root)), stats_(own_stats_), root_(root) {
    if (const ElemStats* s = stats_.find(root)) root_units_ = s->total.units;
  }
  // With the page's table, where it gives the rows compute_stats(root) would (serves()).
  BlockBuilder(Node root, const ExtractOptions& options, const StatsTable& page)
      : options_(options), stats_(page), root_(root) {
    if (const ElemStats* s = stats_.find(root)) root_units_ = s->total.units;
  }

  // A block element outside any link owns the text below it and starts no link count of
  // its ancestors' making: its subtree's rows in the page's table are its own table's.
  static bool serves(const StatsTable& page, Node root) {
    const ElemStats* s = page.find(root);
    if (!s || s->skipped || !is_block(tag(root))) return false;
    for (Node up = parent(root); up; up = parent(up)) {
      if (has_tag(up, "a")) return false;
    }
    return true;
  }

  // Blocks the classifier does not keep become removed blocks (rule "model").
  void use_choice(const extract::BlockChoice* choice) { choice_ = choice; }

  std::vector<Block> run() {
    visit_element(root_, 0);
    flush();
    remove_link_intros();
    if (!options_.emit_removed) {
      blocks_.erase(
          std::remove_if(blocks_.begin(), blocks_.end(), [](const Block& b) { return !b.kept(); }),
          blocks_.end());
    }
    return std::move(blocks_);
  }

 private:
  static constexpr int kMaxRecursion = 300;

  void flush() {
    const int units = buffer_units_;
    const int link_units = buffer_link_units_;
    buffer_units_ = 0;
    buffer_link_units_ = 0;
    if (buffer_.empty()) return;
    std::string content = text::normalize_whitespace(buffer_);
    buffer_.clear();
    if (content.empty()) return;
    Block block;
    block.kind = BlockKind::kParagraph;
    Node owner = buffer_owner_ ? buffer_owner_ : root_;
    const std::size_t chars = text::count_code_points(content);
    if (last_was_image_ && chars <= 80 &&
        (caption_hint(owner) || (is_centered(owner) && chars <= 60))) {
      block.kind = BlockKind::kCaption;
    }
    block.text = std::move(content);
    block.provenance = dom_path(owner);
    if (choice_ && in_comments_ == 0 && !choice_->owns_kept(owner)) {
      push_removed(std::move(block), "model");
      return;
    }
    // The classifier has weighed the block's links: a paragraph it keeps stays.
    if (!choice_ && block.kind == BlockKind::kParagraph && units >= kMinLinkLineUnits &&
        link_units * 5 >= units * 4 && !looks_like_url(block.text)) {
      // A line that is (almost) all link: "Read more: <a>other story</a>", teaser titles.
      push_removed(std::move(block), "link_paragraph");
      return;
    }
    if (block.kind == BlockKind::kParagraph && in_figure_ > 0) {
      // Counters, credits and player labels around a figure's image; figcaption is kept.
      push_removed(std::move(block), "figure_text");
      return;
    }
    push(std::move(block));
  }

  // A block made of a whole element's text: kept when the classifier keeps most of it.
  void push_judged(Node n, Block block) {
    if (choice_ && in_comments_ == 0 && !choice_->mostly_kept(n)) {
      push_removed(std::move(block), "model");
      return;
    }
    push(std::move(block));
  }

  void push(Block block) {
    last_was_image_ = block.kind == BlockKind::kImage && !block.removed;
    blocks_.push_back(std::move(block));
  }

  // Shorter all-link lines are labels and citations ("[Reuters]"), not teasers.
  static constexpr int kMinLinkLineUnits = 12;

  // A link whose text is its address is a reference the article gives.
  static bool looks_like_url(std::string_view s) {
    return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("www.", 0) == 0;
  }

  static bool is_link_rule(std::string_view rule) {
    return rule == "link_paragraph" || rule == "link_list" || rule == "link_dense";
  }

  // A short line right before links to other stories introduces them ("More stories",
  // "Don't miss"): one list, or two or more link lines in a row.
  void remove_link_intros() {
    for (std::size_t i = 0; i + 1 < blocks_.size(); ++i) {
      Block& line = blocks_[i];
      if (!line.kept()) continue;
      if (line.kind != BlockKind::kHeading && line.kind != BlockKind::kParagraph) continue;
      if (text::count_code_points(line.text) > 40 || ends_sentence(line.text)) continue;
      int links = 0;
      bool list = false;
      for (std::size_t j = i + 1; j < blocks_.size() && !blocks_[j].kept(); ++j) {
        if (!is_link_rule(blocks_[j].removed->rule)) break;
        ++links;
        if (blocks_[j].removed->rule != "link_paragraph") list = true;
      }
      if (list || links >= 2) line.removed = Removal{options_.plugin, "link_intro"};
    }
  }

  static bool ends_sentence(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == ')')) {
      s.remove_suffix(1);
    }
    if (s.empty()) return false;
    const char c = s.back();
    if (c == '.' || c == '!' || c == '?' || c == ';') {
      // "..." and "…" lead into what follows.
      return !(s.size() >= 3 && s.substr(s.size() - 3) == "...");
    }
    for (const std::string_view end : {"。", "！", "？", "；", "”", "’"}) {
      if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
    }
    return false;
  }

  // Removed blocks are kept until run() ends: remove_link_intros() looks at them.
  void push_removed(Block block, const std::string& rule) {
    last_was_image_ = false;
    block.removed = Removal{options_.plugin, rule};
    blocks_.push_back(std::move(block));
  }

  void add_removed(Node n, const std::string& rule) {
    std::string t = text_content(n);
    if (t.empty()) return;
    Block block;
    block.kind = BlockKind::kParagraph;
    block.text = std::move(t);
    block.provenance = dom_path(n);
    block.removed = Removal{options_.plugin, rule};
    blocks_.push_back(std::move(block));
  }

  // Boilerplate inside the content, unless it carries most of the content's text.
  bool boilerplate(Node n, const ElemStats* s, std::string& rule) {
    if (n == root_) return false;
    if (choice_) {
      if (in_comments_ > 0) return false;
      // The classifier has judged every block: a subtree none of whose text it keeps is
      // left out whole.
      if (choice_->units(n) > 0 && choice_->kept_units(n) == 0) {
        rule = "model";
        return true;
      }
      return false;
    }
    const bool hinted = s ? boilerplate_hinted(*s, &rule) : looks_like_boilerplate(n, &rule);
    const int units = s ? s->total.units : 0;
    if (hinted && in_comments_ > 0 && is_comment_rule(rule)) return false;
    if (hinted) {
      if (s && units > root_units_ * 0.6 && link_density(*s) < 0.3) return false;
      // An embedded post (a tweet in a "social" or "widget" box) is a quote in the text.
      if (s && units > 0 && quoted_units(n) * 5 >= units * 4) return false;
      return true;
    }
    if (!s) return false;
    const std::string_view t = tag(n);
    // An article's <header> holds its headline, byline, dates and share buttons.
    if (t == "header" && units <= root_units_ * 0.6) {
      rule = "header";
      return true;
    }
    if (is_media_player(*s)) {
      rule = "media_player";
      return true;
    }
    // Link lists: menus, "related" lists and tag clouds without a telling class.
    if ((t == "ul" || t == "ol" || t == "div" || t == "section" || t == "table" || t == "dl") &&
        s->links >= 3 && link_density(*s) > 0.6 && units < 2000) {
      rule = "link_dense";
      return true;
    }
    return false;
  }

  // A player widget around a <video> or <audio>: its controls, speed and quality menus
  // and error notices are no article text, unless a real paragraph sits inside it.
  bool is_media_player(const ElemStats& s) const {
    const Node n = s.node;
    if (!hints_of(s).media || !has_descendant(n, {"video", "audio", "object", "embed"})) {
      return false;
    }
    bool prose = false;
    for_each_element(n, [&](Node d) {
      const ElemStats* ds = stats_.find(d);
      if (ds && ds->own.units >= 4 * options_.min_paragraph_chars && ds->own.punct >= 2) {
        prose = true;
      }
      return !prose;
    });
    return !prose;
  }

  int quoted_units(Node n) const {
    int quoted = 0;
    for_each_element(n, [&](Node d) {
      if (!has_tag(d, "blockquote")) return true;
      if (const ElemStats* q = stats_.find(d)) quoted += q->total.units;
      return false;
    });
    return quoted;
  }

  void visit_children(Node n, int depth) {
    for (Node c = first_child(n); c; c = next_sibling(c)) {
      if (is_text(c)) {
        if (buffer_.empty()) buffer_owner_ = current_block_;
        const std::string_view raw = node_text(c);
        TextCounts counts;
        count_text(raw, counts);
        buffer_units_ += counts.units;
        if (in_link_ > 0) buffer_link_units_ += counts.units;
        buffer_ += raw;
      } else if (is_element(c)) {
        visit_element(c, depth + 1);
      }
    }
  }

  // A comment thread or reply list, by its class or id.
  bool opens_comments(const ElemStats& s) const {
    std::string rule;
    return boilerplate_hinted(s, &rule) && is_comment_rule(rule);
  }

  void visit_element(Node n, int depth) {
    const ElemStats* s = options_.keep_comments ? stats_.find(n) : nullptr;
    const bool comments = s && !s->skipped && opens_comments(*s);
    in_comments_ += comments;
    visit_element_inner(n, depth);
    in_comments_ -= comments;
  }

  void visit_element_inner(Node n, int depth) {
    check_budget();
    const std::string_view t = tag(n);
    const ElemStats* s = stats_.find(n);
    if (!s || s->skipped) return;
    if (depth > kMaxRecursion) {
      // Pathologically deep markup: keep its text without structure.
      if (buffer_.empty()) buffer_owner_ = current_block_;
      buffer_ += ' ';
      buffer_ += text_content(n);
      return;
    }
    std::string rule;
    if (boilerplate(n, s, rule)) {
      flush();
      add_removed(n, rule);
      return;
    }
    if (t == "br") {
      flush();
      return;
    }
    if (t == "img") {
      if (!options_.keep_images) return;
      flush();
      std::string src = image_source(n);
      if (src.empty()) return;
      if (attr(n, "width") == "1" || attr(n, "height") == "1") return;
      if (choice_ && in_comments_ == 0 && !image_kept(n)) return;
      Block block;
      block.kind = BlockKind::kImage;
      block.src = std::move(src);
      block.alt = text::normalize_whitespace(attr(n, "alt"));
      block.provenance = dom_path(n);
      push(std::move(block));
      return;
    }
    if (t == "a") {
      ++in_link_;
      visit_children(n, depth);
      --in_link_;
      return;
    }
    if (t == "figure") {
      ++in_figure_;
      visit_children_as_block(n, depth);
      --in_figure_;
      return;
    }
    if (const int level = heading_level(t)) {
      flush();
      std::string content = text_content(n);
      if (content.empty()) {
        visit_children_as_block(n, depth);  // an image wrapped in a heading
        return;
      }
      Block block;
      block.kind = BlockKind::kHeading;
      block.level = level;
      block.text = std::move(content);
      block.provenance = dom_path(n);
      push_judged(n, std::move(block));
      return;
    }
    if (t == "figcaption" || t == "caption") {
      flush();
      std::string content = text_content(n);
      if (content.empty()) return;
      Block block;
      block.kind = BlockKind::kCaption;
      block.text = std::move(content);
      block.provenance = dom_path(n);
      push_judged(n, std::move(block));
      return;
    }
    if (t == "blockquote") {
      flush();
      if (has_descendant(n, {"img", "table", "ul", "ol", "h1", "h2", "h3"})) {
        visit_children_as_block(n, depth);
        return;
      }
      std::string content = text_content(n);
      if (content.empty()) return;
      Block block;
      block.kind = BlockKind::kQuote;
      block.text = std::move(content);
      block.provenance = dom_path(n);
      push_judged(n, std::move(block));
      return;
    }
    if (t == "pre") {
      flush();
      std::string content = text::trim(text_content(n, false));
      if (content.empty()) return;
      Block block;
      block.kind = BlockKind::kParagraph;
      block.text = std::move(content);
      block.provenance = dom_path(n);
      push_judged(n, std::move(block));
      return;
    }
    if ((t == "ul" || t == "ol") && is_simple_list(n)) {
      flush();
      Block block;
      block.kind = BlockKind::kList;
      int link_items = 0;
      for (Node li = first_element_child(n); li; li = next_element_sibling(li)) {
        const ElemStats* ls = stats_.find(li);
        if (!ls || ls->skipped) continue;
        std::string item = text_content(li);
        if (item.empty()) continue;
        if (ls->total.units > 0 && ls->link_units * 5 >= ls->total.units * 4) ++link_items;
        block.items.push_back(std::move(item));
      }
      if (block.items.empty()) return;
      block.text = join(block.items);
      block.provenance = dom_path(n);
      // Mostly links: a list of other stories, not an enumeration in the text.
      if (link_items >= 3 && link_items * 2 >= static_cast<int>(block.items.size())) {
        push_removed(std::move(block), "link_list");
        return;
      }
      push_judged(n, std::move(block));
      return;
    }
    if (t == "table" && options_.keep_tables && is_data_table(n)) {
      flush();
      Block block;
      block.kind = BlockKind::kTable;
      collect_rows(n, block.rows);
      if (block.rows.empty()) return;
      std::vector<std::string> lines;
      for (const auto& row : block.rows) {
        std::string line;
        for (const auto& cell : row) {
          if (cell.empty()) continue;
          if (!line.empty()) line += ' ';
          line += cell;
        }
        if (!line.empty()) lines.push_back(std::move(line));
      }
      block.text = join(lines);
      block.provenance = dom_path(n);
      push_judged(n, std::move(block));
      return;
    }
    if (is_block(t)) {
      visit_children_as_block(n, depth);
      return;
    }
    visit_children(n, depth);  // inline: its text joins the current paragraph
  }

  void visit_children_as_block(Node n, int depth) {
    flush();
    Node saved = current_block_;
    current_block_ = n;
    visit_children(n, depth);
    flush();
    current_block_ = saved;
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out += '\n';
      out += p;
    }
    return out;
  }

  // An image goes with the text around it: the nearest enclosing element with text.
  bool image_kept(Node img) const {
    for (Node up = parent(img); up; up = parent(up)) {
      if (choice_->units(up) > 0) return choice_->mostly_kept(up);
      if (up == root_) break;
    }
    return false;
  }

  bool has_descendant(Node n, std::initializer_list<std::string_view> tags) const {
    bool found = false;
    for_each_element(n, [&](Node d) {
      if (found) return false;
      if (in_list(tag(d), tags)) found = true;
      return !found;
    });
    return found;
  }

  // A list whose items are plain text; lists that hold paragraphs or images are layout.
  bool is_simple_list(Node n) const {
    return !has_descendant(
        n, {"p", "div", "img", "table", "h1", "h2", "h3", "h4", "blockquote", "section"});
  }

  bool is_data_table(Node n) const {
    if (attr(n, "role") == "presentation") return false;
    if (has_descendant(n,
                       {"table", "p", "div", "img", "h1", "h2", "h3", "ul", "ol", "blockquote"})) {
      // Cells holding paragraphs or images: a layout table.
      int rows = 0;
      for_each_element(n, [&](Node d) {
        if (tag(d) == "tr") ++rows;
        return tag(d) != "table";
      });
      if (has_descendant(n, {"table", "img", "h1", "h2", "h3", "blockquote", "ul", "ol"})) {
        return false;
      }
      const ElemStats* s = stats_.find(n);
      // Small tables of short <p>-wrapped cells are still data.
      if (!s || rows < 2 || s->total.units > rows * 200) return false;
    }
    std::size_t max_cells = 0;
    int rows = 0;
    for_each_element(n, [&](Node d) {
      if (tag(d) == "tr") {
        ++rows;
        max_cells = std::max(max_cells, element_children(d).size());
      }
      return true;
    });
    return rows >= 1 && (max_cells >= 2 || rows >= 2);
  }

  void collect_rows(Node table, std::vector<std::vector<std::string>>& rows) const {
    for_each_element(table, [&](Node d) {
      if (tag(d) == "table") return false;
      if (tag(d) != "tr") return true;
      std::vector<std::string> row;
      bool any = false;
      for (Node cell = first_element_child(d); cell; cell = next_element_sibling(cell)) {
        if (tag(cell) != "td" && tag(cell) != "th") continue;
        std::string content = text_content(cell);
        if (!content.empty()) any = true;
        row.push_back(std::move(content));
      }
      if (any) rows.push_back(std::move(row));
      return false;
    });
  }

  const ExtractOptions& options_;
  const extract::BlockChoice* choice_ = nullptr;
  StatsTable own_stats_;
  const StatsTable& stats_;
  Node root_;
  int root_units_ = 0;
  std::vector<Block> blocks_;
  std::string buffer_;
  Node buffer_owner_ = nullptr;
  Node current_block_ = nullptr;
  bool last_was_image_ = false;
  int buffer_units_ = 0;       // units of the text in buffer_
  int buffer_link_units_ = 0;  // of which inside <a>
  int in_link_ = 0;
  int in_figure_ = 0;
  int in_comments_ = 0;  // inside a comment thread kept by ExtractOptions::keep_comments
};

}  // namespace

std::vector<Block> blocks_from_subtree(Node node, const ExtractOptions& options) {
  if (!is_element(node)) return {};
  BlockBuilder builder(node, options);
  return builder.run();
}

namespace {

bool is_year(std::string_view digits) {
  return digits.size() == 4 && (digits.substr(0, 2) == "19" || digits.substr(0, 2) == "20");
}

// English month names and their abbreviations ("Nov", "Sept").
bool is_month_word(std::string_view word) {
  if (word.size() < 3 || word.size() > 9) return false;
  const std::string lower = text::ascii_lower(word);
  for (const std::string_view m :
       {"jan",   "feb",  "mar",  "apr",    "may",       "jun",     "jul",      "aug",
        "sep",   "sept", "oct",  "nov",    "dec",       "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december"}) {
    if (lower == m) return true;
  }
  return false;
}

// A clock time (9:28, 17:45), a numeric date (2019-04-10, 20/11/2019, 2019年4月10日), or a
// month name with a year (Nov. 20, 2019).
bool has_date_or_time(std::string_view s) {
  std::vector<std::string_view> numbers;  // digit runs
  std::vector<char> after;                // the byte after each run
  bool month = false;
  bool year = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      std::size_t end = i;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
      const std::string_view run = s.substr(i, end - i);
      if (is_year(run)) year = true;
      // h:mm
      if (run.size() <= 2 && end + 2 < s.size() && s[end] == ':' && s[end + 1] >= '0' &&
          s[end + 1] <= '9' && s[end + 2] >= '0' && s[end + 2] <= '9' &&
          (end + 3 >= s.size() || s[end + 3] < '0' || s[end + 3] > '9')) {
        return true;
      }
      numbers.push_back(run);
      after.push_back(end < s.size() ? s[end] : '\0');
      i = end;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
      if (is_month_word(s.substr(i, end - i))) month = true;
      i = end;
      continue;
    }
    ++i;
  }
  if (month && year) return true;
  // Three numbers joined by one date separator, one of them a year.
  for (std::size_t k = 0; k + 2 < numbers.size(); ++k) {
    const char sep = after[k];
    if ((sep != '-' && sep != '/' && sep != '.') || after[k + 1] != sep) continue;
    const std::string_view a = numbers[k];
    const std::string_view b = numbers[k + 1];
    const std::string_view c = numbers[k + 2];
    // Adjacent runs: "2019-04-10", not "2019 - 4 items - 10".
    const bool adjacent =
        b.data() == a.data() + a.size() + 1 && c.data() == b.data() + b.size() + 1;
    if (adjacent && (is_year(a) || is_year(c))) return true;
  }
  // 2019年4月10日
  const std::size_t nian = s.find("年");
  if (nian != std::string_view::npos && nian >= 4 && is_year(s.substr(nian - 4, 4))) {
    const std::size_t yue = s.find("月", nian);
    const std::size_t ri = yue == std::string_view::npos ? yue : s.find("日", yue);
    if (ri != std::string_view::npos && ri - nian <= 12) return true;
  }
  return false;
}

// Before the article's first sentences, short lines with a date or time are its dateline
// and byline ("Nov. 20, 2019, 9:28 AM UTC", "By Jane Doe - 2019-04-10").
void remove_leading_date_lines(std::vector<Block>& blocks, const ExtractOptions& options) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (!b.kept() || b.kind != BlockKind::kParagraph) continue;
    TextCounts counts;
    count_text(b.text, counts);
    if (counts.punct >= 2 && counts.units >= 4 * options.min_paragraph_chars) return;
    if (text::count_code_points(b.text) > kDateLineChars || !has_date_or_time(b.text)) continue;
    b.removed = Removal{options.plugin, "date_line"};
  }
}

}  // namespace

// The bytes of text kept outside headings: a page whose headline is all it keeps has no body.
static std::size_t kept_text_bytes(const std::vector<Block>& blocks) {
  std::size_t bytes = 0;
  for (const Block& b : blocks) {
    if (b.kept() && b.kind != BlockKind::kHeading) bytes += b.text.size();
  }
  return bytes;
}

// What the page says of itself when its markup holds no text region (a page its scripts
// render): JSON-LD's articleBody, else the description of the work it is about, as one
// paragraph. og:description and <meta name="description"> sell the page rather
// than hold its text, so they stay out.
static std::vector<Block> described_blocks(const HtmlDom& dom, const ExtractOptions& options) {
  const JsonLdArticle ld = read_jsonld(script_texts(dom, "application/ld+json"));
  const std::pair<std::string_view, const std::string&> sources[] = {
      {"jsonld:articleBody", ld.body}, {"jsonld:description", ld.description}};
  for (const auto& [provenance, value] : sources) {
    if (text::count_code_points(value) < static_cast<std::size_t>(options.min_paragraph_chars))
      continue;
    Block b;
    b.text = value;
    b.provenance = std::string(provenance);
    return {std::move(b)};
  }
  return {};
}

// The classifier's choice over the whole <body>, or nothing when it keeps (almost) no text:
// the scored container then stands in, so a page with a text region never comes out empty.
static std::optional<std::vector<Block>> model_blocks(const HtmlDom& dom,
                                                      const ExtractOptions& options) {
  Node body = dom.body() ? dom.body() : dom.root();
  if (!body || !options.model) return std::nullopt;
  const extract::PageBlocks page = extract::page_blocks(dom);
  if (options.model_skips_han && page.han_share > 0.2) return std::nullopt;
  const extract::BlockChoice choice(dom, page, *options.model, options.model_threshold);
  // A headline or a line is no content: the scored container has more to offer.
  if (choice.kept_units_total() < 3 * options.min_paragraph_chars) return std::nullopt;
  const StatsTable stats = compute_stats(body);
  BlockBuilder builder(body, options, stats);
  builder.use_choice(&choice);
  std::vector<Block> blocks = builder.run();
  remove_leading_date_lines(blocks, options);
  // Kept text the builder could not place (an owner it reads otherwise) counts for nothing.
  if (kept_text_bytes(blocks) < static_cast<std::size_t>(3 * options.min_paragraph_chars))
    return std::nullopt;
  return blocks;
}

std::vector<Block> extract_blocks(const HtmlDom& dom, const ExtractOptions& options) {
  if (auto chosen = model_blocks(dom, options)) return std::move(*chosen);
  StatsTable page;
  const MainContent main = main_content(dom, options, page);
  std::vector<Block> blocks;
  for (Node n : main.nodes) {
    // The page's stats serve most chosen nodes: no second count of their text.
    auto part = !is_element(n)                  ? std::vector<Block>{}
                : BlockBuilder::serves(page, n) ? BlockBuilder(n, options, page).run()
                                                : blocks_from_subtree(n, options);
    blocks.insert(blocks.end(), std::make_move_iterator(part.begin()),
                  std::make_move_iterator(part.end()));
  }
  remove_leading_date_lines(blocks, options);
  if (kept_text_bytes(blocks) == 0) {
    std::vector<Block> described = described_blocks(dom, options);
    blocks.insert(blocks.end(), std::make_move_iterator(described.begin()),
                  std::make_move_iterator(described.end()));
  }
  return blocks;
}

}  // namespace clearpage::html
