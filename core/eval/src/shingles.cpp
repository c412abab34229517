#include "clearpage/eval/shingles.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "clearpage/text/utf8.hpp"

namespace clearpage::eval {

namespace {

bool is_ideograph(char32_t c) {
  return text::is_han(c) || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC);
}

// Python's \w, which the benchmark uses: letters, numbers of any kind, and underscore.
bool is_word_char(char32_t c) {
  if (c == U'_') return true;
  const auto cp = static_cast<UChar32>(c);
  if (u_isalnum(cp)) return true;
  const int8_t type = u_charType(cp);
  return type == U_LETTER_NUMBER || type == U_OTHER_NUMBER;
}

constexpr char kJoiner = '\x1f';

}  // namespace

std::vector<std::string> tokenize(std::string_view input) {
  std::vector<std::string> tokens;
  std::size_t word_start = std::string_view::npos;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const std::size_t start = pos;
    const char32_t c = text::next_code_point(input, pos);
    const bool ideograph = is_ideograph(c);
    const bool word = !ideograph && is_word_char(c);
    if (word) {
      if (word_start == std::string_view::npos) word_start = start;
      continue;
    }
    if (word_start != std::string_view::npos) {
      tokens.emplace_back(input.substr(word_start, start - word_start));
      word_start = std::string_view::npos;
    }
    if (ideograph) tokens.emplace_back(input.substr(start, pos - start));
  }
  if (word_start != std::string_view::npos) tokens.emplace_back(input.substr(word_start));
  return tokens;
}

bool contains_run(const std::vector<std::string>& tokens, const std::vector<std::string>& run) {
  if (run.empty()) return false;
  return std::search(tokens.begin(), tokens.end(), run.begin(), run.end()) != tokens.end();
}

Shingles make_shingles(const std::vector<std::string>& tokens, std::size_t n) {
  Shingles shingles;
  if (tokens.empty() || n == 0) return shingles;
  const std::size_t width = std::min(n, tokens.size());
  std::string key;
  for (std::size_t i = 0; i + width <= tokens.size(); ++i) {
    key.clear();
    for (std::size_t j = i; j < i + width; ++j) {
      if (j > i) key += kJoiner;
      key += tokens[j];
    }
    ++shingles[key];
  }
  return shingles;
}

Shingles make_shingles(std::string_view text, std::size_t n) {
  return make_shingles(tokenize(text), n);
}

std::size_t shingle_count(const Shingles& shingles) {
  std::size_t total = 0;
  for (const auto& [key, count] : shingles) total += count;
  return total;
}

double ShingleMatch::precision() const {
  return tp + fp > 0 ? tp / (tp + fp) : 0.0;
}
double ShingleMatch::recall() const {
  return tp + fn > 0 ? tp / (tp + fn) : 0.0;
}

ShingleMatch match_shingles(const Shingles& gold, const Shingles& output) {
  ShingleMatch match;
  match.gold_shingles = shingle_count(gold);
  match.output_shingles = shingle_count(output);
  std::size_t tp = 0;
  for (const auto& [key, count] : output) {
    auto it = gold.find(key);
    if (it != gold.end()) tp += std::min(count, it->second);
  }
  const std::size_t fp = match.output_shingles - tp;
  const std::size_t fn = match.gold_shingles - tp;
  const double sum = static_cast<double>(tp + fp + fn);
  if (sum > 0) {
    match.tp = static_cast<double>(tp) / sum;
    match.fp = static_cast<double>(fp) / sum;
    match.fn = static_cast<double>(fn) / sum;
  }
  return match;
}

ShingleMatch match_texts(std::string_view gold, std::string_view output) {
  return match_shingles(make_shingles(gold), make_shingles(output));
}

double f1_of(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

BodyScore aggregate(const std::vector<ShingleMatch>& matches) {
  BodyScore score;
  double precision_sum = 0;
  double recall_sum = 0;
  for (const auto& match : matches) {
    if (match.has_output()) {
      precision_sum += match.precision();
      ++score.precision_documents;
    }
    if (match.has_gold()) {
      recall_sum += match.recall();
      ++score.recall_documents;
    }
  }
  if (score.precision_documents > 0) score.precision = precision_sum / score.precision_documents;
  if (score.recall_documents > 0) score.recall = recall_sum / score.recall_documents;
  score.f1 = f1_of(score.precision, score.recall);
  return score;
}

}  // namespace clearpage::eval
