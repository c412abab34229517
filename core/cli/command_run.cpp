#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "clearpage/core/runner.hpp"
#include "clearpage/engine.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

int run_command(const Args& args) {
  po::options_description options(
      "clearpage run --config JOB.toml [--output FILE] [--threads N] [INPUT...]");
  options.add_options()("help,h", "show this help");
  add_job_options(options);
  options.add_options()("output,o", po::value<std::string>(),
                        "output file; overrides the job's output")(
      "threads,j", po::value<int>(), "worker threads; 0 = all cores; overrides the job's threads")(
      "quiet,q", "print no summary line and no progress")(
      "resume", "skip inputs whose id is already in the output file, and append the rest")(
      "report", po::value<std::string>(),
      "write the run report (JSON: accounting, errors by plugin and stage, examples) to "
      "FILE; - for stdout")("input", po::value<std::vector<std::string>>(),
                            "inputs; override the job's inputs");
  options.add_options()("report-html", po::value<std::string>(),
                        "also write the HTML review report (the report writer) into DIR");
  add_output_confinement_option(options);
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage run: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  // Plugins, job and workers' stage chains come through the in-process API.
  std::shared_ptr<const core::PluginHost> host;
  core::JobConfig job;
  if (const int code = load_job("run", vm, options, host, job); code != kExitOk) return code;
  if (vm.count("input")) job.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("output")) {
    // Given on the command line, so the confinement of job-file paths does not apply.
    job.output = vm["output"].as<std::string>();
    job.output_where = {};
  }
  if (const int code = check_output_paths(vm, *host, job); code != kExitOk) return code;
  if (vm.count("report-html")) {
    const core::RegisteredStage* report = host->find_stage("report");
    if (!report) {
      std::cerr << "clearpage run: --report-html needs the report plugin, which is not loaded\n";
      return kExitPluginError;
    }
    auto values = default_options(report->info.options).values();
    values["path"] = vm["report-html"].as<std::string>();
    core::StageConfig stage;
    stage.plugin = "report";
    stage.kind = StageKind::kWriter;
    stage.options = Options(std::move(values));
    job.stages.push_back(std::move(stage));
  }
  if (vm.count("threads")) {
    const int threads = vm["threads"].as<int>();
    if (threads < 0) {
      std::cerr << "clearpage run: --threads must be 0 or more\n";
      return kExitUsage;
    }
    job.threads = threads;
  }
  if (job.inputs.empty()) {
    std::cerr << "clearpage run: no inputs: give them in [job] inputs or on the command line\n";
    return kExitUsage;
  }
  if (job.output.empty()) {
    std::cerr << "clearpage run: no output: give it in [job] output or with --output\n";
    return kExitUsage;
  }

  core::RunSummary summary;
  try {
    core::RunOptions run_options;
    run_options.progress = !vm.count("quiet") && ::isatty(STDERR_FILENO);
    run_options.resume = vm.count("resume") > 0;
    run_options.make_pipeline = engine::make_worker;
    summary = core::run_job(job, *host, run_options);
  } catch (const std::exception& e) {
    std::cerr << "clearpage run: " << e.what() << "\n";
    return kExitOutputError;
  }
  if (!vm.count("quiet")) std::cerr << summary.line() << "\n";
  if (vm.count("report")) {
    const std::string path = vm["report"].as<std::string>();
    bool written = false;
    if (path == "-") {
      std::cout << summary.report_json() << std::flush;
      written = static_cast<bool>(std::cout);
    } else {
      std::ofstream report(path, std::ios::binary | std::ios::trunc);
      report << summary.report_json();
      report.close();
      written = static_cast<bool>(report);
    }
    if (!written) {
      std::cerr << "clearpage run: cannot write the report to " << path << "\n";
      return kExitOutputError;
    }
  }
  const int code = summary.aborted ? kExitAborted : kExitOk;
  if (summary.abandoned_workers > 0) {
    // A thread still runs plugin code: unloading the plugins at exit would pull it from
    // under it. The output is committed already.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(code);
  }
  return code;
}

}  // namespace clearpage::cli
