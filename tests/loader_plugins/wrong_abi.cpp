#include "clearpage/plugin.hpp"
#include "marker.hpp"

namespace {
clearpage_test::RanMarker marker;
void register_stages(clearpage::Registry&) {}
}  // namespace

CLEARPAGE_PLUGIN_WITH_RECORD(CLEARPAGE_API_VERSION, "test_wrong_abi", "9.9.9",
                             "othercc-1;cxx11abi=0;sdk=99", CLEARPAGE_SDK_VERSION_MAJOR,
                             register_stages)
