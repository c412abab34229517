// Test helpers that drive plugins through the real host.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "clearpage/core/plugin_host.hpp"
#include "clearpage/document.hpp"
#include "clearpage/options.hpp"
#include "clearpage/stage.hpp"

namespace clearpage::testkit {

// The build's plugin directory (build/lib/clearpage/plugins).
std::filesystem::path builtin_plugin_dir();
// Where the deliberately broken and example test plugins are built.
std::filesystem::path test_plugin_dir();
// The repository root, for samples/ and ../shared.
std::filesystem::path source_dir();
std::filesystem::path clearpage_binary();

// ../shared next to the repository; empty when absent. Under CI=true its
// absence fails the calling test instead of skipping it.
std::filesystem::path shared_dir();

// A host with every built-in plugin loaded; shared by a test binary.
const core::PluginHost& builtin_host();

StageContext make_context(const std::string& stage, const core::PluginHost& host = builtin_host());
StageContext make_context(const std::string& stage, Options options);

std::unique_ptr<Reader> make_reader(const std::string& stage);
std::unique_ptr<Reader> make_reader(const std::string& stage, Options options);
std::unique_ptr<Cleaner> make_cleaner(const std::string& stage);
std::unique_ptr<Cleaner> make_cleaner(const std::string& stage, Options options);
std::unique_ptr<Writer> make_writer(const std::string& stage);

// The declared defaults with some values replaced.
Options options_with(const std::string& stage, const std::map<std::string, OptionValue>& overrides);

// Every .html page under `shared`/corpus, sorted, for tests that run over all of them.
std::vector<std::filesystem::path> corpus_html_pages(const std::filesystem::path& shared);
// The file at `path` read by `reader`, with the path as the input's source.
Document read_with(Reader& reader, const std::filesystem::path& path);

// An empty directory under the system temp dir, named for the process and the running
// test so that tests run in parallel do not share it.
std::filesystem::path fresh_dir(const std::string& prefix);

// Reads a whole file; throws when it cannot.
std::string read_file(const std::filesystem::path& path);

// Runs a command through /bin/sh, returning exit status and captured stdout+stderr.
struct CommandResult {
  int status = -1;
  std::string output;
};
CommandResult run_command(const std::string& command);

}  // namespace clearpage::testkit

// Skips the test when ../shared is missing, and fails it under CI=true.
#define CLEARPAGE_REQUIRE_SHARED(var)                                                    \
  const std::filesystem::path var = ::clearpage::testkit::shared_dir();                  \
  if (var.empty()) {                                                                     \
    const char* ci = std::getenv("CI");                                                  \
    if (ci && std::string(ci) == "true") FAIL() << "../shared is missing under CI=true"; \
    GTEST_SKIP() << "../shared is missing; skipping";                                    \
  }
