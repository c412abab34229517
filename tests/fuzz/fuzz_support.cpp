#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>

#include "clearpage/core/logging.hpp"
#include "clearpage/options.hpp"

namespace clearpage::fuzz {

const core::PluginHost& host() {
  static const core::PluginHost* instance = [] {
    auto* h = new core::PluginHost();
    core::set_log_level("off");
    for (const auto& refusal : h->load_directory(CLEARPAGE_FUZZ_PLUGIN_DIR)) {
      std::fprintf(stderr, "fuzz: plugin refused: %s\n", refusal.c_str());
      std::abort();
    }
    return h;
  }();
  return *instance;
}

namespace {
const core::RegisteredStage& stage_or_abort(const std::string& name) {
  const auto* stage = host().find_stage(name);
  if (!stage) {
    std::fprintf(stderr, "fuzz: stage '%s' is not built\n", name.c_str());
    std::abort();
  }
  return *stage;
}

StageContext context_for(const core::RegisteredStage& stage) {
  return StageContext{stage.info.name, default_options(stage.info.options),
                      core::make_logger(stage.info.name)};
}
}  // namespace

std::unique_ptr<Reader> make_reader(const std::string& name) {
  const auto& stage = stage_or_abort(name);
  return stage.reader(context_for(stage));
}

std::unique_ptr<Cleaner> make_cleaner(const std::string& name) {
  const auto& stage = stage_or_abort(name);
  return stage.cleaner(context_for(stage));
}

}  // namespace clearpage::fuzz
