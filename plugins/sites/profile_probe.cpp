#include "profile_probe.hpp"

#include <optional>

#include "clearpage/extract/page.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::sites {
namespace {

// What a probe reads from a page, computed on first use.
class PageFacts {
 public:
  PageFacts(const Document& doc, const HtmlDom& dom) : doc_(doc), dom_(dom) {}

  const std::string& host() {
    if (!host_) host_ = html::url_host(html::page_url(doc_));
    return *host_;
  }
  const std::string& title() {
    if (!title_) {
      const html::Node node = html::select_first(dom_, "title");
      title_ = node ? html::text_content(node) : std::string();
    }
    return *title_;
  }
  const HtmlDom& dom() const { return dom_; }

 private:
  const Document& doc_;
  const HtmlDom& dom_;
  std::optional<std::string> host_;
  std::optional<std::string> title_;
};

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The first value of `e` the page shows, as "<kind> <value>"; nullopt when none.
std::optional<std::string> find_evidence(const Evidence& e, PageFacts& page) {
  for (const std::string& domain : e.hosts) {
    if (html::host_in(page.host(), domain)) return "host " + page.host() + " under " + domain;
  }
  for (const std::string& part : e.host_contains) {
    if (contains(page.host(), part)) return "host " + page.host() + " contains " + part;
  }
  for (const std::string& key : e.meta) {
    if (!html::meta_content(page.dom(), key).empty()) return "meta " + key;
  }
  for (const std::string& word : e.text) {
    if (page.dom().page_text_contains(word)) return "text " + word;
  }
  for (const std::string& selector : e.selectors) {
    if (html::select_first(page.dom(), selector)) return "element " + selector;
  }
  for (const std::string& word : e.title) {
    if (contains(page.title(), word)) return "title " + word;
  }
  return std::nullopt;
}

// The evidence of every piece of `rule`, or nullopt when one piece is missing.
std::optional<std::string> rule_matches(const ProbeRule& rule, PageFacts& page) {
  std::string why;
  for (const Evidence& e : rule.all) {
    const auto found = find_evidence(e, page);
    if (!found) return std::nullopt;
    why += (why.empty() ? "" : ", ") + *found;
  }
  return rule.why.empty() ? why : rule.why + " (" + why + ")";
}

}  // namespace

ProbeResult probe_profile(const SiteProfile& profile, const Document& doc) {
  ProbeResult result;
  const HtmlDom* dom = html::html_dom(doc);
  if (!dom) return result;
  PageFacts page(doc, *dom);
  for (const ProbeRule& rule : profile.declines) {
    if (rule_matches(rule, page)) return result;
  }
  for (const ProbeRule& rule : profile.probes) {
    if (rule.score <= result.score) continue;
    if (auto why = rule_matches(rule, page)) result = {rule.score, *why};
  }
  return result;
}

}  // namespace clearpage::sites
