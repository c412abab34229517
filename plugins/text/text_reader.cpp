// Reads crawled text dumps: one block per non-empty line.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "clearpage/plugin.hpp"
#include "clearpage/text/charset.hpp"
#include "clearpage/text/normalize.hpp"

namespace clearpage::plugins {

namespace {

bool looks_binary(std::string_view bytes) {
  // NUL never occurs in text; a burst of other C0 controls means a binary file.
  const std::string_view head = bytes.substr(0, 64 * 1024);
  std::size_t controls = 0;
  for (const char c : head) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) return true;
    if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) ++controls;
  }
  return controls * 20 > head.size();
}

bool looks_like_markup(std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  return i < bytes.size() && bytes[i] == '<';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class TextReader final : public Reader {
 public:
  explicit TextReader(const StageContext& context)
      : max_line_bytes_(static_cast<std::size_t>(context.options.get_int("max_line_bytes"))),
        charset_(context.options.get_string("charset")) {}

  int probe(const Input& input) const override {
    if (looks_markup_or_binary(input.bytes)) return kProbeDecline + 1;  // last resort only
    if (ends_with(input.source, ".txt") || ends_with(input.source, ".txt.gz")) return kProbeLikely;
    return kProbeGeneric;
  }

  Document read(const Input& input) override {
    if (input.bytes.empty()) throw std::runtime_error("empty input");
    if (looks_binary(input.bytes)) throw std::runtime_error("binary data, not text");

    text::Decoded decoded;
    if (charset_ == "auto") {
      text::CharsetHints hints;
      hints.http_charset = input.http_charset;
      hints.look_for_meta = false;
      decoded = text::decode_to_utf8(input.bytes, hints);
    } else {
      decoded.utf8 = text::decode_with(input.bytes, charset_, &decoded.invalid_sequences);
      decoded.charset = charset_;
    }
    if (decoded.invalid_sequences * 50 > input.bytes.size()) {
      throw std::runtime_error("undecodable text: " + std::to_string(decoded.invalid_sequences) +
                               " invalid sequences as " + decoded.charset);
    }

    Document doc;
    doc.format = "text";
    std::string_view rest = decoded.utf8;
    std::size_t line_number = 0;
    while (!rest.empty()) {
      const std::size_t newline = rest.find('\n');
      std::string_view line = rest.substr(0, newline);
      rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
      ++line_number;
      if (line.size() > max_line_bytes_) {
        throw std::runtime_error("line " + std::to_string(line_number) + " is " +
                                 std::to_string(line.size()) + " bytes, over max_line_bytes (" +
                                 std::to_string(max_line_bytes_) + ")");
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      std::string content = text::trim(line);
      if (content.empty()) continue;
      Block block;
      block.kind = BlockKind::kParagraph;
      block.text = std::move(content);
      block.provenance = "line " + std::to_string(line_number);
      doc.blocks.push_back(std::move(block));
    }
    if (doc.blocks.empty()) throw std::runtime_error("no text: the input holds only blank lines");
    return doc;
  }

 private:
  static bool looks_markup_or_binary(std::string_view bytes) {
    return looks_like_markup(bytes) || looks_binary(bytes);
  }

  std::size_t max_line_bytes_;
  std::string charset_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "text";
  info.description = "crawled text dumps: one paragraph block per non-empty line";
  info.options = {
      {"max_line_bytes", OptionType::kInteger, std::int64_t{8 << 20},
       "a longer line makes the document an error record", false},
      {"charset", OptionType::kString, std::string("auto"),
       "input charset, or \"auto\": BOM, valid UTF-8, then ICU detection", false},
  };
  registry.add_reader(std::move(info), [](const StageContext& context) {
    return std::make_unique<TextReader>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("text", "0.1.0", clearpage::plugins::register_stages)
