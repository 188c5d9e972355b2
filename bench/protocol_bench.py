"""Protocol benchmark: aios-mcp against a peer built on the official Python SDK's MCPServer.

Both servers are driven the same way, over raw newline-delimited JSON-RPC on pipes, by the small
client below (spawn, write lines, read lines). The SDK's own client is used only once, untimed,
as a sanity check: its overhead would otherwise dominate the figures being compared.

Every measurement alternates the two servers (A B, then B A, …) so both see the same machine
noise. A third process, /bin/cat, echoes our own request lines back: it is the floor of this
harness (spawn + pipe round trip + Python client cost), printed beside the figures so that a
number close to it reads as "bounded by the harness", not by the server.

Usage: python protocol_bench.py --aios .build/release/aios-mcp [--quick] [--json OUT]
Prints a markdown report on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# A well-formed job id (SPEC §4: `job_` + 10 time + 20 random Crockford base32) that no store holds.
UNKNOWN_JOB_ID = "job_01jd3k8x2mabcdefghjkmnpqrstvwx"

INIT_PARAMS = {"protocolVersion": "2025-11-25", "capabilities": {},
               "clientInfo": {"name": "aios-protocol-bench", "version": "1"}}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def line(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


# --------------------------------------------------------------------------------------------
# The raw client


class RawClient:
    """One server process on pipes, spoken to in whole lines; no asyncio, no threads."""

    def __init__(self, argv: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self.stderr = open(stderr_path, "ab")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, bufsize=0, env=env, close_fds=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wfd = self.proc.stdin.fileno()
        self.rfd = self.proc.stdout.fileno()
        self.buf = bytearray()
        self.pos = 0
        self.next_id = 1
        self.notifications = 0

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.wfd, view)
            view = view[written:]

    def readline(self) -> bytes:
        scan = self.pos
        while True:
            end = self.buf.find(b"\n", scan)
            if end >= 0:
                result = bytes(self.buf[self.pos:end])
                self.pos = end + 1
                if self.pos == len(self.buf):
                    self.buf.clear()
                    self.pos = 0
                return result
            if self.pos:
                del self.buf[:self.pos]
                self.pos = 0
            scan = len(self.buf)
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise EOFError(f"{self.proc.args[0]} closed stdout (exit {self.proc.poll()})")
            self.buf += chunk

    def read_response(self) -> bytes:
        """The next line that is not a server notification (the server may announce changes,
        e.g. `notifications/resources/list_changed` after a job is created, between answers)."""
        while True:
            raw = self.readline()
            if not is_notification(raw):
                return raw
            self.notifications += 1

    def request(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """An untimed request whose response is parsed and checked."""
        rid = self.take_id()
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            message["params"] = params
        self.send(line(message))
        return expect_response(self.read_response(), rid)

    def take_id(self) -> int:
        rid = self.next_id
        self.next_id += 1
        return rid

    def rss_kib(self, key: str = "VmRSS") -> int:
        for text in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if text.startswith(key + ":"):
                return int(text.split()[1])
        raise RuntimeError(f"{key} missing for pid {self.proc.pid}")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far (clock-tick resolution)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> int:
        """Closes stdin (the servers shut down on EOF) and returns the exit code."""
        try:
            self.proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.proc.stdout.close()  # type: ignore[union-attr]
        self.stderr.close()
        return code


def is_notification(raw: bytes) -> bool:
    """A JSON-RPC notification: a `method` and no `id` (responses carry `id` near the front)."""
    head = raw[:80]
    return b'"method"' in head and (b'"id"' not in head or json.loads(raw).get("id") is None)


def expect_response(raw: bytes, rid: int) -> dict[str, Any]:
    message = json.loads(raw)
    if message.get("id") != rid:
        raise RuntimeError(f"expected the response to id {rid}, got {raw[:200]!r}")
    if "error" in message:
        raise RuntimeError(f"id {rid} answered with a JSON-RPC error: {message['error']}")
    return message


# --------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    is_echo: bool = False  # /bin/cat: echoes the request line instead of answering it
    session: RawClient | None = None
    cheap_call: dict[str, Any] = field(default_factory=dict)
    tool_names: list[str] = field(default_factory=list)

    def spawn(self, logs: Path) -> RawClient:
        return RawClient(self.argv, self.env, logs / f"{self.key}.stderr")


def make_servers(args: argparse.Namespace, home: Path) -> list[Server]:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    aios_env = dict(base_env, AIOS_HOME=str(home), AIOS_LOG_LEVEL="warning")
    peer_env = dict(base_env, PYTHONDONTWRITEBYTECODE="1")
    servers = [
        Server("aios", "aios-mcp", [args.aios], aios_env),
        Server("peer", "Python SDK MCPServer", [sys.executable, str(HERE / "peer_server.py")], peer_env),
    ]
    if args.baseline:
        # An older build in the same alternation: its own home, since store formats may differ.
        base_home = home.with_name(home.name + "-baseline")
        base_home.mkdir()
        servers.append(Server("base", "aios-mcp (baseline)", [args.baseline], dict(aios_env, AIOS_HOME=str(base_home))))
    return servers


def cat_floor() -> Server:
    return Server("floor", "floor (/bin/cat echo)", [shutil.which("cat") or "/bin/cat"], dict(os.environ), is_echo=True)


def alternating(servers: list[Server], rounds: int) -> list[tuple[int, Server]]:
    """A B, B A, A B, …: each round flips the order so neither server always runs second."""
    order: list[tuple[int, Server]] = []
    for r in range(rounds):
        pair = servers if r % 2 == 0 else list(reversed(servers))
        order.extend((r, s) for s in pair)
    return order


# --------------------------------------------------------------------------------------------
# Measurements


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def open_session(server: Server, logs: Path) -> RawClient:
    client = server.spawn(logs)
    if server.is_echo:
        return client
    client.request("initialize", INIT_PARAMS)
    client.send(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
    client.request("ping")
    return client


def cold_start(servers: list[Server], floor: Server, spawns: int, logs: Path, results: dict) -> None:
    init = line({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": INIT_PARAMS})
    ping = line({"jsonrpc": "2.0", "method": "notifications/initialized"}) + line({"jsonrpc": "2.0", "id": 2, "method": "ping"})
    for server in [floor] + servers:
        results[server.key].update(cold_ms=[], idle_rss_kib=[], exit_codes=[])
    gc.disable()
    for _, server in alternating([floor] + servers, spawns):
        started = time.perf_counter_ns()
        client = server.spawn(logs)
        client.send(init)
        first = client.readline()
        elapsed = time.perf_counter_ns() - started
        if not server.is_echo:
            expect_response(first, 1)
            client.send(ping)
            expect_response(client.readline(), 2)
            results[server.key]["idle_rss_kib"].append(client.rss_kib())
        results[server.key]["cold_ms"].append(elapsed / 1e6)
        results[server.key]["exit_codes"].append(client.close())
    gc.enable()


def latency(servers: list[Server], floor: Server, iterations: int, rounds: int, results: dict) -> None:
    kinds: list[tuple[str, Callable[[Server], bytes]]] = [
        ("ping", lambda s: b'{"jsonrpc":"2.0","id":%d,"method":"ping"}\n'),
        ("tools/list", lambda s: b'{"jsonrpc":"2.0","id":%d,"method":"tools/list"}\n'),
        ("tools/call", lambda s: b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":'
                                 + json.dumps(s.cheap_call, separators=(",", ":")).encode() + b"}\n"),
    ]
    per_round = max(1, iterations // rounds)
    participants = servers + [floor]
    for kind, template_for in kinds:
        for server in participants:
            results[server.key][kind] = []
        # Warm-up: lets the peer's interpreter and both servers' allocators settle.
        for server in participants:
            run_sequential(server, template_for(server), min(200, per_round), [])
        for _, server in alternating(participants, rounds):
            run_sequential(server, template_for(server), per_round, results[server.key][kind])
        log(f"latency {kind}: " + ", ".join(
            f"{s.key} p50 {statistics.median(results[s.key][kind]):.1f} µs" for s in participants))


def run_sequential(server: Server, template: bytes, count: int, sink: list[float]) -> None:
    client = server.session
    assert client is not None
    clock = time.perf_counter_ns
    gc.disable()
    pending: list[tuple[int, bytes]] = []
    for _ in range(count):
        rid = client.take_id()
        data = template % rid
        started = clock()
        client.send(data)
        reply = client.readline()
        sink.append((clock() - started) / 1e3)
        pending.append((rid, reply))
    gc.enable()
    # Checked after the clock stopped so parsing a large tools/list is not counted.
    for rid, reply in pending:
        if server.is_echo:
            if json.loads(reply)["id"] != rid:
                raise RuntimeError("cat echoed the wrong line")
        else:
            expect_response(reply, rid)


def throughput(servers: list[Server], floor: Server, rounds: int, seconds: float, max_calls: int,
               inflight: int, results: dict) -> None:
    participants = servers + [floor]
    for server in participants:
        results[server.key]["calls_per_s"] = []
        results[server.key]["cpu_us_per_call"] = []
        check_pipelined(server, inflight)
    for _, server in alternating(participants, rounds):
        assert server.session is not None
        cpu_before, id_before = server.session.cpu_seconds(), server.session.next_id
        rate = run_pipelined(server, seconds, max_calls, inflight)
        calls = server.session.next_id - id_before
        cpu = (server.session.cpu_seconds() - cpu_before) * 1e6 / calls
        results[server.key]["calls_per_s"].append(rate)
        results[server.key]["cpu_us_per_call"].append(cpu)
        log(f"throughput {server.key}: {rate:,.0f} calls/s, {cpu:.1f} µs of server CPU per call")
    for server in servers:
        assert server.session is not None
        results[server.key]["peak_rss_kib"] = server.session.rss_kib("VmHWM")


def call_template(server: Server) -> bytes:
    return (b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":'
            + json.dumps(server.cheap_call, separators=(",", ":")).encode() + b"}\n")


def check_pipelined(server: Server, inflight: int) -> None:
    """One untimed burst: every id comes back exactly once, as a well-formed response."""
    client = server.session
    assert client is not None
    template = call_template(server)
    ids = [client.take_id() for _ in range(inflight)]
    client.send(b"".join(template % rid for rid in ids))
    seen = []
    for _ in ids:
        message = json.loads(client.readline())
        if not server.is_echo and "result" not in message:
            raise RuntimeError(f"{server.key}: pipelined call failed: {message}")
        seen.append(message["id"])
    if sorted(seen) != ids:
        raise RuntimeError(f"{server.key}: pipelined ids came back wrong")


def run_pipelined(server: Server, seconds: float, max_calls: int, inflight: int) -> float:
    """Keeps `inflight` calls outstanding; each response read is replaced by a new request."""
    client = server.session
    assert client is not None and client.pos == len(client.buf)
    template = call_template(server)
    clock = time.perf_counter
    next_id = client.next_id
    gc.disable()
    started = clock()
    client.send(b"".join(template % i for i in range(next_id, next_id + inflight)))
    next_id += inflight
    sent, done = inflight, 0
    deadline = started + seconds
    rate = 0.0
    while True:
        chunk = os.read(client.rfd, 1 << 20)
        if not chunk:
            raise EOFError(f"{server.key} closed stdout during the throughput run")
        got = chunk.count(b"\n")
        done += got
        if rate == 0.0 and (done >= max_calls or clock() >= deadline):
            rate = done / (clock() - started)
        if rate == 0.0:
            if got:
                client.send(b"".join(template % i for i in range(next_id, next_id + got)))
                next_id += got
                sent += got
        elif done >= sent:
            if not chunk.endswith(b"\n"):
                raise RuntimeError("stream ended inside a line")
            break
    gc.enable()
    client.next_id = next_id
    return rate


def big_arguments(servers: list[Server], reps: int, engine_reps: int, one_mb: str, brief_190k: str, results: dict) -> None:
    # The 190 KB brief runs aios's engine for seconds; it is context, not a budget line, so it
    # gets fewer repetitions to keep the whole bench within a few minutes.
    cases = [("mb1_ms", one_mb, reps), ("spec190k_ms", brief_190k, engine_reps)]
    for key, spec, count in cases:
        for server in servers:
            results[server.key][key] = []
            results[server.key][key + "_outcome"] = None
        payload_for = {}
        # The engine keeps its last few brief analyses, so every 190 KB request carries its own
        # first line (its request id) and is analysed afresh, as a new brief would be.
        unique = key == "spec190k_ms"
        for server in servers:
            params = {"name": "aios_strategize", "arguments": {"spec": "@@UNIQUE@@" + spec if unique else spec}}
            payload_for[server.key] = (b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":' + \
                json.dumps(params, separators=(",", ":"), ensure_ascii=False).encode().replace(b"%", b"%%") + b"}\n"
                ).replace(b"@@UNIQUE@@", b"Bench request %d.\\n\\n")

        def request(server: Server, rid: int) -> bytes:
            template = payload_for[server.key]
            return template % ((rid, rid) if unique else rid)
        # One untimed warm-up each; its outcome (tool error or not) is reported.
        for server in servers:
            client = server.session
            assert client is not None
            rid = client.take_id()
            client.send(request(server, rid))
            result = expect_response(client.readline(), rid)["result"]
            results[server.key][key + "_outcome"] = describe_outcome(result)
            results[server.key][key + "_request_bytes"] = len(payload_for[server.key])
        for _, server in alternating(servers, count):
            client = server.session
            assert client is not None
            rid = client.take_id()
            data = request(server, rid)
            gc.disable()
            started = time.perf_counter_ns()
            client.send(data)
            reply = client.readline()
            elapsed = time.perf_counter_ns() - started
            gc.enable()
            expect_response(reply, rid)
            results[server.key][key].append(elapsed / 1e6)
            results[server.key][key + "_response_bytes"] = len(reply)
        log(f"{key}: " + ", ".join(f"{s.key} {statistics.median(results[s.key][key]):.2f} ms" for s in servers))


def describe_outcome(result: dict[str, Any]) -> str:
    if not result.get("isError"):
        return "ok"
    structured = result.get("structuredContent") or {}
    code = (structured.get("error") or {}).get("code")
    if code:
        return f"tool error {code}"
    text = " ".join((result.get("content") or [{}])[0].get("text", "").split())
    return f"tool error ({text[:90]}…)" if text else "tool error"


def choose_cheap_call(server: Server) -> None:
    client = server.session
    assert client is not None
    tools = client.request("tools/list")["result"]["tools"]
    server.tool_names = [tool["name"] for tool in tools]


def sdk_sanity(servers: list[Server]) -> None:
    """Untimed: the official SDK client connects to both servers and calls the cheap tool."""
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    async def check(server: Server) -> None:
        params = StdioServerParameters(command=server.argv[0], args=server.argv[1:], env=server.env)
        async with Client(params, mode="legacy") as client:
            names = [tool.name for tool in (await client.list_tools()).tools]
            call = server.cheap_call
            result = await client.call_tool(call["name"], call["arguments"])
            log(f"sdk sanity {server.key}: {len(names)} tools; {call['name']} isError={result.is_error}")

    for server in servers:
        asyncio.run(check(server))


# --------------------------------------------------------------------------------------------
# Inputs and machine facts


def example_briefs() -> list[Path]:
    for folder in (REPO / "examples", REPO.parent / "shared" / "specs", Path("/work/shared/specs")):
        found = sorted(folder.glob("*.md")) if folder.is_dir() else []
        if found:
            return found
    raise SystemExit("no example briefs found (examples/*.md)")


def repeated_brief(size: int) -> str:
    """A realistic brief of `size` characters: the example briefs, repeated and cut."""
    text = "\n\n".join(t for t in (path.read_text() for path in example_briefs()) if len(t.strip()) > 200)
    return (text * (size // len(text) + 1))[:size]


def run_text(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error})"


def machine_facts(args: argparse.Namespace) -> dict[str, str]:
    cpu = "unknown"
    for text in Path("/proc/cpuinfo").read_text().splitlines():
        if text.startswith("model name"):
            cpu = text.split(":", 1)[1].strip()
            break
    swift = run_text(["swift", "--version"]).splitlines()
    return {
        "cpus (sched_getaffinity)": str(len(os.sched_getaffinity(0))),
        "cpu model": cpu,
        "kernel": platform.release(),
        "swift": next((s for s in swift if "Swift version" in s), swift[0] if swift else "unknown"),
        "python": platform.python_version(),
        "mcp SDK": importlib.metadata.version("mcp"),
        "pydantic": importlib.metadata.version("pydantic"),
        "aios-mcp binary": f"{args.aios} ({Path(args.aios).stat().st_size / 1e6:.1f} MB)",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------------------------
# Report


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt_ratio(x: float) -> str:
    return f"{x:.3f}" if x < 0.1 else f"{x:.2f}"


def report(results: dict, facts: dict[str, str], servers: list[Server], settings: dict[str, Any]) -> str:
    a, p, f = results["aios"], results["peer"], results["floor"]
    rows: list[tuple[str, float, float, float | None, str, bool]] = []  # name, aios, peer, floor, unit, higher-is-better

    rows.append(("cold start: spawn → initialize response (median)", med(a["cold_ms"]), med(p["cold_ms"]), med(f["cold_ms"]), "ms", False))
    for kind in ("ping", "tools/list", "tools/call"):
        rows.append((f"`{kind}` sequential p50", med(a[kind]), med(p[kind]), med(f[kind]), "µs", False))
        rows.append((f"`{kind}` sequential p99", percentile(a[kind], 0.99), percentile(p[kind], 0.99), percentile(f[kind], 0.99), "µs", False))
    rows.append(("`tools/call` throughput, 64 in flight (median)", med(a["calls_per_s"]), med(p["calls_per_s"]), med(f["calls_per_s"]), "calls/s", True))
    rows.append(("server CPU per call during the throughput run", med(a["cpu_us_per_call"]), med(p["cpu_us_per_call"]), None, "µs", False))
    rows.append(("1 MB `spec` argument → response (median)", med(a["mb1_ms"]), med(p["mb1_ms"]), None, "ms", False))
    rows.append(("190 KB brief, `aios_strategize` (median)", med(a["spec190k_ms"]), med(p["spec190k_ms"]), None, "ms", False))
    rows.append(("idle RSS after initialize (median)", med(a["idle_rss_kib"]) / 1024, med(p["idle_rss_kib"]) / 1024, None, "MB", False))
    rows.append(("peak RSS (VmHWM after throughput)", a["peak_rss_kib"] / 1024, p["peak_rss_kib"] / 1024, None, "MB", False))

    def num(x: float, unit: str) -> str:
        if unit == "calls/s":
            return f"{x:,.0f}"
        if unit == "µs":
            return f"{x:.1f}"
        return f"{x:.2f}" if x < 100 else f"{x:.0f}"

    out = ["## Protocol: aios-mcp vs the Python SDK peer", ""]
    out.append("| measure | unit | aios-mcp | Python SDK peer | cost ratio aios/peer | aios speed-up | harness floor (cat) |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, av, pv, fv, unit, higher in rows:
        cost = (pv / av) if higher else (av / pv)
        label = "peer/aios " if higher else ""
        out.append(f"| {name} | {unit} | {num(av, unit)} | {num(pv, unit)} | {label}{fmt_ratio(cost)} | {1 / cost:.1f}× | "
                   f"{num(fv, unit) if fv is not None else '—'} |")
    out.append("")
    out.append("Cost ratio < 1 means aios is cheaper (for throughput the ratio is peer/aios, so < 1 is again aios ahead).")
    out.append("")

    out.append("Outcomes and sizes:")
    out.append(f"- cheap `tools/call`: aios `{servers[0].cheap_call['name']}` {json.dumps(servers[0].cheap_call['arguments'])}; "
               f"peer the same tool name with a trivial body.")
    out.append(f"- tools listed: aios {len(servers[0].tool_names)} ({', '.join(servers[0].tool_names)}); peer {len(servers[1].tool_names)}.")
    out.append(f"- 1 MB argument: request {a['mb1_ms_request_bytes']:,} bytes; "
               f"aios → {a['mb1_ms_outcome']}, peer → {p['mb1_ms_outcome']} (both parse and validate the whole string, "
               f"then refuse it against maxLength 200 000).")
    out.append(f"- 190 KB brief: aios → {a['spec190k_ms_outcome']} ({a['spec190k_ms_response_bytes']:,}-byte response, the builtin engine ran); "
               f"peer → {p['spec190k_ms_outcome']} (trivial body): this row is the engine's cost, not a like-for-like ratio.")
    codes = {s: sorted(set(results[s]['exit_codes'])) for s in ('aios', 'peer')}
    out.append(f"- exit codes after closing stdin: aios {codes['aios']}, peer {codes['peer']}.")
    out.append("")

    if "base" in results:
        b = results["base"]
        out.append("## A/B: this build against the baseline build, alternating in the same run")
        out.append("")
        out.append("| measure | unit | this build | baseline | this/baseline |")
        out.append("| --- | --- | ---: | ---: | ---: |")
        ab = [
            ("cold start (median)", med(a["cold_ms"]), med(b["cold_ms"]), "ms"),
            ("`ping` sequential p50", med(a["ping"]), med(b["ping"]), "µs"),
            ("`tools/list` sequential p50", med(a["tools/list"]), med(b["tools/list"]), "µs"),
            ("`tools/call` sequential p50", med(a["tools/call"]), med(b["tools/call"]), "µs"),
            ("`tools/call` throughput, 64 in flight", med(a["calls_per_s"]), med(b["calls_per_s"]), "calls/s"),
            ("server CPU per pipelined call", med(a["cpu_us_per_call"]), med(b["cpu_us_per_call"]), "µs"),
            ("1 MB `spec` argument", med(a["mb1_ms"]), med(b["mb1_ms"]), "ms"),
            ("190 KB brief, `aios_strategize`", med(a["spec190k_ms"]), med(b["spec190k_ms"]), "ms"),
            ("idle RSS", med(a["idle_rss_kib"]) / 1024, med(b["idle_rss_kib"]) / 1024, "MB"),
        ]
        for name, av, bv, unit in ab:
            out.append(f"| {name} | {unit} | {num(av, unit)} | {num(bv, unit)} | {av / bv:.2f} |")
        out.append("")
        out.append("For throughput a ratio above 1 is this build ahead; for every other row, below 1.")
        out.append("")

    out.append("## Budget (issue 9)")
    out.append("")
    out.append("| budget line | target | measured | verdict |")
    out.append("| --- | --- | ---: | --- |")
    ratio = med(a["calls_per_s"]) / med(p["calls_per_s"])
    budget = [
        ("cold start", "≤ 10 ms", f"{med(a['cold_ms']):.2f} ms", med(a["cold_ms"]) <= 10),
        ("sequential `tools/call` p50", "≤ 100 µs", f"{med(a['tools/call']):.1f} µs", med(a["tools/call"]) <= 100),
        ("pipelined throughput", "≥ 30 000 calls/s", f"{med(a['calls_per_s']):,.0f} calls/s", med(a["calls_per_s"]) >= 30_000),
        ("pipelined throughput vs peer", "≥ 20×", f"{ratio:.1f}×", ratio >= 20),
        ("1 MB argument", "≤ 20 ms", f"{med(a['mb1_ms']):.2f} ms", med(a["mb1_ms"]) <= 20),
        ("idle RSS", "≤ 15 MB", f"{med(a['idle_rss_kib']) / 1024:.1f} MB", med(a["idle_rss_kib"]) / 1024 <= 15),
    ]
    for name, target, measured, met in budget:
        out.append(f"| {name} | {target} | {measured} | {'met' if met else '**missed**'} |")
    out.append("")

    out.append("## Machine and settings")
    out.append("")
    for key, value in facts.items():
        out.append(f"- {key}: {value}")
    for key, value in settings.items():
        out.append(f"- {key}: {value}")
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aios", default=str(REPO / ".build" / "release" / "aios-mcp"))
    parser.add_argument("--quick", action="store_true", help="few iterations: checks the harness, not the numbers")
    parser.add_argument("--json", help="also write every raw sample to this file")
    parser.add_argument("--no-sanity", action="store_true", help="skip the SDK-client sanity check")
    parser.add_argument("--baseline", help="an older aios-mcp to run in the same alternation (A/B report)")
    args = parser.parse_args()
    if not os.access(args.aios, os.X_OK):
        raise SystemExit(f"{args.aios} is not an executable: build it with `swift build -c release`")

    settings = {
        "cold-start spawns per server": 4 if args.quick else 25,
        "sequential iterations per method per server (after 200 warm-up)": 200 if args.quick else 2000,
        "throughput rounds per server × length": "1 × 0.5 s" if args.quick else "3 × (3 s or 50 000 calls)",
        "1 MB argument repetitions per server": 2 if args.quick else 10,
        "190 KB brief repetitions per server (after one warm-up)": 1 if args.quick else 3,
    }
    started = time.monotonic()
    facts = machine_facts(args)
    home = Path(tempfile.mkdtemp(prefix="aios-bench-home-"))
    logs = Path(tempfile.mkdtemp(prefix="aios-bench-logs-"))
    servers = make_servers(args, home)
    floor = cat_floor()
    results: dict[str, dict[str, Any]] = {s.key: {} for s in servers + [floor]}
    try:
        for server in servers:
            server.session = open_session(server, logs)
            choose_cheap_call(server)
        if "aios_get_status" in servers[0].tool_names:
            cheap = {"name": "aios_get_status", "arguments": {"job_id": UNKNOWN_JOB_ID}}
        else:
            # Refused as INVALID_INPUT by schema validation: no engine work, all protocol.
            cheap = {"name": "aios_strategize", "arguments": {}}
        for server in servers + [floor]:
            server.cheap_call = cheap
        floor.session = open_session(floor, logs)
        if not args.no_sanity:
            sdk_sanity(servers)

        log("cold start")
        cold_start(servers, floor, settings["cold-start spawns per server"], logs, results)
        log("cold start medians: " + ", ".join(f"{k} {med(v['cold_ms']):.2f} ms" for k, v in results.items()))
        latency(servers, floor, settings["sequential iterations per method per server (after 200 warm-up)"], 4, results)
        throughput(servers, floor, 1 if args.quick else 3, 0.5 if args.quick else 3.0, 50_000, 64, results)
        big_arguments(servers, settings["1 MB argument repetitions per server"],
                      settings["190 KB brief repetitions per server (after one warm-up)"],
                      repeated_brief(1 << 20), repeated_brief(190_000), results)
        for server in servers + [floor]:
            assert server.session is not None
            code = server.session.close()
            if server.key == "aios" and code != 0:
                raise RuntimeError(f"aios-mcp exited {code} on EOF")
    finally:
        for server in servers + [floor]:
            if server.session is not None and server.session.proc.poll() is None:
                server.session.proc.kill()
        shutil.rmtree(home, ignore_errors=True)
    facts["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts["bench wall time"] = f"{time.monotonic() - started:.0f} s"
    print(report(results, facts, servers, settings))
    if args.json:
        Path(args.json).write_text(json.dumps({"facts": facts, "settings": settings, "results": results}, indent=1))
    shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    main()
