// What a run needs to know of its outputs before it starts: whether an earlier run left
// one, which ids it committed (--resume), and where an interrupted run left its state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "clearpage/core/job_config.hpp"

namespace clearpage::core {

// One writer of a job and the path it writes.
struct WriterOutput {
  std::string plugin;
  std::string path;  // "-" for stdout
};
std::vector<WriterOutput> writer_outputs(const JobConfig& job);

// True when the path holds what an earlier run wrote: a file, or Markdown files in a
// directory. Outputs of writers the runner cannot read back are never "earlier".
bool has_earlier_output(const WriterOutput& output);

// The ids an output holds, or none when the runner cannot read this writer's output
// back (then it does not narrow what --resume skips). JSONL: the "id" of each complete
// line; SQLite: the documents table; Markdown: the writer's id log.
std::optional<std::unordered_set<std::string>> committed_ids(const WriterOutput& output);

// A JSONL writer killed before its commit leaves PATH.partial-PID. When that process is
// gone, the complete lines of the file whose ids PATH lacks are added to PATH (atomically)
// and the file is removed. Returns the files used.
std::vector<std::string> salvage_partials(const std::string& path);

// Where an interrupted run leaves its state: PATH.resume.json.
std::string resume_state_path(const std::string& output);

// Problems that would fail a run only after work: an output path that is a directory
// for a file writer, a directory that cannot be written, too little free space.
std::vector<std::string> check_output_space(const JobConfig& job, std::uint64_t min_free_bytes);

}  // namespace clearpage::core
