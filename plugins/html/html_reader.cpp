// Reads HTML pages: decodes them to UTF-8, parses them once into doc.dom, and fills the
// metadata the page declares. Extraction of the body is left to cleaners.
#include <algorithm>
#include <stdexcept>
#include <string>

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

std::string lower_head(std::string_view bytes, std::size_t n) {
  std::string out(bytes.substr(0, std::min(bytes.size(), n)));
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has_nul(std::string_view bytes) {
  return bytes.substr(0, 64 * 1024).find('\0') != std::string_view::npos;
}

// Markup within the first bytes: a doctype or one of the tags every page has.
bool looks_like_html(std::string_view bytes) {
  const std::string head = lower_head(bytes, 4096);
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
    if (has_nul(input.bytes) && input.bytes.substr(0, 2) != "\xFF\xFE" &&
        input.bytes.substr(0, 2) != "\xFE\xFF") {
      throw std::runtime_error("binary data, not HTML");
    }
    text::Decoded decoded;
    if (charset_ == "auto") {
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
                               " invalid sequences as " + decoded.charset);
    }
    if (!looks_like_html(decoded.utf8)) {
      // Named .html but holding no markup: still parse it, the text becomes the body.
      if (text::trim(decoded.utf8).empty()) throw std::runtime_error("no content: blank HTML");
    }

    Document doc;
    doc.format = "html";
    auto dom = parse_html(decoded.utf8, limits_);
    doc.url = page_url(input, *dom);
    html::extract_metadata(*dom, doc.url, doc.meta, "html");
    doc.dom = std::move(dom);
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
