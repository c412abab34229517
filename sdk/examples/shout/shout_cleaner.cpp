// Example plugin: removes paragraphs that are written entirely in capitals.
#include <algorithm>
#include <cctype>

#include "clearpage/plugin.hpp"

namespace {

bool is_shouting(const std::string& text, std::size_t min_letters) {
  std::size_t letters = 0;
  for (const unsigned char c : text) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) ++letters;
  }
  return letters >= min_letters;
}

class ShoutCleaner final : public clearpage::Cleaner {
 public:
  explicit ShoutCleaner(const clearpage::StageContext& context)
      : min_letters_(static_cast<std::size_t>(context.options.get_int("min_letters"))) {}

  void clean(clearpage::Document& doc) override {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (is_shouting(doc.blocks[i].text, min_letters_))
        doc.remove_block(i, "shout", "all-capitals");
    }
  }

 private:
  std::size_t min_letters_;
};

void register_stages(clearpage::Registry& registry) {
  clearpage::StageInfo info;
  info.name = "shout";
  info.description = "drops paragraphs written entirely in capital letters";
  info.options = {{"min_letters", clearpage::OptionType::kInteger, std::int64_t{4},
                   "fewer capitals than this is not shouting", false}};
  registry.add_cleaner(std::move(info), [](const clearpage::StageContext& context) {
    return std::make_unique<ShoutCleaner>(context);
  });
}

}  // namespace

CLEARPAGE_PLUGIN("shout", "1.0.0", register_stages)
