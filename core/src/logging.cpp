#include "clearpage/core/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <atomic>

namespace clearpage::core {

namespace {
std::atomic<spdlog::level::level_enum> g_level{spdlog::level::warn};

std::shared_ptr<spdlog::sinks::stderr_sink_mt> shared_sink() {
  static auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  return sink;
}
}  // namespace

std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  auto logger = std::make_shared<spdlog::logger>(name, shared_sink());
  logger->set_level(g_level.load());
  logger->set_pattern("[%l] %n: %v");
  return logger;
}

void set_log_level(const std::string& level) {
  g_level = spdlog::level::from_str(level);
}

}  // namespace clearpage::core
