#include "clearpage/document_json.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto reader = clearpage::fuzz::make_reader("text");
  const clearpage::Input input{"fuzz", "fuzz.txt", "", "", clearpage::fuzz::as_view(data, size)};
  try {
    // Serialising checks that whatever the reader produced is writable.
    (void)clearpage::document_to_json_line(reader->read(input));
  } catch (const std::exception&) {
    // A clear error is a valid outcome for bad input; a crash is not.
  }
  return 0;
}
