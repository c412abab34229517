// UTF-8 text whose bytes were once read as windows-1252 or Latin-1 and encoded again:
// "isnâ€™t" for "isn’t", "Ã©" for "é", "ä¸­æ–‡" for "中文".
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace clearpage::mojibake {

// Each damaged sequence found (as it reads) and what it decodes to, with its count.
struct DoubleUtf8Fix {
  std::string repaired;
  std::map<std::pair<std::string, std::string>, int> sequences;
};

// Re-decodes the damaged sequences of `s`; `sequences` stays empty when there are none.
// Only forms that real text does not hold are taken: a lead such as 'â', 'ä' or 'ð'
// before two or three characters that stand for continuation bytes (symbols such as
// '€', '™', '©' and C1 controls), or a capital 'Â'..'Å', 'Ð' or 'Ñ' before one. Other
// two-byte leads ('ß', 'é') stay: "Fuß“" and "«café»" are text.
DoubleUtf8Fix undo_double_utf8(std::string_view s);

}  // namespace clearpage::mojibake
