#include "clearpage/core/resume.hpp"

#include <signal.h>
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace clearpage::core {

namespace fs = std::filesystem;

std::vector<WriterOutput> writer_outputs(const JobConfig& job) {
  std::vector<WriterOutput> out;
  for (const auto& stage : job.stages) {
    if (stage.kind != StageKind::kWriter) continue;
    std::string path = job.output;
    if (stage.options.has("path") && !stage.options.get_string("path").empty()) {
      path = stage.options.get_string("path");
    }
    out.push_back({stage.plugin, path});
  }
  return out;
}

namespace {

bool writes_directory(const std::string& plugin) {
  return plugin == "markdown" || plugin == "report";
}

// The Markdown writer logs each file's id here once the file is in place.
constexpr const char* kMarkdownIds = ".clearpage-ids.jsonl";

std::unordered_set<std::string> read_ids(const std::string& path) {
  std::unordered_set<std::string> ids;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) continue;
    const auto id = record.find("id");
    if (id != record.end() && id->is_string()) ids.insert(id->get<std::string>());
  }
  return ids;
}

bool has_markdown_files(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / kMarkdownIds, ec)) return true;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".md") return true;
  }
  return false;
}

}  // namespace

bool has_earlier_output(const WriterOutput& output) {
  if (output.path.empty() || output.path == "-") return false;
  std::error_code ec;
  if (output.plugin == "jsonl" || output.plugin == "sqlite") {
    return fs::is_regular_file(output.path, ec) || fs::exists(resume_state_path(output.path), ec);
  }
  if (output.plugin == "markdown") return has_markdown_files(output.path);
  return false;
}

std::optional<std::unordered_set<std::string>> committed_ids(const WriterOutput& output) {
  std::error_code ec;
  if (output.plugin == "jsonl") return read_ids(output.path);
  if (output.plugin == "sqlite") {
    std::unordered_set<std::string> ids;
    if (!fs::exists(output.path, ec)) return ids;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(output.path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw std::runtime_error("--resume: cannot read " + output.path + ": " + message);
    }
    sqlite3_stmt* stmt = nullptr;
    // No documents table yet: nothing committed.
    if (sqlite3_prepare_v2(db, "SELECT id FROM documents", -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        if (text) ids.insert(text);
      }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return ids;
  }
  if (output.plugin == "markdown") return read_ids((fs::path(output.path) / kMarkdownIds).string());
  return std::nullopt;
}

std::vector<std::string> salvage_partials(const std::string& path) {
  std::vector<std::string> used;
  const fs::path final_path(path);
  const fs::path dir = final_path.parent_path().empty() ? fs::path(".") : final_path.parent_path();
  const std::string prefix = final_path.filename().string() + ".partial-";
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    if (pid_text.empty() || pid_text.size() > 9 ||
        pid_text.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // its run may still be going
    stale.push_back(entry.path());
  }
  if (stale.empty()) return used;
  // The partial may be a resumed run's copy of PATH cut short by the kill, or hold more:
  // its complete lines whose id PATH lacks are added, nothing else.
  std::unordered_set<std::string> ids = read_ids(path);
  const std::string merged = path + ".salvage";
  {
    std::ofstream out(merged, std::ios::binary | std::ios::trunc);
    std::ifstream in(path, std::ios::binary);
    // Inserting an empty buffer would set failbit on `out`.
    if (in && in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
    for (const auto& partial : stale) {
      std::ifstream lines(partial, std::ios::binary);
      std::string line;
      while (std::getline(lines, line)) {
        if (lines.eof()) break;  // no "\n": cut by the kill
        const auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object()) continue;
        const auto id = record.find("id");
        if (id == record.end() || !id->is_string()) continue;
        if (!ids.insert(id->get<std::string>()).second) continue;
        out << line << '\n';
      }
      used.push_back(partial.string());
    }
    out.close();
    if (!out) throw std::runtime_error("--resume: cannot write " + merged);
  }
  fs::rename(merged, final_path);
  for (const auto& partial : stale) fs::remove(partial, ec);
  return used;
}

std::string resume_state_path(const std::string& output) {
  return output + ".resume.json";
}

std::vector<std::string> check_output_space(const JobConfig& job, std::uint64_t min_free_bytes) {
  std::vector<std::string> problems;
  for (const auto& output : writer_outputs(job)) {
    if (output.path.empty() || output.path == "-") continue;
    std::error_code ec;
    const fs::path path(output.path);
    if (!writes_directory(output.plugin) && fs::is_directory(path, ec)) {
      problems.push_back(output.path + ": is a directory; writer '" + output.plugin +
                         "' writes a file");
      continue;
    }
    // The nearest directory that exists is where the output (or its folders) will go.
    fs::path dir = writes_directory(output.plugin) ? path : path.parent_path();
    if (dir.empty()) dir = ".";
    while (!fs::exists(dir, ec)) {
      const fs::path up = dir.parent_path();
      if (up == dir) break;
      dir = up.empty() ? fs::path(".") : up;
    }
    if (!fs::is_directory(dir, ec)) {
      problems.push_back(output.path + ": " + dir.string() + " is not a directory");
      continue;
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
      problems.push_back(output.path + ": cannot write in " + dir.string() + ": " +
                         std::strerror(errno));
      continue;
    }
    struct statvfs info {};
    if (::statvfs(dir.c_str(), &info) == 0) {
      const std::uint64_t free_bytes = std::uint64_t{info.f_bavail} * info.f_frsize;
      if (free_bytes < min_free_bytes) {
        problems.push_back(output.path + ": only " + std::to_string(free_bytes >> 20) +
                           " MiB free in " + dir.string() + ", below the " +
                           std::to_string(min_free_bytes >> 20) +
                           " MiB a run needs (--min-free-mb)");
      }
    }
  }
  return problems;
}

}  // namespace clearpage::core
