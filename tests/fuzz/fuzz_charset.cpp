#include <string>

#include "clearpage/text/charset.hpp"
#include "clearpage/text/utf8.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = clearpage::fuzz::as_view(data, size);
  try {
    const auto decoded = clearpage::text::decode_to_utf8(bytes);
    // Whatever the input, the decoder's output must be valid UTF-8.
    if (!clearpage::text::is_valid_utf8(decoded.utf8)) __builtin_trap();
    clearpage::text::CharsetHints http;
    http.http_charset = "gbk";
    (void)clearpage::text::decode_to_utf8(bytes, http);
    (void)clearpage::text::sniff_meta_charset(bytes);
  } catch (const std::exception&) {
  }
  return 0;
}
