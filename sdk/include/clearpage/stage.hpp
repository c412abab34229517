// The three stage kinds a plugin can provide.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "clearpage/document.hpp"
#include "clearpage/options.hpp"

namespace spdlog {
class logger;
}

namespace clearpage {

// One input as the host hands it to a reader. The bytes stay valid during read().
struct Input {
  std::string id;
  std::string source;        // path or URI
  std::string url;           // page URL from a record, when known
  std::string http_charset;  // charset from an HTTP header, when known
  std::string_view bytes;
};

// What the host gives every stage instance: its validated options and its logger.
struct StageContext {
  std::string stage_name;  // the plugin's stage name
  Options options;
  std::shared_ptr<spdlog::logger> logger;
};

// Probe scores: 0 declines; a site-specific stage should score above a generic one.
inline constexpr int kProbeDecline = 0;
inline constexpr int kProbeGeneric = 10;
inline constexpr int kProbeLikely = 50;
inline constexpr int kProbeCertain = 100;

// Instances are created once per worker thread, so they need no locking.
class Reader {
 public:
  virtual ~Reader() = default;
  // Cheap look at the input; must not parse it fully.
  virtual int probe(const Input& input) const = 0;
  // Throws std::exception (or returns a Document with errors) on bad input.
  virtual Document read(const Input& input) = 0;
};

class Cleaner {
 public:
  virtual ~Cleaner() = default;
  // Whether this cleaner applies to the document; site plugins override it.
  virtual int probe(const Document&) const { return kProbeGeneric; }
  virtual void clean(Document& doc) = 0;
};

// One writer instance per job; the host calls it from one thread, in output order.
class Writer {
 public:
  virtual ~Writer() = default;
  // `path` is the final output path; writers write somewhere safe and commit in close().
  virtual void open(const std::string& path) = 0;
  virtual void write(const Document& doc) = 0;
  virtual void close() = 0;
};

}  // namespace clearpage
