// Versions that must match between the host and a plugin.
#pragma once

// Bumped on any change to the plugin-facing interfaces (stage.hpp, plugin.hpp, document.hpp,
// budget.hpp, options.hpp). 2: per-document budgets (budget.hpp) that plugins may call into.
// 3: OptionSpec::output_path.
#define CLEARPAGE_API_VERSION 3u
#define CLEARPAGE_SDK_MAJOR 0
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
                        ";sdk=" CLEARPAGE_STRINGIFY(CLEARPAGE_SDK_MAJOR)
