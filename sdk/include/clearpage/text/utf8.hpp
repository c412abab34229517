// UTF-8 checks and code-point iteration without allocation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace clearpage::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point at `pos` and advances it; an invalid sequence yields
// U+FFFD and advances by one byte.
char32_t next_code_point(std::string_view text, std::size_t& pos);
void append_utf8(std::string& out, char32_t code_point);

bool is_valid_utf8(std::string_view text);
// Replaces each invalid byte with U+FFFD; returns how many were replaced.
std::string sanitize_utf8(std::string_view text, std::size_t* replaced = nullptr);
std::size_t count_code_points(std::string_view text);
// count_code_points(), stopping at `cap + 1`: a test against a bound stays cheap on
// huge text.
std::size_t count_code_points_capped(std::string_view text, std::size_t cap);

bool is_han(char32_t c);
// Full-width and CJK punctuation, plus ASCII punctuation.
bool is_punctuation(char32_t c);
// ASCII space, tab, NBSP, U+3000 and the other Unicode spaces.
bool is_space(char32_t c);

}  // namespace clearpage::text
