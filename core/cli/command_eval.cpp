#include <boost/program_options.hpp>
#include <iostream>

#include "clearpage/eval/gold.hpp"
#include "clearpage/eval/report.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace po = boost::program_options;

int eval_command(const Args& args) {
  po::options_description options(
      "clearpage eval --gold PATH [--format seeds|magic-html|aeb|wcxb] [--json] [--details] "
      "[--min-f1 X] OUTPUT.jsonl");
  options.add_options()("help,h", "show this help")(
      "gold,g", po::value<std::string>(),
      "gold data: a seeds directory, a magic-html directory, or an aeb or wcxb "
      "ground-truth.json")("format,f", po::value<std::string>(),
                           "force the gold format: seeds, magic-html, aeb or wcxb")(
      "json", "print the report as JSON")("details,d", "add one line per document, worst F1 first")(
      "min-f1", po::value<double>(), "exit with 6 when body F1 is below this")(
      "output", po::value<std::vector<std::string>>(), "the run's JSONL output");
  po::positional_options_description positional;
  positional.add("output", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage eval: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  if (!vm.count("gold")) {
    std::cerr << "clearpage eval: --gold is required\n" << options;
    return kExitUsage;
  }
  const auto outputs =
      vm.count("output") ? vm["output"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (outputs.size() != 1) {
    std::cerr << "clearpage eval: give exactly one OUTPUT.jsonl\n" << options;
    return kExitUsage;
  }
  std::optional<eval::GoldFormat> format;
  if (vm.count("format")) {
    try {
      format = eval::parse_gold_format(vm["format"].as<std::string>());
    } catch (const std::exception& e) {
      std::cerr << "clearpage eval: " << e.what() << "\n";
      return kExitUsage;
    }
  }

  const eval::GoldSet gold = eval::load_gold(vm["gold"].as<std::string>(), format);
  eval::Report report = eval::evaluate(gold, eval::read_output(outputs.front()));
  report.output_path = outputs.front();
  const bool details = vm.count("details") > 0;
  if (vm.count("json")) {
    std::cout << eval::report_to_json(report, details).dump(2) << "\n";
  } else {
    std::cout << eval::render_text(report, details);
  }
  if (vm.count("min-f1")) {
    const double min_f1 = vm["min-f1"].as<double>();
    if (report.body.f1 < min_f1) {
      std::cerr << "clearpage eval: body F1 " << report.body.f1 << " is below --min-f1 " << min_f1
                << "\n";
      return kExitEvalFailed;
    }
  }
  return kExitOk;
}

}  // namespace clearpage::cli
