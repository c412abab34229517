#!/usr/bin/env bash
# Every C++ source follows .clang-format; `make format` mends what this reports.
# Formatting differs between clang-format releases, so only the release the style was
# set with (Debian 12's) decides; under CI=true a missing or other release fails.
set -uo pipefail
cd "${CLEARPAGE_SOURCE_DIR:?}"
wanted=14
skip() {
  if [ "${CI:-}" = true ]; then echo "FAIL: $1 (CI=true)"; exit 1; fi
  echo "SKIP: $1"; exit 77
}
command -v clang-format >/dev/null || skip "clang-format is not installed"
version=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
[ "$version" = "$wanted" ] || skip "clang-format $version is not release $wanted"
mapfile -t files < <(find core sdk plugins tests bench -name '*.cpp' -o -name '*.hpp' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "FAIL: no sources found"; exit 1; }
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ "${#bad[@]}" -gt 0 ]; then
  echo "FAIL: ${#bad[@]} of ${#files[@]} files differ from .clang-format (run make format):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "ok: ${#files[@]} files follow .clang-format"
