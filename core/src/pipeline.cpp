#include "clearpage/core/pipeline.hpp"

#include <algorithm>
#include <optional>

#include "clearpage/budget.hpp"
#include "clearpage/core/logging.hpp"

namespace clearpage::core {

namespace {

StageContext context_for(const StageConfig& config) {
  return StageContext{config.plugin, config.options, make_logger(config.plugin)};
}

bool listed(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string stage_label(const StageConfig& config) {
  return config.where.str();
}

}  // namespace

struct Pipeline::ReaderSlot {
  const StageConfig* config;
  std::string plugin;
  std::unique_ptr<Reader> reader;
  StageName name{plugin, config->plugin};
};

struct Pipeline::CleanerStep {
  struct Alternative {
    const StageConfig* config;
    std::string plugin;
    std::unique_ptr<Cleaner> cleaner;
    StageName name{plugin, config->plugin};
  };
  std::vector<Alternative> alternatives;
};

Pipeline::Pipeline(const JobConfig& job, const PluginHost& host)
    : time_limit_ms_(job.doc_time_limit_ms),
      memory_limit_bytes_(static_cast<std::uint64_t>(job.doc_memory_limit_mb) << 20) {
  std::string current_group;
  for (const auto& config : job.stages) {
    const RegisteredStage* stage = host.find_stage(config.plugin);
    if (!stage) throw std::runtime_error("stage '" + config.plugin + "' is not loaded");
    if (config.kind == StageKind::kReader) {
      readers_.push_back({&config, stage->plugin, stage->reader(context_for(config))});
      current_group.clear();
    } else if (config.kind == StageKind::kCleaner) {
      CleanerStep::Alternative alternative{&config, stage->plugin,
                                           stage->cleaner(context_for(config))};
      if (!config.group.empty() && config.group == current_group && !steps_.empty()) {
        steps_.back().alternatives.push_back(std::move(alternative));
      } else {
        steps_.emplace_back();
        steps_.back().alternatives.push_back(std::move(alternative));
      }
      current_group = config.group;
    } else {
      current_group.clear();
    }
  }
}

Pipeline::~Pipeline() = default;

std::uint64_t document_bytes(const Document& doc) {
  const auto text = [](const std::string& s) -> std::uint64_t { return s.capacity(); };
  std::uint64_t bytes = sizeof(Document) + text(doc.id) + text(doc.source) + text(doc.url);
  for (const auto& block : doc.blocks) {
    bytes += sizeof(Block) + text(block.text) + text(block.src) + text(block.alt) +
             text(block.provenance);
    for (const auto& item : block.items) bytes += sizeof(std::string) + text(item);
    for (const auto& row : block.rows) {
      for (const auto& cell : row) bytes += sizeof(std::string) + text(cell);
    }
  }
  for (const auto& repair : doc.repairs) {
    bytes += sizeof(Repair) + text(repair.before) + text(repair.after) + text(repair.detail);
  }
  bytes += text(doc.meta.title) + text(doc.meta.published) + text(doc.meta.author);
  for (const auto& keyword : doc.meta.keywords) bytes += sizeof(std::string) + text(keyword);
  return bytes;
}

Pipeline::StageName Pipeline::running() const {
  const StageName* name = running_.load();
  return name ? *name : StageName{};
}

Document Pipeline::process(const Input& input, const StageObserver& observer) {
  struct ClearRunning {
    std::atomic<const StageName*>& running;
    ~ClearRunning() { running = nullptr; }
  } clear_running{running_};
  if (time_limit_ms_ <= 0 && memory_limit_bytes_ == 0) return run_stages(input, observer);
  DocumentBudget budget(std::chrono::milliseconds(time_limit_ms_), memory_limit_bytes_);
  BudgetScope scope(&budget);
  return run_stages(input, observer);
}

Document Pipeline::run_stages(const Input& input, const StageObserver& observer) {
  // Between stages: a stage that swallowed BudgetExceeded, or ran no check, is caught here.
  const auto over_budget = [](const Document& doc) -> std::optional<std::string> {
    const DocumentBudget* budget = current_budget();
    if (!budget) return std::nullopt;
    if (budget->out_of_time()) return budget->time_message();
    if (budget->memory_limit() > 0) {
      const std::uint64_t held = budget->charged() + document_bytes(doc);
      if (held > budget->memory_limit()) return budget->memory_message(held);
    }
    return std::nullopt;
  };
  const auto fail = [&](Document doc, const std::string& plugin, const std::string& stage,
                        const std::string& message) {
    doc.id = input.id;
    doc.source = input.source;
    doc.dom.reset();
    doc.errors.push_back({plugin, stage, message});
    return doc;
  };
  // What blew the budget must not travel on to the writers in the error record.
  const auto fail_budget = [&](Document doc, const std::string& plugin, const std::string& stage,
                               const std::string& message) {
    doc.blocks.clear();
    doc.blocks.shrink_to_fit();
    doc.repairs.clear();
    doc.repairs.shrink_to_fit();
    return fail(std::move(doc), plugin, stage, message);
  };

  ReaderSlot* chosen = nullptr;
  int best = kProbeDecline;
  for (auto& slot : readers_) {
    int score = kProbeDecline;
    running_ = &slot.name;
    try {
      score = slot.reader->probe(input);
    } catch (const std::exception& e) {
      return fail(Document{}, slot.plugin, slot.config->plugin, std::string("probe: ") + e.what());
    }
    if (score > best) {
      best = score;
      chosen = &slot;
    }
  }
  if (!chosen) return fail(Document{}, "clearpage", "route", "no reader accepts this input");

  Document doc;
  running_ = &chosen->name;
  try {
    doc = chosen->reader->read(input);
  } catch (const std::exception& e) {
    return fail(Document{}, chosen->plugin, chosen->config->plugin, e.what());
  }
  doc.id = input.id;
  if (doc.source.empty()) doc.source = input.source;
  if (doc.url.empty()) doc.url = input.url;
  if (observer) observer(chosen->config->plugin, doc);
  if (doc.failed()) return doc;
  if (auto message = over_budget(doc)) {
    return fail_budget(std::move(doc), chosen->plugin, chosen->config->plugin, *message);
  }

  for (auto& step : steps_) {
    CleanerStep::Alternative* winner = nullptr;
    int winner_score = kProbeDecline;
    for (auto& alternative : step.alternatives) {
      const StageConfig& config = *alternative.config;
      if (!listed(config.when_format, doc.format) || !listed(config.when_layout, doc.layout)) {
        continue;
      }
      int score = kProbeDecline;
      running_ = &alternative.name;
      try {
        score = alternative.cleaner->probe(doc);
      } catch (const std::exception& e) {
        return fail(std::move(doc), alternative.plugin, config.plugin,
                    std::string("probe: ") + e.what());
      }
      if (score > winner_score) {
        winner_score = score;
        winner = &alternative;
      }
    }
    if (!winner) continue;
    running_ = &winner->name;
    try {
      winner->cleaner->clean(doc);
    } catch (const std::exception& e) {
      const std::string message =
          e.what() + std::string(" (stage at ") + stage_label(*winner->config) + ")";
      if (dynamic_cast<const BudgetExceeded*>(&e)) {
        return fail_budget(std::move(doc), winner->plugin, winner->config->plugin, message);
      }
      return fail(std::move(doc), winner->plugin, winner->config->plugin, message);
    }
    if (observer) observer(winner->config->plugin, doc);
    if (doc.failed()) return doc;
    if (auto message = over_budget(doc)) {
      return fail_budget(std::move(doc), winner->plugin, winner->config->plugin,
                         *message + " (stage at " + stage_label(*winner->config) + ")");
    }
  }
  doc.dom.reset();  // the tree is the largest thing a document holds; writers never need it
  return doc;
}

struct WriterSet::Slot {
  std::string plugin;
  std::unique_ptr<Writer> writer;
  std::unordered_set<std::string> skip;
};

WriterSet::WriterSet(const JobConfig& job, const PluginHost& host, const std::string& output) {
  for (const auto& config : job.stages) {
    if (config.kind != StageKind::kWriter) continue;
    const RegisteredStage* stage = host.find_stage(config.plugin);
    Slot slot{config.plugin, stage->writer(context_for(config)), {}};
    // A writer may name its own path; otherwise it writes the job's output.
    std::string path = output;
    if (config.options.has("path") && !config.options.get_string("path").empty()) {
      path = config.options.get_string("path");
    }
    slot.writer->open(path);
    writers_.push_back(std::move(slot));
  }
}

WriterSet::~WriterSet() = default;

void WriterSet::write(const Document& doc) {
  for (auto& slot : writers_) {
    if (slot.skip.empty() || !slot.skip.count(doc.id)) slot.writer->write(doc);
  }
}

void WriterSet::skip_ids(std::size_t index, std::unordered_set<std::string> ids) {
  if (index < writers_.size()) writers_[index].skip = std::move(ids);
}

void WriterSet::close() {
  for (auto& slot : writers_) slot.writer->close();
}

}  // namespace clearpage::core
