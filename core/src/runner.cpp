#include "clearpage/core/runner.hpp"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <thread>
#include <unordered_set>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/interrupt.hpp"
#include "clearpage/core/logging.hpp"
#include "clearpage/core/pipeline.hpp"
#include "clearpage/core/resume.hpp"

namespace clearpage::core {

namespace {
std::string signal_name(int signal) {
  return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : std::to_string(signal);
}
}  // namespace

RunRefused::RunRefused(std::vector<std::string> problems)
    : std::runtime_error(problems.empty() ? "run refused" : problems.front()),
      problems_(std::move(problems)) {}

std::string RunSummary::line() const {
  char buf[256];
  std::snprintf(buf, sizeof buf, "clearpage: %zu inputs, %zu written, %zu errors, %zu skipped",
                inputs, written, errors, skipped);
  std::string out(buf);
  if (resumed > 0) out += " (" + std::to_string(resumed) + " resumed)";
  std::snprintf(buf, sizeof buf, ", %.2f s", elapsed_seconds);
  out += buf;
  if (not_documents > 0) {
    out += "; " + std::to_string(not_documents) + " WARC records were not documents";
  }
  if (abandoned_workers > 0) {
    out += "; " + std::to_string(abandoned_workers) + " worker threads abandoned in a stage";
  }
  if (!walk_notes.empty()) out += "; " + walk_notes;
  if (aborted) out += " (aborted: " + abort_reason + ")";
  if (interrupted_by) out += " (interrupted by " + signal_name(interrupted_by) + ")";
  return out;
}

namespace {
constexpr std::size_t kExamplesPerPlugin = 5;
}  // namespace

void RunSummary::add_errors(const Document& doc) {
  for (const auto& error : doc.errors) {
    PluginErrors& tally = errors_by_plugin[error.plugin];
    ++tally.count;
    ++tally.by_stage[error.stage];
    if (tally.examples.size() < kExamplesPerPlugin) {
      tally.examples.push_back({doc.id, doc.source, error.stage, error.message});
    }
  }
}

std::string RunSummary::report_json() const {
  using Json = nlohmann::ordered_json;
  Json report;
  report["inputs"] = inputs;
  report["written"] = written;
  report["errors"] = errors;
  report["skipped"] = skipped;
  report["resumed"] = resumed;
  report["accounted"] = accounted();
  report["not_documents"] = not_documents;
  report["input_bytes"] = input_bytes;
  report["elapsed_seconds"] = elapsed_seconds;
  report["abandoned_workers"] = abandoned_workers;
  report["aborted"] = aborted;
  if (aborted) report["abort_reason"] = abort_reason;
  report["interrupted"] = interrupted_by != 0;
  if (interrupted_by) report["signal"] = signal_name(interrupted_by);
  if (!walk_notes.empty()) report["walk_notes"] = walk_notes;
  Json by_plugin = Json::object();
  std::map<std::string, std::size_t> by_stage;
  for (const auto& [plugin, tally] : errors_by_plugin) {
    Json entry;
    entry["count"] = tally.count;
    entry["by_stage"] = tally.by_stage;
    entry["examples"] = Json::array();
    for (const auto& example : tally.examples) {
      entry["examples"].push_back({{"id", example.id},
                                   {"source", example.source},
                                   {"stage", example.stage},
                                   {"message", example.message}});
    }
    by_plugin[plugin] = std::move(entry);
    for (const auto& [stage, count] : tally.by_stage) by_stage[stage] += count;
  }
  report["errors_by_plugin"] = std::move(by_plugin);
  report["errors_by_stage"] = by_stage;
  // Ids and messages come from the input and may hold invalid UTF-8.
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

// A queue that blocks producers when full, so inputs are read no faster than used.
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  bool push(T value) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(value));
    not_empty_.notify_one();
    return true;
  }

  bool pop(T& value) {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    value = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return true;
  }

  // Producers are done; consumers drain what is left.
  void finish() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // Stop at once; queued items are dropped.
  void cancel() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    items_.clear();
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace

Document error_document(const InputItem& item, const std::string& message) {
  Document doc;
  doc.id = item.id;
  doc.source = item.source;
  doc.errors.push_back({"clearpage", "input", message});
  return doc;
}

Document process_input(const InputItem& item, Pipeline& pipeline, std::uint64_t max_bytes,
                       std::uint64_t& bytes_read) {
  if (!item.error.empty()) return error_document(item, item.error);
  try {
    // Bytes already in memory are used in place: a copy would double the peak.
    std::string loaded;
    std::string_view bytes;
    if (item.bytes) {
      if (item.bytes->size() > max_bytes) {
        throw std::runtime_error(item.source + ": input size " +
                                 std::to_string(item.bytes->size()) + " exceeds max_input_bytes (" +
                                 std::to_string(max_bytes) + ")");
      }
      bytes = *item.bytes;
    } else {
      loaded = load_input_bytes(item, max_bytes);
      bytes = loaded;
    }
    bytes_read = bytes.size();
    const Input input{item.id, item.source, item.url, item.http_charset, bytes};
    Document doc = pipeline.process(input);
    if (doc.failed()) {
      doc.id = item.id;
      doc.source = item.source;
    }
    return doc;
  } catch (const std::bad_alloc&) {
    return error_document(item, "out of memory while processing this input");
  } catch (const std::exception& e) {
    return error_document(item, e.what());
  }
}

namespace {

// One worker thread's state, shared with the thread: a worker the watchdog abandoned
// may return long after the run ended, and must then find all it touches still alive.
struct WorkerState {
  std::shared_ptr<const JobConfig> job;  // the pipeline points into its stages
  std::unique_ptr<Pipeline> pipeline;
  std::mutex mutex;  // guards what follows
  bool busy = false;
  bool abandoned = false;
  std::chrono::steady_clock::time_point started;
  std::size_t seq = 0;
  std::string id;
  std::string source;
};

// A stage that has run this long past the time limit is taken to check it never.
std::chrono::milliseconds abandon_after(std::int64_t time_limit_ms) {
  return std::chrono::milliseconds(2 * time_limit_ms + 1000);
}

constexpr std::size_t kPermitsPerThread = 4;
constexpr std::ptrdiff_t kMaxPermits = 1 << 16;

}  // namespace

InputOptions input_options(const JobConfig& job) {
  InputOptions options;
  options.html_field = job.record_html_field;
  options.url_field = job.record_url_field;
  options.id_field = job.record_id_field;
  options.warc_id_header = job.warc_id_header;
  options.max_record_bytes = job.max_input_bytes;
  if (job.stdin_format == "jsonl") options.stdin_format = RecordFormat::kJsonl;
  if (job.stdin_format == "warc") options.stdin_format = RecordFormat::kWarc;
  options.id_scheme = parse_id_scheme(job.id_scheme);
  options.include = job.include;
  options.exclude = job.exclude;
  return options;
}

namespace {

// Writers that can keep an existing output are told to, through their "append" option.
JobConfig with_append(const JobConfig& job, const PluginHost& host) {
  JobConfig out = job;
  for (auto& stage : out.stages) {
    if (stage.kind != StageKind::kWriter) continue;
    const RegisteredStage* registered = host.find_stage(stage.plugin);
    const bool can_append =
        registered && std::any_of(registered->info.options.begin(), registered->info.options.end(),
                                  [](const OptionSpec& spec) { return spec.name == "append"; });
    if (!can_append) {
      throw std::runtime_error("--resume: writer '" + stage.plugin +
                               "' cannot append to its output");
    }
    auto values = stage.options.values();
    values["append"] = true;
    stage.options = Options(std::move(values));
  }
  return out;
}

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

}  // namespace

// Each document allocates buffers of a few hundred kB (the inflated input, its decoded
// text, the page text, the element index). glibc serves blocks that size with mmap and
// unmaps them on free, so every document faulted its buffers in afresh: about 40 page
// faults a page on the aeb corpus. Kept in the heap, they are reused instead.
void tune_allocator() {
#ifdef __GLIBC__
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
  });
#endif
}

RunSummary run_job(const JobConfig& original_job, const PluginHost& host,
                   const RunOptions& options) {
  tune_allocator();
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;

  // What would fail the run late is checked before the first input is read.
  const std::vector<WriterOutput> outputs = writer_outputs(original_job);
  std::vector<std::string> problems = check_output_space(original_job, options.min_free_bytes);
  if (options.resume && options.force)
    problems.push_back("--resume and --force exclude each other");
  for (const auto& output : outputs) {
    if (options.resume && (output.path.empty() || output.path == "-")) {
      problems.push_back("--resume needs output files; writer '" + output.plugin +
                         "' writes to stdout");
    }
    if (options.resume || options.force || !has_earlier_output(output)) continue;
    std::error_code ec;
    const std::string state = resume_state_path(output.path);
    problems.push_back(output.path + ": " +
                       (std::filesystem::exists(state, ec)
                            ? "an interrupted run left this output (state in " + state + ")"
                            : std::string("an earlier run left this output")) +
                       "; --resume continues it, --force replaces it");
  }
  if (!problems.empty()) throw RunRefused(problems);

  // Resumed: an input is done when every output that can be read back holds its id.
  std::optional<std::unordered_set<std::string>> done_ids;
  std::vector<std::optional<std::unordered_set<std::string>>> held(outputs.size());
  if (options.resume) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      if (outputs[i].plugin == "jsonl") salvage_partials(outputs[i].path);
      held[i] = committed_ids(outputs[i]);
      if (!held[i]) continue;
      if (!done_ids) {
        done_ids = *held[i];
        continue;
      }
      for (auto it = done_ids->begin(); it != done_ids->end();) {
        it = held[i]->count(*it) ? std::next(it) : done_ids->erase(it);
      }
    }
    // What every output holds is skipped whole; the rest is kept per output.
    for (auto& ids : held) {
      if (!ids) continue;
      for (auto it = ids->begin(); it != ids->end();) {
        it = done_ids->count(*it) ? ids->erase(it) : std::next(it);
      }
    }
  }
  const auto shared_job = std::make_shared<const JobConfig>(
      options.resume ? with_append(original_job, host) : original_job);
  const JobConfig& job = *shared_job;

  std::size_t threads = job.threads > 0 ? static_cast<std::size_t>(job.threads)
                                        : std::max(1u, std::thread::hardware_concurrency());
  const auto new_worker_state = [&] {
    auto state = std::make_shared<WorkerState>();
    state->job = shared_job;
    state->pipeline = std::make_unique<Pipeline>(job, host);
    return state;
  };
  std::vector<std::shared_ptr<WorkerState>> initial_states;
  std::unique_ptr<WriterSet> writer_set;
  try {
    for (std::size_t i = 0; i < threads; ++i) initial_states.push_back(new_worker_state());
    writer_set = std::make_unique<WriterSet>(job, host, job.output);
    for (std::size_t i = 0; i < held.size(); ++i) {
      if (held[i] && !held[i]->empty()) writer_set->skip_ids(i, std::move(*held[i]));
    }
  } catch (const std::exception& e) {
    throw RunRefused({e.what()});
  }
  WriterSet& writers = *writer_set;

  // In-flight documents are bounded, so memory does not grow with the corpus.
  const std::size_t permits = threads * kPermitsPerThread;
  std::counting_semaphore<kMaxPermits> in_flight(static_cast<std::ptrdiff_t>(permits));
  BoundedQueue<InputItem> work(threads * 2);
  std::atomic<bool> stop{false};

  std::mutex done_mutex;
  std::condition_variable done_changed;
  std::map<std::size_t, std::pair<Document, std::uint64_t>> done;
  std::size_t total = 0;
  bool enumerated = false;
  std::atomic<std::size_t> resumed{0};
  std::atomic<std::size_t> not_documents{0};

  // Progress counters, read by the progress thread.
  std::atomic<std::size_t> progress_done{0};
  std::atomic<std::size_t> progress_errors{0};
  std::atomic<std::size_t> progress_total{0};  // 0 until every input is known
  std::atomic<std::uint64_t> progress_bytes{0};

  std::vector<std::filesystem::path> output_paths;
  for (const auto& output : outputs) output_paths.emplace_back(output.path);
  std::string walk_notes;
  std::atomic<bool> cut_short{false};  // the producer stopped for a signal, not at the end
  std::thread producer([&] {
    InputEnumerator inputs(job.inputs, output_paths, input_options(job));
    InputItem item;
    std::size_t count = 0;
    try {
      while (!stop) {
        if (stop_requested()) {
          cut_short = true;
          break;
        }
        in_flight.acquire();
        bool got = false;
        while (!stop && (got = inputs.next(item))) {
          if (!done_ids || !done_ids->count(item.id)) break;
          ++resumed;
        }
        // Asked to stop: the input just read is left for the resumed run.
        if (stop_requested()) cut_short = true;
        if (stop || !got || cut_short) break;
        item.seq = count++;
        if (!work.push(std::move(item))) break;
        item = InputItem{};
      }
    } catch (const std::exception& e) {
      // Enumeration itself failed (e.g. stdin unreadable): end the inputs here.
      InputItem failed;
      failed.seq = count++;
      failed.id = "inputs";
      failed.source = "inputs";
      failed.error = std::string("reading inputs failed: ") + e.what();
      work.push(std::move(failed));
    }
    not_documents = inputs.not_documents();
    walk_notes = inputs.notes().line();
    work.finish();
    std::lock_guard lock(done_mutex);
    total = count;
    enumerated = true;
    progress_total = count + resumed;
    done_changed.notify_all();
  });

  // Workers still counted on: not yet returned and not abandoned (guarded by done_mutex).
  std::size_t live_workers = 0;
  std::size_t abandoned_workers = 0;
  const auto start_worker = [&](std::shared_ptr<WorkerState> state) {
    {
      std::lock_guard lock(done_mutex);
      ++live_workers;
    }
    return std::thread([&, state] {
      InputItem item;
      while (work.pop(item)) {
        {
          std::lock_guard state_lock(state->mutex);
          state->busy = true;
          state->started = std::chrono::steady_clock::now();
          state->seq = item.seq;
          state->id = item.id;
          state->source = item.source;
        }
        std::uint64_t bytes = 0;
        Document doc = process_input(item, *state->pipeline, state->job->max_input_bytes, bytes);
        const std::size_t seq = item.seq;
        item = InputItem{};  // drop the bytes before waiting for more work
        std::lock_guard state_lock(state->mutex);
        // Abandoned: its input is recorded and the run may be over; touch nothing of it.
        if (state->abandoned) return;
        state->busy = false;
        std::lock_guard lock(done_mutex);
        done.emplace(seq, std::make_pair(std::move(doc), bytes));
        done_changed.notify_all();
      }
      std::lock_guard state_lock(state->mutex);
      if (state->abandoned) return;
      std::lock_guard lock(done_mutex);
      --live_workers;
      done_changed.notify_all();
    });
  };
  // Touched by this thread until the watchdog starts, then by the watchdog until it ends.
  std::vector<std::pair<std::thread, std::shared_ptr<WorkerState>>> workers;
  for (auto& state : initial_states) workers.emplace_back(start_worker(state), state);
  initial_states.clear();

  // A stage that never checks the time limit cannot be stopped: its input is recorded as
  // an error, its thread is left to run, and a new worker takes its place.
  std::mutex watchdog_mutex;
  std::condition_variable watchdog_wake;
  bool watchdog_over = false;
  std::thread watchdog;
  if (job.doc_time_limit_ms > 0) {
    watchdog = std::thread([&] {
      const auto limit = abandon_after(job.doc_time_limit_ms);
      std::unique_lock wait_lock(watchdog_mutex);
      while (!watchdog_wake.wait_for(wait_lock, std::chrono::milliseconds(100),
                                     [&] { return watchdog_over; })) {
        const std::size_t count = workers.size();
        for (std::size_t i = 0; i < count; ++i) {
          const std::shared_ptr<WorkerState> state = workers[i].second;
          Document failed;
          std::size_t seq = 0;
          {
            std::lock_guard state_lock(state->mutex);
            if (!state->busy || state->abandoned ||
                std::chrono::steady_clock::now() - state->started < limit) {
              continue;
            }
            state->abandoned = true;
            const Pipeline::StageName running = state->pipeline->running();
            failed.id = state->id;
            failed.source = state->source;
            failed.errors.push_back(
                {running.plugin.empty() ? "clearpage" : running.plugin,
                 running.stage.empty() ? "input" : running.stage,
                 "time limit exceeded: still running " + std::to_string(limit.count()) +
                     " ms after the start, past doc_time_limit_ms (" +
                     std::to_string(job.doc_time_limit_ms) +
                     " ms) without checking it; its worker thread was abandoned"});
            seq = state->seq;
          }
          {
            std::lock_guard lock(done_mutex);
            done.emplace(seq, std::make_pair(std::move(failed), std::uint64_t{0}));
            --live_workers;
            ++abandoned_workers;
            done_changed.notify_all();
          }
          if (stop) continue;
          try {
            auto replacement = new_worker_state();
            workers.emplace_back(start_worker(replacement), replacement);
          } catch (const std::exception& e) {
            make_logger("clearpage")
                ->error("no worker could replace an abandoned one: {}", e.what());
          }
        }
      }
    });
  }

  // The total, counted by a walk of its own that reads no file; unknown when the inputs
  // hold record files or stdin.
  std::atomic<bool> counter_over{false};
  std::thread counter;
  if (options.progress != ProgressMode::kNone) {
    counter = std::thread([&] {
      InputOptions count_options = input_options(job);
      count_options.count_only = true;
      count_options.id_scheme = IdScheme::kAuto;
      InputEnumerator inputs(job.inputs, output_paths, count_options);
      InputItem item;
      std::size_t count = 0;
      while (!counter_over && !stop_requested() && inputs.next(item)) ++count;
      if (!counter_over && inputs.counted_exactly()) progress_total = count;
    });
  }

  std::mutex progress_mutex;
  std::condition_variable progress_wake;
  bool progress_over = false;
  std::thread progress;
  if (options.progress != ProgressMode::kNone) {
    progress = std::thread([&] {
      const bool bar = options.progress == ProgressMode::kBar;
      const auto period =
          bar ? std::chrono::milliseconds(250)
              : std::chrono::milliseconds(static_cast<long>(options.progress_interval * 1000));
      std::unique_lock lock(progress_mutex);
      while (!progress_wake.wait_for(lock, period, [&] { return progress_over; })) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const std::size_t processed = progress_done;
        const std::size_t finished = processed + resumed;
        const std::size_t known = progress_total;
        const std::size_t errors = progress_errors;
        const double rate = elapsed > 0 ? processed / elapsed : 0;
        const double eta = known && rate > 0 ? (known - std::min(known, finished)) / rate : -1.0;
        if (options.progress == ProgressMode::kJson) {
          nlohmann::ordered_json line;
          line["done"] = finished;
          line["total"] = known ? nlohmann::ordered_json(known) : nlohmann::ordered_json();
          line["pages_per_second"] = rate;
          line["eta_seconds"] = eta >= 0 ? nlohmann::ordered_json(eta) : nlohmann::ordered_json();
          line["errors"] = errors;
          line["elapsed_seconds"] = elapsed;
          std::fputs((line.dump() + "\n").c_str(), stderr);
          std::fflush(stderr);
          continue;
        }
        std::string count = std::to_string(finished);
        if (known) count += "/" + std::to_string(known);
        std::string eta_text = eta >= 0 ? "  ETA " + format_duration(eta) : "";
        char buf[320];
        if (bar) {
          std::string meter;
          if (known) {
            const std::size_t width = 24;
            const std::size_t filled = std::min(width, finished * width / known);
            meter = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
          }
          std::snprintf(buf, sizeof buf, "\r\x1b[Kclearpage: %s%s  %.1f pages/s  %zu errors%s",
                        meter.c_str(), count.c_str(), rate, errors, eta_text.c_str());
        } else {
          std::snprintf(buf, sizeof buf, "clearpage: %s done, %.1f pages/s, %zu errors%s\n",
                        count.c_str(), rate, errors, eta_text.c_str());
        }
        std::fputs(buf, stderr);
        std::fflush(stderr);
      }
      if (bar) {
        std::fputs("\r\x1b[K", stderr);
        std::fflush(stderr);
      }
    });
  }

  std::exception_ptr write_failure;
  // Writes one finished document, in input order, and counts it.
  const auto emit = [&](Document doc) {
    ++summary.inputs;
    try {
      if (doc.failed()) {
        ++progress_errors;
        summary.add_errors(doc);
        if (job.on_error == OnError::kSkip) {
          ++summary.skipped;
        } else {
          writers.write(doc);
          ++summary.errors;
        }
        if (job.on_error == OnError::kAbort) {
          summary.aborted = true;
          summary.abort_reason = doc.id + ": " + doc.errors.front().message;
        }
      } else {
        writers.write(doc);
        ++summary.written;
      }
    } catch (const std::exception& e) {
      write_failure = std::make_exception_ptr(
          std::runtime_error("writing " + doc.id + " (" + doc.source + ") failed: " + e.what()));
      summary.aborted = true;
      summary.abort_reason = "writer failed";
    }
    ++progress_done;
    in_flight.release();
  };

  bool interrupted = false;
  for (std::size_t next = 0;; ++next) {
    Document doc;
    {
      std::unique_lock lock(done_mutex);
      // A signal does not wake the wait; the short timeout lets it be seen.
      while (!done.count(next) && !(enumerated && next >= total) && !stop_requested()) {
        done_changed.wait_for(lock, std::chrono::milliseconds(100));
      }
      if (!done.count(next)) {
        interrupted = !(enumerated && next >= total) || cut_short;
        break;
      }
      auto& entry = done.at(next);
      doc = std::move(entry.first);
      summary.input_bytes += entry.second;
      progress_bytes += entry.second;
      done.erase(next);
    }
    emit(std::move(doc));
    if (summary.aborted) break;
  }

  if (summary.aborted || interrupted) {
    stop = true;
    work.cancel();
    in_flight.release(static_cast<std::ptrdiff_t>(permits));
  }
  producer.join();
  {
    std::unique_lock lock(done_mutex);
    done_changed.wait(lock, [&] { return live_workers == 0; });
  }
  if (interrupted && !summary.aborted) {
    // The inputs the workers held when the signal came are finished: keep them. Those
    // still queued were dropped; the resumed run takes them.
    std::map<std::size_t, std::pair<Document, std::uint64_t>> rest;
    {
      std::lock_guard lock(done_mutex);
      rest.swap(done);
    }
    for (auto& [seq, entry] : rest) {
      summary.input_bytes += entry.second;
      emit(std::move(entry.first));
      if (summary.aborted) break;
    }
  }
  if (watchdog.joinable()) {
    {
      std::lock_guard lock(watchdog_mutex);
      watchdog_over = true;
    }
    watchdog_wake.notify_all();
    watchdog.join();
  }
  for (auto& [thread, state] : workers) {
    bool abandoned = false;
    {
      std::lock_guard state_lock(state->mutex);
      abandoned = state->abandoned;
    }
    if (abandoned) {
      thread.detach();
    } else {
      thread.join();
    }
  }
  summary.abandoned_workers = abandoned_workers;
  counter_over = true;
  if (counter.joinable()) counter.join();
  if (progress.joinable()) {
    {
      std::lock_guard lock(progress_mutex);
      progress_over = true;
    }
    progress_wake.notify_all();
    progress.join();
  }
  if (write_failure) std::rethrow_exception(write_failure);
  writers.close();

  summary.resumed = resumed;
  summary.inputs += summary.resumed;
  summary.skipped += summary.resumed;
  summary.not_documents = not_documents;
  summary.walk_notes = walk_notes;
  summary.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (interrupted) summary.interrupted_by = stop_signal() ? stop_signal() : SIGINT;

  // The outputs are committed; an interrupted run says so beside them.
  for (const auto& output : outputs) {
    if (output.path.empty() || output.path == "-") continue;
    const std::string state_path = resume_state_path(output.path);
    std::error_code ec;
    if (!interrupted) {
      std::filesystem::remove(state_path, ec);
      continue;
    }
    nlohmann::ordered_json state;
    state["status"] = "interrupted";
    state["signal"] = signal_name(summary.interrupted_by);
    state["writer"] = output.plugin;
    state["inputs_done"] = summary.inputs;
    state["resume"] = options.command_line.empty() ? "clearpage run ... --resume"
                                                   : options.command_line + " --resume";
    std::ofstream out(state_path, std::ios::binary | std::ios::trunc);
    out << state.dump(2) << "\n";
  }
  return summary;
}

}  // namespace clearpage::core
