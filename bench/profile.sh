#!/usr/bin/env bash
# Counts instructions in aios-mcp (or aiosctl) with callgrind on a scripted input (repeatable on a
# noisy machine, unlike wall time) and prints the top functions by inclusive cost, demangled.
# Usage: bash bench/profile.sh WORKLOAD [COUNT | BRIEF]
#   start        initialize + initialized + one ping (start-up path)
#   ping N       N pings
#   list N       N tools/list
#   call N       N cheap tools/call (aios_get_status on an unknown job if listed, else
#                aios_strategize with {} → INVALID_INPUT)
#   mb1          one tools/call with a 1 MiB spec (refused by maxLength after validation)
#   engine [BRIEF]  the four chained agent calls on examples/BRIEF.md (default fitness-coaching), one
#                at a time (each sent after the previous answer),
#                their inputs computed by the same binary first (as bench/engine_bench.py chains them)
#   submit N     N aios_full_pipeline submits written at once (group commit), AIOS_WORKERS=0
#   reopen N     `aiosctl jobs --limit 1` on a store filled with N queued jobs through aios-mcp
#                (snapshot and journal as the fill left them); reopen-compacted N: the same after
#                `aiosctl store compact`; status N / status-compacted N: `aiosctl status JOB`
# Output: the annotated profile on stdout; the raw file stays in $OUT (default /tmp/aios-callgrind).
# Summaries by area: python3 bench/callgrind_summary.py $OUT/WORKLOAD.out [N] [$OUT/start.out]
set -euo pipefail
cd "$(dirname "$0")/.."
workload=${1:-call}
arg=${2:-}
out=${OUT:-/tmp/aios-callgrind}
mkdir -p "$out"
binary=${AIOS_MCP:-.build/release/aios-mcp}
aiosctl=${AIOSCTL:-.build/release/aiosctl}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

# See sigsuspend_shim.c: valgrind 3.19 crashes on libdispatch's read-only sigsuspend mask.
shim="$out/sigsuspend_shim.so"
cc -shared -fPIC -O2 -o "$shim" bench/sigsuspend_shim.c -ldl

case "$workload" in
reopen|reopen-compacted|status|status-compacted)
  python3 bench/fill_store.py "${arg:-10000}" "$home" "$binary"
  if [[ "$workload" == *-compacted ]]; then AIOS_HOME="$home" "$aiosctl" store compact >&2; fi
  ls -l "$home" >&2
  if [[ "$workload" == status* ]]; then
    job=$(AIOS_HOME="$home" "$aiosctl" jobs --limit 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["job_id"])')
    command=("$aiosctl" status "$job")
  else
    command=("$aiosctl" jobs --limit 1)
  fi
  AIOS_HOME="$home" AIOS_LOG_LEVEL=warning LD_PRELOAD="$shim" valgrind --tool=callgrind --quiet \
    --callgrind-out-file="$out/$workload.out" "${command[@]}" > "$out/$workload.stdout"
  callgrind_annotate --inclusive=yes "$out/$workload.out" 2>/dev/null | swift demangle --simplified | head -${TOP:-60} || true
  exit 0
  ;;
esac

python3 - "$workload" "${arg:-2000}" "$binary" > "$out/$workload.in" <<'PY'
import json, os, subprocess, sys, tempfile
from pathlib import Path
sys.path.insert(0, "bench")
workload, arg, binary = sys.argv[1], sys.argv[2], sys.argv[3]
count = int(arg) if arg.isdigit() else 0
def emit(message): sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
emit({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
      "capabilities": {}, "clientInfo": {"name": "profile", "version": "1"}}})
emit({"jsonrpc": "2.0", "method": "notifications/initialized"})
# Which cheap call exists depends on the build: ask the binary itself.
listing = subprocess.run([binary], input=(json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "p", "version": "1"}}}) + "\n"
    + '{"jsonrpc":"2.0","method":"notifications/initialized"}\n{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n'),
    capture_output=True, text=True, timeout=30, env=dict(os.environ, AIOS_HOME=tempfile.mkdtemp(), AIOS_WORKERS="0")).stdout.splitlines()
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
elif workload == "engine":
    from protocol_bench import RawClient, INIT_PARAMS
    from engine_bench import PHASES, chain_arguments
    brief = "fitness-coaching" if arg.isdigit() else arg
    scratch = Path(tempfile.mkdtemp())
    env = dict(os.environ, AIOS_HOME=str(scratch), AIOS_WORKERS="0", AIOS_LOG_LEVEL="warning")
    client = RawClient([binary], env, scratch / "stderr")
    client.request("initialize", INIT_PARAMS)
    requests = chain_arguments(client, Path(f"examples/{brief}.md").read_text())
    client.close()
    import shutil
    shutil.rmtree(scratch, ignore_errors=True)
    for i, phase in enumerate(PHASES):
        sys.stdout.write((requests[phase] % (i + 1)).decode())
elif workload == "submit":
    from store_bench import Submits, briefs
    submits = Submits(briefs())
    for i in range(count):
        sys.stdout.write(submits.take(i + 1).decode())
else:
    sys.exit(f"unknown workload {workload}")
PY

profiled=(valgrind --tool=callgrind --quiet --callgrind-out-file="$out/$workload.out" "$binary")
if [[ "$workload" == engine ]]; then
  # One call at a time, each sent after the previous answer, as a client chains them. Written at
  # once, the calls would run concurrently (each missing the brief analyses the others are still
  # making) and the input's end would cancel whatever outlasts the shutdown grace under valgrind.
  AIOS_HOME="$home" AIOS_WORKERS=0 AIOS_LOG_LEVEL=warning SHIM="$shim" python3 - "$out/$workload.in" "$out/$workload.stdout" "${profiled[@]}" <<'PY'
import json, os, subprocess, sys
source, target, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ, LD_PRELOAD=os.environ["SHIM"]))
with open(source, "rb") as requests, open(target, "wb") as out:
    for line in requests:
        proc.stdin.write(line)
        proc.stdin.flush()
        rid = json.loads(line).get("id")
        while rid is not None:
            reply = proc.stdout.readline()
            if not reply:
                sys.exit("aios-mcp closed its output before answering")
            out.write(reply)
            if json.loads(reply).get("id") == rid:
                break
    proc.stdin.close()
    out.write(proc.stdout.read())
sys.exit(proc.wait())
PY
else
  AIOS_HOME="$home" AIOS_WORKERS=0 AIOS_LOG_LEVEL=warning LD_PRELOAD="$shim" "${profiled[@]}" \
    < "$out/$workload.in" > "$out/$workload.stdout"
fi
echo "responses: $(wc -l < "$out/$workload.stdout") lines" >&2
callgrind_annotate --inclusive=yes "$out/$workload.out" 2>/dev/null | swift demangle --simplified | head -${TOP:-60} || true
