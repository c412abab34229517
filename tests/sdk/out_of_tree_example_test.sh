#!/usr/bin/env bash
# Installs the SDK to a temporary prefix, builds sdk/examples/shout out of tree
# with find_package(clearpage), and loads it with `clearpage plugins --plugin-dir`.
set -euo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BUILD_DIR:?}" "${CLEARPAGE_BINARY:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

cmake --install "$CLEARPAGE_BUILD_DIR" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/lib/cmake/clearpage/clearpageConfig.cmake"
test -f "$work/prefix/include/clearpage/plugin.hpp"

cmake -S "$CLEARPAGE_SOURCE_DIR/sdk/examples/shout" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$work/build" >/dev/null
plugin=$(find "$work/build" -name 'clearpage_shout.so' | head -n 1)
test -n "$plugin" || { echo "FAIL: clearpage_shout.so was not built"; exit 1; }
mkdir -p "$work/plugins"
chmod 755 "$work/plugins"
cp "$plugin" "$work/plugins/"

# The installed CLI and the build tree's CLI both load it.
for cli in "$work/prefix/bin/clearpage" "$CLEARPAGE_BINARY"; do
  out=$("$cli" plugins --plugin-dir "$work/plugins" 2>&1)
  echo "$out" | grep -q "plugin shout 1.0.0" || { echo "FAIL: $cli did not list shout:"; echo "$out"; exit 1; }
  echo "$out" | grep -q "min_letters" || { echo "FAIL: shout options missing"; exit 1; }
done

# And a job uses it.
printf 'Quiet line here.\nTHIS IS SHOUTING\n' > "$work/in.txt"
cat > "$work/job.toml" <<TOML
[job]
inputs = ["$work/in.txt"]
output = "$work/out.jsonl"
[[stage]]
plugin = "text"
[[stage]]
plugin = "shout"
min_letters = 5
[[stage]]
plugin = "jsonl"
TOML
# From the job's folder: a job file may only write below the directory it runs in.
(cd "$work" && "$CLEARPAGE_BINARY" run --plugin-dir "$work/plugins" --config "$work/job.toml")
grep -q '"rule":"all-capitals"' "$work/out.jsonl" || { echo "FAIL: shout did not run"; cat "$work/out.jsonl"; exit 1; }
grep -q '"text":"Quiet line here."' "$work/out.jsonl" || { echo "FAIL: text lost"; exit 1; }
echo "out-of-tree example: built, loaded and run"
