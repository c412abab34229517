#include "double_utf8.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "clearpage/text/charset.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::mojibake {

namespace {

// The characters windows-1252 gives bytes 0x80..0x9F, read from ICU once. The five bytes
// it leaves unassigned ICU reads as Latin-1's C1 controls, which byte_image takes as is.
class Windows1252Table {
 public:
  Windows1252Table() {
    for (int b = 0x80; b <= 0x9F; ++b) {
      const char byte = static_cast<char>(b);
      std::size_t invalid = 0;
      const std::string utf8 =
          text::decode_with(std::string_view(&byte, 1), "windows-1252", &invalid);
      std::size_t pos = 0;
      const char32_t c = utf8.empty() ? 0 : text::next_code_point(utf8, pos);
      if (invalid == 0 && pos == utf8.size() && c >= 0x100 && c != text::kReplacementChar) {
        to_byte_.emplace(c, b);
      }
    }
  }
  int find(char32_t c) const {
    const auto found = to_byte_.find(c);
    return found == to_byte_.end() ? -1 : found->second;
  }

 private:
  std::unordered_map<char32_t, int> to_byte_;
};

// The byte a character stands for when bytes were read as windows-1252, or as Latin-1;
// -1 if none.
int byte_image(char32_t c) {
  if (c >= 0x80 && c <= 0xFF) return static_cast<int>(c);
  if (c < 0x100) return -1;
  static const Windows1252Table table;
  return table.find(c);
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

// The code point the bytes decode to as UTF-8 (the SDK's decoder: no overlong form, no
// surrogate), or 0 when they are no one character or a noncharacter U+FFFE/U+FFFF.
char32_t decode(const char* bytes, std::size_t count) {
  const std::string_view form(bytes, count);
  std::size_t pos = 0;
  const char32_t cp = text::next_code_point(form, pos);
  if (pos != count || cp == 0xFFFE || cp == 0xFFFF) return 0;
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
    char bytes[4] = {static_cast<char>(lead)};
    bool ok = true;
    for (std::size_t k = 0; ok && k < count; ++k) {
      const int tail = byte_image(chars[i + 1 + k].c);
      ok = is_continuation(tail);
      bytes[k + 1] = static_cast<char>(tail);
    }
    if (!ok) continue;
    const char32_t cp = decode(bytes, count + 1);
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
