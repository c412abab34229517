#include "plugin_fixture.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "clearpage/core/logging.hpp"

namespace clearpage::testkit {

namespace fs = std::filesystem;

fs::path builtin_plugin_dir() {
  return CLEARPAGE_TEST_BUILTIN_PLUGIN_DIR;
}
fs::path test_plugin_dir() {
  return CLEARPAGE_TEST_PLUGIN_DIR;
}
fs::path source_dir() {
  return CLEARPAGE_TEST_SOURCE_DIR;
}
fs::path clearpage_binary() {
  return CLEARPAGE_TEST_BINARY;
}

fs::path shared_dir() {
  const fs::path shared = (source_dir() / ".." / "shared").lexically_normal();
  std::error_code ec;
  return fs::is_directory(shared, ec) ? shared : fs::path();
}

std::vector<fs::path> corpus_html_pages(const fs::path& shared) {
  std::vector<fs::path> pages;
  for (const auto& entry : fs::recursive_directory_iterator(shared / "corpus")) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= 5 && name.substr(name.size() - 5) == ".html") {
      pages.push_back(entry.path());
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

Document read_with(Reader& reader, const fs::path& path) {
  const std::string bytes = read_file(path);
  Input input;
  input.source = path.string();
  input.bytes = bytes;  // a view: the document the reader returns holds its own copy
  return reader.read(input);
}

fs::path fresh_dir(const std::string& prefix) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()) +
                                                    "_" + (test ? test->name() : "main"));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const core::PluginHost& builtin_host() {
  static const auto* host = [] {
    auto* h = new core::PluginHost();
    const auto refusals = h->load_directory(builtin_plugin_dir());
    if (!refusals.empty()) throw std::runtime_error("built-in plugin refused: " + refusals.front());
    return h;
  }();
  return *host;
}

namespace {
const core::RegisteredStage& stage_or_throw(const std::string& stage) {
  const auto* registered = builtin_host().find_stage(stage);
  if (!registered) throw std::runtime_error("no built-in stage '" + stage + "'");
  return *registered;
}
}  // namespace

StageContext make_context(const std::string& stage, const core::PluginHost& host) {
  const auto* registered = host.find_stage(stage);
  if (!registered) throw std::runtime_error("no stage '" + stage + "'");
  return StageContext{stage, default_options(registered->info.options), core::make_logger(stage)};
}

StageContext make_context(const std::string& stage, Options options) {
  return StageContext{stage, std::move(options), core::make_logger(stage)};
}

Options options_with(const std::string& stage,
                     const std::map<std::string, OptionValue>& overrides) {
  std::map<std::string, OptionValue> values =
      default_options(stage_or_throw(stage).info.options).values();
  for (const auto& [name, value] : overrides) {
    if (!values.count(name))
      throw std::runtime_error("stage '" + stage + "' has no option " + name);
    values[name] = value;
  }
  return Options(std::move(values));
}

std::unique_ptr<Reader> make_reader(const std::string& stage) {
  return stage_or_throw(stage).reader(make_context(stage));
}
std::unique_ptr<Reader> make_reader(const std::string& stage, Options options) {
  return stage_or_throw(stage).reader(make_context(stage, std::move(options)));
}
std::unique_ptr<Cleaner> make_cleaner(const std::string& stage) {
  return stage_or_throw(stage).cleaner(make_context(stage));
}
std::unique_ptr<Cleaner> make_cleaner(const std::string& stage, Options options) {
  return stage_or_throw(stage).cleaner(make_context(stage, std::move(options)));
}
std::unique_ptr<Writer> make_writer(const std::string& stage) {
  return stage_or_throw(stage).writer(make_context(stage));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace clearpage::testkit
