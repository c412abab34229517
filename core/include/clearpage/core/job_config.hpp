// The TOML job file: [job] settings and an ordered [[stage]] array.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "clearpage/core/plugin_host.hpp"
#include "clearpage/options.hpp"

namespace clearpage::core {

struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string str() const;
};

// Every problem found in a job file, each as "file:line:column: message".
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

enum class OnError { kRecord, kSkip, kAbort };

struct StageConfig {
  std::string plugin;  // stage name as registered
  StageKind kind = StageKind::kCleaner;
  // Consecutive cleaners sharing a group are alternatives: the best probe runs.
  std::string group;
  // Runs only on documents whose format / layout is listed (empty: any).
  std::vector<std::string> when_format;
  std::vector<std::string> when_layout;
  Options options;
  SourceLocation where;
  // Where each option given in the file was set; defaults have no entry.
  std::map<std::string, SourceLocation> option_where;
};

struct JobConfig {
  std::string path;
  std::vector<std::string> inputs;
  std::string output;
  SourceLocation output_where;  // line 0: not from the job file (or overridden)
  int threads = 0;              // 0: all cores
  OnError on_error = OnError::kRecord;
  std::uint64_t max_input_bytes = 256ull << 20;
  // Per document; 0 turns a limit off. A document over either becomes an error record.
  std::int64_t doc_time_limit_ms = 60000;
  std::int64_t doc_memory_limit_mb = 1024;
  // Record inputs (JSONL, WARC) and stdin.
  std::string record_html_field = "html";
  std::string record_url_field = "url";
  std::string record_id_field = "id";
  std::string warc_id_header = "WARC-Record-ID";
  std::string stdin_format = "raw";  // raw, jsonl or warc
  // Globs a directory walk takes and leaves (empty include: the default extensions).
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::string id_scheme = "auto";  // auto, path, url or sha1 (docs/cli.md#document-ids)
  std::vector<StageConfig> stages;
};

// Parses and checks the file against the host's registered stages; throws
// ConfigError with every problem found.
JobConfig load_job_file(const std::string& path, const PluginHost& host);
JobConfig parse_job(const std::string& toml_text, const std::string& path, const PluginHost& host);

// The output paths the job file itself names (job.output, and writer options declared
// as output paths) must resolve inside output_dir, symbolic links included, so that a
// job file cannot write elsewhere. Returns one "file:line:column: ..." message for each
// path that escapes.
std::vector<std::string> output_path_escapes(const JobConfig& job, const PluginHost& host,
                                             const std::filesystem::path& output_dir);

}  // namespace clearpage::core
