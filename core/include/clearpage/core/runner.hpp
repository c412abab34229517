// Runs a job: lazy inputs, a worker pool, output in input order, and a summary.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "clearpage/core/job_config.hpp"
#include "clearpage/core/plugin_host.hpp"

namespace clearpage::core {

struct RunSummary {
  std::size_t inputs = 0;
  std::size_t written = 0;  // good documents written
  std::size_t errors = 0;   // error records written (or dropped under on_error=skip: see skipped)
  std::size_t skipped = 0;  // failed inputs not written because on_error = "skip"
  double elapsed_seconds = 0;
  bool aborted = false;
  std::string abort_reason;
  std::map<std::string, std::size_t> errors_by_plugin;

  // One line for stderr.
  std::string line() const;
};

// Output is written in input order whatever the thread count.
RunSummary run_job(const JobConfig& job, const PluginHost& host);

}  // namespace clearpage::core
