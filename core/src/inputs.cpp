#include "clearpage/core/inputs.hpp"

#include "clearpage/core/record_inputs.hpp"

#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>
#include <zlib.h>

#include <boost/uuid/detail/sha1.hpp>

#include <algorithm>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <unordered_set>

namespace clearpage::core {

namespace fs = std::filesystem;

std::string path_id(const fs::path& path, const fs::path& root) {
  if (root.empty()) return path.lexically_normal().generic_string();
  return path.lexically_relative(root).lexically_normal().generic_string();
}

IdScheme parse_id_scheme(const std::string& name) {
  if (name == "auto") return IdScheme::kAuto;
  if (name == "path") return IdScheme::kPath;
  if (name == "url") return IdScheme::kUrl;
  if (name == "sha1") return IdScheme::kSha1;
  throw std::invalid_argument("unknown id scheme '" + name + "': expected auto, path, url or sha1");
}

std::string WalkNotes::line() const {
  std::string out;
  const auto add = [&](std::size_t n, const char* what) {
    if (n == 0) return;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(hidden, "hidden entries skipped");
  add(filtered, "files left out by extension or include/exclude");
  add(loops, "directories skipped as symlink loops or repeats");
  add(renamed, "repeated ids numbered");
  return out;
}

namespace {

bool has_glob_chars(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string sha1_hex(std::string_view bytes) {
  boost::uuids::detail::sha1 hash;
  hash.process_bytes(bytes.data(), bytes.size());
  unsigned int digest[5];
  hash.get_digest(digest);
  char out[41];
  for (int i = 0; i < 5; ++i) std::snprintf(out + 8 * i, 9, "%08x", digest[i]);
  return std::string(out, 40);
}

}  // namespace

std::vector<std::string> check_input_specs(const std::vector<std::string>& specs) {
  std::vector<std::string> problems;
  for (const auto& spec : specs) {
    if (spec == "-") continue;
    std::error_code ec;
    if (spec.size() > 1 && spec[0] == '@') {
      std::ifstream list(spec.substr(1));
      if (!list) problems.push_back(spec.substr(1) + ": cannot read the input list");
      continue;
    }
    if (fs::exists(spec, ec)) continue;
    if (has_glob_chars(spec)) {
      glob_t matches{};
      const int rc = glob(spec.c_str(), 0, nullptr, &matches);
      globfree(&matches);
      if (rc != 0) problems.push_back(spec + ": pattern matches no file");
      continue;
    }
    problems.push_back(spec + ": no such file or directory");
  }
  return problems;
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
  // A path still to expand; `root` is the directory it was found under (empty when it
  // was named itself or matched a glob), and names its id.
  struct Pending {
    fs::path path;
    fs::path root;
  };
  std::vector<std::string> specs;
  std::size_t next_spec = 0;
  std::deque<Pending> pending;    // files and directories still to expand, in order
  std::vector<fs::path> outputs;  // absolute, normalised
  std::size_t seq = 0;
  InputOptions options;
  std::unique_ptr<RecordReader> records;  // the record file being read
  std::string records_id;                 // that file's id
  std::size_t not_documents = 0;
  std::unique_ptr<std::ifstream> list;  // the @list file being read
  std::string list_name;
  WalkNotes notes;
  bool uncounted = false;                    // count_only met records it did not read
  std::set<std::pair<dev_t, ino_t>> walked;  // directories already expanded
  // Hashes of the ids given so far; a repeated id is numbered. 8 bytes an input, not
  // the whole id.
  std::unordered_set<std::uint64_t> issued;

  void end_records() {
    if (records) not_documents += records->not_documents();
    records.reset();
  }

  bool is_output(const fs::path& path) const {
    if (outputs.empty()) return false;
    const fs::path absolute = fs::absolute(path).lexically_normal();
    for (const auto& output : outputs) {
      if (absolute == output) return true;
      if (absolute.parent_path() != output.parent_path()) continue;
      // Its temp files, its resume state and the merge of a killed run's lines.
      const std::string name = absolute.filename().string();
      const std::string base = output.filename().string();
      for (const char* suffix : {".partial-", ".resume.json", ".salvage"}) {
        if (name.rfind(base + suffix, 0) == 0) return true;
      }
    }
    return false;
  }

  // Whether a file found by a directory walk is taken.
  bool selected(const fs::path& path, const fs::path& root) const {
    const std::string relative = path_id(path, root);
    const std::string name = path.filename().string();
    const auto matches = [&](const std::vector<std::string>& globs) {
      return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
        return fnmatch(glob.c_str(), relative.c_str(), 0) == 0 ||
               fnmatch(glob.c_str(), name.c_str(), 0) == 0;
      });
    };
    bool taken = false;
    if (options.include.empty()) {
      const std::string lowered = lower_ascii(name);
      for (const char* extension : kDefaultExtensions) {
        const std::string e(extension);
        if (lowered.size() > e.size() &&
            lowered.compare(lowered.size() - e.size(), e.size(), e) == 0) {
          taken = true;
        }
      }
    } else {
      taken = matches(options.include);
    }
    return taken && !matches(options.exclude);
  }

  std::vector<Pending> children(const fs::path& dir, const fs::path& root) {
    std::vector<Pending> out;
    struct stat info {};
    if (::stat(dir.c_str(), &info) == 0 && !walked.insert({info.st_dev, info.st_ino}).second) {
      ++notes.loops;
      return out;
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name[0] == '.') {
        ++notes.hidden;  // hidden folders, dot files and editor droppings
        continue;
      }
      const bool is_dir = entry.is_directory(ec);
      if (!is_dir && !selected(entry.path(), root)) {
        if (!is_output(entry.path())) ++notes.filtered;
        continue;
      }
      out.push_back({entry.path(), root});
    }
    std::sort(out.begin(), out.end(),
              [](const Pending& a, const Pending& b) { return a.path < b.path; });
    return out;
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

const WalkNotes& InputEnumerator::notes() const {
  return state_->notes;
}

bool InputEnumerator::counted_exactly() const {
  return !state_->uncounted;
}

bool InputEnumerator::next(InputItem& item) {
  if (!next_input(item)) return false;
  name_item(item);
  return true;
}

// Applies the id scheme, then makes the id unique.
void InputEnumerator::name_item(InputItem& item) {
  State& s = *state_;
  // Items of a record file come while its reader is open.
  const bool record = s.records != nullptr && item.source.rfind('@') != std::string::npos;
  switch (s.options.id_scheme) {
    case IdScheme::kAuto:
      break;
    case IdScheme::kPath:
      if (record) item.id = s.records_id + item.source.substr(item.source.rfind('@'));
      break;
    case IdScheme::kUrl:
      if (!item.url.empty()) item.id = item.url;
      break;
    case IdScheme::kSha1:
      if (!item.error.empty()) break;
      try {
        // Read here, once: the worker uses these bytes.
        if (!item.bytes) item.bytes = load_input_bytes(item, s.options.max_record_bytes);
        item.id = sha1_hex(*item.bytes);
      } catch (const std::exception& e) {
        item.error = e.what();
      }
      break;
  }
  const auto hash = [](const std::string& id) { return std::hash<std::string>{}(id); };
  if (s.issued.insert(hash(item.id)).second) return;
  // Only ids whose hash is new are issued, so no two issued ids are equal.
  for (std::size_t n = 2;; ++n) {
    const std::string candidate = item.id + "#" + std::to_string(n);
    if (s.issued.insert(hash(candidate)).second) {
      item.id = candidate;
      ++s.notes.renamed;
      return;
    }
  }
}

bool InputEnumerator::next_input(InputItem& item) {
  State& s = *state_;
  const auto error_item = [&](const std::string& source, const std::string& message,
                              const fs::path& root = {}) {
    item = InputItem{};
    item.seq = s.seq++;
    item.source = source;
    item.id = path_id(source, root);
    item.error = message;
  };
  while (true) {
    if (s.records) {
      bool more = false;
      try {
        more = s.records->next(item);
      } catch (const std::exception& e) {
        // A read failure ends this file; the error is one more input.
        const std::string id = s.records_id;
        s.end_records();
        error_item("record input", e.what());
        item.id = id + "@error";
        return true;
      }
      if (more) {
        item.seq = s.seq++;
        return true;
      }
      s.end_records();
    }
    if (!s.pending.empty()) {
      const State::Pending next = s.pending.front();
      s.pending.pop_front();
      const fs::path& path = next.path;
      std::error_code ec;
      if (fs::is_directory(path, ec)) {
        // A directory named itself is the root of what is found under it.
        const fs::path root = next.root.empty() ? path : next.root;
        const auto children = s.children(path, root);
        s.pending.insert(s.pending.begin(), children.begin(), children.end());
        continue;
      }
      if (s.is_output(path)) continue;
      if (!fs::exists(path, ec)) {
        error_item(path.string(), path.string() + ": no such file or directory", next.root);
        return true;
      }
      if (const auto format = record_format_for(path); format && s.options.count_only) {
        s.uncounted = true;
        continue;
      } else if (format) {
        s.records_id = path_id(path, next.root);
        try {
          s.records = std::make_unique<RecordReader>(path, *format, s.options, s.records_id);
        } catch (const std::exception& e) {
          error_item(path.string(), e.what(), next.root);
          return true;
        }
        continue;
      }
      item = InputItem{};
      item.seq = s.seq++;
      item.path = path;
      item.source = path.string();
      item.id = path_id(path, next.root);
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
      if (s.options.count_only) {
        s.uncounted = true;
        continue;
      }
      if (s.options.stdin_format) {
        s.records_id = "stdin";
        s.records =
            std::make_unique<RecordReader>(fs::path(), *s.options.stdin_format, s.options, "stdin");
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
          s.pending.push_back({matches.gl_pathv[i], {}});
      }
      globfree(&matches);
      if (rc != 0) {
        error_item(spec, spec + ": pattern matches no file");
        return true;
      }
      continue;
    }
    s.pending.push_back({spec, {}});
  }
}

}  // namespace clearpage::core
