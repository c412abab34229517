// Reads HTML pages: decodes them to UTF-8, parses them once into doc.dom, and fills the
// metadata the page declares. Extraction of the body is left to cleaners.
#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "clearpage/extract/metadata.hpp"
#include "clearpage/html/dom.hpp"
#include "clearpage/plugin.hpp"
#include "clearpage/text/charset.hpp"
#include "clearpage/text/normalize.hpp"

namespace clearpage::plugins {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

constexpr std::size_t kSniffBytes = 64 * 1024;

// What the sniffing checks need of the first kSniffBytes: NULs on each side of the byte
// pairs, and control bytes other than whitespace and ESC (NUL among them).
struct HeadCounts {
  std::size_t size = 0;
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  std::size_t controls = 0;
};

bool is_control(unsigned char b) {
  return b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1B;
}

void count_bytes(const char* p, std::size_t from, std::size_t to, HeadCounts& counts) {
  for (std::size_t i = from; i < to; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if (b == 0) ++(i % 2 == 0 ? counts.even_nuls : counts.odd_nuls);
    if (is_control(b)) ++counts.controls;
  }
}

// One pass over the head. Markup seldom has a byte below 0x20 other than whitespace, so
// sixteen bytes at a time are tested at once, and only a block holding a NUL or a control
// byte is counted byte by byte.
HeadCounts count_head(std::string_view head) {
  HeadCounts counts;
  counts.size = head.size();
  const char* p = head.data();
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i below_space = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i tab_to_cr = _mm_set1_epi8('\r' - '\t');
  const __m128i esc = _mm_set1_epi8(0x1B);
  for (; i + 16 <= head.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Unsigned b <= 0x1F; b - '\t' <= '\r' - '\t' for \t \n \v \f \r.
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, below_space), v);
    const __m128i shifted = _mm_sub_epi8(v, tab);
    const __m128i space = _mm_cmpeq_epi8(_mm_min_epu8(shifted, tab_to_cr), shifted);
    const __m128i allowed = _mm_or_si128(space, _mm_cmpeq_epi8(v, esc));
    if (_mm_movemask_epi8(_mm_andnot_si128(allowed, low)) != 0) count_bytes(p, i, i + 16, counts);
  }
#endif
  count_bytes(p, i, head.size(), counts);
  return counts;
}

// UTF-16 without a byte-order mark: the NUL bytes of ASCII markup fall on one side of each
// byte pair ("<\0h\0t\0" is little-endian). Returns the charset, or "".
std::string bomless_utf16(const HeadCounts& head) {
  const std::size_t nuls = head.even_nuls + head.odd_nuls;
  // ASCII-heavy UTF-16 is close to half NULs; allow for some non-ASCII text.
  if (nuls * 4 < head.size || head.size < 8) return "";
  if (head.odd_nuls * 20 >= nuls * 19) return "utf-16le";
  if (head.even_nuls * 20 >= nuls * 19) return "utf-16be";
  return "";
}

// Why the bytes are a binary file rather than a damaged page, or "" when they are not.
// The evidence is a file signature at the start, or control bytes (NUL among them) in
// more than a tenth of the first 64 KiB (`head`, their counts). A few stray NULs in markup
// are damage, which the reader repairs, not evidence.
std::string binary_evidence(std::string_view bytes, const HeadCounts& head) {
  struct Signature {
    std::string_view magic;
    const char* name;
  };
  using namespace std::string_view_literals;
  static constexpr Signature kSignatures[] = {
      {"\x89PNG\r\n\x1a\n"sv, "a PNG image"},
      {"\xFF\xD8\xFF"sv, "a JPEG image"},
      {"GIF87a"sv, "a GIF image"},
      {"GIF89a"sv, "a GIF image"},
      {"%PDF-"sv, "a PDF document"},
      {"PK\x03\x04"sv, "a ZIP archive"},
      {"\x1F\x8B\x08"sv, "gzip data"},
      {"\x7F"
       "ELF"sv,
       "an ELF executable"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "an OLE document"},
      {"7z\xBC\xAF\x27\x1C"sv, "a 7-Zip archive"},
      {"\xFD"
       "7zXZ"sv,
       "xz data"},
      {"wOFF"sv, "a WOFF font"},
      {"wOF2"sv, "a WOFF2 font"},
      {"OggS"sv, "Ogg media"},
      {"\x1A\x45\xDF\xA3"sv, "Matroska/WebM media"},
  };
  for (const auto& signature : kSignatures) {
    if (bytes.substr(0, signature.magic.size()) == signature.magic) {
      return std::string("starts with the signature of ") + signature.name;
    }
  }
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF")
    return "starts with the signature of a RIFF media file";
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp")
    return "starts with the signature of an MP4 media file";
  if (!bomless_utf16(head).empty()) return "";
  if (head.controls * 10 > head.size) {
    return std::to_string(head.controls) + " of its first " + std::to_string(head.size) +
           " bytes are control bytes";
  }
  return "";
}

// NUL is never text; the HTML standard reads it as U+FFFD. Returns how many were replaced.
std::size_t replace_nul_bytes(std::string& utf8) {
  // memchr skips the NUL-free run, which is all of almost every page, many bytes a step.
  const char* nul = static_cast<const char*>(std::memchr(utf8.data(), '\0', utf8.size()));
  if (!nul) return 0;
  std::string out;
  out.reserve(utf8.size() + 16);
  std::size_t count = 0;
  std::size_t from = 0;
  while (nul) {
    const auto at = static_cast<std::size_t>(nul - utf8.data());
    out.append(utf8, from, at - from);
    out += "\xEF\xBF\xBD";
    ++count;
    from = at + 1;
    nul = static_cast<const char*>(std::memchr(utf8.data() + from, '\0', utf8.size() - from));
  }
  out.append(utf8, from, std::string::npos);
  utf8 = std::move(out);
  return count;
}

// Markup within the first bytes: a doctype or one of the tags every page has.
bool looks_like_html(std::string_view bytes) {
  const std::string head =
      text::ascii_lower(bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096)));
  for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<meta ", "<title",
                             "<div", "<p>", "<table", "<script"}) {
    if (head.find(marker) != std::string::npos) return true;
  }
  return false;
}

std::string page_url(const Input& input, const HtmlDom& dom) {
  if (!input.url.empty()) return input.url;
  for (html::Node link : html::find_by_tag(dom, "link")) {
    if (html::attr(link, "rel") == "canonical") {
      const std::string href = text::trim(html::attr(link, "href"));
      if (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) return href;
    }
  }
  const std::string og = html::meta_content(dom, "og:url");
  if (og.rfind("http://", 0) == 0 || og.rfind("https://", 0) == 0) return og;
  return "";
}

class HtmlReader final : public Reader {
 public:
  explicit HtmlReader(const StageContext& context)
      : charset_(context.options.get_string("charset")) {
    limits_.max_bytes = static_cast<std::size_t>(context.options.get_int("max_bytes"));
    limits_.max_depth = static_cast<int>(context.options.get_int("max_depth"));
    claim_parse_arena();
  }

  int probe(const Input& input) const override {
    const bool named = ends_with(input.source, ".html") || ends_with(input.source, ".htm") ||
                       ends_with(input.source, ".html.gz") || ends_with(input.source, ".htm.gz") ||
                       ends_with(input.source, ".shtml") || ends_with(input.source, ".xhtml");
    const bool markup = looks_like_html(input.bytes);
    if (markup && named) return kProbeCertain - 10;
    if (markup) return kProbeLikely + 20;
    if (named) return kProbeLikely;
    return kProbeDecline;
  }

  Document read(const Input& input) override {
    if (input.bytes.empty()) throw std::runtime_error("empty input");
    if (input.bytes.size() > limits_.max_bytes) {
      throw std::runtime_error("HTML input is " + std::to_string(input.bytes.size()) +
                               " bytes, over max_bytes (" + std::to_string(limits_.max_bytes) +
                               ")");
    }
    const bool bom16 =
        input.bytes.substr(0, 2) == "\xFF\xFE" || input.bytes.substr(0, 2) == "\xFE\xFF";
    const HeadCounts head = bom16 ? HeadCounts{} : count_head(input.bytes.substr(0, kSniffBytes));
    if (!bom16) {
      const std::string evidence = binary_evidence(input.bytes, head);
      if (!evidence.empty()) throw std::runtime_error("binary data, not HTML: " + evidence);
    }
    text::Decoded decoded;
    const std::string utf16 = bom16 ? "" : bomless_utf16(head);
    if (charset_ == "auto" && !utf16.empty()) {
      decoded.utf8 = text::decode_with(input.bytes, utf16, &decoded.invalid_sequences);
      decoded.charset = utf16;
      decoded.method = "nul_pattern";
    } else if (charset_ == "auto") {
      text::CharsetHints hints;
      hints.http_charset = input.http_charset;
      decoded = text::decode_to_utf8(input.bytes, hints);
    } else {
      decoded.utf8 =
          text::decode_with(input.bytes, text::widen_charset(charset_), &decoded.invalid_sequences);
      decoded.charset = charset_;
      decoded.method = "option";
    }
    if (decoded.invalid_sequences * 20 > input.bytes.size()) {
      throw std::runtime_error("undecodable HTML: " + std::to_string(decoded.invalid_sequences) +
                               " invalid sequences in " + std::to_string(input.bytes.size()) +
                               " bytes as " + decoded.charset);
    }
    const std::size_t nuls = replace_nul_bytes(decoded.utf8);
    if (!looks_like_html(decoded.utf8)) {
      // Named .html but holding no markup: still parse it, the text becomes the body.
      if (text::trim(decoded.utf8).empty()) throw std::runtime_error("no content: blank HTML");
    }

    Document doc;
    doc.format = "html";
    if (nuls > 0 || decoded.invalid_sequences > 0) {
      // The page is kept, and the damage is on record rather than silent.
      doc.repairs.push_back({"html", "replacement_characters", "", "\xEF\xBF\xBD",
                             std::to_string(nuls) + " NUL bytes and " +
                                 std::to_string(decoded.invalid_sequences) +
                                 " invalid sequences as " + decoded.charset + " became U+FFFD"});
    }
    auto dom = parse_html(decoded.utf8, limits_);
    doc.url = page_url(input, *dom);
    html::extract_metadata(*dom, doc.url, doc.meta, "html");
    doc.dom = html::make_dom_view(std::move(dom));
    return doc;
  }

 private:
  std::string charset_;
  HtmlParseLimits limits_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "html";
  info.description = "HTML pages: charset decision, one libxml2 parse into doc.dom, page metadata";
  info.options = {
      {"max_bytes", OptionType::kInteger, std::int64_t{64 << 20},
       "larger pages become error records", false},
      {"max_depth", OptionType::kInteger, std::int64_t{256},
       "deepest element nesting accepted; deeper pages become error records", false},
      {"charset", OptionType::kString, std::string("auto"),
       "input charset, or \"auto\": BOM, HTTP header, valid UTF-8, <meta>, ICU detection", false},
  };
  registry.add_reader(std::move(info), [](const StageContext& context) {
    return std::make_unique<HtmlReader>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("html", "0.1.0", clearpage::plugins::register_stages)
