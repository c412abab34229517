// How well a page fits a site profile, and the evidence that says so.
#pragma once

#include <string>

#include "clearpage/document.hpp"
#include "profile.hpp"

namespace clearpage::sites {

struct ProbeResult {
  int score = 0;    // 0: the profile does not claim the page
  std::string why;  // the matching rule and its evidence ("host news.cn under news.cn")
};

// The highest-scoring probe rule that matches, unless a decline rule matches first.
ProbeResult probe_profile(const SiteProfile& profile, const Document& doc);

}  // namespace clearpage::sites
