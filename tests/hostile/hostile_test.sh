#!/usr/bin/env bash
# Every hostile input ends as a record or an error record, with no crash, no
# hang and bounded memory; every broken job file is a clear job-file error.
set -uo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BINARY:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

bash "$CLEARPAGE_SOURCE_DIR/tests/hostile/generate_hostile.sh" "$work/in" || fail "generator failed"
inputs=$(find "$work/in" -type f | wc -l)

cd "$CLEARPAGE_SOURCE_DIR"
start=$(date +%s)
/usr/bin/env time -f '%M' -o "$work/rss_kb" timeout 600 \
  "$CLEARPAGE_BINARY" run --config configs/default.toml --threads 2 --output "$work/out.jsonl" "$work/in" \
  2> "$work/stderr"
status=$?
elapsed=$(( $(date +%s) - start ))
cat "$work/stderr" | tail -n 5
# 1: some inputs became error records, as hostile inputs should.
[ $status -eq 1 ] || fail "run exited $status"
summary=$(grep -E '^clearpage: [0-9]+ inputs' "$work/stderr") || fail "no summary line"
read -r n w e s <<<"$(echo "$summary" | sed -E 's/clearpage: ([0-9]+) inputs, ([0-9]+) written, ([0-9]+) errors, ([0-9]+) skipped.*/\1 \2 \3 \4/')"
[ "$n" -eq "$inputs" ] || fail "summary counts $n inputs, generated $inputs"
[ "$n" -eq $((w + e + s)) ] || fail "accounting: $n != $w + $e + $s"
records=$(wc -l < "$work/out.jsonl")
[ "$records" -eq "$inputs" ] || fail "$records records for $inputs inputs"
# Each input appears once, by id.
for f in "$work"/in/*; do
  id=$(basename "$f")
  # A record file's records are named by the file and the line or byte offset.
  grep -qE "\"id\":\"$id[\"@:]" "$work/out.jsonl" || fail "no record for $id"
done
grep -q '"id":"good_page.html"' "$work/out.jsonl" && grep '"id":"good_page.html"' "$work/out.jsonl" | grep -q '"errors":\[\]' \
  || fail "the good page did not come through cleanly"
grep -q '"id":"gzip_bomb.html.gz".*"errors":\[{' "$work/out.jsonl" || fail "gzip bomb was not stopped"
grep -q 'root:' "$work/out.jsonl" && fail "a local file was read through an entity or DTD"
# Lying charset labels and GBK pasted into UTF-8 still come out as the text they hold.
expect_text() {
  grep "\"id\":\"$1\"" "$work/out.jsonl" | grep -qF "$2" || fail "$1 did not decode to '$2'"
}
expect_text wrong_charset_declared_gbk.html '声明是GBK，其实是UTF-8的正文。'
expect_text wrong_charset_declared_utf8.html '声明是UTF-8，其实是GBK。'
expect_text mixed_gbk_utf8.html '前面是UTF-8的中文。中文后面又是中文。'
# GNU time puts "Command exited with non-zero status 1" before the figure.
rss_kb=$(tail -n 1 "$work/rss_kb" 2>/dev/null || echo 0)
echo "hostile: $n inputs, $w written, $e errors, $s skipped in ${elapsed}s, peak RSS $((rss_kb / 1024)) MB"
# ASan's shadow memory inflates RSS; only the plain build is held to the bound.
if [ "${CLEARPAGE_SANITIZED:-0}" != 1 ] && [ "$rss_kb" -gt $((3 * 1024 * 1024)) ]; then
  fail "peak RSS ${rss_kb} kB is over 3 GiB"
fi
grep '"errors":\[{' "$work/out.jsonl" | sed -E 's/.*"id":"([^"]*)".*"message":"([^"]{0,90}).*/  \1: \2/' | sort

# Broken job files: each is refused with file:line:column and exit code 2.
for job in "$CLEARPAGE_SOURCE_DIR"/tests/hostile/jobs/*.toml; do
  out=$("$CLEARPAGE_BINARY" validate "$job" 2>&1); code=$?
  [ $code -eq 2 ] || fail "validate $job exited $code: $out"
  echo "$out" | grep -qE "^$job:[0-9]+:[0-9]+: " || fail "no file:line:column in: $out"
  echo "  $(basename "$job"): $(echo "$out" | head -n 1 | sed "s#^$job:##")"
done
echo "hostile inputs: all accounted for"
