// Finds, checks and loads plugin libraries, and keeps the stages they register.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/plugin.hpp"

namespace clearpage::core {

class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LoadedPlugin {
  std::filesystem::path path;
  std::string name;
  std::string version;
  std::vector<std::string> stages;
};

struct RegisteredStage {
  StageInfo info;
  std::string plugin;  // the library's plugin name
  ReaderFactory reader;
  CleanerFactory cleaner;
  WriterFactory writer;
};

// Reads the info record straight from the file, without loading it, so that a
// mismatched plugin is refused before any of its code runs.
clearpage_plugin_info read_plugin_info(const std::filesystem::path& path);

// The record this host expects; tests compare against it.
clearpage_plugin_info host_plugin_info();

class PluginHost {
 public:
  PluginHost();
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every plugin library in the directory; returns the refusals as messages
  // (one per file) instead of throwing, so one bad file does not hide the others.
  std::vector<std::string> load_directory(const std::filesystem::path& dir);
  // Throws PluginLoadError naming the file and the reason.
  void load_file(const std::filesystem::path& path);

  const RegisteredStage* find_stage(const std::string& name) const;
  const std::map<std::string, RegisteredStage>& stages() const { return stages_; }
  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }

  // The built-in plugin directory: <exe dir>/../lib/clearpage/plugins.
  static std::filesystem::path builtin_plugin_dir();
  // Built-in dir, then the given dirs, then CLEARPAGE_PLUGIN_PATH; never the working directory.
  static std::vector<std::filesystem::path> search_path(const std::vector<std::string>& extra_dirs);

 private:
  class HostRegistry;
  std::vector<LoadedPlugin> plugins_;
  std::map<std::string, RegisteredStage> stages_;
};

}  // namespace clearpage::core
