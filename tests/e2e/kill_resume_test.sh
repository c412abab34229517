#!/usr/bin/env bash
# Kills a real run at random points (SIGTERM, SIGINT or SIGKILL), resumes it until it
# finishes, and checks that the output holds each input exactly once, for the JSONL and
# the SQLite writer. KILLS and INPUTS set the size; bench/kill_resume_bench.sh runs 50
# kills of 5,000 inputs.
set -uo pipefail
: "${CLEARPAGE_SOURCE_DIR:?}" "${CLEARPAGE_BINARY:?}"
KILLS=${KILLS:-6}
INPUTS=${INPUTS:-1500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$CLEARPAGE_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$work/in"
for i in $(seq 1 "$INPUTS"); do
  d=$((i % 10))
  mkdir -p "$work/in/d$d"
  # Same base names in every folder: ids must keep them apart.
  printf '第%d篇\n正文%d。\n' "$i" "$i" > "$work/in/d$d/page$((i / 10)).txt"
done
cat > "$work/job.toml" <<TOML
[job]
inputs = ["$work/in"]
threads = 2
[[stage]]
plugin = "text"
[[stage]]
plugin = "jsonl"
path = "$work/out.jsonl"
[[stage]]
plugin = "sqlite"
path = "$work/out.db"
batch = 50
TOML

# In the background the subshell execs clearpage, so the signal reaches clearpage itself.
run() {
  exec "$CLEARPAGE_BINARY" run --quiet --allow-any-output --config "$work/job.toml" -o "$work/unused" "$@" \
    > /dev/null 2> "$work/stderr"
}
check() {
  python3 - "$work" "$INPUTS" <<'PY'
import json, sqlite3, sys, collections
work, n = sys.argv[1], int(sys.argv[2])
ids = collections.Counter(json.loads(l)["id"] for l in open(f"{work}/out.jsonl"))
db = collections.Counter(r[0] for r in sqlite3.connect(f"{work}/out.db").execute("select id from documents"))
for name, got in (("jsonl", ids), ("sqlite", db)):
    twice = [i for i, c in got.items() if c > 1]
    if len(got) != n or twice:
        print(f"FAIL: {name}: {len(got)} distinct ids for {n} inputs, {len(twice)} repeated")
        sys.exit(1)
PY
}

# How long an uninterrupted run takes: the kills land anywhere inside it.
t0=$(date +%s%N)
(run --force) || { cat "$work/stderr"; fail "the uninterrupted run exited $?"; }
check || fail "the uninterrupted run"
span_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $span_ms -gt 20 ] || span_ms=20

signals=(TERM INT KILL)
kills=0
rounds=0
start=$(date +%s)
# Each round starts afresh and is killed until it completes; rounds go on until KILLS
# kills have landed.
while [ $kills -lt "$KILLS" ]; do
  rounds=$((rounds + 1))
  rm -f "$work"/out.*
  first="--force"
  while true; do
    run $first &
    pid=$!
    first="--resume"
    delay_ms=$((RANDOM % span_ms))
    sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
    sig=${signals[$((RANDOM % 3))]}
    landed=0
    kill -s "$sig" $pid 2>/dev/null && landed=1
    wait $pid; status=$?
    case "$sig:$status" in
      TERM:143|INT:130|KILL:137|*:0) ;;
      *) cat "$work/stderr"; fail "run signalled with SIG$sig exited $status" ;;
    esac
    [ $status -eq 0 ] && break
    kills=$((kills + landed))
    # A signal that lands before main() installs its handlers kills silently, like KILL.
    if [ "$sig" != KILL ] && [ -s "$work/stderr" ]; then
      grep -q -- "continue with: .* --resume" "$work/stderr" || { cat "$work/stderr"; fail "no resume hint after SIG$sig"; }
    fi
    [ $kills -ge "$KILLS" ] && { (run --resume) || { cat "$work/stderr"; fail "the last resume exited $?"; }; break; }
  done
  check || fail "round $rounds, after $kills kills in all"
done
echo "each of $INPUTS inputs exactly once in jsonl and sqlite after every round"
echo "$kills kills and resumes ($rounds rounds) of $INPUTS inputs in $(( $(date +%s) - start )) s"
