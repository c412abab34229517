// Versions that must match between the host and a plugin.
#pragma once

// The SDK's semantic version (docs/sdk.md): the host refuses a plugin built against
// another major. 1.0.0: the page as an opaque DomView; no heuristics in the SDK.
#define CLEARPAGE_SDK_VERSION_MAJOR 1
#define CLEARPAGE_SDK_VERSION_MINOR 0
#define CLEARPAGE_SDK_VERSION_PATCH 0
#define CLEARPAGE_SDK_VERSION_STRING "1.0.0"

// The format of the plugin info record (plugin.hpp). 2: per-document budgets. 3:
// OptionSpec::output_path. 4: the record carries the SDK version.
#define CLEARPAGE_API_VERSION 4u
// The host's own version, for `clearpage --version`.
#define CLEARPAGE_VERSION_STRING "0.1.0"

#define CLEARPAGE_STRINGIFY_IMPL(x) #x
#define CLEARPAGE_STRINGIFY(x) CLEARPAGE_STRINGIFY_IMPL(x)

#if defined(__clang__)
#define CLEARPAGE_COMPILER_ID "clang-" CLEARPAGE_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define CLEARPAGE_COMPILER_ID "gcc-" CLEARPAGE_STRINGIFY(__GNUC__)
#else
#define CLEARPAGE_COMPILER_ID "unknown"
#endif

// Needs a libstdc++ header for _GLIBCXX_USE_CXX11_ABI.
#include <cstddef>
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define CLEARPAGE_CXX11_ABI CLEARPAGE_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define CLEARPAGE_CXX11_ABI "na"
#endif

// Objects of std:: types cross the plugin boundary, so compiler, standard-library ABI
// and SDK major must agree exactly.
#define CLEARPAGE_ABI_TAG                                \
  CLEARPAGE_COMPILER_ID ";cxx11abi=" CLEARPAGE_CXX11_ABI \
                        ";sdk=" CLEARPAGE_STRINGIFY(CLEARPAGE_SDK_VERSION_MAJOR)
