#include "clearpage/text/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::text {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(std::string_view charset) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string name(charset);
  ConverterPtr converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !converter) {
    throw std::invalid_argument("unknown charset '" + name + "'");
  }
  return converter;
}

// Opening a converter looks its name up in ICU's alias tables, which costs more than
// decoding a small page, so each thread keeps the converters it has opened. The labels
// come from the input, so the cache is bounded.
UConverter* cached_converter(std::string_view charset) {
  thread_local std::unordered_map<std::string, ConverterPtr> cache;
  std::string name(charset);
  auto found = cache.find(name);
  if (found == cache.end()) {
    ConverterPtr converter = open_converter(charset);
    if (cache.size() >= 16) cache.clear();
    found = cache.emplace(std::move(name), std::move(converter)).first;
  }
  ucnv_reset(found->second.get());
  return found->second.get();
}

// Counts substitutions made while decoding; ICU calls it for each bad sequence.
struct SubstitutionCounter {
  std::size_t count = 0;
  UConverterToUCallback previous = nullptr;
  const void* previous_context = nullptr;
};

void count_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* units,
                          int32_t length, UConverterCallbackReason reason, UErrorCode* status) {
  auto* counter = static_cast<SubstitutionCounter*>(const_cast<void*>(context));
  if (reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR || reason == UCNV_UNASSIGNED) {
    ++counter->count;
  }
  counter->previous(counter->previous_context, args, units, length, reason, status);
}

bool has_prefix(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

std::string detect_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(detector, ucsdet_close);
  // Markup confuses the statistics; ICU can strip it.
  ucsdet_enableInputFilter(detector, true);
  const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20));
  ucsdet_setText(detector, bytes.data(), length, &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector, &found, &status);
  if (U_FAILURE(status) || !matches) return "";
  // Text without NUL bytes is not UTF-16 or UTF-32, whatever the statistics say: ICU
  // guesses UTF-16 for short damaged pages, which turns their markup into Han.
  const bool has_nul = bytes.substr(0, 4096).find('\0') != std::string_view::npos;
  // Below this confidence ICU is guessing (a few lines of GBK score 10 for seven
  // charsets at once), and the caller's GB18030 fallback is the better guess.
  constexpr int32_t kMinConfidence = 20;
  std::string best;
  int32_t best_confidence = 0;
  for (int32_t i = 0; i < found; ++i) {
    const char* name = ucsdet_getName(matches[i], &status);
    const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
    if (U_FAILURE(status) || !name) return "";
    std::string charset = ascii_lower(name);
    if (!has_nul && (charset.rfind("utf-16", 0) == 0 || charset.rfind("utf-32", 0) == 0)) continue;
    if (confidence < kMinConfidence) break;  // matches come best first
    if (best.empty()) {
      best = charset;
      best_confidence = confidence;
    } else if (confidence < best_confidence) {
      break;
    }
    // Among equally likely charsets, the Chinese one: this is a Chinese corpus.
    if (charset == "gb18030") return charset;
  }
  return best;
}

// Length of the valid UTF-8 sequence at bytes[i], or 0. next_code_point() yields U+FFFD
// and one byte for an invalid sequence; a genuine U+FFFD takes three.
std::size_t utf8_sequence_at(std::string_view bytes, std::size_t i) {
  std::size_t pos = i;
  const char32_t c = next_code_point(bytes, pos);
  return c != kReplacementChar || pos - i == 3 ? pos - i : 0;
}

// Damaged UTF-8 rather than a legacy charset: the bytes of its valid multibyte characters
// outnumber its invalid bytes. GBK text forms a valid UTF-8 sequence in under a tenth of
// its pairs, and windows-1252 text almost never does.
bool mostly_utf8(std::string_view bytes) {
  std::size_t valid = 0;
  std::size_t invalid = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t length = utf8_sequence_at(bytes, i);
    if (length == 0) {
      ++invalid;
      ++i;
    } else {
      if (length > 1) valid += length;
      i += length;
    }
  }
  return valid >= 6 && valid >= invalid;
}

}  // namespace

std::string widen_charset(std::string_view label) {
  const std::string name = ascii_lower(label);
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" ||
      name == "windows-936" || name == "gb_2312-80" || name == "csgb2312" || name == "euc-cn" ||
      name == "x-euc-cn" || name == "chinese" || name == "iso-ir-58") {
    return "gb18030";
  }
  if (name == "big5" || name == "big5-hkscs" || name == "x-x-big5" || name == "cn-big5") {
    return "big5-hkscs";
  }
  if (name == "utf8") return "utf-8";
  // Browsers read latin1 as windows-1252; so do we.
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii") {
    return "windows-1252";
  }
  return name;
}

std::string sniff_meta_charset(std::string_view bytes) {
  const std::string head = ascii_lower(bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192)));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = head.find('>', pos);
    const std::string_view tag = std::string_view(head).substr(
        pos, end == std::string::npos ? std::string::npos : end - pos);
    pos += 5;
    const std::size_t at = tag.find("charset");
    if (at == std::string_view::npos) continue;
    std::size_t i = at + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\''))
      ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                              tag[j] == '_' || tag[j] == ':' || tag[j] == '.')) {
      ++j;
    }
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return "";
}

namespace {

// Installs the counting callback on a cached converter and puts the previous one back
// on every exit, so that the converter never keeps a pointer to a finished counter.
class CountingCallback {
 public:
  CountingCallback(UConverter* converter, SubstitutionCounter& counter) : converter_(converter) {
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter_, count_and_substitute, &counter, &counter.previous,
                        &counter.previous_context, &status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set decoding callback");
    previous_ = counter.previous;
    previous_context_ = counter.previous_context;
  }
  ~CountingCallback() {
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter_, previous_, previous_context_, nullptr, nullptr, &status);
  }
  CountingCallback(const CountingCallback&) = delete;
  CountingCallback& operator=(const CountingCallback&) = delete;

 private:
  UConverter* converter_;
  UConverterToUCallback previous_ = nullptr;
  const void* previous_context_ = nullptr;
};

}  // namespace

std::string decode_with(std::string_view bytes, std::string_view charset, std::size_t* invalid) {
  SubstitutionCounter counter;
  UConverter* converter = cached_converter(charset);
  const CountingCallback callback(converter, counter);
  UErrorCode status = U_ZERO_ERROR;

  std::u16string utf16;
  utf16.resize(bytes.size() * 2 + 16);
  status = U_ZERO_ERROR;
  const int32_t length = ucnv_toUChars(converter, reinterpret_cast<UChar*>(utf16.data()),
                                       static_cast<int32_t>(utf16.size()), bytes.data(),
                                       static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU decoding failed: ") + u_errorName(status));
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(length) * 2);
  for (int32_t i = 0; i < length; ++i) {
    char32_t cp = utf16[static_cast<std::size_t>(i)];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < length) {
      const char32_t low = utf16[static_cast<std::size_t>(i) + 1];
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        ++i;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacementChar;
    append_utf8(out, cp);
  }
  if (invalid) *invalid = counter.count;
  return out;
}

std::string encode_to(std::string_view utf8, std::string_view charset) {
  ConverterPtr converter = open_converter(charset);
  UErrorCode status = U_ZERO_ERROR;
  // Stop at the first unmappable character instead of substituting silently.
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out(static_cast<std::size_t>(source.length()) * 4 + 16, '\0');
  status = U_ZERO_ERROR;
  const int32_t length =
      ucnv_fromUChars(converter.get(), out.data(), static_cast<int32_t>(out.size()),
                      source.getBuffer(), source.length(), &status);
  if (U_FAILURE(status)) {
    throw std::runtime_error("text cannot be encoded in " + std::string(charset) + ": " +
                             u_errorName(status));
  }
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::string repair_mixed_utf8(std::string_view bytes, std::size_t* replaced) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    if (const std::size_t length = utf8_sequence_at(bytes, i)) {
      out.append(bytes.substr(i, length));
      i += length;
      continue;
    }
    std::size_t end = i + 1;
    while (end < bytes.size() && utf8_sequence_at(bytes, end) == 0) ++end;
    const std::string_view run = bytes.substr(i, end - i);
    std::size_t gb_invalid = 0;
    const std::string gb = run.size() % 2 == 0 ? decode_with(run, "gb18030", &gb_invalid) : "";
    if (!gb.empty() && gb_invalid == 0) {
      out += gb;
    } else {
      std::size_t run_replaced = 0;
      out += sanitize_utf8(run, &run_replaced);
      bad += run_replaced;
    }
    i = end;
  }
  if (replaced) *replaced = bad;
  return out;
}

Decoded decode_to_utf8(std::string_view bytes, const CharsetHints& hints) {
  Decoded result;
  auto use = [&](std::string_view body, const std::string& charset, const char* method) {
    result.charset = charset;
    result.method = method;
    if (charset == "utf-8" && std::string_view(method) == "utf8") {
      result.utf8.assign(body);  // validated just before: nothing to replace
    } else if (charset == "utf-8" && std::string_view(method) == "mostly_utf8") {
      result.utf8 = repair_mixed_utf8(body, &result.invalid_sequences);
    } else if (charset == "utf-8") {
      result.utf8 = sanitize_utf8(body, &result.invalid_sequences);
    } else {
      result.utf8 = decode_with(body, charset, &result.invalid_sequences);
    }
    return result;
  };

  if (has_prefix(bytes, "\xEF\xBB\xBF")) return use(bytes.substr(3), "utf-8", "bom");
  if (has_prefix(bytes, "\xFF\xFE")) return use(bytes.substr(2), "utf-16le", "bom");
  if (has_prefix(bytes, "\xFE\xFF")) return use(bytes.substr(2), "utf-16be", "bom");

  if (!hints.http_charset.empty()) {
    const std::string charset = widen_charset(hints.http_charset);
    try {
      cached_converter(charset);
      return use(bytes, charset, "http");
    } catch (const std::invalid_argument&) {
      // Unknown label: fall through to the other evidence.
    }
  }

  if (is_valid_utf8(bytes)) return use(bytes, "utf-8", "utf8");
  // Before the <meta> label: a page that declares gb2312 but is UTF-8 with a few broken
  // bytes is still UTF-8.
  if (mostly_utf8(bytes)) return use(bytes, "utf-8", "mostly_utf8");

  if (hints.look_for_meta) {
    const std::string declared = sniff_meta_charset(bytes);
    if (!declared.empty()) {
      const std::string charset = widen_charset(declared);
      try {
        if (charset != "utf-8") return use(bytes, charset, "meta");
      } catch (const std::invalid_argument&) {
      }
    }
  }

  if (hints.allow_detection) {
    const std::string detected = detect_charset(bytes);
    if (!detected.empty() && detected != "utf-8") {
      try {
        return use(bytes, widen_charset(detected), "detected");
      } catch (const std::invalid_argument&) {
      }
    }
  }
  // Invalid UTF-8 with no other evidence: most such Chinese pages are GB18030.
  Decoded gb = use(bytes, "gb18030", "fallback");
  if (gb.invalid_sequences == 0) return gb;
  return use(bytes, "utf-8", "fallback");
}

}  // namespace clearpage::text
