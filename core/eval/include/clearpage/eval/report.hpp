// Scores a run's JSONL output against a gold set and renders the report.
#pragma once

#include <filesystem>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "clearpage/eval/gold.hpp"
#include "clearpage/eval/metadata.hpp"
#include "clearpage/eval/shingles.hpp"

namespace clearpage::eval {

// The parts of one output record (docs/output.md) that are scored.
struct OutputRecord {
  std::string id;
  std::string text;
  // Kept heading and paragraph blocks joined by '\n': the seeds gold's body[] holds
  // exactly these kinds, so captions and lists must not count against it.
  std::string heading_paragraph_text;
  bool has_blocks = false;  // false for records without "body" (other tools' output)
  Metadata metadata;        // every field in metadata_fields(), normalised
  bool error = false;
};

OutputRecord output_record_from_json(const nlohmann::json& record);
// Blank lines are skipped; a line that is not a JSON object throws, naming its line number.
std::vector<OutputRecord> read_output(std::istream& in, const std::string& name = "output");
std::vector<OutputRecord> read_output(const std::filesystem::path& path);

struct FieldResult {
  std::string field;
  bool match = false;
  std::vector<std::string> expected;
  std::vector<std::string> actual;
};

struct DocumentResult {
  std::string id;
  std::string page_type;  // wcxb only
  ShingleMatch body;
  bool output_missing = false;
  bool output_error = false;
  std::vector<FieldResult> fields;  // only the fields the gold document scores
  // wcxb snippets: how many of the gold's `with` sentences the output holds, and how many
  // of its `without` boilerplate strings it (wrongly) holds.
  std::size_t with_total = 0;
  std::size_t with_found = 0;
  std::size_t without_total = 0;
  std::size_t without_found = 0;

  // 0 when there is no output; -1 when neither side has text (nothing to score).
  double f1() const;
};

struct FieldTotal {
  std::string field;
  std::size_t matched = 0;
  std::size_t total = 0;
  // The same split by whether the gold names a value: accuracy where the page names one,
  // and the values output where it names none (a wrong value is worse than none).
  std::size_t named_matched = 0;
  std::size_t named = 0;
  std::size_t unnamed_output = 0;
  std::size_t unnamed = 0;
};

// Means over the documents that have snippets of that kind: `with` is the share of wanted
// sentences found, `without` the share of boilerplate strings left out (1 is best for both).
struct SnippetScore {
  double with = 0;
  std::size_t with_documents = 0;
  double without = 0;
  std::size_t without_documents = 0;
};

// The scores of one slice of the documents (one page type).
struct GroupScore {
  std::string name;
  std::size_t documents = 0;
  BodyScore body;
  std::vector<FieldTotal> fields;  // same fields, same order as Report::fields
  SnippetScore snippets;
};

struct Report {
  GoldFormat format = GoldFormat::kSeeds;
  std::string gold_path;
  std::string output_path;
  std::size_t gold_documents = 0;
  std::size_t output_records = 0;
  std::size_t matched_documents = 0;    // gold documents with an output record
  std::size_t missing_output = 0;       // gold documents without one (scored as empty output)
  std::size_t output_without_gold = 0;  // output records no gold document names (ignored)
  std::size_t duplicate_output = 0;     // repeated ids; the first record is scored
  std::size_t error_records = 0;        // scored output records that are error records
  BodyScore body;
  std::vector<FieldTotal> fields;  // empty when the gold carries no metadata
  std::size_t metadata_matched = 0;
  std::size_t metadata_total = 0;
  SnippetScore snippets;                  // zero documents unless the gold has snippets (wcxb)
  std::vector<GroupScore> page_types;     // by name; empty unless the gold has page types (wcxb)
  std::vector<DocumentResult> documents;  // in gold order
};

Report evaluate(const GoldSet& gold, const std::vector<OutputRecord>& output);

// The human-readable table; `details` adds one line per document, worst F1 first.
std::string render_text(const Report& report, bool details);
nlohmann::ordered_json report_to_json(const Report& report, bool details);

}  // namespace clearpage::eval
