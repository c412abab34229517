#!/usr/bin/env bash
# Builds the site-plugin tutorial (sdk/examples/site_tutorial) out of tree against the
# installed SDK alone, runs it in a job beside the generic extractor, and checks that a
# build of it against a different SDK major is refused with a message naming both.
set -euo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BUILD_DIR:?}" "${CLEARPAGE_BINARY:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$CLEARPAGE_BUILD_DIR" --prefix "$work/prefix" >/dev/null
# The internal plugin libraries are not part of the SDK.
test ! -e "$work/prefix/include/clearpage/extract" || fail "internal headers were installed"
test ! -e "$work/prefix/include/clearpage/html/dom.hpp" || fail "the internal DOM was installed"

build() {  # prefix build-dir
  cmake -S "$CLEARPAGE_SOURCE_DIR/sdk/examples/site_tutorial" -B "$2" \
    -DCMAKE_PREFIX_PATH="$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$2" >/dev/null
  find "$2" -name 'clearpage_site_tutorial.so' | head -n 1
}
mkdir -p "$work/plugins" "$work/other"
chmod 755 "$work/plugins" "$work/other"
cp "$(build "$work/prefix" "$work/build")" "$work/plugins/"

mkdir -p "$work/in"
cat > "$work/in/site.html" <<'HTML'
<html><head><title>River works</title></head><body><nav><a href="/">Home</a></nav>
<div class="story"><h2>River works begin</h2><p>The city started work on the river banks today.</p>
<p>Crews will finish the first stretch by spring.</p></div>
<span class="byline">Ann Lee</span></body></html>
HTML
cat > "$work/in/other.html" <<'HTML'
<html><body><article><p>A page of another layout, long enough for the generic extractor to keep it as a paragraph.</p></article></body></html>
HTML
cat > "$work/job.toml" <<TOML
[job]
inputs = ["$work/in/"]
output = "$work/out.jsonl"
[[stage]]
plugin = "html"
[[stage]]
plugin = "site_tutorial"
group = "content"
content = "div.story"
author = ".byline"
[[stage]]
plugin = "extract"
group = "content"
[[stage]]
plugin = "jsonl"
TOML
(cd "$work" && "$CLEARPAGE_BINARY" run -q --plugin-dir "$work/plugins" --config "$work/job.toml")
site=$(grep '"id":"site' "$work/out.jsonl") || fail "no record for site.html"
other=$(grep '"id":"other' "$work/out.jsonl") || fail "no record for other.html"
echo "$site" | grep -q '"layout":"site_tutorial"' || fail "tutorial did not claim its page: $site"
echo "$site" | grep -q '"author":"Ann Lee"' || fail "author not read: $site"
echo "$site" | grep -q '"type":"heading","text":"River works begin","level":2' || fail "heading: $site"
echo "$site" | grep -q 'Crews will finish the first stretch by spring.' || fail "paragraph lost: $site"
echo "$site" | grep -q 'Home' && fail "navigation kept: $site"
echo "$other" | grep -q '"layout":""' || fail "tutorial claimed a page it does not know: $other"
echo "$other" | grep -q 'generic extractor' || fail "extract did not run on the other page: $other"

# The same source built against an SDK one major version ahead is refused.
cp -r "$work/prefix" "$work/next"
header="$work/next/include/clearpage/version.hpp"
major=$(sed -n 's/^#define CLEARPAGE_SDK_VERSION_MAJOR \([0-9]*\)$/\1/p' "$header")
test -n "$major" || fail "no CLEARPAGE_SDK_VERSION_MAJOR in version.hpp"
sed -i "s/^#define CLEARPAGE_SDK_VERSION_MAJOR $major\$/#define CLEARPAGE_SDK_VERSION_MAJOR $((major + 1))/" "$header"
cp "$(build "$work/next" "$work/build-next")" "$work/other/"
out=$("$CLEARPAGE_BINARY" plugins --plugin-dir "$work/other" 2>&1 || true)
echo "$out" | grep -q "refused: plugin 'site_tutorial' 1.0.0 was built against SDK $((major + 1))\." ||
  fail "no clear refusal of an SDK $((major + 1)) plugin: $out"
echo "$out" | grep -q "this host's SDK is $major\." || fail "refusal does not name the host's SDK: $out"
echo "site tutorial: built against the installed SDK, run, and refused across SDK majors"
