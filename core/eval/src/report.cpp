#include "clearpage/eval/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
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

// wcxb's own scoring folds case for title and author; dates compare on YYYY-MM-DD.
bool case_insensitive(GoldFormat format, const std::string& field) {
  return format == GoldFormat::kWcxb && field != "published";
}

std::vector<std::string> case_folded(std::vector<std::string> values) {
  for (auto& value : values) value = fold_case(value);
  return values;
}

// Snippets are compared as token runs, with the body's tokenizer: "Home" in a
// boilerplate list does not match "homework", and punctuation or spacing do not matter.
void score_snippets(const GoldDocument& doc, const std::string& output, DocumentResult& result) {
  if (doc.with.empty() && doc.without.empty()) return;
  const std::vector<std::string> tokens = tokenize(output);
  const auto count = [&tokens](const std::vector<std::string>& snippets, std::size_t& total,
                               std::size_t& found) {
    for (const auto& snippet : snippets) {
      const std::vector<std::string> run = tokenize(snippet);
      if (run.empty()) continue;
      ++total;
      if (contains_run(tokens, run)) ++found;
    }
  };
  count(doc.with, result.with_total, result.with_found);
  count(doc.without, result.without_total, result.without_found);
}

struct Summary {
  BodyScore body;
  std::vector<FieldTotal> fields;  // every field of metadata_fields(), in order
  SnippetScore snippets;
};

Summary summarize(const std::vector<const DocumentResult*>& documents) {
  Summary summary;
  for (const auto& field : metadata_fields()) summary.fields.push_back({field, 0, 0});
  std::vector<ShingleMatch> matches;
  double with_sum = 0;
  double without_sum = 0;
  for (const DocumentResult* doc : documents) {
    matches.push_back(doc->body);
    for (const auto& field : doc->fields) {
      for (auto& total : summary.fields) {
        if (total.field != field.field) continue;
        ++total.total;
        if (field.match) ++total.matched;
        if (field.expected.empty()) {
          ++total.unnamed;
          if (!field.actual.empty()) ++total.unnamed_output;
        } else {
          ++total.named;
          if (field.match) ++total.named_matched;
        }
      }
    }
    if (doc->with_total > 0) {
      with_sum += static_cast<double>(doc->with_found) / static_cast<double>(doc->with_total);
      ++summary.snippets.with_documents;
    }
    if (doc->without_total > 0) {
      without_sum +=
          1.0 - static_cast<double>(doc->without_found) / static_cast<double>(doc->without_total);
      ++summary.snippets.without_documents;
    }
  }
  if (summary.snippets.with_documents > 0)
    summary.snippets.with = with_sum / static_cast<double>(summary.snippets.with_documents);
  if (summary.snippets.without_documents > 0)
    summary.snippets.without =
        without_sum / static_cast<double>(summary.snippets.without_documents);
  summary.body = aggregate(matches);
  return summary;
}

FieldTotal field_total(const Summary& summary, const std::string& field) {
  for (const auto& total : summary.fields) {
    if (total.field == field) return total;
  }
  return {field, 0, 0};
}

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "-";
  return fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%";
}

ordered_json body_json(const BodyScore& body) {
  return {{"precision", body.precision},
          {"recall", body.recall},
          {"f1", body.f1},
          {"precision_documents", body.precision_documents},
          {"recall_documents", body.recall_documents}};
}

ordered_json field_json(const FieldTotal& total) {
  return {{"matched", total.matched},
          {"total", total.total},
          {"named_matched", total.named_matched},
          {"named", total.named},
          {"unnamed_output", total.unnamed_output},
          {"unnamed", total.unnamed}};
}

ordered_json snippets_json(const SnippetScore& snippets) {
  return {{"with", snippets.with},
          {"with_documents", snippets.with_documents},
          {"without", snippets.without},
          {"without_documents", snippets.without_documents}};
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
  for (const auto& [id, record] : by_id) {
    if (!gold_ids.count(id)) ++report.output_without_gold;
  }

  static const OutputRecord kEmpty = [] {
    OutputRecord empty;
    for (const auto& field : metadata_fields()) empty.metadata[field] = {};
    return empty;
  }();

  for (const auto& doc : gold.documents) {
    DocumentResult result;
    result.id = doc.id;
    result.page_type = doc.page_type;
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
    score_snippets(doc, output_body, result);
    for (const auto& name : metadata_fields()) {
      auto expected = doc.metadata.find(name);
      if (expected == doc.metadata.end()) continue;
      FieldResult field;
      field.field = name;
      field.expected = expected->second;
      field.actual = record->metadata.at(name);
      field.match = case_insensitive(gold.format, name)
                        ? case_folded(field.expected) == case_folded(field.actual)
                        : field.expected == field.actual;
      result.fields.push_back(std::move(field));
    }
    report.documents.push_back(std::move(result));
  }

  std::vector<const DocumentResult*> all;
  std::map<std::string, std::vector<const DocumentResult*>> by_type;
  for (const auto& doc : report.documents) {
    all.push_back(&doc);
    if (!doc.page_type.empty()) by_type[doc.page_type].push_back(&doc);
  }
  Summary summary = summarize(all);
  report.body = summary.body;
  report.snippets = summary.snippets;
  report.fields = std::move(summary.fields);
  std::erase_if(report.fields, [](const FieldTotal& total) { return total.total == 0; });
  for (const auto& total : report.fields) {
    report.metadata_matched += total.matched;
    report.metadata_total += total.total;
  }
  for (const auto& [name, docs] : by_type) {
    Summary part = summarize(docs);
    GroupScore group;
    group.name = name;
    group.documents = docs.size();
    group.body = part.body;
    group.snippets = part.snippets;
    for (const auto& total : report.fields) group.fields.push_back(field_total(part, total.field));
    report.page_types.push_back(std::move(group));
  }
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
    out << "\nmetadata (exact match after whitespace"
        << (report.format == GoldFormat::kWcxb ? " and case" : "") << " folding)\n";
    for (const auto& total : report.fields) {
      out << "  " << pad(total.field, 10)
          << pad(std::to_string(total.matched) + " of " + std::to_string(total.total), 14) << "("
          << percent(total.matched, total.total)
          << ")  right where the page names one: " << total.named_matched << " of " << total.named
          << " (" << percent(total.named_matched, total.named)
          << "); a value where it names none: " << total.unnamed_output << " of " << total.unnamed
          << "\n";
    }
    out << "  " << pad("total", 10)
        << pad(std::to_string(report.metadata_matched) + " of " +
                   std::to_string(report.metadata_total),
               14)
        << "(" << percent(report.metadata_matched, report.metadata_total) << ")\n";
  }

  if (report.snippets.with_documents > 0 || report.snippets.without_documents > 0) {
    out << "\nsnippets (token runs in the output text)\n";
    out << "  with      " << fixed(report.snippets.with) << "  (share found, mean over "
        << report.snippets.with_documents << " documents)\n";
    out << "  without   " << fixed(report.snippets.without) << "  (share left out, mean over "
        << report.snippets.without_documents << " documents)\n";
  }

  if (!report.page_types.empty()) {
    out << "\nby page type (metadata: right where the page names a value)\n";
    out << "  " << pad("type", 15) << pad("docs", 6) << pad("P", 8) << pad("R", 8) << pad("F1", 8);
    for (const auto& total : report.fields) out << pad(total.field, 11);
    out << pad("with", 8) << "without\n";
    const auto row = [&out](const std::string& name, std::size_t documents, const BodyScore& body,
                            const std::vector<FieldTotal>& fields, const SnippetScore& snippets) {
      out << "  " << pad(name, 15) << pad(std::to_string(documents), 6)
          << pad(fixed(body.precision), 8) << pad(fixed(body.recall), 8) << pad(fixed(body.f1), 8);
      for (const auto& total : fields) out << pad(percent(total.named_matched, total.named), 11);
      out << pad(snippets.with_documents > 0 ? fixed(snippets.with) : "-", 8)
          << (snippets.without_documents > 0 ? fixed(snippets.without) : "-") << "\n";
    };
    for (const auto& group : report.page_types) {
      row(group.name, group.documents, group.body, group.fields, group.snippets);
    }
    row("all", report.gold_documents, report.body, report.fields, report.snippets);
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
      if (!doc->page_type.empty()) out << "  (" << doc->page_type << ")";
      if (doc->with_total > 0) {
        out << "  with " << doc->with_found << "/" << doc->with_total;
      }
      if (doc->without_total > 0) {
        out << "  without " << doc->without_found << "/" << doc->without_total << " kept";
      }
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
  out["body"] = body_json(report.body);
  ordered_json metadata = ordered_json::object();
  ordered_json fields = ordered_json::object();
  for (const auto& total : report.fields) {
    fields[total.field] = field_json(total);
  }
  metadata["fields"] = fields;
  metadata["matched"] = report.metadata_matched;
  metadata["total"] = report.metadata_total;
  out["metadata"] = metadata;
  if (report.snippets.with_documents > 0 || report.snippets.without_documents > 0) {
    out["snippets"] = snippets_json(report.snippets);
  }
  if (!report.page_types.empty()) {
    ordered_json types = ordered_json::array();
    for (const auto& group : report.page_types) {
      ordered_json entry;
      entry["page_type"] = group.name;
      entry["documents"] = group.documents;
      entry["body"] = body_json(group.body);
      ordered_json group_fields = ordered_json::object();
      for (const auto& total : group.fields) {
        group_fields[total.field] = field_json(total);
      }
      entry["metadata"] = group_fields;
      entry["snippets"] = snippets_json(group.snippets);
      types.push_back(std::move(entry));
    }
    out["page_types"] = std::move(types);
  }
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
      if (!doc->page_type.empty()) entry["page_type"] = doc->page_type;
      if (doc->with_total > 0 || doc->without_total > 0) {
        entry["with"] = {{"found", doc->with_found}, {"total", doc->with_total}};
        entry["without"] = {{"found", doc->without_found}, {"total", doc->without_total}};
      }
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
