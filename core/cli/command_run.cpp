#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/interrupt.hpp"
#include "clearpage/core/resume.hpp"
#include "clearpage/core/runner.hpp"
#include "clearpage/engine.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace {

constexpr const char* kExitCodesHelp =
    "exit codes:\n"
    "  0    every input done\n"
    "  1    some inputs became error records (or were skipped, or on_error = \"abort\" "
    "stopped the run)\n"
    "  2    usage or job file error, a missing input, a glob matching nothing, or an output\n"
    "       that cannot be written or is left from an earlier run; found before any work\n"
    "  5    an output failed while the run wrote it\n"
    "  130  interrupted by SIGINT, 143 by SIGTERM: the output holds what was done; run the\n"
    "       same command with --resume to continue\n";

// The command as a shell would take it back, without --resume and --force.
std::string command_line(const Args& args) {
  std::string out = "clearpage run";
  for (const auto& arg : args) {
    if (arg == "--resume" || arg == "--force") continue;
    const bool plain = !arg.empty() && arg.find_first_not_of(
                                           "abcdefghijklmnopqrstuvwxyz"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                           "0123456789-_./=:,@%+") == std::string::npos;
    if (plain) {
      out += " " + arg;
      continue;
    }
    std::string quoted = "'";
    for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += " " + quoted + "'";
  }
  return out;
}

}  // namespace

int run_command(const Args& args) {
  // First: a signal during start-up must also end in a clean stop, not a default kill.
  core::install_stop_handlers();
  po::options_description options(
      "clearpage run [--config JOB.toml] [--output FILE] [--threads N] [INPUT...]");
  options.add_options()("help,h", "show this help");
  add_job_options(options);
  options.add_options()("output,o", po::value<std::string>(),
                        "output file; overrides the job's output; - for stdout")(
      "threads,j", po::value<int>(), "worker threads; 0 = all cores; overrides the job's threads")(
      "quiet,q", "print no summary line and no progress")(
      "resume", "continue an earlier run into the same outputs: skip inputs already there")(
      "force", "replace outputs an earlier run left (without it, or --resume, run refuses them)")(
      "id", po::value<std::string>(),
      "document ids: auto (default; path below the walked directory, record id or URI), "
      "path, url or sha1 (of the input's bytes); overrides the job's id")(
      "include", po::value<std::vector<std::string>>()->composing(),
      "glob a directory walk takes (repeatable); replaces the default extensions and the "
      "job's include")("exclude", po::value<std::vector<std::string>>()->composing(),
                       "glob a directory walk leaves (repeatable); adds to the job's exclude")(
      "stdin-format", po::value<std::string>(),
      "raw, jsonl or warc: how input - is read; jsonl and warc stream record by record; "
      "without inputs, reads stdin")("progress", po::value<std::string>()->default_value("auto"),
                                     "auto (a bar on a terminal, else lines), bar, lines, json "
                                     "or none; on stderr")(
      "progress-interval", po::value<double>()->default_value(10),
      "seconds between progress lines off a terminal")(
      "min-free-mb", po::value<std::uint64_t>()->default_value(64),
      "refuse to start with less free space than this where the outputs go")(
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
    std::cerr << "clearpage run: " << e.what() << "\n" << options << "\n" << kExitCodesHelp;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options << "\n" << kExitCodesHelp;
    return kExitOk;
  }
  // Plugins and job come through the in-process API.
  std::shared_ptr<const core::PluginHost> host;
  core::JobConfig job;
  if (const int code = load_job("run", vm, host, job); code != kExitOk) return code;
  if (vm.count("input")) job.inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("stdin-format")) {
    const std::string format = vm["stdin-format"].as<std::string>();
    if (format != "raw" && format != "jsonl" && format != "warc") {
      std::cerr << "clearpage run: --stdin-format must be raw, jsonl or warc\n";
      return kExitUsage;
    }
    job.stdin_format = format;
    if (!vm.count("input")) job.inputs = {"-"};
  }
  if (vm.count("output")) {
    // Given on the command line, so the confinement of job-file paths does not apply.
    job.output = vm["output"].as<std::string>();
    job.output_where = {};
  }
  if (vm.count("id")) job.id_scheme = vm["id"].as<std::string>();
  try {
    core::parse_id_scheme(job.id_scheme);
  } catch (const std::invalid_argument& e) {
    std::cerr << "clearpage run: --id: " << e.what() << "\n";
    return kExitUsage;
  }
  if (vm.count("include")) job.include = vm["include"].as<std::vector<std::string>>();
  if (vm.count("exclude")) {
    for (const auto& glob : vm["exclude"].as<std::vector<std::string>>()) {
      job.exclude.push_back(glob);
    }
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
  // A missing input or an empty glob is a mistake to hear of now, not in a record later.
  if (const auto problems = core::check_input_specs(job.inputs); !problems.empty()) {
    for (const auto& problem : problems) std::cerr << "clearpage run: " << problem << "\n";
    return kExitUsage;
  }

  core::RunOptions run_options;
  const std::string progress = vm["progress"].as<std::string>();
  if (vm.count("quiet") || progress == "none") {
    run_options.progress = core::ProgressMode::kNone;
  } else if (progress == "bar" || (progress == "auto" && ::isatty(STDERR_FILENO))) {
    run_options.progress = core::ProgressMode::kBar;
  } else if (progress == "lines" || progress == "auto") {
    run_options.progress = core::ProgressMode::kLines;
  } else if (progress == "json") {
    run_options.progress = core::ProgressMode::kJson;
  } else {
    std::cerr << "clearpage run: --progress must be auto, bar, lines, json or none\n";
    return kExitUsage;
  }
  run_options.progress_interval = std::max(0.1, vm["progress-interval"].as<double>());
  run_options.resume = vm.count("resume") > 0;
  run_options.force = vm.count("force") > 0;
  run_options.min_free_bytes = vm["min-free-mb"].as<std::uint64_t>() << 20;
  run_options.command_line = command_line(args);

  core::RunSummary summary;
  try {
    summary = core::run_job(job, *host, run_options);
  } catch (const core::RunRefused& e) {
    for (const auto& problem : e.problems()) std::cerr << "clearpage run: " << problem << "\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "clearpage run: " << e.what() << "\n";
    return kExitOutputError;
  }
  if (!vm.count("quiet")) std::cerr << summary.line() << "\n";
  if (summary.interrupted_by) {
    std::string where;
    bool to_files = false;
    for (const auto& output : core::writer_outputs(job)) {
      where += (where.empty() ? "" : ", ") + output.path;
      if (output.path != "-") {
        where += " (state in " + core::resume_state_path(output.path) + ")";
        to_files = true;
      }
    }
    std::cerr << "clearpage: stopped; " << summary.inputs << " inputs are in " << where << "\n";
    if (to_files) {
      std::cerr << "clearpage: continue with: " << run_options.command_line << " --resume\n";
    }
  }
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
  int code = kExitOk;
  if (summary.interrupted_by) {
    code = kExitInterrupted + summary.interrupted_by;
  } else if (summary.aborted || summary.errors + summary.skipped > summary.resumed) {
    code = kExitInputErrors;
  }
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
