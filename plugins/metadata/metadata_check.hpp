// The metadata_check stage, registered by the metadata plugin beside its line reader.
#pragma once

#include "clearpage/plugin.hpp"

namespace clearpage::plugins::metadata {

void register_check(Registry& registry);

}  // namespace clearpage::plugins::metadata
