// Chrome patterns: loading the rule file and matching single blocks against it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clearpage::plugins::chrome {

enum class RuleKind { kEquals, kPrefix, kContains, kSection, kFooter };

struct Rule {
  std::string name;
  RuleKind kind = RuleKind::kEquals;
  std::vector<std::string> patterns;  // folded (full-width ASCII to ASCII)
  std::size_t max_chars = 0;          // 0: no limit
};

// What one block matched.
struct Match {
  const Rule* rule = nullptr;
  bool breadcrumb = false;
};

class RuleSet {
 public:
  // Adds the rules of one TOML file; throws std::runtime_error naming the file.
  void load_file(const std::string& path);
  void load_string(std::string_view toml, const std::string& origin);

  // `folded` is the trimmed, width-folded block text; `chars` its code-point count.
  Match match(std::string_view folded, std::size_t chars) const;
  bool is_breadcrumb(std::string_view folded, std::size_t chars) const;

  std::size_t min_pairs() const { return min_pairs_; }
  std::size_t max_item_chars() const { return max_item_chars_; }
  std::size_t rule_count() const { return rules_.size(); }

 private:
  void index();

  std::vector<Rule> rules_;
  std::unordered_map<std::string, std::size_t> equals_;  // pattern -> rule index
  std::vector<std::string> crumb_labels_;
  std::vector<std::string> crumb_roots_;
  std::vector<std::string> crumb_separators_;
  std::size_t crumb_max_chars_ = 200;
  std::size_t min_pairs_ = 2;
  std::size_t max_item_chars_ = 200;
};

}  // namespace clearpage::plugins::chrome
