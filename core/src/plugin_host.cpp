#include "clearpage/core/plugin_host.hpp"

#include <dlfcn.h>
#include <elf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace clearpage::core {

namespace fs = std::filesystem;

namespace {

std::string field(const char* chars, std::size_t size) {
  return std::string(chars, strnlen(chars, size));
}

// Reads the parts of a library that the info record needs, not the whole file: with
// debug information, plugins run to megabytes each, and every run loads them all.
class FileRange {
 public:
  explicit FileRange(const fs::path& path) : in_(path, std::ios::binary) {
    if (!in_) throw PluginLoadError(path.string() + ": cannot open");
    size_ = static_cast<std::uint64_t>(fs::file_size(path));
  }
  std::uint64_t size() const { return size_; }
  // Reads `bytes` at `offset`; false when the file is shorter.
  bool read(std::uint64_t offset, void* out, std::size_t bytes) {
    if (offset > size_ || bytes > size_ - offset) return false;
    in_.seekg(static_cast<std::streamoff>(offset));
    in_.read(static_cast<char*>(out), static_cast<std::streamsize>(bytes));
    return static_cast<std::size_t>(in_.gcount()) == bytes;
  }

 private:
  std::ifstream in_;
  std::uint64_t size_ = 0;
};

// Plugins live in directories only their owner can change; anything else could
// let another user run code inside every job.
void check_safe_location(const fs::path& path) {
  struct stat file_stat {};
  if (lstat(path.c_str(), &file_stat) != 0) {
    throw PluginLoadError(path.string() + ": cannot stat: " + std::strerror(errno));
  }
  if (!S_ISREG(file_stat.st_mode)) {
    throw PluginLoadError(path.string() + ": refused: not a regular file");
  }
  struct stat dir_stat {};
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (stat(dir.c_str(), &dir_stat) == 0 && (dir_stat.st_mode & S_IWOTH)) {
    throw PluginLoadError(path.string() + ": refused: directory " + dir.string() +
                          " is world-writable");
  }
  if (file_stat.st_mode & S_IWOTH) {
    throw PluginLoadError(path.string() + ": refused: file is world-writable");
  }
}

}  // namespace

clearpage_plugin_info host_plugin_info() {
  clearpage_plugin_info info{};
  info.api_version = CLEARPAGE_API_VERSION;
  std::snprintf(info.name, sizeof info.name, "%s", "clearpage");
  std::snprintf(info.version, sizeof info.version, "%s", CLEARPAGE_VERSION_STRING);
  std::snprintf(info.abi_tag, sizeof info.abi_tag, "%s", CLEARPAGE_ABI_TAG);
  info.sdk_major = CLEARPAGE_SDK_VERSION_MAJOR;
  info.sdk_minor = CLEARPAGE_SDK_VERSION_MINOR;
  return info;
}

clearpage_plugin_info read_plugin_info(const fs::path& path) {
  FileRange file(path);
  const auto fail = [&](const std::string& why) {
    return PluginLoadError(path.string() + ": " + why);
  };
  Elf64_Ehdr header;
  if (!file.read(0, &header, sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
    throw fail("not an ELF shared library");
  }
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB) {
    throw fail("not a 64-bit little-endian ELF library");
  }
  if (header.e_type != ET_DYN) throw fail("not a shared library");
  const auto section_at = [&](std::size_t index) {
    Elf64_Shdr section;
    const std::uint64_t offset = header.e_shoff + index * sizeof(Elf64_Shdr);
    if (header.e_shentsize != sizeof(Elf64_Shdr) || !file.read(offset, &section, sizeof section)) {
      throw fail("corrupt ELF section table");
    }
    return section;
  };
  if (header.e_shstrndx >= header.e_shnum) throw fail("corrupt ELF section table");
  const Elf64_Shdr names = section_at(header.e_shstrndx);
  // The section names, cut at the end of the file as a whole read would have been.
  std::string name_table;
  if (names.sh_offset < file.size()) {
    name_table.resize(static_cast<std::size_t>(
        std::min<std::uint64_t>(names.sh_size, file.size() - names.sh_offset)));
    if (!file.read(names.sh_offset, name_table.data(), name_table.size())) {
      throw fail("corrupt ELF section table");
    }
  }
  for (std::size_t i = 0; i < header.e_shnum; ++i) {
    const Elf64_Shdr section = section_at(i);
    if (section.sh_name >= name_table.size()) continue;
    const char* name = name_table.data() + section.sh_name;
    const std::size_t max_name = name_table.size() - section.sh_name;
    if (strnlen(name, max_name) == max_name) continue;
    if (std::strcmp(name, CLEARPAGE_PLUGIN_INFO_SECTION) != 0) continue;
    // Records from before the SDK version was in them end at abi_tag: their SDK reads
    // as 0, so they are refused by name rather than as malformed.
    clearpage_plugin_info info{};
    const std::size_t size = std::min<std::uint64_t>(section.sh_size, sizeof info);
    if (section.sh_type != SHT_PROGBITS || size < offsetof(clearpage_plugin_info, sdk_major) ||
        !file.read(section.sh_offset, &info, size)) {
      throw fail("malformed clearpage_info section");
    }
    return info;
  }
  throw fail("not a clearpage plugin: no " CLEARPAGE_PLUGIN_INFO_SECTION " record");
}

class PluginHost::HostRegistry : public Registry {
 public:
  HostRegistry(PluginHost& host, LoadedPlugin& plugin) : host_(host), plugin_(plugin) {}

  void add_reader(StageInfo info, ReaderFactory factory) override {
    info.kind = StageKind::kReader;
    RegisteredStage stage{std::move(info), plugin_.name, std::move(factory), {}, {}};
    add(std::move(stage));
  }
  void add_cleaner(StageInfo info, CleanerFactory factory) override {
    info.kind = StageKind::kCleaner;
    RegisteredStage stage{std::move(info), plugin_.name, {}, std::move(factory), {}};
    add(std::move(stage));
  }
  void add_writer(StageInfo info, WriterFactory factory) override {
    info.kind = StageKind::kWriter;
    RegisteredStage stage{std::move(info), plugin_.name, {}, {}, std::move(factory)};
    add(std::move(stage));
  }

  std::vector<RegisteredStage> added;

 private:
  void add(RegisteredStage stage) {
    const std::string& name = stage.info.name;
    if (name.empty())
      throw PluginLoadError(plugin_.path.string() + ": registers a stage with no name");
    if (host_.stages_.count(name)) {
      throw PluginLoadError(plugin_.path.string() + ": stage '" + name +
                            "' is already registered by plugin '" + host_.stages_.at(name).plugin +
                            "'");
    }
    for (const auto& other : added) {
      if (other.info.name == name) {
        throw PluginLoadError(plugin_.path.string() + ": registers stage '" + name + "' twice");
      }
    }
    added.push_back(std::move(stage));
  }

  PluginHost& host_;
  LoadedPlugin& plugin_;
};

PluginHost::PluginHost() = default;
PluginHost::~PluginHost() = default;

void PluginHost::load_file(const fs::path& path) {
  check_safe_location(path);
  const clearpage_plugin_info info = read_plugin_info(path);
  const clearpage_plugin_info expected = host_plugin_info();
  if (info.sdk_major != expected.sdk_major) {
    throw PluginLoadError(
        path.string() + ": refused: plugin '" + field(info.name, sizeof info.name) + "' " +
        field(info.version, sizeof info.version) + " was built against SDK " +
        std::to_string(info.sdk_major) + "." + std::to_string(info.sdk_minor) +
        "; this host's SDK is " + CLEARPAGE_SDK_VERSION_STRING +
        ": rebuild the plugin against SDK " + std::to_string(expected.sdk_major) + ".x");
  }
  if (info.api_version != expected.api_version) {
    throw PluginLoadError(path.string() + ": refused: plugin API version " +
                          std::to_string(info.api_version) + ", host API version " +
                          std::to_string(expected.api_version));
  }
  const std::string abi = field(info.abi_tag, sizeof info.abi_tag);
  const std::string host_abi = field(expected.abi_tag, sizeof expected.abi_tag);
  if (abi != host_abi) {
    throw PluginLoadError(path.string() + ": refused: plugin ABI tag '" + abi +
                          "', host ABI tag '" + host_abi + "'");
  }
  const std::string name = field(info.name, sizeof info.name);
  for (const auto& loaded : plugins_) {
    if (loaded.name == name) {
      throw PluginLoadError(path.string() + ": plugin '" + name + "' is already loaded from " +
                            loaded.path.string());
    }
  }

  boost::dll::shared_library library;
  try {
    library.load(boost::dll::fs::path(path.string()),
                 boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw PluginLoadError(path.string() + ": cannot load: " + e.what());
  }
  if (!library.has(CLEARPAGE_PLUGIN_INFO_SYMBOL)) {
    throw PluginLoadError(path.string() +
                          ": refused: missing symbol " CLEARPAGE_PLUGIN_INFO_SYMBOL);
  }
  if (!library.has(CLEARPAGE_PLUGIN_REGISTER_SYMBOL)) {
    throw PluginLoadError(path.string() +
                          ": refused: missing symbol " CLEARPAGE_PLUGIN_REGISTER_SYMBOL);
  }
  // Stages hold code and vtables from the library, so it must outlive every
  // object it made: mark it resident, as GStreamer does, and never unload it.
  if (!dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) {
    throw PluginLoadError(path.string() + ": cannot make resident: " + dlerror());
  }

  LoadedPlugin plugin{path, name, field(info.version, sizeof info.version), {}};
  HostRegistry registry(*this, plugin);
  auto& register_stages = library.get_alias<RegisterFunction>(CLEARPAGE_PLUGIN_REGISTER_SYMBOL);
  try {
    register_stages(registry);
  } catch (const PluginLoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginLoadError(path.string() + ": registration failed: " + e.what());
  }
  for (auto& stage : registry.added) {
    plugin.stages.push_back(stage.info.name);
    const std::string stage_name = stage.info.name;
    stages_.emplace(stage_name, std::move(stage));
  }
  plugins_.push_back(std::move(plugin));
}

std::vector<std::string> PluginHost::load_directory(const fs::path& dir) {
  std::vector<std::string> refusals;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return refusals;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".so") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    try {
      load_file(file);
    } catch (const PluginLoadError& e) {
      refusals.emplace_back(e.what());
    }
  }
  return refusals;
}

const RegisteredStage* PluginHost::find_stage(const std::string& name) const {
  auto it = stages_.find(name);
  return it == stages_.end() ? nullptr : &it->second;
}

fs::path PluginHost::builtin_plugin_dir() {
  const fs::path exe(boost::dll::program_location().string());
  return (exe.parent_path() / ".." / "lib" / "clearpage" / "plugins").lexically_normal();
}

std::vector<fs::path> PluginHost::search_path(const std::vector<std::string>& extra_dirs) {
  std::vector<fs::path> dirs{builtin_plugin_dir()};
  for (const auto& dir : extra_dirs) dirs.emplace_back(dir);
  if (const char* env = std::getenv("CLEARPAGE_PLUGIN_PATH")) {
    std::stringstream parts(env);
    std::string part;
    while (std::getline(parts, part, ':')) {
      // An empty entry would otherwise mean the working directory.
      if (!part.empty()) dirs.emplace_back(part);
    }
  }
  return dirs;
}

}  // namespace clearpage::core
