// The HTML report: written through the real host and CLI, then opened in headless Chromium.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;
using testkit::run_command;

const char* kChromium = "/usr/bin/chromium";

// Skips without a browser, but fails under CI=true where the browser is part of the setup.
#define REQUIRE_CHROMIUM()                                                                   \
  if (!fs::exists(kChromium)) {                                                              \
    const char* ci = std::getenv("CI");                                                      \
    if (ci && std::string(ci) == "true") FAIL() << kChromium << " is missing under CI=true"; \
    GTEST_SKIP() << kChromium << " is missing; skipping";                                    \
  }

fs::path temp_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_report_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string chromium(const fs::path& profile, const std::string& args) {
  const auto result =
      run_command("timeout 120 " + std::string(kChromium) +
                  " --headless --no-sandbox --disable-gpu --disable-background-networking"
                  " --disable-component-update --no-first-run --hide-scrollbars --user-data-dir=" +
                  profile.string() + " " + args + " 2>/dev/null");
  EXPECT_EQ(result.status, 0) << result.output;
  return result.output;
}

std::vector<std::string> document_links(const std::string& html) {
  std::vector<std::string> links;
  static const std::regex kLink("href=\"(docs/[^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kLink);
       it != std::sregex_iterator(); ++it) {
    links.push_back((*it)[1]);
  }
  return links;
}

// The sample notice as the text reader reads it, with the removals, metadata and repair a
// cleaning chain records, so the page shows every part of the report.
Document reviewed_notice() {
  auto reader = testkit::make_reader("text");
  const std::string bytes =
      testkit::read_file(testkit::source_dir() / "samples/text/portal_notice.txt");
  Input input{"portal_notice", "samples/text/portal_notice.txt", "", "", bytes};
  Document doc = reader->read(input);
  doc.id = input.id;
  doc.source = input.source;
  doc.meta.title = doc.blocks[1].text;
  doc.meta.found_by["title"] = "portal:title_line";
  doc.meta.published = "2024-03-15T09:30:00+08:00";
  doc.meta.found_by["published"] = "metadata:date_line";
  doc.meta.source_name = "市数据局";
  doc.meta.found_by["source_name"] = "metadata:source_line";
  doc.remove_block(0, "chrome", "breadcrumb");
  doc.remove_block(1, "metadata", "title_line");
  doc.remove_block(2, "metadata", "info_line");
  doc.remove_block(doc.blocks.size() - 2, "metadata", "editor_line");
  doc.remove_block(doc.blocks.size() - 1, "chrome", "footer");
  doc.blocks[5].kind = BlockKind::kHeading;
  doc.blocks[5].level = 2;
  doc.blocks[7].kind = BlockKind::kHeading;
  doc.blocks[7].level = 2;
  doc.repairs.push_back({"punct", "question_mark_for_comma", "安全检测?检测结果",
                         "安全检测,检测结果", "a '?' between clauses was a lost comma"});
  doc.blocks[8].text = "会议要求,3月底前完成全部站点的安全检测,检测结果报市数据局。";
  return doc;
}

TEST(ReportWriter, EscapesEverythingAndLoadsNothingFromTheNetwork) {
  const fs::path dir = temp_dir("escape");
  auto writer = testkit::make_writer("report");
  writer->open((dir / "site").string());
  Document doc;
  doc.id = "x/<y>";
  doc.meta.title = "<script>alert(1)</script> & \"q\"";
  Block image;
  image.kind = BlockKind::kImage;
  image.src = "https://example.com/a.png";
  image.alt = "<b>";
  doc.blocks.push_back(image);
  Block paragraph;
  paragraph.text = "a < b && c > d";
  doc.blocks.push_back(paragraph);
  doc.errors.push_back({"html", "html", "bad <tag>"});
  writer->write(doc);
  writer->close();
  const std::string index = testkit::read_file(dir / "site/index.html");
  const auto links = document_links(index);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0], "docs/x%252F%253Cy%253E.html");
  EXPECT_TRUE(fs::exists(dir / "site/docs/x%2F%3Cy%3E.html"));
  const std::string page = testkit::read_file(dir / "site/docs/x%2F%3Cy%3E.html");
  for (const std::string& html : {index, page}) {
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"),
              std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
    EXPECT_EQ(html.find("href=\"http"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
  }
  EXPECT_NE(page.find("a &lt; b &amp;&amp; c &gt; d"), std::string::npos);
  EXPECT_NE(index.find("bad &lt;tag&gt;"), std::string::npos);
  fs::remove_all(dir);
}

TEST(ReportWriter, RunOverSamplesRendersInChromium) {
  REQUIRE_CHROMIUM();
  const fs::path dir = temp_dir("chromium");
  const fs::path site = dir / "site";
  // Extra inputs of our own beside samples/: markup characters and an input that fails.
  fs::create_directories(dir / "extra");
  std::ofstream(dir / "extra" / "markup.txt") << "标题 <i>斜体</i> & \"引号\"\n正文第一段。\n";
  std::ofstream(dir / "extra" / "empty.txt") << "";
  // Only the reader this test depends on; the report must take whatever blocks exist.
  std::ofstream(dir / "job.toml") << "[job]\ninputs = []\noutput = \"x.jsonl\"\n\n[[stage]]\n"
                                     "plugin = \"text\"\n\n[[stage]]\nplugin = \"jsonl\"\n";
  const auto result =
      run_command(testkit::clearpage_binary().string() + " run --quiet --config " +
                  (dir / "job.toml").string() + " --output " + (dir / "out.jsonl").string() +
                  " --report-html " + site.string() + " " +
                  (testkit::source_dir() / "samples").string() + " " + (dir / "extra").string());
  ASSERT_EQ(result.status, 1) << result.output;  // extra/empty.txt is an error record

  std::vector<std::string> ids;
  {
    std::ifstream in(dir / "out.jsonl");
    std::string line;
    while (std::getline(in, line))
      ids.push_back(nlohmann::json::parse(line)["id"].get<std::string>());
  }
  ASSERT_GE(ids.size(), 3u);

  // The index as the browser built it links every document, and its script ran.
  const std::string dom =
      chromium(dir / "profile", "--dump-dom file://" + (site / "index.html").string());
  const auto links = document_links(dom);
  EXPECT_EQ(links.size(), ids.size()) << dom;
  for (const auto& link : links) {
    std::string file = link;
    for (std::size_t at; (at = file.find("%25")) != std::string::npos;) file.replace(at, 3, "%");
    EXPECT_TRUE(fs::exists(site / file)) << link;
  }
  for (const auto& id : ids) EXPECT_NE(dom.find(">" + id + "</a>"), std::string::npos) << id;
  EXPECT_NE(dom.find(std::to_string(ids.size()) + " / " + std::to_string(ids.size())),
            std::string::npos)
      << "the inline filter script counts the rows";
  EXPECT_NE(dom.find("<tr data-error=\"1\""), std::string::npos) << "the empty input failed";
  EXPECT_EQ(dom.find("<i>斜体</i>"), std::string::npos);

  // A reviewed document page: removals marked, repairs shown, and a real screenshot.
  auto writer = testkit::make_writer("report");
  const fs::path review = dir / "review";
  writer->open(review.string());
  writer->write(reviewed_notice());
  writer->close();
  const fs::path page = review / "docs/portal_notice.html";
  const std::string page_dom = chromium(dir / "profile", "--dump-dom file://" + page.string());
  EXPECT_NE(
      page_dom.find("class=\"block removed\" data-kind=\"paragraph\" data-removed-by=\"chrome\" "
                    "data-rule=\"breadcrumb\""),
      std::string::npos)
      << page_dom;
  EXPECT_NE(page_dom.find("removed by chrome: footer"), std::string::npos);
  EXPECT_NE(page_dom.find("<del>安全检测?检测结果</del>"), std::string::npos);
  std::size_t removed = 0;
  for (std::size_t at = 0; (at = page_dom.find("class=\"block removed\"", at)) != std::string::npos;
       ++at) {
    ++removed;
  }
  EXPECT_EQ(removed, 5u);

  const fs::path png = dir / "report.png";
  chromium(dir / "profile",
           "--screenshot=" + png.string() + " --window-size=1280,900 file://" + page.string());
  ASSERT_TRUE(fs::exists(png));
  const std::string bytes = testkit::read_file(png);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(bytes.size(), 20000u) << "a blank page compresses to a few kilobytes";
  const char* update = std::getenv("CLEARPAGE_UPDATE_SCREENSHOT");
  if (update && std::string(update) == "1") {
    fs::copy_file(png, testkit::source_dir() / "docs/report.png",
                  fs::copy_options::overwrite_existing);
  }
  fs::remove_all(dir);
}

TEST(ReportWriter, SharedCorpusWithReportAndSqliteWriters) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  const fs::path dir = temp_dir("shared");
  const fs::path corpus = shared / "corpus/magic-html";
  std::size_t pages = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    pages += entry.path().extension() == ".html" ? 1 : 0;
  }
  ASSERT_GT(pages, 0u);
  // jsonl, sqlite and (from the command line) report writers over every page of the folder.
  const fs::path job = dir / "job.toml";
  std::ofstream(job) << "[job]\ninputs = []\noutput = \"x.jsonl\"\n\n[[stage]]\nplugin = "
                        "\"text\"\n\n[[stage]]\nplugin = \"jsonl\"\n\n[[stage]]\nplugin = "
                        "\"sqlite\"\npath = \""
                     << (dir / "corpus.db").string() << "\"\n";
  const auto result = run_command(
      "cd " + dir.string() + " && " + testkit::clearpage_binary().string() + " run --config " +
      job.string() + " --output " + (dir / "out.jsonl").string() + " --report-html " +
      (dir / "site").string() + " '" + (corpus / "*.html").string() + "' 2>&1");
  ASSERT_EQ(result.status, 0) << result.output;
  const std::string index = testkit::read_file(dir / "site/index.html");
  EXPECT_EQ(document_links(index).size(), pages);
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".html") continue;
    // Glob matches keep the path as matched for their id.
    EXPECT_NE(index.find(">" + entry.path().string() + "</a>"), std::string::npos) << entry.path();
  }
  const auto search = run_command(testkit::clearpage_binary().string() + " search " +
                                  (dir / "corpus.db").string() + " 不存在的词语 --json");
  EXPECT_EQ(search.status, 0) << search.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clearpage
