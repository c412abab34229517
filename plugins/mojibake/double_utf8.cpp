#include "double_utf8.hpp"

#include <cstdint>
#include <vector>

#include "clearpage/text/utf8.hpp"

namespace clearpage::mojibake {

namespace {

// The byte a character stands for when bytes were read as windows-1252, or as Latin-1
// (whose C1 controls are windows-1252's five unassigned bytes and the rest); -1 if none.
int byte_image(char32_t c) {
  if (c >= 0x80 && c <= 0xFF) return static_cast<int>(c);
  switch (c) {
    case 0x20AC:
      return 0x80;
    case 0x201A:
      return 0x82;
    case 0x0192:
      return 0x83;
    case 0x201E:
      return 0x84;
    case 0x2026:
      return 0x85;
    case 0x2020:
      return 0x86;
    case 0x2021:
      return 0x87;
    case 0x02C6:
      return 0x88;
    case 0x2030:
      return 0x89;
    case 0x0160:
      return 0x8A;
    case 0x2039:
      return 0x8B;
    case 0x0152:
      return 0x8C;
    case 0x017D:
      return 0x8E;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    case 0x2022:
      return 0x95;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x02DC:
      return 0x98;
    case 0x2122:
      return 0x99;
    case 0x0161:
      return 0x9A;
    case 0x203A:
      return 0x9B;
    case 0x0153:
      return 0x9C;
    case 0x017E:
      return 0x9E;
    case 0x0178:
      return 0x9F;
    default:
      return -1;
  }
}

bool is_continuation(int b) {
  return b >= 0x80 && b <= 0xBF;
}

// Continuation bytes a lead byte asks for, where the sequence is one real text lacks.
int continuations(int lead) {
  // Latin-1, Latin Extended-A ('Å‚' for 'ł') and Cyrillic ('Ð¿' for 'п'): words do not end
  // in these capitals before a symbol. 'ß' or 'é' before '“' or '»' is German or French.
  if ((lead >= 0xC2 && lead <= 0xC5) || lead == 0xD0 || lead == 0xD1) return 1;
  if (lead >= 0xE0 && lead <= 0xEF) return 2;
  if (lead >= 0xF0 && lead <= 0xF4) return 3;
  return 0;
}

// The code point of a lead and its continuations, or 0 when UTF-8 forbids the form.
char32_t decode(int lead, const int* tail, int count) {
  char32_t cp = static_cast<char32_t>(lead & (count == 1 ? 0x1F : count == 2 ? 0x0F : 0x07));
  for (int k = 0; k < count; ++k) cp = (cp << 6) | static_cast<char32_t>(tail[k] & 0x3F);
  const char32_t least = count == 1 ? 0x80 : count == 2 ? 0x800 : 0x10000;
  if (cp < least || cp > 0x10FFFF) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;
  return cp;
}

bool may_hold_damage(std::string_view s) {
  // Every lead the repair takes ('Â'..'Å', 'Ð', 'Ñ', 'à'..'ô') is C3 xx in UTF-8.
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xC3) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if ((next >= 0x82 && next <= 0x85) || next == 0x90 || next == 0x91 ||
          (next >= 0xA0 && next <= 0xB4)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

DoubleUtf8Fix undo_double_utf8(std::string_view s) {
  DoubleUtf8Fix fix;
  if (!may_hold_damage(s)) return fix;
  struct Char {
    char32_t c;
    std::size_t begin;
  };
  std::vector<Char> chars;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t begin = pos;
    chars.push_back({text::next_code_point(s, pos), begin});
  }
  chars.push_back({0, s.size()});
  const std::size_t n = chars.size() - 1;  // the last entry only marks the end
  std::size_t copied = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int lead = byte_image(chars[i].c);
    const auto count = static_cast<std::size_t>(lead < 0 ? 0 : continuations(lead));
    if (count == 0 || i + count >= n) continue;
    int tail[3];
    bool ok = true;
    for (std::size_t k = 0; ok && k < count; ++k) {
      tail[k] = byte_image(chars[i + 1 + k].c);
      ok = is_continuation(tail[k]);
    }
    if (!ok) continue;
    const char32_t cp = decode(lead, tail, static_cast<int>(count));
    if (cp == 0) continue;
    const std::size_t end = chars[i + 1 + count].begin;
    std::string repaired;
    text::append_utf8(repaired, cp);
    ++fix.sequences[{std::string(s.substr(chars[i].begin, end - chars[i].begin)), repaired}];
    fix.repaired.append(s.substr(copied, chars[i].begin - copied));
    fix.repaired += repaired;
    copied = end;
    i += count;
  }
  if (fix.sequences.empty()) return fix;
  fix.repaired.append(s.substr(copied));
  return fix;
}

}  // namespace clearpage::mojibake
