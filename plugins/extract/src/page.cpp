#include "clearpage/extract/page.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <cctype>

#include "clearpage/html/dom.hpp"
#include "clearpage/text/normalize.hpp"

namespace clearpage::html {
namespace {

// An http(s) URL inside a comment's text, or "".
std::string url_in_comment(std::string_view text) {
  const std::size_t at = text.find("http");
  if (at == std::string_view::npos) return "";
  std::size_t end = at;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
         text[end] != '"' && text[end] != '\'' && text[end] != '>') {
    ++end;
  }
  const std::string_view candidate = text.substr(at, end - at);
  if (candidate.rfind("http://", 0) != 0 && candidate.rfind("https://", 0) != 0) return "";
  return std::string(candidate);
}

// Looks at the comments before <html> and the first few inside it and <head>.
std::string saved_from_comment(const HtmlDom& dom) {
  const xmlDoc* doc = dom.xml_doc();
  if (!doc) return "";
  int budget = 64;
  for (const xmlNode* node = doc->children; node && budget > 0; node = node->next, --budget) {
    if (node->type == XML_COMMENT_NODE && node->content) {
      std::string url = url_in_comment(reinterpret_cast<const char*>(node->content));
      if (!url.empty()) return url;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    for (const xmlNode* child = node->children; child && budget > 0;
         child = child->next, --budget) {
      const xmlNode* scan = child;
      if (scan->type == XML_ELEMENT_NODE && scan->name &&
          std::string_view(reinterpret_cast<const char*>(scan->name)) == "head") {
        for (const xmlNode* in_head = scan->children; in_head && budget > 0;
             in_head = in_head->next, --budget) {
          if (in_head->type == XML_COMMENT_NODE && in_head->content) {
            std::string url = url_in_comment(reinterpret_cast<const char*>(in_head->content));
            if (!url.empty()) return url;
          }
        }
      } else if (scan->type == XML_COMMENT_NODE && scan->content) {
        std::string url = url_in_comment(reinterpret_cast<const char*>(scan->content));
        if (!url.empty()) return url;
      }
    }
  }
  return "";
}

}  // namespace

std::string url_host(std::string_view url) {
  std::size_t begin = url.find("://");
  begin = begin == std::string_view::npos ? (url.rfind("//", 0) == 0 ? 2 : std::string_view::npos)
                                          : begin + 3;
  if (begin == std::string_view::npos) return "";
  std::size_t end = url.find_first_of("/?#", begin);
  std::string_view authority =
      url.substr(begin, end == std::string_view::npos ? url.npos : end - begin);
  const std::size_t user = authority.rfind('@');
  if (user != std::string_view::npos) authority.remove_prefix(user + 1);
  const std::size_t port = authority.find(':');
  if (port != std::string_view::npos) authority = authority.substr(0, port);
  return text::ascii_lower(authority);
}

bool host_in(std::string_view host, std::string_view domain) {
  if (host.empty() || domain.empty()) return false;
  if (host == domain) return true;
  return host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
         host[host.size() - domain.size() - 1] == '.';
}

std::string page_url(const Document& doc) {
  if (!doc.url.empty()) return doc.url;
  const HtmlDom* dom = html_dom(doc);
  if (!dom) return "";
  for (Node link : select(*dom, "link[rel=canonical]")) {
    const std::string_view href = attr(link, "href");
    if (!url_host(href).empty()) return std::string(href);
  }
  const std::string og = meta_content(*dom, "og:url");
  if (!url_host(og).empty()) return og;
  return saved_from_comment(*dom);
}

}  // namespace clearpage::html
