// Writes one JSON object per document, one per line.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "clearpage/document_json.hpp"
#include "clearpage/plugin.hpp"

namespace clearpage::plugins {

namespace {

namespace fs = std::filesystem;

class JsonlWriter final : public Writer {
 public:
  explicit JsonlWriter(const StageContext& context)
      : append_(context.options.has("append") && context.options.get_bool("append")) {}
  ~JsonlWriter() override {
    // Never leave a partial file where the finished one would be.
    if (file_.is_open()) {
      file_.close();
      std::error_code ec;
      fs::remove(temp_path_, ec);
    }
  }

  void open(const std::string& path) override {
    if (path == "-") {
      to_stdout_ = true;
      return;
    }
    final_path_ = path;
    std::error_code ec;
    // Found now, not at the rename after all the work.
    if (fs::is_directory(path, ec)) throw std::runtime_error(path + ": is a directory");
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    temp_path_ = path + ".partial-" + std::to_string(::getpid());
    // Appending copies the finished records first: until the rename they stay untouched.
    if (append_ && fs::exists(path, ec)) {
      fs::copy_file(path, temp_path_, fs::copy_options::overwrite_existing);
      file_.open(temp_path_, std::ios::binary | std::ios::app);
    } else {
      file_.open(temp_path_, std::ios::binary | std::ios::trunc);
    }
    if (!file_) throw std::runtime_error("cannot open " + temp_path_ + " for writing");
  }

  void write(const Document& doc) override {
    std::ostream& out = to_stdout_ ? std::cout : static_cast<std::ostream&>(file_);
    out << document_to_json_line(doc) << '\n';
    // On a pipe each record goes out whole and at once: a reader may wait for it.
    if (to_stdout_) out.flush();
    if (!out)
      throw std::runtime_error("write failed: " +
                               (to_stdout_ ? std::string("stdout") : temp_path_));
  }

  void close() override {
    if (to_stdout_) {
      std::cout.flush();
      return;
    }
    file_.flush();
    file_.close();
    if (file_.fail()) throw std::runtime_error("write failed: " + temp_path_);
    // The rename is atomic: readers see the old file or the finished one.
    fs::rename(temp_path_, final_path_);
  }

 private:
  bool append_ = false;
  bool to_stdout_ = false;
  std::string final_path_;
  std::string temp_path_;
  std::ofstream file_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "jsonl";
  info.description = "one JSON object per document per line (schema in docs/output.md)";
  info.options = {
      {"path", OptionType::kString, std::string(),
       "output file; empty means the job's output; \"-\" is stdout", false, true},
      {"append", OptionType::kBoolean, false,
       "keep the records already in the output file and add new ones after them (run --resume)",
       false},
  };
  registry.add_writer(std::move(info), [](const StageContext& context) {
    return std::make_unique<JsonlWriter>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("jsonl", "0.1.0", clearpage::plugins::register_stages)
