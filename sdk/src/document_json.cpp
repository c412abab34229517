#include "clearpage/document_json.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "clearpage/text/utf8.hpp"

namespace clearpage {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

std::string valid(const std::string& s) {
  return text::sanitize_utf8(s);
}

ordered_json string_list(const std::vector<std::string>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) out.push_back(valid(item));
  return out;
}

std::string get_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string())
    throw std::runtime_error(std::string("field '") + key + "' is not a string");
  return it->get<std::string>();
}

std::vector<std::string> get_string_list(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  for (const auto& item : *it) out.push_back(item.get<std::string>());
  return out;
}

Block block_from_json(const json& j) {
  Block block;
  auto kind = block_kind_from_string(get_string(j, "type"));
  if (!kind) throw std::runtime_error("unknown block type '" + get_string(j, "type") + "'");
  block.kind = *kind;
  block.text = get_string(j, "text");
  if (j.contains("level")) block.level = j.at("level").get<int>();
  block.src = get_string(j, "src");
  block.alt = get_string(j, "alt");
  block.items = get_string_list(j, "items");
  if (j.contains("rows")) {
    for (const auto& row : j.at("rows")) block.rows.push_back(row.get<std::vector<std::string>>());
  }
  block.provenance = get_string(j, "provenance");
  return block;
}

}  // namespace

ordered_json block_to_json(const Block& block) {
  ordered_json j = {{"type", to_string(block.kind)}, {"text", valid(block.text)}};
  if (block.kind == BlockKind::kHeading) j["level"] = block.level;
  if (!block.src.empty()) j["src"] = valid(block.src);
  if (!block.alt.empty()) j["alt"] = valid(block.alt);
  if (!block.items.empty()) j["items"] = string_list(block.items);
  if (!block.rows.empty()) {
    ordered_json rows = ordered_json::array();
    for (const auto& row : block.rows) rows.push_back(string_list(row));
    j["rows"] = rows;
  }
  if (!block.provenance.empty()) j["provenance"] = valid(block.provenance);
  return j;
}

ordered_json document_to_json(const Document& doc) {
  const auto& m = doc.meta;
  ordered_json body = ordered_json::array();
  ordered_json removed = ordered_json::array();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    ordered_json j = block_to_json(block);
    if (block.removed) {
      j["index"] = i;
      j["by"] = valid(block.removed->plugin);
      j["rule"] = valid(block.removed->rule);
      removed.push_back(std::move(j));
    } else {
      body.push_back(std::move(j));
    }
  }
  ordered_json repairs = ordered_json::array();
  for (const auto& r : doc.repairs) {
    repairs.push_back({{"plugin", valid(r.plugin)},
                       {"rule", valid(r.rule)},
                       {"before", valid(r.before)},
                       {"after", valid(r.after)},
                       {"detail", valid(r.detail)}});
  }
  ordered_json errors = ordered_json::array();
  for (const auto& e : doc.errors) {
    errors.push_back(
        {{"plugin", valid(e.plugin)}, {"stage", valid(e.stage)}, {"message", valid(e.message)}});
  }
  ordered_json found_by = ordered_json::object();
  for (const auto& [field, rule] : m.found_by) found_by[field] = valid(rule);

  ordered_json j = {{"schema_version", kDocumentSchemaVersion},
                    {"id", valid(doc.id)},
                    {"source", valid(doc.source)},
                    {"url", valid(doc.url)},
                    {"format", valid(doc.format)},
                    {"layout", valid(doc.layout)},
                    {"title", valid(m.title)},
                    {"published", valid(m.published)},
                    {"site", valid(m.site)},
                    {"source_name", valid(m.source_name)},
                    {"author", valid(m.author)},
                    {"editor", valid(m.editor)},
                    {"keywords", string_list(m.keywords)},
                    {"language", valid(m.language)},
                    {"script", valid(m.script)},
                    {"body", std::move(body)},
                    {"text", valid(doc.text())},
                    {"removed", std::move(removed)},
                    {"repairs", std::move(repairs)},
                    {"found_by", std::move(found_by)},
                    {"errors", std::move(errors)}};
  return j;
}

Document document_from_json(const json& j) {
  if (!j.is_object()) throw std::runtime_error("document JSON must be an object");
  const int version = j.value("schema_version", 0);
  if (version != kDocumentSchemaVersion) {
    throw std::runtime_error("unsupported schema_version " + std::to_string(version) +
                             " (this build reads " + std::to_string(kDocumentSchemaVersion) + ")");
  }
  Document doc;
  doc.id = get_string(j, "id");
  doc.source = get_string(j, "source");
  doc.url = get_string(j, "url");
  doc.format = get_string(j, "format");
  doc.layout = get_string(j, "layout");
  auto& m = doc.meta;
  m.title = get_string(j, "title");
  m.published = get_string(j, "published");
  m.site = get_string(j, "site");
  m.source_name = get_string(j, "source_name");
  m.author = get_string(j, "author");
  m.editor = get_string(j, "editor");
  m.keywords = get_string_list(j, "keywords");
  m.language = get_string(j, "language");
  m.script = get_string(j, "script");
  if (j.contains("found_by")) {
    for (const auto& [field, rule] : j.at("found_by").items()) m.found_by[field] = rule;
  }

  if (j.contains("body")) {
    for (const auto& b : j.at("body")) doc.blocks.push_back(block_from_json(b));
  }
  if (j.contains("removed")) {
    for (const auto& r : j.at("removed")) {
      Block block = block_from_json(r);
      block.removed = Removal{get_string(r, "by"), get_string(r, "rule")};
      std::size_t index = r.value("index", doc.blocks.size());
      if (index > doc.blocks.size()) index = doc.blocks.size();
      doc.blocks.insert(doc.blocks.begin() + static_cast<std::ptrdiff_t>(index), std::move(block));
    }
  }
  if (j.contains("repairs")) {
    for (const auto& r : j.at("repairs")) {
      doc.repairs.push_back({get_string(r, "plugin"), get_string(r, "rule"),
                             get_string(r, "before"), get_string(r, "after"),
                             get_string(r, "detail")});
    }
  }
  if (j.contains("errors")) {
    for (const auto& e : j.at("errors")) {
      doc.errors.push_back(
          {get_string(e, "plugin"), get_string(e, "stage"), get_string(e, "message")});
    }
  }
  return doc;
}

namespace {

// Writes the line that document_to_json(doc).dump() would, without building the JSON tree:
// the writer runs once per document, and the tree cost more than the text it holds.
class LineWriter {
 public:
  explicit LineWriter(std::string& out) : out_(out) {}

  // A string value: invalid UTF-8 replaced as valid() does, then escaped as nlohmann's
  // serializer escapes (named escapes, \u00xx for other controls, the rest verbatim).
  void string(std::string_view s) {
    if (!text::is_valid_utf8(s)) {
      escaped(text::sanitize_utf8(s));
    } else {
      escaped(s);
    }
  }

  void key(std::string_view k) {
    out_ += first_ ? "\"" : ",\"";
    first_ = false;
    out_ += k;  // keys are our own ASCII names (found_by keys are checked by the caller)
    out_ += "\":";
  }

  void field(std::string_view k, std::string_view value) {
    key(k);
    string(value);
  }

  void open(char bracket) {
    out_ += bracket;
    first_ = true;
  }
  void close(char bracket) {
    out_ += bracket;
    first_ = false;
  }
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  void string_list(const std::vector<std::string>& items) {
    open('[');
    for (const auto& item : items) {
      comma();
      string(item);
    }
    close(']');
  }

  void block(const Block& b) {
    open('{');
    field("type", to_string(b.kind));
    field("text", b.text);
    if (b.kind == BlockKind::kHeading) {
      key("level");
      out_ += std::to_string(b.level);
    }
    if (!b.src.empty()) field("src", b.src);
    if (!b.alt.empty()) field("alt", b.alt);
    if (!b.items.empty()) {
      key("items");
      string_list(b.items);
    }
    if (!b.rows.empty()) {
      key("rows");
      open('[');
      for (const auto& row : b.rows) {
        comma();
        string_list(row);
      }
      close(']');
    }
    if (!b.provenance.empty()) field("provenance", b.provenance);
  }

  std::string& out() { return out_; }

 private:
  void escaped(std::string_view s) {
    out_ += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '\b':
          out_ += "\\b";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out_ += buf;
        }
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  bool first_ = true;
};

bool plain_key(std::string_view k) {
  for (const char c : k) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

std::string document_to_json_line(const Document& doc) {
  const auto& m = doc.meta;
  for (const auto& [field, rule] : m.found_by) {
    // Keys that would need escaping or replacing take the general path.
    if (!plain_key(field)) {
      return document_to_json(doc).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    }
  }
  std::string line;
  line.reserve(4096);
  LineWriter w(line);
  w.open('{');
  w.key("schema_version");
  line += std::to_string(kDocumentSchemaVersion);
  w.field("id", doc.id);
  w.field("source", doc.source);
  w.field("url", doc.url);
  w.field("format", doc.format);
  w.field("layout", doc.layout);
  w.field("title", m.title);
  w.field("published", m.published);
  w.field("site", m.site);
  w.field("source_name", m.source_name);
  w.field("author", m.author);
  w.field("editor", m.editor);
  w.key("keywords");
  w.string_list(m.keywords);
  w.field("language", m.language);
  w.field("script", m.script);
  w.key("body");
  w.open('[');
  for (const Block& block : doc.blocks) {
    if (block.removed) continue;
    w.comma();
    w.block(block);
    w.close('}');
  }
  w.close(']');
  w.field("text", doc.text());
  w.key("removed");
  w.open('[');
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    if (!block.removed) continue;
    w.comma();
    w.block(block);
    w.key("index");
    line += std::to_string(i);
    w.field("by", block.removed->plugin);
    w.field("rule", block.removed->rule);
    w.close('}');
  }
  w.close(']');
  w.key("repairs");
  w.open('[');
  for (const auto& r : doc.repairs) {
    w.comma();
    w.open('{');
    w.field("plugin", r.plugin);
    w.field("rule", r.rule);
    w.field("before", r.before);
    w.field("after", r.after);
    w.field("detail", r.detail);
    w.close('}');
  }
  w.close(']');
  w.key("found_by");
  w.open('{');
  for (const auto& [field, rule] : m.found_by) w.field(field, rule);
  w.close('}');
  w.key("errors");
  w.open('[');
  for (const auto& e : doc.errors) {
    w.comma();
    w.open('{');
    w.field("plugin", e.plugin);
    w.field("stage", e.stage);
    w.field("message", e.message);
    w.close('}');
  }
  w.close(']');
  w.close('}');
  return line;
}

}  // namespace clearpage
