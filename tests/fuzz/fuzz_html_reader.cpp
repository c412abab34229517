#include "clearpage/document_json.hpp"
#include "fuzz_support.hpp"

// The html reader followed by the generic extractor: the DOM it builds is what
// extraction walks, so both see the same hostile tree.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto reader = clearpage::fuzz::make_reader("html");
  static auto extract = clearpage::fuzz::make_cleaner("extract");
  const clearpage::Input input{"fuzz", "fuzz.html", "", "", clearpage::fuzz::as_view(data, size)};
  try {
    clearpage::Document doc = reader->read(input);
    if (extract->probe(doc) > 0) extract->clean(doc);
    (void)clearpage::document_to_json_line(doc);
  } catch (const std::exception&) {
  }
  return 0;
}
