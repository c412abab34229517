#include "clearpage/core/pipeline.hpp"

#include <algorithm>

#include "clearpage/core/logging.hpp"

namespace clearpage::core {

namespace {

StageContext context_for(const StageConfig& config) {
  return StageContext{config.plugin, config.options, make_logger(config.plugin)};
}

bool listed(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string stage_label(const StageConfig& config) { return config.where.str(); }

}  // namespace

struct Pipeline::ReaderSlot {
  const StageConfig* config;
  std::string plugin;
  std::unique_ptr<Reader> reader;
};

struct Pipeline::CleanerStep {
  struct Alternative {
    const StageConfig* config;
    std::string plugin;
    std::unique_ptr<Cleaner> cleaner;
  };
  std::vector<Alternative> alternatives;
};

Pipeline::Pipeline(const JobConfig& job, const PluginHost& host) {
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

Document Pipeline::process(const Input& input, const StageObserver& observer) {
  const auto fail = [&](Document doc, const std::string& plugin, const std::string& stage,
                        const std::string& message) {
    doc.id = input.id;
    doc.source = input.source;
    doc.errors.push_back({plugin, stage, message});
    return doc;
  };

  ReaderSlot* chosen = nullptr;
  int best = kProbeDecline;
  for (auto& slot : readers_) {
    int score = kProbeDecline;
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

  for (auto& step : steps_) {
    CleanerStep::Alternative* winner = nullptr;
    int winner_score = kProbeDecline;
    for (auto& alternative : step.alternatives) {
      const StageConfig& config = *alternative.config;
      if (!listed(config.when_format, doc.format) || !listed(config.when_layout, doc.layout)) {
        continue;
      }
      int score = kProbeDecline;
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
    try {
      winner->cleaner->clean(doc);
    } catch (const std::exception& e) {
      return fail(std::move(doc), winner->plugin, winner->config->plugin,
                  e.what() + std::string(" (stage at ") + stage_label(*winner->config) + ")");
    }
    if (observer) observer(winner->config->plugin, doc);
    if (doc.failed()) return doc;
  }
  doc.dom.reset();  // the tree is the largest thing a document holds; writers never need it
  return doc;
}

struct WriterSet::Slot {
  std::string plugin;
  std::unique_ptr<Writer> writer;
};

WriterSet::WriterSet(const JobConfig& job, const PluginHost& host, const std::string& output) {
  for (const auto& config : job.stages) {
    if (config.kind != StageKind::kWriter) continue;
    const RegisteredStage* stage = host.find_stage(config.plugin);
    Slot slot{config.plugin, stage->writer(context_for(config))};
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
  for (auto& slot : writers_) slot.writer->write(doc);
}

void WriterSet::close() {
  for (auto& slot : writers_) slot.writer->close();
}

}  // namespace clearpage::core
