// The in-process API through its public header only, as a program using the SDK's
// CMake package sees it.
#include "clearpage/pipeline.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace clearpage {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(std::string(CLEARPAGE_TEST_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  EXPECT_TRUE(in) << path;
  return buffer.str();
}

const char* const kHtmlJob = R"(
[job]
max_input_bytes = 4096
[[stage]]
plugin = "html"
[[stage]]
plugin = "extract"
[[stage]]
plugin = "jsonl"
)";

TEST(PipelineApi, DefaultJobExtractsASamplePage) {
  const Pipeline pipeline = Pipeline::from_default();
  const Document doc =
      pipeline.process(read_file("samples/html/news-article.html"), "https://example.com/a");
  EXPECT_EQ(doc.format, "html");
  EXPECT_EQ(doc.url, "https://example.com/a");
  EXPECT_EQ(doc.meta.title, "示例河流生态修复工程完工");
  EXPECT_NE(doc.text().find("示例河流生态修复工程日前全面完工"), std::string::npos);
  EXPECT_EQ(doc.dom, nullptr);  // the parsed page is not kept
  const std::string json = to_json(doc);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_NE(json.find("\"format\":\"html\""), std::string::npos);
}

TEST(PipelineApi, FromFileAndFromTomlGiveTheSameDocument) {
  const std::string page = read_file("samples/html/gov-notice.html");
  const Pipeline from_file =
      Pipeline::from_file(std::string(CLEARPAGE_TEST_SOURCE_DIR) + "/configs/default.toml");
  const Pipeline from_text = Pipeline::from_toml(read_file("configs/default.toml"));
  // Both share the plugins the first Pipeline of the process loaded.
  EXPECT_EQ(from_file.plugins(), from_text.plugins());
  EXPECT_FALSE(from_file.plugins().empty());
  EXPECT_EQ(to_json(from_file.process(page, "u")), to_json(from_text.process(page, "u")));
}

TEST(PipelineApi, ABadJobIsAConfigErrorNamingLineAndKey) {
  try {
    Pipeline::from_toml("[job]\nthreads = 1\nno_such_key = 2\n[[stage]]\nplugin = \"html\"\n",
                        {{}, "inline.toml"});
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    ASSERT_FALSE(e.messages().empty());
    EXPECT_NE(e.reason().find("inline.toml:3"), std::string::npos) << e.reason();
    EXPECT_NE(e.reason().find("no_such_key"), std::string::npos) << e.reason();
  }
  EXPECT_THROW(Pipeline::from_file("/nonexistent/job.toml"), ConfigError);
}

TEST(PipelineApi, AFailedPageIsAProcessErrorWithTheErrorRecordsReason) {
  const Pipeline pipeline = Pipeline::from_toml(kHtmlJob);
  const std::string big(5000, 'x');
  try {
    pipeline.process(big, "https://example.com/big");
    FAIL() << "no ProcessError";
  } catch (const ProcessError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].stage, "input");
    EXPECT_NE(e.reason().find("exceeds max_input_bytes (4096)"), std::string::npos);
    EXPECT_EQ(e.document().id, "https://example.com/big");
  }
  // process_many records the same failure instead of throwing.
  const auto docs = pipeline.process_many({{big, "https://example.com/big", "", "", ""}}, 2);
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].failed());
  EXPECT_NE(docs[0].errors[0].message.find("exceeds max_input_bytes (4096)"), std::string::npos);
}

TEST(PipelineApi, ContentTypeCharsetDecodesAPageWithoutAMetaCharset) {
  const Pipeline pipeline = Pipeline::from_toml(kHtmlJob);
  // "<p>中文内容测试，足够长的一段正文。</p>" in GBK, with no charset in the page.
  std::string gbk = "<html><body><p>";
  const unsigned char text[] = {0xD6, 0xD0, 0xCE, 0xC4, 0xC4, 0xDA, 0xC8, 0xDD, 0xB2, 0xE2,
                                0xCA, 0xD4, 0xA3, 0xAC, 0xD7, 0xE3, 0xB9, 0xBB, 0xB3, 0xA4,
                                0xB5, 0xC4, 0xD2, 0xBB, 0xB6, 0xCE, 0xD5, 0xFD, 0xCE, 0xC4};
  gbk.append(reinterpret_cast<const char*>(text), sizeof text);
  gbk += "</p></body></html>";
  const Document doc = pipeline.process(gbk, "", "text/html; charset=GBK");
  EXPECT_NE(doc.text().find("中文内容测试"), std::string::npos) << doc.text();
}

TEST(PipelineApi, ProcessManyKeepsOrderAndMatchesProcessFromManyThreads) {
  const Pipeline pipeline = Pipeline::from_default();
  // A Page views its bytes: they are kept here.
  const std::vector<std::string> names{"news-article", "gov-notice", "portal_sample",
                                       "wechat_sample"};
  std::vector<std::string> html;
  for (const auto& name : names) html.push_back(read_file("samples/html/" + name + ".html"));
  std::vector<Page> pages;
  for (std::size_t i = 0; i < names.size(); ++i) {
    pages.push_back({html[i], "https://example.com/" + names[i], "", names[i],
                     "samples/html/" + names[i] + ".html"});
  }
  std::vector<std::string> expected;
  for (const auto& page : pages) expected.push_back(to_json(pipeline.process_record(page)));
  std::vector<Page> many;
  for (int round = 0; round < 8; ++round) many.insert(many.end(), pages.begin(), pages.end());
  // Calls from several threads at once, each itself spread over threads.
  std::vector<std::vector<Document>> results(4);
  {
    std::vector<std::jthread> callers;
    for (auto& result : results) {
      callers.emplace_back([&] { result = pipeline.process_many(many, 3); });
    }
  }
  for (const auto& docs : results) {
    ASSERT_EQ(docs.size(), many.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
      EXPECT_EQ(to_json(docs[i]), expected[i % pages.size()]) << i;
    }
  }
}

}  // namespace
}  // namespace clearpage
