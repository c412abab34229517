#!/usr/bin/env bash
# The CLI's edge cases, one row each: the exit code documented in `run --help` and a
# message that names the input or output at fault.
set -uo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BINARY:?}"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$CLEARPAGE_SOURCE_DIR"
cp=$CLEARPAGE_BINARY
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# row NAME EXPECTED_STATUS EXPECTED_TEXT -- COMMAND...: runs it, checks status and stderr.
row() {
  local name=$1 want=$2 text=$3; shift 4
  "$@" > "$work/$name.out" 2> "$work/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: exit $got, want $want"; sed 's/^/  /' "$work/$name.err" | head -5
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$work/$name.err"; then
    fail "$name: stderr does not name '$text'"; sed 's/^/  /' "$work/$name.err" | head -5
  else
    echo "ok   $name (exit $got)"
  fi
}

page() { mkdir -p "$(dirname "$1")"; printf '<html><head><title>%s</title></head><body><article><p>%s 这是正文的第一段，内容足够长以便提取。</p></article></body></html>\n' "$2" "$2" > "$1"; }

# Same base names under different folders: two records, two ids, in every writer.
page "$work/same/a/index.html" A
page "$work/same/b/index.html" B
row same-names-jsonl 0 "" -- "$cp" run --quiet -o "$work/same.jsonl" "$work/same"
ids=$(python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$work/same.jsonl")
[ "$ids" = "a/index.html b/index.html" ] || fail "same-names-jsonl: ids '$ids'"
cat > "$work/sqlite.toml" <<TOML
[job]
inputs = ["$work/same"]
[[stage]]
plugin = "html"
[[stage]]
plugin = "extract"
[[stage]]
plugin = "sqlite"
path = "$work/same.db"
[[stage]]
plugin = "markdown"
path = "$work/same-md"
TOML
row same-names-sqlite-markdown 0 "" -- "$cp" run --quiet --allow-any-output --config "$work/sqlite.toml" -o "$work/unused.jsonl"
n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(distinct id) from documents").fetchone()[0])' "$work/same.db")
[ "$n" = 2 ] || fail "same-names-sqlite: $n distinct ids, want 2"
n=$(ls "$work/same-md"/*.md | wc -l)
[ "$n" = 2 ] || fail "same-names-markdown: $n files, want 2"
# The same file named twice is one id, numbered the second time.
row same-file-twice 0 "" -- "$cp" run --quiet -o "$work/twice.jsonl" "$work/same/a/index.html" "$work/same/a/index.html"
grep -q '"id":"'"$work"'/same/a/index.html#2"' "$work/twice.jsonl" || fail "same-file-twice: no numbered id"

row empty-glob 2 "$work/nothing/*.html: pattern matches no file" -- "$cp" run --quiet -o "$work/e.jsonl" "$work/nothing/*.html"
[ ! -e "$work/e.jsonl" ] || fail "empty-glob: wrote an output"
row missing-file 2 "$work/missing.html: no such file or directory" -- "$cp" run --quiet -o "$work/m.jsonl" "$work/missing.html"
mkdir -p "$work/outdir"
row dir-as-output 2 "$work/outdir: is a directory" -- "$cp" run --quiet -o "$work/outdir" "$work/same"
mkdir -p "$work/ro"; chmod a-w "$work/ro"
# Root writes anywhere, so a file where the output's folder should be stands in too.
touch "$work/afile"
row output-under-file 2 "$work/afile/out.jsonl: $work/afile is not a directory" -- "$cp" run --quiet -o "$work/afile/out.jsonl" "$work/same"
if [ "$(id -u)" != 0 ]; then
  row read-only-output 2 "$work/ro/out.jsonl: cannot write in $work/ro" -- "$cp" run --quiet -o "$work/ro/out.jsonl" "$work/same"
elif command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups "$cp" --version > /dev/null 2>&1; then
  # Root writes anywhere: the row runs as nobody.
  chmod o+rx "$work"
  row read-only-output 2 "$work/ro/out.jsonl: cannot write in $work/ro" -- setpriv --reuid=65534 --regid=65534 --clear-groups "$cp" run --quiet -o "$work/ro/out.jsonl" "$work/same"
else
  echo "SKIP read-only-output: running as root, which writes anywhere, and cannot drop to nobody"
fi
row full-disk-before 2 "$work/full.jsonl: only" -- "$cp" run --quiet --min-free-mb 999999999 -o "$work/full.jsonl" "$work/same"
# A disk that fills during the run: a file-size limit makes the write fail.
for i in $(seq 1 40); do page "$work/many/p$i.html" "page $i $(head -c 3000 /dev/zero | tr '\0' x)"; done
row full-disk-during 5 "failed" -- bash -c "ulimit -f 8; exec \"$cp\" run --quiet --threads 1 -o \"$work/limited.jsonl\" \"$work/many\""
grep -q "writing .*many/p" "$work/full-disk-during.err" || fail "full-disk-during: message names no input"
[ ! -e "$work/limited.jsonl" ] || fail "full-disk-during: a partial output was committed"

row second-run 2 "$work/same.jsonl: an earlier run left this output" -- "$cp" run --quiet -o "$work/same.jsonl" "$work/same"
row second-run-force 0 "" -- "$cp" run --quiet --force -o "$work/same.jsonl" "$work/same"
row second-run-resume 0 "2 resumed" -- "$cp" run --resume -o "$work/same.jsonl" "$work/same"
[ "$(wc -l < "$work/same.jsonl")" = 2 ] || fail "second-run-resume: records duplicated"

# Inputs that become error records: exit 1, the record names the input.
mkdir -p "$work/bad"; printf '' > "$work/bad/empty.txt"
page "$work/bad/good.html" G
row error-records 1 "1 errors" -- "$cp" run -o "$work/bad.jsonl" "$work/bad"
grep -q '"id":"empty.txt"' "$work/bad.jsonl" || fail "error-records: no record for empty.txt"

# Directory walks: only page and record files; hidden folders and loops are skipped.
page "$work/walk/page.html" P
echo '{}' > "$work/walk/page.expected.json"
echo '# notes' > "$work/walk/README.md"
page "$work/walk/.git/hidden.html" H
ln -s . "$work/walk/loop"
row walk 0 "hidden entries skipped" -- "$cp" run -o "$work/walk.jsonl" "$work/walk"
grep -q "left out by extension" "$work/walk.err" || fail "walk: no note of the files left out"
grep -q "symlink loops" "$work/walk.err" || fail "walk: no note of the symlink loop"
[ "$(wc -l < "$work/walk.jsonl")" = 1 ] || fail "walk: $(wc -l < "$work/walk.jsonl") records, want 1"
row walk-include 0 "" -- "$cp" run --quiet --include '*.md' --include '*.html' --exclude 'loop' -o "$work/inc.jsonl" "$work/walk"
[ "$(wc -l < "$work/inc.jsonl")" = 2 ] || fail "walk-include: $(wc -l < "$work/inc.jsonl") records, want 2"

# Ids by content: the same bytes under two names share a hash, numbered.
row id-sha1 0 "" -- "$cp" run --quiet --id sha1 -o "$work/sha.jsonl" "$work/same"
[ "$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$work/sha.jsonl")" = 2 ] || fail "id-sha1: ids not unique"
row bad-id 2 "unknown id scheme" -- "$cp" run --quiet --id nope -o "$work/x.jsonl" "$work/same"

# The default job is built in and valid.
row print-default 0 "" -- "$cp" validate --print-default
grep -q '^\[job\]' "$work/print-default.out" || fail "print-default: no [job] table"
cp "$work/print-default.out" "$work/default.toml"
row default-valid 0 "" -- "$cp" validate "$work/default.toml"

[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "all edge cases pass"
