// The block classifier's parts: text counts, block features, the tree evaluator, and
// the shipped model against the predictions xgboost made for it.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "block_features.hpp"
#include "clearpage/extract/extract.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/text/charset.hpp"
#include "plugin_fixture.hpp"
#include "tree_model.hpp"

namespace clearpage {
namespace {

using extract::TextStats;

std::size_t column(const std::string& name) {
  const auto& names = extract::feature_names();
  const auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return static_cast<std::size_t>(it - names.begin());
}

TEST(BlockFeatures, TextCountsHanTwiceAndFullWidthPunctuation) {
  TextStats latin;
  latin.add("Hello, World. Done!");
  EXPECT_EQ(latin.chars, 17);
  EXPECT_EQ(latin.units, 17);
  EXPECT_EQ(latin.commas, 1);
  EXPECT_EQ(latin.final_punct, 2);
  EXPECT_EQ(latin.punct, 3);
  EXPECT_EQ(latin.words, 3);
  EXPECT_EQ(latin.upper, 3);
  EXPECT_EQ(latin.last, U'!');

  TextStats han;
  han.add("你好，世界。");
  EXPECT_EQ(han.chars, 6);
  EXPECT_EQ(han.han, 4);
  EXPECT_EQ(han.units, 10);  // 4 Han twice, 2 punctuation once
  EXPECT_EQ(han.commas, 1);
  EXPECT_EQ(han.final_punct, 1);
}

TEST(BlockFeatures, BlocksAreTheTextEachBlockElementOwns) {
  const std::string prose =
      "The council met on Tuesday, and it agreed to publish the full report next month.";
  const auto dom = parse_html(
      "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
      "<div class=article><p>" +
      prose + " <b>Bold words</b> end.</p><p>" + prose +
      "</p><script>var hidden = 1;</script><p style='display:none'>hidden text</p></div>"
      "</body></html>");
  const auto page = extract::page_blocks(*dom);
  ASSERT_EQ(page.blocks.size(), 3u);  // the nav's links, two paragraphs
  EXPECT_EQ(page.features.size(), page.blocks.size() * extract::feature_count());
  EXPECT_EQ(extract::feature_names().size(), extract::feature_count());
  EXPECT_EQ(extract::block_text(*dom, page.blocks[0]), "Home News");
  EXPECT_EQ(extract::block_text(*dom, page.blocks[1]), prose + " Bold words end.");
  const std::size_t w = extract::feature_count();
  const auto value = [&](std::size_t block, const std::string& name) {
    return page.features[block * w + column(name)];
  };
  EXPECT_FLOAT_EQ(value(0, "link_share"), 1.0f);
  EXPECT_FLOAT_EQ(value(0, "region_nav"), 1.0f);  // the nav is the block's parent
  EXPECT_FLOAT_EQ(value(0, "good"), 0.0f);
  EXPECT_FLOAT_EQ(value(1, "good"), 1.0f);
  EXPECT_FLOAT_EQ(value(1, "link_share"), 0.0f);
  EXPECT_FLOAT_EQ(value(1, "region_nav"), 0.0f);
  EXPECT_FLOAT_EQ(value(2, "ends_sentence"), 1.0f);
  // Both paragraphs are all the page's good text, and their parent holds it all.
  EXPECT_FLOAT_EQ(value(2, "up1_good_share"), 1.0f);
  EXPECT_FLOAT_EQ(value(1, "nbp1_same_parent"), 1.0f);
}

TEST(BlockFeatures, DisplayNoneInAnyCaseAndSpacing) {
  const auto dom = parse_html("<html><body><div>x</div></body></html>");
  const html::ElementEntry* div = nullptr;
  for (const auto& e : dom->elements()) {
    if (e.tag == "div") div = &e;
  }
  ASSERT_NE(div, nullptr);
  const auto hidden_by_style = [&](std::string_view style) {
    return extract::is_hidden_by(false, "", style, *div);
  };
  EXPECT_TRUE(hidden_by_style("display:none"));
  EXPECT_TRUE(hidden_by_style("color: red; DISPLAY : None ;"));
  EXPECT_TRUE(hidden_by_style("d display:\n none"));  // a failed start does not hide a match
  EXPECT_FALSE(hidden_by_style("display: block"));
  EXPECT_FALSE(hidden_by_style("display:non"));
  EXPECT_FALSE(hidden_by_style("visibility:hidden"));
  EXPECT_FALSE(hidden_by_style(""));
}

// One tree: feature 1 below 0.5 goes left (leaf -1), else right (leaf +2).
std::string tiny_model(const std::string& objective = "binary:logistic") {
  return R"({"learner":{"learner_model_param":{"base_score":"5E-1","num_feature":"3"},
    "objective":{"name":")" +
         objective + R"("},
    "gradient_booster":{"name":"gbtree","model":{"trees":[{
      "left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[1,0,0],
      "split_conditions":[0.5,-1.0,2.0],"default_left":[1,0,0]}]}}}})";
}

TEST(TreeModel, EvaluatesTreesLikeXgboost) {
  const auto model = extract::TreeModel::from_json(tiny_model(), "tiny");
  EXPECT_EQ(model.feature_count(), 3u);
  EXPECT_EQ(model.tree_count(), 1u);
  const float low[3] = {9, 0.25f, 9};
  const float high[3] = {0, 0.5f, 0};
  const float missing[3] = {0, NAN, 0};
  EXPECT_NEAR(model.predict(low), 1 / (1 + std::exp(1.0)), 1e-9);
  EXPECT_NEAR(model.predict(high), 1 / (1 + std::exp(-2.0)), 1e-9);
  EXPECT_NEAR(model.predict(missing), 1 / (1 + std::exp(1.0)), 1e-9);  // default_left
}

TEST(TreeModel, RefusesOtherObjectivesAndBrokenFiles) {
  EXPECT_THROW(extract::TreeModel::from_json(tiny_model("reg:squarederror"), "x"),
               std::runtime_error);
  EXPECT_THROW(extract::TreeModel::from_json("{\"learner\":", "x"), std::runtime_error);
  EXPECT_THROW(extract::TreeModel::from_json("{}", "x"), std::runtime_error);
  EXPECT_THROW(extract::TreeModel::load("/nonexistent/model.json"), std::runtime_error);
}

// `make model` saves some training rows with xgboost's own predictions beside the model.
TEST(TreeModel, TheShippedModelAgreesWithXgboost) {
  const auto dir = testkit::source_dir() / "plugins" / "extract" / "model";
  const auto model = extract::TreeModel::load(dir / "block_model.json");
  EXPECT_EQ(model.feature_count(), extract::feature_count());
  const auto check = nlohmann::json::parse(testkit::read_file(dir / "block_model_check.json"));
  ASSERT_GE(check["rows"].size(), 10u);
  for (std::size_t i = 0; i < check["rows"].size(); ++i) {
    const auto row = check["rows"][i].get<std::vector<float>>();
    ASSERT_EQ(row.size(), model.feature_count());
    EXPECT_NEAR(model.predict(row.data()), check["predictions"][i].get<double>(), 1e-4) << i;
  }
}

// `make model` also keeps the column sums of the sample pages' features. When they differ
// from what the plugin computes now, the model scores rows unlike those it learned from.
TEST(TreeModel, TheShippedModelWasTrainedOnTheFeaturesThePluginComputes) {
  const auto dir = testkit::source_dir() / "plugins" / "extract" / "model";
  const auto check = nlohmann::json::parse(testkit::read_file(dir / "block_model_check.json"));
  EXPECT_EQ(check["feature_names"].get<std::vector<std::string>>(), extract::feature_names())
      << "the feature columns changed: run make model";
  ASSERT_GE(check["pages"].size(), 3u);
  for (const auto& page : check["pages"]) {
    const std::string path = page["path"].get<std::string>();
    SCOPED_TRACE(path);
    const auto decoded = text::decode_to_utf8(testkit::read_file(testkit::source_dir() / path));
    const auto dom = parse_html(decoded.utf8);
    const auto blocks = extract::page_blocks(*dom);
    ASSERT_EQ(blocks.blocks.size(), page["blocks"].get<std::size_t>())
        << "the page's blocks changed: run make model";
    const auto sums = page["sums"].get<std::vector<double>>();
    ASSERT_EQ(sums.size(), extract::feature_count());
    const std::size_t n = extract::feature_count();
    for (std::size_t c = 0; c < n; ++c) {
      double sum = 0;
      for (std::size_t b = 0; b < blocks.blocks.size(); ++b) {
        const float x = blocks.features[b * n + c];
        if (!std::isnan(x)) sum += x;
      }
      EXPECT_NEAR(sum, sums[c], 1e-4 * std::max(1.0, std::abs(sums[c])))
          << extract::feature_names()[c] << " changed: run make model";
    }
  }
}

// xgboost's JSON form of a binary:logistic model of `trees` (an array of tree objects).
std::string xgboost_json(const nlohmann::json& trees, std::size_t features,
                         const std::string& base_score = "5E-1") {
  const nlohmann::json doc = {
      {"learner",
       {{"learner_model_param",
         {{"base_score", base_score}, {"num_feature", std::to_string(features)}}},
        {"objective", {{"name", "binary:logistic"}}},
        {"gradient_booster", {{"name", "gbtree"}, {"model", {{"trees", trees}}}}}}}};
  return doc.dump();
}

// A model of random trees in xgboost's JSON form: uneven shapes (leaves at every level,
// single-leaf trees), default directions both ways, thresholds from a small set so rows
// can hit them exactly.
std::string random_model(std::mt19937& rng, int trees, int max_depth, int features) {
  std::uniform_real_distribution<float> leaf_value(-1, 1);
  std::uniform_int_distribution<int> feature(0, features - 1);
  std::uniform_int_distribution<int> threshold(-4, 4);
  std::bernoulli_distribution coin;
  nlohmann::json list = nlohmann::json::array();
  for (int t = 0; t < trees; ++t) {
    nlohmann::json left = nlohmann::json::array(), right = left, split = left, cond = left,
                   dleft = left;
    // Breadth-first, as xgboost numbers nodes: (index, level) of each node to fill.
    std::vector<int> level = {0};
    for (std::size_t i = 0; i < level.size(); ++i) {
      const bool leaf =
          level[i] == max_depth || (level[i] > 0 && coin(rng) && coin(rng)) || (t == 0 && i == 0);
      if (leaf) {
        left.push_back(-1);
        right.push_back(-1);
        split.push_back(0);
        cond.push_back(leaf_value(rng));
      } else {
        left.push_back(static_cast<int>(level.size()));
        level.push_back(level[i] + 1);
        right.push_back(static_cast<int>(level.size()));
        level.push_back(level[i] + 1);
        split.push_back(feature(rng));
        cond.push_back(threshold(rng) * 0.5f);
      }
      dleft.push_back(coin(rng) ? 1 : 0);
    }
    list.push_back({{"left_children", left},
                    {"right_children", right},
                    {"split_indices", split},
                    {"split_conditions", cond},
                    {"default_left", dleft}});
  }
  return xgboost_json(list, static_cast<std::size_t>(features), "3E-1");
}

// Rows of values on, between and beyond the thresholds, with NaN and infinities.
std::vector<float> random_rows(std::mt19937& rng, std::size_t count, std::size_t features,
                               double missing_share) {
  std::uniform_int_distribution<int> step(-10, 10);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<float> rows(count * features);
  for (float& x : rows) {
    const double u = unit(rng);
    if (u < missing_share) {
      x = NAN;
    } else if (u < missing_share + 0.02) {
      x = unit(rng) < 0.5 ? -std::numeric_limits<float>::infinity()
                          : std::numeric_limits<float>::infinity();
    } else {
      x = step(rng) * 0.25f;
    }
  }
  return rows;
}

// The complete-tree evaluator must give the node walk's double exactly, row by row and in
// batches, with and without missing values.
void expect_same_as_reference(const extract::TreeModel& model, const std::vector<float>& rows) {
  const std::size_t w = model.feature_count();
  const std::size_t count = rows.size() / w;
  std::vector<float> batch;
  model.predict(rows.data(), count, batch);
  ASSERT_EQ(batch.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    const float* row = rows.data() + i * w;
    const double reference = model.reference_margin(row);
    ASSERT_EQ(model.margin(row), reference) << i;
    ASSERT_EQ(batch[i], static_cast<float>(1 / (1 + std::exp(-reference)))) << i;
  }
}

TEST(TreeModel, CompleteLayoutEqualsTheNodeWalkOnRandomModels) {
  std::mt19937 rng(20261206);
  for (int round = 0; round < 12; ++round) {
    const int depth = 1 + round % 7;
    const int features = 3 + round * 5;
    const auto model =
        extract::TreeModel::from_json(random_model(rng, 30, depth, features), "random");
    ASSERT_TRUE(model.uses_complete_layout());
    // Batches of every length around the evaluator's tiles of four rows.
    for (const std::size_t count : {1u, 3u, 4u, 5u, 9u, 64u}) {
      expect_same_as_reference(model, random_rows(rng, count, model.feature_count(), 0.0));
      expect_same_as_reference(model, random_rows(rng, count, model.feature_count(), 0.05));
      expect_same_as_reference(model, random_rows(rng, count, model.feature_count(), 0.5));
    }
  }
}

TEST(TreeModel, CompleteLayoutEqualsTheNodeWalkOnTheShippedModel) {
  const auto dir = testkit::source_dir() / "plugins" / "extract" / "model";
  const auto model = extract::TreeModel::load(dir / "block_model.json");
  ASSERT_TRUE(model.uses_complete_layout());
  const auto check = nlohmann::json::parse(testkit::read_file(dir / "block_model_check.json"));
  std::vector<float> rows;
  for (const auto& row : check["rows"]) {
    for (const float x : row.get<std::vector<float>>()) rows.push_back(x);
  }
  expect_same_as_reference(model, rows);
  // The same rows with some values missing.
  std::mt19937 rng(7);
  std::bernoulli_distribution drop(0.1);
  for (float& x : rows) {
    if (drop(rng)) x = NAN;
  }
  expect_same_as_reference(model, rows);
}

// The margin of a row computed straight from the parsed JSON, to check what the reader
// took from the file: base score, thresholds, children, default directions.
double json_margin(const nlohmann::json& doc, const float* row) {
  const auto& learner = doc["learner"];
  const double base = std::stod(learner["learner_model_param"]["base_score"].get<std::string>());
  double sum = std::log(base / (1 - base));
  for (const auto& tree : learner["gradient_booster"]["model"]["trees"]) {
    int at = 0;
    while (tree["left_children"][at].get<int>() >= 0) {
      const float x = row[tree["split_indices"][at].get<int>()];
      const bool left = std::isnan(x) ? tree["default_left"][at].get<int>() != 0
                                      : x < tree["split_conditions"][at].get<float>();
      at = tree[left ? "left_children" : "right_children"][at].get<int>();
    }
    sum += tree["split_conditions"][at].get<float>();
  }
  return sum;
}

TEST(TreeModel, ReadsWhatTheJsonSays) {
  std::mt19937 rng(99);
  for (int round = 0; round < 4; ++round) {
    const std::string text = random_model(rng, 20, 2 + round, 7);
    const auto doc = nlohmann::json::parse(text);
    // Spaces, statistics the reader steps over, and escapes must not change what it reads.
    nlohmann::json padded = doc;
    for (auto& tree : padded["learner"]["gradient_booster"]["model"]["trees"]) {
      tree["loss_changes"] = nlohmann::json::array({1.5e-3, -2, nullptr, true, "x\"y\\z"});
      tree["tree_param"] = {{"num_nodes", "3"}, {"nested", {{"a", {1, 2, {{"b", "c"}}}}}}};
    }
    padded["version"] = {2, 0, 3};
    for (const std::string& form : {text, padded.dump(2)}) {
      const auto model = extract::TreeModel::from_json(form, "random");
      const auto rows = random_rows(rng, 50, model.feature_count(), 0.1);
      for (std::size_t i = 0; i < 50; ++i) {
        const float* row = rows.data() + i * model.feature_count();
        ASSERT_EQ(model.reference_margin(row), json_margin(doc, row)) << i;
        ASSERT_EQ(model.margin(row), json_margin(doc, row)) << i;
      }
    }
  }
  // The shipped model, on the rows saved with it.
  const auto dir = testkit::source_dir() / "plugins" / "extract" / "model";
  const auto shipped = nlohmann::json::parse(testkit::read_file(dir / "block_model.json"));
  const auto model = extract::TreeModel::load(dir / "block_model.json");
  const auto check = nlohmann::json::parse(testkit::read_file(dir / "block_model_check.json"));
  for (const auto& r : check["rows"]) {
    const auto row = r.get<std::vector<float>>();
    ASSERT_EQ(model.margin(row.data()), json_margin(shipped, row.data()));
  }
}

TEST(TreeModel, RefusesMalformedJson) {
  const std::string good = tiny_model();
  EXPECT_NO_THROW(extract::TreeModel::from_json(good, "x"));
  for (const std::string& bad :
       {good + " x", good.substr(0, good.size() - 1), std::string("[1, 2]"),
        std::string("{\"learner\": nul}"), std::string("{\"learner\": \"unterminated}"),
        std::string("{\"learner\": {\"objective\": {\"name\": \"binary:logistic\"}}}")}) {
    EXPECT_THROW(extract::TreeModel::from_json(bad, "x"), std::runtime_error) << bad;
  }
  // A threshold that is not a number.
  std::string text = good;
  text.replace(text.find("0.5"), 3, "0.5.5");
  EXPECT_THROW(extract::TreeModel::from_json(text, "x"), std::runtime_error);
}

TEST(TreeModel, TreesTooDeepForTheLayoutAreWalked) {
  // One tree of 12 splits in a row, each "feature 0 below 1": node 2k splits, its right
  // child 2k+1 is a leaf of +1 and its left child the next split; the last left is -1.
  nlohmann::json left = nlohmann::json::array(), right = left, split = left, cond = left,
                 dleft = left;
  for (int k = 0; k < 12; ++k) {
    for (const bool leaf : {false, true}) {
      left.push_back(leaf ? -1 : 2 * k + 2);
      right.push_back(leaf ? -1 : 2 * k + 1);
      split.push_back(0);
      cond.push_back(1.0);  // the split threshold, or the leaf of +1
      dleft.push_back(0);
    }
  }
  left.push_back(-1);
  right.push_back(-1);
  split.push_back(0);
  cond.push_back(-1.0);
  dleft.push_back(0);
  const nlohmann::json tree = {{"left_children", left},
                               {"right_children", right},
                               {"split_indices", split},
                               {"split_conditions", cond},
                               {"default_left", dleft}};
  const auto model =
      extract::TreeModel::from_json(xgboost_json(nlohmann::json::array({tree}), 2), "deep");
  EXPECT_FALSE(model.uses_complete_layout());
  const float low[2] = {0, 0};
  const float high[2] = {5, 0};
  const float missing[2] = {NAN, 0};
  EXPECT_EQ(model.margin(low), -1.0);
  EXPECT_EQ(model.margin(high), 1.0);
  EXPECT_EQ(model.margin(missing), 1.0);  // default right
}

Document extract_with(const std::string& html, const std::map<std::string, OptionValue>& options) {
  auto reader = testkit::make_reader("html");
  Input input;
  input.id = "page";
  input.source = "page.html";
  input.bytes = html;
  Document doc = reader->read(input);
  auto cleaner = testkit::make_cleaner("extract", testkit::options_with("extract", options));
  cleaner->clean(doc);
  return doc;
}

std::string news_page() {
  std::string paragraphs;
  for (const char* p :
       {"The city council voted on Tuesday to extend the library's opening hours, after a year "
        "in which visits rose by a third and the reading rooms were often full by noon.",
        "Members said the change would cost less than expected, because volunteers from the "
        "neighbourhood association have offered to staff the desks on weekday evenings.",
        "The new hours start in March. Until then, the library keeps its current schedule, "
        "and the council will publish a review of the trial after six months."}) {
    paragraphs += std::string("<p>") + p + "</p>";
  }
  return "<html><head><title>Library hours</title></head><body>"
         "<header><nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li>"
         "<li><a href=/sport>Sport</a></li><li><a href=/weather>Weather</a></li></ul></nav>"
         "</header><main><article><h1>Library opens longer</h1>" +
         paragraphs +
         "</article></main><footer><p><a href=/about>About us</a> <a href=/contact>Contact</a> "
         "<a href=/privacy>Privacy</a></p></footer></body></html>";
}

bool has_rule(const Document& doc, const std::string& rule) {
  return std::any_of(doc.blocks.begin(), doc.blocks.end(),
                     [&](const Block& b) { return b.removed && b.removed->rule == rule; });
}

TEST(ExtractModel, TheClassifierChoosesTheBlocksByDefault) {
  const Document doc = extract_with(news_page(), {});
  EXPECT_TRUE(has_rule(doc, "model"));
  const std::string text = doc.text();
  EXPECT_NE(text.find("volunteers from the neighbourhood"), std::string::npos) << text;
  EXPECT_NE(text.find("review of the trial"), std::string::npos) << text;
  EXPECT_EQ(text.find("Weather"), std::string::npos) << text;
  EXPECT_EQ(text.find("Privacy"), std::string::npos) << text;
}

TEST(ExtractModel, TheScoredContainerStillServesOnRequest) {
  const Document doc = extract_with(news_page(), {{"selector", std::string("score")}});
  EXPECT_FALSE(has_rule(doc, "model"));
  EXPECT_NE(doc.text().find("volunteers from the neighbourhood"), std::string::npos);
}

TEST(ExtractModel, UnknownSelectorsAndMissingModelsAreErrors) {
  EXPECT_THROW(testkit::make_cleaner(
                   "extract", testkit::options_with("extract", {{"selector", std::string("x")}})),
               std::exception);
  EXPECT_THROW(testkit::make_cleaner(
                   "extract",
                   testkit::options_with("extract", {{"model", std::string("/nonexistent.json")}})),
               std::exception);
}

// A model of one leaf: every block scores `margin`.
extract::TreeModel constant_model(double margin) {
  const nlohmann::json leaf = {{"left_children", {-1}},
                               {"right_children", {-1}},
                               {"split_indices", {0}},
                               {"split_conditions", {margin}},
                               {"default_left", {0}}};
  return extract::TreeModel::from_json(
      xgboost_json(nlohmann::json::array({leaf}), extract::feature_count()), "constant");
}

// A listing of linked cards, each a headline and a teaser paragraph inside one <a>: the
// paragraphs are all link text, which the rule against teaser lines alone would drop.
TEST(ExtractModel, ParagraphsTheClassifierKeepsArePlacedInsideLinks) {
  const std::string teasers[] = {
      "The council voted on Tuesday to extend the library's hours, after a year in which "
      "visits rose by a third and the reading rooms were often full by noon.",
      "Volunteers from the neighbourhood association have offered to staff the desks on "
      "weekday evenings, so the change will cost less than the council expected."};
  std::string cards;
  for (int i = 0; i < 2; ++i) {
    cards += "<section><a href=\"/story/" + std::to_string(i) + "\"><h3>Story " +
             std::to_string(i) + "</h3><p>" + teasers[i] + "</p></a></section>";
  }
  const auto dom = parse_html(
      "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
      "<main><section>" +
      cards + "</section></main></body></html>");
  const auto model = constant_model(3.0);
  html::ExtractOptions options;
  options.model = &model;
  options.emit_removed = false;
  const auto blocks = html::extract_blocks(*dom, options);
  for (const std::string& teaser : teasers) {
    EXPECT_TRUE(std::any_of(blocks.begin(), blocks.end(), [&](const Block& b) {
      return b.text == teaser;
    })) << teaser;
  }
}

}  // namespace
}  // namespace clearpage
