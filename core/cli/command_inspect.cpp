// clearpage inspect: runs one input through the job and shows what each stage did to it.
#include <boost/program_options.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "clearpage/core/inputs.hpp"
#include "clearpage/core/pipeline.hpp"
#include "clearpage/text/utf8.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace clearpage::cli {

namespace {

using Json = nlohmann::ordered_json;

struct Snapshot {
  std::string stage;
  Document doc;
};

// One thing a stage did to one block.
struct Event {
  std::string stage;
  std::string action;  // added, removed, changed, dropped
  std::string before;  // changed: old text; dropped: the block's text
  std::string after;
  std::string plugin;  // removed: who and why
  std::string rule;
  std::string kind;  // changed: "paragraph -> heading" when the kind changed
};

std::string block_text(const Block& block) {
  if (!block.text.empty()) return block.text;
  std::string out;
  if (block.kind == BlockKind::kList) {
    for (const auto& item : block.items) out += (out.empty() ? "" : "\n") + item;
  } else if (block.kind == BlockKind::kTable) {
    for (const auto& row : block.rows) {
      std::string line;
      for (const auto& cell : row) line += (line.empty() ? "" : " | ") + cell;
      out += (out.empty() ? "" : "\n") + line;
    }
  } else if (block.kind == BlockKind::kImage) {
    out = block.alt.empty() ? block.src : block.alt + " (" + block.src + ")";
  }
  return out;
}

// Pairs blocks of consecutive snapshots: the n-th block with a provenance matches the
// n-th block with the same provenance, so blocks without one pair up in order.
std::vector<std::pair<std::string, int>> block_keys(const Document& doc) {
  std::map<std::string, int> seen;
  std::vector<std::pair<std::string, int>> keys;
  keys.reserve(doc.blocks.size());
  for (const auto& block : doc.blocks)
    keys.emplace_back(block.provenance, seen[block.provenance]++);
  return keys;
}

struct Trace {
  std::vector<Event> events_of_origin_dropped;  // blocks that left the list
  std::vector<std::vector<Event>> history;      // per final block
};

// Follows each block through the snapshots and records what every stage did to it.
Trace trace_blocks(const std::vector<Snapshot>& snapshots) {
  Trace trace;
  if (snapshots.empty()) return trace;
  std::vector<std::vector<Event>> histories;  // by origin id
  std::vector<std::size_t> origin;            // block index -> origin id
  const Document& first = snapshots.front().doc;
  for (const auto& block : first.blocks) {
    origin.push_back(histories.size());
    Event added{snapshots.front().stage, "added", "", block_text(block), "", "", ""};
    histories.push_back({added});
    if (block.removed) {
      histories.back().push_back({snapshots.front().stage, "removed", "", "", block.removed->plugin,
                                  block.removed->rule, ""});
    }
  }
  for (std::size_t s = 1; s < snapshots.size(); ++s) {
    const Document& prev = snapshots[s - 1].doc;
    const Document& cur = snapshots[s].doc;
    const std::string& stage = snapshots[s].stage;
    std::map<std::pair<std::string, int>, std::size_t> prev_index;
    const auto prev_keys = block_keys(prev);
    for (std::size_t i = 0; i < prev_keys.size(); ++i) prev_index[prev_keys[i]] = i;
    std::vector<bool> matched(prev.blocks.size(), false);
    std::vector<std::size_t> next_origin;
    const auto cur_keys = block_keys(cur);
    for (std::size_t i = 0; i < cur.blocks.size(); ++i) {
      const Block& block = cur.blocks[i];
      auto it = prev_index.find(cur_keys[i]);
      if (it == prev_index.end() || matched[it->second]) {
        next_origin.push_back(histories.size());
        histories.push_back({{stage, "added", "", block_text(block), "", "", ""}});
        if (block.removed) {
          histories.back().push_back(
              {stage, "removed", "", "", block.removed->plugin, block.removed->rule, ""});
        }
        continue;
      }
      const std::size_t p = it->second;
      matched[p] = true;
      const std::size_t id = origin[p];
      next_origin.push_back(id);
      const Block& old = prev.blocks[p];
      const std::string before = block_text(old);
      const std::string after = block_text(block);
      if (before != after || old.kind != block.kind || old.level != block.level) {
        Event changed{stage, "changed", before, after, "", "", ""};
        if (old.kind != block.kind) {
          changed.kind = std::string(to_string(old.kind)) + " -> " + to_string(block.kind);
        }
        histories[id].push_back(changed);
      }
      if (block.removed && !old.removed) {
        histories[id].push_back(
            {stage, "removed", "", "", block.removed->plugin, block.removed->rule, ""});
      } else if (!block.removed && old.removed) {
        histories[id].push_back({stage, "restored", "", "", "", "", ""});
      }
    }
    for (std::size_t p = 0; p < prev.blocks.size(); ++p) {
      if (matched[p]) continue;
      Event dropped{stage, "dropped", block_text(prev.blocks[p]), "", "", "", ""};
      dropped.kind = to_string(prev.blocks[p].kind);
      dropped.after = prev.blocks[p].provenance;
      trace.events_of_origin_dropped.push_back(dropped);
    }
    origin = std::move(next_origin);
  }
  for (const std::size_t id : origin) trace.history.push_back(histories[id]);
  return trace;
}

std::string clean(const std::string& s) {
  return text::sanitize_utf8(s);
}

Json event_json(const Event& event) {
  Json out;
  out["stage"] = event.stage;
  out["action"] = event.action;
  if (event.action == "changed") {
    out["before"] = clean(event.before);
    out["after"] = clean(event.after);
    if (!event.kind.empty()) out["kind"] = event.kind;
  }
  if (event.action == "removed") {
    out["plugin"] = event.plugin;
    out["rule"] = event.rule;
  }
  return out;
}

Json report_json(const std::string& input, const std::vector<Snapshot>& snapshots,
                 const Document& doc, const Trace& trace) {
  Json out;
  out["input"] = input;
  out["id"] = clean(doc.id);
  out["source"] = clean(doc.source);
  out["url"] = clean(doc.url);
  out["format"] = doc.format;
  out["layout"] = doc.layout;
  // Which site profile chose the layout, and on what evidence.
  if (auto it = doc.meta.found_by.find("layout"); it != doc.meta.found_by.end()) {
    out["layout_found_by"] = clean(it->second);
  }
  out["stages"] = Json::array();
  for (const auto& snapshot : snapshots) out["stages"].push_back(snapshot.stage);
  out["blocks"] = Json::array();
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    Json b;
    b["index"] = i;
    b["kind"] = to_string(block.kind);
    if (block.kind == BlockKind::kHeading) b["level"] = block.level;
    b["provenance"] = clean(block.provenance);
    b["text"] = clean(block_text(block));
    b["kept"] = block.kept();
    if (block.removed) {
      b["removed_by"] = block.removed->plugin;
      b["removed_rule"] = block.removed->rule;
    }
    b["history"] = Json::array();
    if (i < trace.history.size()) {
      for (const auto& event : trace.history[i]) b["history"].push_back(event_json(event));
    }
    out["blocks"].push_back(std::move(b));
  }
  out["dropped"] = Json::array();
  for (const auto& event : trace.events_of_origin_dropped) {
    out["dropped"].push_back({{"stage", event.stage},
                              {"kind", event.kind},
                              {"provenance", clean(event.after)},
                              {"text", clean(event.before)}});
  }
  Json meta;
  const auto field = [&](const char* name, const std::string& value) {
    if (value.empty() && !doc.meta.found_by.count(name)) return;
    Json f;
    f["value"] = clean(value);
    auto it = doc.meta.found_by.find(name);
    f["found_by"] = it == doc.meta.found_by.end() ? "" : it->second;
    meta[name] = std::move(f);
  };
  field("title", doc.meta.title);
  field("published", doc.meta.published);
  field("site", doc.meta.site);
  field("source_name", doc.meta.source_name);
  field("author", doc.meta.author);
  field("editor", doc.meta.editor);
  field("language", doc.meta.language);
  field("script", doc.meta.script);
  if (!doc.meta.keywords.empty() || doc.meta.found_by.count("keywords")) {
    Json f;
    f["value"] = Json::array();
    for (const auto& keyword : doc.meta.keywords) f["value"].push_back(clean(keyword));
    auto it = doc.meta.found_by.find("keywords");
    f["found_by"] = it == doc.meta.found_by.end() ? "" : it->second;
    meta["keywords"] = std::move(f);
  }
  out["metadata"] = meta.is_null() ? Json::object() : meta;
  out["repairs"] = Json::array();
  for (const auto& repair : doc.repairs) {
    out["repairs"].push_back({{"plugin", repair.plugin},
                              {"rule", repair.rule},
                              {"before", clean(repair.before)},
                              {"after", clean(repair.after)},
                              {"detail", clean(repair.detail)}});
  }
  out["errors"] = Json::array();
  for (const auto& error : doc.errors) {
    out["errors"].push_back(
        {{"plugin", error.plugin}, {"stage", error.stage}, {"message", clean(error.message)}});
  }
  return out;
}

// Long texts are shortened so one block stays readable on a terminal.
std::string shorten(const std::string& s, std::size_t max_code_points = 120) {
  std::string flat;
  for (const char c : s) flat += (c == '\n') ? ' ' : c;
  std::size_t pos = 0;
  std::size_t count = 0;
  while (pos < flat.size() && count < max_code_points) {
    text::next_code_point(flat, pos);
    ++count;
  }
  return pos < flat.size() ? flat.substr(0, pos) + "…" : flat;
}

void print_text(const Json& report, std::ostream& out) {
  out << "input:  " << report["input"].get<std::string>() << "\n";
  out << "id:     " << report["id"].get<std::string>() << "\n";
  out << "format: " << report["format"].get<std::string>();
  if (!report["layout"].get<std::string>().empty()) {
    out << "  layout: " << report["layout"].get<std::string>();
  }
  if (report.contains("layout_found_by")) {
    out << "\nprofile: " << report["layout_found_by"].get<std::string>();
  }
  out << "\nstages: ";
  for (std::size_t i = 0; i < report["stages"].size(); ++i) {
    out << (i ? " -> " : "") << report["stages"][i].get<std::string>();
  }
  std::size_t kept = 0;
  for (const auto& block : report["blocks"]) kept += block["kept"].get<bool>() ? 1 : 0;
  out << "\n\nblocks: " << report["blocks"].size() << " (" << kept << " kept, "
      << report["blocks"].size() - kept << " removed)\n";
  for (const auto& block : report["blocks"]) {
    out << "  [" << block["index"].get<std::size_t>() << "] " << block["kind"].get<std::string>();
    if (block.contains("level")) out << " h" << block["level"].get<int>();
    out << "  @ " << block["provenance"].get<std::string>() << "  ";
    if (block["kept"].get<bool>()) {
      out << "KEPT";
    } else {
      out << "REMOVED by " << block["removed_by"].get<std::string>() << ":"
          << block["removed_rule"].get<std::string>();
    }
    out << "\n      " << shorten(block["text"].get<std::string>()) << "\n";
    for (const auto& event : block["history"]) {
      const std::string action = event["action"].get<std::string>();
      out << "      - " << event["stage"].get<std::string>() << ": " << action;
      if (action == "removed") {
        out << " (" << event["plugin"].get<std::string>() << ":" << event["rule"].get<std::string>()
            << ")";
      } else if (action == "changed") {
        if (event.contains("kind")) out << " [" << event["kind"].get<std::string>() << "]";
        out << "\n          before: " << shorten(event["before"].get<std::string>())
            << "\n          after:  " << shorten(event["after"].get<std::string>());
      }
      out << "\n";
    }
  }
  if (!report["dropped"].empty()) {
    out << "\ndropped from the block list:\n";
    for (const auto& event : report["dropped"]) {
      out << "  " << event["stage"].get<std::string>() << ": " << event["kind"].get<std::string>()
          << " @ " << event["provenance"].get<std::string>() << "  "
          << shorten(event["text"].get<std::string>()) << "\n";
    }
  }
  out << "\nmetadata:\n";
  if (report["metadata"].empty()) out << "  (none)\n";
  for (const auto& [name, field] : report["metadata"].items()) {
    out << "  " << name << ": ";
    if (field["value"].is_array()) {
      for (std::size_t i = 0; i < field["value"].size(); ++i) {
        out << (i ? ", " : "") << field["value"][i].get<std::string>();
      }
    } else {
      out << field["value"].get<std::string>();
    }
    const std::string found_by = field["found_by"].get<std::string>();
    out << "  (found by " << (found_by.empty() ? "?" : found_by) << ")\n";
  }
  out << "\nrepairs:\n";
  if (report["repairs"].empty()) out << "  (none)\n";
  for (const auto& repair : report["repairs"]) {
    out << "  " << repair["plugin"].get<std::string>() << ":" << repair["rule"].get<std::string>()
        << "  \"" << shorten(repair["before"].get<std::string>(), 60) << "\" -> \""
        << shorten(repair["after"].get<std::string>(), 60) << "\"";
    if (!repair["detail"].get<std::string>().empty()) {
      out << "  (" << repair["detail"].get<std::string>() << ")";
    }
    out << "\n";
  }
  if (!report["errors"].empty()) {
    out << "\nerrors:\n";
    for (const auto& error : report["errors"]) {
      out << "  " << error["plugin"].get<std::string>() << " (" << error["stage"].get<std::string>()
          << "): " << error["message"].get<std::string>() << "\n";
    }
  }
}

}  // namespace

int inspect_command(const Args& args) {
  po::options_description options("clearpage inspect --config JOB.toml INPUT [--json]");
  options.add_options()("help,h", "show this help");
  add_job_options(options);
  options.add_options()("json", "print the report as JSON")(
      "input", po::value<std::vector<std::string>>(), "the one input file to inspect");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "clearpage inspect: " << e.what() << "\n" << options;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << options;
    return kExitOk;
  }
  if (vm.count("config") &&
      (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)) {
    std::cerr << "clearpage inspect: give exactly one INPUT\n" << options;
    return kExitUsage;
  }
  core::PluginHost host;
  core::JobConfig job;
  if (const int code = load_job("inspect", vm, host, job); code != kExitOk) return code;
  const std::string input_spec = vm["input"].as<std::vector<std::string>>().front();

  core::InputItem item;
  {
    core::InputEnumerator inputs({input_spec});
    if (!inputs.next(item)) {
      std::cerr << "clearpage inspect: no input found at " << input_spec << "\n";
      return kExitUsage;
    }
    core::InputItem extra;
    if (inputs.next(extra)) {
      std::cerr << "clearpage inspect: " << input_spec
                << " names more than one input; give one file\n";
      return kExitUsage;
    }
  }
  if (!item.error.empty()) {
    std::cerr << "clearpage inspect: " << item.error << "\n";
    return kExitUsage;
  }
  std::string bytes;
  try {
    bytes = core::load_input_bytes(item, job.max_input_bytes);
  } catch (const std::exception& e) {
    std::cerr << "clearpage inspect: " << e.what() << "\n";
    return kExitUsage;
  }

  std::unique_ptr<core::Pipeline> pipeline;
  try {
    pipeline = std::make_unique<core::Pipeline>(job, host);
  } catch (const std::exception& e) {
    std::cerr << "clearpage inspect: a stage failed to start: " << e.what() << "\n";
    return kExitPluginError;
  }
  const Input input{item.id, item.source, item.url, item.http_charset, bytes};
  std::vector<Snapshot> snapshots;
  const Document doc = pipeline->process(input, [&](const std::string& stage, const Document& d) {
    Snapshot snapshot{stage, d};
    snapshot.doc.dom.reset();  // the tree is not needed for the diff and can be large
    snapshots.push_back(std::move(snapshot));
  });

  const Trace trace = trace_blocks(snapshots);
  const Json report = report_json(input_spec, snapshots, doc, trace);
  if (vm.count("json")) {
    std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_text(report, std::cout);
  }
  return kExitOk;
}

}  // namespace clearpage::cli
