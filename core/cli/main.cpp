// clearpage: run | validate | plugins, and --version.
#include <iostream>
#include <map>
#include <string>

#include "clearpage/version.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace {

constexpr const char* kUsage =
    "usage: clearpage <command> [options]\n"
    "\n"
    "commands:\n"
    "  run       run a job:            clearpage run --config JOB.toml [--output FILE] [--threads "
    "N] "
    "[INPUT...]\n"
    "  validate  check job files:      clearpage validate JOB.toml...\n"
    "  plugins   list plugins/options: clearpage plugins [--plugin-dir DIR]\n"
    "  inspect   explain one input:    clearpage inspect --config JOB.toml INPUT [--json]\n"
    "  search    search a database:    clearpage search DB QUERY [--limit N] [--json]\n"
    "  sites     list site profiles:   clearpage sites [--profiles DIR] [--json]\n"
    "  eval      score output vs gold: clearpage eval --gold PATH [--format F] [--json] "
    "[--details] [--min-f1 X] OUTPUT.jsonl\n"
    "\n"
    "  clearpage <command> --help   shows a command's options\n"
    "  clearpage --version\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace clearpage::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  if (command == "--version" || command == "version") {
    std::cout << "clearpage " << CLEARPAGE_VERSION_STRING << " (plugin API "
              << CLEARPAGE_API_VERSION << ", ABI " << CLEARPAGE_ABI_TAG << ")\n";
    return kExitOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  const std::map<std::string, int (*)(const Args&)> commands = {
      {"run", run_command},         {"validate", validate_command}, {"plugins", plugins_command},
      {"inspect", inspect_command}, {"search", search_command},     {"eval", eval_command},
      {"sites", sites_command},
  };
  auto it = commands.find(command);
  if (it == commands.end()) {
    std::cerr << "clearpage: unknown command '" << command << "'\n\n" << kUsage;
    return kExitUsage;
  }
  const Args args(argv + 2, argv + argc);
  try {
    return it->second(args);
  } catch (const std::exception& e) {
    std::cerr << "clearpage " << command << ": " << e.what() << "\n";
    return kExitInputErrors;
  }
}
