#include "clearpage/extract/site.hpp"

#include <libxml/tree.h>

#include <optional>
#include <stdexcept>
#include <vector>

#include "clearpage/budget.hpp"
#include "clearpage/extract/fields.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::html {
namespace {

std::string* field_of(Metadata& meta, std::string_view field) {
  if (field == "title") return &meta.title;
  if (field == "published") return &meta.published;
  if (field == "site") return &meta.site;
  if (field == "source_name") return &meta.source_name;
  if (field == "author") return &meta.author;
  if (field == "editor") return &meta.editor;
  return nullptr;
}

std::string without_spaces(std::string_view value) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(value, pos);
    if (!text::is_space(c)) out.append(value.substr(start, pos - start));
  }
  return out;
}

bool title_like(std::string_view name, std::string_view classes, std::string_view node_id) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return true;
  const bool titled_class = any_class_token(classes, [](std::string_view token) {
    return token.find("title") != std::string_view::npos &&
           token.find("sub") == std::string_view::npos;
  });
  if (titled_class) return true;
  return node_id.find("title") != std::string_view::npos;
}

bool title_like(Node node) {
  return title_like(tag(node), attr(node, "class"), id(node));
}

bool inside_link(Node node) {
  for (Node up = parent(node); up; up = parent(up)) {
    if (has_tag(up, "a")) return true;
  }
  return false;
}

// The compact (space-free) headlines a page's headline element may carry: the <title>
// headline and og:title.
std::vector<std::string> wanted_headlines(const HtmlDom& dom) {
  std::vector<std::string> wanted;
  const Node head_title = select_first(dom, "title");
  if (head_title) {
    std::string headline = without_spaces(text::split_title(text_content(head_title)).lead);
    if (!headline.empty()) wanted.push_back(std::move(headline));
  }
  std::string og = without_spaces(meta_content(dom, "og:title"));
  if (!og.empty() && (wanted.empty() || og != wanted.front())) wanted.push_back(std::move(og));
  return wanted;
}

// The heading's text is the headline, or a long enough part of it.
bool matches_headline(std::string_view compact, std::size_t length, std::string_view wanted) {
  return !wanted.empty() &&
         (compact == wanted || (length >= 8 && wanted.find(compact) != std::string_view::npos));
}

}  // namespace

Node find_headline(const HtmlDom& dom) {
  const std::vector<std::string> wanted = wanted_headlines(dom);
  if (wanted.empty()) return nullptr;
  const Node body_node = dom.body();
  const ElementEntry* top = HtmlDom::entry_of(body_node ? body_node : dom.root());
  if (!top) return nullptr;
  // The elements below `top` in document order, from the index: no walk of the tree.
  const ElementEntry* const end = top + top->size;
  for (const ElementEntry* e = top + 1; e < end;) {
    check_budget();
    const Node node = e->node;
    if (!title_like(e->tag, e->classes, e->id) || inside_link(node)) {
      ++e;
      continue;
    }
    const std::string value = text_content(node);
    const std::size_t length = text::count_code_points(value);
    if (length < 4 || length > 120) {
      ++e;
      continue;
    }
    const std::string compact = without_spaces(value);
    // A heading that is a link leads to another page: a teaser, not this page's headline.
    bool teaser = false;
    for (const ElementEntry* d = e + 1; d < e + e->size && !teaser; ++d) {
      teaser = d->tag == "a" && has_attr(d->node, "href") &&
               without_spaces(text_content(d->node)) == compact;
    }
    if (teaser) {
      e += e->size;  // nor anything inside it
      continue;
    }
    for (const std::string& headline : wanted) {
      if (matches_headline(compact, length, headline)) return node;
    }
    ++e;
  }
  return nullptr;
}

Guess guess_title(const HtmlDom& dom, Node content) {
  const Node head_title = select_first(dom, "title");
  const std::string tag_headline =
      head_title ? text::split_title(text_content(head_title)).lead : std::string();
  const std::string wanted = without_spaces(tag_headline);
  Guess matched;
  Guess contains_headline;
  Guess before;
  bool reached = false;
  const Node body_node = dom.body();
  for_each_element(body_node ? body_node : dom.root(), [&](Node node) {
    if (node == content) reached = true;
    if (reached && !matched.value.empty()) return false;
    if (!title_like(node) || inside_link(node)) return true;
    const std::string value = text_content(node);
    const std::size_t length = text::count_code_points(value);
    if (length < 4 || length > 120) return true;
    const std::string compact = without_spaces(value);
    if (matched.value.empty() && !wanted.empty()) {
      if (matches_headline(compact, length, wanted)) {
        matched = {value, "heading_matches_title"};
      } else if (text::count_code_points(wanted) >= 8 &&
                 compact.find(wanted) != std::string::npos) {
        // A title box that also holds the date or source line: look inside it, and
        // fall back to the <title> headline it contains.
        if (contains_headline.value.empty())
          contains_headline = {tag_headline, "heading_matches_title"};
        return true;
      }
    }
    if (!reached) before = {value, "heading_before_content"};
    return false;
  });
  if (!matched.value.empty()) return matched;
  if (!contains_headline.value.empty()) return contains_headline;
  if (content && !before.value.empty()) return before;
  if (!tag_headline.empty()) return {tag_headline, "title_tag"};
  return {};
}

Guess meta_date(const HtmlDom& dom, const std::vector<std::string_view>& keys) {
  for (std::string_view key : keys) {
    const std::string value = meta_content(dom, key);
    if (value.empty()) continue;
    if (auto date = text::find_date(value)) return {date->iso, "meta_" + std::string(key)};
  }
  return {};
}

void find_layout_title(Document& doc, const HtmlDom& dom, Node content, const std::string& plugin) {
  set_meta_field(doc, "title", meta_content(dom, "ArticleTitle"), plugin + ":meta_ArticleTitle");
  if (!doc.meta.title.empty()) return;
  const Guess title = guess_title(dom, content);
  set_meta_field(doc, "title", title.value, plugin + ":" + title.rule);
}

void find_labels_near_title(Document& doc, const HtmlDom& dom, const std::string& plugin) {
  const std::string near_title = text_after_title(dom, doc.meta.title);
  harvest_labels(doc, near_title, plugin, false);
  if (!doc.meta.published.empty()) return;
  if (auto date = text::find_date(near_title)) {
    set_meta_field(doc, "published", date->iso, plugin + ":date_near_title");
  }
}

std::string source_element_text(const HtmlDom& dom) {
  for (Node node : select(dom, ".source, #source")) {
    std::string value = text_content(node);
    if (auto labelled = text::labelled_value(value, {"来源", "稿源"})) value = *labelled;
    const std::size_t length = text::count_code_points(value);
    if (length >= 2 && length <= 30 && !text::find_date(value)) return value;
  }
  return "";
}

std::string title_suffix_site(const HtmlDom& dom) {
  const Node head_title = select_first(dom, "title");
  return head_title ? text::split_title(text_content(head_title)).site : std::string();
}

const std::string& page_text(const HtmlDom& dom) {
  return dom.page_text();
}

std::string text_after_title(const HtmlDom& dom, std::string_view title, std::size_t max_chars) {
  const std::string& all = page_text(dom);
  std::size_t at = title.empty() ? std::string::npos : all.find(title);
  at = at == std::string::npos ? 0 : at + title.size();
  std::size_t end = at;
  for (std::size_t n = 0; n < max_chars && end < all.size(); ++n) text::next_code_point(all, end);
  return all.substr(at, end - at);
}

std::optional<std::string> labelled_element_value(const HtmlDom& dom,
                                                  const std::vector<std::string_view>& labels,
                                                  bool allow_spaces) {
  std::optional<std::string> found;
  const xmlDoc* doc = dom.xml_doc();
  for (const xmlNode* top = doc ? doc->children : nullptr; top && !found; top = top->next) {
    if (top->type != XML_ELEMENT_NODE) continue;
    for_each_element(top, [&](Node node) {
      if (found) return false;
      const std::string_view name = tag(node);
      if (name == "script" || name == "style" || name == "head") return false;
      bool holds_label = false;
      for (Node child = first_child(node); child && !holds_label; child = next_sibling(child)) {
        if (!is_text(child)) continue;
        const std::string_view own = node_text(child);
        for (std::string_view label : labels) {
          if (own.find(label) != std::string_view::npos) holds_label = true;
        }
      }
      if (!holds_label) return true;
      for (Node holder = node; holder && !found; holder = parent(holder)) {
        const std::string value = text_content(holder);
        if (text::count_code_points(value) > 200) break;
        found = text::labelled_value(value, labels, allow_spaces);
      }
      return !found;
    });
  }
  return found;
}

std::vector<std::string> split_keywords(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  auto flush = [&] {
    std::string word = text::trim_spaces(current);
    if (!word.empty()) out.push_back(std::move(word));
    current.clear();
  };
  while (pos < value.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(value, pos);
    if (text::is_space(c) || c == U'，' || c == ',' || c == U'、' || c == ';' || c == U'；') {
      flush();
    } else {
      current.append(value.substr(start, pos - start));
    }
  }
  flush();
  return out;
}

void find_keywords_and_editor(Document& doc, const HtmlDom& dom, const std::string& by) {
  if (doc.meta.keywords.empty()) {
    if (auto value = labelled_element_value(dom, {"关键词", "关键字"}, true)) {
      doc.meta.keywords = split_keywords(*value);
      if (!doc.meta.keywords.empty()) doc.meta.found_by["keywords"] = by + ":keywords_label";
    }
  }
  if (doc.meta.editor.empty()) {
    if (auto value = labelled_element_value(dom, {"责任编辑", "责编"}, true)) {
      set_meta_field(doc, "editor", *value, by + ":editor_label");
    }
  }
}

Metadata take_metadata(Document& doc) {
  Metadata earlier = std::move(doc.meta);
  doc.meta = Metadata{};
  doc.meta.language = earlier.language;
  doc.meta.script = earlier.script;
  return earlier;
}

void restore_missing(Document& doc, const Metadata& earlier) {
  Metadata copy = earlier;
  for (std::string_view field : {"title", "published", "site", "source_name", "author", "editor"}) {
    const std::string* value = field_of(copy, field);
    const auto by = earlier.found_by.find(std::string(field));
    if (value && !value->empty()) {
      set_meta_field(doc, field, *value, by == earlier.found_by.end() ? "" : by->second);
    }
  }
  if (doc.meta.keywords.empty() && !earlier.keywords.empty()) {
    doc.meta.keywords = earlier.keywords;
    const auto by = earlier.found_by.find("keywords");
    if (by != earlier.found_by.end()) doc.meta.found_by["keywords"] = by->second;
  }
}

bool set_meta_field(Document& doc, std::string_view field, const std::string& value,
                    const std::string& by) {
  std::string* slot = field_of(doc.meta, field);
  if (!slot || !slot->empty()) return false;
  std::string clean = text::trim_spaces(value);
  if (clean.empty()) return false;
  *slot = std::move(clean);
  doc.meta.found_by[std::string(field)] = by;
  return true;
}

Node first_with_text(const HtmlDom& dom, const std::vector<std::string_view>& selectors,
                     std::size_t min_chars) {
  for (std::string_view selector : selectors) {
    for (Node node : select(dom, selector)) {
      if (text::count_code_points(text_content(node)) >= min_chars) return node;
    }
  }
  return nullptr;
}

std::string text_of_first(const HtmlDom& dom, const std::vector<std::string_view>& selectors) {
  const Node node = first_with_text(dom, selectors);
  return node ? text_content(node) : std::string();
}

void harvest_labels(Document& doc, std::string_view line, const std::string& by, bool keywords) {
  using text::LabelField;
  constexpr unsigned kPage = text::label_flags::kOnPages;
  // Publishing labels first, then the bare 时间 and 日期.
  static const auto date_labels = [] {
    auto words = text::label_words(kPage, LabelField::kPublished);
    const auto dates = text::label_words(kPage, LabelField::kDate);
    words.insert(words.end(), dates.begin(), dates.end());
    return words;
  }();
  static const auto sources = text::label_words(kPage, LabelField::kSource);
  static const auto authors = text::label_words(kPage, LabelField::kAuthor);
  static const auto editors = text::label_words(kPage, LabelField::kEditor);
  static const auto keyword_words = text::label_words(kPage, LabelField::kKeywords);
  if (doc.meta.published.empty()) {
    for (const text::LabelWord& label : date_labels) {
      const std::size_t at = line.find(label.word);
      if (at == std::string_view::npos) continue;
      if (auto date = text::find_date(line.substr(at))) {
        set_meta_field(doc, "published", date->iso, by + ":published_label");
        break;
      }
    }
  }
  if (auto v = text::labelled_table_value(line, sources)) {
    set_meta_field(doc, "source_name", *v, by + ":source_label");
  }
  if (auto v = text::labelled_table_value(line, authors)) {
    set_meta_field(doc, "author", *v, by + ":author_label");
  }
  if (auto v = text::labelled_table_value(line, editors)) {
    set_meta_field(doc, "editor", *v, by + ":editor_label");
  }
  if (keywords && doc.meta.keywords.empty()) {
    if (auto v = text::labelled_table_value(line, keyword_words)) {
      doc.meta.keywords = split_keywords(*v);
      if (!doc.meta.keywords.empty()) doc.meta.found_by["keywords"] = by + ":keywords_label";
    }
  }
}

void remove_title_repeat(Document& doc, const std::string& plugin) {
  if (doc.meta.title.empty()) return;
  const std::string wanted = without_spaces(doc.meta.title);
  int seen = 0;
  for (std::size_t i = 0; i < doc.blocks.size() && seen < 3; ++i) {
    if (!doc.blocks[i].kept() || doc.blocks[i].kind == BlockKind::kImage) continue;
    ++seen;
    if (without_spaces(doc.blocks[i].text) == wanted) doc.remove_block(i, plugin, "title_repeat");
  }
}

chrome::LabelReader field_label_reader() {
  chrome::LabelReader reader;
  reader.labelled_value = &text::labelled_value;
  reader.field_labels = &text::field_labels;
  return reader;
}

const chrome::RuleSet& installed_line_rules() {
  // Once per plugin library: each one that links the library holds its own copy.
  static const chrome::RuleSet rules = [] {
    chrome::RuleSet loaded(field_label_reader());
    loaded.load_file(chrome::installed_patterns_path(), "lines");
    if (loaded.rule_count() == 0) {
      throw std::runtime_error("chrome patterns " + chrome::installed_patterns_path() +
                               ": no [lines] rules");
    }
    return loaded;
  }();
  return rules;
}

std::size_t strip_chrome_blocks(Document& doc, const std::string& plugin) {
  return strip_chrome_blocks(doc, plugin, installed_line_rules());
}

std::size_t strip_chrome_blocks(Document& doc, const std::string& plugin,
                                const chrome::RuleSet& rules) {
  std::size_t removed = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    if (!block.kept() || block.kind == BlockKind::kImage || block.kind == BlockKind::kTable) {
      continue;
    }
    std::string line = block.text;
    if (block.kind == BlockKind::kList && line.empty()) {
      for (const std::string& item : block.items) line += item + " ";
    }
    const std::string rule = rules.rule_of_line(line);
    if (rule.empty()) continue;
    if (rule == "meta_line" || rule == "editor_line") harvest_labels(doc, line, plugin);
    doc.remove_block(i, plugin, rule);
    ++removed;
  }
  return removed;
}

}  // namespace clearpage::html
