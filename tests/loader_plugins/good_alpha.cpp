#include "clearpage/plugin.hpp"

namespace {
class UpperTitle final : public clearpage::Cleaner {
 public:
  void clean(clearpage::Document& doc) override { doc.meta.title = "alpha:" + doc.meta.title; }
};

void register_stages(clearpage::Registry& registry) {
  clearpage::StageInfo info;
  info.name = "alpha_cleaner";
  info.description = "test cleaner that prefixes the title";
  info.options = {{"level", clearpage::OptionType::kInteger, std::int64_t{3}, "a number", false}};
  registry.add_cleaner(std::move(info), [](const clearpage::StageContext&) {
    return std::make_unique<UpperTitle>();
  });
}
}  // namespace

CLEARPAGE_PLUGIN("test_alpha", "1.2.3", register_stages)
