#include <string>

#include "clearpage/text/chinese_date.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = clearpage::fuzz::as_view(data, size);
  if (const auto match = clearpage::text::find_date(text)) {
    // A match must lie inside the text and re-parse to the same date.
    if (match->begin > match->end || match->end > text.size()) __builtin_trap();
    const auto again =
        clearpage::text::parse_date(text.substr(match->begin, match->end - match->begin));
    if (!again || *again != match->iso) __builtin_trap();
  }
  (void)clearpage::text::parse_date(text);
  return 0;
}
