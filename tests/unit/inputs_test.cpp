#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "clearpage/core/inputs.hpp"

namespace clearpage::core {
namespace {

namespace fs = std::filesystem;

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("clearpage_inputs_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub" / "deeper");
    write(dir_ / "b.txt", "b");
    write(dir_ / "a.html", "a");
    write(dir_ / "sub" / "c.htm", "c");
    write(dir_ / "sub" / "deeper" / "d.txt", "d");
    write(dir_ / ".hidden", "h");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void write(const fs::path& p, const std::string& s) {
    std::ofstream(p, std::ios::binary) << s;
  }

  std::vector<std::string> ids(std::vector<std::string> specs) {
    InputEnumerator inputs(std::move(specs));
    std::vector<std::string> out;
    InputItem item;
    while (inputs.next(item)) out.push_back(item.id + (item.error.empty() ? "" : "!"));
    return out;
  }
  fs::path dir_;
};

TEST(InputId, StripsKnownSuffixes) {
  EXPECT_EQ(id_from_path("x/000_abc.txt"), "000_abc");
  EXPECT_EQ(id_from_path("page.html.gz"), "page");
  EXPECT_EQ(id_from_path("page.htm"), "page");
  EXPECT_EQ(id_from_path("data.json"), "data.json");
}

TEST_F(InputsTest, DirectoriesRecurseInNameOrderAndSkipHidden) {
  EXPECT_EQ(ids({dir_.string()}), (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST_F(InputsTest, GlobsAndMissingFilesAreAccounted) {
  EXPECT_EQ(
      ids({(dir_ / "*.txt").string(), (dir_ / "nope.txt").string(), (dir_ / "z*.q").string()}),
      (std::vector<std::string>{"b", "nope!", "z*.q!"}));
}

TEST_F(InputsTest, GzipIsInflatedAndBoundedByMaxBytes) {
  const std::string text(10000, 'x');
  const fs::path gz = dir_ / "big.txt.gz";
  gzFile f = gzopen(gz.c_str(), "wb");
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  InputItem item;
  item.path = gz;
  item.source = gz.string();
  EXPECT_EQ(load_input_bytes(item, 1 << 20), text);
  EXPECT_THROW(load_input_bytes(item, 5000), std::runtime_error);
  // A truncated member is an error, not a short document.
  std::string bytes;
  {
    std::ifstream in(gz, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  write(gz, bytes.substr(0, bytes.size() / 2));
  try {
    load_input_bytes(item, 1 << 20);
    FAIL() << "truncated gzip accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated or corrupt gzip"), std::string::npos);
  }
}

}  // namespace
}  // namespace clearpage::core
