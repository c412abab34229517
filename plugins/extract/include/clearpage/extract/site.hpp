// Helpers the site-layout cleaners (portal, newssite, wechat) share: picking a content
// root by selector, recording metadata with its rule, and removing chrome lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/chrome/chrome_rules.hpp"
#include "clearpage/document.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::html {

namespace chrome = plugins::chrome;

// Sets a metadata field ("title", "published", "site", "source_name", "author", "editor")
// when it is still empty and `value` is not; records found_by = `by`. Returns whether it did.
bool set_meta_field(Document& doc, std::string_view field, const std::string& value,
                    const std::string& by);

// A site cleaner knows its layout better than the reader's generic metadata: it clears
// the metadata before its own rules run (take_metadata) and afterwards fills the fields
// it left empty from what was there before, keeping their found_by (restore_missing).
Metadata take_metadata(Document& doc);
void restore_missing(Document& doc, const Metadata& earlier);

// The first element matching a selector, trying the selectors in order, whose text has
// at least `min_chars` code points; nullptr when none has.
Node first_with_text(const HtmlDom& dom, const std::vector<std::string_view>& selectors,
                     std::size_t min_chars = 1);

// Text of the first element `first_with_text` finds, or "".
std::string text_of_first(const HtmlDom& dom, const std::vector<std::string_view>& selectors);

// Fills empty metadata from a meta/editor line's labels (发布日期, 来源, 作者, 责任编辑,
// 关键词); `by` is the plugin name, the rule is "<field>_label". Keywords only with
// `keywords`: in running text their list has no clear end.
void harvest_labels(Document& doc, std::string_view line, const std::string& by,
                    bool keywords = true);

// The value of the first of `labels` in the text of the element that holds the label
// itself ("<div>关键词：湿地 候鸟</div>"), or of its parent when the label sits alone in
// its own element ("<i>来源：</i>山西日报"). nullopt when none is found.
std::optional<std::string> labelled_element_value(const HtmlDom& dom,
                                                  const std::vector<std::string_view>& labels,
                                                  bool allow_spaces = false);

// Splits a keyword list ("湿地 候鸟", "a，b、c").
std::vector<std::string> split_keywords(std::string_view value);

// Fills empty keywords and editor from labelled elements anywhere in the page.
void find_keywords_and_editor(Document& doc, const HtmlDom& dom, const std::string& by);

// Text of the whole page (<html>, without <head>): some pages close <body> early.
// Computed once per tree; valid while `dom` lives.
const std::string& page_text(const HtmlDom& dom);

// A guessed value and the rule that found it ("" when nothing was found).
struct Guess {
  std::string value;
  std::string rule;
};

// The article title: a heading-like element (h1-h6, or class/id with "title") whose text
// matches the headline of <title> ("heading_matches_title"), else the heading-like element
// nearest before `content` ("heading_before_content"), else the <title> headline
// ("title_tag"). `content` may be nullptr.
Guess guess_title(const HtmlDom& dom, Node content);

// The element showing the article's headline: the first heading-like element (h1-h6, or
// class/id with "title"), outside links, whose text is the <title> headline or og:title,
// or a part of it of 8 or more characters. nullptr when none is.
Node find_headline(const HtmlDom& dom);

// The first of the <meta> keys that holds a date, as ISO 8601 ("meta_<key>" rule).
Guess meta_date(const HtmlDom& dom, const std::vector<std::string_view>& keys);

// Fills an empty title from <meta name="ArticleTitle"> ("<plugin>:meta_ArticleTitle"),
// else from guess_title(dom, content).
void find_layout_title(Document& doc, const HtmlDom& dom, Node content, const std::string& plugin);

// Fills empty published, source, author and editor from the labels in the text after the
// title (harvest_labels, without keywords), and published from the first date there
// ("<plugin>:date_near_title") when no label gave one.
void find_labels_near_title(Document& doc, const HtmlDom& dom, const std::string& plugin);

// The publisher named by an element whose class or id is "source" (<a class="source">
// 每日经济新闻</a>, <span id="source">来源：新华社</span>), without its label; "" when there is
// none or its text is too long to be a name.
std::string source_element_text(const HtmlDom& dom);

// The site part of <title> ("标题_栏目_中国政府网" gives "中国政府网"), or "".
std::string title_suffix_site(const HtmlDom& dom);

// Up to `max_chars` code points of the body text starting where `title` appears in it
// (from the start when it does not): the meta lines of an article follow its title.
std::string text_after_title(const HtmlDom& dom, std::string_view title,
                             std::size_t max_chars = 300);

// Removes a block among the first three text blocks that repeats meta.title
// (rule "title_repeat").
void remove_title_repeat(Document& doc, const std::string& plugin);

// The label rules' reader of Chinese fields: text::labelled_value and text::field_labels.
chrome::LabelReader field_label_reader();

// The chrome line rules: the [lines] rules of the installed chrome_patterns.toml
// (chrome::installed_patterns_path), read once per process by each plugin library on
// first use. Throws std::runtime_error when the file is missing or has no [lines] rules.
const chrome::RuleSet& installed_line_rules();

// Removes each kept block that a line rule calls chrome (breadcrumbs, footers, toolbars,
// share overlays, repost headers, editor and meta lines), first harvesting metadata from
// meta and editor lines; the removal names the rule. Returns how many blocks it removed.
// Without `rules`, the installed ones.
std::size_t strip_chrome_blocks(Document& doc, const std::string& plugin);
std::size_t strip_chrome_blocks(Document& doc, const std::string& plugin,
                                const chrome::RuleSet& rules);

}  // namespace clearpage::html
