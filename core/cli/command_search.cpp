// clearpage search DB QUERY: ranked full-text search over a database the sqlite writer made.
#include <sqlite3.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clearpage/text/utf8.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace {

namespace po = boost::program_options;

struct Hit {
  std::string id;
  std::string title;
  std::string published;
  std::string snippet;
  double score = 0;
};

std::vector<std::string> split_terms(const std::string& query) {
  std::vector<std::string> terms;
  std::istringstream in(query);
  std::string term;
  while (in >> term) terms.push_back(term);
  return terms;
}

std::string column_text(sqlite3_stmt* stmt, int column) {
  const auto* text = sqlite3_column_text(stmt, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// Each term becomes a quoted phrase, so FTS5 operators in user input are plain text.
std::string fts_query(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& term : terms) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (const char c : term) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    out += '"';
  }
  return out;
}

std::string like_pattern(const std::string& term) {
  std::string out = "%";
  for (const char c : term) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// Moves back `count` code points from `pos` without splitting a UTF-8 sequence.
std::size_t back_code_points(const std::string& s, std::size_t pos, int count) {
  while (pos > 0 && count > 0) {
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
    --count;
  }
  return pos;
}

std::size_t forward_code_points(const std::string& s, std::size_t pos, int count) {
  while (pos < s.size() && count > 0) {
    text::next_code_point(s, pos);
    --count;
  }
  return pos;
}

// The FTS5 snippet() equivalent for the LIKE fallback: the first match with context.
std::string like_snippet(const std::string& text, const std::string& term) {
  const std::size_t at = text.find(term);
  if (at == std::string::npos) {
    const std::size_t end = forward_code_points(text, 0, 48);
    return text.substr(0, end) + (end < text.size() ? "…" : "");
  }
  const std::size_t start = back_code_points(text, at, 24);
  const std::size_t end = forward_code_points(text, at + term.size(), 24);
  std::string out = start > 0 ? "…" : "";
  out += text.substr(start, at - start) + "[" + term + "]" +
         text.substr(at + term.size(), end - at - term.size());
  if (end < text.size()) out += "…";
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

class Database {
 public:
  explicit Database(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      throw std::runtime_error("cannot open " + path + ": " + message);
    }
  }
  ~Database() { sqlite3_close(db_); }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("not a clearpage database: ") + sqlite3_errmsg(db_));
    }
    return stmt;
  }
  void check(int rc) {
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

std::vector<Hit> search_fts(Database& db, const std::vector<std::string>& terms, int limit) {
  // Title matches weigh more than body matches.
  sqlite3_stmt* stmt = db.prepare(
      "SELECT d.id, d.title, d.published, "
      "snippet(documents_fts, -1, '[', ']', '…', 32), bm25(documents_fts, 5.0, 1.0) "
      "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
      "WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts, 5.0, 1.0) LIMIT ?2");
  const std::string query = fts_query(terms);
  sqlite3_bind_text(stmt, 1, query.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(stmt, 2, limit);
  std::vector<Hit> hits;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    Hit hit{column_text(stmt, 0), column_text(stmt, 1), column_text(stmt, 2), column_text(stmt, 3),
            sqlite3_column_double(stmt, 4)};
    for (char& c : hit.snippet) c = (c == '\n') ? ' ' : c;
    hits.push_back(std::move(hit));
  }
  sqlite3_finalize(stmt);
  db.check(rc);
  return hits;
}

// Trigrams cannot match a 1-2 character term, so such queries scan with LIKE and rank by
// how often the terms occur (title occurrences count five times).
std::vector<Hit> search_like(Database& db, const std::vector<std::string>& terms, int limit) {
  std::string where;
  std::string score;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const std::string p = "?" + std::to_string(i + 1);
    if (!where.empty()) where += " AND ";
    where += "(title LIKE " + p + " ESCAPE '\\' OR text LIKE " + p + " ESCAPE '\\')";
    const std::string raw = "?" + std::to_string(terms.size() + i + 1);
    if (!score.empty()) score += " + ";
    score += "5 * (length(title) - length(replace(title, " + raw + ", ''))) / length(" + raw +
             ") + (length(text) - length(replace(text, " + raw + ", ''))) / length(" + raw + ")";
  }
  const std::string sql = "SELECT id, title, published, text, " + score +
                          " AS score FROM documents WHERE " + where +
                          " ORDER BY score DESC, id LIMIT ?" + std::to_string(2 * terms.size() + 1);
  sqlite3_stmt* stmt = db.prepare(sql.c_str());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const std::string pattern = like_pattern(terms[i]);
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), pattern.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, static_cast<int>(terms.size() + i + 1), terms[i].c_str(), -1,
                      SQLITE_TRANSIENT);
  }
  sqlite3_bind_int(stmt, static_cast<int>(2 * terms.size() + 1), limit);
  std::vector<Hit> hits;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const std::string body = column_text(stmt, 3);
    const std::string title = column_text(stmt, 1);
    std::string snippet = like_snippet(body, terms.front());
    if (body.find(terms.front()) == std::string::npos) snippet = like_snippet(title, terms.front());
    hits.push_back({column_text(stmt, 0), title, column_text(stmt, 2), snippet,
                    sqlite3_column_double(stmt, 4)});
  }
  sqlite3_finalize(stmt);
  db.check(rc);
  return hits;
}

}  // namespace

int search_command(const Args& args) {
  po::options_description options("clearpage search DB QUERY [--limit N] [--json]");
  options.add_options()("help,h", "show this help")("limit,n", po::value<int>()->default_value(10),
                                                    "most hits to print")(
      "json", "print the hits as one JSON object")("db", po::value<std::string>(),
                                                   "database written by the sqlite writer")(
      "query", po::value<std::vector<std::string>>(), "words to find; every word must occur");
  po::positional_options_description positional;
  positional.add("db", 1).add("query", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage search: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  if (!vm.count("db") || !vm.count("query")) {
    std::cerr << "clearpage search: give a database and a query\n" << options;
    return kExitUsage;
  }
  const int limit = vm["limit"].as<int>();
  if (limit < 1) {
    std::cerr << "clearpage search: --limit must be 1 or more\n";
    return kExitUsage;
  }
  std::vector<std::string> terms;
  for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
    for (auto& term : split_terms(word)) terms.push_back(std::move(term));
  }
  if (terms.empty()) {
    std::cerr << "clearpage search: the query is empty\n";
    return kExitUsage;
  }
  const std::string path = vm["db"].as<std::string>();
  if (!std::filesystem::is_regular_file(path)) {
    std::cerr << "clearpage search: no such database: " << path << "\n";
    return kExitUsage;
  }
  bool short_term = false;
  for (const auto& term : terms) short_term |= text::count_code_points(term) < 3;

  std::vector<Hit> hits;
  try {
    Database db(path);
    hits = short_term ? search_like(db, terms, limit) : search_fts(db, terms, limit);
  } catch (const std::exception& e) {
    std::cerr << "clearpage search: " << e.what() << "\n";
    return kExitOutputError;
  }

  if (vm.count("json")) {
    nlohmann::ordered_json out;
    out["query"] = terms;
    out["mode"] = short_term ? "like" : "fts";
    out["hits"] = nlohmann::ordered_json::array();
    for (const auto& hit : hits) {
      out["hits"].push_back({{"id", hit.id},
                             {"title", hit.title},
                             {"published", hit.published},
                             {"score", hit.score},
                             {"snippet", hit.snippet}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  int rank = 0;
  for (const auto& hit : hits) {
    std::cout << ++rank << ". " << hit.id << "  " << hit.title;
    if (!hit.published.empty()) std::cout << "  (" << hit.published << ")";
    std::cout << "\n   " << hit.snippet << "\n";
  }
  if (hits.empty()) std::cerr << "clearpage search: no hits\n";
  return kExitOk;
}

}  // namespace clearpage::cli
