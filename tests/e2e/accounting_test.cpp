// A mixed run of 10,000 inputs, a tenth of them bad in every way a corpus can be bad:
// JSONL lines that are not JSON or lack the page, WARC records with broken HTTP parts,
// binary pages, empty and corrupt files, and trees over the memory limit. Every input
// must be accounted for exactly, and the run report must say where the errors came from.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "plugin_fixture.hpp"

namespace clearpage {
namespace {

namespace fs = std::filesystem;

constexpr int kJsonlRecords = 8000;
constexpr int kWarcResponses = 1500;
constexpr int kFiles = 500;
constexpr int kBadKinds = 5;  // every tenth input is bad, cycling through five kinds

bool is_bad(int i) {
  return i % 10 == 3;
}
int bad_kind(int i) {
  return (i / 10) % kBadKinds;
}

std::string good_page(int i) {
  return "<html><head><title>第" + std::to_string(i) +
         "号通知</title></head><body><div class=\"article\"><h1>第" + std::to_string(i) +
         "号通知</h1><p>市政府今天召开会议，研究部署第" + std::to_string(i) +
         "项重点工作，要求各部门认真落实，确保按期完成任务。</p><p>会议强调，要坚持问题导向，"
         "加强统筹协调，及时解决工作中遇到的困难和问题。</p></div></body></html>";
}

std::string good_text(int i) {
  return "第" + std::to_string(i) + "号公告\n各单位：\n现将第" + std::to_string(i) +
         "项工作安排通知如下，请认真贯彻执行。\n特此通知。\n";
}

// Markup followed by NUL bytes: the html reader takes it and refuses it as binary.
std::string binary_page() {
  return std::string("<html><body>\0\1\2\3\4\5 binary", 26);
}

// Thousands of elements from a few hundred kilobytes: a tree far over 8 MB.
std::string wide_page() {
  std::string html = "<html><body><p>正文。";
  for (int i = 0; i < 100000; ++i) html += "<br>";
  return html + "</p></body></html>";
}

void write_jsonl(const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < kJsonlRecords; ++i) {
    nlohmann::json record = {{"id", "j" + std::to_string(i)},
                             {"url", "http://www.example.gov.cn/j/" + std::to_string(i) + ".html"}};
    if (!is_bad(i)) {
      record["html"] = good_page(i);
      out << record.dump() << "\n";
      continue;
    }
    switch (bad_kind(i)) {
      case 0:
        out << "not json at all {" << i << "\n";
        continue;
      case 1:
        break;  // no html field
      case 2:
        record["html"] = i;
        break;  // not a string
      case 3:
        record["html"] = binary_page();
        break;
      case 4:
        record["html"] = "";
        break;  // nothing to read
    }
    out << record.dump() << "\n";
  }
}

std::string warc_record(const std::string& type, int i, const std::string& block) {
  char uuid[64];
  std::snprintf(uuid, sizeof uuid, "<urn:uuid:00000000-0000-4000-8000-%012d>", i);
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: " + uuid +
         "\r\nWARC-Target-URI: http://www.example.gov.cn/w/" + std::to_string(i) +
         ".html\r\nContent-Type: application/http; msgtype=" + type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\n" + headers +
         "\r\n" + body;
}

void write_warc(const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  out << warc_record("warcinfo", 999999, "software: test\r\n");
  for (int i = 0; i < kWarcResponses; ++i) {
    // Records that are not documents, between the documents: not inputs at all.
    if (i % 15 == 0) out << warc_record("request", 100000 + i, "GET / HTTP/1.1\r\n\r\n");
    if (i % 30 == 0) out << warc_record("response", 200000 + i, http("404 Not Found", "", "gone"));
    std::string block;
    if (!is_bad(i)) {
      block = http("200 OK", "", good_page(i));
    } else {
      switch (bad_kind(i)) {
        case 0:
          block = "garbage where the status line should be\r\n\r\n" + good_page(i);
          break;
        case 1:
          block = http("200 OK", "Transfer-Encoding: chunked\r\n", "zz\r\nabc\r\n0\r\n\r\n");
          break;
        case 2:
          block = http("200 OK", "Content-Encoding: br\r\n", good_page(i));
          break;
        case 3:
          block = http("200 OK", "", binary_page());
          break;
        case 4:
          block = http("200 OK", "Content-Encoding: deflate\r\n", "not deflate data");
          break;
      }
    }
    out << warc_record("response", i, block);
  }
}

void write_files(const fs::path& dir) {
  fs::create_directories(dir);
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "f%04d", i);
    const fs::path base = dir / name;
    if (!is_bad(i)) {
      if (i % 2) {
        std::ofstream(base.string() + ".html", std::ios::binary) << good_page(i);
      } else {
        std::ofstream(base.string() + ".txt", std::ios::binary) << good_text(i);
      }
      continue;
    }
    switch (bad_kind(i)) {
      case 0:
        std::ofstream(base.string() + ".txt", std::ios::binary);
        break;  // empty
      case 1:
        std::ofstream(base.string() + ".txt", std::ios::binary) << std::string("\0\1\2\3 bin", 8);
        break;
      case 2:  // gzip magic, then garbage
        std::ofstream(base.string() + ".html.gz", std::ios::binary) << "\x1f\x8b\x08\x00garbage";
        break;
      case 3:
        std::ofstream(base.string() + ".html", std::ios::binary) << binary_page();
        break;
      case 4:
        std::ofstream(base.string() + ".html", std::ios::binary) << wide_page();
        break;
    }
  }
}

TEST(Accounting, TenThousandMixedInputsAreEachCountedOnce) {
  const fs::path dir = testkit::fresh_dir("clearpage_accounting");
  fs::create_directories(dir / "in");
  write_jsonl(dir / "in" / "records.jsonl");
  write_warc(dir / "in" / "records.warc");
  write_files(dir / "in" / "files");
  // The default job, with a memory limit the wide pages exceed.
  std::string job = testkit::read_file(testkit::source_dir() / "configs/default.toml");
  job.insert(job.find("[job]\n") + 6, "doc_memory_limit_mb = 8\n");
  std::ofstream(dir / "job.toml") << job;

  const auto start = std::chrono::steady_clock::now();
  const auto result = testkit::run_command(
      testkit::clearpage_binary().string() + " run --config " + (dir / "job.toml").string() +
      " --threads 2 --output " + (dir / "out.jsonl").string() + " --report " +
      (dir / "report.json").string() + " " + (dir / "in").string());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(result.status, 1) << result.output;

  std::ifstream report_file(dir / "report.json");
  const auto report = nlohmann::json::parse(report_file);
  const int inputs = kJsonlRecords + kWarcResponses + kFiles;
  const int bad = inputs / 10;
  EXPECT_EQ(report["inputs"], inputs);
  EXPECT_EQ(report["written"], inputs - bad);
  EXPECT_EQ(report["errors"], bad);
  EXPECT_EQ(report["skipped"], 0);
  EXPECT_EQ(report["accounted"], true);
  EXPECT_EQ(report["not_documents"], kWarcResponses / 15 + kWarcResponses / 30 + 1);

  // Where the errors came from. Broken records and unreadable files fail before any
  // reader: 3 JSONL kinds, 4 WARC kinds and the corrupt gzip files.
  const int per_kind_jsonl = kJsonlRecords / 10 / kBadKinds;
  const int per_kind_warc = kWarcResponses / 10 / kBadKinds;
  const int per_kind_files = kFiles / 10 / kBadKinds;
  const auto& by_plugin = report["errors_by_plugin"];
  int total = 0;
  for (const auto& [plugin, tally] : by_plugin.items()) {
    total += tally["count"].get<int>();
    EXPECT_FALSE(tally["examples"].empty()) << plugin;
    EXPECT_LE(tally["examples"].size(), 5u) << plugin;
    for (const auto& example : tally["examples"]) {
      EXPECT_FALSE(example["id"].get<std::string>().empty()) << example.dump();
      EXPECT_FALSE(example["message"].get<std::string>().empty()) << example.dump();
    }
  }
  EXPECT_EQ(total, bad) << report.dump(2);
  EXPECT_EQ(by_plugin["clearpage"]["by_stage"]["input"],
            3 * per_kind_jsonl + 4 * per_kind_warc + per_kind_files)
      << report.dump(2);
  // Binary pages in all three containers, and the trees over the memory limit.
  EXPECT_EQ(by_plugin["html"]["count"], per_kind_jsonl + per_kind_warc + 2 * per_kind_files)
      << report.dump(2);

  // One output record per input, the memory guard's among them.
  std::ifstream out(dir / "out.jsonl");
  std::string line;
  int records = 0;
  int over_memory = 0;
  while (std::getline(out, line)) {
    ++records;
    if (line.find("memory limit exceeded") != std::string::npos) ++over_memory;
  }
  EXPECT_EQ(records, inputs);
  EXPECT_EQ(over_memory, per_kind_files);
  std::string tallies;
  for (const auto& [plugin, tally] : by_plugin.items()) {
    tallies += " " + plugin + "=" + tally["by_stage"].dump();
  }
  std::printf(
      "accounting: %d inputs, %d written, %d errors, %d skipped, %d not documents, "
      "%.2f s (run %.2f s); errors:%s\n",
      report["inputs"].get<int>(), report["written"].get<int>(), report["errors"].get<int>(),
      report["skipped"].get<int>(), report["not_documents"].get<int>(), seconds,
      report["elapsed_seconds"].get<double>(), tallies.c_str());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clearpage
