// One cleaner for every site layout that a profile describes (configs/sites/*.toml):
// the best-fitting profile picks the content root and says where each metadata field
// comes from; the flow around it is the one every site layout shares.
#include <boost/dll/runtime_symbol_info.hpp>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clearpage/extract/fields.hpp"
#include "clearpage/extract/site.hpp"
#include "clearpage/extract/site_flow.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/chinese_date.hpp"
#include "clearpage/text/utf8.hpp"
#include "profile.hpp"
#include "profile_probe.hpp"

namespace clearpage::plugins {
namespace {

using sites::FieldSource;
using sites::SiteProfile;

std::string default_profiles_dir() {
  const std::filesystem::path lib = boost::dll::this_line_location().string();
  return (lib.parent_path() / "sites").string();
}

std::vector<std::string_view> views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

// A value and the rule that found it.
struct Candidate {
  std::string value;
  std::string rule;
};

// Everything one page offers a profile's field sources; each is computed once.
class FieldFinder {
 public:
  FieldFinder(const SiteProfile& profile, Document& doc, html::Node root)
      : profile_(profile), doc_(doc), dom_(*html::html_dom(doc)), root_(root) {}

  // Metadata harvested from the meta and editor lines the chrome strip removed.
  Metadata lines;

  std::vector<std::string> keywords_from(const FieldSource& source) {
    if (source.kind == "meta") return html::split_keywords(html::meta_content(dom_, source.arg));
    if (source.kind == "lines") return lines.keywords;
    if (auto value = html::labelled_element_value(dom_, labels("keywords"), true)) {
      return html::split_keywords(*value);
    }
    return {};
  }

  Candidate find(std::string_view field, const FieldSource& source) {
    const std::string& kind = source.kind;
    if (kind == "meta") return {meta_value(field, source.arg), source.rule};
    if (kind == "css") return {selector_value(field, source.arg), source.rule};
    if (kind == "headline") {
      const html::Guess title = html::guess_title(dom_, root_);
      return {title.value, title.rule};
    }
    if (kind == "labels") return from(near_title(), field);
    if (kind == "date_near_title") {
      const auto date = text::find_date(text_after_title());
      return {date ? date->iso : std::string(), source.rule};
    }
    if (kind == "lines") return from(lines, field);
    if (kind == "page_label") {
      const auto value = html::labelled_element_value(dom_, labels("editor"), true);
      return {value.value_or(""), "editor_label"};
    }
    if (kind == "title_suffix") return {html::title_suffix_site(dom_), source.rule};
    if (kind == "copyright_owner") {
      return {text::copyright_owner(dom_.page_text()), source.rule};
    }
    if (kind == "footer_owner") {
      const auto owner = text::labelled_value(dom_.page_text(), labels("owner"));
      return {owner.value_or(""), source.rule};
    }
    if (kind == "site") return {doc_.meta.site, source.rule};
    return {};
  }

 private:
  std::vector<std::string_view> labels(const std::string& group) const {
    const auto it = profile_.labels.find(group);
    return it == profile_.labels.end() ? std::vector<std::string_view>{} : views(it->second);
  }

  static Candidate from(const Metadata& meta, std::string_view field) {
    const std::string* value = nullptr;
    if (field == "published") value = &meta.published;
    if (field == "source_name") value = &meta.source_name;
    if (field == "author") value = &meta.author;
    if (field == "editor") value = &meta.editor;
    if (!value || value->empty()) return {};
    const auto by = meta.found_by.find(std::string(field));
    const std::string& rule = by == meta.found_by.end() ? std::string() : by->second;
    return {*value, rule.substr(rule.find(':') + 1)};
  }

  // A value without the field's label ("来源：新华社" gives "新华社").
  std::string without_label(std::string_view field, std::string value) const {
    const std::string group = field == "source_name" ? "source" : std::string(field);
    const auto words = labels(group);
    if (words.empty()) return value;
    if (auto labelled = text::labelled_value(value, words)) return *labelled;
    return value;
  }

  std::string date_value(const std::string& value) const {
    if (!profile_.date_format.empty()) {
      std::tm tm{};
      const std::string trimmed = text::trim_spaces(value);
      const char* end = strptime(trimmed.c_str(), profile_.date_format.c_str(), &tm);
      if (end && *end == '\0') {
        // A time without a zone is China time, as for the general date parser.
        const bool timed = profile_.date_format.find("%H") != std::string::npos;
        char out[32];
        std::strftime(out, sizeof out, timed ? "%Y-%m-%dT%H:%M:%S+08:00" : "%Y-%m-%d", &tm);
        return out;
      }
    }
    const auto date = text::find_date(value);
    return date ? date->iso : std::string();
  }

  std::string meta_value(std::string_view field, const std::string& key) const {
    const std::string value = html::meta_content(dom_, key);
    if (value.empty()) return value;
    if (field == "published") {
      const auto date = text::find_date(value);
      return date ? date->iso : std::string();
    }
    if (field == "source_name" || field == "author" || field == "editor") {
      return without_label(field, value);
    }
    return value;
  }

  // The first element that holds a plausible value: a date for `published`, a name of
  // 2 to 30 characters without a date for the credits.
  std::string selector_value(std::string_view field, const std::string& selector) const {
    for (const html::Node node : html::select(dom_, selector)) {
      const std::string value = html::text_content(node);
      if (field == "published") {
        std::string date = date_value(value);
        if (!date.empty()) return date;
        continue;
      }
      if (field == "title" || field == "site") {
        if (!text::trim_spaces(value).empty()) return value;
        continue;
      }
      std::string name = without_label(field, value);
      const std::size_t length = text::count_code_points(name);
      if (length >= 2 && length <= 30 && !text::find_date(name)) return name;
    }
    return "";
  }

  const std::string& text_after_title() {
    if (!after_title_) after_title_ = html::text_after_title(dom_, doc_.meta.title);
    return *after_title_;
  }

  const Metadata& near_title() {
    if (!near_title_) {
      Document scratch;
      html::harvest_labels(scratch, text_after_title(), profile_.name, false);
      near_title_ = std::move(scratch.meta);
    }
    return *near_title_;
  }

  const SiteProfile& profile_;
  Document& doc_;
  const HtmlDom& dom_;
  html::Node root_;
  std::optional<std::string> after_title_;
  std::optional<Metadata> near_title_;
};

bool in_subtree(const std::string& provenance, const std::string& path) {
  return provenance.size() >= path.size() && provenance.compare(0, path.size(), path) == 0 &&
         (provenance.size() == path.size() || provenance[path.size()] == '/');
}

class SitesCleaner : public Cleaner {
 public:
  explicit SitesCleaner(const StageContext& context) {
    std::string dir = context.options.get_string("profiles");
    if (dir.empty()) dir = default_profiles_dir();
    profiles_ = sites::load_profiles(dir, context.options.get_string("extra_profiles"));
  }

  int probe(const Document& doc) const override {
    chosen_ = choose(doc);
    return chosen_.score;
  }

  void clean(Document& doc) override {
    if (!html::html_dom(doc)) throw std::runtime_error("sites: document has no parsed HTML");
    // The pipeline cleans right after probing; a caller that did not probe gets one now.
    if (chosen_.doc != &doc || chosen_.dom != doc.dom.get()) chosen_ = choose(doc);
    if (!chosen_.profile) throw std::runtime_error("sites: no site profile fits the page");
    const SiteProfile& profile = *chosen_.profile;
    run(doc, profile);
    doc.meta.found_by["layout"] = "sites:" + profile.name + " (" + chosen_.why + ")";
    // A later document may reuse this one's addresses: its probe must choose afresh.
    chosen_ = Choice{};
  }

 private:
  struct Choice {
    const Document* doc = nullptr;
    const DomView* dom = nullptr;
    const SiteProfile* profile = nullptr;
    int score = kProbeDecline;
    std::string why;
  };

  // The highest-scoring profile; the first one in file-name order on a tie.
  Choice choose(const Document& doc) const {
    Choice best;
    best.doc = &doc;
    best.dom = doc.dom.get();
    for (const SiteProfile& profile : profiles_) {
      const sites::ProbeResult result = sites::probe_profile(profile, doc);
      if (result.score > best.score) {
        best.profile = &profile;
        best.score = result.score;
        best.why = result.why;
      }
    }
    return best;
  }

  static void run(Document& doc, const SiteProfile& profile) {
    html::SiteFlow flow;
    flow.plugin = profile.name;
    flow.content_root = [&](const HtmlDom& dom) {
      return html::content_root_or_main(dom, views(profile.body), profile.body_min_chars);
    };
    // The title first: the title repeat and the labels after the title need it.
    flow.find_metadata = [&](Document& doc, const HtmlDom&, html::Node root) {
      remove_selected(doc, profile);
      FieldFinder finder(profile, doc, root);
      fill(doc, profile, finder, "title");
    };
    flow.after_chrome_lines = [&](Document& doc, const HtmlDom&, html::Node root, Metadata lines) {
      FieldFinder finder(profile, doc, root);
      finder.lines = std::move(lines);
      for (std::string_view field : sites::profile_fields()) {
        if (field != "title") fill(doc, profile, finder, field);
      }
    };
    html::run_site_flow(doc, flow);
  }

  static void fill(Document& doc, const SiteProfile& profile, FieldFinder& finder,
                   std::string_view field) {
    const auto it = profile.fields.find(std::string(field));
    if (it == profile.fields.end()) return;
    const std::string by = profile.name + ":";
    for (const FieldSource& source : it->second) {
      if (field == "keywords") {
        std::vector<std::string> words = finder.keywords_from(source);
        if (words.empty()) continue;
        doc.meta.keywords = std::move(words);
        doc.meta.found_by["keywords"] =
            by + (source.kind == "meta" ? source.rule : "keywords_label");
        return;
      }
      Candidate found = finder.find(field, source);
      if (field == "source_name" && names_this_site(profile, found.value)) {
        found = {doc.meta.site, "source_is_site"};
      }
      if (html::set_meta_field(doc, field, found.value, by + found.rule)) return;
    }
  }

  // A credit such as 本站原创 names the site itself, not another publisher.
  static bool names_this_site(const SiteProfile& profile, const std::string& value) {
    const auto self = profile.labels.find("self");
    if (self == profile.labels.end()) return false;
    const std::string trimmed = text::trim_spaces(value);
    for (const std::string& word : self->second) {
      if (trimmed == word) return true;
    }
    return false;
  }

  static void remove_selected(Document& doc, const SiteProfile& profile) {
    const HtmlDom* dom = html::html_dom(doc);
    if (profile.remove.empty() || !dom) return;
    std::vector<std::string> paths;
    for (const std::string& selector : profile.remove) {
      for (const html::Node node : html::select(*dom, selector)) {
        paths.push_back(html::dom_path(node));
      }
    }
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      for (const std::string& path : paths) {
        if (in_subtree(doc.blocks[i].provenance, path)) {
          doc.remove_block(i, profile.name, "profile_remove");
          break;
        }
      }
    }
  }

  std::vector<SiteProfile> profiles_;
  mutable Choice chosen_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "sites";
  info.description =
      "site layouts described by profiles (configs/sites/*.toml): the best-fitting profile "
      "picks the article container and where each metadata field comes from";
  info.options = {
      {"profiles", OptionType::kString, std::string(),
       "directory of site profiles replacing the installed ones", false},
      {"extra_profiles", OptionType::kString, std::string(),
       "directory of site profiles added to the installed ones", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<SitesCleaner>(context);
  });
}

}  // namespace
}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("sites", "1.0.0", clearpage::plugins::register_stages)
