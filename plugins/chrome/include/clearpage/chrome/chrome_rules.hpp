// Chrome patterns: loading the rule file and matching single blocks against it. The chrome
// cleaner and the site flow's chrome lines (html::strip_chrome_blocks) share this engine
// and the installed chrome_patterns.toml.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clearpage::plugins::chrome {

// kLabelled, kLabelPrefix and kAny read Chinese field labels through a LabelReader.
enum class RuleKind {
  kEquals,
  kPrefix,
  kContains,
  kSection,
  kFooter,
  kLabelled,
  kLabelPrefix,
  kAny
};

struct Rule {
  std::string name;
  RuleKind kind = RuleKind::kEquals;
  std::vector<std::string> patterns;  // folded (full-width ASCII to ASCII) when the set folds
  std::size_t max_chars = 0;          // 0: no limit
  // Each group: the block must also contain one of its patterns.
  std::vector<std::vector<std::string>> and_contains;
  std::size_t min_field_labels = 0;  // field labels followed by a colon
  bool field_value = false;          // some field label has a value
  bool starts_with_date = false;     // "2024-", "2024/", "2024.", "2024年"
  bool allow_spaces = false;         // kLabelled: values of names joined by spaces
  bool bare_value_empty = false;     // kLabelPrefix: without a bracket, the value is empty
};

// What one block matched.
struct Match {
  const Rule* rule = nullptr;
  bool breadcrumb = false;
};

// How the label rules read labelled fields: text::labelled_value and text::field_labels
// (clearpage/extract/fields.hpp), passed in so that the engine does not depend on them.
struct LabelReader {
  std::optional<std::string> (*labelled_value)(std::string_view text,
                                               const std::vector<std::string_view>& labels,
                                               bool allow_spaces) = nullptr;
  const std::vector<std::string_view>& (*field_labels)() = nullptr;
};

class RuleSet {
 public:
  RuleSet() = default;
  explicit RuleSet(LabelReader labels) : labels_(labels) {}

  // Adds the rules of one TOML file; throws std::runtime_error naming the file. `set`
  // names the table holding the rules ("" for the top level, "lines" for [lines]).
  void load_file(const std::string& path, const std::string& set = "");
  void load_string(std::string_view toml, const std::string& origin, const std::string& set = "");

  // `folded` is the trimmed, width-folded block text; `chars` its code-point count.
  // Equals and section rules are looked up first, then the others in file order.
  Match match(std::string_view folded, std::size_t chars) const;
  bool is_breadcrumb(std::string_view folded, std::size_t chars) const;

  // The name of the first rule a raw line matches, or "" : trims the line (and folds it
  // when the set folds) and counts its code points.
  std::string rule_of_line(std::string_view line) const;

  std::size_t min_pairs() const { return min_pairs_; }
  std::size_t max_item_chars() const { return max_item_chars_; }
  std::size_t rule_count() const { return rules_.size(); }

 private:
  void index();
  bool conditions_hold(const Rule& rule, std::string_view s, int& field_labels) const;
  bool kind_matches(const Rule& rule, std::string_view s) const;

  LabelReader labels_;
  bool fold_ = true;
  std::vector<Rule> rules_;
  std::unordered_map<std::string, std::size_t> equals_;  // pattern -> rule index
  std::vector<std::string> crumb_labels_;
  std::vector<std::string> crumb_roots_;
  std::vector<std::string> crumb_separators_;
  std::size_t crumb_max_chars_ = 200;
  std::size_t min_pairs_ = 2;
  std::size_t max_item_chars_ = 200;
  std::size_t longest_rule_ = 0;  // the largest max_chars: counting stops past it
};

// The installed rule file: chrome/chrome_patterns.toml beside the plugin library that
// holds this code (every built-in plugin sits in one directory), or the source tree's
// copy for a program that links the library itself.
std::string installed_patterns_path();

}  // namespace clearpage::plugins::chrome
