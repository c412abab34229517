// The API's host side, for the CLI and the runner (not installed): the process-wide
// plugin host and jobs built from files or text.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/core/job_config.hpp"
#include "clearpage/core/plugin_host.hpp"

namespace clearpage::engine {

// Plugins from the search path (built-in dir, `extra_dirs`, CLEARPAGE_PLUGIN_PATH),
// loaded once per process and kept loaded: later calls with the same directories return
// the same host. The files refused on the first load are appended to `refusals`.
std::shared_ptr<const core::PluginHost> plugin_host(const std::vector<std::string>& extra_dirs,
                                                    std::vector<std::string>* refusals = nullptr);

// The built-in default job, as TOML text, and the name its errors carry.
std::string_view default_job_toml();
inline constexpr std::string_view kDefaultJobName = "<built-in default job>";

}  // namespace clearpage::engine
