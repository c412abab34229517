#include "clearpage/plugin.hpp"
#include "marker.hpp"

namespace {
clearpage_test::RanMarker marker;
void register_stages(clearpage::Registry&) {}
}  // namespace

// Built against the next SDK major: everything else matches this host.
CLEARPAGE_PLUGIN_WITH_RECORD(CLEARPAGE_API_VERSION, "test_wrong_sdk", "2.3.4", CLEARPAGE_ABI_TAG,
                             CLEARPAGE_SDK_VERSION_MAJOR + 1, register_stages)
