#!/usr/bin/env bash
# Counts instructions in aios-mcp with callgrind on a scripted input (repeatable on a noisy
# machine, unlike wall time) and prints the top functions by inclusive cost, demangled.
# Usage: bash bench/profile.sh WORKLOAD [COUNT]
#   start        initialize + initialized + one ping (start-up path)
#   ping N       N pings
#   list N       N tools/list
#   call N       N cheap tools/call (aios_get_status on an unknown job if listed, else
#                aios_strategize with {} → INVALID_INPUT)
#   mb1          one tools/call with a 1 MiB spec (refused by maxLength after validation)
# Output: the annotated profile on stdout; the raw file stays in $OUT (default /tmp/aios-callgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
workload=${1:-call}
count=${2:-2000}
out=${OUT:-/tmp/aios-callgrind}
mkdir -p "$out"
binary=${AIOS_MCP:-.build/release/aios-mcp}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

python3 - "$workload" "$count" "$binary" > "$out/$workload.in" <<'PY'
import json, subprocess, sys
from pathlib import Path
workload, count, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def emit(message): sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
emit({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
      "capabilities": {}, "clientInfo": {"name": "profile", "version": "1"}}})
emit({"jsonrpc": "2.0", "method": "notifications/initialized"})
# Which cheap call exists depends on the build: ask the binary itself.
listing = subprocess.run([binary], input=(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "p", "version": "1"}}}) + "\n"
    + '{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n'),
    capture_output=True, text=True, timeout=30).stdout.splitlines()
names = [t["name"] for t in json.loads(listing[-1])["result"]["tools"]]
cheap = ({"name": "aios_get_status", "arguments": {"job_id": "job_01jd3k8x2mabcdefghjkmnpqrstvwx"}}
         if "aios_get_status" in names else {"name": "aios_strategize", "arguments": {}})
if workload == "start":
    emit({"jsonrpc": "2.0", "id": 1, "method": "ping"})
elif workload in ("ping", "list", "call"):
    method = {"ping": "ping", "list": "tools/list", "call": "tools/call"}[workload]
    for i in range(count):
        message = {"jsonrpc": "2.0", "id": i + 1, "method": method}
        if workload == "call":
            message["params"] = cheap
        emit(message)
elif workload == "mb1":
    root = Path("examples") if Path("examples").is_dir() and list(Path("examples").glob("*.md")) else Path("/work/shared/specs")
    text = "\n\n".join(t for t in (p.read_text() for p in sorted(root.glob("*.md"))) if len(t.strip()) > 200)
    emit({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
          "params": {"name": "aios_strategize", "arguments": {"spec": (text * (2**20 // len(text) + 1))[:2**20]}}})
else:
    sys.exit(f"unknown workload {workload}")
PY

# See sigsuspend_shim.c: valgrind 3.19 crashes on libdispatch's read-only sigsuspend mask.
shim="$out/sigsuspend_shim.so"
cc -shared -fPIC -O2 -o "$shim" bench/sigsuspend_shim.c -ldl

AIOS_HOME="$home" AIOS_LOG_LEVEL=warning LD_PRELOAD="$shim" valgrind --tool=callgrind --quiet \
  --callgrind-out-file="$out/$workload.out" "$binary" < "$out/$workload.in" > "$out/$workload.stdout"
echo "responses: $(wc -l < "$out/$workload.stdout") lines" >&2
callgrind_annotate --inclusive=yes "$out/$workload.out" 2>/dev/null | swift demangle --simplified | head -${TOP:-60}
