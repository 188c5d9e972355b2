"""Groups a callgrind profile's exclusive (self) instruction counts by area, per request.

Inclusive costs of Swift async functions are unreliable in callgrind (continuations resume in
other frames and recursion cycles inflate totals), so this sums self costs, which always add up
to the program total, into areas a reader can act on.

Usage: python3 callgrind_summary.py PROFILE.out [REQUESTS] [BASELINE.out]
  REQUESTS  divide by this many requests to give a per-request figure
  BASELINE  a profile of start-up alone, subtracted first (bench/profile.sh start)
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict

AREAS = [
    ("JSON parse", r"JSONParser|JSONValue\.parse|readKey|scanPlain"),
    ("JSON serialize", r"JSONValue\+Serialization|serialize\(into:|appendString|serialized\(\)"),
    ("JSON values (build, copy, destroy)", r"JSONObject|JSONValue|outlined (copy|consume|destroy)|destroy for|initializeWithCopy|assignWithCopy"),
    ("schema validation", r"JSONSchemaValidator"),
    ("MCP server / JSON-RPC / tools", r"MCPServer|JSONRPC|ToolRegistry|ToolResult|RequestContext|MCPMethod|JobTools|AgentTools|JobID|JobStore|Logger|Session"),
    ("stdio transport and framing", r"StdioTransport|LineFramer|detachThread|POSIXIO"),
    ("malloc / free", r"malloc|free|arena\.c|_int_|tcache"),
    ("retain / release / ARC", r"swift_(retain|release|bridgeObject|isUniquely|beginAccess|endAccess|unknownObject)|RefCounts|AccessSet|doDecrement|swift_deallocObject|swift_deallocClassInstance|swift_allocObject|swift_slowAlloc|swift_slowDealloc|swift_arrayDestroy|swift_arrayInit"),
    ("generic metadata at run time", r"Metadata|getCache|GenericCache|ConcurrentReadableHashMap|LockingConcurrentMap|swift_getGeneric|witnessTable|conformsToProtocol|swift_getWitness|swift_checkMetadataState|instantiate"),
    ("Swift concurrency runtime (tasks, AsyncStream, continuations)", r"libswift_Concurrency|swift_task|swift_job|swift_continuation|AsyncStream|TaskGroup|StackAllocator|Task<|withUnsafeContinuation|withTaskCancellationHandler"),
    ("libdispatch", r"libdispatch"),
    ("Swift String / Array / Hasher (stdlib)", r"String|Array|_ContiguousArrayBuffer|Hasher|Dictionary|Set<|Character|Unicode|libswiftCore"),
    ("dynamic linker / TLS", r"ld-linux|dl-|_dl_|tls_get_addr"),
    ("libc (memcpy, locks, syscalls)", r"libc\.so|memmove|memcpy|memset|strlen|pthread|futex"),
]


def self_costs(path: str) -> tuple[int, dict[str, int]]:
    text = subprocess.run(["callgrind_annotate", "--threshold=100", "--auto=no", path], capture_output=True, text=True).stdout
    total = 0
    costs: dict[str, int] = defaultdict(int)
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+)\s+(\([^)]*\)\s+)?(.*)$", line)
        if not match:
            continue
        count = int(match.group(1).replace(",", ""))
        name = match.group(3)
        if "PROGRAM TOTALS" in name:
            total = count
        elif ":" in name:
            costs[name] += count
    return total, costs


def demangle(names: list[str]) -> list[str]:
    result = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names), capture_output=True, text=True)
    out = result.stdout.splitlines()
    return out if len(out) == len(names) else names


def main() -> None:
    path = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    total, costs = self_costs(path)
    if len(sys.argv) > 3:
        base_total, base = self_costs(sys.argv[3])
        total -= base_total
        for name, count in base.items():
            costs[name] -= count
    names = list(costs)
    readable = dict(zip(names, demangle(names)))
    areas: dict[str, int] = defaultdict(int)
    top: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, count in costs.items():
        label = readable[name]
        area = next((a for a, pattern in AREAS if re.search(pattern, label)), "other")
        areas[area] += count
        top[area].append((count, label))
    print(f"{total / requests:,.0f} instructions per request ({total:,} over {requests:,})")
    print()
    print("| area | instructions / request | share | largest self costs |")
    print("| --- | ---: | ---: | --- |")
    for area, count in sorted(areas.items(), key=lambda kv: -kv[1]):
        if count / total < 0.005:
            continue
        leaders = ", ".join(short(label) for _, label in sorted(top[area], reverse=True)[:3])
        print(f"| {area} | {count / requests:,.0f} | {100 * count / total:.1f}% | {leaders} |")


def short(label: str) -> str:
    label = re.sub(r"\s*\[[^\]]*\]$", "", label)
    label = label.split(":", 1)[1] if ":" in label else label
    return label.strip()[:70].replace("|", "/")


if __name__ == "__main__":
    main()
