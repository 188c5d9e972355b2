#!/usr/bin/env bash
# Runs every test: installs what the tests need (a Python venv with the official MCP SDK,
# promtool from Debian's prometheus package, PostgreSQL, and TypeScript, esbuild, React and
# Chromium from Debian for the generated-code checks),
# builds, and runs the Swift test suites (unit tests and integration tests that spawn the real
# executables, debug and release builds). Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
if ! "$venv/bin/python" -c 'import mcp, jsonschema' >/dev/null 2>&1; then
  echo "test.sh: installing the interop venv ($venv) from Tests/Interop/requirements.txt" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
fi
if ! "$venv/bin/python" -c 'import openapi_spec_validator' >/dev/null 2>&1; then
  echo "test.sh: adding openapi-spec-validator to $venv from Tests/Interop/requirements.txt" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
fi
# The official OpenAI and Anthropic SDKs check the scripted provider servers of the model-engine
# tests (Tests/Interop/provider_sdk_check.py).
if ! "$venv/bin/python" -c 'import openai, anthropic' >/dev/null 2>&1; then
  echo "test.sh: adding the openai and anthropic SDKs to $venv from Tests/Interop/requirements.txt" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt
fi
export AIOS_TEST_PYTHON="$PWD/$venv/bin/python"

# The engine acceptance tests (Tests/Acceptance) apply every example's SQL to a real PostgreSQL
# server they start themselves; they need Debian's server binaries (initdb, pg_ctl, postgres, psql).
have_postgres() {
  local dir from_path=""
  command -v initdb >/dev/null && from_path=$(dirname "$(readlink -f "$(command -v initdb)")")
  for dir in ${AIOS_PG_BINDIR:+"$AIOS_PG_BINDIR"} /usr/lib/postgresql/*/bin ${from_path:+"$from_path"}; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && [ -x "$dir/psql" ] && return 0
  done
  return 1
}
if ! have_postgres; then
  echo "test.sh: installing Debian's postgresql for the acceptance tests" >&2
  if [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } ||
      echo "test.sh: installing postgresql failed; the acceptance tests will fail" >&2
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } ||
      echo "test.sh: installing postgresql failed; the acceptance tests will fail" >&2
  else
    echo "test.sh: cannot install postgresql (not root, no passwordless sudo); the acceptance tests will fail" >&2
  fi
fi

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

# nginx (Debian's nginx-light) in front of `aios-mcp --http` with a self-signed certificate:
# the Streamable HTTP interop scenario `nginx` (Tests/Interop/http_interop.py) connects the SDK
# client over TLS through it. openssl makes the certificate.
if [ ! -x /usr/sbin/nginx ]; then
  echo "test.sh: installing Debian's nginx-light for the TLS reverse-proxy test" >&2
  if [ "$(id -u)" -eq 0 ]; then nginx_root=(); elif command -v sudo >/dev/null 2>&1; then nginx_root=(sudo -n); else nginx_root=(false); fi
  { "${nginx_root[@]}" apt-get update -qq </dev/null &&
    "${nginx_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends nginx-light openssl </dev/null >/dev/null; } ||
    echo "test.sh: installing nginx failed; the nginx interop scenario will fail" >&2
fi
export AIOS_TEST_NGINX=/usr/sbin/nginx

# The engine acceptance tests type-check every generated project with TypeScript (Debian's
# node-typescript, tsc 4.8), bundle the Vite/React one with esbuild against Debian's react and
# react-dom, and load it in headless Chromium; Chromium also renders the MCP Apps job view
# (Tests/UI/job_view_browser.py, run by JobViewBrowserTests).
missing_web=()
command -v tsc >/dev/null || missing_web+=(node-typescript)
command -v esbuild >/dev/null || missing_web+=(esbuild)
[ -f /usr/share/nodejs/react/package.json ] || missing_web+=(node-react)
[ -f /usr/share/nodejs/react-dom/package.json ] || missing_web+=(node-react-dom)
command -v chromium >/dev/null || missing_web+=(chromium fonts-liberation)
if [ ${#missing_web[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing_web[*]} (Debian) for the generated-code checks" >&2
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "test.sh: ${missing_web[*]} missing and this user cannot install packages; the acceptance tests will fail" >&2
    as_root=(false)
  fi
  { "${as_root[@]}" apt-get update -qq </dev/null &&
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends \
      "${missing_web[@]}" </dev/null >/dev/null; } ||
    echo "test.sh: installing ${missing_web[*]} failed; the acceptance tests will fail" >&2
fi

# --- PostgreSQL store (issue 21) -------------------------------------------------------------
# The PostgreSQL job store (AIOS_STORE=postgres://…) is tested against a real server: a
# throwaway cluster in a temporary directory on a free loopback port, started here (as the
# `postgres` user when this script runs as root: PostgreSQL refuses root), stopped and removed
# at exit. The tests read AIOS_TEST_POSTGRES_URL; AIOS_TEST_REQUIRE_POSTGRES=1 makes a missing
# server fail every PostgreSQL test instead of leaving them out. libpq itself (libpq5) comes
# with Debian's postgresql; aios loads it at run time only.
if ! ldconfig -p 2>/dev/null | grep -q 'libpq\.so\.5 '; then
  echo "test.sh: installing libpq5 (Debian) for the PostgreSQL store" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 libpq5 </dev/null >/dev/null || echo "test.sh: installing libpq5 failed" >&2
  else
    sudo -n apt-get install -y -qq -o DPkg::Lock::Timeout=300 libpq5 </dev/null >/dev/null || echo "test.sh: installing libpq5 failed" >&2
  fi
fi
start_test_postgres() {
  local bindir="" dir
  for dir in ${AIOS_PG_BINDIR:+"$AIOS_PG_BINDIR"} /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bindir=$dir; break; fi
  done
  [ -n "$bindir" ] || { echo "test.sh: no initdb/pg_ctl: the PostgreSQL store tests will fail" >&2; return 0; }
  aios_pg_root=$(mktemp -d /tmp/aios-store-pg-XXXXXX)
  local as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$aios_pg_root"
    as_user=(runuser -u postgres --)
  fi
  aios_pg_ctl=("${as_user[@]}" "$bindir/pg_ctl" -D "$aios_pg_root/data")
  (cd "$aios_pg_root" && "${as_user[@]}" "$bindir/initdb" -D "$aios_pg_root/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null)
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if (cd "$aios_pg_root" && "${aios_pg_ctl[@]}" -l "$aios_pg_root/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $aios_pg_root -c fsync=off -c max_connections=300" start >/dev/null); then
      export AIOS_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
      export AIOS_TEST_PG_CTL="${aios_pg_ctl[*]}"
      echo "test.sh: PostgreSQL for the store tests at $AIOS_TEST_POSTGRES_URL" >&2
      return 0
    fi
  done
  echo "test.sh: the test PostgreSQL did not start: $(tail -5 "$aios_pg_root/server.log" 2>/dev/null)" >&2
}
stop_test_postgres() {
  if [ -n "${aios_pg_root:-}" ]; then
    (cd "$aios_pg_root" && "${aios_pg_ctl[@]}" -m immediate -w stop >/dev/null 2>&1) || true
    rm -rf "$aios_pg_root"
  fi
}
if [ -z "${AIOS_TEST_POSTGRES_URL:-}" ]; then
  start_test_postgres
  trap stop_test_postgres EXIT
fi
export AIOS_TEST_REQUIRE_POSTGRES=1
# ----------------------------------------------------------------------------------------------

swift build --build-tests
if [ $# -gt 0 ]; then
  swift test --skip-build "$@"
  exit $?
fi
# The walls between the layers and the platform-import rule (scripts/check-layers.sh): a lower
# target that imports a higher one must not build, and only Sources/AIOSSystem names the C library.
bash scripts/check-layers.sh
# Two runs: the in-process suites first, then the suites that spawn and wait on real processes.
# Those block threads of Swift's small cooperative pool (2 on a 2-core machine) while they wait,
# which would starve the in-process server tests' own timeouts if both ran in one process.
swift test --skip-build --filter MCPCoreTests
swift test --skip-build --filter IntegrationTests
# Every libFuzzer target (fuzz/FuzzTargets.swift: JSON parser, message classification, schema
# validator, journal and snapshot decoders, keys, rate-limit files) briefly, from the seeds in
# fuzz/corpus with a fixed seed: a crash, sanitizer report or failed round trip fails the run.
# Long runs: fuzz/run.sh (docs/fuzzing.md).
bash fuzz/run.sh --runs 5000
# The process suites once more against the release build, the one the README's client
# configuration uses: there aios-mcp and aiosctl carry the Swift runtime statically
# (Package.swift), which no debug build exercises.
swift build -c release --product aios-mcp
AIOS_PRODUCTS_DIR="$PWD/.build/release" swift test --skip-build --filter IntegrationTests
