"""Streamable HTTP benchmark: `aios-mcp --http` side by side with the official Python SDK's own
Streamable HTTP server (bench/peer_server.py --http, the same seven tool names), in one run.

Measures, per server:
- requests/s and p50/p99 latency of a cheap call (`tools/call aios_get_status` of an unknown
  job, a 2026-07-28 self-contained POST on a kept-alive connection) with 1 and with 64
  concurrent clients (asyncio, one connection each, calls back to back for --seconds);
- memory per idle session: RSS before and after opening --sessions handshake-era sessions
  (initialize + notifications/initialized, no stream open), divided by their number.

The load generator is Python on the same machine, so on a small VM it shares the CPU with the
server measured: figures compare the two servers under the same client, they are not the
servers' ceilings. Usage: python bench/http_bench.py --aios .build/release/aios-mcp [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
MODERN = "2026-07-28"
LEGACY = "2025-11-25"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid: int) -> int:
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1])
    return total


def wait_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server on {port} did not start")
            time.sleep(0.05)


def call_bytes(port: int, rid: int) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": "tools/call", "params": {
        "name": "aios_get_status", "arguments": {"job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
        "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {}}}}).encode()
    head = (f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: {MODERN}\r\n"
            f"Mcp-Method: tools/call\r\nMcp-Name: aios_get_status\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding") == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            body += await reader.readexactly(size + 2)
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


async def load(port: int, clients: int, seconds: float) -> tuple[float, list[float]]:
    latencies: list[float] = []
    stop_at = time.monotonic() + seconds

    async def client(index: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        rid = index * 1_000_000
        while time.monotonic() < stop_at:
            rid += 1
            started = time.perf_counter()
            writer.write(call_bytes(port, rid))
            status, _, body = await read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200 or b'"result"' not in body:
                raise SystemExit(f"bad answer {status}: {body[:200]!r}")
        writer.close()

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return len(latencies) / (time.monotonic() - started), latencies


async def idle_sessions(port: int, count: int) -> list:
    """Opens `count` handshake sessions and keeps their connections; returns the writers."""
    kept = []
    for i in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}).encode()
        writer.write((f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                      f"Content-Length: {len(body)}\r\n\r\n").encode() + body)
        status, headers, _ = await read_response(reader)
        session = headers.get("mcp-session-id")
        if status != 200 or not session:
            raise SystemExit(f"initialize: {status} {headers}")
        note = b'{"jsonrpc":"2.0","method":"notifications/initialized"}'
        writer.write((f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                      f"Mcp-Session-Id: {session}\r\nMCP-Protocol-Version: {LEGACY}\r\nContent-Length: {len(note)}\r\n\r\n").encode() + note)
        status, _, _ = await read_response(reader)
        if status != 202:
            raise SystemExit(f"initialized: {status}")
        kept.append(writer)
    return kept


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(name: str, process: subprocess.Popen, port: int, args) -> dict:
    wait_listening(port, process)
    result = {"server": name}
    # Idle sessions first, on a fresh process: after the load, freed heap would hide them.
    await idle_sessions(port, 5)  # warm-up (first-use allocations)
    before = rss_kib(process.pid)
    kept = await idle_sessions(port, args.sessions)
    await asyncio.sleep(1)
    after = rss_kib(process.pid)
    result["idle"] = {"sessions": args.sessions, "rss_before_kib": before, "rss_after_kib": after,
                      "kib_per_session": (after - before) / args.sessions}
    await load(port, 1, 0.5)  # warm-up
    for clients in (1, 64):
        rate, latencies = await load(port, clients, args.seconds)
        result[f"c{clients}"] = {"rps": rate, "p50_ms": percentile(latencies, 0.5) * 1000,
                                 "p99_ms": percentile(latencies, 0.99) * 1000, "calls": len(latencies)}
    for writer in kept:
        writer.close()
    return result


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aios", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as home:
        aios_port, peer_port = free_port(), free_port()
        servers = [
            ("aios-mcp --http", subprocess.Popen(
                [args.aios, "--http", f"127.0.0.1:{aios_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=dict(os.environ, AIOS_HOME=home, AIOS_LOG_LEVEL="warning", AIOS_WORKERS="0")), aios_port),
            ("Python SDK streamable-http", subprocess.Popen(
                [args.python, str(HERE / "peer_server.py"), "--http", f"127.0.0.1:{peer_port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), peer_port),
        ]
        try:
            for name, process, port in servers:
                results.append(await measure(name, process, port, args))
        finally:
            for _, process, _ in servers:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    print(f"{'server':28} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for result in results:
        for clients in (1, 64):
            figures = result[f"c{clients}"]
            print(f"{result['server']:28} {clients:>7} {figures['rps']:>8.0f} {figures['p50_ms']:>8.2f} {figures['p99_ms']:>8.2f}")
    for result in results:
        idle = result["idle"]
        print(f"{result['server']:28} idle sessions {idle['sessions']}: RSS {idle['rss_before_kib']} -> {idle['rss_after_kib']} KiB, "
              f"{idle['kib_per_session']:.1f} KiB per session")
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main())
