// Where a parsed page comes from: its URL and host, for site plugins' probes.
#pragma once

#include <string>
#include <string_view>

#include "clearpage/document.hpp"

namespace clearpage::html {

// Lower-case host of an absolute or scheme-relative URL, without port or user ("" if none).
std::string url_host(std::string_view url);

// True when `host` is `domain` or one of its subdomains ("www.gov.cn" is in "gov.cn").
bool host_in(std::string_view host, std::string_view domain);

// The page's own URL: doc.url, else <link rel="canonical">, og:url, or a comment near the
// top holding the address the page was saved from ("<!-- http://... -->",
// "<!-- saved from url=(0042)http://... -->"). "" when none is known.
std::string page_url(const Document& doc);

}  // namespace clearpage::html
