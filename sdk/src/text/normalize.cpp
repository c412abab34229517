#include "clearpage/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>

#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

namespace {

constexpr bool is_ascii_space(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

// Bytes of the encoded space at `pos` (0 when there is none), for the spaces is_space()
// knows. A space's first byte is never a continuation byte, so a decoder walking the text
// lands on it exactly: matching bytes here finds the same spaces as decoding would.
std::size_t space_at(std::string_view text, std::size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  if (b < 0x80) return is_ascii_space(b) ? 1 : 0;
  const auto at = [&](std::size_t i) {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0;
  };
  switch (b) {
    case 0xC2:  // U+00A0
      return at(1) == 0xA0 ? 2 : 0;
    case 0xE1:  // U+1680
      return at(1) == 0x9A && at(2) == 0x80 ? 3 : 0;
    case 0xE2:  // U+2000..U+200B, U+202F, U+205F
      if (at(1) == 0x80 && ((at(2) >= 0x80 && at(2) <= 0x8B) || at(2) == 0xAF)) return 3;
      return at(1) == 0x81 && at(2) == 0x9F ? 3 : 0;
    case 0xE3:  // U+3000
      return at(1) == 0x80 && at(2) == 0x80 ? 3 : 0;
    case 0xEF:  // U+FEFF
      return at(1) == 0xBB && at(2) == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

// Whether a byte may begin a space, by table: the copy loop below reads every byte of
// every text the pipeline normalises.
constexpr std::array<bool, 256> kMayStartSpace = [] {
  std::array<bool, 256> t{};
  for (int b = 0; b < 256; ++b) {
    const auto u = static_cast<unsigned char>(b);
    t[u] = is_ascii_space(u) || u == 0xC2 || u == 0xE1 || u == 0xE2 || u == 0xE3 || u == 0xEF;
  }
  return t;
}();

bool may_start_space(unsigned char b) {
  return kMayStartSpace[b];
}

}  // namespace

std::string normalize_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (const std::size_t space = space_at(text, pos)) {
      pending_space = !out.empty();
      pos += space;
      continue;
    }
    // Copy up to the next byte that may begin a space; other bytes, valid or not, are kept.
    std::size_t end = pos + 1;
    while (end < text.size() && !may_start_space(static_cast<unsigned char>(text[end]))) ++end;
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.data() + pos, end - pos);
    pos = end;
  }
  return out;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  // Walk code points so that multi-byte spaces (U+3000, NBSP) are trimmed too.
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_space(next_code_point(text, next))) break;
    begin = next;
  }
  // Trailing spaces are found from the back, not by decoding the whole line: no code point
  // starts with a continuation byte, so the boundaries stepped back to are the ones a
  // forward decode meets, and an invalid byte there decodes to no space either way, so it
  // is kept.
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && end - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    std::size_t next = start;
    const char32_t c = next_code_point(text, next);
    if (next != end || !is_space(c)) break;
    end = start;
  }
  return std::string(text.substr(begin, end - begin));
}

namespace {
std::string normalize_with(const icu::Normalizer2* normalizer, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString result = normalizer->normalize(source, status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU normalisation failed: ") + u_errorName(status));
  std::string out;
  result.toUTF8String(out);
  return out;
}
}  // namespace

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC instance unavailable");
  return normalize_with(normalizer, text);
}

std::string nfkc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC instance unavailable");
  return normalize_with(normalizer, text);
}

std::string fold_full_width_ascii(std::string_view text) {
  // Every full-width form starts with the byte EF; most text has none.
  if (text.find('\xEF') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out += static_cast<char>(cp - 0xFF01 + 0x21);
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

}  // namespace clearpage::text
