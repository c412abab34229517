// The host owns every logger; plugins receive theirs through StageContext.
#pragma once

#include <spdlog/logger.h>
#include <memory>
#include <string>

namespace clearpage::core {

// Loggers share one stderr sink and are never put in spdlog's global registry.
std::shared_ptr<spdlog::logger> make_logger(const std::string& name);
void set_log_level(const std::string& level);  // trace, debug, info, warn, error, off

}  // namespace clearpage::core
