// Has a valid info record but no registration entry point.
#include "clearpage/plugin.hpp"

extern "C" BOOST_SYMBOL_EXPORT __attribute__((section(CLEARPAGE_PLUGIN_INFO_SECTION), used))
const clearpage_plugin_info clearpage_plugin_info_record = {
    CLEARPAGE_API_VERSION, "test_missing_register",     "0.0.1",
    CLEARPAGE_ABI_TAG,     CLEARPAGE_SDK_VERSION_MAJOR, CLEARPAGE_SDK_VERSION_MINOR};
