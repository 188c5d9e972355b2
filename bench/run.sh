#!/usr/bin/env bash
# The benchmarks: builds aios-mcp and aiosctl in release mode, makes sure a Python venv with the
# official MCP SDK exists (the repo's .venv from scripts/test.sh when present, else one under
# /tmp), then runs the protocol, store and engine benches in turn; their markdown reports go to
# stdout, progress to stderr. About 5 minutes for all three.
# Usage: bash bench/run.sh [protocol] [store] [engine] [--quick] [--json FILE]
#   no bench named        all three
#   --quick               a smoke run of each harness; its numbers are not for docs/benchmarks.md
#   --json FILE           raw samples: the protocol bench writes FILE, the store and engine
#                         benches FILE with -store / -engine before its extension
#   SKIP_BUILD=1          use the existing .build/release binaries as they are
#   BASELINE_MCP=PATH     an older aios-mcp that the protocol bench runs in the same alternation,
#                         for an A/B table (build it from another checkout: swift build -c release)
#   BENCH_SWIFT_FLAGS=…   extra `swift build` flags (release builds already link the Swift runtime
#                         statically on Linux, see Package.swift)
set -euo pipefail
cd "$(dirname "$0")/.."

benches=()
common=()
json=""
while (($#)); do
  case "$1" in
    protocol|store|engine) benches+=("$1") ;;
    --quick) common+=(--quick) ;;
    --json) json=$2; shift ;;
    *) echo "run.sh: unknown argument $1 (see the header of bench/run.sh)" >&2; exit 2 ;;
  esac
  shift
done
((${#benches[@]})) || benches=(protocol store engine)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  swift build -c release --product aios-mcp ${BENCH_SWIFT_FLAGS:-} >&2
  # shellcheck disable=SC2086
  swift build -c release --product aiosctl ${BENCH_SWIFT_FLAGS:-} >&2
fi

python=python3
if [[ " ${benches[*]} " == *" protocol "* ]]; then
  venv=.venv
  if ! "$venv/bin/python" -c 'import mcp' >/dev/null 2>&1; then
    venv=/tmp/aios-bench-venv
    if ! "$venv/bin/python" -c 'import mcp' >/dev/null 2>&1; then
      echo "run.sh: installing the bench venv ($venv) from Tests/Interop/requirements.txt" >&2
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
    fi
  fi
  python="$venv/bin/python"
fi

json_for() {  # json_for SUFFIX → the --json arguments for one bench
  [[ -n "$json" ]] || return 0
  if [[ -z "$1" ]]; then echo "--json $json"; else echo "--json ${json%.json}-$1.json"; fi
}

for bench in "${benches[@]}"; do
  echo "run.sh: $bench bench (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  case "$bench" in
    # shellcheck disable=SC2046
    protocol) "$python" bench/protocol_bench.py --aios .build/release/aios-mcp ${BASELINE_MCP:+--baseline "$BASELINE_MCP"} "${common[@]}" $(json_for "") ;;
    # shellcheck disable=SC2046
    store) "$python" bench/store_bench.py --aios-mcp .build/release/aios-mcp --aiosctl .build/release/aiosctl "${common[@]}" $(json_for store) ;;
    # shellcheck disable=SC2046
    engine) "$python" bench/engine_bench.py --aios-mcp .build/release/aios-mcp "${common[@]}" $(json_for engine) ;;
  esac
  echo
done
