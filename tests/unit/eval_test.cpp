// The scorer behind `clearpage eval`: tokens, shingles, averaging, metadata and gold loaders.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clearpage/eval/gold.hpp"
#include "clearpage/eval/metadata.hpp"
#include "clearpage/eval/report.hpp"
#include "clearpage/eval/shingles.hpp"
#include "plugin_fixture.hpp"

namespace clearpage::eval {
namespace {

namespace fs = std::filesystem;
using Tokens = std::vector<std::string>;

TEST(EvalTokenize, EachHanCharacterIsOneToken) {
  EXPECT_EQ(tokenize("网络人士"), (Tokens{"网", "络", "人", "士"}));
  EXPECT_EQ(tokenize("瀘州"), (Tokens{"瀘", "州"}));
  EXPECT_EQ(tokenize("𠀀"), (Tokens{"𠀀"}));  // Extension B
}

TEST(EvalTokenize, WordRunsAreTokensAndPunctuationSeparates) {
  EXPECT_EQ(tokenize("Hello, world_2 foo-bar"), (Tokens{"Hello", "world_2", "foo", "bar"}));
  EXPECT_EQ(tokenize("café naïve"), (Tokens{"café", "naïve"}));
  EXPECT_EQ(tokenize("  ...!?  "), Tokens{});
  EXPECT_EQ(tokenize(""), Tokens{});
}

TEST(EvalTokenize, MixedChineseAndLatin) {
  EXPECT_EQ(tokenize("建成VIP直播间65间。“川香”"),
            (Tokens{"建", "成", "VIP", "直", "播", "间", "65", "间", "川", "香"}));
  // Ideographs end a word run even without a separator.
  EXPECT_EQ(tokenize("abc中def"), (Tokens{"abc", "中", "def"}));
  // Full-width punctuation and the ideographic space separate.
  EXPECT_EQ(tokenize("一,二　三：4"), (Tokens{"一", "二", "三", "4"}));
}

TEST(EvalShingles, CountsRepeatedShinglesAsAMultiset) {
  const Shingles shingles = make_shingles("a b c d a b c d");
  // abcd, bcda, cdab, dabc, abcd
  EXPECT_EQ(shingle_count(shingles), 5u);
  EXPECT_EQ(shingles.size(), 4u);
  EXPECT_EQ(shingles.at(std::string("a\x1f"
                                    "b\x1f"
                                    "c\x1f"
                                    "d")),
            2u);
}

TEST(EvalShingles, ShortTextIsOneShingleAndEmptyTextNone) {
  const Shingles shingles = make_shingles("一二三");
  ASSERT_EQ(shingles.size(), 1u);
  EXPECT_EQ(shingles.begin()->first, std::string("一\x1f二\x1f三"));
  EXPECT_TRUE(make_shingles("，。！").empty());
  EXPECT_EQ(shingle_count(make_shingles("一二三四")), 1u);
  EXPECT_EQ(shingle_count(make_shingles("一二三四五")), 2u);
}

TEST(EvalMatch, NormalisesCountsToSumToOne) {
  // Punctuation only separates tokens, so shingles run across it: the output's tokens are
  // 一二三四五一二三四七八, 8 shingles, 一二三四 twice. Gold: 一二三四 二三四五 三四五六.
  const ShingleMatch match = match_texts("一二三四五六", "一二三四五。一二三四七八");
  EXPECT_EQ(match.gold_shingles, 3u);
  EXPECT_EQ(match.output_shingles, 8u);
  // Shared: 一二三四 (once, as gold has it once) and 二三四五 -> tp 2, fp 6, fn 1.
  EXPECT_DOUBLE_EQ(match.tp, 2.0 / 9);
  EXPECT_DOUBLE_EQ(match.fp, 6.0 / 9);
  EXPECT_DOUBLE_EQ(match.fn, 1.0 / 9);
  EXPECT_DOUBLE_EQ(match.precision(), 2.0 / 8);
  EXPECT_DOUBLE_EQ(match.recall(), 2.0 / 3);
}

TEST(EvalMatch, BothEmptyStaysZero) {
  const ShingleMatch match = match_texts("", "。");
  EXPECT_EQ(match.tp + match.fp + match.fn, 0.0);
  EXPECT_FALSE(match.has_gold());
  EXPECT_FALSE(match.has_output());
}

TEST(EvalAggregate, PrecisionOverDocsWithOutputRecallOverDocsWithGold) {
  std::vector<ShingleMatch> matches;
  matches.push_back(match_texts("一二三四五", "一二三四五"));  // P 1, R 1
  matches.push_back(match_texts("甲乙丙丁戊", ""));            // no output: R 0, no P
  matches.push_back(match_texts("", "子丑寅卯"));              // no gold: P 0, no R
  matches.push_back(match_texts("", ""));                      // counts nowhere
  const BodyScore score = aggregate(matches);
  EXPECT_EQ(score.precision_documents, 2u);
  EXPECT_EQ(score.recall_documents, 2u);
  EXPECT_DOUBLE_EQ(score.precision, 0.5);
  EXPECT_DOUBLE_EQ(score.recall, 0.5);
  EXPECT_DOUBLE_EQ(score.f1, 0.5);
}

TEST(EvalAggregate, F1ComesFromTheMeansNotFromPerDocumentF1) {
  std::vector<ShingleMatch> matches;
  matches.push_back(match_texts("一二三四五", "一二三四五六七八"));  // P 2/5, R 1
  matches.push_back(match_texts("一二三四五六七八", "一二三四五"));  // P 1, R 2/5
  const BodyScore score = aggregate(matches);
  EXPECT_DOUBLE_EQ(score.precision, 0.7);
  EXPECT_DOUBLE_EQ(score.recall, 0.7);
  EXPECT_NEAR(score.f1, 0.7, 1e-12);
}

TEST(EvalMetadata, FoldsWhitespace) {
  EXPECT_EQ(fold_whitespace("  李津 \t\n 张越　"), "李津 张越");
  EXPECT_EQ(fold_whitespace("\u00a0a\u3000\u3000b"), "a b");
  EXPECT_EQ(fold_whitespace(""), "");
}

TEST(EvalMetadata, ComparesOnlyTheDatePart) {
  EXPECT_EQ(date_part("2021-09-13T14:57:00+08:00"), "2021-09-13");
  EXPECT_EQ(date_part(" 2023-08-10 "), "2023-08-10");
  EXPECT_EQ(date_part("2021年9月13日"), "2021年9月13日");
  EXPECT_EQ(normalize_field("published", {"2021-09-13T09:00:00+08:00"}),
            normalize_field("published", {"2021-09-13"}));
  EXPECT_TRUE(normalize_field("title", {" \u3000 "}).empty());
}

class EvalFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("clearpage_eval_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  fs::path dir_;
};

const char* kSeedA = R"({"seed": "a", "title": " 标题 ", "published": "2021-09-13T14:57:00+08:00",
  "source": null, "author": null, "editor": "李津  张越", "keywords": ["网络", "人士"],
  "script": "Hans", "body": ["第一段文字内容", "第二段"], "captions": ["图片说明文字"]})";

TEST_F(EvalFiles, SeedsLoaderJoinsBodyAndKeepsCaptionsOut) {
  write("gold/a.json", kSeedA);
  write("gold/b.json", R"({"title": "乙", "published": null, "source": "来源",
    "author": null, "editor": null, "keywords": [], "body": []})");
  write("gold/simplified/a.json", R"({"derived_from": "a.json", "title": "简体标题",
    "source": null, "editor": "李津 张越", "keywords": [], "body": ["简体"]})");
  EXPECT_EQ(detect_gold_format(dir_ / "gold"), GoldFormat::kSeeds);
  const GoldSet set = load_gold(dir_ / "gold");
  ASSERT_EQ(set.documents.size(), 2u);  // the simplified/ subfolder is not part of it
  const GoldDocument& a = set.documents[0];
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.body, "第一段文字内容\n第二段");
  EXPECT_EQ(a.metadata.at("title"), Tokens{"标题"});
  EXPECT_EQ(a.metadata.at("published"), Tokens{"2021-09-13"});
  EXPECT_TRUE(a.metadata.at("source").empty());
  EXPECT_EQ(a.metadata.at("editor"), Tokens{"李津 张越"});
  EXPECT_EQ(a.metadata.at("keywords"), (Tokens{"网络", "人士"}));
  EXPECT_EQ(set.documents[1].metadata.at("source"), Tokens{"来源"});

  // Fields a simplified variant leaves out come from the document it names.
  const GoldSet simplified = load_gold(dir_ / "gold" / "simplified");
  ASSERT_EQ(simplified.documents.size(), 1u);
  EXPECT_EQ(simplified.documents[0].metadata.at("title"), Tokens{"简体标题"});
  EXPECT_EQ(simplified.documents[0].metadata.at("published"), Tokens{"2021-09-13"});
  EXPECT_EQ(simplified.documents[0].metadata.size(), metadata_fields().size());
}

TEST_F(EvalFiles, MagicHtmlLoader) {
  write("mh/x1.gold.json", R"({"url": "http://a", "content": "正文一\n正文二"})");
  write("mh/x1.html", "<html></html>");
  write("mh/x2.gold.json", R"({"content": null})");
  EXPECT_EQ(detect_gold_format(dir_ / "mh"), GoldFormat::kMagicHtml);
  const GoldSet set = load_gold(dir_ / "mh");
  EXPECT_EQ(set.format, GoldFormat::kMagicHtml);
  ASSERT_EQ(set.documents.size(), 2u);
  EXPECT_EQ(set.documents[0].id, "x1");
  EXPECT_EQ(set.documents[0].body, "正文一\n正文二");
  EXPECT_TRUE(set.documents[0].metadata.empty());
  EXPECT_EQ(set.documents[1].body, "");
}

TEST_F(EvalFiles, AebLoaderFromFileOrDirectory) {
  write(
      "aeb/ground-truth.json",
      R"({"h2": {"articleBody": "Second body", "url": "u2"}, "h1": {"articleBody": "First", "url": "u1"}})");
  EXPECT_EQ(detect_gold_format(dir_ / "aeb"), GoldFormat::kAeb);
  EXPECT_EQ(detect_gold_format(dir_ / "aeb" / "ground-truth.json"), GoldFormat::kAeb);
  const GoldSet set = load_gold(dir_ / "aeb" / "ground-truth.json");
  ASSERT_EQ(set.documents.size(), 2u);
  EXPECT_EQ(set.documents[0].id, "h1");
  EXPECT_EQ(set.documents[1].body, "Second body");
  EXPECT_EQ(load_gold(dir_ / "aeb").documents.size(), 2u);
}

TEST_F(EvalFiles, WcxbLoaderTellsItselfFromAeb) {
  write("wcxb/ground-truth.json", R"({
    "0002": {"url": "https://b.example/x", "page_type": "forum", "title": "Thread",
             "author": null, "publish_date": null, "articleBody": "First post text",
             "with": ["First post"], "without": []},
    "0001": {"url": "https://a.example/2025/09/04/x", "page_type": "article",
             "title": "  A   Headline ", "author": "Andrew King",
             "publish_date": "2025-09-04T10:00:00Z", "articleBody": "Body of the article",
             "with": ["Body of", ""], "without": ["Home", "Login"]}})");
  EXPECT_EQ(detect_gold_format(dir_ / "wcxb"), GoldFormat::kWcxb);
  EXPECT_EQ(detect_gold_format(dir_ / "wcxb" / "ground-truth.json"), GoldFormat::kWcxb);
  EXPECT_EQ(parse_gold_format("wcxb"), GoldFormat::kWcxb);
  const GoldSet set = load_gold(dir_ / "wcxb");
  EXPECT_EQ(set.format, GoldFormat::kWcxb);
  ASSERT_EQ(set.documents.size(), 2u);
  const GoldDocument& a = set.documents[0];
  EXPECT_EQ(a.id, "0001");
  EXPECT_EQ(a.page_type, "article");
  EXPECT_EQ(a.body, "Body of the article");
  EXPECT_EQ(a.with, Tokens{"Body of"});  // empty snippets are dropped
  EXPECT_EQ(a.without, (Tokens{"Home", "Login"}));
  EXPECT_EQ(a.metadata.at("title"), Tokens{"A Headline"});
  EXPECT_EQ(a.metadata.at("published"), Tokens{"2025-09-04"});
  EXPECT_EQ(a.metadata.at("author"), Tokens{"Andrew King"});
  EXPECT_EQ(a.metadata.size(), 3u);  // wcxb scores title, date and author only
  EXPECT_TRUE(set.documents[1].metadata.at("author").empty());
}

TEST_F(EvalFiles, WcxbScoresFieldsSnippetsAndPageTypes) {
  write("wcxb/ground-truth.json", R"({
    "a1": {"page_type": "article", "title": "Big News Today", "author": "Jane Roe",
           "publish_date": "2025-09-04", "articleBody": "one two three four five six",
           "with": ["two three", "seven eight"], "without": ["Home", "Login"]},
    "a2": {"page_type": "article", "title": "Second", "author": null, "publish_date": null,
           "articleBody": "alpha beta gamma delta", "with": [], "without": []},
    "p1": {"page_type": "product", "title": "Widget", "author": null, "publish_date": null,
           "articleBody": "red widget for sale", "with": ["red widget"], "without": ["Cart"]}})");
  std::istringstream output(
      // Title and author match after case folding; the date on its YYYY-MM-DD part.
      R"({"id": "a1", "title": "BIG news today", "author": "jane roe",)"
      R"( "published": "2025-09-04T08:00:00+02:00", "text": "one two three four five six homework Login"})"
      "\n"
      // A value where the gold names none is a miss.
      R"({"id": "a2", "title": "Second", "author": "Someone", "text": "alpha beta gamma delta"})"
      "\n"
      R"({"id": "p1", "title": "Widget | Shop", "text": "Cart red widget for sale"})"
      "\n");
  const Report report = evaluate(load_gold(dir_ / "wcxb"), read_output(output));
  ASSERT_EQ(report.fields.size(), 3u);
  EXPECT_EQ(report.fields[0].field, "title");
  EXPECT_EQ(report.fields[0].matched, 2u);
  EXPECT_EQ(report.fields[1].field, "published");
  EXPECT_EQ(report.fields[1].matched, 3u);
  EXPECT_EQ(report.fields[2].field, "author");
  EXPECT_EQ(report.fields[2].matched, 2u);
  EXPECT_EQ(report.fields[2].total, 3u);
  EXPECT_EQ(report.fields[2].named, 1u);
  EXPECT_EQ(report.fields[2].named_matched, 1u);
  EXPECT_EQ(report.fields[2].unnamed, 2u);
  EXPECT_EQ(report.fields[2].unnamed_output, 1u);  // a2's "Someone"

  // with: a1 finds 1 of 2, p1 1 of 1 -> 0.75. without: "Home" is no token of "homework",
  // so a1 keeps 1 of 2 (Login) and p1 1 of 1 (Cart) -> left out 0.5 and 0 -> 0.25.
  EXPECT_EQ(report.snippets.with_documents, 2u);
  EXPECT_DOUBLE_EQ(report.snippets.with, 0.75);
  EXPECT_EQ(report.snippets.without_documents, 2u);
  EXPECT_DOUBLE_EQ(report.snippets.without, 0.25);

  ASSERT_EQ(report.page_types.size(), 2u);
  const GroupScore& article = report.page_types[0];
  EXPECT_EQ(article.name, "article");
  EXPECT_EQ(article.documents, 2u);
  ASSERT_EQ(article.fields.size(), 3u);
  EXPECT_EQ(article.fields[2].matched, 1u);  // a2's author is a miss
  EXPECT_DOUBLE_EQ(article.body.recall, 1.0);
  EXPECT_LT(article.body.precision, 1.0);
  const GroupScore& product = report.page_types[1];
  EXPECT_EQ(product.name, "product");
  EXPECT_EQ(product.fields[0].matched, 0u);
  EXPECT_DOUBLE_EQ(product.snippets.without, 0.0);

  const std::string text = render_text(report, true);
  EXPECT_NE(text.find("by page type"), std::string::npos) << text;
  EXPECT_NE(text.find("title     2 of 3        (66.7%)  right where the page names one: 2 of 3 "
                      "(66.7%); a value where it names none: 0 of 0"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("author    2 of 3        (66.7%)  right where the page names one: 1 of 1 "
                      "(100.0%); a value where it names none: 1 of 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  product        1     "), std::string::npos) << text;
  EXPECT_NE(text.find("(article)  with 1/2  without 1/2 kept"), std::string::npos) << text;
  const auto json = report_to_json(report, false);
  EXPECT_EQ(json["page_types"].size(), 2u);
  EXPECT_EQ(json["page_types"][1]["metadata"]["title"]["matched"], 0);
  EXPECT_DOUBLE_EQ(json["snippets"]["with"].get<double>(), 0.75);
}

TEST(EvalContainsRun, MatchesWholeTokensInOrder) {
  const Tokens text = tokenize("Go Home now, homework later");
  EXPECT_FALSE(contains_run(text, tokenize("home now")));  // case is kept
  EXPECT_TRUE(contains_run(text, tokenize("Home now")));
  EXPECT_FALSE(contains_run(text, tokenize("home")));
  EXPECT_FALSE(contains_run(text, tokenize("now later")));
  EXPECT_FALSE(contains_run(text, Tokens{}));
}

TEST_F(EvalFiles, ForcedFormatAndBadGold) {
  write("odd/doc.json", R"({"articleBody": "x"})");
  EXPECT_EQ(load_gold(dir_ / "odd", GoldFormat::kSeeds).documents.size(), 1u);
  EXPECT_THROW(load_gold(dir_ / "missing"), std::runtime_error);
  write("empty/readme.txt", "none");
  EXPECT_THROW(detect_gold_format(dir_ / "empty"), std::runtime_error);
  write("bad/x.json", "{not json");
  EXPECT_THROW(load_gold(dir_ / "bad"), std::runtime_error);
  EXPECT_THROW(parse_gold_format("html"), std::runtime_error);
}

TEST_F(EvalFiles, EvaluateScoresMetadataAndMissingRecords) {
  write("gold/a.json", kSeedA);
  write("gold/b.json", R"({"title": "乙", "published": null, "source": null, "author": null,
    "editor": null, "keywords": [], "body": ["甲乙丙丁戊"]})");
  std::istringstream output(
      R"({"id": "a", "title": "标题", "published": "2021-09-13T08:00:00+08:00", "source": "/x/a.txt",)"
      R"( "source_name": "", "author": null, "editor": "李津 张越", "keywords": ["人士", "网络"],)"
      R"( "text": "第一段文字内容\n第二段"})"
      "\n\n"
      R"({"id": "zzz", "text": "别的"})"
      "\n");
  const Report report = evaluate(load_gold(dir_ / "gold"), read_output(output));
  EXPECT_EQ(report.gold_documents, 2u);
  EXPECT_EQ(report.output_records, 2u);
  EXPECT_EQ(report.matched_documents, 1u);
  EXPECT_EQ(report.missing_output, 1u);
  EXPECT_EQ(report.output_without_gold, 1u);
  EXPECT_DOUBLE_EQ(report.body.precision, 1.0);
  EXPECT_EQ(report.body.precision_documents, 1u);
  EXPECT_DOUBLE_EQ(report.body.recall, 0.5);
  // a: all but keywords (order differs); b (no record): every null field matches, title not.
  EXPECT_EQ(report.metadata_total, 12u);
  EXPECT_EQ(report.metadata_matched, 5u + 5u);
  ASSERT_EQ(report.fields.size(), 6u);
  EXPECT_EQ(report.fields[0].field, "title");
  EXPECT_EQ(report.fields[0].matched, 1u);
  EXPECT_EQ(report.fields[5].field, "keywords");
  EXPECT_EQ(report.fields[5].matched, 1u);

  const std::string text = render_text(report, true);
  EXPECT_NE(text.find("keywords  want \"网络\" | \"人士\"  got \"人士\" | \"网络\""),
            std::string::npos)
      << text;
  // Worst first: b (no output) before a.
  EXPECT_LT(text.find("b  [no output record]"), text.find(" a\n")) << text;
  const auto json = report_to_json(report, true);
  EXPECT_EQ(json["details"][0]["id"], "b");
  EXPECT_EQ(json["metadata"]["matched"], 10);
}

TEST_F(EvalFiles, SeedsBodyComparesHeadingsAndParagraphsOnly) {
  write("gold/a.json", R"({"title": null, "published": null, "source": null, "author": null,
    "editor": null, "keywords": [], "body": ["第一段正文内容较长", "第二段正文"],
    "captions": ["2021年9月1日,活动现场。"]})");
  std::istringstream output(
      R"({"id": "a", "text": "第一段正文内容较长\n2021年9月1日,活动现场。\n第二段正文", "body": [)"
      R"({"type": "paragraph", "text": "第一段正文内容较长"},)"
      R"({"type": "caption", "text": "2021年9月1日,活动现场。"},)"
      R"({"type": "paragraph", "text": "第二段正文"}]})"
      "\n");
  const Report report = evaluate(load_gold(dir_ / "gold"), read_output(output));
  EXPECT_DOUBLE_EQ(report.body.precision, 1.0);
  EXPECT_DOUBLE_EQ(report.body.recall, 1.0);
  // Under the magic-html format the same record is scored by its whole text.
  write("mh/a.gold.json", R"({"content": "第一段正文内容较长\n第二段正文"})");
  std::istringstream again(output.str());
  const Report whole = evaluate(load_gold(dir_ / "mh"), read_output(again));
  EXPECT_LT(whole.body.precision, 1.0);
}

TEST_F(EvalFiles, BadOutputLineNamesItsLine) {
  std::istringstream output("{\"id\": \"a\"}\nnot json\n");
  try {
    read_output(output, "out.jsonl");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("out.jsonl:2:"), std::string::npos) << e.what();
  }
}

TEST_F(EvalFiles, CliPrintsScoresAndHonoursMinF1) {
  write("gold/a.json", R"({"title": "标题", "published": "2021-09-13", "source": null,
    "author": null, "editor": null, "keywords": [], "body": ["一二三四五"]})");
  write("gold/b.json", R"({"title": null, "published": null, "source": null,
    "author": null, "editor": null, "keywords": [], "body": ["甲乙丙丁"]})");
  const fs::path out = write("out.jsonl",
                             "{\"id\": \"a\", \"title\": \"标题\", \"published\": "
                             "\"2021-09-13T10:00:00+08:00\", \"text\": \"一二三四五\"}\n"
                             "{\"id\": \"c\", \"text\": \"多余\"}\n");
  const std::string cli = testkit::clearpage_binary().string();
  const std::string base = cli + " eval --gold " + (dir_ / "gold").string() + " ";

  const auto result = testkit::run_command(base + out.string());
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("(seeds, 2 documents)"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("1 scored, 1 without output, 1 output records without gold"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("precision 1.0000  (mean over 1 documents"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("recall    0.5000  (mean over 2 documents"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("F1        0.6667"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("total     12 of 12"), std::string::npos) << result.output;

  EXPECT_EQ(testkit::run_command(base + "--min-f1 0.7 " + out.string()).status, 6);
  EXPECT_EQ(testkit::run_command(base + "--min-f1 0.6 " + out.string()).status, 0);

  const auto json_result = testkit::run_command(base + "--json " + out.string() + " 2>/dev/null");
  ASSERT_EQ(json_result.status, 0) << json_result.output;
  const auto json = nlohmann::json::parse(json_result.output);
  EXPECT_NEAR(json["body"]["f1"].get<double>(), 2.0 / 3, 1e-9);

  EXPECT_EQ(testkit::run_command(cli + " eval " + out.string()).status, 2);
  EXPECT_EQ(testkit::run_command(base + "--format nope " + out.string()).status, 2);
}

TEST(EvalSharedGold, LoadsAllRealGoldSets) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const GoldSet seeds = load_gold(shared / "gold");
  EXPECT_EQ(seeds.format, GoldFormat::kSeeds);
  EXPECT_EQ(seeds.documents.size(), 5u);
  for (const auto& doc : seeds.documents) {
    EXPECT_FALSE(doc.body.empty()) << doc.id;
    EXPECT_EQ(doc.metadata.size(), 6u) << doc.id;
  }
  const GoldSet simplified = load_gold(shared / "gold" / "simplified");
  EXPECT_EQ(simplified.documents.size(), 2u);
  for (const auto& doc : simplified.documents) EXPECT_EQ(doc.metadata.size(), 6u) << doc.id;

  const GoldSet magic = load_gold(shared / "corpus" / "magic-html");
  EXPECT_EQ(magic.format, GoldFormat::kMagicHtml);
  EXPECT_EQ(magic.documents.size(), 43u);
  const GoldSet aeb = load_gold(shared / "corpus" / "aeb");
  EXPECT_EQ(aeb.format, GoldFormat::kAeb);
  EXPECT_EQ(aeb.documents.size(), 181u);
  const GoldSet wcxb = load_gold(shared / "corpus" / "wcxb");
  EXPECT_EQ(wcxb.format, GoldFormat::kWcxb);
  EXPECT_EQ(wcxb.documents.size(), 500u);
  std::size_t articles = 0;
  for (const auto& doc : wcxb.documents) articles += doc.page_type == "article";
  EXPECT_EQ(articles, 229u);  // INDEX.md's count

  // Gold scored against itself is perfect.
  std::vector<OutputRecord> output;
  for (const auto& doc : seeds.documents) {
    OutputRecord record;
    record.id = doc.id;
    record.text = doc.body;
    record.metadata = doc.metadata;
    output.push_back(record);
  }
  const Report report = evaluate(seeds, output);
  EXPECT_DOUBLE_EQ(report.body.f1, 1.0);
  EXPECT_EQ(report.metadata_matched, 30u);
  EXPECT_EQ(report.metadata_total, 30u);
}

}  // namespace
}  // namespace clearpage::eval
