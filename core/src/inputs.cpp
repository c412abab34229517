#include "clearpage/core/inputs.hpp"

#include "clearpage/core/record_inputs.hpp"

#include <glob.h>
#include <zlib.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>

namespace clearpage::core {

namespace fs = std::filesystem;

std::string id_from_path(const fs::path& path) {
  std::string name = path.filename().string();
  static const char* const kSuffixes[] = {".gz", ".html", ".htm", ".txt"};
  for (const char* suffix : kSuffixes) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      name.resize(name.size() - s.size());
    }
  }
  return name;
}

namespace {

std::string inflate_gzip(const std::string& compressed, std::uint64_t max_bytes,
                         const std::string& source) {
  z_stream stream{};
  // 16 + MAX_WBITS: gzip framing; concatenated members are handled by the loop.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("zlib init failed");
  std::string out;
  // The trailer's ISIZE is the (last member's) size mod 2^32: a hint against regrowing the
  // string, capped by what deflate can expand to and by the limit.
  if (compressed.size() >= 18) {
    const auto byte = [&](std::size_t i) {
      return static_cast<std::uint64_t>(static_cast<unsigned char>(compressed[i]));
    };
    const std::size_t n = compressed.size();
    const std::uint64_t isize =
        byte(n - 4) | byte(n - 3) << 8 | byte(n - 2) << 16 | byte(n - 1) << 24;
    const std::uint64_t cap = std::min<std::uint64_t>(max_bytes, std::uint64_t{n} * 1032);
    out.reserve(static_cast<std::size_t>(std::min(isize, cap)));
  }
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      throw std::runtime_error(source + ": inflated size exceeds max_input_bytes (" +
                               std::to_string(max_bytes) + ")");
    }
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // next gzip member
    }
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) {
    throw std::runtime_error(source + ": truncated or corrupt gzip data at compressed offset " +
                             std::to_string(stream.total_in));
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string load_input_bytes(const InputItem& item, std::uint64_t max_bytes) {
  if (item.bytes) {
    if (item.bytes->size() > max_bytes) {
      throw std::runtime_error(item.source + ": input size " + std::to_string(item.bytes->size()) +
                               " exceeds max_input_bytes (" + std::to_string(max_bytes) + ")");
    }
    return *item.bytes;
  }
  std::error_code ec;
  if (!fs::is_regular_file(item.path, ec)) {
    throw std::runtime_error(item.source + ": not a regular file or does not exist");
  }
  const std::uintmax_t size = fs::file_size(item.path, ec);
  if (ec) throw std::runtime_error(item.source + ": cannot stat: " + ec.message());
  if (size > max_bytes) {
    throw std::runtime_error(item.source + ": file size " + std::to_string(size) +
                             " exceeds max_input_bytes (" + std::to_string(max_bytes) + ")");
  }
  std::ifstream in(item.path, std::ios::binary);
  if (!in) throw std::runtime_error(item.source + ": cannot open");
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (ends_with(item.path.string(), ".gz")) return inflate_gzip(data, max_bytes, item.source);
  return data;
}

struct InputEnumerator::State {
  std::vector<std::string> specs;
  std::size_t next_spec = 0;
  std::deque<fs::path> pending;   // files and directories still to expand, in order
  std::vector<fs::path> outputs;  // absolute, normalised
  std::size_t seq = 0;
  InputOptions options;
  std::unique_ptr<RecordReader> records;  // the record file being read
  std::size_t not_documents = 0;
  std::unique_ptr<std::ifstream> list;  // the @list file being read
  std::string list_name;

  void end_records() {
    if (records) not_documents += records->not_documents();
    records.reset();
  }

  bool is_output(const fs::path& path) const {
    if (outputs.empty()) return false;
    const fs::path absolute = fs::absolute(path).lexically_normal();
    for (const auto& output : outputs) {
      if (absolute == output) return true;
      if (absolute.parent_path() == output.parent_path() &&
          absolute.filename().string().rfind(output.filename().string() + ".partial-", 0) == 0) {
        return true;
      }
    }
    return false;
  }
};

InputEnumerator::InputEnumerator(std::vector<std::string> specs, std::vector<fs::path> outputs,
                                 InputOptions options)
    : state_(std::make_unique<State>()) {
  state_->specs = std::move(specs);
  state_->options = std::move(options);
  for (const auto& output : outputs) {
    if (!output.empty() && output != "-") {
      state_->outputs.push_back(fs::absolute(output).lexically_normal());
    }
  }
}

InputEnumerator::~InputEnumerator() = default;

std::size_t InputEnumerator::not_documents() const {
  return state_->not_documents + (state_->records ? state_->records->not_documents() : 0);
}

namespace {

bool has_glob_chars(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

std::vector<fs::path> sorted_children(const fs::path& dir) {
  std::vector<fs::path> children;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] == '.') continue;  // hidden files and editor droppings
    children.push_back(entry.path());
  }
  std::sort(children.begin(), children.end());
  return children;
}

}  // namespace

bool InputEnumerator::next(InputItem& item) {
  State& s = *state_;
  const auto error_item = [&](const std::string& source, const std::string& message) {
    item = InputItem{};
    item.seq = s.seq++;
    item.source = source;
    item.id = id_from_path(source);
    item.error = message;
  };
  while (true) {
    if (s.records) {
      bool more = false;
      try {
        more = s.records->next(item);
      } catch (const std::exception& e) {
        // A read failure ends this file; the error is one more input.
        const std::string source = "record input";
        s.end_records();
        error_item(source, e.what());
        return true;
      }
      if (more) {
        item.seq = s.seq++;
        return true;
      }
      s.end_records();
    }
    if (!s.pending.empty()) {
      const fs::path path = s.pending.front();
      s.pending.pop_front();
      std::error_code ec;
      if (fs::is_directory(path, ec)) {
        const auto children = sorted_children(path);
        s.pending.insert(s.pending.begin(), children.begin(), children.end());
        continue;
      }
      if (s.is_output(path)) continue;
      if (!fs::exists(path, ec)) {
        error_item(path.string(), path.string() + ": no such file or directory");
        return true;
      }
      if (const auto format = record_format_for(path)) {
        try {
          s.records = std::make_unique<RecordReader>(path, *format, s.options);
        } catch (const std::exception& e) {
          error_item(path.string(), e.what());
          return true;
        }
        continue;
      }
      item = InputItem{};
      item.seq = s.seq++;
      item.path = path;
      item.source = path.string();
      item.id = id_from_path(path);
      return true;
    }
    std::string spec;
    if (s.list) {
      if (!std::getline(*s.list, spec)) {
        s.list.reset();
        continue;
      }
      while (!spec.empty() && (spec.back() == '\r' || spec.back() == ' ' || spec.back() == '\t')) {
        spec.pop_back();
      }
      const std::size_t first = spec.find_first_not_of(" \t");
      if (first == std::string::npos || spec[first] == '#') continue;
      spec = spec.substr(first);
    } else {
      if (s.next_spec >= s.specs.size()) return false;
      spec = s.specs[s.next_spec++];
      if (spec.size() > 1 && spec[0] == '@') {
        s.list_name = spec.substr(1);
        s.list = std::make_unique<std::ifstream>(s.list_name);
        if (!*s.list) {
          s.list.reset();
          error_item(s.list_name, s.list_name + ": cannot read the input list");
          return true;
        }
        continue;
      }
    }
    if (spec == "-") {
      if (s.options.stdin_format) {
        s.records = std::make_unique<RecordReader>(fs::path(), *s.options.stdin_format, s.options);
        continue;
      }
      item = InputItem{};
      item.seq = s.seq++;
      item.source = "-";
      item.id = "stdin";
      item.bytes = std::string(std::istreambuf_iterator<char>(std::cin), {});
      return true;
    }
    std::error_code ec;
    if (has_glob_chars(spec) && !fs::exists(spec, ec)) {
      glob_t matches{};
      const int rc = glob(spec.c_str(), 0, nullptr, &matches);
      if (rc == 0) {
        for (std::size_t i = 0; i < matches.gl_pathc; ++i)
          s.pending.emplace_back(matches.gl_pathv[i]);
      }
      globfree(&matches);
      if (rc != 0) {
        error_item(spec, spec + ": pattern matches no file");
        return true;
      }
      continue;
    }
    s.pending.emplace_back(spec);
  }
}

}  // namespace clearpage::core
