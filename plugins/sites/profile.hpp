// Site profiles: what one site or one family of site layouts looks like, read from a
// TOML file (configs/sites/<name>.toml). The sites cleaner and `clearpage sites` share
// this loader, so a profile that loads for one loads for the other.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clearpage::sites {

// A profile file that cannot be used; the message starts with "FILE:LINE:COLUMN: ".
class ProfileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One piece of evidence a probe rule needs: it holds when any of its values is found.
struct Evidence {
  std::vector<std::string> hosts;          // the page's host is one of these or under it
  std::vector<std::string> host_contains;  // the host contains one of these
  std::vector<std::string> meta;           // a <meta> with this name or property has content
  std::vector<std::string> text;           // the page text contains one of these
  std::vector<std::string> selectors;      // an element matches one of these
  std::vector<std::string> title;          // the <title> contains one of these
};

// A probe or decline rule: it matches when every piece of its evidence holds.
struct ProbeRule {
  int score = 0;  // probe rules only
  std::string why;
  std::vector<Evidence> all;
  std::size_t line = 0;
};

// Where a metadata field's value may come from, tried in the profile's order.
struct FieldSource {
  std::string kind;  // meta, css, labels, date_near_title, lines, page_label, headline,
                     // title_suffix, copyright_owner, footer_owner, site
  std::string arg;   // the meta key or the selector
  std::string rule;  // the rule recorded in found_by ("<profile>:<rule>")
};

struct SiteProfile {
  std::string name;
  std::string description;
  std::string path;
  std::vector<ProbeRule> probes;
  std::vector<ProbeRule> declines;
  // The article container: the first selector whose element has body_min_chars of
  // text; none found, the generic extractor's best node.
  std::vector<std::string> body;
  std::size_t body_min_chars = 40;
  // Elements inside the content whose blocks are removed (rule "profile_remove").
  std::vector<std::string> remove;
  // Field name ("title", "published", "site", "source_name", "author", "editor",
  // "keywords") -> its sources in order. The reader's value comes after all of them.
  std::map<std::string, std::vector<FieldSource>> fields;
  // Label words by field ("source": 来源, 稿源): a selector's or a meta value loses its
  // label; "self": source values that mean this site; "owner": footer owner labels.
  std::map<std::string, std::vector<std::string>> labels;
  // strptime(3) format of the dates that `css:` sources of `published` read; dates
  // that do not fit it are read by the general date parser.
  std::string date_format;
  // The profile this one takes body, fields, labels and date_format from where it
  // sets none of its own; probe and decline rules are never inherited.
  std::string extends;
  std::vector<std::string> own_keys;  // "body.selectors", "date_format", ...: what it set
};

// The fields a profile may fill, in the order the cleaner fills them.
const std::vector<std::string_view>& profile_fields();

// Parses one profile; `path` names it in errors. Throws ProfileError.
SiteProfile parse_profile(std::string_view toml, const std::string& path);
SiteProfile load_profile(const std::filesystem::path& path);

// Every *.toml in `dir`, by file name. Throws ProfileError for the first bad file, or
// when two profiles share a name.
std::vector<SiteProfile> load_profiles(const std::filesystem::path& dir);

// The profiles of `dir`, then those of `extra` (when not empty); a name used in both
// is an error.
std::vector<SiteProfile> load_profiles(const std::filesystem::path& dir,
                                       const std::filesystem::path& extra);

}  // namespace clearpage::sites
