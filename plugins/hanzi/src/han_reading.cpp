#include "clearpage/hanzi/han_reading.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <stdexcept>
#include <unordered_map>

#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

namespace {

// Tone-marked vowels (and ü) with their plain letter; 'v' stands for ü.
struct ToneVowel {
  char32_t marked;
  char plain;
};
constexpr ToneVowel kToneVowels[] = {
    {U'ā', 'a'}, {U'á', 'a'}, {U'ǎ', 'a'}, {U'à', 'a'}, {U'ē', 'e'}, {U'é', 'e'},
    {U'ě', 'e'}, {U'è', 'e'}, {U'ê', 'e'}, {U'ī', 'i'}, {U'í', 'i'}, {U'ǐ', 'i'},
    {U'ì', 'i'}, {U'ō', 'o'}, {U'ó', 'o'}, {U'ǒ', 'o'}, {U'ò', 'o'}, {U'ū', 'u'},
    {U'ú', 'u'}, {U'ǔ', 'u'}, {U'ù', 'u'}, {U'ü', 'v'}, {U'ǖ', 'v'}, {U'ǘ', 'v'},
    {U'ǚ', 'v'}, {U'ǜ', 'v'}, {U'ń', 'n'}, {U'ň', 'n'}, {U'ǹ', 'n'}, {U'ḿ', 'm'},
};

char plain_letter(char32_t c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c);
  for (const auto& v : kToneVowels) {
    if (v.marked == c) return v.plain;
  }
  return 0;
}

std::unique_ptr<icu::Transliterator> make_transliterator(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString(id), UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) {
    throw std::runtime_error(std::string("ICU has no '") + id +
                             "' transliterator: " + u_errorName(status));
  }
  return t;
}

// Function-local statics: compiled once per process, safely across threads. A clone
// shares the compiled rules, and transliterate() on it is safe beside other clones.
std::unique_ptr<icu::Transliterator> clone_of(const char* id) {
  static const std::unique_ptr<icu::Transliterator> han_latin = make_transliterator("Han-Latin");
  static const std::unique_ptr<icu::Transliterator> to_simplified =
      make_transliterator("Traditional-Simplified");
  const auto& prototype = std::string_view(id) == "Han-Latin" ? han_latin : to_simplified;
  std::unique_ptr<icu::Transliterator> copy(prototype->clone());
  if (!copy) throw std::runtime_error(std::string("cannot clone the ICU transliterator ") + id);
  return copy;
}

}  // namespace

struct HanReading::Impl {
  std::unique_ptr<icu::Transliterator> han_latin = clone_of("Han-Latin");
  std::unique_ptr<icu::Transliterator> to_simplified = clone_of("Traditional-Simplified");
  std::unordered_map<char32_t, std::string> readings;
  std::unordered_map<char32_t, char32_t> simplified;

  std::string latin_of(char32_t han) {
    icu::UnicodeString s(static_cast<UChar32>(han));
    han_latin->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    // Untransliterated text comes back unchanged; only a syllable counts.
    return is_pinyin_syllable(out) ? out : std::string();
  }
};

HanReading::HanReading() = default;
HanReading::~HanReading() = default;

HanReading::Impl& HanReading::impl() {
  if (!impl_) impl_ = std::make_unique<Impl>();
  return *impl_;
}

char32_t HanReading::simplified(char32_t han) {
  Impl& impl = this->impl();
  const auto found = impl.simplified.find(han);
  if (found != impl.simplified.end()) return found->second;
  icu::UnicodeString s(static_cast<UChar32>(han));
  impl.to_simplified->transliterate(s);
  char32_t result = han;
  if (s.countChar32() == 1) result = static_cast<char32_t>(s.char32At(0));
  impl.simplified.emplace(han, result);
  return result;
}

const std::string& HanReading::reading(char32_t han) {
  Impl& impl = this->impl();
  const auto found = impl.readings.find(han);
  if (found != impl.readings.end()) return found->second;
  std::string latin = impl.latin_of(han);
  if (latin.empty()) {
    const char32_t simple = simplified(han);
    if (simple != han) latin = impl.latin_of(simple);
  }
  return impl.readings.emplace(han, std::move(latin)).first->second;
}

HanReading::Match HanReading::matches(char32_t han, std::string_view syllable) {
  const std::string& own = reading(han);
  if (own.empty() || syllable.empty()) return Match::kNone;
  if (own == syllable) return Match::kExact;
  const char32_t simple = simplified(han);
  std::string simple_reading;
  if (simple != han) {
    simple_reading = impl().latin_of(simple);
    if (simple_reading == syllable) return Match::kExact;
  }
  const std::string bare = strip_tones(syllable);
  if (strip_tones(own) == bare) return Match::kToneless;
  if (!simple_reading.empty() && strip_tones(simple_reading) == bare) return Match::kToneless;
  return Match::kNone;
}

bool is_pinyin_syllable(std::string_view text) {
  std::size_t pos = 0;
  std::size_t letters = 0;
  bool vowel = false;
  std::string plain;
  while (pos < text.size()) {
    const char c = plain_letter(next_code_point(text, pos));
    if (c == 0) return false;
    if (++letters > 7) return false;
    plain.push_back(c);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v') vowel = true;
  }
  if (letters == 0) return false;
  return vowel || plain == "n" || plain == "m" || plain == "ng" || plain == "hm" || plain == "hng";
}

std::string strip_tones(std::string_view syllable) {
  std::string out;
  std::size_t pos = 0;
  while (pos < syllable.size()) {
    const char32_t c = next_code_point(syllable, pos);
    const char plain = plain_letter(c);
    if (plain != 0) {
      out.push_back(plain);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace clearpage::text
