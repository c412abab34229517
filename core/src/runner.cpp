#include "clearpage/core/runner.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <semaphore>
#include <thread>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/pipeline.hpp"

namespace clearpage::core {

std::string RunSummary::line() const {
  char buf[256];
  std::snprintf(buf, sizeof buf, "clearpage: %zu inputs, %zu written, %zu errors, %zu skipped, %.2f s",
                inputs, written, errors, skipped, elapsed_seconds);
  std::string out(buf);
  if (aborted) out += " (aborted: " + abort_reason + ")";
  return out;
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
    finished_ = true;
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
  bool finished_ = false;
};

Document error_document(const InputItem& item, const std::string& message) {
  Document doc;
  doc.id = item.id;
  doc.source = item.source;
  doc.errors.push_back({"clearpage", "input", message});
  return doc;
}

Document process_item(const InputItem& item, Pipeline& pipeline, std::uint64_t max_bytes) {
  if (!item.error.empty()) return error_document(item, item.error);
  try {
    const std::string bytes = load_input_bytes(item, max_bytes);
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

constexpr std::size_t kPermitsPerThread = 4;
constexpr std::ptrdiff_t kMaxPermits = 1 << 16;

}  // namespace

RunSummary run_job(const JobConfig& job, const PluginHost& host) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;

  std::size_t threads = job.threads > 0 ? static_cast<std::size_t>(job.threads)
                                        : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  for (std::size_t i = 0; i < threads; ++i) pipelines.push_back(std::make_unique<Pipeline>(job, host));
  WriterSet writers(job, host, job.output);

  // In-flight documents are bounded, so memory does not grow with the corpus.
  const std::size_t permits = threads * kPermitsPerThread;
  std::counting_semaphore<kMaxPermits> in_flight(static_cast<std::ptrdiff_t>(permits));
  BoundedQueue<InputItem> work(threads * 2);
  std::atomic<bool> stop{false};

  std::mutex done_mutex;
  std::condition_variable done_changed;
  std::map<std::size_t, Document> done;
  std::size_t total = 0;
  bool enumerated = false;

  std::thread producer([&] {
    InputEnumerator inputs(job.inputs, {job.output});
    InputItem item;
    std::size_t count = 0;
    while (!stop) {
      in_flight.acquire();
      if (stop || !inputs.next(item)) break;
      ++count;
      if (!work.push(std::move(item))) break;
    }
    work.finish();
    std::lock_guard lock(done_mutex);
    total = count;
    enumerated = true;
    done_changed.notify_all();
  });

  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      InputItem item;
      while (work.pop(item)) {
        Document doc = process_item(item, *pipelines[t], job.max_input_bytes);
        std::lock_guard lock(done_mutex);
        done.emplace(item.seq, std::move(doc));
        done_changed.notify_all();
      }
    });
  }

  std::exception_ptr write_failure;
  for (std::size_t next = 0;; ++next) {
    Document doc;
    {
      std::unique_lock lock(done_mutex);
      done_changed.wait(lock, [&] { return done.count(next) || (enumerated && next >= total); });
      if (!done.count(next)) break;
      doc = std::move(done.at(next));
      done.erase(next);
    }
    ++summary.inputs;
    try {
      if (doc.failed()) {
        for (const auto& error : doc.errors) ++summary.errors_by_plugin[error.plugin];
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
    } catch (...) {
      write_failure = std::current_exception();
      summary.aborted = true;
      summary.abort_reason = "writer failed";
    }
    in_flight.release();
    if (summary.aborted) break;
  }

  if (summary.aborted) {
    stop = true;
    work.cancel();
    in_flight.release(static_cast<std::ptrdiff_t>(permits));
  }
  producer.join();
  for (auto& worker : workers) worker.join();
  if (write_failure) std::rethrow_exception(write_failure);
  writers.close();

  summary.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace clearpage::core
