#include "clearpage/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/pipeline.hpp"
#include "clearpage/core/record_inputs.hpp"
#include "clearpage/core/runner.hpp"
#include "clearpage/document_json.hpp"
#include "clearpage/engine.hpp"
#include "clearpage/version.hpp"

namespace clearpage {

namespace {

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> messages)
    : Error(join(messages)), messages_(std::move(messages)) {}

ProcessError::ProcessError(Document document)
    : Error(document.errors.empty() ? std::string("processing failed")
                                    : document.errors.front().message),
      document_(std::move(document)) {}

// The job and the idle stage-chain instances; a call borrows one for its duration.
struct Pipeline::State {
  std::shared_ptr<const core::PluginHost> host;
  core::JobConfig job;
  std::mutex mutex;
  std::vector<std::unique_ptr<core::Pipeline>> idle;

  class Lease {
   public:
    explicit Lease(State& state) : state_(state) {
      {
        std::lock_guard lock(state_.mutex);
        if (!state_.idle.empty()) {
          worker_ = std::move(state_.idle.back());
          state_.idle.pop_back();
        }
      }
      if (!worker_) worker_ = std::make_unique<core::Pipeline>(state_.job, *state_.host);
    }
    ~Lease() {
      std::lock_guard lock(state_.mutex);
      state_.idle.push_back(std::move(worker_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    core::Pipeline& operator*() { return *worker_; }

   private:
    State& state_;
    std::unique_ptr<core::Pipeline> worker_;
  };

  Document run(const core::InputItem& item, core::Pipeline& worker) const {
    std::uint64_t bytes_read = 0;
    Document doc = core::process_input(item, worker, job.max_input_bytes, bytes_read);
    doc.dom.reset();
    if (doc.url.empty()) doc.url = item.url;
    return doc;
  }

  // The page as the runner's input item. Copying its bytes costs little beside
  // processing them, and keeps one path for both.
  Document run(const Page& page, core::Pipeline& worker) const {
    core::InputItem item;
    item.id = page.id.empty() ? page.url : page.id;
    item.source = page.source.empty() ? page.url : page.source;
    item.url = page.url;
    item.http_charset = core::content_type_charset(page.content_type);
    item.bytes.emplace(page.bytes);
    return run(item, worker);
  }

  // Items [0, size) over `threads` threads, each with its own stage chain; the calling
  // thread is one of them.
  template <typename Item>
  std::vector<Document> run_all(const std::vector<Item>& items, int threads) {
    std::size_t count = threads > 0 ? static_cast<std::size_t>(threads)
                                    : std::max(1u, std::thread::hardware_concurrency());
    count = std::min(count, items.size());
    std::vector<Document> docs(items.size());
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
      Lease worker(*this);
      for (std::size_t i; (i = next++) < items.size();) docs[i] = run(items[i], *worker);
    };
    std::vector<std::jthread> pool;
    for (std::size_t i = 1; i < count; ++i) pool.emplace_back(work);
    if (count > 0) work();
    return docs;
  }

  Document run(const Page& page) {
    Lease worker(*this);
    return run(page, *worker);
  }
};

namespace {

std::shared_ptr<const core::PluginHost> load_host(const PipelineOptions& options) {
  std::vector<std::string> refusals;
  auto host = engine::plugin_host(options.plugin_dirs, &refusals);
  if (host->stages().empty()) {
    throw PluginError("no plugin could be loaded" +
                      (refusals.empty() ? std::string() : ":\n" + join(refusals)));
  }
  return host;
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<State> state) : state_(std::move(state)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

namespace {

template <typename LoadJob>
std::shared_ptr<Pipeline::State> make_state(const PipelineOptions& options, LoadJob load_job) {
  core::tune_allocator();
  auto state = std::make_shared<Pipeline::State>();
  state->host = load_host(options);
  try {
    state->job = load_job(*state->host);
  } catch (const core::ConfigError& e) {
    throw ConfigError(e.messages());
  }
  try {
    // A stage that cannot be instantiated fails here, not on the first page.
    state->idle.push_back(std::make_unique<core::Pipeline>(state->job, *state->host));
  } catch (const std::exception& e) {
    throw PluginError(e.what());
  }
  return state;
}

}  // namespace

Pipeline Pipeline::from_toml(const std::string& toml, const PipelineOptions& options) {
  return Pipeline(make_state(options, [&](const core::PluginHost& host) {
    return core::parse_job(toml, options.name, host);
  }));
}

Pipeline Pipeline::from_file(const std::string& path, const PipelineOptions& options) {
  return Pipeline(make_state(
      options, [&](const core::PluginHost& host) { return core::load_job_file(path, host); }));
}

Pipeline Pipeline::from_default(const PipelineOptions& options) {
  PipelineOptions named = options;
  named.name = std::string(engine::kDefaultJobName);
  return from_toml(std::string(engine::default_job_toml()), named);
}

Document Pipeline::process(std::string_view bytes, std::string_view url,
                           std::string_view content_type) const {
  Page page;
  page.url = url;
  page.content_type = content_type;
  page.bytes = bytes;
  Document doc = state_->run(page);
  if (doc.failed()) throw ProcessError(std::move(doc));
  return doc;
}

Document Pipeline::process_record(const Page& page) const {
  return state_->run(page);
}

std::vector<Document> Pipeline::process_many(const std::vector<Page>& pages, int threads) const {
  return state_->run_all(pages, threads);
}

struct Inputs::Reader {
  Reader(std::shared_ptr<Pipeline::State> state_in, std::vector<std::string> specs)
      : state(std::move(state_in)), inputs(std::move(specs), {}, core::input_options(state->job)) {}
  std::shared_ptr<Pipeline::State> state;
  core::InputEnumerator inputs;
  bool done = false;
};

Inputs::Inputs(std::unique_ptr<Reader> reader) : reader_(std::move(reader)) {}
Inputs::Inputs(Inputs&&) noexcept = default;
Inputs& Inputs::operator=(Inputs&&) noexcept = default;
Inputs::~Inputs() = default;

Inputs Pipeline::open(std::vector<std::string> inputs) const {
  return Inputs(std::make_unique<Inputs::Reader>(state_, std::move(inputs)));
}

std::vector<Document> Inputs::next(std::size_t max_pages, int threads) {
  std::vector<core::InputItem> items;
  while (!reader_->done && items.size() < max_pages) {
    core::InputItem item;
    try {
      if (!reader_->inputs.next(item)) {
        reader_->done = true;
        break;
      }
    } catch (const std::exception& e) {
      // As in `clearpage run`: enumeration itself failed, and the inputs end here.
      item = core::InputItem{};
      item.id = "inputs";
      item.source = "inputs";
      item.error = std::string("reading inputs failed: ") + e.what();
      reader_->done = true;
    }
    items.push_back(std::move(item));
  }
  return reader_->state->run_all(items, threads);
}

std::size_t Inputs::not_documents() const {
  return reader_->inputs.not_documents();
}

std::vector<std::string> Pipeline::plugins() const {
  std::vector<std::string> names;
  for (const auto& plugin : state_->host->plugins()) names.push_back(plugin.name);
  return names;
}

std::string to_json(const Document& doc) {
  return document_to_json_line(doc);
}

std::string version() {
  return CLEARPAGE_VERSION_STRING;
}

}  // namespace clearpage
