// Cleaners that misbehave on documents whose text holds a marker word:
//   SPIN  loops forever (over the tree when there is one, else in a loop of its own);
//   HOG   grows the document forever, charging what it adds;
//   GROW  adds far more than the memory limit in one go, charging nothing;
//   STALL loops forever without ever checking the time limit.
// Documents without a marker pass through untouched.
#include <string>

#include "clearpage/budget.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/plugin.hpp"

namespace {

using clearpage::Block;
using clearpage::Document;

bool marked(const Document& doc, const std::string& word) {
  if (doc.text().find(word) != std::string::npos) return true;
  return doc.dom && doc.dom->text(doc.dom->root()).find(word) != std::string::npos;
}

class SpinCleaner final : public clearpage::Cleaner {
 public:
  void clean(Document& doc) override {
    if (!marked(doc, "SPIN")) return;
    std::size_t visits = 0;
    for (;;) {
      if (const clearpage::HtmlDom* dom = clearpage::html::html_dom(doc)) {
        clearpage::html::for_each_element(dom->root(), [&](clearpage::html::Node) {
          ++visits;
          return true;
        });
      } else {
        clearpage::check_budget();
        ++visits;
      }
    }
  }
};

class StallCleaner final : public clearpage::Cleaner {
 public:
  void clean(Document& doc) override {
    if (!marked(doc, "STALL")) return;
    volatile std::size_t spins = 0;  // a side effect, so the loop is not optimised away
    for (;;) spins = spins + 1;
  }
};

class HogCleaner final : public clearpage::Cleaner {
 public:
  void clean(Document& doc) override {
    constexpr std::size_t kChunk = 1 << 20;
    if (marked(doc, "HOG")) {
      for (;;) {
        Block block;
        block.text.assign(kChunk, 'x');
        doc.blocks.push_back(std::move(block));
        clearpage::charge_budget(kChunk);
      }
    }
    if (marked(doc, "GROW")) {
      for (int i = 0; i < 64; ++i) {
        Block block;
        block.text.assign(kChunk, 'y');
        doc.blocks.push_back(std::move(block));
      }
    }
  }
};

void register_stages(clearpage::Registry& registry) {
  clearpage::StageInfo spin;
  spin.name = "test_spin";
  spin.description = "loops forever on documents that say SPIN";
  registry.add_cleaner(std::move(spin), [](const clearpage::StageContext&) {
    return std::make_unique<SpinCleaner>();
  });
  clearpage::StageInfo stall;
  stall.name = "test_stall";
  stall.description = "loops forever, never checking the time limit, on documents that say STALL";
  registry.add_cleaner(std::move(stall), [](const clearpage::StageContext&) {
    return std::make_unique<StallCleaner>();
  });
  clearpage::StageInfo hog;
  hog.name = "test_hog";
  hog.description = "grows documents that say HOG or GROW past any memory limit";
  registry.add_cleaner(std::move(hog), [](const clearpage::StageContext&) {
    return std::make_unique<HogCleaner>();
  });
}

}  // namespace

CLEARPAGE_PLUGIN("test_runaway", "1.0.0", register_stages)
