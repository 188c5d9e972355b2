#!/usr/bin/env bash
# Runs every test: installs what the tests need (a Python venv with the official MCP SDK),
# builds, and runs the Swift test suites (unit tests and integration tests that spawn the real
# executables). Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
if ! "$venv/bin/python" -c 'import mcp, jsonschema' >/dev/null 2>&1; then
  echo "test.sh: installing the interop venv ($venv) from Tests/Interop/requirements.txt" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
fi
export AIOS_TEST_PYTHON="$PWD/$venv/bin/python"

swift build --build-tests
swift test --skip-build "$@"
