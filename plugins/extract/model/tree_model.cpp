#include "tree_model.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clearpage::extract {

namespace {

using nlohmann::json;

const json& member(const json& object, const char* key, const std::string& origin) {
  if (!object.is_object() || !object.contains(key)) {
    throw std::runtime_error(origin + ": not an xgboost JSON model (no \"" + key + "\")");
  }
  return object.at(key);
}

// xgboost writes numeric parameters as strings ("5E-1").
double number(const json& value, const std::string& origin) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {
    try {
      return std::stod(value.get<std::string>());
    } catch (const std::exception&) {
    }
  }
  throw std::runtime_error(origin + ": bad number in model: " + value.dump());
}

// Whether any of the n values is NaN, xgboost's missing value.
bool has_missing(const float* row, std::size_t n) {
  std::size_t i = 0;
  bool missing = false;
#if defined(__SSE2__)
  __m128 a = _mm_setzero_ps();
  __m128 b = _mm_setzero_ps();
  for (; i + 8 <= n; i += 8) {
    const __m128 x = _mm_loadu_ps(row + i);
    const __m128 y = _mm_loadu_ps(row + i + 4);
    a = _mm_or_ps(a, _mm_cmpunord_ps(x, x));
    b = _mm_or_ps(b, _mm_cmpunord_ps(y, y));
  }
  missing = _mm_movemask_ps(_mm_or_ps(a, b)) != 0;
#endif
  for (; i < n; ++i) missing |= std::isnan(row[i]);
  return missing;
}

// The deepest the complete layout goes: 2^10 leaves a tree.
constexpr int kMaxCompleteDepth = 10;

}  // namespace

TreeModel TreeModel::from_json(std::string_view json_text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {
    throw std::runtime_error(origin + ": " + e.what());
  }
  const json& learner = member(doc, "learner", origin);
  const json& objective = member(member(learner, "objective", origin), "name", origin);
  if (objective != "binary:logistic") {
    throw std::runtime_error(origin + ": objective " + objective.dump() +
                             " is not binary:logistic");
  }
  const json& param = member(learner, "learner_model_param", origin);
  TreeModel model;
  model.features_ = static_cast<std::size_t>(number(member(param, "num_feature", origin), origin));
  const double base_score = number(member(param, "base_score", origin), origin);
  if (!(base_score > 0 && base_score < 1)) {
    throw std::runtime_error(origin + ": base_score out of (0, 1)");
  }
  model.base_margin_ = std::log(base_score / (1 - base_score));
  const json& booster = member(learner, "gradient_booster", origin);
  if (member(booster, "name", origin) != "gbtree") {
    throw std::runtime_error(origin + ": only gbtree boosters are supported");
  }
  const json& trees = member(member(booster, "model", origin), "trees", origin);
  if (!trees.is_array()) throw std::runtime_error(origin + ": trees is not an array");
  for (const json& tree : trees) {
    const auto& left = member(tree, "left_children", origin);
    const auto& right = member(tree, "right_children", origin);
    const auto& split = member(tree, "split_indices", origin);
    const auto& cond = member(tree, "split_conditions", origin);
    const auto& dleft = member(tree, "default_left", origin);
    const std::size_t size = left.size();
    if (right.size() != size || split.size() != size || cond.size() != size ||
        dleft.size() != size || size == 0) {
      throw std::runtime_error(origin + ": tree arrays differ in length");
    }
    const auto base = static_cast<std::uint32_t>(model.nodes_.size());
    model.roots_.push_back(base);
    for (std::size_t i = 0; i < size; ++i) {
      TreeNode node;
      const int l = left[i].get<int>();
      const int r = right[i].get<int>();
      node.feature = split[i].get<std::uint32_t>();
      node.value = cond[i].get<float>();
      node.default_left = dleft[i].get<int>() != 0;
      if (l < 0) {
        node.left = node.right = -1;
      } else {
        if (l >= static_cast<int>(size) || r < 0 || r >= static_cast<int>(size) ||
            node.feature >= model.features_) {
          throw std::runtime_error(origin + ": tree node out of range");
        }
        node.left = static_cast<std::int32_t>(base) + l;
        node.right = static_cast<std::int32_t>(base) + r;
      }
      model.nodes_.push_back(node);
    }
  }
  model.build_complete_layout();
  return model;
}

void TreeModel::build_complete_layout() {
  depth_ = 0;
  if (roots_.empty() || features_ == 0) return;
  // The walks below recurse at most kMaxCompleteDepth + 1 deep: a deeper tree, or a
  // split on NaN (whose comparisons the fast walk does not mirror), keeps the node walk.
  int depth = 0;
  for (const std::uint32_t root : roots_) {
    std::vector<std::pair<std::int32_t, int>> stack = {{static_cast<std::int32_t>(root), 0}};
    while (!stack.empty()) {
      const auto [at, level] = stack.back();
      stack.pop_back();
      const TreeNode& node = nodes_[static_cast<std::size_t>(at)];
      if (node.left < 0) {
        depth = std::max(depth, level);
        continue;
      }
      if (std::isnan(node.value) || level >= kMaxCompleteDepth) return;
      stack.push_back({node.left, level + 1});
      stack.push_back({node.right, level + 1});
    }
  }
  if (depth == 0) return;
  depth_ = depth;
  const std::size_t per_tree = splits_per_tree();
  splits_.assign(roots_.size() * per_tree, Split{0, 0.0f});
  default_left_.assign(splits_.size(), 0);
  leaves_.assign(roots_.size() << depth_, 0.0f);
  for (std::size_t t = 0; t < roots_.size(); ++t) {
    // (node, position in the complete tree, level); a leaf above the last level fills
    // its whole subtree, whose splits stay {0, 0} and lead to the same value either way.
    std::vector<std::tuple<std::int32_t, std::size_t, int>> stack = {
        {static_cast<std::int32_t>(roots_[t]), 0, 0}};
    while (!stack.empty()) {
      const auto [at, position, level] = stack.back();
      stack.pop_back();
      const TreeNode& node = nodes_[static_cast<std::size_t>(at)];
      if (level == depth_) {
        leaves_[(t << depth_) + position - per_tree] = node.value;
        continue;
      }
      const bool leaf = node.left < 0;
      if (!leaf) {
        splits_[t * per_tree + position] = Split{node.feature, node.value};
        default_left_[t * per_tree + position] = node.default_left ? 1 : 0;
      }
      stack.push_back({leaf ? at : node.left, 2 * position + 1, level + 1});
      stack.push_back({leaf ? at : node.right, 2 * position + 2, level + 1});
    }
  }
}

TreeModel TreeModel::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read model " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return from_json(buffer.str(), path.string());
}

double TreeModel::reference_margin(const float* row) const {
  double sum = base_margin_;
  const TreeNode* nodes = nodes_.data();
  for (const std::uint32_t root : roots_) {
    const TreeNode* node = nodes + root;
    while (node->left >= 0) {
      const float x = row[node->feature];
      const bool go_left = std::isnan(x) ? node->default_left : x < node->value;
      node = nodes + (go_left ? node->left : node->right);
    }
    sum += node->value;
  }
  return sum;
}

double TreeModel::margin_with_missing(const float* row) const {
  const std::size_t per_tree = splits_per_tree();
  double sum = base_margin_;
  for (std::size_t t = 0; t < roots_.size(); ++t) {
    const Split* split = splits_.data() + t * per_tree;
    const std::uint8_t* default_left = default_left_.data() + t * per_tree;
    std::size_t at = 0;
    for (int level = 0; level < depth_; ++level) {
      const float x = row[split[at].feature];
      const bool go_left = std::isnan(x) ? default_left[at] != 0 : x < split[at].threshold;
      at = 2 * at + (go_left ? 1 : 2);
    }
    sum += leaves_[(t << depth_) + at - per_tree];
  }
  return sum;
}

// Without NaN, "not x < threshold" is "x >= threshold", which needs no branch. The rows
// go down each tree side by side, so their loads overlap; each row still adds the trees
// in order, as reference_margin() does, and so gets the same double.
template <int Depth, int Rows>
void TreeModel::evaluate_rows(const float* rows, const std::size_t* which, double* out) const {
  constexpr std::uint32_t kSplits = (1u << Depth) - 1;
  const float* row[Rows];
  double sum[Rows];
  for (int r = 0; r < Rows; ++r) {
    row[r] = rows + which[r] * features_;
    sum[r] = base_margin_;
  }
  const Split* split = splits_.data();
  const float* leaf = leaves_.data();
  const std::size_t trees = roots_.size();
  for (std::size_t t = 0; t < trees; ++t, split += kSplits, leaf += kSplits + 1) {
    std::uint32_t at[Rows] = {};
#pragma GCC unroll 16
    for (int level = 0; level < Depth; ++level) {
#pragma GCC unroll 4
      for (int r = 0; r < Rows; ++r) {
        const Split& s = split[at[r]];
        at[r] = 2 * at[r] + 1 + static_cast<std::uint32_t>(row[r][s.feature] >= s.threshold);
      }
    }
    for (int r = 0; r < Rows; ++r) sum[r] += leaf[at[r] - kSplits];
  }
  for (int r = 0; r < Rows; ++r) out[which[r]] = sum[r];
}

template <int Depth>
void TreeModel::margins_at_depth(const float* rows, std::size_t count, double* out) const {
  constexpr int kRows = 4;
  std::size_t tile[kRows];
  int filled = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const float* row = rows + i * features_;
    if (has_missing(row, features_)) {
      out[i] = margin_with_missing(row);
      continue;
    }
    tile[filled++] = i;
    if (filled == kRows) {
      evaluate_rows<Depth, kRows>(rows, tile, out);
      filled = 0;
    }
  }
  for (int k = 0; k < filled; ++k) evaluate_rows<Depth, 1>(rows, tile + k, out);
}

void TreeModel::margins(const float* rows, std::size_t count, double* out) const {
  static_assert(kMaxCompleteDepth == 10, "one case for each depth");
  switch (depth_) {
    case 1:
      return margins_at_depth<1>(rows, count, out);
    case 2:
      return margins_at_depth<2>(rows, count, out);
    case 3:
      return margins_at_depth<3>(rows, count, out);
    case 4:
      return margins_at_depth<4>(rows, count, out);
    case 5:
      return margins_at_depth<5>(rows, count, out);
    case 6:
      return margins_at_depth<6>(rows, count, out);
    case 7:
      return margins_at_depth<7>(rows, count, out);
    case 8:
      return margins_at_depth<8>(rows, count, out);
    case 9:
      return margins_at_depth<9>(rows, count, out);
    case 10:
      return margins_at_depth<10>(rows, count, out);
    default:
      for (std::size_t i = 0; i < count; ++i) out[i] = reference_margin(rows + i * features_);
  }
}

double TreeModel::margin(const float* row) const {
  double sum = 0;
  margins(row, 1, &sum);
  return sum;
}

double TreeModel::predict(const float* row) const {
  return 1.0 / (1.0 + std::exp(-margin(row)));
}

void TreeModel::predict(const float* rows, std::size_t count, std::vector<float>& out) const {
  std::vector<double> sums(count);
  margins(rows, count, sums.data());
  out.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = static_cast<float>(1.0 / (1.0 + std::exp(-sums[i])));
  }
}

std::shared_ptr<const TreeModel> shared_model(const std::filesystem::path& path) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const TreeModel>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[path];
  if (!slot) slot = std::make_shared<const TreeModel>(TreeModel::load(path));
  return slot;
}

}  // namespace clearpage::extract
