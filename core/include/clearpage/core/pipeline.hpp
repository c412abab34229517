// One worker's instance of the job's stage chain.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "clearpage/core/job_config.hpp"
#include "clearpage/core/plugin_host.hpp"
#include "clearpage/document.hpp"
#include "clearpage/stage.hpp"

namespace clearpage::core {

// Called after each stage that ran, for `inspect`.
using StageObserver = std::function<void(const std::string& stage, const Document& doc)>;

class Pipeline {
 public:
  Pipeline(const JobConfig& job, const PluginHost& host);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Never throws for a bad input: failures land in Document::errors, naming the
  // plugin, the stage and the message. The job's per-document time and memory limits
  // apply from the start of the call.
  Document process(const Input& input, const StageObserver& observer = {});

  // The plugin and stage running now ({} between them); safe to call from another thread.
  struct StageName {
    std::string plugin;
    std::string stage;
  };
  StageName running() const;

 private:
  struct ReaderSlot;
  struct CleanerStep;
  Document run_stages(const Input& input, const StageObserver& observer);
  std::atomic<const StageName*> running_{nullptr};
  std::vector<ReaderSlot> readers_;
  std::vector<CleanerStep> steps_;
  std::int64_t time_limit_ms_ = 0;
  std::uint64_t memory_limit_bytes_ = 0;
};

// A rough count of the heap bytes a document's blocks, repairs and metadata hold.
std::uint64_t document_bytes(const Document& doc);

// The writers of a job, opened on their outputs.
class WriterSet {
 public:
  WriterSet(const JobConfig& job, const PluginHost& host, const std::string& output);
  ~WriterSet();
  void write(const Document& doc);
  void close();
  // Resumed: the ids writer `index` (in stage order) holds already; it is not given
  // them again, so an output that cannot replace a record gets none twice.
  void skip_ids(std::size_t index, std::unordered_set<std::string> ids);

 private:
  struct Slot;
  std::vector<Slot> writers_;
};

}  // namespace clearpage::core
