#include "clearpage/engine.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <filesystem>
#include <map>
#include <mutex>

namespace clearpage::engine {

namespace fs = std::filesystem;

namespace {

// The CLI finds its plugins next to the executable; a program that loads the library
// (Python, say) finds them next to the library: <libdir>/clearpage/plugins.
std::vector<fs::path> plugin_dirs(const std::vector<std::string>& extra_dirs) {
  std::vector<fs::path> dirs = core::PluginHost::search_path(extra_dirs);
  const fs::path library(boost::dll::this_line_location().string());
  const fs::path beside = library.parent_path() / "clearpage" / "plugins";
  std::error_code ec;
  // In the CLI both name one directory, whose stages must not register twice.
  if (fs::is_directory(beside, ec) && !fs::equivalent(beside, dirs.front(), ec)) {
    dirs.insert(dirs.begin(), beside);
  }
  return dirs;
}

}  // namespace

std::shared_ptr<const core::PluginHost> plugin_host(const std::vector<std::string>& extra_dirs,
                                                    std::vector<std::string>* refusals) {
  // Never destroyed: plugin code may still run in threads at exit, and the stages'
  // factories must outlive every Pipeline.
  static auto* hosts = new std::map<std::vector<std::string>, std::shared_ptr<core::PluginHost>>;
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  auto& host = (*hosts)[extra_dirs];
  if (!host) {
    auto loaded = std::make_shared<core::PluginHost>();
    for (const auto& dir : plugin_dirs(extra_dirs)) {
      for (auto& refusal : loaded->load_directory(dir)) {
        if (refusals) refusals->push_back(std::move(refusal));
      }
    }
    host = std::move(loaded);
  }
  return host;
}

}  // namespace clearpage::engine
