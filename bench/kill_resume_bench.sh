#!/usr/bin/env bash
# 50 random kills and resumes of a 5,000-input job; every input must end in the output
# exactly once. Usage: bench/kill_resume_bench.sh [build/bin/clearpage]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
CLEARPAGE_SOURCE_DIR=$here CLEARPAGE_BINARY=$(realpath "${1:-$here/build/bin/clearpage}") \
  KILLS=${KILLS:-50} INPUTS=${INPUTS:-5000} bash "$here/tests/e2e/kill_resume_test.sh"
