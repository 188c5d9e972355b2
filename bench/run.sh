#!/usr/bin/env bash
# Protocol benchmark: builds aios-mcp in release mode, makes sure a Python venv with the official
# MCP SDK exists (the repo's .venv from scripts/test.sh when present, else one under /tmp), and
# runs bench/protocol_bench.py. Extra arguments go to the bench (e.g. --quick, --json FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  swift build -c release --product aios-mcp >&2
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
