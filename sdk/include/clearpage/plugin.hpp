// Plugin ABI: one extern "C" info record and one registration entry point per library.
//
// A plugin library writes, in exactly one source file:
//
//   static void register_stages(clearpage::Registry& registry) { registry.add_cleaner(...); }
//   CLEARPAGE_PLUGIN("myplugin", "1.0.0", register_stages)
//
// The host reads the info record from the file before loading it, and refuses a
// library built against another SDK major, or whose API version or ABI tag differs
// from its own.
#pragma once

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clearpage/options.hpp"
#include "clearpage/stage.hpp"
#include "clearpage/version.hpp"

namespace clearpage {

enum class StageKind { kReader, kCleaner, kWriter };

const char* to_string(StageKind kind);

struct StageInfo {
  std::string name;
  StageKind kind = StageKind::kCleaner;
  std::string description;
  std::vector<OptionSpec> options;
};

using ReaderFactory = std::function<std::unique_ptr<Reader>(const StageContext&)>;
using CleanerFactory = std::function<std::unique_ptr<Cleaner>(const StageContext&)>;
using WriterFactory = std::function<std::unique_ptr<Writer>(const StageContext&)>;

// Implemented by the host; a plugin's entry point adds its stages to it.
class Registry {
 public:
  virtual ~Registry() = default;
  virtual void add_reader(StageInfo info, ReaderFactory factory) = 0;
  virtual void add_cleaner(StageInfo info, CleanerFactory factory) = 0;
  virtual void add_writer(StageInfo info, WriterFactory factory) = 0;
};

using RegisterFunction = void(Registry&);

}  // namespace clearpage

extern "C" {
// Fixed-size fields and no pointers, so the host can read the record from the file
// without running any of the library's code.
struct clearpage_plugin_info {
  std::uint32_t api_version;
  char name[64];
  char version[32];
  char abi_tag[128];
  // The SDK the plugin was built against (CLEARPAGE_SDK_VERSION_*).
  std::uint32_t sdk_major;
  std::uint32_t sdk_minor;
};
}

#define CLEARPAGE_PLUGIN_INFO_SECTION "clearpage_info"
#define CLEARPAGE_PLUGIN_INFO_SYMBOL "clearpage_plugin_info_record"
#define CLEARPAGE_PLUGIN_REGISTER_SYMBOL "clearpage_register"

// Lower-level form: lets tests build plugins with a deliberately wrong record.
#define CLEARPAGE_PLUGIN_WITH_RECORD(API, NAME, VERSION, ABI, SDK_MAJOR, REGISTER_FN)          \
  extern "C" BOOST_SYMBOL_EXPORT __attribute__((section(CLEARPAGE_PLUGIN_INFO_SECTION), used)) \
  const clearpage_plugin_info clearpage_plugin_info_record = {                                 \
      API, NAME, VERSION, ABI, SDK_MAJOR, CLEARPAGE_SDK_VERSION_MINOR};                        \
  namespace clearpage_plugin_entry {                                                           \
  void clearpage_register_stages(::clearpage::Registry& registry) {                            \
    REGISTER_FN(registry);                                                                     \
  }                                                                                            \
  }                                                                                            \
  BOOST_DLL_ALIAS(clearpage_plugin_entry::clearpage_register_stages, clearpage_register)

#define CLEARPAGE_PLUGIN(NAME, VERSION, REGISTER_FN)                                    \
  CLEARPAGE_PLUGIN_WITH_RECORD(CLEARPAGE_API_VERSION, NAME, VERSION, CLEARPAGE_ABI_TAG, \
                               CLEARPAGE_SDK_VERSION_MAJOR, REGISTER_FN)
