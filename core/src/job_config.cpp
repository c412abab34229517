#include "clearpage/core/job_config.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace clearpage::core {

std::string SourceLocation::str() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

namespace {

std::string join(const std::vector<std::string>& messages) {
  std::string out;
  for (const auto& m : messages) out += (out.empty() ? "" : "\n") + m;
  return out;
}

class Checker {
 public:
  Checker(std::string file, const PluginHost& host) : file_(std::move(file)), host_(host) {}

  SourceLocation where(const toml::node& node) const {
    const auto& begin = node.source().begin;
    return {file_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }

  void error(const toml::node& node, const std::string& message) {
    errors_.push_back(where(node).str() + ": " + message);
  }
  void error_at(const SourceLocation& loc, const std::string& message) {
    errors_.push_back(loc.str() + ": " + message);
  }
  const std::vector<std::string>& errors() const { return errors_; }

  std::vector<std::string> string_list(const toml::node& node, const std::string& key) {
    std::vector<std::string> out;
    if (const auto* s = node.as_string()) {
      out.push_back(s->get());
    } else if (const auto* array = node.as_array()) {
      for (const auto& item : *array) {
        if (const auto* s = item.as_string()) {
          out.push_back(s->get());
        } else {
          error(item, "key '" + key + "': expected a string in the list");
        }
      }
    } else {
      error(node, "key '" + key + "': expected a string or a list of strings");
    }
    return out;
  }

  void job_table(const toml::table& table, JobConfig& job) {
    for (const auto& [key, node] : table) {
      const std::string k(key.str());
      if (k == "inputs") {
        job.inputs = string_list(node, "job.inputs");
      } else if (k == "output") {
        if (const auto* s = node.as_string()) {
          job.output = s->get();
          job.output_where = where(node);
        } else {
          error(node, "key 'job.output': expected a string");
        }
      } else if (k == "threads") {
        const auto* i = node.as_integer();
        if (!i || i->get() < 0 || i->get() > 1024) {
          error(node, "key 'job.threads': expected an integer from 0 to 1024");
        } else {
          job.threads = static_cast<int>(i->get());
        }
      } else if (k == "on_error") {
        const auto* s = node.as_string();
        const std::string value = s ? s->get() : "";
        if (value == "record") {
          job.on_error = OnError::kRecord;
        } else if (value == "skip") {
          job.on_error = OnError::kSkip;
        } else if (value == "abort") {
          job.on_error = OnError::kAbort;
        } else {
          error(node, "key 'job.on_error': expected \"record\", \"skip\" or \"abort\"");
        }
      } else if (k == "max_input_bytes") {
        const auto* i = node.as_integer();
        if (!i || i->get() <= 0) {
          error(node, "key 'job.max_input_bytes': expected a positive integer");
        } else {
          job.max_input_bytes = static_cast<std::uint64_t>(i->get());
        }
      } else if (k == "doc_time_limit_ms" || k == "doc_memory_limit_mb") {
        const auto* i = node.as_integer();
        // The memory bound keeps the limit in bytes within 64 bits.
        if (!i || i->get() < 0 || i->get() > (std::int64_t{1} << 40)) {
          error(node, "key 'job." + k + "': expected an integer from 0 (no limit) to 2^40");
        } else {
          (k == "doc_time_limit_ms" ? job.doc_time_limit_ms : job.doc_memory_limit_mb) = i->get();
        }
      } else if (k == "record_html_field" || k == "record_url_field" || k == "record_id_field" ||
                 k == "warc_id_header") {
        const auto* s = node.as_string();
        if (!s || s->get().empty()) {
          error(node, "key 'job." + k + "': expected a non-empty string");
        } else {
          std::string& field = k == "record_html_field"  ? job.record_html_field
                               : k == "record_url_field" ? job.record_url_field
                               : k == "record_id_field"  ? job.record_id_field
                                                         : job.warc_id_header;
          field = s->get();
        }
      } else if (k == "include" || k == "exclude") {
        (k == "include" ? job.include : job.exclude) = string_list(node, "job." + k);
      } else if (k == "id") {
        const auto* s = node.as_string();
        const std::string value = s ? s->get() : "";
        if (value == "auto" || value == "path" || value == "url" || value == "sha1") {
          job.id_scheme = value;
        } else {
          error(node, "key 'job.id': expected \"auto\", \"path\", \"url\" or \"sha1\"");
        }
      } else if (k == "stdin_format") {
        const auto* s = node.as_string();
        const std::string value = s ? s->get() : "";
        if (value == "raw" || value == "jsonl" || value == "warc") {
          job.stdin_format = value;
        } else {
          error(node, "key 'job.stdin_format': expected \"raw\", \"jsonl\" or \"warc\"");
        }
      } else {
        error(node, "unknown key 'job." + k + "'");
      }
    }
  }

  std::optional<OptionValue> option_value(const toml::node& node, const OptionSpec& spec,
                                          const std::string& stage) {
    const std::string what = "stage '" + stage + "' key '" + spec.name + "'";
    switch (spec.type) {
      case OptionType::kString:
        if (const auto* s = node.as_string()) return OptionValue(s->get());
        break;
      case OptionType::kInteger:
        if (const auto* i = node.as_integer()) return OptionValue(i->get());
        break;
      case OptionType::kFloat:
        if (const auto* f = node.as_floating_point()) return OptionValue(f->get());
        if (const auto* i = node.as_integer()) return OptionValue(static_cast<double>(i->get()));
        break;
      case OptionType::kBoolean:
        if (const auto* b = node.as_boolean()) return OptionValue(b->get());
        break;
      case OptionType::kStringList:
        if (const auto* array = node.as_array()) {
          std::vector<std::string> items;
          bool ok = true;
          for (const auto& item : *array) {
            if (const auto* s = item.as_string()) {
              items.push_back(s->get());
            } else {
              ok = false;
            }
          }
          if (ok) return OptionValue(std::move(items));
        }
        break;
    }
    error(node, what + ": wrong type: expected " + to_string(spec.type));
    return std::nullopt;
  }

  void stage_table(const toml::table& table, JobConfig& job) {
    StageConfig stage;
    stage.where = where(table);
    const toml::node* plugin_node = table.get("plugin");
    if (!plugin_node) {
      error(table, "stage has no 'plugin' key");
      return;
    }
    const auto* plugin_name = plugin_node->as_string();
    if (!plugin_name) {
      error(*plugin_node, "key 'plugin': expected a string");
      return;
    }
    stage.plugin = plugin_name->get();
    const RegisteredStage* registered = host_.find_stage(stage.plugin);
    if (!registered) {
      error(*plugin_node, "unknown plugin '" + stage.plugin + "' (see `clearpage plugins`)");
      return;
    }
    stage.kind = registered->info.kind;

    std::map<std::string, OptionValue> values;
    std::set<std::string> seen;
    for (const auto& [key, node] : table) {
      const std::string k(key.str());
      if (k == "plugin") continue;
      if (k == "group") {
        if (const auto* s = node.as_string()) {
          stage.group = s->get();
        } else {
          error(node, "stage '" + stage.plugin + "' key 'group': expected a string");
        }
        continue;
      }
      if (k == "when") {
        when_table(node, stage);
        continue;
      }
      const OptionSpec* spec = nullptr;
      for (const auto& candidate : registered->info.options) {
        if (candidate.name == k) spec = &candidate;
      }
      if (!spec) {
        error(node, "unknown key '" + k + "' for stage '" + stage.plugin + "'");
        continue;
      }
      if (auto value = option_value(node, *spec, stage.plugin)) {
        values[k] = std::move(*value);
        stage.option_where[k] = where(node);
        seen.insert(k);
      }
    }
    for (const auto& spec : registered->info.options) {
      if (seen.count(spec.name)) continue;
      if (spec.required) {
        error(table, "stage '" + stage.plugin + "' is missing required key '" + spec.name + "'");
      }
      values[spec.name] = spec.default_value;
    }
    stage.options = Options(std::move(values));
    job.stages.push_back(std::move(stage));
  }

  void when_table(const toml::node& node, StageConfig& stage) {
    const auto* table = node.as_table();
    if (!table) {
      error(node, "stage '" + stage.plugin + "' key 'when': expected a table");
      return;
    }
    for (const auto& [key, value] : *table) {
      const std::string k(key.str());
      if (k == "format") {
        stage.when_format = string_list(value, "when.format");
      } else if (k == "layout") {
        stage.when_layout = string_list(value, "when.layout");
      } else {
        error(value, "unknown key 'when." + k + "' for stage '" + stage.plugin + "'");
      }
    }
  }

  void check_chain(const JobConfig& job) {
    bool has_reader = false;
    bool has_writer = false;
    for (const auto& stage : job.stages) {
      has_reader |= stage.kind == StageKind::kReader;
      has_writer |= stage.kind == StageKind::kWriter;
      if (!stage.group.empty() && stage.kind != StageKind::kCleaner) {
        error_at(stage.where, "stage '" + stage.plugin + "': only cleaners can form a group");
      }
    }
    const SourceLocation top{file_, 1, 1};
    if (!has_reader) error_at(top, "job has no reader stage");
    if (!has_writer) error_at(top, "job has no writer stage");
  }

 private:
  std::string file_;
  const PluginHost& host_;
  std::vector<std::string> errors_;
};

}  // namespace

ConfigError::ConfigError(std::vector<std::string> messages)
    : std::runtime_error(join(messages)), messages_(std::move(messages)) {}

JobConfig parse_job(const std::string& toml_text, const std::string& path, const PluginHost& host) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    throw ConfigError({path + ":" + std::to_string(begin.line) + ":" +
                       std::to_string(begin.column) + ": " + std::string(e.description())});
  }
  Checker checker(path, host);
  JobConfig job;
  job.path = path;
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k == "job") {
      if (const auto* table = node.as_table()) {
        checker.job_table(*table, job);
      } else {
        checker.error(node, "key 'job': expected a table");
      }
    } else if (k == "stage") {
      const auto* array = node.as_array();
      if (!array || !array->is_array_of_tables()) {
        checker.error(node, "key 'stage': expected an array of tables ([[stage]])");
        continue;
      }
      for (const auto& item : *array) checker.stage_table(*item.as_table(), job);
    } else {
      checker.error(node, "unknown key '" + k + "'");
    }
  }
  checker.check_chain(job);
  if (!checker.errors().empty()) throw ConfigError(checker.errors());
  return job;
}

namespace {

// weakly_canonical resolves the links in the part of the path that exists, so a link
// inside the directory that points out of it counts as outside.
bool resolves_inside(const std::filesystem::path& dir, const std::string& target) {
  std::error_code dir_error;
  std::error_code target_error;
  const auto base = std::filesystem::weakly_canonical(dir, dir_error);
  const auto resolved = std::filesystem::weakly_canonical(dir / target, target_error);
  if (dir_error || target_error) return false;
  return std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end()).first ==
         base.end();
}

}  // namespace

std::vector<std::string> output_path_escapes(const JobConfig& job, const PluginHost& host,
                                             const std::filesystem::path& output_dir) {
  std::vector<std::string> messages;
  auto check = [&](const std::string& key, const std::string& value, const SourceLocation& at) {
    if (at.line == 0 || value.empty() || value == "-" || resolves_inside(output_dir, value)) return;
    messages.push_back(at.str() + ": key '" + key + "': '" + value +
                       "' is outside the job's output directory " + output_dir.string() +
                       " (run with --allow-any-output to allow it)");
  };
  check("job.output", job.output, job.output_where);
  for (const auto& stage : job.stages) {
    const RegisteredStage* registered = host.find_stage(stage.plugin);
    if (!registered) continue;
    for (const auto& spec : registered->info.options) {
      const auto where = stage.option_where.find(spec.name);
      if (!spec.output_path || where == stage.option_where.end()) continue;
      check(stage.plugin + "." + spec.name, stage.options.get_string(spec.name), where->second);
    }
  }
  return messages;
}

JobConfig load_job_file(const std::string& path, const PluginHost& host) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({path + ":0:0: cannot read the job file"});
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_job(buffer.str(), path, host);
}

}  // namespace clearpage::core
