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
  std::size_t seq = 0;     // position in input order
  std::string id;
  std::string source;      // path or URI
  std::string url;
  std::string http_charset;
  std::filesystem::path path;        // a file still to be read, or empty
  std::optional<std::string> bytes;  // bytes already in memory (stdin, records)
  std::string error;                 // set when the input cannot become a document
};

// "a/b/page.html.gz" -> "page": .gz, .html, .htm and .txt are removed.
std::string id_from_path(const std::filesystem::path& path);

// Reads the item's bytes, inflating .gz files; throws std::runtime_error with the
// reason when the file cannot be read or exceeds `max_bytes` (after inflating).
std::string load_input_bytes(const InputItem& item, std::uint64_t max_bytes);

// Walks the input specs in order; directories recursively in name order.
class InputEnumerator {
 public:
  // `outputs` are never produced as inputs, nor their in-progress temp files, so a
  // job may write into a directory it reads.
  explicit InputEnumerator(std::vector<std::string> specs,
                           std::vector<std::filesystem::path> outputs = {});
  ~InputEnumerator();
  // False when every input has been produced.
  bool next(InputItem& item);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace clearpage::core
