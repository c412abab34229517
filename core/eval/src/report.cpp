#include "clearpage/eval/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace clearpage::eval {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// Output field names differ from gold names only for the publisher.
std::string output_key(const std::string& field) {
  return field == "source" ? "source_name" : field;
}

std::vector<std::string> raw_values(const json& value) {
  std::vector<std::string> values;
  if (value.is_string()) {
    values.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) values.push_back(item.get<std::string>());
    }
  }
  return values;
}

std::string fixed(double value, int digits = 4) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string show_values(const std::vector<std::string>& values) {
  if (values.empty()) return "(empty)";
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += " | ";
    out += "\"" + values[i] + "\"";
  }
  return out;
}

// Worst first; documents with nothing to score go last; ties by id for stable output.
std::vector<const DocumentResult*> worst_first(const Report& report) {
  std::vector<const DocumentResult*> order;
  for (const auto& doc : report.documents) order.push_back(&doc);
  std::stable_sort(order.begin(), order.end(),
                   [](const DocumentResult* a, const DocumentResult* b) {
                     const double fa = a->f1() < 0 ? 2.0 : a->f1();
                     const double fb = b->f1() < 0 ? 2.0 : b->f1();
                     if (fa != fb) return fa < fb;
                     return a->id < b->id;
                   });
  return order;
}

}  // namespace

double DocumentResult::f1() const {
  if (!body.has_gold() && !body.has_output()) return -1;
  if (!body.has_output() || !body.has_gold()) return 0;
  return f1_of(body.precision(), body.recall());
}

OutputRecord output_record_from_json(const json& record) {
  if (!record.is_object()) throw std::runtime_error("record is not a JSON object");
  OutputRecord out;
  if (auto it = record.find("id"); it != record.end() && it->is_string())
    out.id = it->get<std::string>();
  if (auto it = record.find("source"); it != record.end() && it->is_string()) {
    std::string name = it->get<std::string>();
    if (const std::size_t slash = name.rfind('/'); slash != std::string::npos) {
      name = name.substr(slash + 1);
    }
    // Record inputs ("crawl.warc@123") have no file of their own.
    if (name.find('@') == std::string::npos) out.name = name.substr(0, name.find('.'));
  }
  if (auto it = record.find("text"); it != record.end() && it->is_string()) {
    out.text = it->get<std::string>();
  }
  if (auto it = record.find("body"); it != record.end() && it->is_array()) {
    out.has_blocks = true;
    for (const auto& block : *it) {
      if (!block.is_object()) continue;
      const std::string type = block.value("type", std::string());
      if (type != "heading" && type != "paragraph") continue;
      const auto text = block.find("text");
      if (text == block.end() || !text->is_string() || text->get<std::string>().empty()) continue;
      if (!out.heading_paragraph_text.empty()) out.heading_paragraph_text += '\n';
      out.heading_paragraph_text += text->get<std::string>();
    }
  }
  if (auto it = record.find("errors"); it != record.end() && it->is_array())
    out.error = !it->empty();
  for (const auto& field : metadata_fields()) {
    auto it = record.find(output_key(field));
    out.metadata[field] =
        normalize_field(field, it == record.end() ? std::vector<std::string>{} : raw_values(*it));
  }
  return out;
}

std::vector<OutputRecord> read_output(std::istream& in, const std::string& name) {
  std::vector<OutputRecord> records;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      records.push_back(output_record_from_json(json::parse(line)));
    } catch (const std::exception& e) {
      throw std::runtime_error(name + ":" + std::to_string(line_number) + ": " + e.what());
    }
  }
  return records;
}

std::vector<OutputRecord> read_output(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read output " + path.string());
  return read_output(in, path.string());
}

Report evaluate(const GoldSet& gold, const std::vector<OutputRecord>& output) {
  Report report;
  report.format = gold.format;
  report.gold_path = gold.path.string();
  report.gold_documents = gold.documents.size();
  report.output_records = output.size();

  std::unordered_map<std::string, const OutputRecord*> by_id;
  for (const auto& record : output) {
    if (!by_id.emplace(record.id, &record).second) ++report.duplicate_output;
  }
  std::unordered_map<std::string, bool> gold_ids;
  for (const auto& doc : gold.documents) gold_ids.emplace(doc.id, true);
  // A gold id that is no record's id may be a record's file name (see OutputRecord::name);
  // a name two records share matches neither.
  std::unordered_map<std::string, const OutputRecord*> by_name;
  for (const auto& record : output) {
    if (record.name.empty() || by_id.count(record.name)) continue;
    auto [it, inserted] = by_name.emplace(record.name, &record);
    if (!inserted) it->second = nullptr;
  }
  std::unordered_map<const OutputRecord*, bool> aliased;
  for (const auto& doc : gold.documents) {
    if (by_id.count(doc.id)) continue;
    auto it = by_name.find(doc.id);
    if (it == by_name.end() || !it->second) continue;
    aliased.emplace(it->second, true);
    by_id.emplace(doc.id, it->second);
  }
  for (const auto& [id, record] : by_id) {
    if (!gold_ids.count(id) && !aliased.count(record)) ++report.output_without_gold;
  }

  for (const auto& field : metadata_fields()) report.fields.push_back({field, 0, 0});
  static const OutputRecord kEmpty = [] {
    OutputRecord empty;
    for (const auto& field : metadata_fields()) empty.metadata[field] = {};
    return empty;
  }();

  std::vector<ShingleMatch> matches;
  for (const auto& doc : gold.documents) {
    DocumentResult result;
    result.id = doc.id;
    auto it = by_id.find(doc.id);
    const OutputRecord* record = &kEmpty;
    if (it == by_id.end()) {
      result.output_missing = true;
      ++report.missing_output;
    } else {
      record = it->second;
      ++report.matched_documents;
      result.output_error = record->error;
      if (record->error) ++report.error_records;
    }
    const std::string& output_body = gold.format == GoldFormat::kSeeds && record->has_blocks
                                         ? record->heading_paragraph_text
                                         : record->text;
    result.body = match_texts(doc.body, output_body);
    matches.push_back(result.body);
    for (auto& total : report.fields) {
      auto expected = doc.metadata.find(total.field);
      if (expected == doc.metadata.end()) continue;
      FieldResult field;
      field.field = total.field;
      field.expected = expected->second;
      field.actual = record->metadata.at(total.field);
      field.match = field.expected == field.actual;
      ++total.total;
      if (field.match) ++total.matched;
      result.fields.push_back(std::move(field));
    }
    report.documents.push_back(std::move(result));
  }
  std::erase_if(report.fields, [](const FieldTotal& total) { return total.total == 0; });
  for (const auto& total : report.fields) {
    report.metadata_matched += total.matched;
    report.metadata_total += total.total;
  }
  report.body = aggregate(matches);
  return report;
}

std::string render_text(const Report& report, bool details) {
  std::ostringstream out;
  out << "gold:      " << report.gold_path << " (" << to_string(report.format) << ", "
      << report.gold_documents << " documents)\n";
  if (!report.output_path.empty()) {
    out << "output:    " << report.output_path << " (" << report.output_records << " records)\n";
  }
  out << "documents: " << report.matched_documents << " scored, " << report.missing_output
      << " without output, " << report.output_without_gold << " output records without gold";
  if (report.duplicate_output > 0) out << ", " << report.duplicate_output << " duplicate ids";
  if (report.error_records > 0) out << ", " << report.error_records << " error records";
  out << "\n\n";

  out << "body (4-token shingles)\n";
  out << "  precision " << fixed(report.body.precision) << "  (mean over "
      << report.body.precision_documents << " documents with output)\n";
  out << "  recall    " << fixed(report.body.recall) << "  (mean over "
      << report.body.recall_documents << " documents with gold text)\n";
  out << "  F1        " << fixed(report.body.f1) << "\n";

  if (!report.fields.empty()) {
    out << "\nmetadata (exact match after whitespace folding)\n";
    for (const auto& total : report.fields) {
      out << "  " << pad(total.field, 10) << std::to_string(total.matched) << " of " << total.total
          << "\n";
    }
    out << "  " << pad("total", 10) << report.metadata_matched << " of " << report.metadata_total
        << "\n";
  }

  if (details) {
    out << "\ndocuments, worst F1 first\n";
    out << "  " << pad("F1", 8) << pad("P", 8) << pad("R", 8) << pad("gold", 7) << pad("out", 7)
        << "id\n";
    for (const DocumentResult* doc : worst_first(report)) {
      const double f1 = doc->f1();
      out << "  " << pad(f1 < 0 ? "-" : fixed(f1), 8)
          << pad(doc->body.has_output() ? fixed(doc->body.precision()) : "-", 8)
          << pad(doc->body.has_gold() ? fixed(doc->body.recall()) : "-", 8)
          << pad(std::to_string(doc->body.gold_shingles), 7)
          << pad(std::to_string(doc->body.output_shingles), 7) << doc->id;
      if (doc->output_missing) out << "  [no output record]";
      if (doc->output_error) out << "  [error record]";
      out << "\n";
      for (const auto& field : doc->fields) {
        if (field.match) continue;
        out << "      " << pad(field.field, 10) << "want " << show_values(field.expected)
            << "  got " << show_values(field.actual) << "\n";
      }
    }
  }
  return out.str();
}

ordered_json report_to_json(const Report& report, bool details) {
  ordered_json out;
  out["gold"] = report.gold_path;
  out["format"] = to_string(report.format);
  out["output"] = report.output_path;
  out["documents"] = {{"gold", report.gold_documents},
                      {"output_records", report.output_records},
                      {"scored", report.matched_documents},
                      {"without_output", report.missing_output},
                      {"output_without_gold", report.output_without_gold},
                      {"duplicate_ids", report.duplicate_output},
                      {"error_records", report.error_records}};
  out["body"] = {{"precision", report.body.precision},
                 {"recall", report.body.recall},
                 {"f1", report.body.f1},
                 {"precision_documents", report.body.precision_documents},
                 {"recall_documents", report.body.recall_documents}};
  ordered_json metadata = ordered_json::object();
  ordered_json fields = ordered_json::object();
  for (const auto& total : report.fields) {
    fields[total.field] = {{"matched", total.matched}, {"total", total.total}};
  }
  metadata["fields"] = fields;
  metadata["matched"] = report.metadata_matched;
  metadata["total"] = report.metadata_total;
  out["metadata"] = metadata;
  if (details) {
    ordered_json docs = ordered_json::array();
    for (const DocumentResult* doc : worst_first(report)) {
      ordered_json entry;
      entry["id"] = doc->id;
      const double f1 = doc->f1();
      entry["f1"] = f1 < 0 ? ordered_json() : ordered_json(f1);
      entry["precision"] =
          doc->body.has_output() ? ordered_json(doc->body.precision()) : ordered_json();
      entry["recall"] = doc->body.has_gold() ? ordered_json(doc->body.recall()) : ordered_json();
      entry["tp"] = doc->body.tp;
      entry["fp"] = doc->body.fp;
      entry["fn"] = doc->body.fn;
      entry["gold_shingles"] = doc->body.gold_shingles;
      entry["output_shingles"] = doc->body.output_shingles;
      entry["output_missing"] = doc->output_missing;
      entry["error_record"] = doc->output_error;
      ordered_json doc_fields = ordered_json::object();
      for (const auto& field : doc->fields) {
        doc_fields[field.field] = {
            {"match", field.match}, {"expected", field.expected}, {"actual", field.actual}};
      }
      entry["metadata"] = doc_fields;
      docs.push_back(std::move(entry));
    }
    out["details"] = std::move(docs);
  }
  return out;
}

}  // namespace clearpage::eval
