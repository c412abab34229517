// Writes one Markdown file per document, with YAML front matter for the metadata.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "clearpage/plugin.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins {

namespace {

namespace fs = std::filesystem;

// A double-quoted YAML scalar: safe for any text, including ':' and '#'.
std::string yaml_quote(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\x";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// One line of inline text: newlines become spaces, so a block never spills into the next one.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

// Escapes a leading character that Markdown would read as syntax.
std::string escape_line_start(const std::string& line) {
  if (line.empty()) return line;
  const char c = line[0];
  if (c == '#' || c == '>' || c == '-' || c == '+' || c == '*' || c == '=' || c == '|' ||
      c == '`' || c == '~') {
    return "\\" + line;
  }
  // "1. text" would become an ordered list.
  std::size_t i = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i > 0 && i < line.size() && (line[i] == '.' || line[i] == ')')) {
    return line.substr(0, i) + "\\" + line.substr(i);
  }
  return line;
}

std::string escape_inline(std::string_view text, std::string_view specials) {
  std::string out;
  for (const char c : text) {
    if (specials.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string table_cell(const std::string& cell) {
  const std::string flat = one_line(cell);
  std::string out = escape_inline(flat, "|");
  return out.empty() ? " " : out;
}

std::string image_target(const std::string& src) {
  // <...> keeps spaces and parentheses inside the destination.
  if (src.find_first_of(" ()<>") != std::string::npos) {
    return "<" + escape_inline(one_line(src), "<>") + ">";
  }
  return src;
}

// File names come from ids, one to one: a character that could leave the directory,
// or is not allowed in a name, is written %XX, and so is "%" itself.
std::string file_stem(const std::string& id) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : id) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
        c == '"' || c == '<' || c == '>' || c == '|' || c == '%') {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += c;
    }
  }
  // A leading "." would hide the file ("." and ".." are no names at all).
  if (!out.empty() && out[0] == '.') out = "%2E" + out.substr(1);
  if (out.empty()) out = "%";
  return out;
}

void write_block(std::ostream& out, const Block& block) {
  switch (block.kind) {
    case BlockKind::kHeading: {
      const int level = block.level < 1 ? 1 : (block.level > 6 ? 6 : block.level);
      out << std::string(static_cast<std::size_t>(level), '#') << ' ' << one_line(block.text)
          << "\n";
      break;
    }
    case BlockKind::kList: {
      if (block.items.empty()) {
        out << "- " << one_line(block.text) << "\n";
      } else {
        for (const auto& item : block.items) out << "- " << one_line(item) << "\n";
      }
      break;
    }
    case BlockKind::kTable: {
      if (block.rows.empty()) {
        out << escape_line_start(one_line(block.text)) << "\n";
        break;
      }
      std::size_t columns = 0;
      for (const auto& row : block.rows) columns = std::max(columns, row.size());
      if (columns == 0) break;
      for (std::size_t r = 0; r < block.rows.size(); ++r) {
        out << '|';
        for (std::size_t c = 0; c < columns; ++c) {
          out << ' ' << (c < block.rows[r].size() ? table_cell(block.rows[r][c]) : " ") << " |";
        }
        out << "\n";
        // Markdown tables need a header row; the first row serves as one.
        if (r == 0) {
          out << '|';
          for (std::size_t c = 0; c < columns; ++c) out << " --- |";
          out << "\n";
        }
      }
      break;
    }
    case BlockKind::kImage:
      out << "![" << escape_inline(one_line(block.alt.empty() ? block.text : block.alt), "[]")
          << "](" << image_target(block.src) << ")\n";
      break;
    case BlockKind::kCaption:
      out << '*' << escape_inline(one_line(block.text), "*") << "*\n";
      break;
    case BlockKind::kQuote: {
      std::size_t start = 0;
      const std::string& text = block.text;
      while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out << "> " << text.substr(start, end - start) << "\n";
        start = end + 1;
      }
      break;
    }
    case BlockKind::kParagraph:
      out << escape_line_start(one_line(block.text)) << "\n";
      break;
  }
}

class MarkdownWriter final : public Writer {
 public:
  explicit MarkdownWriter(const StageContext& context)
      : append_(context.options.has("append") && context.options.get_bool("append")) {}

  void open(const std::string& path) override {
    if (path.empty() || path == "-") {
      throw std::runtime_error("markdown: 'path' must name a directory");
    }
    dir_ = path;
    fs::create_directories(dir_);
    if (!fs::is_directory(dir_)) throw std::runtime_error("markdown: not a directory: " + path);
    // Each file's id is logged once the file is in place, so run --resume knows it.
    const fs::path log = dir_ / ".clearpage-ids.jsonl";
    ids_.open(log, std::ios::binary | (append_ ? std::ios::app : std::ios::trunc));
    if (!ids_) throw std::runtime_error("cannot open " + log.string() + " for writing");
  }

  void write(const Document& doc) override {
    // Ids are unique and file_stem keeps them apart, so no file overwrites another's.
    const std::string stem = file_stem(doc.id);
    const fs::path final_path = dir_ / (stem + ".md");
    const fs::path temp_path = dir_ / (stem + ".md.partial-" + std::to_string(::getpid()));
    {
      std::ofstream out(temp_path, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot open " + temp_path.string() + " for writing");
      write_document(out, doc);
      out.close();
      if (!out) throw std::runtime_error("write failed: " + temp_path.string());
    }
    fs::rename(temp_path, final_path);
    ids_ << nlohmann::json({{"id", doc.id}})
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         << "\n"
         << std::flush;
    if (!ids_)
      throw std::runtime_error("write failed: " + (dir_ / ".clearpage-ids.jsonl").string());
  }

  void close() override { ids_.close(); }

 private:
  static void write_document(std::ostream& out, const Document& doc) {
    const auto field = [&](const char* name, const std::string& value) {
      if (!value.empty()) out << name << ": " << yaml_quote(text::sanitize_utf8(value)) << "\n";
    };
    out << "---\n";
    field("id", doc.id);
    field("title", doc.meta.title);
    field("published", doc.meta.published);
    field("source", doc.source);
    field("url", doc.url);
    field("site", doc.meta.site);
    field("source_name", doc.meta.source_name);
    field("author", doc.meta.author);
    field("editor", doc.meta.editor);
    field("language", doc.meta.language);
    field("script", doc.meta.script);
    if (!doc.meta.keywords.empty()) {
      out << "keywords:\n";
      for (const auto& keyword : doc.meta.keywords) {
        out << "  - " << yaml_quote(text::sanitize_utf8(keyword)) << "\n";
      }
    }
    if (!doc.errors.empty()) {
      out << "errors:\n";
      for (const auto& error : doc.errors) {
        out << "  - " << yaml_quote(text::sanitize_utf8(error.plugin + ": " + error.message))
            << "\n";
      }
    }
    out << "---\n";
    for (const auto& block : doc.blocks) {
      if (!block.kept()) continue;
      Block clean = block;
      clean.text = text::sanitize_utf8(block.text);
      out << "\n";
      write_block(out, clean);
    }
  }

  bool append_ = false;
  fs::path dir_;
  std::ofstream ids_;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "markdown";
  info.kind = StageKind::kWriter;
  info.description = "one Markdown file per document, with YAML front matter (docs/output.md)";
  info.options = {
      {"path", OptionType::kString, std::string(), "output directory; empty means the job's output",
       false, true},
      {"append", OptionType::kBoolean, false,
       "keep the id log of the files already written (run --resume)", false},
  };
  registry.add_writer(std::move(info), [](const StageContext& context) {
    return std::make_unique<MarkdownWriter>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("markdown", "0.1.0", clearpage::plugins::register_stages)
