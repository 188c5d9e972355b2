#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/FuzzTargets.swift (building them first with fuzz/build.sh).
#
#   fuzz/run.sh [--seconds N] [--runs N] [--jobs N] [target ...]
#
# Targets: json message schema journal snapshot keys ratelimit (default: all, one after another).
# Each run starts from the seeds in fuzz/corpus/<target> and grows a working corpus in
# .build/fuzz/corpus/<target> (kept between runs; copy new inputs worth keeping into
# fuzz/corpus/ with `-merge=1`). A crash, a sanitizer report or a failed round-trip check stops
# the run; the input is saved as .build/fuzz/findings/<target>/crash-* and the script exits 1.
# Without --seconds or --runs each target runs 10 minutes: a long run. scripts/test.sh runs
# each target briefly with a fixed seed (--runs), which is what CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="" runs="" jobs=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(json message schema journal snapshot keys ratelimit)
[ -n "$seconds$runs" ] || seconds=600
# AIOS_FUZZ_BINARY: a binary built earlier (say, by AIOS_FUZZ_OPTIMIZE=1 fuzz/build.sh, copied
# aside so that editing the sources during a long run does not rebuild it).
if [ -n "${AIOS_FUZZ_BINARY:-}" ]; then
  binary=$AIOS_FUZZ_BINARY
else
  bash fuzz/build.sh
  binary=.build/fuzz/aios-fuzz
fi
status=0
for target in "${targets[@]}"; do
  [ -d "fuzz/corpus/$target" ] || { echo "fuzz/run.sh: no target '$target' (no fuzz/corpus/$target)" >&2; exit 2; }
  work=.build/fuzz/corpus/$target findings=.build/fuzz/findings/$target
  mkdir -p "$work" "$findings"
  options=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=$findings/")
  [ -n "$seconds" ] && options+=("-max_total_time=$seconds")
  # A fixed seed when a number of runs is asked for, so that the short CI run is repeatable.
  [ -n "$runs" ] && options+=("-runs=$runs" -seed=1)
  [ "$jobs" -gt 1 ] && options+=("-jobs=$jobs" "-workers=$jobs")
  echo "fuzz/run.sh: $target (${seconds:+$seconds s}${runs:+$runs runs})" >&2
  log=${AIOS_FUZZ_LOGS:-.build/fuzz}/$target.log
  # SWIFT_BACKTRACE=enable=no: the Swift runtime's own crash handler would report a trap again,
  # and AddressSanitizer would flag its memory reads; libFuzzer's report names the trap.
  if AIOS_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$binary" "${options[@]}" "$work" "fuzz/corpus/$target" >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)|^#[0-9]+ +DONE' "$log" | tr '\n' ' ' >&2
    echo >&2
  else
    echo "fuzz/run.sh: $target FOUND A PROBLEM; the input is in $findings/, the log in $log:" >&2
    grep -E -A30 'ERROR: |fuzz property failed|Fatal error|deadly signal' "$log" | head -60 >&2
    status=1
  fi
done
exit $status
