// Inputs that hold many documents: JSONL records and WARC files, read as a stream.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "clearpage/core/inputs.hpp"

namespace clearpage::core {

// .jsonl, .jsonl.gz, .warc and .warc.gz (case-insensitive) are record files.
std::optional<RecordFormat> record_format_for(const std::filesystem::path& path);

// "text/html; charset=GBK" -> "GBK"; empty when no charset is given.
std::string content_type_charset(const std::string& content_type);

// "<urn:uuid:ab-cd>" -> "ab-cd"; "<x>" -> "x".
std::string strip_warc_record_id(const std::string& id);

// Bytes of a file or stdin, read in chunks; gzip data (detected by its magic) is
// inflated member after member. Broken gzip data is reported through take_error()
// and reading resumes at the next member, so one bad member loses one record.
class ByteStream {
 public:
  // Takes ownership of `file` unless it is stdin.
  ByteStream(std::FILE* file, std::string name);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // One line without its "\n" (and "\r"); false at end of input. A line longer than
  // `max` is consumed whole but returned cut, with `too_long` set.
  bool read_line(std::string& line, std::size_t max, bool& too_long);
  // Appends up to `n` bytes to `out` (or drops them when `out` is null); returns the count.
  std::size_t read(std::string* out, std::size_t n);
  // Puts bytes back in front of the stream.
  void unread(std::string_view bytes);

  std::uint64_t offset() const { return consumed_ + pos_; }  // in the inflated stream
  bool gzip() const { return gzip_; }
  // Compressed offset of the gzip member that produced the byte at inflated `offset`.
  std::uint64_t member_offset(std::uint64_t offset) const;
  bool has_error() const { return !error_.empty(); }
  std::string take_error() { return std::exchange(error_, std::string()); }

 private:
  bool fill();  // more bytes into buf_; false at end of input
  bool fill_raw();
  // What one read(2) gives, so a pipe's records flow as they come; 0 at end of input or
  // once the run is asked to stop.
  std::size_t read_available(char* out, std::size_t n);
  void compact();

  std::FILE* file_;
  std::string name_;
  bool owns_;
  bool gzip_ = false;
  bool started_ = false;
  bool raw_eof_ = false;
  bool inflating_ = false;  // inside a gzip member
  void* zstream_ = nullptr;
  std::string raw_;  // compressed bytes not yet inflated
  std::size_t raw_pos_ = 0;
  std::uint64_t raw_consumed_ = 0;  // compressed bytes before raw_[0]
  std::string buf_;                 // inflated bytes
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;                                   // inflated bytes before buf_[0]
  std::uint64_t produced_ = 0;                                   // inflated bytes so far
  std::deque<std::pair<std::uint64_t, std::uint64_t>> members_;  // inflated start, compressed start
  std::string error_;
};

// Reads one record file (or stdin) and yields one InputItem per document. Malformed
// records become items with `error` set, naming the byte offset; reading goes on.
class RecordReader {
 public:
  // `path` empty means stdin.
  // `file_id` names the file in the ids of records that have none (default: its base name).
  RecordReader(const std::filesystem::path& path, RecordFormat format, RecordOptions options,
               std::string file_id = {});
  ~RecordReader();
  bool next(InputItem& item);  // seq is left to the caller
  // Records that are not documents: WARC requests, metadata, warcinfo, non-2xx responses.
  std::size_t not_documents() const { return not_documents_; }

 private:
  bool next_jsonl(InputItem& item);
  bool next_warc(InputItem& item);
  void fail(InputItem& item, std::uint64_t offset, const std::string& message);
  std::uint64_t record_offset(std::uint64_t inflated_offset) const;

  std::string source_;   // path or "-"
  std::string file_id_;  // for ids of records that have none
  RecordFormat format_;
  RecordOptions options_;
  std::unique_ptr<ByteStream> stream_;
  std::size_t line_number_ = 0;
  std::size_t not_documents_ = 0;
  std::optional<std::string> pending_header_;  // a "WARC/1." line found while resynchronising
  std::uint64_t pending_start_ = 0;
  bool resyncing_ = false;  // the last record's error already covers the bytes being skipped
};

}  // namespace clearpage::core
