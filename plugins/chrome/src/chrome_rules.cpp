#include "clearpage/chrome/chrome_rules.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins::chrome {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

std::string fold(std::string_view s) {
  return text::trim(text::fold_full_width_ascii(s));
}

std::vector<std::string> string_list(const toml::node_view<const toml::node>& node,
                                     const std::string& where, bool folds = true) {
  std::vector<std::string> out;
  if (!node) return out;
  const toml::array* array = node.as_array();
  if (!array) throw std::runtime_error(where + ": expected an array of strings");
  for (const auto& item : *array) {
    const auto value = item.value<std::string>();
    if (!value) throw std::runtime_error(where + ": expected an array of strings");
    std::string folded = folds ? fold(*value) : *value;
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
  if (kind == "labelled") return RuleKind::kLabelled;
  if (kind == "label_prefix") return RuleKind::kLabelPrefix;
  if (kind == "any") return RuleKind::kAny;
  throw std::runtime_error(where + ": unknown kind '" + kind +
                           "' (equals, prefix, contains, section, footer, labelled, label_prefix, "
                           "any)");
}

// Skips spaces (any Unicode space) from `pos`; returns the new position.
std::size_t skip_unicode_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!text::is_space(text::next_code_point(s, next))) break;
    pos = next;
  }
  return pos;
}

// Whether a colon (full- or half-width, after optional spaces) is at `pos`.
bool colon_at(std::string_view s, std::size_t pos) {
  pos = skip_unicode_spaces(s, pos);
  return starts_with(s.substr(pos), "：") || (pos < s.size() && s[pos] == ':');
}

// "2024-", "2024/", "2024.", "2024年".
bool starts_date(std::string_view s) {
  if (s.size() < 5) return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return s[4] == '-' || s[4] == '/' || s[4] == '.' || starts_with(s.substr(4), "年");
}

// `s` after one opening bracket and the spaces after it ("（编辑：" gives "编辑："); `s`
// itself when it does not start with a bracket.
std::string_view after_open_bracket(std::string_view s) {
  for (std::string_view open : {"[", "【", "（", "(", "〔"}) {
    if (starts_with(s, open)) return s.substr(skip_unicode_spaces(s, open.size()));
  }
  return s;
}

bool contains_any(std::string_view s, const std::vector<std::string>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](const std::string& p) { return s.find(p) != std::string_view::npos; });
}

bool needs_labels(const Rule& rule) {
  return rule.kind == RuleKind::kLabelled || rule.kind == RuleKind::kLabelPrefix ||
         rule.min_field_labels > 0 || rule.field_value;
}

std::string_view skip_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

}  // namespace

std::string installed_patterns_path() {
  const std::filesystem::path lib = boost::dll::this_line_location().string();
  const std::filesystem::path beside = lib.parent_path() / "chrome" / "chrome_patterns.toml";
  std::error_code ec;
  if (std::filesystem::exists(beside, ec)) return beside.string();
#ifdef CLEARPAGE_CHROME_SOURCE_PATTERNS
  if (std::filesystem::exists(CLEARPAGE_CHROME_SOURCE_PATTERNS, ec))
    return CLEARPAGE_CHROME_SOURCE_PATTERNS;
#endif
  return beside.string();
}

void RuleSet::load_file(const std::string& path, const std::string& set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("chrome patterns " + path + ": cannot read the file");
  std::ostringstream content;
  content << in.rdbuf();
  load_string(content.str(), path, set);
}

void RuleSet::load_string(std::string_view source, const std::string& path,
                          const std::string& set) {
  toml::table file;
  try {
    file = toml::parse(source, path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("chrome patterns " + path + ": " + std::string(e.description()));
  }
  const std::string where = "chrome patterns " + path + (set.empty() ? "" : " [" + set + "]");
  toml::table empty;
  const toml::table* chosen = set.empty() ? &file : file[set].as_table();
  // A file without the set adds no rules to it.
  const toml::table& table = chosen ? *chosen : empty;
  if (auto folds = table["fold"].value<bool>()) fold_ = *folds;
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
      const std::string named = rw + " (" + rule.name + ")";
      rule.patterns = string_list((*t)["patterns"], named + ".patterns", fold_);
      if (rule.patterns.empty() && rule.kind != RuleKind::kAny)
        throw std::runtime_error(named + ": no patterns");
      rule.max_chars = static_cast<std::size_t>((*t)["max_chars"].value_or(std::int64_t{0}));
      if (const auto* groups = (*t)["and_contains"].as_array()) {
        for (const auto& group : *groups) {
          auto parts = string_list(toml::node_view<const toml::node>(&group),
                                   named + ".and_contains", fold_);
          if (parts.empty()) throw std::runtime_error(named + ": an empty and_contains group");
          rule.and_contains.push_back(std::move(parts));
        }
      } else if ((*t)["and_contains"]) {
        throw std::runtime_error(named + ".and_contains: expected an array of arrays");
      }
      rule.min_field_labels =
          static_cast<std::size_t>((*t)["min_field_labels"].value_or(std::int64_t{0}));
      rule.field_value = (*t)["field_value"].value_or(false);
      rule.starts_with_date = (*t)["starts_with_date"].value_or(false);
      rule.allow_spaces = (*t)["allow_spaces"].value_or(false);
      rule.bare_value_empty = (*t)["bare_value_empty"].value_or(false);
      if (needs_labels(rule) && (!labels_.labelled_value || !labels_.field_labels))
        throw std::runtime_error(named + ": a label rule needs a rule set with a label reader");
      longest_rule_ = std::max(longest_rule_, rule.max_chars);
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
  int field_labels = -1;  // counted on first use
  if (auto it = equals_.empty() ? equals_.end() : equals_.find(std::string(folded));
      it != equals_.end()) {
    const Rule& rule = rules_[it->second];
    if ((rule.max_chars == 0 || chars <= rule.max_chars) &&
        conditions_hold(rule, folded, field_labels)) {
      m.rule = &rule;
      return m;
    }
  }
  for (const Rule& rule : rules_) {
    if (rule.kind == RuleKind::kEquals || rule.kind == RuleKind::kSection) continue;
    if (rule.max_chars != 0 && chars > rule.max_chars) continue;
    if (kind_matches(rule, folded) && conditions_hold(rule, folded, field_labels)) {
      m.rule = &rule;
      return m;
    }
  }
  m.breadcrumb = is_breadcrumb(folded, chars);
  return m;
}

bool RuleSet::kind_matches(const Rule& rule, std::string_view s) const {
  switch (rule.kind) {
    case RuleKind::kEquals:
    case RuleKind::kSection:
      return false;  // looked up in equals_
    case RuleKind::kPrefix:
      return std::any_of(rule.patterns.begin(), rule.patterns.end(),
                         [&](const std::string& p) { return starts_with(s, p); });
    case RuleKind::kContains:
    case RuleKind::kFooter:
      return contains_any(s, rule.patterns);
    case RuleKind::kLabelled: {
      const std::vector<std::string_view> labels(rule.patterns.begin(), rule.patterns.end());
      return labels_.labelled_value(s, labels, rule.allow_spaces).has_value();
    }
    case RuleKind::kLabelPrefix: {
      const std::string_view unbracketed = after_open_bracket(s);
      for (const std::string& label : rule.patterns) {
        if (!starts_with(unbracketed, label) || !colon_at(unbracketed, label.size())) continue;
        if (!rule.bare_value_empty || unbracketed.size() < s.size()) return true;
        if (!labels_.labelled_value(s, {label}, rule.allow_spaces)) return true;
      }
      return false;
    }
    case RuleKind::kAny:
      return true;
  }
  return false;
}

bool RuleSet::conditions_hold(const Rule& rule, std::string_view s, int& field_labels) const {
  for (const auto& group : rule.and_contains) {
    if (!contains_any(s, group)) return false;
  }
  if (rule.starts_with_date && !starts_date(s)) return false;
  if (rule.min_field_labels > 0) {
    if (field_labels < 0) {
      field_labels = 0;
      // "信息来源" also holds "来源": each label counts once, wherever it has a colon.
      for (std::string_view label : labels_.field_labels()) {
        for (std::size_t at = s.find(label); at != std::string_view::npos;
             at = s.find(label, at + label.size())) {
          if (colon_at(s, at + label.size())) {
            ++field_labels;
            break;
          }
        }
      }
    }
    if (static_cast<std::size_t>(field_labels) < rule.min_field_labels) return false;
  }
  if (rule.field_value && !labels_.labelled_value(s, labels_.field_labels(), false)) return false;
  return true;
}

std::string RuleSet::rule_of_line(std::string_view line) const {
  const std::string s = fold_ ? fold(line) : text::trim(line);
  if (s.empty()) return "";
  // Every length bound is at most longest_rule_: counting stops past it.
  const std::size_t chars = text::count_code_points_capped(s, longest_rule_);
  const Match m = match(s, chars);
  if (m.rule) return m.rule->name;
  return m.breadcrumb ? "breadcrumb" : "";
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
