// Inputs of a job: files, directories, globs and stdin, enumerated lazily.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clearpage::core {

struct InputItem {
  std::size_t seq = 0;  // position in input order
  std::string id;
  std::string source;  // path or URI
  std::string url;
  std::string http_charset;
  std::filesystem::path path;        // a file still to be read, or empty
  std::optional<std::string> bytes;  // bytes already in memory (stdin, records)
  std::string error;                 // set when the input cannot become a document
};

enum class RecordFormat { kJsonl, kWarc };

// How record files (JSONL, WARC) and stdin are read.
struct InputOptions {
  std::string html_field = "html";  // JSONL field names
  std::string url_field = "url";
  std::string id_field = "id";
  std::string warc_id_header = "WARC-Record-ID";  // WARC header that gives the id
  std::uint64_t max_record_bytes = 256ull << 20;
  std::optional<RecordFormat> stdin_format;  // none: stdin is one raw document
};
using RecordOptions = InputOptions;

// "a/b/page.html.gz" -> "page": .gz, .html, .htm and .txt are removed.
std::string id_from_path(const std::filesystem::path& path);

// Reads the item's bytes, inflating .gz files; throws std::runtime_error with the
// reason when the file cannot be read or exceeds `max_bytes` (after inflating).
std::string load_input_bytes(const InputItem& item, std::uint64_t max_bytes);

// Walks the input specs in order; directories recursively in name order. Record files
// (.jsonl, .jsonl.gz, .warc, .warc.gz) yield one item per record, read as a stream.
// "@list.txt" names a file with one input spec per line (blank lines and "#" comments
// skipped), read lazily.
class InputEnumerator {
 public:
  // `outputs` are never produced as inputs, nor their in-progress temp files, so a
  // job may write into a directory it reads.
  explicit InputEnumerator(std::vector<std::string> specs,
                           std::vector<std::filesystem::path> outputs = {},
                           InputOptions options = {});
  ~InputEnumerator();
  // False when every input has been produced.
  bool next(InputItem& item);
  // Records seen so far that are not documents (WARC requests, metadata, redirects...).
  std::size_t not_documents() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace clearpage::core
