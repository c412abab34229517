#include "clearpage/plugin.hpp"

namespace {
class NoopCleaner final : public clearpage::Cleaner {
 public:
  void clean(clearpage::Document&) override {}
};

// One library may register several stages.
void register_stages(clearpage::Registry& registry) {
  registry.add_cleaner(
      {"beta_one", clearpage::StageKind::kCleaner, "first", {}},
      [](const clearpage::StageContext&) { return std::make_unique<NoopCleaner>(); });
  registry.add_cleaner(
      {"beta_two",
       clearpage::StageKind::kCleaner,
       "second",
       {{"pattern", clearpage::OptionType::kString, std::string(), "required", true}}},
      [](const clearpage::StageContext&) { return std::make_unique<NoopCleaner>(); });
}
}  // namespace

CLEARPAGE_PLUGIN("test_beta", "0.0.1", register_stages)
