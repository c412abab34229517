#include <boost/program_options.hpp>
#include <iomanip>
#include <iostream>

#include "clearpage/core/plugin_host.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace po = boost::program_options;

int plugins_command(const Args& args) {
  po::options_description options("clearpage plugins [--plugin-dir DIR]...");
  options.add_options()("help,h", "show this help")(
      "plugin-dir", po::value<std::vector<std::string>>()->composing(),
      "extra directory to load plugins from (repeatable)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage plugins: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  const auto dirs = vm.count("plugin-dir") ? vm["plugin-dir"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{};
  core::PluginHost host;
  load_plugins(host, dirs, true);

  for (const auto& plugin : host.plugins()) {
    std::cout << "plugin " << plugin.name << " " << plugin.version << "  (" << plugin.path.string()
              << ")\n";
    for (const auto& stage_name : plugin.stages) {
      const auto& info = host.find_stage(stage_name)->info;
      std::cout << "  " << info.name << " [" << to_string(info.kind) << "]  " << info.description
                << "\n";
      for (const auto& option : info.options) {
        std::cout << "      " << std::left << std::setw(22) << option.name << std::setw(12)
                  << to_string(option.type)
                  << (option.required ? "required"
                                      : "default " + describe_value(option.default_value))
                  << "\n        " << option.help << "\n";
      }
    }
  }
  if (host.plugins().empty()) {
    std::cerr << "clearpage plugins: no plugins found\n";
    return kExitPluginError;
  }
  return kExitOk;
}

}  // namespace clearpage::cli
