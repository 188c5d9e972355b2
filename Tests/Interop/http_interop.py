"""Streamable HTTP scenarios for `aios-mcp --http` that the stdio scenarios do not cover:
tasks, cancellation, a dropped SSE stream resumed, 200 concurrent sessions, keys across HTTP and
stdio on one store, Origin, slowloris and oversized requests, and the 2026-07-28 HTTP rules.

The SDK client (mcp.Client, Streamable HTTP) where it has the feature; raw HTTP over a socket
where the test needs to see or break the wire. Run: http_interop.py SCENARIO --server PATH
--examples DIR; prints `ok SCENARIO ...` on success."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import anyio  # noqa: E402
import httpx2  # noqa: E402
from mcp import Client  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

import mcp_interop  # noqa: E402
from mcp_interop import SPEC, check, start_http_server, stop_http_servers, aiosctl, aiosctl_path  # noqa: E402

MODERN = "2026-07-28"
LEGACY = "2025-11-25"


class Response:
    def __init__(self, status: int, headers: dict[str, str], sock: socket.socket, rest: bytes):
        self.status, self.headers, self.sock, self.buffer = status, headers, sock, rest
        self.sock.settimeout(120)

    def _fill(self) -> bool:
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def _line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            if not self._fill():
                raise EOFError("connection closed")
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _exactly(self, n: int) -> bytes:
        while len(self.buffer) < n:
            if not self._fill():
                raise EOFError("connection closed")
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def chunks(self):
        """The body's pieces as they arrive (de-chunked)."""
        if self.headers.get("transfer-encoding") == "chunked":
            while True:
                size = int(self._line().split(b";")[0], 16)
                if size == 0:
                    self._line()
                    return
                yield self._exactly(size)
                self._line()
        else:
            yield self._exactly(int(self.headers.get("content-length", "0")))

    def body(self) -> bytes:
        if not hasattr(self, "_body"):
            self._body = b"".join(self.chunks())
        return self._body

    def json(self):
        return json.loads(self.body())

    def events(self):
        """SSE events as (id, parsed data), as they arrive."""
        pending = b""
        for piece in self.chunks():
            pending += piece
            while b"\n\n" in pending:
                block, pending = pending.split(b"\n\n", 1)
                fields = dict(line.split(": ", 1) for line in block.decode().split("\n") if ": " in line and not line.startswith(":"))
                if "data" in fields:
                    yield fields.get("id"), json.loads(fields["data"])

    def close(self) -> None:
        self.sock.close()


def request(url: str, method: str, body=None, headers: dict[str, str] | None = None, sock: socket.socket | None = None) -> Response:
    """One HTTP/1.1 request on a new (or the given) connection."""
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    path = "/" + url.split("//", 1)[1].split("/", 1)[1]
    host, port = host_port.rsplit(":", 1)
    if sock is None:
        sock = socket.create_connection((host, int(port)), timeout=60)
    data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host_port}"]
    if "Content-Length" not in (headers or {}):
        lines.append(f"Content-Length: {len(data)}")
    merged = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    merged.update(headers or {})
    lines += [f"{k}: {v}" for k, v in merged.items() if v is not None]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
    return read_head(sock)


def read_head(sock: socket.socket) -> Response:
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        if not data:
            raise EOFError(f"no response head; got {buffer!r}")
        buffer += data
    head, rest = buffer.split(b"\r\n\r\n", 1)
    status_line, *header_lines = head.decode().split("\r\n")
    found = {}
    for line in header_lines:
        name, value = line.split(":", 1)
        found[name.strip().lower()] = value.strip()
    return Response(int(status_line.split(" ")[1]), found, sock, rest)


class LegacySession:
    """A handshake-era session spoken raw."""

    def __init__(self, url: str, headers: dict[str, str] | None = None):
        self.url, self.headers = url, dict(headers or {})
        response = request(url, "POST", {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "http_interop", "version": "1"}}}, self.headers)
        check(response.status == 200, f"initialize: {response.status}")
        self.id = response.headers["mcp-session-id"]
        self.initialized = response.json()["result"]
        response.close()
        self.headers.update({"Mcp-Session-Id": self.id, "MCP-Protocol-Version": LEGACY})
        self.notify("notifications/initialized")

    def post(self, message) -> Response:
        return request(self.url, "POST", message, self.headers)

    def notify(self, method: str, params=None) -> None:
        response = self.post({"jsonrpc": "2.0", "method": method, **({"params": params} if params is not None else {})})
        check(response.status == 202, f"{method}: {response.status}")
        response.close()

    def call(self, id_, method: str, params=None) -> dict:
        """The answer, from a JSON body or the end of an SSE stream."""
        response = self.post({"jsonrpc": "2.0", "id": id_, "method": method, **({"params": params} if params is not None else {})})
        check(response.status == 200, f"{method}: HTTP {response.status}")
        if response.headers["content-type"].startswith("application/json"):
            answer = response.json()
        else:
            answer = [data for _, data in response.events() if data.get("id") == id_][-1]
        response.close()
        return answer


def modern_headers(method: str, name: str | None = None) -> dict[str, str]:
    headers = {"MCP-Protocol-Version": MODERN, "Mcp-Method": method}
    if name is not None:
        headers["Mcp-Name"] = name
    return headers


def modern_body(id_, method: str, params=None, capabilities=None) -> dict:
    params = dict(params or {})
    params["_meta"] = {**params.get("_meta", {}), "io.modelcontextprotocol/protocolVersion": MODERN,
                       "io.modelcontextprotocol/clientCapabilities": capabilities or {}}
    return {"jsonrpc": "2.0", "id": id_, "method": method, "params": params}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def server_pid() -> int:
    return mcp_interop.HTTP_SERVERS[-1][0].pid


def env(args, **extra) -> dict[str, str]:
    values = {"AIOS_HOME": args.home, "AIOS_LOG_LEVEL": "warning"}
    values.update(extra)
    return values


# -- scenarios ---------------------------------------------------------------------------------

def tasks(args) -> None:
    url = start_http_server(args, env(args))
    session = LegacySession(url)
    check(session.initialized["capabilities"].get("tasks") is not None, "tasks capability over HTTP")
    created = session.call(1, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}, "task": {"ttl": 60000}})
    task_id = created["result"]["task"]["taskId"]
    check(task_id.startswith("job_"), f"CreateTaskResult: {created}")
    got = session.call(2, "tasks/get", {"taskId": task_id})["result"]
    check(got["status"] in ("working", "completed"), f"tasks/get: {got}")
    result = session.call(3, "tasks/result", {"taskId": task_id})["result"]
    check(result["structuredContent"]["status"] == "completed", f"tasks/result: {str(result)[:300]}")
    listed = session.call(4, "tasks/list")["result"]["tasks"]
    check([t["taskId"] for t in listed] == [task_id], f"tasks/list: {listed}")
    # 2026-07-28: the same task read statelessly, then a new one cancelled.
    tasks_ext = {"extensions": {"io.modelcontextprotocol/tasks": {}}}
    response = request(url, "POST", modern_body(5, "tasks/get", {"taskId": task_id}, tasks_ext), modern_headers("tasks/get"))
    got = response.json()
    check(response.status == 200 and got["result"]["status"] == "completed", f"modern tasks/get: {str(got)[:300]}")
    response.close()
    stopped = start_http_server(args, env(args, AIOS_WORKERS="0"))
    created = request(stopped, "POST", modern_body(6, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}}, tasks_ext),
                      modern_headers("tools/call", "aios_full_pipeline"))
    body = created.json()
    created.close()
    check(body["result"].get("resultType") == "task", f"modern task creation: {str(body)[:300]}")
    job = body["result"]["taskId"]
    cancelled = request(stopped, "POST", modern_body(7, "tasks/cancel", {"taskId": job}, tasks_ext), modern_headers("tasks/cancel"))
    outcome = cancelled.json()
    cancelled.close()
    check("result" in outcome, f"modern tasks/cancel: {outcome}")
    after = request(stopped, "POST", modern_body(8, "tasks/get", {"taskId": job}, tasks_ext), modern_headers("tasks/get"))
    status = after.json()["result"]["status"]
    after.close()
    check(status == "cancelled", f"after tasks/cancel: {status}")
    print(f"ok tasks: 2025-11-25 create/get/result/list on a session, 2026-07-28 get and cancel ({job})")


def cancel(args) -> None:
    log = Path(args.home) / "server-stderr.log"
    url = start_http_server(args, env(args, AIOS_WORKERS="0", AIOS_LOG_LEVEL="debug"), stderr=log)
    session = LegacySession(url)
    created = session.call(1, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}, "task": {}})
    task_id = created["result"]["task"]["taskId"]
    # tasks/result waits for a job no worker runs; the client cancels it on another POST.
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=60)
    data = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tasks/result", "params": {"taskId": task_id}}).encode()
    head = [f"POST /mcp HTTP/1.1", f"Host: {host}", f"Content-Length: {len(data)}", "Content-Type: application/json",
            "Accept: application/json, text/event-stream", f"Mcp-Session-Id: {session.id}", f"MCP-Protocol-Version: {LEGACY}"]
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + data)
    # The cancel may overtake the request on its own connection: it is sent again until the
    # waiting stream ends (an unknown id is ignored, so repeating is harmless).
    import select
    while True:
        session.notify("notifications/cancelled", {"requestId": 2, "reason": "test"})
        if select.select([sock], [], [], 0.2)[0]:
            break
    waiting = read_head(sock)
    check(waiting.status == 200, f"the waiting POST: {waiting.status}")
    events = list(waiting.events()) if waiting.headers.get("content-type", "").startswith("text/event-stream") else []
    check(all(data.get("id") != 2 for _, data in events), f"the cancelled request was answered: {events}")
    waiting.close()
    check("result" in session.call(3, "tools/list"), "the session serves after the cancel")
    # 2026-07-28: closing the response stream cancels the request (a listen stream here).
    listen = request(url, "POST", modern_body(4, "subscriptions/listen", {"notifications": {"resourcesListChanged": True}}),
                     modern_headers("subscriptions/listen"))
    check(listen.headers["content-type"].startswith("text/event-stream"), f"listen answered {listen.headers}")
    first = next(listen.events())[1]
    check(first["method"] == "notifications/subscriptions/acknowledged", f"first event {first}")
    listen.close()
    deadline = time.monotonic() + 60
    def cancelled_listen() -> bool:
        return any(entry.get("message") == "request cancelled by client" and entry.get("request") == "4" and entry.get("known")
                   for entry in map(json.loads, filter(None, log.read_text().splitlines())))
    while not cancelled_listen():
        check(time.monotonic() < deadline, "closing the 2026-07-28 stream did not cancel its request")
        time.sleep(0.05)
    print(f"ok cancel: notifications/cancelled ends the request's stream with no answer; a closed 2026-07-28 stream ends its request")


def resume(args) -> None:
    url = start_http_server(args, env(args))
    session = LegacySession(url)
    response = session.post({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
        "name": "aios_strategize", "arguments": {"spec": SPEC}, "_meta": {"progressToken": "p1"}}})
    check(response.headers["content-type"].startswith("text/event-stream"), f"progress makes an SSE stream: {response.headers}")
    event_id, first = next(response.events())
    check(first["method"] == "notifications/progress" and event_id, f"first event {event_id} {first}")
    response.close()  # dropped after the first event
    resumed = request(url, "GET", None, {**session.headers, "Accept": "text/event-stream", "Last-Event-ID": event_id})
    check(resumed.status == 200, f"resume: {resumed.status}")
    rest = list(resumed.events())
    resumed.close()
    methods = [data.get("method", "response") for _, data in rest]
    check(methods[-1] == "response" and rest[-1][1]["id"] == 1 and "result" in rest[-1][1], f"replayed {methods}")
    check(all(data != first for _, data in rest), "the event already seen was replayed")
    check(any(m == "notifications/progress" for m in methods), f"the later progress was replayed: {methods}")
    # The GET stream: a second one is refused while the first is open.
    stream = request(url, "GET", None, {**session.headers, "Accept": "text/event-stream"})
    check(stream.status == 200, f"GET stream {stream.status}")
    second = request(url, "GET", None, {**session.headers, "Accept": "text/event-stream"})
    check(second.status == 409, f"second GET stream: {second.status}")
    second.close()
    stream.close()
    deleted = request(url, "DELETE", None, session.headers)
    check(deleted.status == 204, f"DELETE {deleted.status}")
    deleted.close()
    gone = session.post({"jsonrpc": "2.0", "id": 9, "method": "tools/list"})
    check(gone.status == 404, f"after DELETE: {gone.status}")
    gone.close()
    print(f"ok resume: a dropped SSE stream resumed with Last-Event-ID ({len(rest)} events replayed, none twice); DELETE ends the session")


async def sessions_(args) -> None:
    url = start_http_server(args, env(args))
    pid = server_pid()
    before = rss_kib(pid)
    opened = asyncio.Event()
    release = asyncio.Event()
    count = 0
    results: list[str] = []

    async def one(i: int) -> None:
        nonlocal count
        async with Client(url, mode="legacy") as client:
            result = await client.call_tool("aios_get_status", {"job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
            results.append(result.structured_content["error"]["code"])
            count += 1
            if count == 200:
                opened.set()
            await release.wait()

    async with anyio.create_task_group() as group:
        for i in range(200):
            group.start_soon(one, i)
        with anyio.fail_after(300):
            await opened.wait()
        during = rss_kib(pid)
        release.set()
    check(results == ["JOB_NOT_FOUND"] * 200, f"answers: {set(results)}")
    per_session = (during - before) / 200
    print(f"ok sessions: 200 concurrent SDK sessions served; RSS {before} -> {during} KiB ({per_session:.0f} KiB per open session)")


async def keys(args) -> None:
    home_env = dict(os.environ, AIOS_HOME=args.home)
    runner = json.loads(aiosctl(args, "keys", "create", "--name", "runner", "--per-minute", "3", "--json"))
    other = json.loads(aiosctl(args, "keys", "create", "--name", "other", "--json"))
    url = start_http_server(args, env(args, AIOS_WORKERS="0", AIOS_HTTP_MAX_STREAMS_PER_KEY="4"))
    # No key on a store with keys: 401 with WWW-Authenticate.
    response = request(url, "POST", modern_body(1, "tools/list"), modern_headers("tools/list"))
    check(response.status == 401 and response.headers.get("www-authenticate", "").startswith("Bearer"), f"no key: {response.status} {response.headers}")
    response.close()
    response = request(url, "POST", modern_body(1, "tools/list"), {**modern_headers("tools/list"), "Authorization": "Bearer aios_" + "A" * 38})
    check(response.status == 401 and "invalid_token" in response.headers.get("www-authenticate", ""), f"bad key: {response.headers}")
    response.close()
    # The SDK client with a key: two calls over HTTP.
    auth = {"Authorization": f"Bearer {runner['secret']}"}
    async with httpx2.AsyncClient(headers=auth, timeout=60) as http:
        async with Client(streamable_http_client(url, http_client=http), mode="legacy") as client:
            for expected in (2, 1):
                result = await client.call_tool("aios_strategize", {"spec": SPEC})
                check(not result.is_error and result.meta["aios/quota"]["remaining"] == expected, f"HTTP call: {result.meta}")
    # The third through stdio with the same key, on the same store.
    async with Client(StdioServerParameters(command=args.server, args=[], env=env(args, AIOS_API_KEY=runner["secret"], AIOS_WORKERS="0")), mode="legacy") as client:
        result = await client.call_tool("aios_strategize", {"spec": SPEC})
        check(not result.is_error and result.meta["aios/quota"]["remaining"] == 0, f"stdio call: {result.meta}")
    # The fourth over HTTP: 429 with Retry-After and the quota as RateLimit headers.
    response = request(url, "POST", modern_body(2, "tools/call", {"name": "aios_strategize", "arguments": {"spec": SPEC}}),
                       {**modern_headers("tools/call", "aios_strategize"), **auth, "Accept": "application/json"})
    body = response.json()
    response.close()
    check(response.status == 429, f"fourth call: {response.status} {body}")
    check(int(response.headers["retry-after"]) >= 1, f"Retry-After: {response.headers}")
    check(response.headers.get("ratelimit-remaining") == "0" and response.headers.get("ratelimit-limit") == "3", f"RateLimit: {response.headers}")
    check(body["result"]["structuredContent"]["error"]["code"] == "RATE_LIMITED", f"{body}")
    # Another key is not limited by the first, and does not see its session.
    session = LegacySession(url, {"Authorization": f"Bearer {other['secret']}"})
    stolen = request(url, "POST", {"jsonrpc": "2.0", "id": 5, "method": "tools/list"}, {**auth, "Mcp-Session-Id": session.id})
    check(stolen.status == 404, f"another key's session: {stolen.status}")
    stolen.close()
    # Streams per key: four open GET streams fill the bound; a fifth request gets 429.
    sessions = [session] + [LegacySession(url, {"Authorization": f"Bearer {other['secret']}"}) for _ in range(3)]
    streams = [request(url, "GET", None, {**s.headers, "Accept": "text/event-stream"}) for s in sessions]
    check([s.status for s in streams] == [200] * 4, f"four streams: {[s.status for s in streams]}")
    over = sessions[0].post({"jsonrpc": "2.0", "id": 6, "method": "tools/list"})
    check(over.status == 429 and over.headers.get("retry-after"), f"over the stream bound: {over.status}")
    over.close()
    # The key's other streams are not the first key's: it still gets through.
    async with httpx2.AsyncClient(headers=auth, timeout=60) as http:
        async with Client(streamable_http_client(url, http_client=http), mode="legacy") as client:
            check(len((await client.list_tools()).tools) == 7, "the first key is not limited by the second's streams")
    for stream in streams:
        stream.close()
    print("ok keys: 401 with WWW-Authenticate, one key's quota shared by HTTP and stdio, 429 with Retry-After and RateLimit, sessions bound to their key, streams per key bounded")


def origin(args) -> None:
    url = start_http_server(args, env(args))
    body = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "o", "version": "1"}}}
    for foreign in ("http://evil.example", "https://localhost.evil.example", "http://127.0.0.1.nip.io:8080", "null"):
        response = request(url, "POST", body, {"Origin": foreign})
        check(response.status == 403, f"Origin {foreign}: {response.status}")
        response.close()
    for local in ("http://localhost:5173", "http://127.0.0.1", "http://[::1]:3000"):
        response = request(url, "POST", body, {"Origin": local})
        check(response.status == 200, f"Origin {local}: {response.status}")
        response.close()
    allowed = start_http_server(args, env(args, AIOS_HTTP_ALLOWED_ORIGINS="https://app.example.com"))
    response = request(allowed, "POST", body, {"Origin": "https://app.example.com"})
    check(response.status == 200, f"configured origin: {response.status}")
    response.close()
    health = request(url.replace("/mcp", "/health"), "GET", None, {"Origin": None})
    check(health.status == 200 and health.json() == {"status": "ok"}, "health")
    ready = request(url.replace("/mcp", "/ready"), "GET", None)
    check(ready.status == 200, "ready")
    print("ok origin: foreign origins 403, loopback and configured ones served; /health and /ready answer without a key")


def abuse(args) -> None:
    url = start_http_server(args, env(args, AIOS_HTTP_HEADER_TIMEOUT_MS="300", AIOS_HTTP_MAX_BODY_BYTES="1048576"))
    pid = server_pid()
    host, port = url.split("//")[1].split("/")[0].rsplit(":", 1)
    # Warm up, then measure.
    LegacySession(url).call(1, "tools/list")
    before = rss_kib(pid)
    # Slowloris: headers that never end. Each connection is answered 408 and closed.
    slow = []
    for _ in range(100):
        sock = socket.create_connection((host, int(port)), timeout=60)
        sock.sendall(f"POST /mcp HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
        slow.append(sock)
    for sock in slow:
        sock.sendall(b"a")
    statuses = set()
    for sock in slow:
        data = b""
        while True:
            piece = sock.recv(4096)
            if not piece:
                break
            data += piece
        statuses.add(data.split(b" ")[1] if data else b"closed")
        sock.close()
    check(statuses <= {b"408", b"closed"}, f"slowloris answers {statuses}")
    # Oversized: announced (refused before the body is read), chunked past the limit, and headers.
    for _ in range(50):
        response = request(url, "POST", None, {"Content-Length": str(512 << 20)})
        check(response.status == 413, f"Content-Length 512 MiB: {response.status}")
        response.close()
        sock = socket.create_connection((host, int(port)), timeout=60)
        sock.sendall(f"POST /mcp HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n".encode())
        chunk = b"x" * (256 << 10)
        try:
            for _ in range(8):
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            pass
        data = sock.recv(4096)
        check(data.startswith(b"HTTP/1.1 413"), f"chunked past the limit: {data[:40]!r}")
        sock.close()
        big = request(url, "GET", None, {"X-Big": "h" * (64 << 10)})
        check(big.status == 431, f"64 KiB header: {big.status}")
        big.close()
    after = rss_kib(pid)
    check(after - before < 64 << 10, f"RSS grew {before} -> {after} KiB")
    check(LegacySession(url).call(2, "tools/list").get("result") is not None, "serving after the abuse")
    print(f"ok abuse: 100 slowloris connections cut off (408), 150 oversized requests refused (413/431); RSS {before} -> {after} KiB")


def modern(args) -> None:
    url = start_http_server(args, env(args))
    ok = request(url, "POST", modern_body(1, "tools/list"), modern_headers("tools/list"))
    check(ok.status == 200 and "mcp-session-id" not in ok.headers, f"stateless: {ok.headers}")
    check(ok.json()["result"]["resultType"] == "complete", "resultType")
    mismatch = request(url, "POST", modern_body(2, "tools/list"), modern_headers("prompts/list"))
    check(mismatch.status == 400 and mismatch.json()["error"]["code"] == -32020, "Mcp-Method mismatch")
    name = request(url, "POST", modern_body(3, "tools/call", {"name": "aios_strategize", "arguments": {"spec": SPEC}}),
                   modern_headers("tools/call", "aios_design_ux"))
    check(name.status == 400 and name.json()["error"]["code"] == -32020, "Mcp-Name mismatch")
    missing = request(url, "POST", {"jsonrpc": "2.0", "id": 4, "method": "tools/list", "params": {}}, {"MCP-Protocol-Version": MODERN, "Mcp-Method": "tools/list"})
    check(missing.status == 400, f"no envelope: {missing.status}")
    unknown = request(url, "POST", modern_body(5, "nope/nope"), modern_headers("nope/nope"))
    check(unknown.status == 404 and unknown.json()["error"]["code"] == -32601, f"unknown method {unknown.status}")
    note = request(url, "POST", {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}}, modern_headers("notifications/cancelled"))
    check(note.status == 202, f"notification: {note.status}")
    get = request(url, "GET", None, {"MCP-Protocol-Version": MODERN, "Accept": "text/event-stream"})
    check(get.status == 405, f"GET in 2026-07-28: {get.status}")
    json_only = request(url, "POST", modern_body(6, "tools/call", {"name": "aios_strategize", "arguments": {"spec": SPEC}, "_meta": {"progressToken": 1}}),
                        {**modern_headers("tools/call", "aios_strategize"), "Accept": "application/json"})
    check(json_only.headers["content-type"] == "application/json" and json_only.json()["result"]["isError"] is False, "JSON-only client")
    streamed = request(url, "POST", modern_body(7, "tools/call", {"name": "aios_strategize", "arguments": {"spec": SPEC}, "_meta": {"progressToken": 1}}),
                       modern_headers("tools/call", "aios_strategize"))
    events = [data for _, data in streamed.events()]
    check(events[0]["method"] == "notifications/progress" and events[-1]["id"] == 7, f"SSE: {[e.get('method') for e in events]}")
    for response in (ok, mismatch, name, missing, unknown, note, get, json_only, streamed):
        response.close()
    print("ok modern: stateless POSTs, header checks (-32020), 400/404 by error code, 202 for notifications, 405 for GET, JSON or SSE by Accept")


async def fanout(args) -> None:
    """Several sessions subscribed to one job each hear its change (one watcher serves them all)."""
    import mcp_types as types
    url = start_http_server(args, env(args, AIOS_WORKERS="0"))
    heard: dict[int, list[str]] = {0: [], 1: [], 2: []}

    def handler(i: int):
        async def on_message(message) -> None:
            if isinstance(message, types.ResourceUpdatedNotification):
                heard[i].append(str(message.params.uri))
        return on_message

    async with Client(url, mode="legacy", message_handler=handler(0)) as a, \
            Client(url, mode="legacy", message_handler=handler(1)) as b, \
            Client(url, mode="legacy", message_handler=handler(2)) as c:
        job = (await a.call_tool("aios_full_pipeline", {"spec": SPEC})).structured_content["job_id"]
        uri = f"aios://jobs/{job}"
        for client in (a, b, c):
            await client.subscribe_resource(uri)
        subprocess.run([aiosctl_path(args), "cancel", job], env=dict(os.environ, AIOS_HOME=args.home), check=True,
                       capture_output=True, timeout=30)
        with anyio.fail_after(60):
            while not all(uri in heard[i] for i in heard):
                await anyio.sleep(0.05)
    print(f"ok fanout: three sessions subscribed to one job each heard aiosctl cancel")


NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    # --- the configuration docs/remote.md documents, from here ---
    upstream aios {{
        server 127.0.0.1:{port};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        server_name localhost;
        ssl_certificate {dir}/cert.pem;
        ssl_certificate_key {dir}/key.pem;

        location /mcp {{
            proxy_pass http://aios;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            # SSE: pass each event on as it comes, and let a stream stay open.
            proxy_buffering off;
            proxy_cache off;
            proxy_read_timeout 1h;
            client_max_body_size 4m;
        }}
        location = /health {{ proxy_pass http://aios; }}
        location = /ready {{ proxy_pass http://aios; }}
    }}
    # --- to here ---
}}
"""


async def nginx(args) -> None:
    """Debian's nginx in front with a self-signed certificate; the SDK client over TLS, both eras."""
    nginx_bin = os.environ.get("AIOS_TEST_NGINX") or "/usr/sbin/nginx"
    check(Path(nginx_bin).exists(), f"no nginx at {nginx_bin}: scripts/test.sh installs Debian's nginx-light")
    url = start_http_server(args, env(args))
    port = int(url.split(":")[2].split("/")[0])
    directory = Path(tempfile.mkdtemp(prefix="aios-nginx-"))
    os.chmod(directory, 0o755)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")],
                   check=True, capture_output=True, timeout=60)
    tls_port = mcp_interop.free_port()
    (directory / "nginx.conf").write_text(NGINX_CONF.format(
        dir=directory, port=port, tls_port=tls_port, user="user root;" if os.geteuid() == 0 else ""))
    proxy = subprocess.Popen([nginx_bin, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", tls_port), timeout=5).close()
                break
            except OSError:
                check(proxy.poll() is None, f"nginx exited: {proxy.stderr.read().decode()[:500]}")
                check(time.monotonic() < deadline, "nginx did not start listening")
                time.sleep(0.02)
        tls_url = f"https://localhost:{tls_port}/mcp"
        for mode in ("legacy", "auto"):
            async with httpx2.AsyncClient(verify=str(directory / "cert.pem"), timeout=60) as http:
                async with Client(streamable_http_client(tls_url, http_client=http), mode=mode) as client:
                    seen = []

                    async def on_progress(value, total, message) -> None:
                        seen.append(value)

                    tools = (await client.list_tools()).tools
                    check(len(tools) == 7, f"{mode}: tools over TLS: {len(tools)}")
                    result = await client.call_tool("aios_strategize", {"spec": SPEC}, progress_callback=on_progress)
                    check(not result.is_error and len(seen) >= 2, f"{mode}: call with progress over TLS: {seen}")
                    print(f"ok nginx mode={mode} ({client.protocol_version}): 7 tools, a call with {len(seen)} progress notifications over TLS")
        async with httpx2.AsyncClient(verify=str(directory / "cert.pem")) as http:
            health = await http.get(f"https://localhost:{tls_port}/health")
            check(health.status_code == 200, f"health through nginx: {health.status_code}")
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
    print("ok nginx: Debian's nginx with a self-signed certificate in front; the SDK client over TLS in both eras")


SCENARIOS = {"nginx": nginx, "fanout": fanout, "tasks": tasks, "cancel": cancel, "resume": resume, "sessions": sessions_, "keys": keys, "origin": origin,
             "abuse": abuse, "modern": modern}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=list(SCENARIOS))
    parser.add_argument("--server", required=True)
    parser.add_argument("--examples", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        args.home = home
        try:
            outcome = SCENARIOS[args.scenario](args)
            if asyncio.iscoroutine(outcome):
                asyncio.run(outcome)
        finally:
            stop_http_servers()


if __name__ == "__main__":
    main()
