// Record inputs (JSONL, WARC, WARC.gz), stdin streaming, resume and run accounting.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/record_inputs.hpp"
#include "plugin_fixture.hpp"

namespace clearpage::core {
namespace {

namespace fs = std::filesystem;

std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string http_response(const std::string& body, const std::string& extra_headers = "",
                          int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: text/html; charset=GBK\r\n" +
         extra_headers + "\r\n" + body;
}

std::string warc_record(const std::string& type, const std::string& uuid, const std::string& uri,
                        const std::string& block, long length_delta = 0) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + uuid +
         ">\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Length: " + std::to_string(static_cast<long>(block.size()) + length_delta) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

struct Item {
  std::string id;
  std::string url;
  std::string charset;
  std::string bytes;
  std::string error;
  std::string source;
};

class RecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("clearpage_records_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  std::vector<Item> items(std::vector<std::string> specs, InputOptions options = {},
                          std::size_t* not_documents = nullptr) {
    InputEnumerator inputs(std::move(specs), {}, std::move(options));
    std::vector<Item> out;
    InputItem item;
    std::size_t seq = 0;
    while (inputs.next(item)) {
      EXPECT_EQ(item.seq, seq++);
      out.push_back(
          {item.id, item.url, item.http_charset, item.bytes.value_or(""), item.error, item.source});
    }
    if (not_documents) *not_documents = inputs.not_documents();
    return out;
  }

  std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
    std::vector<nlohmann::json> records;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) records.push_back(nlohmann::json::parse(line));
    return records;
  }

  std::string cli() const { return testkit::clearpage_binary().string(); }

  fs::path job(const std::string& extra = "") {
    return write(
        "job.toml",
        "[job]\n" + extra + "\n[[stage]]\nplugin = \"text\"\n\n[[stage]]\nplugin = \"jsonl\"\n");
  }

  fs::path dir_;
};

TEST(RecordFormat, FromFileName) {
  EXPECT_EQ(record_format_for("a/b.jsonl"), RecordFormat::kJsonl);
  EXPECT_EQ(record_format_for("b.JSONL.gz"), RecordFormat::kJsonl);
  EXPECT_EQ(record_format_for("CC-MAIN-1.warc.gz"), RecordFormat::kWarc);
  EXPECT_EQ(record_format_for("x.warc"), RecordFormat::kWarc);
  EXPECT_FALSE(record_format_for("x.html.gz"));
  EXPECT_EQ(strip_warc_record_id("<urn:uuid:1234-ab>"), "1234-ab");
  EXPECT_EQ(strip_warc_record_id("<other:x>"), "other:x");
}

TEST_F(RecordsTest, JsonlGoodBadAndMissingFieldRecordsKeepGoing) {
  const std::string line1 = R"({"id":"a","url":"http://x/a","html":"<p>A</p>"})";
  const std::string line2 = "this is not json";
  const std::string line3 = R"({"id":"c","url":"http://x/c"})";
  const std::string line4 = R"({"id":7,"html":"seven"})";
  const std::string text = line1 + "\n" + line2 + "\n\n" + line3 + "\n" + line4 + "\n";
  const fs::path file = write("r.jsonl", text);
  const auto got = items({file.string()});
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].id, "a");
  EXPECT_EQ(got[0].url, "http://x/a");
  EXPECT_EQ(got[0].bytes, "<p>A</p>");
  EXPECT_EQ(got[0].charset, "utf-8");
  EXPECT_TRUE(got[0].error.empty());
  // The bad line is named with its byte offset.
  EXPECT_NE(got[1].error.find("byte offset " + std::to_string(line1.size() + 1)), std::string::npos)
      << got[1].error;
  EXPECT_NE(got[1].error.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(got[2].id, "c");
  EXPECT_NE(got[2].error.find("no string field 'html'"), std::string::npos) << got[2].error;
  EXPECT_NE(got[2].error.find("byte offset " + std::to_string(line1.size() + line2.size() + 3)),
            std::string::npos)
      << got[2].error;
  EXPECT_EQ(got[3].id, "7");
  EXPECT_EQ(got[3].bytes, "seven");
}

TEST_F(RecordsTest, JsonlFieldNamesComeFromTheJobAndGzipIsStreamed) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += R"({"doc_id":"d)" + std::to_string(i) + R"(","page":"body )" + std::to_string(i) +
            R"(","link":"u"})" + "\n";
  }
  const fs::path file = write(
      "r.jsonl.gz", gzip(text.substr(0, text.size() / 2)) + gzip(text.substr(text.size() / 2)));
  InputOptions options;
  options.id_field = "doc_id";
  options.html_field = "page";
  options.url_field = "link";
  const auto got = items({file.string()}, options);
  ASSERT_EQ(got.size(), 3000u);
  for (int i = 0; i < 3000; ++i) {
    ASSERT_EQ(got[i].id, "d" + std::to_string(i)) << got[i].error;
    EXPECT_EQ(got[i].bytes, "body " + std::to_string(i));
    EXPECT_EQ(got[i].url, "u");
  }
}

TEST_F(RecordsTest, WarcResponsesBecomeDocumentsOtherRecordsDoNot) {
  const std::string chunked_body = "<html>chunked ok</html>";
  const std::string gz = gzip(chunked_body);
  char size_hex[16];
  std::snprintf(size_hex, sizeof size_hex, "%zx", gz.size());
  const std::string chunked = std::string(size_hex) + "\r\n" + gz + "\r\n0\r\n\r\n";
  std::string warc;
  warc += warc_record("warcinfo", "00-info", "", "software: test\r\n");
  warc += warc_record("request", "01-req", "http://a/1", "GET /1 HTTP/1.1\r\n\r\n");
  warc += warc_record("response", "02-good", "http://a/1", http_response("<html>one</html>"));
  warc += warc_record("response", "03-redirect", "http://a/r", http_response("", "", 301));
  warc += warc_record(
      "response", "04-chunked", "http://a/c",
      http_response(chunked, "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"));
  const std::size_t bad_at = warc.size();
  // Content-Length too large: it swallows the start of the next record.
  warc += warc_record("response", "05-too-long", "http://a/5", http_response("<html>5</html>"), 30);
  warc += warc_record("response", "06-after", "http://a/6", http_response("<html>six</html>"));
  const std::size_t short_at = warc.size();
  warc += warc_record("response", "07-too-short", "http://a/7",
                      http_response("<html>7777777</html>"), -5);
  warc += warc_record("metadata", "08-meta", "http://a/7", "fetchTimeMs: 1\r\n");
  warc += warc_record("response", "09-last", "http://a/9", http_response("<html>nine</html>"));
  const fs::path file = write("crawl.warc", warc);
  std::size_t not_documents = 0;
  const auto got = items({file.string()}, {}, &not_documents);
  std::vector<std::string> ids;
  for (const auto& item : got) ids.push_back(item.id + (item.error.empty() ? "" : "!"));
  // A record's id is its target URI, the page's own name.
  EXPECT_EQ(ids, (std::vector<std::string>{"http://a/1", "http://a/c", "http://a/5!", "http://a/6",
                                           "http://a/7!", "http://a/9"}));
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0].bytes, "<html>one</html>");
  EXPECT_EQ(got[0].url, "http://a/1");
  EXPECT_EQ(got[0].charset, "GBK");
  EXPECT_EQ(got[1].bytes, chunked_body);
  EXPECT_NE(got[2].error.find("byte offset " + std::to_string(bad_at)), std::string::npos)
      << got[2].error;
  EXPECT_NE(got[2].error.find("Content-Length"), std::string::npos);
  EXPECT_EQ(got[3].bytes, "<html>six</html>");
  EXPECT_NE(got[4].error.find("byte offset " + std::to_string(short_at)), std::string::npos)
      << got[4].error;
  EXPECT_EQ(got[5].bytes, "<html>nine</html>");
  EXPECT_EQ(not_documents, 4u);  // warcinfo, request, redirect, metadata
}

TEST_F(RecordsTest, WarcGzMembersCorruptAndTruncatedMembersAreErrorsWithOffsets) {
  std::vector<std::string> members = {
      gzip(warc_record("response", "a", "http://a/a", http_response("<html>a</html>"))),
      gzip(warc_record("request", "b", "http://a/b", "GET / HTTP/1.1\r\n\r\n")),
      gzip(warc_record("response", "c", "http://a/c", http_response("<html>c</html>"))),
      gzip(warc_record("response", "d", "http://a/d", http_response(std::string(5000, 'd')))),
      gzip(warc_record("response", "e", "http://a/e", http_response("<html>e</html>"))),
      gzip(warc_record("response", "f", "http://a/f", http_response(std::string(3000, 'f')))),
  };
  // Member "d" is cut in the middle, then the file goes on; member "f" is cut at the end.
  std::string file_bytes;
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < members.size(); ++i) {
    offsets.push_back(file_bytes.size());
    const bool cut = i == 3 || i == 5;
    file_bytes += cut ? members[i].substr(0, members[i].size() / 2) : members[i];
  }
  const fs::path file = write("cc.warc.gz", file_bytes);
  const fs::path next = write("next.jsonl", R"({"id":"after","html":"x"})"
                                            "\n");
  const auto got = items({file.string(), next.string()});
  std::vector<std::string> ids;
  for (const auto& item : got) ids.push_back(item.error.empty() ? item.id : "!");
  ASSERT_GE(got.size(), 5u);
  EXPECT_EQ(got[0].id, "http://a/a");
  EXPECT_EQ(got[0].bytes, "<html>a</html>");
  EXPECT_EQ(got[0].source, file.string() + "@0");
  EXPECT_EQ(got[1].id, "http://a/c");
  EXPECT_EQ(got[1].source, file.string() + "@" + std::to_string(offsets[2]));
  // The cut member is one error record naming its member offset; "e" survives it.
  EXPECT_EQ(
      ids, (std::vector<std::string>{"http://a/a", "http://a/c", "!", "http://a/e", "!", "after"}));
  ASSERT_EQ(got.size(), 6u);
  EXPECT_NE(got[2].error.find(std::to_string(offsets[3])), std::string::npos) << got[2].error;
  EXPECT_EQ(got[3].bytes, "<html>e</html>");
  EXPECT_NE(
      got[4].error.find("truncated gzip member at compressed offset " + std::to_string(offsets[5])),
      std::string::npos)
      << got[4].error;
}

TEST_F(RecordsTest, InputListsAreReadLineByLine) {
  write("a.txt", "a");
  write("b.txt", "b");
  write("r.jsonl", R"({"id":"r1","html":"x"})"
                   "\n");
  const fs::path list = write("list.txt", "# shard 1\n" + (dir_ / "b.txt").string() + "\n\n" +
                                              (dir_ / "r.jsonl").string() + "\r\n" +
                                              (dir_ / "a.txt").string() + "\n");
  std::vector<std::string> ids;
  for (const auto& item : items({"@" + list.string()})) ids.push_back(item.id);
  // Files named in a list keep the path as given.
  EXPECT_EQ(ids,
            (std::vector<std::string>{(dir_ / "b.txt").string(), "r1", (dir_ / "a.txt").string()}));
  const auto missing = items({"@" + (dir_ / "nope.txt").string()});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].error.find("cannot read the input list"), std::string::npos);
}

TEST_F(RecordsTest, StdinJsonlAndWarcStreamToStdout) {
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += R"({"id":"s)" + std::to_string(i) + R"(","html":"text )" + std::to_string(i) + "\"}\n";
  text += "{broken\n";
  const fs::path in = write("in.jsonl", text);
  const fs::path out = dir_ / "out.jsonl";
  // The parentheses keep stderr (the summary) out of the output file.
  const auto result = testkit::run_command(
      "(" + cli() + " run --config " + job("stdin_format = \"jsonl\"").string() +
      " --threads 2 --output - - < " + in.string() + " > " + out.string() + ")");
  ASSERT_EQ(result.status, 1) << result.output;  // the broken line is an error record
  const auto records = read_jsonl(out);
  ASSERT_EQ(records.size(), 51u);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(records[i]["id"], "s" + std::to_string(i));
    EXPECT_TRUE(records[i]["errors"].empty());
  }
  EXPECT_FALSE(records[50]["errors"].empty());
  EXPECT_NE(result.output.find("51 inputs, 50 written, 1 errors"), std::string::npos)
      << result.output;

  const std::string warc =
      gzip(warc_record("response", "w1", "http://w/1", http_response("hello"))) +
      gzip(warc_record("request", "w2", "http://w/2", "GET / HTTP/1.1\r\n\r\n")) +
      gzip(warc_record("response", "w3", "http://w/3", http_response("world")));
  const fs::path warc_in = write("in.warc.gz", warc);
  const auto warc_result = testkit::run_command(
      "(" + cli() + " run --config " + job("stdin_format = \"warc\"").string() +
      " --output - - < " + warc_in.string() + " > " + out.string() + ")");
  ASSERT_EQ(warc_result.status, 0) << warc_result.output;
  const auto warc_records = read_jsonl(out);
  ASSERT_EQ(warc_records.size(), 2u);
  EXPECT_EQ(warc_records[0]["id"], "http://w/1");
  EXPECT_EQ(warc_records[0]["url"], "http://w/1");
  EXPECT_EQ(warc_records[1]["id"], "http://w/3");
  EXPECT_NE(warc_result.output.find("1 WARC records were not documents"), std::string::npos)
      << warc_result.output;
}

TEST_F(RecordsTest, ResumeAppendsOnlyMissingInputs) {
  fs::create_directories(dir_ / "pages");
  for (int i = 0; i < 20; ++i) {
    write("pages/p" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".txt",
          "page " + std::to_string(i));
  }
  const fs::path out = dir_ / "out.jsonl";
  const std::string run =
      cli() + " run --config " + job().string() + " --threads 2 --output " + out.string();
  // Ids are the path below the walked folder, so the half and the whole share them.
  const std::string first_half = " --exclude 'p1*' " + (dir_ / "pages").string();
  auto result = testkit::run_command(run + first_half);
  ASSERT_EQ(result.status, 0) << result.output;
  ASSERT_EQ(read_jsonl(out).size(), 10u);
  result = testkit::run_command(run + " --resume " + (dir_ / "pages").string());
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("20 inputs, 10 written, 0 errors, 10 skipped (10 resumed)"),
            std::string::npos)
      << result.output;
  const auto records = read_jsonl(out);
  std::vector<std::string> ids;
  for (const auto& r : records) ids.push_back(r["id"]);
  ASSERT_EQ(ids.size(), 20u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 20u);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(ids[i], "p" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".txt");
  }
  // Nothing left to do: a second resume writes nothing and keeps every record.
  result = testkit::run_command(run + " --resume " + (dir_ / "pages").string());
  EXPECT_NE(result.output.find("20 inputs, 0 written, 0 errors, 20 skipped"), std::string::npos)
      << result.output;
  EXPECT_EQ(read_jsonl(out).size(), 20u);
}

TEST_F(RecordsTest, AccountingHoldsOverMixedInputsAndOrderIsInputOrder) {
  std::string jsonl;
  std::vector<std::string> expected;
  for (int i = 0; i < 300; ++i) {
    const std::string id = "m" + std::to_string(i);
    if (i % 7 == 3) {
      jsonl += "not json " + id + "\n";
      expected.push_back("");
    } else if (i % 11 == 5) {
      jsonl += R"({"id":")" + id +
               R"("})"
               "\n";
      expected.push_back(id);
    } else {
      // Sizes vary so that workers finish out of order.
      jsonl += R"({"id":")" + id + R"(","html":")" +
               std::string(static_cast<std::size_t>(i % 13) * 3000 + 1, 'x') + "\"}\n";
      expected.push_back(id);
    }
  }
  const fs::path in = write("mixed.jsonl", jsonl);
  write("good.txt", "fine");
  // Named in a list, read lazily: a missing file there is an error record, not a refusal.
  const fs::path list = write("list.txt", (dir_ / "missing.txt").string() + "\n");
  const fs::path out = dir_ / "out.jsonl";
  for (const char* threads : {"2", "4"}) {
    const auto result =
        testkit::run_command(cli() + " run --force --config " + job().string() + " --threads " +
                             threads + " --output " + out.string() + " " + in.string() + " @" +
                             list.string() + " " + (dir_ / "good.txt").string());
    ASSERT_EQ(result.status, 1) << result.output;
    std::smatch m;
    const std::string text = result.output;
    ASSERT_TRUE(std::regex_search(
        text, m, std::regex(R"((\d+) inputs, (\d+) written, (\d+) errors, (\d+) skipped)")))
        << text;
    const auto n = [&](int k) { return std::stoul(m[k].str()); };
    EXPECT_EQ(n(1), 302u);
    EXPECT_EQ(n(1), n(2) + n(3) + n(4));
    const auto records = read_jsonl(out);
    ASSERT_EQ(records.size(), 302u);
    std::size_t errors = 0;
    for (std::size_t i = 0; i < 300; ++i) {
      if (!expected[i].empty()) {
        EXPECT_EQ(records[i]["id"], expected[i]) << "threads " << threads;
      }
      if (!records[i]["errors"].empty()) ++errors;
    }
    EXPECT_EQ(records[300]["id"], (dir_ / "missing.txt").string());
    EXPECT_EQ(records[301]["id"], (dir_ / "good.txt").string());
    EXPECT_EQ(errors + 1, n(3));
  }
}

}  // namespace
}  // namespace clearpage::core
