#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "clearpage/core/plugin_host.hpp"
#include "plugin_fixture.hpp"

namespace clearpage::core {
namespace {

namespace fs = std::filesystem;

fs::path good(const std::string& name) {
  return testkit::test_plugin_dir() / "good" / ("clearpage_" + name + ".so");
}
fs::path bad(const std::string& name) {
  return testkit::test_plugin_dir() / "bad" / ("clearpage_" + name + ".so");
}

std::string load_error(PluginHost& host, const fs::path& path) {
  try {
    host.load_file(path);
  } catch (const PluginLoadError& e) {
    return e.what();
  }
  return "";
}

TEST(PluginLoader, GoodPluginLoadsAndItsStagesWork) {
  PluginHost host;
  host.load_file(good("test_alpha"));
  ASSERT_EQ(host.plugins().size(), 1u);
  EXPECT_EQ(host.plugins()[0].name, "test_alpha");
  EXPECT_EQ(host.plugins()[0].version, "1.2.3");
  const RegisteredStage* stage = host.find_stage("alpha_cleaner");
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->info.kind, StageKind::kCleaner);
  ASSERT_EQ(stage->info.options.size(), 1u);
  auto cleaner = stage->cleaner(testkit::make_context("alpha_cleaner", host));
  Document doc;
  doc.meta.title = "t";
  cleaner->clean(doc);
  EXPECT_EQ(doc.meta.title, "alpha:t");
}

TEST(PluginLoader, TwoPluginsLoadTogether) {
  PluginHost host;
  EXPECT_TRUE(host.load_directory(testkit::test_plugin_dir() / "good").empty());
  EXPECT_EQ(host.plugins().size(), 2u);
  EXPECT_NE(host.find_stage("alpha_cleaner"), nullptr);
  EXPECT_NE(host.find_stage("beta_one"), nullptr);
  EXPECT_NE(host.find_stage("beta_two"), nullptr);
}

TEST(PluginLoader, WrongApiIsRefusedBeforeAnyCodeRuns) {
  const fs::path marker =
      fs::temp_directory_path() / ("clearpage_ran_" + std::to_string(::getpid()));
  fs::remove(marker);
  setenv("CLEARPAGE_TEST_CODE_RAN", marker.c_str(), 1);
  PluginHost host;
  const std::string error = load_error(host, bad("test_wrong_api"));
  EXPECT_NE(error.find(bad("test_wrong_api").string()), std::string::npos) << error;
  EXPECT_NE(error.find("plugin API version " + std::to_string(CLEARPAGE_API_VERSION + 1)),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("host API version " + std::to_string(CLEARPAGE_API_VERSION)),
            std::string::npos)
      << error;
  const std::string abi_error = load_error(host, bad("test_wrong_abi"));
  EXPECT_NE(abi_error.find("plugin ABI tag 'othercc-1;cxx11abi=0;sdk=99'"), std::string::npos)
      << abi_error;
  EXPECT_NE(abi_error.find(std::string("host ABI tag '") + CLEARPAGE_ABI_TAG + "'"),
            std::string::npos);
  unsetenv("CLEARPAGE_TEST_CODE_RAN");
  EXPECT_FALSE(fs::exists(marker)) << "a refused plugin's static initialiser ran";
  EXPECT_TRUE(host.plugins().empty());
}

TEST(PluginLoader, OtherSdkMajorIsRefusedByName) {
  const fs::path marker =
      fs::temp_directory_path() / ("clearpage_ran_sdk_" + std::to_string(::getpid()));
  fs::remove(marker);
  setenv("CLEARPAGE_TEST_CODE_RAN", marker.c_str(), 1);
  PluginHost host;
  const std::string error = load_error(host, bad("test_wrong_sdk"));
  const std::string next = std::to_string(CLEARPAGE_SDK_VERSION_MAJOR + 1);
  EXPECT_NE(error.find(bad("test_wrong_sdk").string() +
                       ": refused: plugin 'test_wrong_sdk' 2.3.4 "
                       "was built against SDK " +
                       next + "."),
            std::string::npos)
      << error;
  EXPECT_NE(error.find(std::string("this host's SDK is ") + CLEARPAGE_SDK_VERSION_STRING),
            std::string::npos)
      << error;
  unsetenv("CLEARPAGE_TEST_CODE_RAN");
  EXPECT_FALSE(fs::exists(marker)) << "a refused plugin's static initialiser ran";
  EXPECT_TRUE(host.plugins().empty());
}

TEST(PluginLoader, MarkerWorksWhenCodeDoesRun) {
  // Proves the check above can fail: loading the library directly runs its initialiser.
  const fs::path marker =
      fs::temp_directory_path() / ("clearpage_ran2_" + std::to_string(::getpid()));
  fs::remove(marker);
  setenv("CLEARPAGE_TEST_CODE_RAN", marker.c_str(), 1);
  boost::dll::shared_library lib(boost::dll::fs::path(bad("test_wrong_api").string()));
  unsetenv("CLEARPAGE_TEST_CODE_RAN");
  EXPECT_TRUE(fs::exists(marker));
  fs::remove(marker);
}

TEST(PluginLoader, MissingSymbolIsRefused) {
  PluginHost host;
  const std::string error = load_error(host, bad("test_missing_register"));
  EXPECT_NE(error.find("missing symbol clearpage_register"), std::string::npos) << error;
}

TEST(PluginLoader, DuplicateStageNameIsRefused) {
  PluginHost host;
  host.load_file(good("test_alpha"));
  const std::string error = load_error(host, bad("test_duplicate_stage"));
  EXPECT_NE(error.find("stage 'alpha_cleaner' is already registered by plugin 'test_alpha'"),
            std::string::npos)
      << error;
}

TEST(PluginLoader, NonPluginFilesAreRefusedWithAReason) {
  const fs::path dir =
      fs::temp_directory_path() / ("clearpage_loader_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  std::ofstream(dir / "junk.so") << "not an elf";
  fs::create_symlink(good("test_alpha"), dir / "link.so");
  PluginHost host;
  EXPECT_NE(load_error(host, dir / "junk.so").find("not an ELF shared library"), std::string::npos);
  EXPECT_NE(load_error(host, dir / "link.so").find("not a regular file"), std::string::npos);
  // The host's own executable is ELF (PIE, so ET_DYN) but carries no info record.
  EXPECT_NE(load_error(host, testkit::clearpage_binary()).find("not a clearpage plugin"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(PluginLoader, TruncatedLibrariesAreRefusedWithAReason) {
  // The loader reads only the parts of the file it needs: each must be checked to exist.
  const fs::path dir = fs::temp_directory_path() / ("clearpage_cut_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0755);
  std::ifstream in(good("test_alpha"), std::ios::binary);
  const std::string whole(std::istreambuf_iterator<char>(in), {});
  ASSERT_GT(whole.size(), 4096u);
  PluginHost host;
  for (const std::size_t keep :
       {std::size_t{10}, std::size_t{64}, std::size_t{4096}, whole.size() - 64}) {
    const fs::path cut = dir / ("cut_" + std::to_string(keep) + ".so");
    std::ofstream(cut, std::ios::binary) << whole.substr(0, keep);
    const std::string error = load_error(host, cut);
    EXPECT_TRUE(error.find("not an ELF shared library") != std::string::npos ||
                error.find("corrupt ELF section table") != std::string::npos)
        << keep << ": " << error;
  }
  fs::remove_all(dir);
}

TEST(PluginLoader, WorldWritableDirectoryIsRefused) {
  const fs::path dir = fs::temp_directory_path() / ("clearpage_ww_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(good("test_alpha"), dir / "clearpage_test_alpha.so");
  ::chmod(dir.c_str(), 0777);
  PluginHost host;
  EXPECT_NE(load_error(host, dir / "clearpage_test_alpha.so").find("is world-writable"),
            std::string::npos);
  ::chmod(dir.c_str(), 0755);
  EXPECT_EQ(load_error(host, dir / "clearpage_test_alpha.so"), "");
  fs::remove_all(dir);
}

TEST(PluginLoader, InfoRecordIsReadFromTheFile) {
  const clearpage_plugin_info info = read_plugin_info(good("test_beta"));
  EXPECT_EQ(info.api_version, CLEARPAGE_API_VERSION);
  EXPECT_STREQ(info.name, "test_beta");
  EXPECT_STREQ(info.abi_tag, CLEARPAGE_ABI_TAG);
  EXPECT_EQ(info.sdk_major, static_cast<std::uint32_t>(CLEARPAGE_SDK_VERSION_MAJOR));
  EXPECT_EQ(info.sdk_minor, static_cast<std::uint32_t>(CLEARPAGE_SDK_VERSION_MINOR));
}

TEST(PluginLoader, SearchPathOrderAndNoWorkingDirectory) {
  setenv("CLEARPAGE_PLUGIN_PATH", "/env/one::/env/two", 1);
  const auto dirs = PluginHost::search_path({"/extra"});
  unsetenv("CLEARPAGE_PLUGIN_PATH");
  ASSERT_EQ(dirs.size(), 4u);
  EXPECT_EQ(dirs[0], PluginHost::builtin_plugin_dir());
  EXPECT_EQ(dirs[1], "/extra");
  EXPECT_EQ(dirs[2], "/env/one");
  EXPECT_EQ(dirs[3], "/env/two");
}

}  // namespace
}  // namespace clearpage::core
