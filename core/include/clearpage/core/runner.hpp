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
  // Inputs not written: failed ones under on_error = "skip", plus `resumed`.
  std::size_t skipped = 0;
  std::size_t resumed = 0;        // inputs whose id was already in the output (--resume)
  std::size_t not_documents = 0;  // WARC records that are not documents; not inputs
  std::uint64_t input_bytes = 0;  // document bytes read (inflated)
  double elapsed_seconds = 0;
  bool aborted = false;
  std::string abort_reason;
  std::map<std::string, std::size_t> errors_by_plugin;

  // One line for stderr.
  std::string line() const;
};

struct RunOptions {
  bool progress = false;  // a live progress line on stderr
  // Skip inputs whose id is already in the output file and append to it.
  bool resume = false;
};

// Output is written in input order whatever the thread count.
RunSummary run_job(const JobConfig& job, const PluginHost& host, const RunOptions& options = {});

// The ids of the records in a JSONL output file (empty when it does not exist).
std::vector<std::string> read_output_ids(const std::string& path);

}  // namespace clearpage::core
