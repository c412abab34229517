#include <boost/program_options.hpp>
#include <iostream>

#include "clearpage/core/job_config.hpp"
#include "clearpage/engine.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace po = boost::program_options;

int validate_command(const Args& args) {
  po::options_description options(
      "clearpage validate JOB.toml... [--plugin-dir DIR] | clearpage validate --print-default");
  options.add_options()("help,h", "show this help")(
      "print-default", "print the built-in default job (what `run` uses without --config)")(
      "plugin-dir", po::value<std::vector<std::string>>()->composing(),
      "extra directory to load plugins from")("job", po::value<std::vector<std::string>>(),
                                              "job files");
  add_output_confinement_option(options);
  po::positional_options_description positional;
  positional.add("job", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage validate: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("print-default")) {
    std::cout << engine::default_job_toml();
    return kExitOk;
  }
  if (vm.count("help") || !vm.count("job")) {
    (vm.count("help") ? std::cout : std::cerr) << options;
    return vm.count("help") ? kExitOk : kExitUsage;
  }
  core::PluginHost host;
  load_plugins(host,
               vm.count("plugin-dir") ? vm["plugin-dir"].as<std::vector<std::string>>()
                                      : std::vector<std::string>{},
               false);
  int result = kExitOk;
  for (const auto& path : vm["job"].as<std::vector<std::string>>()) {
    try {
      const core::JobConfig job = core::load_job_file(path, host);
      if (check_output_paths(vm, host, job) != kExitOk) {
        result = kExitInvalidJob;
        continue;
      }
      std::cout << path << ": ok (" << job.stages.size() << " stages)\n";
    } catch (const core::ConfigError& e) {
      for (const auto& message : e.messages()) std::cerr << message << "\n";
      result = kExitInvalidJob;
    }
  }
  return result;
}

}  // namespace clearpage::cli
