#include "clearpage/extract/jsonld.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "clearpage/text/normalize.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::html {

namespace {

using nlohmann::json;

// CMSs often write HTML-escaped text into JSON-LD ("Maria &amp; Katerina").
std::string unescape_html(const std::string& s) {
  if (s.find('&') == std::string::npos) return s;
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"},
      {"&lt;", "<"},  {"&gt;", ">"},    {"&nbsp;", " "}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (const auto& [entity, text] : kNamed) {
        if (s.compare(i, entity.size(), entity) == 0) {
          out += text;
          i += entity.size();
          done = true;
          break;
        }
      }
      if (!done && i + 2 < s.size() && s[i + 1] == '#') {
        std::size_t j = i + 2;
        const bool hex = s[j] == 'x' || s[j] == 'X';
        if (hex) ++j;
        char32_t code = 0;
        const std::size_t start = j;
        while (j < s.size() && j - start < 7 && std::isxdigit(static_cast<unsigned char>(s[j])) &&
               (hex || std::isdigit(static_cast<unsigned char>(s[j])))) {
          code = code * (hex ? 16 : 10) +
                 static_cast<char32_t>(
                     std::isdigit(static_cast<unsigned char>(s[j]))
                         ? s[j] - '0'
                         : (std::tolower(static_cast<unsigned char>(s[j])) - 'a' + 10));
          ++j;
        }
        if (j > start && j < s.size() && s[j] == ';' && code > 0 && code < 0x110000) {
          text::append_utf8(out, code);
          i = j + 1;
          done = true;
        }
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

std::string string_of(const json& value) {
  if (value.is_string()) return text::normalize_whitespace(unescape_html(value.get<std::string>()));
  // {"@value": "..."} and [first, ...] forms.
  if (value.is_object() && value.contains("@value")) return string_of(value["@value"]);
  if (value.is_array() && !value.empty()) return string_of(value.front());
  return "";
}

std::vector<std::string> types_of(const json& object) {
  std::vector<std::string> types;
  auto it = object.find("@type");
  if (it == object.end()) return types;
  if (it->is_string()) types.push_back(it->get<std::string>());
  if (it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
  }
  return types;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool article_like(const std::string& type) {
  return ends_with(type, "Article") || ends_with(type, "Posting") || type == "Report" ||
         type == "Review" || type == "HowTo" || type == "Recipe" || type == "Question";
}

bool page_like(const std::string& type) {
  return ends_with(type, "Page");
}

// Every object of the scripts, depth first, and an index of those with an @id.
struct Graph {
  std::vector<const json*> objects;
  std::unordered_map<std::string, const json*> by_id;

  void add(const json& value, int depth) {
    if (depth > 32) return;
    if (value.is_array()) {
      for (const auto& item : value) add(item, depth + 1);
      return;
    }
    if (!value.is_object()) return;
    objects.push_back(&value);
    if (auto id = value.find("@id"); id != value.end() && id->is_string() && value.size() > 1)
      by_id.emplace(id->get<std::string>(), &value);
    for (const auto& [key, child] : value.items()) {
      if (child.is_object() || child.is_array()) add(child, depth + 1);
    }
  }

  // An {"@id": ...} reference resolved to the object it names.
  const json& resolve(const json& value) const {
    if (value.is_object() && value.size() == 1 && value.contains("@id") &&
        value["@id"].is_string()) {
      auto it = by_id.find(value["@id"].get<std::string>());
      if (it != by_id.end()) return *it->second;
    }
    return value;
  }
};

void add_names(const Graph& graph, const json& value, std::vector<std::string>& names,
               int depth = 0) {
  if (depth > 4) return;
  if (value.is_array()) {
    for (const auto& item : value) add_names(graph, item, names, depth + 1);
    return;
  }
  const json& resolved = graph.resolve(value);
  std::string name;
  if (resolved.is_string()) {
    name = string_of(resolved);
  } else if (resolved.is_object()) {
    if (auto it = resolved.find("name"); it != resolved.end()) name = string_of(*it);
  }
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(name);
}

std::string field(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? "" : string_of(*it);
}

}  // namespace

JsonLdArticle read_jsonld(const std::vector<std::string>& scripts) {
  std::vector<json> documents;
  for (const auto& script : scripts) {
    json parsed = json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) documents.push_back(std::move(parsed));
  }
  Graph graph;
  for (const auto& document : documents) graph.add(document, 0);

  const json* article = nullptr;
  const json* page = nullptr;
  std::string article_type;
  for (const json* object : graph.objects) {
    for (const auto& type : types_of(*object)) {
      if (!article && article_like(type)) {
        article = object;
        article_type = type;
      }
      if (!page && page_like(type)) page = object;
    }
  }
  JsonLdArticle facts;
  for (const json* source : {article, page}) {
    if (!source) continue;
    if (facts.headline.empty()) facts.headline = field(*source, "headline");
    if (facts.date_published.empty()) facts.date_published = field(*source, "datePublished");
    if (facts.authors.empty()) {
      if (auto it = source->find("author"); it != source->end())
        add_names(graph, *it, facts.authors);
    }
    if (facts.publisher.empty()) {
      if (auto it = source->find("publisher"); it != source->end()) {
        std::vector<std::string> names;
        add_names(graph, *it, names);
        if (!names.empty()) facts.publisher = names.front();
      }
    }
    if (facts.language.empty()) facts.language = field(*source, "inLanguage");
    if (facts.body.empty()) facts.body = field(*source, "articleBody");
    if (facts.type.empty()) facts.type = source == article ? article_type : "WebPage";
  }
  // The work the page is about describes itself: the article, else another thing (a
  // product, an event), but not a page, a site or an organisation, which describe the site.
  if (article) facts.description = field(*article, "description");
  for (const json* object : graph.objects) {
    if (!facts.description.empty()) break;
    const auto types = types_of(*object);
    const bool about_site = std::any_of(types.begin(), types.end(), [](const std::string& t) {
      return page_like(t) || t == "WebSite" || t == "Organization";
    });
    if (!about_site) facts.description = field(*object, "description");
  }
  return facts;
}

}  // namespace clearpage::html
