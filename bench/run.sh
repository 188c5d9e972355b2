#!/usr/bin/env bash
# Protocol benchmark: builds aios-mcp in release mode, makes sure a Python venv with the official
# MCP SDK exists (the repo's .venv from scripts/test.sh when present, else one under /tmp), and
# runs bench/protocol_bench.py. Extra arguments go to the bench (e.g. --quick, --json FILE).
#   SKIP_BUILD=1          use the existing .build/release/aios-mcp as it is
#   BENCH_SWIFT_FLAGS=…   extra `swift build` flags, e.g. --static-swift-stdlib
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  swift build -c release --product aios-mcp ${BENCH_SWIFT_FLAGS:-} >&2
fi

venv=.venv
if ! "$venv/bin/python" -c 'import mcp' >/dev/null 2>&1; then
  venv=/tmp/aios-bench-venv
  if ! "$venv/bin/python" -c 'import mcp' >/dev/null 2>&1; then
    echo "run.sh: installing the bench venv ($venv) from Tests/Interop/requirements.txt" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
  fi
fi

exec "$venv/bin/python" bench/protocol_bench.py --aios .build/release/aios-mcp "$@"
