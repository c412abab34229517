#include "clearpage/eval/gold.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace clearpage::eval {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kMagicSuffix = ".gold.json";
constexpr std::string_view kAebFile = "ground-truth.json";

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read gold file " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  try {
    return json::parse(buffer.str());
  } catch (const json::exception& e) {
    throw std::runtime_error("gold file " + path.string() + " is not valid JSON: " + e.what());
  }
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string string_or_empty(const json& value) {
  return value.is_string() ? value.get<std::string>() : std::string();
}

// Raw values of one gold metadata field; nullopt when the file does not have the field.
std::optional<std::vector<std::string>> raw_field(const json& doc, const std::string& field) {
  auto it = doc.find(field);
  if (it == doc.end()) return std::nullopt;
  std::vector<std::string> values;
  if (it->is_string()) {
    values.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& item : *it) values.push_back(string_or_empty(item));
  }
  return values;
}

// The simplified variants leave out fields that do not change with the script and name
// the document they come from; those fields are taken from it.
std::optional<json> derived_from(const json& doc, const fs::path& file) {
  auto it = doc.find("derived_from");
  if (it == doc.end() || !it->is_string()) return std::nullopt;
  const std::string name = it->get<std::string>();
  for (const fs::path& dir : {file.parent_path(), file.parent_path().parent_path()}) {
    const fs::path candidate = dir / name;
    if (candidate != file && fs::is_regular_file(candidate)) return read_json(candidate);
  }
  return std::nullopt;
}

GoldDocument seeds_document(const fs::path& file) {
  const json doc = read_json(file);
  if (!doc.is_object())
    throw std::runtime_error("gold file " + file.string() + " is not an object");
  GoldDocument gold;
  gold.id = file.stem().string();
  // The body is body[] only: headings and paragraphs. Captions sit in captions[] and the
  // gold notes keep them apart from the body, so they are not scored as body text.
  if (auto body = doc.find("body"); body != doc.end() && body->is_array()) {
    bool first = true;
    for (const auto& item : *body) {
      const std::string line =
          item.is_object() ? string_or_empty(item.value("text", json())) : string_or_empty(item);
      if (!first) gold.body += '\n';
      gold.body += line;
      first = false;
    }
  }
  std::optional<json> parent;
  bool parent_loaded = false;
  for (const auto& field : metadata_fields()) {
    auto raw = raw_field(doc, field);
    if (!raw) {
      if (!parent_loaded) {
        parent = derived_from(doc, file);
        parent_loaded = true;
      }
      if (parent) raw = raw_field(*parent, field);
    }
    if (raw) gold.metadata[field] = normalize_field(field, *raw);
  }
  return gold;
}

void sort_documents(GoldSet& set) {
  std::sort(set.documents.begin(), set.documents.end(),
            [](const GoldDocument& a, const GoldDocument& b) { return a.id < b.id; });
}

// wcxb and aeb share the file name; wcxb entries carry a page type.
bool is_wcxb(const json& doc) {
  if (!doc.is_object()) return false;
  for (const auto& [id, entry] : doc.items()) {
    if (entry.is_object() && entry.contains("page_type")) return true;
  }
  return false;
}

GoldFormat ground_truth_format(const fs::path& file) {
  return is_wcxb(read_json(file)) ? GoldFormat::kWcxb : GoldFormat::kAeb;
}

std::vector<std::string> strings_of(const json& entry, const char* key) {
  std::vector<std::string> values;
  auto it = entry.find(key);
  if (it == entry.end() || !it->is_array()) return values;
  for (const auto& item : *it) {
    if (item.is_string() && !item.get<std::string>().empty())
      values.push_back(item.get<std::string>());
  }
  return values;
}

void require_directory(const fs::path& path, const std::string& what) {
  if (!fs::is_directory(path)) {
    throw std::runtime_error(what + " gold: " + path.string() + " is not a directory");
  }
}

}  // namespace

std::string to_string(GoldFormat format) {
  switch (format) {
    case GoldFormat::kSeeds:
      return "seeds";
    case GoldFormat::kMagicHtml:
      return "magic-html";
    case GoldFormat::kAeb:
      return "aeb";
    case GoldFormat::kWcxb:
      return "wcxb";
  }
  return "unknown";
}

GoldFormat parse_gold_format(const std::string& name) {
  if (name == "seeds") return GoldFormat::kSeeds;
  if (name == "magic-html") return GoldFormat::kMagicHtml;
  if (name == "aeb") return GoldFormat::kAeb;
  if (name == "wcxb") return GoldFormat::kWcxb;
  throw std::runtime_error("unknown gold format '" + name +
                           "' (use seeds, magic-html, aeb or wcxb)");
}

GoldFormat detect_gold_format(const fs::path& path) {
  if (fs::is_regular_file(path)) {
    const std::string name = path.filename().string();
    if (name == kAebFile) return ground_truth_format(path);
    if (ends_with(name, kMagicSuffix)) return GoldFormat::kMagicHtml;
    if (path.extension() == ".json") return GoldFormat::kSeeds;
    throw std::runtime_error("cannot tell the gold format of " + path.string() + "; give --format");
  }
  if (!fs::is_directory(path))
    throw std::runtime_error("gold path " + path.string() + " does not exist");
  if (fs::is_regular_file(path / kAebFile)) return ground_truth_format(path / kAebFile);
  bool has_json = false;
  for (const auto& file : files_in(path)) {
    const std::string name = file.filename().string();
    if (ends_with(name, kMagicSuffix)) return GoldFormat::kMagicHtml;
    if (file.extension() == ".json") has_json = true;
  }
  if (has_json) return GoldFormat::kSeeds;
  throw std::runtime_error("no gold files in " + path.string() +
                           " (expected ground-truth.json, *.gold.json or *.json)");
}

GoldSet load_seeds_gold(const fs::path& path) {
  GoldSet set;
  set.format = GoldFormat::kSeeds;
  set.path = path;
  if (fs::is_regular_file(path)) {
    set.documents.push_back(seeds_document(path));
    return set;
  }
  require_directory(path, "seeds");
  for (const auto& file : files_in(path)) {
    if (file.extension() == ".json") set.documents.push_back(seeds_document(file));
  }
  sort_documents(set);
  return set;
}

GoldSet load_magic_html_gold(const fs::path& path) {
  GoldSet set;
  set.format = GoldFormat::kMagicHtml;
  set.path = path;
  std::vector<fs::path> files;
  if (fs::is_regular_file(path)) {
    files.push_back(path);
  } else {
    require_directory(path, "magic-html");
    for (const auto& file : files_in(path)) {
      if (ends_with(file.filename().string(), kMagicSuffix)) files.push_back(file);
    }
  }
  for (const auto& file : files) {
    const json doc = read_json(file);
    if (!doc.is_object())
      throw std::runtime_error("gold file " + file.string() + " is not an object");
    const std::string name = file.filename().string();
    GoldDocument gold;
    gold.id = name.substr(0, name.size() - kMagicSuffix.size());
    gold.body = string_or_empty(doc.value("content", json()));
    set.documents.push_back(std::move(gold));
  }
  sort_documents(set);
  return set;
}

GoldSet load_aeb_gold(const fs::path& path) {
  GoldSet set;
  set.format = GoldFormat::kAeb;
  set.path = path;
  const fs::path file = fs::is_directory(path) ? path / kAebFile : path;
  const json doc = read_json(file);
  if (!doc.is_object())
    throw std::runtime_error("gold file " + file.string() + " is not an object");
  for (const auto& [id, entry] : doc.items()) {
    GoldDocument gold;
    gold.id = id;
    if (entry.is_object()) gold.body = string_or_empty(entry.value("articleBody", json()));
    set.documents.push_back(std::move(gold));
  }
  sort_documents(set);
  return set;
}

GoldSet load_wcxb_gold(const fs::path& path) {
  GoldSet set;
  set.format = GoldFormat::kWcxb;
  set.path = path;
  const fs::path file = fs::is_directory(path) ? path / kAebFile : path;
  const json doc = read_json(file);
  if (!doc.is_object())
    throw std::runtime_error("gold file " + file.string() + " is not an object");
  for (const auto& [id, entry] : doc.items()) {
    GoldDocument gold;
    gold.id = id;
    if (entry.is_object()) {
      gold.body = string_or_empty(entry.value("articleBody", json()));
      gold.page_type = string_or_empty(entry.value("page_type", json()));
      gold.with = strings_of(entry, "with");
      gold.without = strings_of(entry, "without");
      // The page's own field names; a null or empty value means the page names none.
      for (const auto& [field, key] : {std::pair<std::string, const char*>{"title", "title"},
                                       {"published", "publish_date"},
                                       {"author", "author"}}) {
        const std::string value = string_or_empty(entry.value(key, json()));
        gold.metadata[field] = normalize_field(field, {value});
      }
    }
    set.documents.push_back(std::move(gold));
  }
  sort_documents(set);
  return set;
}

GoldSet load_gold(const fs::path& path, std::optional<GoldFormat> format) {
  switch (format ? *format : detect_gold_format(path)) {
    case GoldFormat::kSeeds:
      return load_seeds_gold(path);
    case GoldFormat::kMagicHtml:
      return load_magic_html_gold(path);
    case GoldFormat::kAeb:
      return load_aeb_gold(path);
    case GoldFormat::kWcxb:
      return load_wcxb_gold(path);
  }
  throw std::runtime_error("unknown gold format");
}

}  // namespace clearpage::eval
