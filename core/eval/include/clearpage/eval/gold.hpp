// Gold data loaders for the three formats clearpage is scored against.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clearpage/eval/metadata.hpp"

namespace clearpage::eval {

enum class GoldFormat {
  kSeeds,      // a directory of <id>.json documents with metadata and body[]
  kMagicHtml,  // a directory of <id>.gold.json files: {"content": ...}
  kAeb,        // ground-truth.json: {id: {articleBody, url}}
};

std::string to_string(GoldFormat format);
// Throws std::runtime_error on an unknown name.
GoldFormat parse_gold_format(const std::string& name);

// A directory holding ground-truth.json (or that file) is aeb; one with *.gold.json files is
// magic-html; one with other *.json files (or one such file) is seeds. Throws when none fits.
GoldFormat detect_gold_format(const std::filesystem::path& path);

struct GoldDocument {
  std::string id;
  std::string body;
  Metadata metadata;  // empty unless the format carries metadata (seeds)
};

struct GoldSet {
  GoldFormat format = GoldFormat::kSeeds;
  std::filesystem::path path;
  std::vector<GoldDocument> documents;  // sorted by id
};

// Loads a gold set; `format` forces the format, otherwise it is detected.
// Throws std::runtime_error naming the file on unreadable or malformed gold.
GoldSet load_gold(const std::filesystem::path& path,
                  std::optional<GoldFormat> format = std::nullopt);

GoldSet load_seeds_gold(const std::filesystem::path& path);
GoldSet load_magic_html_gold(const std::filesystem::path& path);
GoldSet load_aeb_gold(const std::filesystem::path& path);

}  // namespace clearpage::eval
