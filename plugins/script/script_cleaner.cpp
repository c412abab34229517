// Detects whether a Document is written in Simplified (Hans) or Traditional (Hant) Chinese
// and, when asked, converts it with OpenCC.
#include <opencc/opencc.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "clearpage/plugin.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins::script {

namespace {

constexpr const char* kPlugin = "script";
// Detection reads at most this much text; the script of a page is settled well before.
constexpr std::size_t kSampleBytes = 64 * 1024;

// A configuration's dictionaries take tens of milliseconds to load, and OpenCC's
// converters are safe to share between threads (its unit tests run them concurrently):
// each configuration is loaded once per process, for every worker's cleaner.
std::shared_ptr<const opencc::SimpleConverter> load(std::string config) {
  if (config.size() < 5 || config.substr(config.size() - 5) != ".json") config += ".json";
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const opencc::SimpleConverter>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = loaded[config];
  if (slot) return slot;
  try {
    slot = std::make_shared<const opencc::SimpleConverter>(config);
  } catch (const std::exception& e) {
    loaded.erase(config);
    throw std::runtime_error("OpenCC config '" + config + "' cannot be loaded: " + e.what());
  }
  return slot;
}

// Code points that differ between a text and its conversion.
std::size_t changed_chars(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0, changed = 0;
  while (i < a.size() && j < b.size()) {
    if (text::next_code_point(a, i) != text::next_code_point(b, j)) ++changed;
  }
  return changed;
}

class ScriptCleaner final : public Cleaner {
 public:
  explicit ScriptCleaner(const StageContext& context) {
    const std::string& convert = context.options.get_string("convert");
    if (!convert.empty()) converter_ = load(convert);
    overwrite_ = context.options.get_bool("overwrite");
  }

  void clean(Document& doc) override {
    if (converter_) {
      convert(doc);
      if (auto script = detect(doc)) {
        doc.meta.script = *script;
        doc.meta.found_by["script"] = std::string(kPlugin) + ":convert";
      }
      return;
    }
    if (!doc.meta.script.empty() && !overwrite_) return;
    if (auto script = detect(doc)) {
      doc.meta.script = *script;
      doc.meta.found_by["script"] = std::string(kPlugin) + ":detect";
    }
  }

 private:
  std::optional<std::string> detect(const Document& doc) const {
    std::string sample = doc.meta.title;
    for (const Block& b : doc.blocks) {
      if (sample.size() >= kSampleBytes) break;
      if (!b.kept() || b.text.empty()) continue;
      sample += '\n';
      sample.append(b.text, 0, kSampleBytes);
    }
    // Cut on a character boundary.
    if (sample.size() > kSampleBytes) {
      std::size_t cut = kSampleBytes;
      while (cut > 0 && (static_cast<unsigned char>(sample[cut]) & 0xC0) == 0x80) --cut;
      sample.resize(cut);
    }
    std::size_t han = 0;
    for (std::size_t i = 0; i < sample.size();) {
      if (text::is_han(text::next_code_point(sample, i))) ++han;
    }
    if (han == 0) return std::nullopt;
    // The dictionaries take tens of milliseconds to load: only pages with Han text need them.
    if (!to_simplified_) to_simplified_ = load("t2s");
    if (!to_traditional_) to_traditional_ = load("s2t");
    const std::size_t traditional_only = changed_chars(sample, to_simplified_->Convert(sample));
    const std::size_t simplified_only = changed_chars(sample, to_traditional_->Convert(sample));
    return traditional_only > simplified_only ? "Hant" : "Hans";
  }

  std::string run(const std::string& s) const { return s.empty() ? s : converter_->Convert(s); }

  void convert(Document& doc) const {
    Metadata& m = doc.meta;
    m.title = run(m.title);
    m.source_name = run(m.source_name);
    m.author = run(m.author);
    m.editor = run(m.editor);
    for (auto& k : m.keywords) k = run(k);
    for (Block& b : doc.blocks) {
      b.text = run(b.text);
      b.alt = run(b.alt);
      for (auto& item : b.items) item = run(item);
      for (auto& row : b.rows) {
        for (auto& cell : row) cell = run(cell);
      }
    }
  }

  mutable std::shared_ptr<const opencc::SimpleConverter> to_simplified_;
  mutable std::shared_ptr<const opencc::SimpleConverter> to_traditional_;
  std::shared_ptr<const opencc::SimpleConverter> converter_;
  bool overwrite_ = false;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "script";
  info.description = "detects Simplified/Traditional script (meta.script) and converts with OpenCC";
  info.options = {
      {"convert", OptionType::kString, std::string(),
       "OpenCC config to convert with (t2s, tw2s, s2t, s2twp ...); empty keeps the script", false},
      {"overwrite", OptionType::kBoolean, false,
       "re-detect even when a reader already set meta.script", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<ScriptCleaner>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins::script

CLEARPAGE_PLUGIN("script", "0.1.0", clearpage::plugins::script::register_stages)
