#include <string>

#include "clearpage/core/job_config.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(clearpage::fuzz::as_view(data, size));
  try {
    (void)clearpage::core::parse_job(text, "fuzz.toml", clearpage::fuzz::host());
  } catch (const clearpage::core::ConfigError&) {
    // Every mistake must surface as a ConfigError; anything else escapes and crashes.
  }
  return 0;
}
