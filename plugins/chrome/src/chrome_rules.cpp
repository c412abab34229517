#include "clearpage/chrome/chrome_rules.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "clearpage/text/normalize.hpp"

namespace clearpage::plugins::chrome {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

std::string fold(std::string_view s) {
  return text::trim(text::fold_full_width_ascii(s));
}

std::vector<std::string> string_list(const toml::node_view<const toml::node>& node,
                                     const std::string& where) {
  std::vector<std::string> out;
  if (!node) return out;
  const toml::array* array = node.as_array();
  if (!array) throw std::runtime_error(where + ": expected an array of strings");
  for (const auto& item : *array) {
    const auto value = item.value<std::string>();
    if (!value) throw std::runtime_error(where + ": expected an array of strings");
    std::string folded = fold(*value);
    if (!folded.empty()) out.push_back(std::move(folded));
  }
  return out;
}

RuleKind parse_kind(const std::string& kind, const std::string& where) {
  if (kind == "equals") return RuleKind::kEquals;
  if (kind == "prefix") return RuleKind::kPrefix;
  if (kind == "contains") return RuleKind::kContains;
  if (kind == "section") return RuleKind::kSection;
  if (kind == "footer") return RuleKind::kFooter;
  throw std::runtime_error(where + ": unknown kind '" + kind +
                           "' (equals, prefix, contains, section, footer)");
}

std::string_view skip_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

}  // namespace

void RuleSet::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("chrome patterns " + path + ": cannot read the file");
  std::ostringstream content;
  content << in.rdbuf();
  load_string(content.str(), path);
}

void RuleSet::load_string(std::string_view source, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse(source, path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("chrome patterns " + path + ": " + std::string(e.description()));
  }
  const std::string where = "chrome patterns " + path;
  if (const auto* crumb = table["breadcrumb"].as_table()) {
    auto labels = string_list((*crumb)["labels"], where + " [breadcrumb].labels");
    auto roots = string_list((*crumb)["roots"], where + " [breadcrumb].roots");
    auto seps = string_list((*crumb)["separators"], where + " [breadcrumb].separators");
    crumb_labels_.insert(crumb_labels_.end(), labels.begin(), labels.end());
    crumb_roots_.insert(crumb_roots_.end(), roots.begin(), roots.end());
    crumb_separators_.insert(crumb_separators_.end(), seps.begin(), seps.end());
    if (auto max = (*crumb)["max_chars"].value<std::int64_t>()) crumb_max_chars_ = *max;
  }
  if (const auto* dated = table["dated_list"].as_table()) {
    if (auto v = (*dated)["min_pairs"].value<std::int64_t>())
      min_pairs_ = std::max<std::int64_t>(1, *v);
    if (auto v = (*dated)["max_item_chars"].value<std::int64_t>()) max_item_chars_ = *v;
  }
  if (const auto* rules = table["rule"].as_array()) {
    std::size_t n = 0;
    for (const auto& node : *rules) {
      const std::string rw = where + " rule " + std::to_string(++n);
      const toml::table* t = node.as_table();
      if (!t) throw std::runtime_error(rw + ": expected a table");
      Rule rule;
      rule.name = (*t)["name"].value_or(std::string());
      if (rule.name.empty()) throw std::runtime_error(rw + ": missing name");
      rule.kind = parse_kind((*t)["kind"].value_or(std::string("equals")), rw);
      rule.patterns = string_list((*t)["patterns"], rw + " (" + rule.name + ").patterns");
      if (rule.patterns.empty()) throw std::runtime_error(rw + " (" + rule.name + "): no patterns");
      rule.max_chars = static_cast<std::size_t>((*t)["max_chars"].value_or(std::int64_t{0}));
      rules_.push_back(std::move(rule));
    }
  }
  // Longer separators first, so ">>" wins over ">".
  std::sort(crumb_separators_.begin(), crumb_separators_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::sort(crumb_labels_.begin(), crumb_labels_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  index();
}

void RuleSet::index() {
  equals_.clear();
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule& rule = rules_[i];
    if (rule.kind != RuleKind::kEquals && rule.kind != RuleKind::kSection) continue;
    for (const auto& p : rule.patterns) equals_.emplace(p, i);
  }
}

Match RuleSet::match(std::string_view folded, std::size_t chars) const {
  Match m;
  if (folded.empty()) return m;
  if (auto it = equals_.find(std::string(folded)); it != equals_.end()) {
    const Rule& rule = rules_[it->second];
    if (rule.max_chars == 0 || chars <= rule.max_chars) {
      m.rule = &rule;
      return m;
    }
  }
  for (const Rule& rule : rules_) {
    if (rule.max_chars != 0 && chars > rule.max_chars) continue;
    if (rule.kind == RuleKind::kPrefix) {
      for (const auto& p : rule.patterns) {
        if (starts_with(folded, p)) {
          m.rule = &rule;
          return m;
        }
      }
    } else if (rule.kind == RuleKind::kContains || rule.kind == RuleKind::kFooter) {
      for (const auto& p : rule.patterns) {
        if (folded.find(p) != std::string_view::npos) {
          m.rule = &rule;
          return m;
        }
      }
    }
  }
  m.breadcrumb = is_breadcrumb(folded, chars);
  return m;
}

bool RuleSet::is_breadcrumb(std::string_view s, std::size_t chars) const {
  if (chars > crumb_max_chars_) return false;
  bool labelled = false;
  for (const auto& label : crumb_labels_) {
    if (starts_with(s, label)) {
      std::string_view rest = skip_spaces(s.substr(label.size()));
      if (!rest.empty() && rest.front() == ':') {
        s = skip_spaces(rest.substr(1));
        labelled = true;
        break;
      }
    }
  }
  auto separator_at = [&](std::string_view t) -> std::size_t {
    for (const auto& sep : crumb_separators_) {
      if (starts_with(t, sep)) return sep.size();
    }
    return 0;
  };
  for (const auto& root : crumb_roots_) {
    if (!starts_with(s, root)) continue;
    std::string_view rest = skip_spaces(s.substr(root.size()));
    if (rest.empty()) return labelled;
    if (separator_at(rest) > 0) return true;
  }
  if (!labelled) return false;
  // A labelled trail without a root page still needs a separator.
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (separator_at(s.substr(i)) > 0 && s[i] != '-' && s[i] != '/') return true;
  }
  return false;
}

}  // namespace clearpage::plugins::chrome
