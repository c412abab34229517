// Text normalisation shared by readers and cleaners.
#pragma once

#include <string>
#include <string_view>

namespace clearpage::text {

// NBSP, U+3000, tabs and other spaces become one ASCII space; runs collapse; ends trimmed.
std::string normalize_whitespace(std::string_view text);
// Trims ASCII and Unicode spaces (NBSP, U+3000, ...) from both ends; bytes that are not
// valid UTF-8 are never trimmed.
std::string trim(std::string_view text);

// ICU normalisation forms.
std::string nfc(std::string_view text);
std::string nfkc(std::string_view text);

// A-Z to a-z; every other byte (UTF-8 included) is left alone, whatever the locale.
std::string ascii_lower(std::string_view text);

// Full-width ASCII variants (U+FF01..U+FF5E) to ASCII; leaves CJK punctuation alone.
std::string fold_full_width_ascii(std::string_view text);

}  // namespace clearpage::text
