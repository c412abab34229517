#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document doc_of(const std::vector<std::string>& lines) {
  Document doc;
  for (const auto& line : lines) {
    Block b;
    b.text = line;
    doc.blocks.push_back(b);
  }
  return doc;
}

TEST(Script, DetectsSimplifiedAndKeepsText) {
  const std::string text = "党的十九大指出要建设“网络强国”(见附件)。2021年9月13日,会议在杭州召开?";
  Document doc = doc_of({text});
  testkit::make_cleaner("script")->clean(doc);
  EXPECT_EQ(doc.meta.script, "Hans");
  EXPECT_EQ(doc.meta.found_by.at("script"), "script:detect");
  EXPECT_EQ(doc.blocks[0].text, text);
}

TEST(Script, DetectsTraditionalEvenWithNaiveConversionLeftovers) {
  const std::string text =
      "深入貫徹落實習近平總書記關于培育“中國好網民”的重要指示精神,互聯網背后的網絡人士。";
  Document doc = doc_of({text});
  testkit::make_cleaner("script")->clean(doc);
  EXPECT_EQ(doc.meta.script, "Hant");
  EXPECT_EQ(doc.blocks[0].text, text);
}

TEST(Script, ConvertsTraditionalToSimplified) {
  Document doc = doc_of({"網絡人士統戰工作", "(中國·酒街)"});
  doc.meta.title = "化龍網絡";
  doc.meta.editor = "朱建華";
  doc.meta.keywords = {"網絡", "統戰工作"};
  testkit::make_cleaner("script",
                        testkit::options_with("script", {{"convert", std::string("tw2s")}}))
      ->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "网络人士统战工作");
  EXPECT_EQ(doc.blocks[1].text, "(中国·酒街)");
  EXPECT_EQ(doc.meta.title, "化龙网络");
  EXPECT_EQ(doc.meta.editor, "朱建华");
  EXPECT_EQ(doc.meta.keywords[0], "网络");
  EXPECT_EQ(doc.meta.script, "Hans");
}

TEST(Script, ConvertsSimplifiedToTraditional) {
  Document doc = doc_of({"网络文明建设"});
  testkit::make_cleaner("script",
                        testkit::options_with("script", {{"convert", std::string("s2t.json")}}))
      ->clean(doc);
  EXPECT_EQ(doc.blocks[0].text, "網絡文明建設");
  EXPECT_EQ(doc.meta.script, "Hant");
}

TEST(Script, UnknownConfigIsAClearError) {
  try {
    testkit::make_cleaner("script",
                          testkit::options_with("script", {{"convert", std::string("x2y")}}));
    FAIL() << "unknown config accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("OpenCC config 'x2y.json'"), std::string::npos)
        << e.what();
  }
}

TEST(Script, EmptyAndNonChineseDocuments) {
  Document empty;
  testkit::make_cleaner("script")->clean(empty);
  EXPECT_TRUE(empty.meta.script.empty());
  Document latin = doc_of({"Hello world"});
  testkit::make_cleaner("script")->clean(latin);
  EXPECT_TRUE(latin.meta.script.empty());
  Document huge = doc_of({std::string(50u << 20, 'a') + "网络"});
  testkit::make_cleaner("script")->clean(huge);
  EXPECT_TRUE(huge.meta.script.empty()) << "only the first 64 KiB are sampled";
}

TEST(Script, Tw2sReproducesTheSimplifiedGold) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  auto cleaner = testkit::make_cleaner(
      "script", testkit::options_with("script", {{"convert", std::string("tw2s")}}));
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shared / "gold" / "simplified")) {
    const auto simplified = nlohmann::json::parse(testkit::read_file(entry.path()));
    const auto traditional = nlohmann::json::parse(
        testkit::read_file(shared / "gold" / simplified.at("derived_from").get<std::string>()));
    std::set<std::string> opencc_side;
    for (const auto& d : simplified.value("converter_disagreements", nlohmann::json::array())) {
      opencc_side.insert(d.at("opencc_t2s").get<std::string>());
    }
    Document doc;
    for (const auto& p : traditional.at("body")) {
      Block b;
      b.text = p.get<std::string>();
      doc.blocks.push_back(b);
    }
    doc.meta.title = traditional.at("title").get<std::string>();
    cleaner->clean(doc);
    EXPECT_EQ(doc.meta.title, simplified.at("title").get<std::string>());
    EXPECT_EQ(doc.meta.script, "Hans");
    const auto& body = simplified.at("body");
    ASSERT_EQ(body.size(), doc.blocks.size());
    for (std::size_t i = 0; i < body.size(); ++i, ++checked) {
      if (opencc_side.count(doc.blocks[i].text)) continue;  // documented converter difference
      EXPECT_EQ(doc.blocks[i].text, body[i].get<std::string>()) << entry.path();
    }
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace clearpage
