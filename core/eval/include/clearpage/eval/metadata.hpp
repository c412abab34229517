// Metadata scoring: exact match after whitespace folding.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace clearpage::eval {

// The scored fields, in report order. "source" is the publisher: the output's source_name.
inline const std::vector<std::string>& metadata_fields() {
  static const std::vector<std::string> fields = {"title",  "published", "source",
                                                  "author", "editor",    "keywords"};
  return fields;
}

// Field name -> folded values. A scalar field has zero values (null or empty) or one;
// keywords keep their order. A field absent from the map is not scored.
using Metadata = std::map<std::string, std::vector<std::string>>;

// Trims, and turns every run of white space (Unicode spaces, U+3000, line breaks) into
// one ASCII space.
std::string fold_whitespace(std::string_view text);

// "2021-09-13T14:57:00+08:00" -> "2021-09-13"; text without a leading YYYY-MM-DD is
// returned folded, so it can only match the same text.
std::string date_part(std::string_view text);

// Unicode case folding (ICU full folding), for formats that score title and author
// case-insensitively.
std::string fold_case(std::string_view text);

// Folds a field's raw values the way scoring compares them, dropping empty values.
std::vector<std::string> normalize_field(const std::string& field,
                                         const std::vector<std::string>& raw);

}  // namespace clearpage::eval
