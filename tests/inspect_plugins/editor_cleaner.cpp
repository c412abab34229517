// Edits documents the way real cleaners do: removals, a repair, a metadata field, a new block.
#include <string>

#include "clearpage/plugin.hpp"

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

class EditorCleaner final : public clearpage::Cleaner {
 public:
  void clean(clearpage::Document& doc) override {
    const std::size_t count = doc.blocks.size();
    for (std::size_t i = 0; i < count; ++i) {
      clearpage::Block& block = doc.blocks[i];
      if (starts_with(block.text, "您当前的位置")) doc.remove_block(i, "test_editor", "breadcrumb");
      if (starts_with(block.text, "责任编辑:")) {
        doc.meta.editor = block.text.substr(std::string("责任编辑:").size());
        doc.meta.found_by["editor"] = "test_editor:editor_line";
        doc.remove_block(i, "test_editor", "editor_line");
      }
      const std::size_t at = block.text.find('?');
      if (at != std::string::npos && block.kept()) {
        const std::string before = block.text;
        block.text.replace(at, 1, "\xEF\xBC\x8C");  // U+FF0C FULLWIDTH COMMA
        doc.repairs.push_back({"test_editor", "question_mark", before, block.text, "test"});
      }
    }
    clearpage::Block note;
    note.kind = clearpage::BlockKind::kCaption;
    note.text = "appended";
    note.provenance = "test_editor";
    doc.blocks.push_back(note);
  }
};

void register_stages(clearpage::Registry& registry) {
  clearpage::StageInfo info;
  info.name = "test_editor";
  info.description = "test cleaner for inspect";
  registry.add_cleaner(std::move(info), [](const clearpage::StageContext&) {
    return std::make_unique<EditorCleaner>();
  });
}

}  // namespace

CLEARPAGE_PLUGIN("test_editor", "1.0.0", register_stages)
