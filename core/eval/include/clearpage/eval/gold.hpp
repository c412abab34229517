// Gold data loaders for the formats clearpage is scored against.
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
  kWcxb,       // ground-truth.json: {id: {url, page_type, title, author, publish_date,
               // articleBody, with[], without[]}}
};

std::string to_string(GoldFormat format);
// Throws std::runtime_error on an unknown name.
GoldFormat parse_gold_format(const std::string& name);

// A directory holding ground-truth.json (or that file) is wcxb when its entries carry a
// page_type, aeb otherwise; one with *.gold.json files is magic-html; one with other *.json
// files (or one such file) is seeds. Throws when none fits.
GoldFormat detect_gold_format(const std::filesystem::path& path);

struct GoldDocument {
  std::string id;
  std::string body;
  Metadata metadata;                 // empty unless the format carries metadata (seeds, wcxb)
  std::string page_type;             // wcxb: article, forum, product, ...; empty otherwise
  std::vector<std::string> with;     // wcxb: sentences the output must hold
  std::vector<std::string> without;  // wcxb: boilerplate the output must not hold
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
GoldSet load_wcxb_gold(const std::filesystem::path& path);

}  // namespace clearpage::eval
