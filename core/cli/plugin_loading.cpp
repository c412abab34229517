#include <filesystem>
#include <iostream>

#include "clearpage/core/logging.hpp"
#include "clearpage/engine.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

void load_plugins(core::PluginHost& host, const std::vector<std::string>& plugin_dirs,
                  bool print_refusals) {
  for (const auto& dir : core::PluginHost::search_path(plugin_dirs)) {
    for (const auto& refusal : host.load_directory(dir)) {
      if (print_refusals) std::cerr << "clearpage: warning: " << refusal << "\n";
    }
  }
}

void add_job_options(po::options_description& options) {
  options.add_options()("config,c", po::value<std::string>(),
                        "the job file (TOML); without it, the built-in default job")(
      "plugin-dir", po::value<std::vector<std::string>>()->composing(),
      "extra directory to load plugins from (repeatable)")(
      "log-level", po::value<std::string>()->default_value("warn"),
      "trace, debug, info, warn, error or off");
}

namespace {

// Loads the plugins through `load`, then the job file, or without --config the
// built-in default job (`clearpage validate --print-default`).
template <typename LoadPlugins>
int load_job_with(const std::string& command, const po::variables_map& vm, const LoadPlugins& load,
                  core::JobConfig& job) {
  core::set_log_level(vm["log-level"].as<std::string>());
  const core::PluginHost& host =
      load(vm.count("plugin-dir") ? vm["plugin-dir"].as<std::vector<std::string>>()
                                  : std::vector<std::string>{});
  if (host.stages().empty()) {
    std::cerr << "clearpage " << command << ": no plugin could be loaded\n";
    return kExitPluginError;
  }
  try {
    job = vm.count("config") ? core::load_job_file(vm["config"].as<std::string>(), host)
                             : core::parse_job(std::string(engine::default_job_toml()),
                                               std::string(engine::kDefaultJobName), host);
  } catch (const core::ConfigError& e) {
    for (const auto& message : e.messages()) std::cerr << message << "\n";
    return kExitInvalidJob;
  }
  return kExitOk;
}

}  // namespace

int load_job(const std::string& command, const po::variables_map& vm, core::PluginHost& host,
             core::JobConfig& job) {
  return load_job_with(
      command, vm,
      [&](const std::vector<std::string>& dirs) -> const core::PluginHost& {
        load_plugins(host, dirs, true);
        return host;
      },
      job);
}

int load_job(const std::string& command, const po::variables_map& vm,
             std::shared_ptr<const core::PluginHost>& host, core::JobConfig& job) {
  return load_job_with(
      command, vm,
      [&](const std::vector<std::string>& dirs) -> const core::PluginHost& {
        std::vector<std::string> refusals;
        host = engine::plugin_host(dirs, &refusals);
        for (const auto& refusal : refusals) std::cerr << "clearpage: warning: " << refusal << "\n";
        return *host;
      },
      job);
}

void add_output_confinement_option(po::options_description& options) {
  options.add_options()("allow-any-output",
                        "let the job file write outside the directory clearpage runs in");
}

int check_output_paths(const po::variables_map& vm, const core::PluginHost& host,
                       const core::JobConfig& job) {
  if (vm.count("allow-any-output")) return kExitOk;
  const auto escapes = core::output_path_escapes(job, host, std::filesystem::current_path());
  for (const auto& message : escapes) std::cerr << message << "\n";
  return escapes.empty() ? kExitOk : kExitInvalidJob;
}

}  // namespace clearpage::cli
