// The versioned JSON form of a Document; also the JSONL output contract.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "clearpage/document.hpp"

namespace clearpage {

// Bumped when a field changes meaning or is removed; adding fields keeps it.
inline constexpr int kDocumentSchemaVersion = 1;

// Kept blocks go to "body", removed ones to "removed" with their original index,
// so document_from_json() restores the exact block order.
// Fields keep the documented order (id, source, ... errors) for readers of the output.
nlohmann::ordered_json document_to_json(const Document& doc);
Document document_from_json(const nlohmann::json& json);

// One compact line, no trailing newline; invalid UTF-8 is replaced, never thrown on.
std::string document_to_json_line(const Document& doc);

nlohmann::ordered_json block_to_json(const Block& block);

}  // namespace clearpage
