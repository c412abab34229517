// Test helpers for the site-layout cleaners (sites, wechat).
#pragma once

#include <string>

#include "clearpage/document.hpp"

namespace clearpage::testkit {

// An HTML document as the html reader leaves it: parsed page, no blocks yet.
Document html_document(const std::string& bytes, const std::string& url = "");

// Whether a removed block carries `rule`.
bool has_removed(const Document& doc, const std::string& rule);

// Runs `stage` on samples/<folder>/<name>.html and checks the layout, metadata and text
// against samples/<folder>/<name>.expected.json; the probe must score at least `min_probe`.
void expect_site_sample(const std::string& stage, const std::string& name, int min_probe,
                        const std::string& folder = "html");

}  // namespace clearpage::testkit
