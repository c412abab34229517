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

TEST(InputId, IsThePathBelowTheRoot) {
  EXPECT_EQ(path_id("corpus/a/index.html", "corpus/"), "a/index.html");
  EXPECT_EQ(path_id("corpus/a/index.html", "corpus"), "a/index.html");
  EXPECT_EQ(path_id("./x//page.html.gz", ""), "x/page.html.gz");
}

TEST_F(InputsTest, DirectoriesRecurseInNameOrderAndSkipHidden) {
  EXPECT_EQ(ids({dir_.string()}),
            (std::vector<std::string>{"a.html", "b.txt", "sub/c.htm", "sub/deeper/d.txt"}));
}

TEST_F(InputsTest, GlobsAndMissingFilesAreAccounted) {
  const std::string root = dir_.string();
  EXPECT_EQ(
      ids({(dir_ / "*.txt").string(), (dir_ / "nope.txt").string(), (dir_ / "z*.q").string()}),
      (std::vector<std::string>{root + "/b.txt", root + "/nope.txt!", root + "/z*.q!"}));
  EXPECT_EQ(check_input_specs({(dir_ / "*.txt").string(), (dir_ / "nope.txt").string(),
                               (dir_ / "z*.q").string(), "@" + root + "/no-list"}),
            (std::vector<std::string>{root + "/nope.txt: no such file or directory",
                                      root + "/z*.q: pattern matches no file",
                                      root + "/no-list: cannot read the input list"}));
}

TEST_F(InputsTest, SameNamesInTwoFoldersKeepApartAndRepeatsAreNumbered) {
  fs::create_directories(dir_ / "x");
  fs::create_directories(dir_ / "y");
  write(dir_ / "x" / "index.html", "x");
  write(dir_ / "y" / "index.html", "y");
  EXPECT_EQ(ids({(dir_ / "x").string(), (dir_ / "y").string(), (dir_ / "x").string()}),
            (std::vector<std::string>{"index.html", "index.html#2"}));
  const std::string file = (dir_ / "a.html").string();
  EXPECT_EQ(ids({file, file, file}), (std::vector<std::string>{file, file + "#2", file + "#3"}));
}

TEST_F(InputsTest, WalksTakeDefaultExtensionsOrIncludeAndExclude) {
  write(dir_ / "page.expected.json", "{}");
  write(dir_ / "notes.md", "#");
  fs::create_directories(dir_ / ".git");
  write(dir_ / ".git" / "x.html", "x");
  InputEnumerator walk({dir_.string()});
  std::vector<std::string> found;
  InputItem item;
  while (walk.next(item)) found.push_back(item.id);
  EXPECT_EQ(found, (std::vector<std::string>{"a.html", "b.txt", "sub/c.htm", "sub/deeper/d.txt"}));
  EXPECT_EQ(walk.notes().filtered, 2u);
  EXPECT_EQ(walk.notes().hidden, 2u);  // .hidden and .git

  InputOptions options;
  options.include = {"*.md", "*.txt"};
  options.exclude = {"sub/*"};
  InputEnumerator chosen({dir_.string()}, {}, options);
  found.clear();
  while (chosen.next(item)) found.push_back(item.id);
  EXPECT_EQ(found, (std::vector<std::string>{"b.txt", "notes.md"}));
}

TEST_F(InputsTest, Sha1IdsNameTheContent) {
  InputOptions options;
  options.id_scheme = IdScheme::kSha1;
  InputEnumerator inputs({(dir_ / "a.html").string()}, {}, options);
  InputItem item;
  ASSERT_TRUE(inputs.next(item));
  EXPECT_EQ(item.id, "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8");  // sha1("a")
  EXPECT_EQ(*item.bytes, "a");
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
