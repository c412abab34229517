// Shared by the fuzz targets: stages come from the real host, like in a job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "clearpage/core/plugin_host.hpp"
#include "clearpage/stage.hpp"

namespace clearpage::fuzz {

// The build's plugins, loaded once; aborts when a needed stage is missing, so a
// target can never pass vacuously.
const core::PluginHost& host();
std::unique_ptr<Reader> make_reader(const std::string& stage);
std::unique_ptr<Cleaner> make_cleaner(const std::string& stage);

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace clearpage::fuzz
