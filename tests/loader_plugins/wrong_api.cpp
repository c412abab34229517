#include "clearpage/plugin.hpp"
#include "marker.hpp"

namespace {
clearpage_test::RanMarker marker;
void register_stages(clearpage::Registry&) {}
}  // namespace

CLEARPAGE_PLUGIN_WITH_RECORD(CLEARPAGE_API_VERSION + 1, "test_wrong_api", "9.9.9",
                             CLEARPAGE_ABI_TAG, CLEARPAGE_SDK_VERSION_MAJOR, register_stages)
