#include "clearpage/core/record_inputs.hpp"

#include "clearpage/core/interrupt.hpp"
#include "clearpage/text/normalize.hpp"

#include <poll.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace clearpage::core {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = 1 << 16;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string& s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

z_stream* zs(void* p) {
  return static_cast<z_stream*>(p);
}

bool is_gzip_magic(const std::string& s, std::size_t at) {
  return s.size() >= at + 3 && s[at] == '\x1f' && s[at + 1] == '\x8b' && s[at + 2] == '\x08';
}

}  // namespace

std::optional<RecordFormat> record_format_for(const fs::path& path) {
  const std::string name = text::ascii_lower(path.filename().string());
  if (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz")) return RecordFormat::kJsonl;
  if (ends_with(name, ".warc") || ends_with(name, ".warc.gz")) return RecordFormat::kWarc;
  return std::nullopt;
}

std::string strip_warc_record_id(const std::string& id) {
  std::string s = trim(id);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  if (text::ascii_lower(s.substr(0, 9)) == "urn:uuid:") s = s.substr(9);
  return s;
}

// ---------------------------------------------------------------------------------------------

std::size_t ByteStream::read_available(char* out, std::size_t n) {
  const int fd = ::fileno(file_);
  while (true) {
    pollfd ready{fd, POLLIN, 0};
    const int polled = ::poll(&ready, 1, 200);
    if (stop_requested()) return 0;
    if (polled == 0 || (polled < 0 && errno == EINTR)) continue;
    const ssize_t got = ::read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error_ = name_ + ": read failed: " + std::strerror(errno);
      return 0;
    }
    return static_cast<std::size_t>(got);
  }
}

ByteStream::ByteStream(std::FILE* file, std::string name)
    : file_(file), name_(std::move(name)), owns_(file != stdin) {}

ByteStream::~ByteStream() {
  if (zstream_) {
    inflateEnd(zs(zstream_));
    delete zs(zstream_);
  }
  if (owns_ && file_) std::fclose(file_);
}

bool ByteStream::fill_raw() {
  if (raw_eof_) return false;
  // Keep the current member's compressed bytes (up to kMaxRetained): a corrupt member is
  // re-scanned from its start. A whole-file gzip is one huge member and is not kept.
  constexpr std::size_t kMaxRetained = 16 << 20;
  std::size_t keep_from = raw_pos_;
  if (inflating_ && !members_.empty()) {
    const std::uint64_t member_start = members_.back().second;
    if (member_start >= raw_consumed_ && raw_pos_ - (member_start - raw_consumed_) < kMaxRetained) {
      keep_from =
          std::min<std::size_t>(keep_from, static_cast<std::size_t>(member_start - raw_consumed_));
    }
  }
  if (keep_from > 0) {
    raw_.erase(0, keep_from);
    raw_consumed_ += keep_from;
    raw_pos_ -= keep_from;
  }
  const std::size_t old = raw_.size();
  raw_.resize(old + kChunk);
  const std::size_t got = read_available(raw_.data() + old, kChunk);
  raw_.resize(old + got);
  if (got == 0) {
    raw_eof_ = true;
    return false;
  }
  return true;
}

void ByteStream::compact() {
  if (pos_ > 0 && (pos_ >= kChunk || pos_ * 2 >= buf_.size())) {
    buf_.erase(0, pos_);
    consumed_ += pos_;
    pos_ = 0;
  }
  while (members_.size() > 1 && members_[1].first <= consumed_) members_.pop_front();
}

std::uint64_t ByteStream::member_offset(std::uint64_t offset) const {
  std::uint64_t result = 0;
  for (const auto& [inflated, compressed] : members_) {
    if (inflated > offset) break;
    result = compressed;
  }
  return result;
}

bool ByteStream::fill() {
  if (!started_) {
    started_ = true;
    while (raw_.size() < 3 && fill_raw()) {
    }
    gzip_ = raw_.size() >= 2 && raw_[0] == '\x1f' && raw_[1] == '\x8b';
    if (gzip_) {
      zstream_ = new z_stream{};
      if (inflateInit2(zs(zstream_), 16 + MAX_WBITS) != Z_OK)
        throw std::runtime_error("zlib init failed");
    }
  }
  // A reported error reads as the end of input until taken, so no record spans it.
  if (!error_.empty()) return false;
  compact();
  if (!gzip_) {
    if (raw_pos_ >= raw_.size() && !fill_raw()) return false;
    buf_.append(raw_, raw_pos_, std::string::npos);
    produced_ += raw_.size() - raw_pos_;
    raw_pos_ = raw_.size();
    return true;
  }
  while (true) {
    if (raw_pos_ >= raw_.size() && !fill_raw()) {
      if (inflating_) {
        inflating_ = false;
        const std::uint64_t member_start = members_.back().second;
        error_ = "truncated gzip member at compressed offset " + std::to_string(member_start);
        // A cut member followed by others inflates as garbage up to the end of input:
        // rescan what followed its start for the next member.
        if (member_start >= raw_consumed_) {
          const std::size_t found = raw_.find(
              "\x1f\x8b\x08", static_cast<std::size_t>(member_start - raw_consumed_) + 1, 3);
          if (found != std::string::npos) {
            raw_pos_ = found;
            error_ = "corrupt or truncated gzip member at compressed offset " +
                     std::to_string(member_start);
          }
        }
      }
      return false;
    }
    if (!inflating_) {
      while (raw_.size() - raw_pos_ < 3 && fill_raw()) {
      }
      if (!is_gzip_magic(raw_, raw_pos_)) {
        // Not a member start: skip to the next gzip magic, reporting the gap once.
        const std::uint64_t at = raw_consumed_ + raw_pos_;
        if (error_.empty())
          error_ = "data that is not gzip at compressed offset " + std::to_string(at);
        while (true) {
          const std::size_t found = raw_.find("\x1f\x8b\x08", raw_pos_ + 1, 3);
          if (found != std::string::npos) {
            raw_pos_ = found;
            break;
          }
          raw_pos_ = raw_.size() >= 2 ? raw_.size() - 2 : raw_.size();
          if (!fill_raw()) {
            raw_pos_ = raw_.size();
            return false;
          }
        }
        return false;
      }
      members_.emplace_back(produced_, raw_consumed_ + raw_pos_);
      inflateReset(zs(zstream_));
      inflating_ = true;
    }
    z_stream* z = zs(zstream_);
    const std::size_t available = raw_.size() - raw_pos_;
    z->next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
    z->avail_in = static_cast<uInt>(available);
    const std::size_t old = buf_.size();
    buf_.resize(old + kChunk);
    z->next_out = reinterpret_cast<Bytef*>(buf_.data() + old);
    z->avail_out = static_cast<uInt>(kChunk);
    const int status = inflate(z, Z_NO_FLUSH);
    const std::size_t got = kChunk - z->avail_out;
    buf_.resize(old + got);
    produced_ += got;
    raw_pos_ += available - z->avail_in;
    if (status == Z_STREAM_END) {
      inflating_ = false;
      if (got) return true;
      continue;
    }
    if (status == Z_OK || status == Z_BUF_ERROR) {
      if (got) return true;
      continue;
    }
    // Corrupt member: look for the next member after this one's start.
    const std::uint64_t member_start = members_.back().second;
    error_ = "corrupt gzip member at compressed offset " + std::to_string(member_start) + " (" +
             (z->msg ? z->msg : "inflate error") + ")";
    inflating_ = false;
    raw_pos_ = member_start >= raw_consumed_
                   ? static_cast<std::size_t>(member_start - raw_consumed_) + 1
                   : raw_pos_;
    const std::size_t found = raw_.find("\x1f\x8b\x08", raw_pos_, 3);
    raw_pos_ = found != std::string::npos ? found : raw_.size();
    return false;
  }
}

bool ByteStream::read_line(std::string& line, std::size_t max, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  while (true) {
    const std::size_t nl = buf_.find('\n', pos_);
    const std::size_t end = nl == std::string::npos ? buf_.size() : nl;
    const std::size_t room = line.size() < max ? max - line.size() : 0;
    const std::size_t take = std::min(end - pos_, room);
    if (end > pos_) any = true;
    line.append(buf_, pos_, take);
    if (end - pos_ > take) too_long = true;
    pos_ = end;
    if (nl != std::string::npos) {
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (!fill()) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return any;
    }
  }
}

std::size_t ByteStream::read(std::string* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    if (pos_ >= buf_.size() && !fill()) break;
    const std::size_t take = std::min(n - got, buf_.size() - pos_);
    if (out) out->append(buf_, pos_, take);
    pos_ += take;
    got += take;
  }
  return got;
}

void ByteStream::unread(std::string_view bytes) {
  if (bytes.size() <= pos_) {
    pos_ -= bytes.size();
    buf_.replace(pos_, bytes.size(), bytes);
    return;
  }
  buf_ = std::string(bytes) + buf_.substr(pos_);
  consumed_ = consumed_ + pos_ - bytes.size();
  pos_ = 0;
}

// ---------------------------------------------------------------------------------------------

namespace {

// "a.warc.gz" -> "a"
std::string record_file_id(const fs::path& path) {
  std::string name = path.filename().string();
  for (const char* suffix : {".gz", ".jsonl", ".warc"}) {
    if (ends_with(text::ascii_lower(name), suffix)) name.resize(name.size() - std::strlen(suffix));
  }
  return name;
}

std::string dechunk(const std::string& body) {
  std::string out;
  std::size_t p = 0;
  while (true) {
    const std::size_t eol = body.find('\n', p);
    if (eol == std::string::npos) throw std::runtime_error("malformed chunked body: no chunk size");
    std::string size_line = trim(body.substr(p, eol - p));
    const std::size_t semi = size_line.find(';');
    if (semi != std::string::npos) size_line.resize(semi);
    std::size_t size = 0;
    try {
      std::size_t used = 0;
      size = std::stoul(size_line, &used, 16);
      if (used != size_line.size()) throw std::invalid_argument("size");
    } catch (const std::exception&) {
      throw std::runtime_error("malformed chunked body: bad chunk size '" +
                               size_line.substr(0, 20) + "'");
    }
    p = eol + 1;
    if (size == 0) return out;
    if (p + size > body.size())
      throw std::runtime_error("malformed chunked body: chunk runs past the end");
    out.append(body, p, size);
    p += size;
    if (p < body.size() && body[p] == '\r') ++p;
    if (p < body.size() && body[p] == '\n') ++p;
  }
}

std::string inflate_body(const std::string& body, bool raw_deflate, std::uint64_t max_bytes) {
  z_stream z{};
  // 32 + MAX_WBITS detects gzip and zlib headers; -MAX_WBITS is bare deflate.
  if (inflateInit2(&z, raw_deflate ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK) {
    throw std::runtime_error("zlib init failed");
  }
  std::string out;
  char buffer[kChunk];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&z);
      throw std::runtime_error("inflated HTTP body exceeds max_input_bytes");
    }
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("corrupt or truncated compressed HTTP body");
  return out;
}

std::string charset_of(const std::string& content_type) {
  const std::string lowered = text::ascii_lower(content_type);
  const std::size_t at = lowered.find("charset=");
  if (at == std::string::npos) return {};
  std::string value = content_type.substr(at + 8);
  const std::size_t end = value.find_first_of(";, \t");
  if (end != std::string::npos) value.resize(end);
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  value.erase(std::remove(value.begin(), value.end(), '\''), value.end());
  return trim(value);
}

}  // namespace

std::string content_type_charset(const std::string& content_type) {
  return charset_of(content_type);
}

RecordReader::RecordReader(const fs::path& path, RecordFormat format, RecordOptions options,
                           std::string file_id)
    : format_(format), options_(std::move(options)) {
  if (path.empty() || path == "-") {
    source_ = "-";
    file_id_ = "stdin";
    stream_ = std::make_unique<ByteStream>(stdin, "-");
    return;
  }
  source_ = path.string();
  file_id_ = file_id.empty() ? record_file_id(path) : std::move(file_id);
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error(source_ + ": cannot open: " + std::strerror(errno));
  stream_ = std::make_unique<ByteStream>(file, source_);
}

RecordReader::~RecordReader() = default;

std::uint64_t RecordReader::record_offset(std::uint64_t inflated_offset) const {
  return stream_->gzip() && format_ == RecordFormat::kWarc ? stream_->member_offset(inflated_offset)
                                                           : inflated_offset;
}

void RecordReader::fail(InputItem& item, std::uint64_t offset, const std::string& message) {
  const std::uint64_t at = record_offset(offset);
  std::string where;
  if (!stream_->gzip()) {
    where = "byte offset " + std::to_string(at);
  } else if (format_ == RecordFormat::kWarc) {
    where = "gzip member at byte offset " + std::to_string(at);
  } else {
    where = "inflated byte offset " + std::to_string(at);
  }
  if (item.id.empty()) item.id = file_id_ + "@" + std::to_string(at);
  item.source = source_ + "@" + std::to_string(at);
  item.error = source_ + ": " + where + ": " + message;
  item.bytes.reset();
}

bool RecordReader::next(InputItem& item) {
  return format_ == RecordFormat::kJsonl ? next_jsonl(item) : next_warc(item);
}

bool RecordReader::next_jsonl(InputItem& item) {
  std::string line;
  bool too_long = false;
  const std::size_t max = static_cast<std::size_t>(
      std::min<std::uint64_t>(options_.max_record_bytes + 1, std::uint64_t{1} << 40));
  while (true) {
    const std::uint64_t offset = stream_->offset();
    const bool got = stream_->read_line(line, max, too_long);
    item = InputItem{};
    if (!got) {
      if (!stream_->has_error()) return false;
      fail(item, offset, stream_->take_error());
      return true;
    }
    ++line_number_;
    const std::string where = "line " + std::to_string(line_number_);
    if (stream_->has_error()) {
      fail(item, offset, where + ": " + stream_->take_error());
      return true;
    }
    if (trim(line).empty()) continue;
    if (too_long || line.size() > options_.max_record_bytes) {
      fail(item, offset,
           where + " exceeds max_input_bytes (" + std::to_string(options_.max_record_bytes) + ")");
      return true;
    }
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      fail(item, offset, where + " is not a JSON object");
      return true;
    }
    if (const auto id = record.find(options_.id_field); id != record.end()) {
      if (id->is_string()) {
        item.id = id->get<std::string>();
      } else if (id->is_number()) {
        item.id = id->dump();
      }
    }
    if (const auto url = record.find(options_.url_field); url != record.end() && url->is_string()) {
      item.url = url->get<std::string>();
    }
    if (item.id.empty()) item.id = item.url;
    if (item.id.empty()) item.id = file_id_ + ":" + std::to_string(line_number_);
    const auto html = record.find(options_.html_field);
    if (html == record.end() || !html->is_string()) {
      fail(item, offset, where + ": record has no string field '" + options_.html_field + "'");
      return true;
    }
    item.source = source_ + "@" + std::to_string(offset);
    // JSON strings are UTF-8 whatever the page declared.
    item.http_charset = "utf-8";
    item.bytes = std::move(html->get_ref<std::string&>());
    return true;
  }
}

bool RecordReader::next_warc(InputItem& item) {
  std::string line;
  bool too_long = false;
  const std::size_t kMaxHeaderLine = 1 << 16;
  while (true) {
    item = InputItem{};
    std::uint64_t start = stream_->offset();
    if (pending_header_) {
      line = std::move(*pending_header_);
      pending_header_.reset();
      start = pending_start_;
    } else {
      bool found = false;
      std::uint64_t garbage_at = UINT64_MAX;
      std::string stream_error;
      while (true) {
        start = stream_->offset();
        if (!stream_->read_line(line, kMaxHeaderLine, too_long)) {
          if (!stream_->has_error()) break;
          // Broken gzip data: note it and read on from the next member.
          if (stream_error.empty()) stream_error = stream_->take_error();
          stream_->take_error();
          if (garbage_at == UINT64_MAX) garbage_at = start;
          continue;
        }
        if (line.rfind("WARC/1.", 0) == 0) {
          found = true;
          break;
        }
        if (trim(line).empty()) continue;
        if (garbage_at == UINT64_MAX) garbage_at = start;
      }
      if (stream_->has_error() && stream_error.empty()) stream_error = stream_->take_error();
      const bool broken = !stream_error.empty() || garbage_at != UINT64_MAX;
      if (broken && !resyncing_) {
        const std::string message = !stream_error.empty()
                                        ? stream_error
                                        : "no WARC/1. header where a record should start; "
                                          "skipped to the next record";
        fail(item, garbage_at != UINT64_MAX ? garbage_at : start, message);
        if (found) {
          pending_header_ = line;
          pending_start_ = start;
        }
        return true;
      }
      resyncing_ = false;
      stream_->take_error();
      if (!found) return false;
    }

    std::string type;
    std::string uri;
    std::string record_id;
    std::string custom_id;
    std::string length_text;
    const std::string id_header = text::ascii_lower(options_.warc_id_header);
    bool ended = false;
    for (int n = 0; n < 4096; ++n) {
      if (!stream_->read_line(line, kMaxHeaderLine, too_long)) break;
      if (line.empty()) {
        ended = true;
        break;
      }
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = text::ascii_lower(trim(line.substr(0, colon)));
      const std::string value = trim(line.substr(colon + 1));
      if (name == "warc-type") type = value;
      if (name == "warc-target-uri") uri = value;
      if (name == "warc-record-id") record_id = strip_warc_record_id(value);
      if (name == "content-length") length_text = value;
      if (name == id_header)
        custom_id = name == "warc-record-id" ? strip_warc_record_id(value) : value;
    }
    if (!uri.empty() && uri.front() == '<' && uri.back() == '>')
      uri = uri.substr(1, uri.size() - 2);
    // A header the job names wins; otherwise the URI, the page's own name (docs/cli.md).
    item.id = !custom_id.empty() && id_header != "warc-record-id" ? custom_id
              : !uri.empty()                                      ? uri
                                                                  : record_id;
    item.url = uri;
    if (!ended) {
      item.id.clear();  // headers that do not end are not to be trusted
      fail(item, start,
           stream_->has_error() ? stream_->take_error() : "WARC headers end before a blank line");
      resyncing_ = true;
      return true;
    }
    std::uint64_t length = 0;
    {
      std::size_t used = 0;
      bool ok = !length_text.empty();
      try {
        if (ok) length = std::stoull(length_text, &used);
      } catch (const std::exception&) {
        ok = false;
      }
      if (!ok || used != length_text.size()) {
        item.id.clear();
        fail(item, start, "missing or invalid Content-Length '" + length_text + "'");
        resyncing_ = true;
        return true;
      }
    }
    if (length > options_.max_record_bytes) {
      const std::size_t skipped = stream_->read(nullptr, static_cast<std::size_t>(length));
      fail(item, start,
           "record block of " + std::to_string(length) + " bytes exceeds max_input_bytes" +
               (skipped < length ? " (and the input ends early)" : ""));
      resyncing_ = true;
      return true;
    }
    std::string block;
    const std::size_t got = stream_->read(&block, static_cast<std::size_t>(length));
    if (got < length) {
      std::string message = "Content-Length " + std::to_string(length) +
                            " but the input ends after " + std::to_string(got) + " bytes";
      if (stream_->has_error()) message += " (" + stream_->take_error() + ")";
      fail(item, start, message);
      resyncing_ = true;
      return true;
    }
    std::string trailer;
    stream_->read(&trailer, 4);
    if (trailer != "\r\n\r\n") {
      // The length is wrong: the next record may already be inside what was read.
      block += trailer;
      const std::size_t next = block.find("\nWARC/1.");
      if (next != std::string::npos) {
        stream_->unread(std::string_view(block).substr(next + 1));
      } else {
        stream_->unread(trailer);
      }
      fail(item, start,
           "Content-Length " + std::to_string(length) + " does not match the record block");
      resyncing_ = true;
      return true;
    }
    if (stream_->has_error()) {
      fail(item, start, stream_->take_error());
      resyncing_ = true;
      return true;
    }
    if (type != "response") {
      ++not_documents_;
      continue;
    }

    // HTTP status line and headers; the body is the document.
    std::size_t p = 0;
    auto next_line = [&](std::string& out) {
      const std::size_t eol = block.find('\n', p);
      const std::size_t end = eol == std::string::npos ? block.size() : eol;
      out.assign(block, p, end - p);
      if (!out.empty() && out.back() == '\r') out.pop_back();
      p = eol == std::string::npos ? block.size() : eol + 1;
      return eol != std::string::npos;
    };
    std::string status_line;
    next_line(status_line);
    int status = 0;
    if (status_line.rfind("HTTP/", 0) == 0) {
      const std::size_t space = status_line.find(' ');
      if (space != std::string::npos) status = std::atoi(status_line.c_str() + space + 1);
    }
    if (status == 0) {
      fail(item, start, "response record without an HTTP status line");
      return true;
    }
    std::string content_type;
    std::string transfer_encoding;
    std::string content_encoding;
    bool headers_ended = false;
    while (next_line(line)) {
      if (line.empty()) {
        headers_ended = true;
        break;
      }
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = text::ascii_lower(trim(line.substr(0, colon)));
      const std::string value = trim(line.substr(colon + 1));
      if (name == "content-type") content_type = value;
      if (name == "transfer-encoding") transfer_encoding = text::ascii_lower(value);
      if (name == "content-encoding") content_encoding = text::ascii_lower(value);
    }
    if (status < 200 || status >= 300) {
      ++not_documents_;
      continue;
    }
    if (!headers_ended) {
      fail(item, start, "HTTP headers end before a blank line");
      return true;
    }
    std::string body = block.substr(p);
    block.clear();
    block.shrink_to_fit();
    try {
      if (transfer_encoding.find("chunked") != std::string::npos) body = dechunk(body);
      const bool looks_gzip = body.size() >= 2 && body[0] == '\x1f' && body[1] == '\x8b';
      if (content_encoding == "gzip" || content_encoding == "x-gzip") {
        // Some crawlers store the decoded body but keep the header.
        if (looks_gzip) body = inflate_body(body, false, options_.max_record_bytes);
      } else if (content_encoding == "deflate") {
        const bool zlib_header =
            body.size() >= 2 && (static_cast<unsigned char>(body[0]) & 0x0f) == 8 &&
            ((static_cast<unsigned char>(body[0]) << 8) | static_cast<unsigned char>(body[1])) %
                    31 ==
                0;
        body = inflate_body(body, !zlib_header, options_.max_record_bytes);
      } else if (!content_encoding.empty() && content_encoding != "identity") {
        throw std::runtime_error("unsupported Content-Encoding '" + content_encoding + "'");
      }
    } catch (const std::exception& e) {
      fail(item, start, e.what());
      return true;
    }
    if (item.id.empty()) item.id = file_id_ + "@" + std::to_string(record_offset(start));
    item.source = source_ + "@" + std::to_string(record_offset(start));
    item.http_charset = charset_of(content_type);
    item.bytes = std::move(body);
    return true;
  }
}

}  // namespace clearpage::core
