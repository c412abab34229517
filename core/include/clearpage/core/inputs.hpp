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

// How inputs are named (docs/cli.md#document-ids). Every scheme yields unique ids: a
// repeated one gets "#2", "#3"... in input order.
enum class IdScheme {
  kAuto,  // files: path below their root; records: id field or URI, else file and position
  kPath,  // files as kAuto; records: their file's id and position ("crawl.warc.gz@1234")
  kUrl,   // the record's URL where it has one, else as kAuto
  kSha1,  // SHA-1 of the input's bytes, in hex
};
IdScheme parse_id_scheme(const std::string& name);  // throws std::invalid_argument

// How record files (JSONL, WARC) and stdin are read.
struct InputOptions {
  std::string html_field = "html";  // JSONL field names
  std::string url_field = "url";
  std::string id_field = "id";
  std::string warc_id_header = "WARC-Record-ID";  // WARC header that gives the id
  std::uint64_t max_record_bytes = 256ull << 20;
  std::optional<RecordFormat> stdin_format;  // none: stdin is one raw document
  IdScheme id_scheme = IdScheme::kAuto;
  // Globs (on the path below the walked directory, or the file name) for directory
  // walks; an empty `include` takes the default extensions (kDefaultExtensions).
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // Only count: record files and stdin are not read (see counted_exactly()).
  bool count_only = false;
};

// What a directory walk takes when no include glob is given.
// Pages compressed one by one (.html.gz) are pages too.
inline constexpr const char* kDefaultExtensions[] = {
    ".html",    ".htm",   ".shtml",    ".xhtml",   ".txt",    ".warc",
    ".warc.gz", ".jsonl", ".jsonl.gz", ".html.gz", ".htm.gz", ".txt.gz"};

// What the walk left out, for the run summary.
struct WalkNotes {
  std::size_t hidden = 0;    // entries whose name starts with "."
  std::size_t filtered = 0;  // files the extensions or include/exclude globs left out
  std::size_t loops = 0;     // directories reached a second time (symlink loops, repeats)
  std::size_t renamed = 0;   // inputs whose id was taken, given "#2", "#3"...
  std::string line() const;  // "" when all are zero
};

// Problems found before any input is read: a missing file, a glob that matches nothing,
// an unreadable @list. One message per problem, naming the spec.
std::vector<std::string> check_input_specs(const std::vector<std::string>& specs);
using RecordOptions = InputOptions;

// The id of a file found under `root` (empty: named itself): its path below the root,
// with "/" separators, or the path as given.
std::string path_id(const std::filesystem::path& path, const std::filesystem::path& root);

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
  const WalkNotes& notes() const;
  // Under count_only: false once a record file or stdin was met, whose records were
  // not counted.
  bool counted_exactly() const;

 private:
  bool next_input(InputItem& item);
  void name_item(InputItem& item);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace clearpage::core
