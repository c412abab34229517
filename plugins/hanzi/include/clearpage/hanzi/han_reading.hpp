// Mandarin readings of Han characters, through ICU's Han-Latin transliterator.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace clearpage::text {

// Compiling ICU's transliterator rules takes about a third of a second, so the process
// compiles them once, on the first look-up anywhere, and each HanReading clones them on
// its own first look-up: a stage that never meets a candidate pays nothing.
// Not thread-safe: it caches readings. Make one per stage instance.
class HanReading {
 public:
  enum class Match { kNone, kToneless, kExact };

  // The look-ups throw std::runtime_error when ICU lacks Han-Latin or
  // Traditional-Simplified.
  HanReading();
  ~HanReading();
  HanReading(const HanReading&) = delete;
  HanReading& operator=(const HanReading&) = delete;

  // The reading with tone marks ("wǎng"), or "" when ICU has none. ICU's data may
  // key a Traditional character on its Simplified form, so that form is tried second.
  const std::string& reading(char32_t han);
  // The character's Simplified form (itself when it has no other form).
  char32_t simplified(char32_t han);
  // Exact: `syllable` equals the reading of the character or of its Simplified form.
  // Toneless: equal once tone marks are dropped (ICU keeps only one reading of a
  // polyphonic character, so a tone variant may still be a true reading).
  Match matches(char32_t han, std::string_view syllable);

 private:
  struct Impl;
  Impl& impl();
  std::unique_ptr<Impl> impl_;
};

// A lower-case pinyin syllable: 1..7 letters a-z, ü and tone-marked vowels, with a vowel
// (or the syllabic n/m/ng). Accepts "wǎng", "lüè", "ng"; rejects "2021", "abc123".
bool is_pinyin_syllable(std::string_view text);
// Tone marks dropped, ü spelled "v": "lüè" -> "lve".
std::string strip_tones(std::string_view syllable);

}  // namespace clearpage::text
