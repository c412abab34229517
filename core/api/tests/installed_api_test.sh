#!/usr/bin/env bash
# Installs to a temporary prefix, builds tests/consumer against the installed CMake
# package's clearpage::api, and runs it: the library finds the installed plugins itself.
# Under the sanitizers the program is instrumented too (CLEARPAGE_CONSUMER_FLAGS), as a
# sanitized library needs its runtime loaded first.
set -euo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BUILD_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cmake --install "$CLEARPAGE_BUILD_DIR" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/clearpage/pipeline.hpp"
test ! -e "$work/prefix/include/clearpage/engine.hpp" || { echo "FAIL: internal header installed"; exit 1; }
cmake -S "$CLEARPAGE_SOURCE_DIR/core/api/tests/consumer" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="${CLEARPAGE_CONSUMER_FLAGS:-}" >/dev/null
cmake --build "$work/build" >/dev/null
# No plugin path from the environment: only the installed plugins may be found.
out=$(env -u CLEARPAGE_PLUGIN_PATH "$work/build/api_consumer" \
  "$CLEARPAGE_SOURCE_DIR/samples/html/news-article.html")
echo "$out" | grep -q '"format":"html"' || { echo "FAIL: no html document: $out"; exit 1; }
echo "$out" | grep -q '示例河流生态修复工程完工' || { echo "FAIL: title missing: $out"; exit 1; }
# The library exports the API, not the host's internals.
if nm -D --defined-only "$work/prefix/lib/libclearpage_api.so" | grep -q 'clearpage4core'; then
  echo "FAIL: libclearpage_api exports clearpage::core symbols"; exit 1
fi
echo "installed API: built against, found its plugins, extracted the page"
