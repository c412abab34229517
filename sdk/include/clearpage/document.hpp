// The common document model: metadata plus an ordered list of typed blocks.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clearpage {

class DomView;

enum class BlockKind { kHeading, kParagraph, kCaption, kList, kTable, kImage, kQuote };

const char* to_string(BlockKind kind);
std::optional<BlockKind> block_kind_from_string(const std::string& name);

// Who removed a block and why; kept on the block so `inspect` can explain it.
struct Removal {
  std::string plugin;
  std::string rule;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  int level = 0;                               // headings: 1..6
  std::string src;                             // images
  std::string alt;                             // images
  std::vector<std::string> items;              // lists
  std::vector<std::vector<std::string>> rows;  // tables: rows of cells
  std::string provenance;                      // "line 12" or a DOM path
  std::optional<Removal> removed;

  bool kept() const { return !removed.has_value(); }
};

// A change made to the text, recorded so that no repair is silent.
struct Repair {
  std::string plugin;
  std::string rule;
  std::string before;
  std::string after;
  std::string detail;
};

struct DocumentError {
  std::string plugin;
  std::string stage;
  std::string message;
};

struct Metadata {
  std::string title;
  std::string published;  // ISO 8601
  std::string site;
  std::string source_name;
  std::string author;
  std::string editor;
  std::vector<std::string> keywords;
  std::string language;
  std::string script;  // ISO 15924: Hans, Hant, Latn
  // field name -> "plugin:rule" that set it
  std::map<std::string, std::string> found_by;
};

struct Document {
  std::string id;
  std::string source;  // path or URI of the input
  std::string url;     // the page's own URL when known
  std::string format;  // what it was read as: text, html, ...
  std::string layout;  // site layout that produced the blocks, when one did
  Metadata meta;
  std::vector<Block> blocks;
  std::vector<Repair> repairs;
  std::vector<DocumentError> errors;
  // The parsed page, shared by the stages that need it; never serialised. Query it
  // through clearpage/dom_view.hpp.
  std::shared_ptr<const DomView> dom;

  bool failed() const { return !errors.empty(); }
  // Kept blocks' text joined by '\n'.
  std::string text() const;
  // Marks a block removed; the first removal wins so the original reason survives.
  void remove_block(std::size_t index, const std::string& plugin, const std::string& rule);
};

}  // namespace clearpage
