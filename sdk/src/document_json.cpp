#include "clearpage/document_json.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "clearpage/text/utf8.hpp"

namespace clearpage {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

std::string valid(const std::string& s) { return text::sanitize_utf8(s); }

ordered_json string_list(const std::vector<std::string>& items) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) out.push_back(valid(item));
  return out;
}

std::string get_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw std::runtime_error(std::string("field '") + key + "' is not a string");
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
      doc.repairs.push_back({get_string(r, "plugin"), get_string(r, "rule"), get_string(r, "before"),
                             get_string(r, "after"), get_string(r, "detail")});
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

std::string document_to_json_line(const Document& doc) {
  return document_to_json(doc).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace clearpage
