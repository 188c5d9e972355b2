#!/usr/bin/env bash
# Instruction counts (callgrind) of the store's load and compaction paths, an old and a new
# release build on copies of one store, so the formats and codecs can be compared exactly.
# Usage: bash bench/store_callgrind_ab.sh OLD_RELEASE_DIR NEW_RELEASE_DIR [JOBS] [ROUNDS]
#   Fills a JOBS-job store (default 20 000) once through OLD's aios-mcp (AIOS_WORKERS=0, as
#   bench/profile.sh reopen does), then per round and build, on a fresh copy: `aiosctl jobs
#   --limit 1` (a full load), `aiosctl status JOB`, `aiosctl store compact`, and the two loads
#   again on the compacted store. Prints "build-command instructions" lines, and whether the two
#   compactions wrote the same snapshot bytes. Raw files stay in $OUT (default /tmp/aios-store-ab).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd)
jobs=${3:-20000}; rounds=${4:-2}
out=${OUT:-/tmp/aios-store-ab}
mkdir -p "$out"
store=$(mktemp -d)
trap 'rm -rf "$store" "$out"/home-old "$out"/home-new' EXIT
shim="$out/sigsuspend_shim.so"
cc -shared -fPIC -O2 -o "$shim" bench/sigsuspend_shim.c -ldl
python3 bench/fill_store.py "$jobs" "$store" "$old/aios-mcp"
job=$(AIOS_HOME="$store" "$old/aiosctl" jobs --limit 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["job_id"])')
count() { # name home command...
  local name=$1 home=$2
  shift 2
  AIOS_HOME="$home" AIOS_LOG_LEVEL=warning LD_PRELOAD="$shim" valgrind --tool=callgrind --quiet \
    --callgrind-out-file="$out/$name.out" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr"
  echo "$name $(grep -E '^(summary|totals):' "$out/$name.out" | head -1 | awk '{print $2}')"
}
for round in $(seq "$rounds"); do
  for side in old new; do
    bin=$old; [ "$side" = new ] && bin=$new
    home="$out/home-$side"
    rm -rf "$home"; cp -a "$store" "$home"
    count "$side-reopen" "$home" "$bin/aiosctl" jobs --limit 1
    count "$side-status" "$home" "$bin/aiosctl" status "$job"
    count "$side-compact" "$home" "$bin/aiosctl" store compact
    count "$side-reopen-compacted" "$home" "$bin/aiosctl" jobs --limit 1
    count "$side-status-compacted" "$home" "$bin/aiosctl" status "$job"
  done
done
snapshot() { ls "$1" | grep '^snapshot-' | sort -t- -k2 -n | tail -1; }
if cmp -s "$out/home-old/$(snapshot "$out/home-old")" "$out/home-new/$(snapshot "$out/home-new")"; then
  echo "the compactions wrote identical snapshots"
else
  echo "the compactions wrote different snapshots"
fi
