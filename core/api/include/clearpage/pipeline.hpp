// The in-process API: run a job's stage chain on pages held in memory.
//
//   auto pipeline = clearpage::Pipeline::from_default();
//   clearpage::Document doc = pipeline.process(html, "https://example.com/a");
//
// No input files are read and no writer runs: writer stages of the job are ignored.
// The command-line `clearpage run` is built on the same code.
//
// Thread safety: every member function is safe to call from many threads at once on
// one Pipeline. Each call borrows a private instance of the stage chain (stage instances
// are never shared between threads), so concurrent calls never wait on each other
// except to borrow and return that instance.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "clearpage/document.hpp"

// The library's interface; everything else in it is hidden.
#define CLEARPAGE_API __attribute__((visibility("default")))

namespace clearpage {

// Every failure the API reports is one of these; `reason()` is the message the CLI
// writes into the "errors" of its error record for the same input.
class CLEARPAGE_API Error : public std::runtime_error {
 public:
  explicit Error(const std::string& reason) : std::runtime_error(reason) {}
  std::string reason() const { return what(); }
};

// A job file or TOML string that does not check: each message is "file:line:column: ...",
// as `clearpage validate` prints them.
class CLEARPAGE_API ConfigError : public Error {
 public:
  explicit ConfigError(std::vector<std::string> messages);
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

// No plugin could be loaded, or a stage the job names is not registered.
class CLEARPAGE_API PluginError : public Error {
 public:
  using Error::Error;
};

// One page could not be processed. `document()` is the error record the CLI would
// write for it (its errors name plugin, stage and message).
class CLEARPAGE_API ProcessError : public Error {
 public:
  explicit ProcessError(Document document);
  const Document& document() const { return document_; }
  const std::vector<DocumentError>& errors() const { return document_.errors; }

 private:
  Document document_;
};

// One page for process_many() and process_record(). The bytes are not copied: they
// must stay valid during the call.
struct Page {
  std::string_view bytes;
  std::string url;
  std::string content_type;  // e.g. "text/html; charset=gbk": its charset is a hint
  std::string id;            // empty: the url
  std::string source;        // empty: the url
};

struct PipelineOptions {
  // Searched after the built-in plugin directory, before CLEARPAGE_PLUGIN_PATH.
  std::vector<std::string> plugin_dirs;
  // Name used for the job in messages when it comes from a string.
  std::string name = "<string>";
};

class Inputs;

class CLEARPAGE_API Pipeline {
 public:
  // From a job file; its [job] inputs and output are not used.
  static Pipeline from_file(const std::string& path, const PipelineOptions& options = {});
  // From the text of a job file.
  static Pipeline from_toml(const std::string& toml, const PipelineOptions& options = {});
  // The built-in default job (configs/default.toml).
  static Pipeline from_default(const PipelineOptions& options = {});

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

  // One page in memory. Throws ProcessError when the page fails in any stage (the
  // same failures that make the CLI write an error record). The parsed DOM is not kept.
  Document process(std::string_view bytes, std::string_view url = {},
                   std::string_view content_type = {}) const;

  // Never throws for a bad page: failed pages come back as error records
  // (Document::failed()), in input order. `threads` 0 means all cores; the work is
  // spread over that many threads, each with its own instance of the stage chain.
  std::vector<Document> process_many(const std::vector<Page>& pages, int threads = 0) const;

  // The same, for one page: an error record instead of an exception.
  Document process_record(const Page& page) const;

  // Reads inputs the way `clearpage run` does: files, directories, globs, "@list" files,
  // gzip, and JSONL and WARC record files (one page per record), using the job's record
  // settings. Reading is lazy: see Inputs.
  Inputs open(std::vector<std::string> inputs) const;

  // Names of the plugins loaded in this process; shared by every Pipeline.
  std::vector<std::string> plugins() const;

  // Opaque: the loaded job and the pool of stage-chain instances.
  struct State;
  const State& state() const { return *state_; }

 private:
  explicit Pipeline(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

// Pages from input files, read and processed a batch at a time, so that memory stays
// bounded whatever the size of the files. Use from one thread at a time.
class CLEARPAGE_API Inputs {
 public:
  Inputs(Inputs&&) noexcept;
  Inputs& operator=(Inputs&&) noexcept;
  ~Inputs();
  // The next documents, up to `max_pages`, processed over `threads` threads (0: all
  // cores), in input order; empty when every input is done. An input that cannot be
  // read or processed comes back as its error record, as in `clearpage run`.
  std::vector<Document> next(std::size_t max_pages, int threads = 1);
  // WARC records seen so far that are not documents (requests, metadata, ...).
  std::size_t not_documents() const;

 private:
  friend class Pipeline;
  struct Reader;
  explicit Inputs(std::unique_ptr<Reader> reader);
  std::unique_ptr<Reader> reader_;
};

// The JSON form the JSONL writer writes for a document: one line, no newline.
CLEARPAGE_API std::string to_json(const Document& doc);

// The version of the library (the project's version).
CLEARPAGE_API std::string version();

}  // namespace clearpage
