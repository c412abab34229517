// Registers a stage name that test_alpha already owns.
#include "clearpage/plugin.hpp"

namespace {
class NoopCleaner final : public clearpage::Cleaner {
 public:
  void clean(clearpage::Document&) override {}
};
void register_stages(clearpage::Registry& registry) {
  registry.add_cleaner(
      {"alpha_cleaner", clearpage::StageKind::kCleaner, "clash", {}},
      [](const clearpage::StageContext&) { return std::make_unique<NoopCleaner>(); });
}
}  // namespace

CLEARPAGE_PLUGIN("test_duplicate_stage", "0.0.1", register_stages)
