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

 private:
  struct TreeNode {
    std::int32_t left;  // -1 for a leaf
    std::int32_t right;
    std::uint32_t feature;
    float value;  // split threshold, or the leaf's value
    bool default_left;
  };
  double margin(const float* row) const;
  std::vector<TreeNode> nodes_;
  std::vector<std::uint32_t> roots_;
  std::size_t features_ = 0;
  double base_margin_ = 0;
};

// The model shipped with the plugin, loaded once per process and shared by all threads.
std::shared_ptr<const TreeModel> shared_model(const std::filesystem::path& path);

}  // namespace clearpage::extract
