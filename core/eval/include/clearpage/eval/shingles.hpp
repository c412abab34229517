// Body-text scoring: the article-extraction-benchmark shingle method, adapted to Chinese.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clearpage::eval {

// Each CJK ideograph is one token; each run of other word characters (letters, digits,
// underscore) is one token; everything else only separates tokens.
std::vector<std::string> tokenize(std::string_view text);

// True when `run` occurs as consecutive tokens in `tokens`; an empty run never does.
bool contains_run(const std::vector<std::string>& tokens, const std::vector<std::string>& run);

// Multiset of n-token shingles; a shingle's tokens are joined with U+001F, which no token holds.
using Shingles = std::unordered_map<std::string, std::size_t>;

inline constexpr std::size_t kShingleSize = 4;

// A text with fewer than n tokens (but at least one) becomes one shingle of all its tokens,
// as the benchmark does, so short titles and captions still count.
Shingles make_shingles(const std::vector<std::string>& tokens, std::size_t n = kShingleSize);
Shingles make_shingles(std::string_view text, std::size_t n = kShingleSize);

std::size_t shingle_count(const Shingles& shingles);

// tp, fp and fn of one document, normalised to sum to 1 (all zero when both sides are empty).
struct ShingleMatch {
  double tp = 0;
  double fp = 0;
  double fn = 0;
  std::size_t gold_shingles = 0;
  std::size_t output_shingles = 0;

  bool has_gold() const { return gold_shingles > 0; }
  bool has_output() const { return output_shingles > 0; }
  // Defined only when has_output() / has_gold().
  double precision() const;
  double recall() const;
};

ShingleMatch match_shingles(const Shingles& gold, const Shingles& output);
ShingleMatch match_texts(std::string_view gold, std::string_view output);

// Precision is averaged over documents with output, recall over documents with gold text;
// F1 comes from the two means.
struct BodyScore {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  std::size_t precision_documents = 0;
  std::size_t recall_documents = 0;
};

BodyScore aggregate(const std::vector<ShingleMatch>& matches);

double f1_of(double precision, double recall);

}  // namespace clearpage::eval
