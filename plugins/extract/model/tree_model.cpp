#include "tree_model.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

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
  return model;
}

TreeModel TreeModel::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read model " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return from_json(buffer.str(), path.string());
}

double TreeModel::margin(const float* row) const {
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

double TreeModel::predict(const float* row) const {
  return 1.0 / (1.0 + std::exp(-margin(row)));
}

void TreeModel::predict(const float* rows, std::size_t count, std::vector<float>& out) const {
  out.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = static_cast<float>(predict(rows + i * features_));
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
