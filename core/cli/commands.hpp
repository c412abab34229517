// One function per subcommand; each gets the arguments after its name.
#pragma once

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "clearpage/core/job_config.hpp"
#include "clearpage/core/plugin_host.hpp"

namespace clearpage::cli {

using Args = std::vector<std::string>;
namespace po = boost::program_options;

int run_command(const Args& args);
int validate_command(const Args& args);
int plugins_command(const Args& args);
int inspect_command(const Args& args);
int search_command(const Args& args);
int eval_command(const Args& args);
int sites_command(const Args& args);

// Loads plugins from the search path; prints refusals as warnings.
void load_plugins(core::PluginHost& host, const std::vector<std::string>& plugin_dirs,
                  bool print_refusals);

// --config, --plugin-dir and --log-level: how every command that runs a job finds it.
void add_job_options(po::options_description& options);
// Sets the log level, loads the plugins and then the job named by --config. Returns
// kExitOk, or the exit code after printing why it failed.
int load_job(const std::string& command, const po::variables_map& vm, core::PluginHost& host,
             core::JobConfig& job);
// The same through the in-process API (clearpage/engine.hpp): the plugins are the
// process-wide ones that every clearpage::Pipeline shares.
int load_job(const std::string& command, const po::variables_map& vm,
             std::shared_ptr<const core::PluginHost>& host, core::JobConfig& job);

// --allow-any-output: lets a job file name outputs outside the job's output directory.
void add_output_confinement_option(po::options_description& options);
// Prints each output path the job file names outside the directory clearpage runs in,
// unless --allow-any-output was given. Returns kExitOk or kExitInvalidJob.
int check_output_paths(const po::variables_map& vm, const core::PluginHost& host,
                       const core::JobConfig& job);

}  // namespace clearpage::cli
