#include <iostream>

#include "clearpage/core/logging.hpp"
#include "commands.hpp"

namespace clearpage::cli {

void load_plugins(core::PluginHost& host, const std::vector<std::string>& plugin_dirs,
                  bool print_refusals) {
  for (const auto& dir : core::PluginHost::search_path(plugin_dirs)) {
    for (const auto& refusal : host.load_directory(dir)) {
      if (print_refusals) std::cerr << "clearpage: warning: " << refusal << "\n";
    }
  }
}

}  // namespace clearpage::cli
