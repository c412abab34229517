// The html reader through the real host: charset decisions, limits, hostile input, metadata.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "clearpage/extract/metadata.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/text/charset.hpp"
#include "clearpage/text/utf8.hpp"
#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

Document read_html(const std::string& bytes, const std::string& source = "page.html",
                   const std::string& http_charset = "",
                   const std::map<std::string, OptionValue>& options = {}) {
  auto reader = testkit::make_reader("html", testkit::options_with("html", options));
  Input input;
  input.id = "page";
  input.source = source;
  input.http_charset = http_charset;
  input.bytes = bytes;
  return reader->read(input);
}

std::string body_text(const Document& doc) {
  return html::text_content(html::html_dom(doc)->body());
}

const std::string kChinese = "中文正文：银行业监管，“数据”";

std::string page(const std::string& head, const std::string& body) {
  return "<html><head>" + head + "</head><body><p>" + body + "</p></body></html>";
}

TEST(HtmlReader, ProbePrefersMarkupAndHtmlNames) {
  auto reader = testkit::make_reader("html");
  Input input;
  input.source = "a.html";
  input.bytes = "<!DOCTYPE html><html><body>x</body></html>";
  const int named_markup = reader->probe(input);
  input.source = "a.txt";
  const int markup = reader->probe(input);
  input.bytes = "plain words";
  const int plain = reader->probe(input);
  EXPECT_GT(named_markup, markup);
  EXPECT_GT(markup, kProbeLikely);
  EXPECT_EQ(plain, kProbeDecline);
  auto text_reader = testkit::make_reader("text");
  input.bytes = "<html><body>x</body></html>";
  EXPECT_GT(markup, text_reader->probe(input));
}

TEST(HtmlReader, Utf8BomWins) {
  const Document doc = read_html("\xEF\xBB\xBF" + page("<meta charset=gbk>", kChinese));
  EXPECT_EQ(body_text(doc), kChinese);
}

TEST(HtmlReader, HttpCharsetBeatsMeta) {
  const std::string gbk = text::encode_to(page("<meta charset=utf-8>", kChinese), "gb18030");
  EXPECT_EQ(body_text(read_html(gbk, "page.html", "GBK")), kChinese);
}

TEST(HtmlReader, ValidUtf8BeatsALyingGb2312Meta) {
  const Document doc = read_html(
      page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", kChinese));
  EXPECT_EQ(body_text(doc), kChinese);
}

TEST(HtmlReader, RealGbkPageByItsMeta) {
  // Characters outside GB2312 (镕, 喆) prove the label was widened to GB18030.
  const std::string content = kChinese + "朱镕基与陶喆";
  const std::string gbk = text::encode_to(page("<meta charset=\"gb2312\">", content), "gbk");
  ASSERT_FALSE(text::is_valid_utf8(gbk));
  EXPECT_EQ(body_text(read_html(gbk)), content);
}

TEST(HtmlReader, GbkWithoutAnyLabelIsDetected) {
  std::string content;
  for (int i = 0; i < 20; ++i)
    content += "国务院办公厅关于进一步优化营商环境的通知，各地区各部门要认真贯彻执行。";
  const std::string gbk =
      text::encode_to("<html><body><p>" + content + "</p></body></html>", "gb18030");
  EXPECT_EQ(body_text(read_html(gbk)), content);
}

TEST(HtmlReader, CharsetOptionOverrides) {
  const std::string gbk = text::encode_to(page("<meta charset=utf-8>", kChinese), "gb18030");
  EXPECT_EQ(body_text(read_html(gbk, "page.html", "", {{"charset", std::string("gbk")}})),
            kChinese);
}

TEST(HtmlReader, EmptyBinaryAndOversizedInputsAreClearErrors) {
  EXPECT_THROW(read_html(""), std::runtime_error);
  const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 18);
  try {
    read_html(binary, "image.html");
    FAIL() << "binary input was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("binary"), std::string::npos) << e.what();
  }
  const std::string big = page("", std::string(2000, 'x'));
  try {
    read_html(big, "page.html", "", {{"max_bytes", std::int64_t{1000}}});
    FAIL() << "oversized input was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("max_bytes"), std::string::npos) << e.what();
  }
}

TEST(HtmlReader, StrayNulAndInvalidBytesAreRepairedNotRefused) {
  // A crawler's truncated write: NULs and broken UTF-8 in an otherwise fine page.
  std::string bytes = page("<title>标题</title>", kChinese + std::string("\0\0", 2) + "尾\xFF\xFE" +
                                                      std::string(1, '\0') + "完");
  bytes.insert(6, std::string("\0", 1));  // between two tags
  const Document doc = read_html(bytes);
  const std::string body = body_text(doc);
  EXPECT_NE(body.find(kChinese), std::string::npos) << body;
  EXPECT_NE(body.find("完"), std::string::npos) << body;
  EXPECT_EQ(body.find('\0'), std::string::npos);
  EXPECT_TRUE(text::is_valid_utf8(body));
  ASSERT_EQ(doc.repairs.size(), 1u);
  EXPECT_EQ(doc.repairs[0].plugin, "html");
  EXPECT_EQ(doc.repairs[0].rule, "replacement_characters");
  EXPECT_NE(doc.repairs[0].detail.find("4 NUL bytes"), std::string::npos) << doc.repairs[0].detail;
  // A clean page records no repair.
  EXPECT_TRUE(read_html(page("", kChinese)).repairs.empty());
}

TEST(HtmlReader, BinaryNeedsRealEvidenceAndSaysWhich) {
  const auto refusal = [](const std::string& bytes) {
    try {
      read_html(bytes, "file.html");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  // A signature, even when markup follows.
  EXPECT_NE(refusal(std::string("%PDF-1.7\n<html><body>x</body></html>")).find("PDF"),
            std::string::npos);
  EXPECT_NE(refusal(std::string("GIF89a\1\0\1\0<html>", 16)).find("GIF image"), std::string::npos);
  // A high share of control bytes, with the counts.
  std::string noise = "<html><body>";
  for (int i = 0; i < 200; ++i) noise += std::string("\0\1\2\3x", 5);
  const std::string why = refusal(noise);
  EXPECT_NE(why.find("binary data, not HTML"), std::string::npos) << why;
  EXPECT_NE(why.find("control bytes"), std::string::npos) << why;
  // One control byte in twenty is damage, not evidence.
  std::string damaged = "<html><body><p>";
  for (int i = 0; i < 50; ++i) damaged += std::string("正文内容", 12) + std::string(1, '\0');
  damaged += "</p></body></html>";
  EXPECT_EQ(refusal(damaged), "");
}

// The count in the refusal is every byte below 0x20 but whitespace and ESC, wherever it
// falls in the first 64 KiB: each kind of byte at every offset, and past the sniffed head.
TEST(HtmlReader, ControlBytesAreCountedAtEveryOffset) {
  for (const std::size_t size : {3001u, 4096u, 70001u}) {
    std::string bytes = "<html><body>";
    std::size_t controls = 0;
    std::uint32_t state = 12345;
    while (bytes.size() < size) {
      state = state * 1103515245u + 12345u;
      const unsigned pick = (state >> 16) % 100;
      // A fifth of the bytes are below 0x20; the rest text, DEL and high bytes.
      const auto b = static_cast<unsigned char>(pick < 20   ? (state >> 8) % 0x20
                                                : pick < 25 ? 0x7F
                                                : pick < 30 ? 0x80 + (state >> 8) % 0x80
                                                            : 'a' + pick % 26);
      const bool whitespace = b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r';
      if (b < 0x20 && !whitespace && b != 0x1B && bytes.size() < 64 * 1024) ++controls;
      bytes += static_cast<char>(b);
    }
    const std::size_t head = std::min<std::size_t>(bytes.size(), 64 * 1024);
    ASSERT_GT(controls * 10, head);
    try {
      read_html(bytes, "file.html");
      FAIL() << "noise of " << size << " bytes was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(std::to_string(controls) + " of its first " +
                                           std::to_string(head) + " bytes"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(HtmlReader, Utf16WithoutBomIsReadByItsNulPattern) {
  const std::string markup = page("<title>T</title>", kChinese);
  std::string le = text::encode_to(markup, "utf-16le");
  ASSERT_NE(le.find('\0'), std::string::npos);
  EXPECT_EQ(body_text(read_html(le)), kChinese);
  EXPECT_EQ(body_text(read_html(text::encode_to(markup, "utf-16be"))), kChinese);
}

TEST(HtmlReader, HundredMegabytePageParsesOrFailsCleanly) {
  std::string big = "<html><body>";
  const std::string para = "<p>" + kChinese + "段落内容重复出现。</p>\n";
  while (big.size() < (100u << 20)) big += para;
  big += "</body></html>";
  try {
    const Document doc = read_html(big, "big.html", "", {{"max_bytes", std::int64_t{200} << 20}});
    EXPECT_NE(body_text(doc).find("段落内容重复出现"), std::string::npos);
  } catch (const std::runtime_error& e) {
    SUCCEED() << e.what();
  }
  EXPECT_THROW(read_html(big, "big.html"), std::runtime_error);  // default max_bytes is 64 MiB
}

TEST(HtmlReader, DeepNestingIsAClearErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "<div>";
  deep += "deep text";
  try {
    read_html(deep);
    FAIL() << "200,000 levels were accepted under the default max_depth";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nesting"), std::string::npos) << e.what();
  }
  // Above libxml2's own limit the reader checks the depth itself.
  try {
    read_html(deep, "page.html", "", {{"max_depth", std::int64_t{5000}}});
    FAIL() << "200,000 levels were accepted with max_depth 5000";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("5000"), std::string::npos) << e.what();
  }
  std::string moderate;
  for (int i = 0; i < 1000; ++i) moderate += "<div>";
  moderate += "moderate text";
  const Document doc = read_html(moderate, "page.html", "", {{"max_depth", std::int64_t{5000}}});
  EXPECT_EQ(body_text(doc), "moderate text");
}

TEST(HtmlReader, TruncatedHtmlIsRecovered) {
  const Document doc =
      read_html("<html><head><title>标题</title></head><body><div><p>第一段。<p>第二");
  EXPECT_EQ(body_text(doc), "第一段。 第二");
  EXPECT_EQ(doc.meta.title, "标题");
}

TEST(HtmlReader, EntitiesAndDtdsAreNotExpanded) {
  const std::filesystem::path secret =
      std::filesystem::temp_directory_path() / ("clearpage_secret_" + std::to_string(::getpid()));
  std::ofstream(secret) << "TOPSECRET";
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE html SYSTEM \"file://" + secret.string() +
      "\" [<!ENTITY xxe SYSTEM \"file://" + secret.string() +
      "\"><!ENTITY big \"AAAA\">]><html><body><p id=\"target\">a&xxe;b&big;c</p></body></html>";
  const Document doc = read_html(xxe);
  const std::string all = html::text_content(html::html_dom(doc)->root());
  EXPECT_EQ(all.find("TOPSECRET"), std::string::npos) << all;
  // The HTML parser does not read internal subsets either: the reference stays unexpanded.
  const std::string paragraph =
      html::text_content(html::find_by_id(*html::html_dom(doc), "target"));
  EXPECT_EQ(paragraph.find("AAAA"), std::string::npos) << paragraph;
  std::filesystem::remove(secret);
}

TEST(HtmlReader, MetadataFromMetaTags) {
  const Document doc = read_html(
      "<html lang=\"zh-CN\"><head><title>国务院常务会议召开_光明网</title>"
      "<meta property=\"og:site_name\" content=\"光明网\">"
      "<meta name=\"keywords\" content=\"国务院, 常务会议，经济\">"
      "<meta name=\"author\" content=\"张三\">"
      "<meta name=\"publishdate\" content=\"2021-09-13 "
      "14:57:00\"></head><body><p>x</p></body></html>");
  EXPECT_EQ(doc.format, "html");
  EXPECT_EQ(doc.meta.title, "国务院常务会议召开");
  EXPECT_EQ(doc.meta.found_by.at("title"), "html:title_tag");
  EXPECT_EQ(doc.meta.site, "光明网");
  EXPECT_EQ(doc.meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(doc.meta.found_by.at("published"), "html:meta_publishdate");
  EXPECT_EQ(doc.meta.author, "张三");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"国务院", "常务会议", "经济"}));
  EXPECT_EQ(doc.meta.language, "zh-CN");
  EXPECT_EQ(doc.meta.script, "Hans");
}

TEST(HtmlReader, MetadataFromOpenGraphJsonLdAndWechat) {
  const Document og = read_html(
      "<html><head><title>x - 新华网</title><meta property=\"og:title\" content=\"标题一\">"
      "<meta property=\"article:published_time\" content=\"2020-03-01T08:00:00+08:00\">"
      "</head><body></body></html>");
  EXPECT_EQ(og.meta.title, "标题一");
  EXPECT_EQ(og.meta.published, "2020-03-01T08:00:00+08:00");
  const Document ld = read_html(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"datePublished\": \"2019-05-20\", \"author\": {\"@type\":\"Person\",\"name\":\"李四\"}}"
      "</script></head><body></body></html>");
  EXPECT_EQ(ld.meta.published, "2019-05-20");
  EXPECT_EQ(ld.meta.found_by.at("published"), "html:jsonld_date_published");
  EXPECT_EQ(ld.meta.author, "李四");
  const Document wx = read_html(
      "<html><body><script>var nickname = \"x\"; var ct = \"1582174800\";</script></body></html>");
  EXPECT_EQ(wx.meta.published, "2020-02-20T13:00:00+08:00");
  EXPECT_EQ(wx.meta.found_by.at("published"), "html:wechat_ct");
}

TEST(HtmlReader, JsonLdGraphsReferencesArraysAndEscapes) {
  // A Yoast-style graph: the article names its author by @id, the Person holds the name.
  const Document graph = read_html(
      "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@graph\":[{\"@type\":\"WebPage\",\"@id\":\"#page\",\"datePublished\":\"2021-01-02\"},"
      "{\"@type\":[\"Article\"],\"headline\":\"Graph headline\",\"author\":{\"@id\":\"#p1\"},"
      "\"datePublished\":\"2024-02-29T10:00:00Z\"},"
      "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Jessica\\u0020Elliott\"}]}</script>"
      "</head><body><p>text</p></body></html>");
  EXPECT_EQ(graph.meta.author, "Jessica Elliott");
  EXPECT_EQ(graph.meta.found_by.at("author"), "html:jsonld_author");
  EXPECT_EQ(graph.meta.published, "2024-02-29T10:00:00+00:00");  // the zone is kept
  EXPECT_EQ(graph.meta.title, "Graph headline");
  EXPECT_EQ(graph.meta.found_by.at("title"), "html:jsonld_headline");
  // Several authors in an array, a broken script before a good one.
  const Document list = read_html(
      "<html><head><script type=\"application/ld+json\">{not json</script>"
      "<script type=\"application/ld+json\">[{\"@type\":\"BlogPosting\",\"author\":["
      "{\"@type\":\"Person\",\"name\":\"Ann Lee\"},\"Bo Chan\",{\"name\":\"Ann Lee\"}]}]"
      "</script></head><body></body></html>");
  EXPECT_EQ(list.meta.author, "Ann Lee, Bo Chan");
}

TEST(HtmlReader, InvalidCandidatesGiveWayToTheNextSource) {
  // A forum's software credit in <meta name="author">, the generator naming the same product.
  const Document doc = read_html(
      "<html lang=\"utf-8\"><head><meta name=\"generator\" content=\"Discuz! X3.4\">"
      "<meta name=\"author\" content=\"Discuz! Team and Comsenz UI Team\">"
      "<meta property=\"og:locale\" content=\"zh_CN\">"
      "<meta name=\"keywords\" content=\"论坛,<meta, name=,社区\">"
      "<meta property=\"article:published_time\" content=\"2031-01-01\">"
      "<script type=\"application/ld+json\">{\"@type\":\"DiscussionForumPosting\","
      "\"datePublished\":\"2020-05-06\"}</script></head><body><p>帖子正文。</p></body></html>");
  EXPECT_EQ(doc.meta.author, "");
  EXPECT_EQ(doc.meta.language, "zh-CN");  // the charset in lang= is no language
  EXPECT_EQ(doc.meta.found_by.at("language"), "html:og_locale");
  EXPECT_EQ(doc.meta.keywords, (std::vector<std::string>{"论坛", "社区"}));
  EXPECT_EQ(doc.meta.published, "2020-05-06");  // the future date is skipped
}

TEST(HtmlReader, DatesFromTimeElementsAndBylines) {
  const Document time = read_html(
      "<html><body><article><h1>Headline here</h1><time class=\"updated\" "
      "datetime=\"2021-11-12T10:41:18-06:00\">Nov 12</time><time class=\"published\" "
      "datetime=\"2020-06-29T15:00:23-05:00\">June 29</time><p>text</p></article></body></html>");
  EXPECT_EQ(time.meta.published, "2020-06-29T15:00:23-05:00");
  EXPECT_EQ(time.meta.found_by.at("published"), "html:time_datetime");
  const Document byline = read_html(
      "<html><body><h1>Headline here</h1><div>By Ann Lee | June 2, 2024</div>"
      "<p>text</p></body></html>");
  EXPECT_EQ(byline.meta.published, "2024-06-02");
  EXPECT_EQ(byline.meta.found_by.at("published"), "html:header_zone_date");
  // A byline that names its date dates the page wherever it stands.
  const Document posted = read_html(
      "<html><body><p>text</p><div>Posted on June 2, 2024</div><p>more</p></body></html>");
  EXPECT_EQ(posted.meta.published, "2024-06-02");
  EXPECT_EQ(posted.meta.found_by.at("published"), "html:visible_english_date");
  // A bare date line away from the headline, on a page that is no article, dates
  // something else (a review, an entry).
  const Document listing = read_html(
      "<html><body><h1>Widgets</h1><p>Size 1</p><p>Size 2</p><p>Size 3</p><p>Size 4</p>"
      "<div>June 2, 2024</div><p>text</p></body></html>");
  EXPECT_EQ(listing.meta.published, "");
}

TEST(HtmlReader, AuthorsFromMicrodataRelAuthorAndBylines) {
  const auto author_of = [](const std::string& body) {
    const Document doc = read_html("<html><body>" + body + "<p>text</p></body></html>");
    const auto it = doc.meta.found_by.find("author");
    return doc.meta.author + " / " + (it == doc.meta.found_by.end() ? "" : it->second);
  };
  EXPECT_EQ(author_of("<span itemprop=\"author\" itemscope><span itemprop=\"name\">Ann Lee"
                      "</span></span>"),
            "Ann Lee / html:itemprop_author");
  EXPECT_EQ(author_of("<a rel=\"author\" href=\"/u/bo\">Bo Chan</a>"), "Bo Chan / html:rel_author");
  EXPECT_EQ(author_of("<div class=\"byline\">By Cy Diaz | June 2, 2024</div>"),
            "Cy Diaz / html:byline_class");
  // A date in the byline's place is no name.
  EXPECT_EQ(author_of("<div class=\"author\">Sat Dec 14, 2024</div>"), " / ");
  // HTML escapes inside JSON-LD strings are decoded.
  const Document ld = read_html(
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":"
      "{\"name\":\"Maria &amp; Katerina\"}}</script></head><body></body></html>");
  EXPECT_EQ(ld.meta.author, "Maria & Katerina");
}

TEST(HtmlReader, TheHeadlineIsTheH1NotTheSiteName) {
  const Document doc = read_html(
      "<html><head><title>Dental Care | ONE Health</title>"
      "<meta property=\"og:site_name\" content=\"ONE Health\">"
      "<meta property=\"og:title\" content=\"ONE Health\"></head><body>"
      "<h1>ONE Health</h1><h1>Dental Care</h1><p>text</p></body></html>");
  EXPECT_EQ(doc.meta.title, "Dental Care");
  EXPECT_EQ(doc.meta.found_by.at("title"), "html:h1_in_title");
}

TEST(HtmlReader, MetadataFromVisibleLinesAndUrl) {
  const Document doc = read_html(
      "<html><head><title>女儿出嫁--文化--人民网</title></head><body><h1>女儿出嫁</h1>"
      "<div class=info>发布时间：2021年9月13日 14:57 来源：人民日报</div><p>正文。</p>"
      "<p>作者：王五</p><div>（责任编辑：赵六）</div></body></html>");
  EXPECT_EQ(doc.meta.title, "女儿出嫁");
  EXPECT_EQ(doc.meta.published, "2021-09-13T14:57:00+08:00");
  EXPECT_EQ(doc.meta.found_by.at("published"), "html:visible_date_line");
  EXPECT_EQ(doc.meta.source_name, "人民日报");
  EXPECT_EQ(doc.meta.author, "王五");
  EXPECT_EQ(doc.meta.editor, "赵六");
}

TEST(HtmlReader, SharedCorpusDecodesWithoutReplacementsOrMojibake) {
  CLEARPAGE_REQUIRE_SHARED(shared);
  auto reader = testkit::make_reader("html");
  int pages = 0;
  for (const auto& path : testkit::corpus_html_pages(shared)) {
    const auto name = path.filename().string();
    const Document doc = testkit::read_with(*reader, path);
    const std::string body = html::text_content(html::html_dom(doc)->root());
    EXPECT_EQ(body.find("\xEF\xBF\xBD"), std::string::npos) << name;
    // UTF-8 read as GBK turns common characters into runs such as 鐨 (的) and 涓 (中).
    for (const char* mojibake : {"鐨", "涓婁", "锛", "銆"}) {
      EXPECT_EQ(body.find(mojibake), std::string::npos) << name << " has " << mojibake;
    }
    ++pages;
  }
  EXPECT_GT(pages, 60);
}

}  // namespace
}  // namespace clearpage
