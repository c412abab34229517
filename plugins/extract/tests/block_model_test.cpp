// The block classifier's parts: text counts, block features, the tree evaluator, and
// the shipped model against the predictions xgboost made for it.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "block_features.hpp"
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

}  // namespace
}  // namespace clearpage
