// The last word on metadata before it is written: every field is checked against what such
// a value must be (clearpage/extract/meta_values.hpp), whichever stage set it. A value that
// fails becomes null, and the drop is recorded as a repair naming the field and the reason.
// A missing language is detected from the kept text.
#include "metadata_check.hpp"

#include <optional>
#include <string>

#include "clearpage/extract/meta_values.hpp"
#include "clearpage/html/dom.hpp"

namespace clearpage::plugins::metadata {

namespace {

constexpr const char* kStage = "metadata_check";

class MetadataCheck final : public Cleaner {
 public:
  explicit MetadataCheck(const StageContext& context)
      : detect_language_(context.options.get_bool("detect_language")),
        latest_(meta::tomorrow_utc()) {}

  void clean(Document& doc) override {
    Metadata& m = doc.meta;
    const HtmlDom* dom = html::html_dom(doc);
    const std::string generator = dom ? html::meta_content(*dom, "generator") : "";
    check(doc, "title", m.title,
          [](std::string_view v, std::string* why) { return meta::valid_title(v, why); });
    check(doc, "published", m.published, [this](std::string_view v, std::string* why) {
      return meta::valid_date(v, latest_, why);
    });
    const auto name = [&generator](std::string_view v, std::string* why) {
      return meta::valid_name(v, generator, why);
    };
    check(doc, "author", m.author, name);
    check(doc, "editor", m.editor, name);
    check(doc, "source_name", m.source_name,
          [](std::string_view v, std::string* why) { return meta::valid_name(v, {}, why); });
    check(doc, "site", m.site,
          [](std::string_view v, std::string* why) { return meta::valid_name(v, {}, why); });
    check(doc, "language", m.language,
          [](std::string_view v, std::string* why) { return meta::valid_language(v, why); });
    std::vector<std::string> keywords;
    for (const auto& keyword : m.keywords) {
      std::string why;
      if (meta::valid_keyword(keyword, &why)) {
        keywords.push_back(keyword);
      } else {
        doc.repairs.push_back({kStage, "invalid_keywords", keyword, "", why});
      }
    }
    m.keywords = std::move(keywords);
    if (m.keywords.empty()) m.found_by.erase("keywords");

    if (m.language.empty() && detect_language_) {
      const std::string language = meta::detect_language(doc.text());
      if (!language.empty()) {
        m.language = language;
        m.found_by["language"] = std::string(kStage) + ":text";
      }
    }
  }

 private:
  template <typename Check>
  void check(Document& doc, const std::string& field, std::string& value, Check&& valid) {
    if (value.empty()) return;
    std::string why;
    std::optional<std::string> checked = valid(value, &why);
    if (checked) {
      value = std::move(*checked);
      return;
    }
    auto it = doc.meta.found_by.find(field);
    const std::string source = it == doc.meta.found_by.end() ? "" : " (from " + it->second + ")";
    doc.repairs.push_back({kStage, "invalid_" + field, value, "", why + source});
    value.clear();
    if (it != doc.meta.found_by.end()) doc.meta.found_by.erase(it);
  }

  bool detect_language_;
  meta::CalendarDay latest_;
};

}  // namespace

void register_check(Registry& registry) {
  StageInfo info;
  info.name = kStage;
  info.description =
      "checks every metadata value before it is written; invalid values become null, a "
      "missing language is detected from the text";
  info.options = {
      {"detect_language", OptionType::kBoolean, true,
       "when no stage set the language, detect it from the kept text", false},
  };
  registry.add_cleaner(std::move(info), [](const StageContext& context) {
    return std::make_unique<MetadataCheck>(context);
  });
}

}  // namespace clearpage::plugins::metadata
