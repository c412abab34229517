// One function per subcommand; each gets the arguments after its name.
#pragma once

#include <string>
#include <vector>

#include "clearpage/core/plugin_host.hpp"

namespace clearpage::cli {

using Args = std::vector<std::string>;

int run_command(const Args& args);
int validate_command(const Args& args);
int plugins_command(const Args& args);
int inspect_command(const Args& args);
int search_command(const Args& args);
int eval_command(const Args& args);

// Loads plugins from the search path; prints refusals as warnings.
void load_plugins(core::PluginHost& host, const std::vector<std::string>& plugin_dirs,
                  bool print_refusals);

}  // namespace clearpage::cli
