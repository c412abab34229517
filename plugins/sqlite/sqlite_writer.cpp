// Stores documents in an SQLite database with a full-text index (schema in docs/sqlite.md).
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "clearpage/plugin.hpp"
#include "clearpage/text/utf8.hpp"

namespace clearpage::plugins {

namespace {

namespace fs = std::filesystem;

// The trigram tokenizer indexes any script, Chinese included, without a word segmenter.
constexpr int kMinSqliteVersion = 3034000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  source TEXT, url TEXT, format TEXT, title TEXT, published TEXT, site TEXT,
  source_name TEXT, author TEXT, editor TEXT, language TEXT, script TEXT,
  text TEXT, errors TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS blocks (
  doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, type TEXT NOT NULL, text TEXT,
  removed_by TEXT, removed_rule TEXT, provenance TEXT,
  PRIMARY KEY (doc_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS keywords (
  doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, keyword TEXT NOT NULL,
  PRIMARY KEY (doc_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS keywords_by_keyword ON keywords (keyword);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5 (
  title, text, tokenize = 'trigram'
);
)sql";

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, sqlite3_int64 value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
    return false;
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  sqlite3_int64 column_int(int column) { return sqlite3_column_int64(stmt_, column); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteWriter final : public Writer {
 public:
  explicit SqliteWriter(const StageContext& context)
      : batch_size_(std::max<std::int64_t>(1, context.options.get_int("batch"))),
        append_(context.options.has("append") && context.options.get_bool("append")) {}

  ~SqliteWriter() override {
    // An unfinished batch is rolled back; earlier batches stay committed.
    statements_.reset();
    if (db_) {
      if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(db_);
    }
  }

  void open(const std::string& path) override {
    if (sqlite3_libversion_number() < kMinSqliteVersion) {
      throw std::runtime_error(std::string("sqlite: version ") + sqlite3_libversion() +
                               " has no FTS5 trigram tokenizer; 3.34 or newer is needed");
    }
    if (path.empty() || path == "-") throw std::runtime_error("sqlite: 'path' must name a file");
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    if (!append_) {
      // A new run starts a new database; `append` (run --resume) keeps the committed batches.
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
    }
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      throw std::runtime_error("sqlite: cannot open " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec(kSchema);
    statements_ = std::make_unique<Statements>(db_);
    begin();
  }

  void write(const Document& doc) override {
    Statements& s = *statements_;
    const std::string id = text::sanitize_utf8(doc.id);
    // Upsert: the old rows of this id go, the new ones come, in the same transaction.
    s.find_rowid.bind(1, id);
    if (s.find_rowid.step()) {
      const sqlite3_int64 rowid = s.find_rowid.column_int(0);
      s.find_rowid.reset();
      s.delete_fts.bind(1, rowid).run();
    } else {
      s.find_rowid.reset();
    }
    s.delete_blocks.bind(1, id).run();
    s.delete_keywords.bind(1, id).run();

    const std::string title = text::sanitize_utf8(doc.meta.title);
    const std::string body = text::sanitize_utf8(doc.text());
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& error : doc.errors) {
      errors.push_back(
          {{"plugin", error.plugin}, {"stage", error.stage}, {"message", error.message}});
    }
    int i = 1;
    for (const std::string* value :
         {&id, &doc.source, &doc.url, &doc.format, &title, &doc.meta.published, &doc.meta.site,
          &doc.meta.source_name, &doc.meta.author, &doc.meta.editor, &doc.meta.language,
          &doc.meta.script, &body}) {
      s.upsert_document.bind(i++, text::sanitize_utf8(*value));
    }
    s.upsert_document.bind(i,
                           errors.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    s.upsert_document.run();

    s.find_rowid.bind(1, id);
    if (!s.find_rowid.step()) throw std::runtime_error("sqlite: document row vanished: " + id);
    const sqlite3_int64 rowid = s.find_rowid.column_int(0);
    s.find_rowid.reset();
    s.insert_fts.bind(1, rowid).bind(2, title).bind(3, body).run();

    for (std::size_t ordinal = 0; ordinal < doc.blocks.size(); ++ordinal) {
      const Block& block = doc.blocks[ordinal];
      s.insert_block.bind(1, id)
          .bind(2, static_cast<sqlite3_int64>(ordinal))
          .bind(3, std::string(to_string(block.kind)))
          .bind(4, text::sanitize_utf8(block_text(block)));
      if (block.removed) {
        s.insert_block.bind(5, block.removed->plugin).bind(6, block.removed->rule);
      } else {
        s.insert_block.bind_null(5).bind_null(6);
      }
      s.insert_block.bind(7, text::sanitize_utf8(block.provenance)).run();
    }
    for (std::size_t ordinal = 0; ordinal < doc.meta.keywords.size(); ++ordinal) {
      s.insert_keyword.bind(1, id)
          .bind(2, static_cast<sqlite3_int64>(ordinal))
          .bind(3, text::sanitize_utf8(doc.meta.keywords[ordinal]))
          .run();
    }
    // Committing per document would make large runs disk-bound.
    if (++pending_ >= batch_size_) {
      exec("COMMIT");
      in_transaction_ = false;
      begin();
    }
  }

  void close() override {
    if (!db_) return;
    if (in_transaction_) {
      exec("COMMIT");
      in_transaction_ = false;
    }
    statements_.reset();
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
    exec("PRAGMA journal_mode = DELETE");
    if (sqlite3_close(db_) != SQLITE_OK) throw std::runtime_error("sqlite: close failed");
    db_ = nullptr;
  }

 private:
  struct Statements {
    explicit Statements(sqlite3* db)
        : find_rowid(db, "SELECT rowid FROM documents WHERE id = ?1"),
          delete_fts(db, "DELETE FROM documents_fts WHERE rowid = ?1"),
          delete_blocks(db, "DELETE FROM blocks WHERE doc_id = ?1"),
          delete_keywords(db, "DELETE FROM keywords WHERE doc_id = ?1"),
          // ON CONFLICT ... DO UPDATE keeps the rowid, which the FTS row is keyed on.
          upsert_document(db,
                          "INSERT INTO documents (id, source, url, format, title, published, "
                          "site, source_name, author, editor, language, script, text, errors) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                          "ON CONFLICT (id) DO UPDATE SET source = excluded.source, "
                          "url = excluded.url, format = excluded.format, title = excluded.title, "
                          "published = excluded.published, site = excluded.site, "
                          "source_name = excluded.source_name, author = excluded.author, "
                          "editor = excluded.editor, language = excluded.language, "
                          "script = excluded.script, text = excluded.text, "
                          "errors = excluded.errors"),
          insert_fts(db, "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)"),
          insert_block(db,
                       "INSERT INTO blocks (doc_id, ordinal, type, text, removed_by, "
                       "removed_rule, provenance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
          insert_keyword(db,
                         "INSERT INTO keywords (doc_id, ordinal, keyword) VALUES (?1, ?2, ?3)") {}
    Statement find_rowid, delete_fts, delete_blocks, delete_keywords, upsert_document, insert_fts,
        insert_block, insert_keyword;
  };

  static std::string block_text(const Block& block) {
    if (!block.text.empty()) return block.text;
    std::string out;
    if (block.kind == BlockKind::kList) {
      for (const auto& item : block.items) out += (out.empty() ? "" : "\n") + item;
    } else if (block.kind == BlockKind::kTable) {
      for (const auto& row : block.rows) {
        std::string line;
        for (const auto& cell : row) line += (line.empty() ? "" : "\t") + cell;
        out += (out.empty() ? "" : "\n") + line;
      }
    } else if (block.kind == BlockKind::kImage) {
      out = block.alt;
    }
    return out;
  }

  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message);
    }
  }

  void begin() {
    exec("BEGIN");
    in_transaction_ = true;
    pending_ = 0;
  }

  std::int64_t batch_size_;
  bool append_ = false;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statements> statements_;
  bool in_transaction_ = false;
  std::int64_t pending_ = 0;
};

void register_stages(Registry& registry) {
  StageInfo info;
  info.name = "sqlite";
  info.description =
      "documents, blocks and keywords in an SQLite database with an FTS5 trigram index "
      "(docs/sqlite.md); each batch is one transaction";
  info.options = {
      {"path", OptionType::kString, std::string(), "database file; empty means the job's output",
       false, true},
      {"batch", OptionType::kInteger, std::int64_t{500},
       "documents per transaction; larger is faster, a crash loses at most one batch", false},
      {"append", OptionType::kBoolean, false,
       "keep the documents already in the database and add new ones (run --resume); "
       "otherwise a run starts a new database",
       false},
  };
  registry.add_writer(std::move(info), [](const StageContext& context) {
    return std::make_unique<SqliteWriter>(context);
  });
}

}  // namespace

}  // namespace clearpage::plugins

CLEARPAGE_PLUGIN("sqlite", "0.1.0", clearpage::plugins::register_stages)
