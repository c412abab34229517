#include "tree_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clearpage::extract {

namespace {

// Reads the parts of xgboost's JSON the evaluator needs in one pass over the text. Most
// of a model file is training statistics (gains, hessians, weights): those values are
// stepped over without converting them or building a document.
class JsonReader {
 public:
  JsonReader(std::string_view text, const std::string& origin) : text_(text), origin_(origin) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(origin_ + ": " + what + " at byte " + std::to_string(at_));
  }
  // Only whitespace may follow the document.
  void finish() {
    space();
    if (at_ != text_.size()) fail("text after the JSON document");
  }
  char peek() {
    space();
    if (at_ >= text_.size()) fail("unexpected end of JSON");
    return text_[at_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++at_;
  }
  // Calls on_member(key) for each member of an object; it must read or skip the value.
  template <typename OnMember>
  void object(OnMember&& on_member) {
    expect('{');
    if (peek() == '}') {
      ++at_;
      return;
    }
    for (;;) {
      const std::string key = string();
      expect(':');
      on_member(key);
      if (peek() == ',') {
        ++at_;
        continue;
      }
      expect('}');
      return;
    }
  }
  template <typename OnItem>
  void array(OnItem&& on_item) {
    expect('[');
    if (peek() == ']') {
      ++at_;
      return;
    }
    for (;;) {
      on_item();
      if (peek() == ',') {
        ++at_;
        continue;
      }
      expect(']');
      return;
    }
  }
  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      if (at_ >= text_.size()) fail("unterminated string");
      const char c = text_[at_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) fail("unterminated string");
      const char e = text_[at_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          // No name or value the model is read for holds one; keep it unmatched.
          if (at_ + 4 > text_.size()) fail("bad \\u escape");
          at_ += 4;
          out += '?';
          break;
        default:
          fail("bad escape in string");
      }
    }
  }
  // A JSON number, true or false (as 1 and 0), as a double.
  double number() {
    bool integral = true;
    const std::string_view token = number_token(integral);
    if (integral) return static_cast<double>(integer(token));
    double value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) fail("bad number");
    return value;
  }
  // A float as xgboost's JSON gives it: an integer converted, or a double rounded.
  float single() {
    bool integral = true;
    const std::string_view token = number_token(integral);
    if (integral) return static_cast<float>(integer(token));
    double value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) fail("bad number");
    return static_cast<float>(value);
  }
  std::int64_t whole() {
    bool integral = true;
    const std::string_view token = number_token(integral);
    if (integral) return integer(token);
    double value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) fail("bad number");
    if (!(value > -2e18 && value < 2e18)) fail("number out of range");
    return static_cast<std::int64_t>(value);
  }
  // xgboost writes numeric parameters as strings ("5E-1"), others as numbers.
  double parameter() {
    if (peek() != '"') return number();
    const std::string s = string();
    double value = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (error != std::errc() || end != s.data() + s.size()) fail("bad number \"" + s + "\"");
    return value;
  }
  // Steps over one value of any kind, checking that it is well formed.
  void skip() {
    const char c = peek();
    if (c == '{') {
      object([this](const std::string&) { skip(); });
    } else if (c == '[') {
      array([this] { skip(); });
    } else if (c == '"') {
      skip_string();
    } else if (c == 'n') {
      literal("null");
    } else {
      bool integral = true;
      number_token(integral);
    }
  }

 private:
  void space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
  }
  void literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) fail("bad literal");
    at_ += word.size();
  }
  void skip_string() {
    ++at_;  // the opening quote
    for (;;) {
      const std::size_t stop = text_.find_first_of("\"\\", at_);
      if (stop == std::string_view::npos) fail("unterminated string");
      at_ = stop + 1;
      if (text_[stop] == '"') return;
      ++at_;  // the escaped character
    }
  }
  // The characters of a number (or of true/false, read as 1/0); integral unless it has a
  // fraction or an exponent.
  std::string_view number_token(bool& integral) {
    const char c = peek();
    if (c == 't' || c == 'f') {
      literal(c == 't' ? "true" : "false");
      integral = true;
      return c == 't' ? "1" : "0";
    }
    const std::size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    integral = true;
    while (at_ < text_.size()) {
      const char d = text_[at_];
      if (d >= '0' && d <= '9') {
        ++at_;
      } else if (d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
        integral = false;
        ++at_;
      } else {
        break;
      }
    }
    const std::string_view token = text_.substr(start, at_ - start);
    if (token.empty() || token == "-") fail("expected a value");
    return token;
  }
  std::int64_t integer(std::string_view token) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (error != std::errc() || end != token.data() + token.size()) fail("bad integer");
    return value;
  }

  std::string_view text_;
  const std::string& origin_;
  std::size_t at_ = 0;
};

[[noreturn]] void missing_member(const std::string& origin, const char* key) {
  throw std::runtime_error(origin + ": not an xgboost JSON model (no \"" + key + "\")");
}

// One tree's arrays as the file gives them.
struct TreeArrays {
  std::vector<std::int64_t> left;
  std::vector<std::int64_t> right;
  std::vector<std::int64_t> split;
  std::vector<float> cond;
  std::vector<std::int64_t> default_left;
  unsigned seen = 0;  // one bit per array read
};

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
  JsonReader in(json_text, origin);
  TreeModel model;
  bool have_learner = false, have_objective = false, have_param = false, have_booster = false;
  bool have_features = false, have_base = false, have_booster_name = false, have_model = false;
  bool have_trees = false;
  std::string objective, booster_name;
  double features = 0, base_score = 0;
  std::vector<TreeArrays> trees;
  const auto read_tree = [&] {
    TreeArrays tree;
    const auto ints = [&](std::vector<std::int64_t>& out) {
      in.array([&] { out.push_back(in.whole()); });
    };
    in.object([&](const std::string& key) {
      if (key == "left_children") {
        ints(tree.left), tree.seen |= 1;
      } else if (key == "right_children") {
        ints(tree.right), tree.seen |= 2;
      } else if (key == "split_indices") {
        ints(tree.split), tree.seen |= 4;
      } else if (key == "split_conditions") {
        in.array([&] { tree.cond.push_back(in.single()); }), tree.seen |= 8;
      } else if (key == "default_left") {
        ints(tree.default_left), tree.seen |= 16;
      } else {
        in.skip();
      }
    });
    trees.push_back(std::move(tree));
  };
  in.object([&](const std::string& key) {
    if (key != "learner") return in.skip();
    have_learner = true;
    in.object([&](const std::string& key) {
      if (key == "objective") {
        have_objective = true;
        in.object([&](const std::string& key) {
          if (key != "name") return in.skip();
          objective = in.peek() == '"' ? in.string() : (in.skip(), std::string("(not a string)"));
        });
      } else if (key == "learner_model_param") {
        have_param = true;
        in.object([&](const std::string& key) {
          if (key == "num_feature") {
            features = in.parameter(), have_features = true;
          } else if (key == "base_score") {
            base_score = in.parameter(), have_base = true;
          } else {
            in.skip();
          }
        });
      } else if (key == "gradient_booster") {
        have_booster = true;
        in.object([&](const std::string& key) {
          if (key == "name") {
            have_booster_name = true;
            booster_name = in.peek() == '"' ? in.string() : (in.skip(), std::string());
          } else if (key == "model") {
            have_model = true;
            in.object([&](const std::string& key) {
              if (key != "trees") return in.skip();
              have_trees = true;
              if (in.peek() != '[') throw std::runtime_error(origin + ": trees is not an array");
              in.array(read_tree);
            });
          } else {
            in.skip();
          }
        });
      } else {
        in.skip();
      }
    });
  });
  in.finish();
  if (!have_learner) missing_member(origin, "learner");
  if (!have_objective) missing_member(origin, "objective");
  if (objective.empty()) missing_member(origin, "name");
  if (objective != "binary:logistic") {
    throw std::runtime_error(origin + ": objective \"" + objective + "\" is not binary:logistic");
  }
  if (!have_param) missing_member(origin, "learner_model_param");
  if (!have_features) missing_member(origin, "num_feature");
  if (!have_base) missing_member(origin, "base_score");
  if (!(features >= 0 && features < 1e9)) throw std::runtime_error(origin + ": bad num_feature");
  model.features_ = static_cast<std::size_t>(features);
  if (!(base_score > 0 && base_score < 1)) {
    throw std::runtime_error(origin + ": base_score out of (0, 1)");
  }
  model.base_margin_ = std::log(base_score / (1 - base_score));
  if (!have_booster) missing_member(origin, "gradient_booster");
  if (!have_booster_name) missing_member(origin, "name");
  if (booster_name != "gbtree") {
    throw std::runtime_error(origin + ": only gbtree boosters are supported");
  }
  if (!have_model) missing_member(origin, "model");
  if (!have_trees) missing_member(origin, "trees");
  for (const TreeArrays& tree : trees) {
    static const char* const kArrays[] = {"left_children", "right_children", "split_indices",
                                          "split_conditions", "default_left"};
    for (unsigned k = 0; k < 5; ++k) {
      if (!(tree.seen & (1u << k))) missing_member(origin, kArrays[k]);
    }
    const std::size_t size = tree.left.size();
    if (tree.right.size() != size || tree.split.size() != size || tree.cond.size() != size ||
        tree.default_left.size() != size || size == 0) {
      throw std::runtime_error(origin + ": tree arrays differ in length");
    }
    const auto base = static_cast<std::uint32_t>(model.nodes_.size());
    model.roots_.push_back(base);
    for (std::size_t i = 0; i < size; ++i) {
      TreeNode node;
      const std::int64_t l = tree.left[i];
      const std::int64_t r = tree.right[i];
      if (tree.split[i] < 0 || tree.split[i] > 0xFFFFFFFF) {
        throw std::runtime_error(origin + ": tree node out of range");
      }
      node.feature = static_cast<std::uint32_t>(tree.split[i]);
      node.value = tree.cond[i];
      node.default_left = tree.default_left[i] != 0;
      if (l < 0) {
        node.left = node.right = -1;
      } else {
        if (l >= static_cast<std::int64_t>(size) || r < 0 || r >= static_cast<std::int64_t>(size) ||
            node.feature >= model.features_) {
          throw std::runtime_error(origin + ": tree node out of range");
        }
        node.left = static_cast<std::int32_t>(base + l);
        node.right = static_cast<std::int32_t>(base + r);
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
  // A tree deeper than kMaxCompleteDepth, or a split on NaN (whose comparisons the fast
  // walk does not mirror), keeps the node walk.
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
