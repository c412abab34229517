#include "profile.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "clearpage/html/dom.hpp"

namespace clearpage::sites {
namespace {

// Which sources each field accepts.
const std::map<std::string, std::set<std::string>, std::less<>>& allowed_sources() {
  static const std::map<std::string, std::set<std::string>, std::less<>> allowed = {
      {"title", {"meta", "css", "headline"}},
      {"published", {"meta", "css", "labels", "date_near_title", "lines"}},
      {"site", {"meta", "css", "title_suffix", "copyright_owner"}},
      {"source_name", {"meta", "css", "labels", "lines", "footer_owner", "site"}},
      {"author", {"meta", "css", "labels", "lines"}},
      {"editor", {"meta", "css", "labels", "lines", "page_label"}},
      {"keywords", {"meta", "lines", "page_label"}},
  };
  return allowed;
}

const std::set<std::string, std::less<>>& label_groups() {
  static const std::set<std::string, std::less<>> groups = {"source",   "author", "editor",
                                                            "keywords", "self",   "owner"};
  return groups;
}

// Reads one file's tree, naming the file, line and column of every complaint.
class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    fail_at(node.source(), message);
  }
  [[noreturn]] void fail_at(const toml::source_region& where, const std::string& message) const {
    throw ProfileError(path_ + ":" + std::to_string(where.begin.line) + ":" +
                       std::to_string(where.begin.column) + ": " + message);
  }

  // Rejects keys other than `known`: a misspelt key must not be ignored silently.
  void only_keys(const toml::table& table, std::initializer_list<std::string_view> known,
                 const std::string& where) const {
    for (const auto& [key, value] : table) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        fail_at(key.source(), "unknown key '" + std::string(key.str()) + "' in " + where);
      }
    }
  }

  std::vector<std::string> strings(const toml::node& node, const std::string& what) const {
    const toml::array* array = node.as_array();
    if (!array) fail(node, what + " must be an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      const auto value = item.value<std::string>();
      if (!value) fail(item, what + " must be an array of strings");
      if (value->empty()) fail(item, what + " holds an empty string");
      out.push_back(*value);
    }
    return out;
  }

  std::string string(const toml::node& node, const std::string& what) const {
    const auto value = node.value<std::string>();
    if (!value) fail(node, what + " must be a string");
    return *value;
  }

  std::int64_t integer(const toml::node& node, const std::string& what, std::int64_t lo,
                       std::int64_t hi) const {
    const auto value = node.value<std::int64_t>();
    if (!value || *value < lo || *value > hi) {
      fail(node,
           what + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    return *value;
  }

  void check_selectors(const toml::node& node, const std::vector<std::string>& selectors) const {
    static const std::shared_ptr<const HtmlDom> empty = parse_html("<html></html>");
    for (const std::string& selector : selectors) {
      try {
        html::select(*empty, selector);
      } catch (const std::invalid_argument& e) {
        fail(node, e.what());
      }
    }
  }

  Evidence evidence(const toml::node& node, const std::string& where) const {
    const toml::table* table = node.as_table();
    if (!table || table->empty()) fail(node, where + " must be a table such as { text = [...] }");
    only_keys(*table, {"host", "host_contains", "meta", "text", "selector", "title"}, where);
    Evidence e;
    for (const auto& [key, value] : *table) {
      const std::string what = where + "." + std::string(key.str());
      std::vector<std::string> values = strings(value, what);
      if (values.empty()) fail(value, what + " is empty");
      if (key == "host") e.hosts = std::move(values);
      if (key == "host_contains") e.host_contains = std::move(values);
      if (key == "meta") e.meta = std::move(values);
      if (key == "text") e.text = std::move(values);
      if (key == "title") e.title = std::move(values);
      if (key == "selector") {
        check_selectors(value, values);
        e.selectors = std::move(values);
      }
    }
    return e;
  }

  std::vector<ProbeRule> rules(const toml::node& node, const std::string& what, bool scored) const {
    const toml::array* array = node.as_array();
    if (!array) fail(node, what + " must be an array of tables ([[" + what + "]])");
    std::vector<ProbeRule> out;
    for (const toml::node& item : *array) {
      const toml::table* table = item.as_table();
      if (!table) fail(item, what + " entries must be tables");
      const std::string where = what + " rule " + std::to_string(out.size() + 1);
      if (scored) {
        only_keys(*table, {"score", "why", "all"}, where);
      } else {
        only_keys(*table, {"why", "all"}, where);
      }
      ProbeRule rule;
      rule.line = item.source().begin.line;
      if (scored) {
        const toml::node* score = table->get("score");
        if (!score) fail(item, where + " needs a score (1 to 100)");
        rule.score = static_cast<int>(integer(*score, where + ".score", 1, 100));
      }
      if (const toml::node* why = table->get("why")) rule.why = string(*why, where + ".why");
      const toml::node* all = table->get("all");
      const toml::array* list = all ? all->as_array() : nullptr;
      if (!list || list->empty()) fail(item, where + " needs all = [ { ... }, ... ]");
      for (const toml::node& e : *list) rule.all.push_back(evidence(e, where + ".all"));
      out.push_back(std::move(rule));
    }
    return out;
  }

  // "meta:publishdate", "css:.source, #source as source_class", "labels".
  FieldSource source(const toml::node& node, std::string_view field) const {
    std::string spec = string(node, "fields." + std::string(field) + " entries");
    FieldSource out;
    if (const std::size_t as = spec.rfind(" as "); as != std::string::npos) {
      out.rule = spec.substr(as + 4);
      spec.resize(as);
      if (out.rule.empty() || out.rule.find_first_of(" :") != std::string::npos) {
        fail(node, "'as' needs a rule name without spaces or colons");
      }
    }
    const std::size_t colon = spec.find(':');
    out.kind = spec.substr(0, colon);
    if (colon != std::string::npos) out.arg = spec.substr(colon + 1);
    const auto& allowed = allowed_sources().find(field)->second;
    if (!allowed.count(out.kind)) {
      std::string list;
      for (const auto& kind : allowed) list += (list.empty() ? "" : ", ") + kind;
      fail(node, "'" + out.kind + "' is not a source of " + std::string(field) + " (" + list + ")");
    }
    const bool takes_arg = out.kind == "meta" || out.kind == "css";
    if (takes_arg && out.arg.empty()) fail(node, out.kind + ": needs a key or selector after ':'");
    if (!takes_arg && !out.arg.empty()) fail(node, out.kind + " takes nothing after it");
    if (out.kind == "css") check_selectors(node, {out.arg});
    if (out.rule.empty()) {
      if (out.kind == "meta") out.rule = "meta_" + out.arg;
      if (out.kind == "css") out.rule = "selector";
      if (out.kind == "site") out.rule = "source_is_site";
      if (out.kind != "meta" && out.kind != "css" && out.kind != "site") out.rule = out.kind;
    }
    return out;
  }

  SiteProfile profile(const toml::table& root) const {
    only_keys(root,
              {"name", "description", "extends", "probe", "decline", "body", "fields", "labels",
               "date_format"},
              "the profile");
    SiteProfile p;
    p.path = path_;
    const toml::node* name = root.get("name");
    if (!name) throw ProfileError(path_ + ":1:1: a profile needs name = \"...\"");
    p.name = string(*name, "name");
    const bool name_ok = !p.name.empty() && std::all_of(p.name.begin(), p.name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!name_ok) fail(*name, "name must be lower-case letters, digits, '-' or '_'");
    if (const toml::node* d = root.get("description")) p.description = string(*d, "description");
    if (const toml::node* d = root.get("date_format")) {
      p.date_format = string(*d, "date_format");
      p.own_keys.push_back("date_format");
    }
    if (const toml::node* d = root.get("extends")) p.extends = string(*d, "extends");
    if (const toml::node* n = root.get("probe")) p.probes = rules(*n, "probe", true);
    if (p.probes.empty()) {
      throw ProfileError(path_ + ":1:1: a profile needs at least one [[probe]] rule");
    }
    if (const toml::node* n = root.get("decline")) p.declines = rules(*n, "decline", false);
    if (const toml::node* n = root.get("body")) {
      const toml::table* body = n->as_table();
      if (!body) fail(*n, "body must be a table ([body])");
      only_keys(*body, {"selectors", "min_chars", "remove"}, "[body]");
      if (const toml::node* s = body->get("selectors")) {
        p.body = strings(*s, "body.selectors");
        check_selectors(*s, p.body);
        p.own_keys.push_back("body.selectors");
      }
      if (const toml::node* s = body->get("min_chars")) {
        p.body_min_chars = static_cast<std::size_t>(integer(*s, "body.min_chars", 0, 100000));
        p.own_keys.push_back("body.min_chars");
      }
      if (const toml::node* s = body->get("remove")) {
        p.remove = strings(*s, "body.remove");
        check_selectors(*s, p.remove);
        p.own_keys.push_back("body.remove");
      }
    }
    if (const toml::node* n = root.get("fields")) {
      const toml::table* fields = n->as_table();
      if (!fields) fail(*n, "fields must be a table ([fields])");
      for (const auto& [key, value] : *fields) {
        if (!allowed_sources().count(key.str())) {
          fail_at(key.source(), "unknown field '" + std::string(key.str()) + "' in [fields]");
        }
        const toml::array* list = value.as_array();
        if (!list) fail(value, "fields." + std::string(key.str()) + " must be an array of strings");
        auto& sources = p.fields[std::string(key.str())];
        for (const toml::node& item : *list) sources.push_back(source(item, key.str()));
      }
    }
    if (const toml::node* n = root.get("labels")) {
      const toml::table* labels = n->as_table();
      if (!labels) fail(*n, "labels must be a table ([labels])");
      for (const auto& [key, value] : *labels) {
        if (!label_groups().count(key.str())) {
          fail_at(key.source(), "unknown label group '" + std::string(key.str()) +
                                    "' (source, author, editor, keywords, self, owner)");
        }
        p.labels[std::string(key.str())] = strings(value, "labels." + std::string(key.str()));
      }
    }
    return p;
  }

 private:
  std::string path_;
};

}  // namespace

const std::vector<std::string_view>& profile_fields() {
  static const std::vector<std::string_view> fields = {
      "title", "published", "site", "source_name", "author", "editor", "keywords"};
  return fields;
}

SiteProfile parse_profile(std::string_view toml_text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source();
    throw ProfileError(path + ":" + std::to_string(where.begin.line) + ":" +
                       std::to_string(where.begin.column) + ": " + std::string(e.description()));
  }
  return Reader(path).profile(root);
}

SiteProfile load_profile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ProfileError(path.string() + ": cannot read the file");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_profile(content.str(), path.string());
}

namespace {

void add_profile(std::vector<SiteProfile>& profiles, SiteProfile p) {
  for (const SiteProfile& known : profiles) {
    if (known.name == p.name) {
      throw ProfileError(p.path + ":1:1: profile name '" + p.name + "' is already used by " +
                         known.path);
    }
  }
  profiles.push_back(std::move(p));
}

// Every profile file of `dir`, as written (extends not yet resolved).
std::vector<SiteProfile> read_profiles(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw ProfileError(dir.string() + ": not a directory of site profiles");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<SiteProfile> profiles;
  for (const auto& file : files) add_profile(profiles, load_profile(file));
  return profiles;
}

bool sets(const SiteProfile& p, std::string_view key) {
  return std::find(p.own_keys.begin(), p.own_keys.end(), key) != p.own_keys.end();
}

// Fills what `child` leaves unset from `parent`.
void inherit(SiteProfile& child, const SiteProfile& parent) {
  if (!sets(child, "body.selectors")) child.body = parent.body;
  if (!sets(child, "body.min_chars")) child.body_min_chars = parent.body_min_chars;
  if (!sets(child, "body.remove")) child.remove = parent.remove;
  if (!sets(child, "date_format")) child.date_format = parent.date_format;
  for (const auto& [field, sources] : parent.fields) child.fields.emplace(field, sources);
  for (const auto& [group, words] : parent.labels) child.labels.emplace(group, words);
}

void resolve_extends(std::vector<SiteProfile>& profiles) {
  for (SiteProfile& p : profiles) {
    if (p.extends.empty()) continue;
    const auto parent = std::find_if(profiles.begin(), profiles.end(),
                                     [&](const SiteProfile& q) { return q.name == p.extends; });
    if (parent == profiles.end()) {
      throw ProfileError(p.path + ":1:1: extends '" + p.extends + "', which no profile is named");
    }
    if (!parent->extends.empty()) {
      throw ProfileError(p.path + ":1:1: extends '" + p.extends +
                         "', which extends another profile; only one level is allowed");
    }
    inherit(p, *parent);
  }
}

}  // namespace

std::vector<SiteProfile> load_profiles(const std::filesystem::path& dir,
                                       const std::filesystem::path& extra) {
  std::vector<SiteProfile> profiles = read_profiles(dir);
  if (!extra.empty()) {
    for (SiteProfile& p : read_profiles(extra)) add_profile(profiles, std::move(p));
  }
  resolve_extends(profiles);
  return profiles;
}

std::vector<SiteProfile> load_profiles(const std::filesystem::path& dir) {
  return load_profiles(dir, {});
}

}  // namespace clearpage::sites
