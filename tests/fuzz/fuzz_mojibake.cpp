#include "clearpage/document_json.hpp"
#include "clearpage/text/utf8.hpp"
#include "fuzz_support.hpp"

// The mojibake repair, then pinyin removal, on arbitrary text split into lines.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto mojibake = clearpage::fuzz::make_cleaner("mojibake");
  static auto pinyin = clearpage::fuzz::make_cleaner("pinyin");
  const std::string text = clearpage::text::sanitize_utf8(clearpage::fuzz::as_view(data, size));
  clearpage::Document doc;
  doc.format = "text";
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    clearpage::Block block;
    block.text = text.substr(start, end - start);
    doc.blocks.push_back(std::move(block));
    start = end + 1;
  }
  try {
    mojibake->clean(doc);
    pinyin->clean(doc);
    for (const auto& block : doc.blocks) {
      if (!clearpage::text::is_valid_utf8(block.text)) __builtin_trap();
    }
    (void)clearpage::document_to_json_line(doc);
  } catch (const std::exception&) {
  }
  return 0;
}
