#!/usr/bin/env bash
# Stream mode's peak memory over 100,000 JSONL records on stdin: it must stay flat
# (bounded by the in-flight documents), well under 100 MB.
# Usage: bench/stream_rss_bench.sh [build/bin/clearpage] [RECORDS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$here/build/bin/clearpage}")
records=${2:-100000}
cd "$here"
for n in $((records / 10)) "$records"; do
  python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    p = "".join(f"<p>第{i}篇第{j}段，正文内容足够长，用来检验流式处理的内存。</p>" for j in range(8))
    print(json.dumps({"url": f"https://example.org/{i}", "html": f"<html><head><title>第{i}篇</title></head><body><article>{p}</article></body></html>"}, ensure_ascii=False))
' "$n" | /usr/bin/time -f '%M %e' -o /tmp/stream_rss.$$ "$binary" run --config configs/stream.toml --quiet -o - | wc -l > /tmp/stream_lines.$$
  read -r kb seconds < /tmp/stream_rss.$$
  echo "stream: $n records -> $(cat /tmp/stream_lines.$$) output lines, peak RSS $((kb / 1024)) MB, $seconds s"
  rm -f /tmp/stream_rss.$$ /tmp/stream_lines.$$
done
