#!/usr/bin/env bash
# Runs every test: installs what the tests need (a Python venv with the official MCP SDK,
# promtool from Debian's prometheus package),
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

# promtool (Debian's prometheus package) checks the `aiosctl metrics` exposition.
find_promtool() {
  command -v promtool 2>/dev/null && return 0
  for candidate in /usr/bin/promtool /usr/local/bin/promtool; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! promtool=$(find_promtool); then
  echo "test.sh: installing promtool (Debian package prometheus, without recommends)" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "test.sh: promtool is missing and this user cannot install packages; install Debian's prometheus package" >&2
    exit 1
  fi
  "${as_root[@]}" apt-get update -qq </dev/null
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus </dev/null >/dev/null
  promtool=$(find_promtool) || { echo "test.sh: prometheus installed but promtool not found" >&2; exit 1; }
fi
export AIOS_TEST_PROMTOOL="$promtool"

swift build --build-tests
swift test --skip-build "$@"
