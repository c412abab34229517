// Charset decision and decoding through ICU.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace clearpage::text {

struct CharsetHints {
  std::string http_charset;   // from a Content-Type header, when the input carried one
  bool look_for_meta = true;  // HTML: read <meta charset> / http-equiv in the first bytes
  bool allow_detection = true;
};

struct Decoded {
  std::string utf8;
  std::string charset;  // canonical name that was used
  std::string method;   // bom, http, utf8, mostly_utf8, meta, detected, fallback
  std::size_t invalid_sequences = 0;
};

// Order: BOM, HTTP charset, valid UTF-8, mostly valid UTF-8 (see repair_mixed_utf8),
// <meta> charset (GB2312/GBK widened to GB18030), ICU detection (never UTF-16/32 for
// text without NUL bytes), then GB18030/UTF-8 as a last resort.
Decoded decode_to_utf8(std::string_view bytes, const CharsetHints& hints = {});

// UTF-8 with its damage mended: each run of invalid bytes that is valid GB18030 (GBK
// pasted into a UTF-8 page) is read as such, and any other becomes U+FFFD, counted in
// `replaced`.
std::string repair_mixed_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

// The charset an HTML head declares, lower-cased, or "".
std::string sniff_meta_charset(std::string_view bytes);

// GB2312, GBK, x-gbk and friends become gb18030, their superset.
std::string widen_charset(std::string_view label);

// Decodes with the named charset; counts substitutions into `invalid`.
std::string decode_with(std::string_view bytes, std::string_view charset,
                        std::size_t* invalid = nullptr);
// Encodes UTF-8 text into the named charset; throws on unmappable text.
std::string encode_to(std::string_view utf8, std::string_view charset);

}  // namespace clearpage::text
