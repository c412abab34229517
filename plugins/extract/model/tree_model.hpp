// A gradient-boosted tree ensemble read from XGBoost's JSON model format, evaluated in
// plain C++: the extract plugin scores every block of a page with it, and a small
// evaluator costs less per call than a library handle per page.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clearpage::extract {

class TreeModel {
 public:
  // Parses a model saved by xgboost's save_model("*.json") (objective binary:logistic);
  // throws std::runtime_error naming `origin` on anything else.
  static TreeModel from_json(std::string_view json_text, const std::string& origin);
  static TreeModel load(const std::filesystem::path& path);

  std::size_t feature_count() const { return features_; }
  std::size_t tree_count() const { return roots_.size(); }
  // The probability that the row is main content. `row` has feature_count() values.
  double predict(const float* row) const;
  // Probabilities of `rows` consecutive rows.
  void predict(const float* rows, std::size_t count, std::vector<float>& out) const;

  // The raw score (log-odds) of a row, by the fast evaluator predict() uses.
  double margin(const float* row) const;
  // The same score by walking each tree node by node, as xgboost does: the definition
  // margin() is tested against.
  double reference_margin(const float* row) const;
  // Whether margin() runs on the complete-tree layout (false when a tree is too deep for
  // it, and margin() is reference_margin()).
  bool uses_complete_layout() const { return depth_ > 0; }

 private:
  struct TreeNode {
    std::int32_t left;  // -1 for a leaf
    std::int32_t right;
    std::uint32_t feature;
    float value;  // split threshold, or the leaf's value
    bool default_left;
  };
  // A split of the complete layout. Each tree is padded to depth_ levels, so the node
  // at level d, position i has its children at 2i+1 and 2i+2 and no walk tests for
  // leaves; a leaf above the last level is copied into every leaf below it.
  struct Split {
    std::uint32_t feature;
    float threshold;
  };
  void build_complete_layout();
  // margins() of `count` consecutive rows into out.
  void margins(const float* rows, std::size_t count, double* out) const;
  template <int Depth>
  void margins_at_depth(const float* rows, std::size_t count, double* out) const;
  // The rows `which[0..Rows)` of `rows`, none with a missing value, side by side.
  template <int Depth, int Rows>
  void evaluate_rows(const float* rows, const std::size_t* which, double* out) const;
  // One row that has a missing value: each split sends it its default way.
  double margin_with_missing(const float* row) const;
  std::size_t splits_per_tree() const { return (std::size_t{1} << depth_) - 1; }

  std::vector<TreeNode> nodes_;
  std::vector<std::uint32_t> roots_;
  std::size_t features_ = 0;
  double base_margin_ = 0;
  // The complete layout: tree t's splits at splits_[t * splits_per_tree()], its leaves
  // at leaves_[t << depth_], and default_left_ beside splits_ for rows with missing values.
  int depth_ = 0;
  std::vector<Split> splits_;
  std::vector<std::uint8_t> default_left_;
  std::vector<float> leaves_;
};

// The model shipped with the plugin, loaded once per process and shared by all threads.
std::shared_ptr<const TreeModel> shared_model(const std::filesystem::path& path);

}  // namespace clearpage::extract
