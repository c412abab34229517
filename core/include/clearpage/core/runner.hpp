// Runs a job: lazy inputs, a worker pool, output in input order, and a summary.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/job_config.hpp"
#include "clearpage/core/plugin_host.hpp"
#include "clearpage/document.hpp"

namespace clearpage::core {

class Pipeline;

// One failed input, kept as an example in the run report.
struct ErrorExample {
  std::string id;
  std::string source;
  std::string stage;
  std::string message;
};

struct PluginErrors {
  std::size_t count = 0;                        // error entries naming the plugin
  std::map<std::string, std::size_t> by_stage;  // the same, by stage
  std::vector<ErrorExample> examples;           // the first few, in output order
};

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
  // Workers left running in a stage that never checked the time limit. Their threads
  // still run plugin code: the process must end without unloading the plugins.
  std::size_t abandoned_workers = 0;
  bool aborted = false;
  std::string abort_reason;
  int interrupted_by = 0;  // SIGINT or SIGTERM stopped the run: the output holds a prefix
  std::string walk_notes;  // what the directory walk left out (WalkNotes::line)
  // Failed documents' error entries (usually one each), including those skipped.
  std::map<std::string, PluginErrors> errors_by_plugin;

  // Counts a failed document's errors under their plugins and stages.
  void add_errors(const Document& doc);
  // Every input is counted exactly once.
  bool accounted() const { return inputs == written + errors + skipped; }
  // One line for stderr.
  std::string line() const;
  // The run report (`run --report`): counts, the invariant, errors by plugin and stage.
  std::string report_json() const;
};

enum class ProgressMode {
  kNone,
  kBar,    // a live line on a terminal: done/total, pages/s, ETA, errors
  kLines,  // one summary line every `progress_interval` seconds
  kJson,   // one JSON object a line, every `progress_interval` seconds
};

struct RunOptions {
  ProgressMode progress = ProgressMode::kNone;
  double progress_interval = 10;  // seconds, for kLines and kJson
  // Skip inputs whose id is already in every output, and append to the outputs.
  bool resume = false;
  // Replace outputs an earlier run left; without it (or resume) the run refuses them.
  bool force = false;
  std::uint64_t min_free_bytes = 64ull << 20;  // refused below this much free space
  // How the run was started, for the "continue with" hint after an interruption.
  std::string command_line;
};

// A run refused before reading any input (an output problem found up front).
class RunRefused : public std::runtime_error {
 public:
  explicit RunRefused(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// The per-document step, in one place: an input item in, its document out. Never
// throws; failures become error documents naming the input. `bytes_read` is the size
// of the input read.
Document process_input(const InputItem& item, Pipeline& pipeline, std::uint64_t max_bytes,
                       std::uint64_t& bytes_read);

// How the job's record fields, WARC header, id scheme and size limit apply to its inputs.
InputOptions input_options(const JobConfig& job);

// A failed input as its error record: the "clearpage" plugin's "input" stage.
Document error_document(const InputItem& item, const std::string& message);

// Keeps the few-hundred-kB buffers each document allocates in the heap instead of
// mmap (glibc only; once per process). run_job calls it; the bench's baseline does too,
// so that both run on the same allocator.
void tune_allocator();

// Output is written in input order whatever the thread count.
RunSummary run_job(const JobConfig& job, const PluginHost& host, const RunOptions& options = {});

}  // namespace clearpage::core
