"""Interop checks: the official MCP Python SDK driving the real aios-mcp executable over stdio.

Usage: python mcp_interop.py SCENARIO --server PATH [--examples DIR]
Each scenario prints what it checked and exits 0, or raises (exit 1) with the reason.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import anyio
import jsonschema
import mcp_types as types
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

# The handshake-era APIs (logging/setLevel, resources/subscribe) are what we test in that era.
warnings.filterwarnings("ignore", message=".*(deprecated|removed) as of 2026-07-28.*")

AGENT_TOOLS = ["aios_strategize", "aios_design_architecture", "aios_design_ux", "aios_generate_code"]

# The default bound on a result's text (AIOS_RESULT_TEXT_LIMIT, docs/protocol.md "Results").
TEXT_LIMIT = 12_000


def text_of(result) -> str:
    """The result's text, checked to be one bounded block followed by resource links only."""
    check(result.content and result.content[0].type == "text", f"the first block is not text: {result.content[:1]}")
    text = result.content[0].text
    check(len(text) <= TEXT_LIMIT, f"result text of {len(text)} characters passes the bound {TEXT_LIMIT}")
    check(all(block.type == "resource_link" for block in result.content[1:]), "blocks after the text are resource links")
    return text


async def read_part(client, job_id: str, artifact_type: str, part: str) -> tuple[object, int]:
    """Every page of one part through aios_get_artifact, reassembled; and the number of pages."""
    text, items, cursor, pages = "", [], None, 0
    while True:
        arguments = {"job_id": job_id, "artifact_type": artifact_type, "part": part}
        if cursor:
            arguments["cursor"] = cursor
        result = await client.call_tool("aios_get_artifact", arguments)
        check(not result.is_error, f"part {part}: {result.structured_content}")
        text_of(result)
        page = result.structured_content
        pages += 1
        if page["kind"] == "items":
            items += page["items"]
        else:
            text += page["text"]
        cursor = page["next_cursor"]
        if cursor is None:
            return (items if page["kind"] == "items" else text), pages


def server_params(args: argparse.Namespace, extra_env: dict[str, str] | None = None) -> StdioServerParameters | str:
    env = {"AIOS_HOME": args.home, "AIOS_LOG_LEVEL": "warning"}
    env.update(extra_env or {})
    if getattr(args, "http", False):
        # `--http`: the same scenario through `aios-mcp --http` (Streamable HTTP): a listener
        # started with the same environment, its /mcp URL given to the SDK client.
        return start_http_server(args, env)
    return StdioServerParameters(command=args.server, args=[], env=env)


HTTP_SERVERS: list[tuple[subprocess.Popen, Path]] = []


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_http_server(args: argparse.Namespace, env: dict[str, str], extra_args: list[str] | None = None,
                      stderr: Path | None = None) -> str:
    """Starts `aios-mcp --http 127.0.0.1:PORT`, waits until /health answers, returns the /mcp URL."""
    import urllib.request
    port = free_port()
    stdout = Path(tempfile.mkstemp(prefix="aios-http-stdout-")[1])
    process = subprocess.Popen([args.server, "--http", f"127.0.0.1:{port}", *(extra_args or [])],
                               env=dict(os.environ, **env), stdin=subprocess.DEVNULL,
                               stdout=stdout.open("wb"), stderr=stderr.open("wb") if stderr else subprocess.DEVNULL)
    HTTP_SERVERS.append((process, stdout))
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            check(process.poll() is None, f"aios-mcp --http exited with {process.returncode}")
            check(time.monotonic() < deadline, "aios-mcp --http did not start listening")
            time.sleep(0.02)
    return f"http://127.0.0.1:{port}/mcp"


def stop_http_servers() -> None:
    """SIGTERM every listener started; each must exit 0 and have written nothing to stdout."""
    import signal
    for process, stdout in HTTP_SERVERS:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
        check(code == 0, f"aios-mcp --http exited with {code} on SIGTERM")
        check(stdout.read_bytes() == b"", f"aios-mcp --http wrote to stdout: {stdout.read_bytes()[:200]!r}")
        stdout.unlink()
    HTTP_SERVERS.clear()


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def brief(args: argparse.Namespace, name: str) -> str:
    return (Path(args.examples) / name).read_text()


async def connect(args: argparse.Namespace) -> None:
    for mode in ("legacy", "auto"):
        started = time.monotonic()
        async with Client(server_params(args), mode=mode) as client:
            elapsed = time.monotonic() - started
            tools = await client.list_tools()
            names = [tool.name for tool in tools.tools]
            # A server that stayed silent on server/discover would cost the SDK's probe timeout
            # (seconds); answering at once keeps connecting in milliseconds.
            check(elapsed < 3.0, f"{mode}: connecting took {elapsed:.2f}s")
            for name in AGENT_TOOLS:
                check(name in names, f"{mode}: {name} missing from tools/list: {names}")
            for tool in tools.tools:
                check(tool.title, f"{tool.name} has no title")
                check(tool.annotations is not None, f"{tool.name} has no annotations")
                check(tool.input_schema.get("additionalProperties") is False, f"{tool.name} input schema allows extra properties")
                check(tool.output_schema is not None, f"{tool.name} has no output schema")
                jsonschema.Draft202012Validator.check_schema(tool.output_schema)
                jsonschema.Draft202012Validator.check_schema(tool.input_schema)
            print(f"ok connect mode={mode} in {elapsed * 1000:.0f} ms, {len(names)} tools")


async def agents(args: argparse.Namespace) -> None:
    for mode in ("legacy", "auto"):
        async with Client(server_params(args), mode=mode) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            spec = brief(args, "invoicing.md")
            outputs: dict[str, dict] = {}
            results: dict[str, str] = {}
            calls = [
                ("aios_strategize", {"spec": spec}),
                ("aios_design_architecture", lambda: {"spec": spec, "requirements": outputs["aios_strategize"]}),
                ("aios_design_ux", lambda: {"spec": spec, "requirements": outputs["aios_strategize"],
                                             "architecture": outputs["aios_design_architecture"]}),
                ("aios_generate_code", lambda: {"spec": spec, "architecture": outputs["aios_design_architecture"],
                                                 "ux_spec": outputs["aios_design_ux"]["ux_spec"]}),
            ]
            for name, arguments in calls:
                arguments = arguments() if callable(arguments) else arguments
                result = await client.call_tool(name, arguments)
                check(not result.is_error, f"{mode}: {name} failed: {result.content}")
                structured = result.structured_content
                check(isinstance(structured, dict), f"{mode}: {name} returned no structuredContent")
                jsonschema.validate(structured, tools[name].output_schema, cls=jsonschema.Draft202012Validator)
                # The text is a bounded markdown summary naming the result id; the links resolve
                # to the complete output (SPEC §2).
                text = text_of(result)
                check(text.startswith("Result id: `res_"), f"{mode}: {name} summary: {text[:120]}")
                links = [block for block in result.content[1:] if block.type == "resource_link"]
                check(len(links) == 2, f"{mode}: {name} links: {links}")
                linked = json.loads((await client.read_resource(str(links[0].uri))).contents[0].text)
                check(linked == structured, f"{mode}: {name} JSON link does not give the structured content")
                markdown_link = (await client.read_resource(str(links[1].uri))).contents[0]
                check(markdown_link.mime_type == "text/markdown", f"{mode}: {name} markdown link: {markdown_link.mime_type}")
                outputs[name] = structured
                results[name] = text.split("`")[1]
            # One part at a time, by the result id: the OpenAPI document alone, one file, a list.
            openapi, pages = await read_part(client, results["aios_design_architecture"], "architecture", "openapi")
            check(json.loads(openapi) == outputs["aios_design_architecture"]["openapi"], f"{mode}: paged openapi differs")
            check(pages > 1, f"{mode}: the OpenAPI document should need several pages, got {pages}")
            first = outputs["aios_generate_code"]["files"][0]
            content, _ = await read_part(client, results["aios_generate_code"], "code", "files/" + first["path"])
            check(content == first["content"], f"{mode}: file {first['path']} differs")
            pages_list, _ = await read_part(client, results["aios_design_ux"], "ux", "ux_spec.pages")
            check(pages_list == outputs["aios_design_ux"]["ux_spec"]["pages"], f"{mode}: paged ux pages differ")
            # Free-text style preferences, as hosts send them.
            styled = await client.call_tool("aios_design_ux", {"spec": spec, "style_preference": "friendly, high-contrast, large touch targets"})
            check(not styled.is_error, f"{mode}: free-text style refused: {styled.structured_content}")
            request = styled.structured_content["ux_spec"]["design_tokens"]["style_request"]
            check(request["preset"] == "playful" and request["chosen_by"] == "text", f"{mode}: style request {request}")
            check("playful" in text_of(styled), f"{mode}: the summary names the preset used")
            bad = await client.call_tool("aios_strategize", {"spec": ""})
            check(bad.is_error, "an empty spec must be a tool error")
            check(bad.structured_content["error"]["code"] == "INVALID_INPUT", f"got {bad.structured_content}")
            print(f"ok agents mode={mode}: 4 tools validated against their output schemas, summaries bounded, links and parts resolve")


async def concurrent(args: argparse.Namespace) -> None:
    spec = brief(args, "marketplace.md") if (Path(args.examples) / "marketplace.md").exists() else brief(args, "invoicing.md")
    async with Client(server_params(args), mode="legacy") as client:
        sizes: list[int] = []

        async def one(i: int) -> None:
            result = await client.call_tool("aios_generate_code", {"spec": spec, "product_name": f"Parallel {i}"})
            check(not result.is_error, f"call {i} failed")
            sizes.append(len(text_of(result)))

        async with anyio.create_task_group() as group:
            for i in range(8):
                group.start_soon(one, i)
        check(len(sizes) == 8, f"only {len(sizes)} of 8 results arrived")
        print(f"ok concurrent: 8 results of {min(sizes)}..{max(sizes)} bytes each")


async def pipeline(args: argparse.Namespace) -> None:
    """aios_full_pipeline → status polled to completed → every artifact validates."""
    for mode in ("legacy", "auto"):
        async with Client(server_params(args), mode=mode) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            spec = brief(args, "clinic-booking.md")
            submitted = await client.call_tool("aios_full_pipeline", {"spec": spec, "idempotency_key": f"interop-{mode}"})
            check(not submitted.is_error, f"{mode}: pipeline failed: {submitted.content}")
            job = submitted.structured_content
            jsonschema.validate(job, tools["aios_full_pipeline"].output_schema, cls=jsonschema.Draft202012Validator)
            again = await client.call_tool("aios_full_pipeline", {"spec": spec, "idempotency_key": f"interop-{mode}"})
            check(again.structured_content["job_id"] == job["job_id"], "the idempotency key must return the same job")
            progress: list[int] = []
            status = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                result = await client.call_tool("aios_get_status", {"job_id": job["job_id"]})
                check(not result.is_error, f"{mode}: status failed: {result.content}")
                status = result.structured_content
                jsonschema.validate(status, tools["aios_get_status"].output_schema, cls=jsonschema.Draft202012Validator)
                progress.append(status["progress_percent"])
                if status["status"] in ("completed", "failed", "cancelled"):
                    break
                await anyio.sleep(0.05)
            check(status is not None and status["status"] == "completed", f"{mode}: job ended as {status}")
            check(progress == sorted(progress), f"{mode}: progress went backwards: {progress}")
            check(progress[-1] == 100, f"{mode}: final progress {progress[-1]}")
            phase_tools = {"strategy": "aios_strategize", "architecture": "aios_design_architecture",
                           "ux": "aios_design_ux", "code": "aios_generate_code"}
            for phase, tool in phase_tools.items():
                result = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": phase})
                check(not result.is_error, f"{mode}: artifact {phase} failed: {result.content}")
                jsonschema.validate(result.structured_content, tools[tool].output_schema, cls=jsonschema.Draft202012Validator)
                jsonschema.validate(result.structured_content, tools["aios_get_artifact"].output_schema, cls=jsonschema.Draft202012Validator)
                text_of(result)
                for link in result.content[1:]:
                    contents = (await client.read_resource(str(link.uri))).contents[0]
                    check(contents.text, f"{mode}: {link.uri} is empty")
            sql, _ = await read_part(client, job["job_id"], "architecture", "sql_migration")
            architecture = (await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "architecture"})).structured_content
            check(sql == architecture["sql_migration"], f"{mode}: paged SQL differs")
            everything = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "all"})
            check(sorted(everything.structured_content) == sorted(phase_tools), "artifact all is keyed by phase")
            markdown = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "strategy", "format": "markdown"})
            check(markdown.structured_content["markdown"].startswith("#"), "markdown format gives a document")
            missing = await client.call_tool("aios_get_status", {"job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
            check(missing.is_error and missing.structured_content["error"]["code"] == "JOB_NOT_FOUND", f"{missing.structured_content}")
            malformed = await client.call_tool("aios_get_status", {"job_id": "nope"})
            check(malformed.is_error and malformed.structured_content["error"]["code"] == "INVALID_INPUT", f"{malformed.structured_content}")
            print(f"ok pipeline mode={mode}: {job['job_id']} completed, progress {progress[0]}..{progress[-1]}, artifacts valid")
    # With no workers the job stays queued: its artifacts are not ready yet. Over HTTP the
    # listeners above outlive their sessions and their workers share this store, so they stop
    # first: otherwise one of them may claim and finish the job before the check reads it.
    stop_http_servers()
    async with Client(server_params(args, {"AIOS_WORKERS": "0"}), mode="legacy") as client:
        job = (await client.call_tool("aios_full_pipeline", {"spec": brief(args, "quiz-app.md")})).structured_content
        early = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "code"})
        check(early.is_error and early.structured_content["error"]["code"] == "ARTIFACT_NOT_READY", f"{early.structured_content}")
        print("ok pipeline: ARTIFACT_NOT_READY while queued")


def aiosctl(args: argparse.Namespace, *arguments: str) -> str:
    """Runs aiosctl (next to the server) on the scenario's store and returns its stdout."""
    path = Path(args.server).with_name("aiosctl")
    env = dict(os.environ, AIOS_HOME=args.home, AIOS_LOG_LEVEL="warning")
    env.pop("AIOS_API_KEY", None)
    proc = subprocess.run([str(path), *arguments], capture_output=True, env=env, timeout=30)
    check(proc.returncode == 0, f"aiosctl {arguments[:2]} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return proc.stdout.decode()


def error_of(result) -> dict:
    check(result.is_error, f"expected a tool error, got {result.structured_content}")
    return result.structured_content["error"]


async def auth(args: argparse.Namespace) -> None:
    """API keys through the real server: UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, the quota in
    _meta, ownership, and a revocation by another process taking effect at once."""
    runner = json.loads(aiosctl(args, "keys", "create", "--name", "runner", "--per-minute", "3", "--json"))
    reader = json.loads(aiosctl(args, "keys", "create", "--name", "reader", "--scopes", "jobs:read", "--json"))
    writer = json.loads(aiosctl(args, "keys", "create", "--name", "writer", "--scopes", "jobs:write,jobs:read", "--json"))
    secrets = [runner["secret"], reader["secret"], writer["secret"]]
    spec = brief(args, "invoicing.md")
    typo = runner["secret"][:20] + ("x" if runner["secret"][20] != "x" else "y") + runner["secret"][21:]
    logs = Path(args.home) / "server-stderr.log"
    with logs.open("w") as errlog:
        def connect(key: str | None) -> Client:
            extra = {"AIOS_WORKERS": "0"}
            if key is not None:
                extra["AIOS_API_KEY"] = key
            return Client(stdio_client(server_params(args, extra), errlog=errlog), mode="legacy")

        for key, reason in ((None, "missing"), (typo, "malformed"), ("aios_" + "A" * 38, "malformed")):
            async with connect(key) as client:
                tools = await client.list_tools()
                check(len(tools.tools) == 7, "tools/list needs no key")
                error = error_of(await client.call_tool("aios_strategize", {"spec": spec}))
                check(error["code"] == "UNAUTHORIZED", f"{reason}: {error}")
                check(error["details"]["reason"] == reason, f"{reason}: {error}")
        print("ok auth: no key and mistyped keys are UNAUTHORIZED")

        async with connect(reader["secret"]) as client:
            error = error_of(await client.call_tool("aios_strategize", {"spec": spec}))
            check(error["code"] == "FORBIDDEN" and error["details"]["required_scope"] == "agents:run", f"{error}")
            missing = await client.call_tool("aios_get_status", {"job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
            check(error_of(missing)["code"] == "JOB_NOT_FOUND", f"{missing.structured_content}")
            quota = (missing.meta or {}).get("aios/quota")
            check(quota is not None and quota["limit"] == 60 and quota["remaining"] == 59 and quota["reset"] == 60,
                  f"quota in _meta: {missing.meta}")
        print("ok auth: a missing scope is FORBIDDEN; results carry the quota")

        async with connect(runner["secret"]) as client:
            remaining = []
            for _ in range(3):
                result = await client.call_tool("aios_strategize", {"spec": spec})
                check(not result.is_error, f"{result.content}")
                remaining.append(result.meta["aios/quota"]["remaining"])
            check(remaining == [2, 1, 0], f"remaining {remaining}")
            error = error_of(await client.call_tool("aios_strategize", {"spec": spec}))
            check(error["code"] == "RATE_LIMITED", f"{error}")
            check(1 <= error["details"]["retry_after_seconds"] <= 60, f"{error}")
        print("ok auth: the fourth call in a minute is RATE_LIMITED with retry_after_seconds")

        async with connect(writer["secret"]) as writer_client, connect(reader["secret"]) as reader_client:
            job = (await writer_client.call_tool("aios_full_pipeline", {"spec": spec})).structured_content
            mine = await writer_client.call_tool("aios_get_status", {"job_id": job["job_id"]})
            check(not mine.is_error, f"{mine.content}")
            theirs = await reader_client.call_tool("aios_get_status", {"job_id": job["job_id"]})
            check(error_of(theirs)["code"] == "JOB_NOT_FOUND", "another key's job must look absent")
            aiosctl(args, "keys", "revoke", reader["id"])
            revoked = error_of(await reader_client.call_tool("aios_get_status", {"job_id": job["job_id"]}))
            check(revoked["code"] == "UNAUTHORIZED" and revoked["details"]["reason"] == "revoked", f"{revoked}")
        print("ok auth: jobs are private to their key; a revocation applies at once to a running server")

    text = logs.read_text()
    check("authentication failed" in text, "failed authentications are logged")
    for secret in secrets:
        check(secret not in text, "a secret reached the server log")
    for path in Path(args.home).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets:
                check(secret.encode() not in data, f"{path} holds a secret")
    print("ok auth: no secret in the server log or anywhere in the store")


def raw(args: argparse.Namespace) -> None:
    """Raw lines on the real process: every stdout line is JSON-RPC; closing stdin exits 0."""
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        "{not json",
        {"jsonrpc": "2.0", "id": 3, "method": "nope"},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "aios_strategize", "arguments": {"spec": brief(args, "habit-tracker.md")}}},
        {"jsonrpc": "2.0", "id": 5, "method": "ping"},
    ]
    payload = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    env = dict(os.environ, AIOS_HOME=args.home, AIOS_LOG_LEVEL="debug")
    proc = subprocess.run([args.server], input=payload.encode(), capture_output=True, env=env, timeout=30)
    check(proc.returncode == 0, f"exit code {proc.returncode}, stderr: {proc.stderr.decode()[-2000:]}")
    out_lines = proc.stdout.decode().splitlines()
    ids = set()
    for line in out_lines:
        message = json.loads(line)
        check(message.get("jsonrpc") == "2.0", f"not JSON-RPC: {line[:200]}")
        check(("result" in message) != ("error" in message) or "method" in message, f"malformed: {line[:200]}")
        ids.add(message.get("id"))
    check(ids == {1, 2, None, 3, 4, 5}, f"responses for ids {ids}")
    for line in proc.stderr.decode().splitlines():
        json.loads(line)  # logs are JSON lines on stderr
    print(f"ok raw: {len(out_lines)} stdout lines, all JSON-RPC; exit 0 on stdin EOF")


# --- Progress, logging, resources, prompts, completion: the official client -----------------

SPEC = ("Households share grocery lists: members add items, mark items as bought, and set recurring items "
        "that come back every week. Owners invite members by email.")


def aiosctl_path(args: argparse.Namespace) -> str:
    return str(Path(args.server).parent / "aiosctl")


async def wait_until(predicate, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        check(time.monotonic() < deadline, f"timed out waiting for {what}")
        await anyio.sleep(0.05)


async def job_status(client: Client, job_id: str) -> str:
    result = await client.call_tool("aios_get_status", {"job_id": job_id})
    return result.structured_content["status"]


async def progress(args: argparse.Namespace) -> None:
    for mode in ("legacy", "auto"):
        async with Client(server_params(args), mode=mode) as client:
            seen: list[tuple[float, float | None, str | None]] = []

            async def on_progress(value: float, total: float | None, message: str | None) -> None:
                seen.append((value, total, message))

            result = await client.call_tool("aios_strategize", {"spec": SPEC}, progress_callback=on_progress)
            check(not result.is_error, f"{mode}: call failed: {result.content}")
            check(len(seen) >= 2, f"{mode}: expected start and end progress, got {seen}")
            values = [value for value, _, _ in seen]
            check(values == sorted(values) and len(set(values)) == len(values), f"{mode}: progress not strictly increasing: {values}")
            check(all(total is not None for _, total, _ in seen), f"{mode}: progress without total: {seen}")
            check(values[-1] == seen[-1][1], f"{mode}: the last progress does not reach the total: {seen}")
            check(all(message and "@pm" in message for _, _, message in seen), f"{mode}: messages: {seen}")
            count = len(seen)
            await client.list_tools()
            check(len(seen) == count, f"{mode}: progress arrived after the response")
            print(f"ok progress mode={mode}: {values} of {seen[-1][1]}, messages {[m for _, _, m in seen]}")


async def logging_(args: argparse.Namespace) -> None:
    received: list[types.LoggingMessageNotificationParams] = []

    async def on_log(params: types.LoggingMessageNotificationParams) -> None:
        received.append(params)

    async with Client(server_params(args), mode="legacy", logging_callback=on_log) as client:
        await client.call_tool("aios_strategize", {"spec": SPEC})
        check(received == [], f"legacy: log messages before logging/setLevel: {received}")
        await client.set_logging_level("debug")
        await client.call_tool("aios_strategize", {"spec": SPEC})
        messages = [entry.data.get("message") for entry in received]
        check("agent started" in messages and "agent finished" in messages, f"legacy: debug messages: {messages}")
        check(all(entry.level == "debug" for entry in received), f"legacy: levels: {[e.level for e in received]}")
        received.clear()
        await client.set_logging_level("warning")
        await client.call_tool("aios_strategize", {"spec": SPEC})
        check(received == [], f"legacy: debug messages despite level warning: {received}")
        await client.set_logging_level("info")
        await client.call_tool("aios_full_pipeline", {"spec": SPEC})
        check([entry.data.get("message") for entry in received] == ["job submitted"], f"legacy: info: {received}")
        check(all("job.id" in entry.data for entry in received), "legacy: the job id is in the log data")
        print("ok logging mode=legacy: nothing before setLevel, filtered by level after")
    received.clear()
    async with Client(server_params(args), mode="auto", logging_callback=on_log) as client:
        check(client.protocol_version == "2026-07-28", f"auto negotiated {client.protocol_version}")
        await client.call_tool("aios_strategize", {"spec": SPEC})
        check(received == [], f"auto: log messages without a per-request level: {received}")
    async with Client(server_params(args), mode="auto", logging_callback=on_log, log_level="debug") as client:
        await client.call_tool("aios_strategize", {"spec": SPEC})
        messages = [entry.data.get("message") for entry in received]
        check("agent started" in messages and "agent finished" in messages, f"auto: per-request debug: {messages}")
    print("ok logging mode=auto: per-request io.modelcontextprotocol/logLevel")


async def resources(args: argparse.Namespace) -> None:
    # No workers in the server: jobs move only when another process moves them.
    params = server_params(args, {"AIOS_WORKERS": "0"})
    updates: list[str] = []
    env = dict(os.environ, AIOS_HOME=args.home)

    async def on_message(message) -> None:
        if isinstance(message, types.ResourceUpdatedNotification):
            updates.append(str(message.params.uri))

    async def updated(uri: str) -> bool:
        return uri in updates

    async with Client(params, mode="legacy", message_handler=on_message) as client:
        caps = client.server_capabilities
        check(caps.resources is not None and caps.resources.subscribe and caps.resources.list_changed, f"capabilities: {caps}")
        templates = [t.uri_template for t in (await client.list_resource_templates()).resource_templates]
        check(templates == ["aios://jobs/{job_id}", "aios://jobs/{job_id}/artifacts/{type}",
                            "aios://jobs/{job_id}/artifacts/{type}.md", "aios://results/{result_id}/{type}"], f"templates: {templates}")
        result = await client.call_tool("aios_full_pipeline", {"spec": SPEC})
        job_id = result.structured_content["job_id"]
        links = [block for block in result.content if block.type == "resource_link"]
        check([str(link.uri) for link in links] == [f"aios://jobs/{job_id}"], f"resource links: {links}")
        listed = [str(r.uri) for r in (await client.list_resources()).resources]
        check(listed == [f"aios://jobs/{job_id}"], f"resources/list: {listed}")

        uri = f"aios://jobs/{job_id}"
        await client.subscribe_resource(uri)
        await client.subscribe_resource(uri + "/artifacts/code.md")
        worker = subprocess.Popen([aiosctl_path(args), "worker", "--concurrency", "1"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            async def finished() -> bool:
                return await job_status(client, job_id) == "completed"
            await wait_until(finished, "the worker process to finish the job")
            await wait_until(lambda: updated(uri + "/artifacts/code.md"), "the code artifact update")
        finally:
            worker.terminate()
            worker.wait(timeout=10)
        check(uri in updates, f"no update for {uri}: {updates}")
        status = json.loads((await client.read_resource(uri)).contents[0].text)
        check(status["status"] == "completed", f"status resource: {status}")
        code = (await client.read_resource(uri + "/artifacts/code.md")).contents[0]
        check(code.mime_type == "text/markdown" and code.text.startswith("#"), f"markdown artifact: {code.mime_type}")
        ux = json.loads((await client.read_resource(uri + "/artifacts/ux")).contents[0].text)
        check("ux_spec" in ux, f"json artifact keys: {list(ux)}")
        print(f"ok resources mode=legacy: {len(updates)} updates while another process ran the job")

        second = (await client.call_tool("aios_full_pipeline", {"spec": SPEC, "phases": ["strategy"]})).structured_content["job_id"]
        updates.clear()
        await client.subscribe_resource(f"aios://jobs/{second}")
        subprocess.run([aiosctl_path(args), "cancel", second], env=env, check=True, capture_output=True, timeout=30)
        await wait_until(lambda: updated(f"aios://jobs/{second}"), "the update after aiosctl cancel")
        print("ok resources mode=legacy: aiosctl cancel in another process notified the subscriber")

    async with Client(params, mode="auto") as client:
        check(client.protocol_version == "2026-07-28", f"auto negotiated {client.protocol_version}")
        third = (await client.call_tool("aios_full_pipeline", {"spec": SPEC})).structured_content["job_id"]
        uri = f"aios://jobs/{third}"
        async with client.listen(resource_subscriptions=[uri], resources_list_changed=True) as subscription:
            check(list(subscription.honored.resource_subscriptions or []) == [uri], f"honored: {subscription.honored}")
            subprocess.run([aiosctl_path(args), "cancel", third], env=env, check=True, capture_output=True, timeout=30)
            with anyio.fail_after(20):
                async for event in subscription:
                    if getattr(event, "uri", None) == uri:
                        break
        status = json.loads((await client.read_resource(uri)).contents[0].text)
        check(status["status"] == "cancelled", f"status after cancel: {status['status']}")
        print("ok resources mode=auto: subscriptions/listen heard aiosctl cancel")


async def prompts(args: argparse.Namespace) -> None:
    async with Client(server_params(args), mode="legacy") as client:
        listed = (await client.list_prompts()).prompts
        check([p.name for p in listed] == ["pm", "architect", "ux-design-expert", "dev"], f"prompts: {[p.name for p in listed]}")
        check(all(p.title and p.arguments for p in listed), "every prompt has a title and arguments")
        pm = await client.get_prompt("pm", {"brief": SPEC, "product_name": "Basket"})
        text = " ".join(m.content.text for m in pm.messages if m.content.type == "text")
        check("aios_strategize" in text and "Basket" in text and "grocery" in text, f"pm prompt: {text[:200]}")
        job_id = (await client.call_tool("aios_full_pipeline", {"spec": SPEC})).structured_content["job_id"]

        async def completed() -> bool:
            return await job_status(client, job_id) == "completed"
        await wait_until(completed, "the pipeline job")
        dev = await client.get_prompt("dev", {"job_id": job_id, "framework": "nextjs-supabase"})
        embedded = [str(m.content.resource.uri) for m in dev.messages if m.content.type == "resource"]
        check(embedded == [f"aios://jobs/{job_id}/artifacts/architecture.md", f"aios://jobs/{job_id}/artifacts/ux.md"],
              f"dev prompt resources: {embedded}")
        try:
            await client.get_prompt("architect", {})
            raise AssertionError("architect without a brief or job must fail")
        except Exception as error:  # the SDK raises MCPError for a JSON-RPC error
            check("brief or the job_id" in str(error), f"error: {error}")
        print(f"ok prompts: 4 agents; dev built on {job_id}'s artifacts")


async def completion(args: argparse.Namespace) -> None:
    async with Client(server_params(args), mode="legacy") as client:
        check(client.server_capabilities.completions is not None, "completions capability")
        job_id = (await client.call_tool("aios_full_pipeline", {"spec": SPEC, "phases": ["strategy"]})).structured_content["job_id"]

        async def completed() -> bool:
            return await job_status(client, job_id) == "completed"
        await wait_until(completed, "the strategy job")
        ids = await client.complete(types.ResourceTemplateReference(type="ref/resource", uri="aios://jobs/{job_id}"),
                                    {"name": "job_id", "value": job_id[:12]})
        check(job_id in ids.completion.values, f"job ids: {ids.completion.values}")
        kinds = await client.complete(types.ResourceTemplateReference(type="ref/resource", uri="aios://jobs/{job_id}/artifacts/{type}"),
                                      {"name": "type", "value": ""}, context_arguments={"job_id": job_id})
        check(kinds.completion.values == ["strategy"], f"artifact types of a strategy-only job: {kinds.completion.values}")
        prompt_ids = await client.complete(types.PromptReference(type="ref/prompt", name="architect"), {"name": "job_id", "value": "job_"})
        check(job_id in prompt_ids.completion.values, f"prompt job ids: {prompt_ids.completion.values}")
        styles = await client.complete(types.PromptReference(type="ref/prompt", name="ux-design-expert"),
                                       {"name": "style_preference", "value": "p"})
        check(styles.completion.values == ["playful"], f"styles: {styles.completion.values}")
    async with Client(server_params(args), mode="auto") as client:
        ids = await client.complete(types.ResourceTemplateReference(type="ref/resource", uri="aios://jobs/{job_id}"),
                                    {"name": "job_id", "value": ""})
        check(job_id in ids.completion.values, f"auto: job ids: {ids.completion.values}")
    print("ok completion: job ids, artifact types and agent preferences in both eras")


# --- Tasks and cancellation: raw JSON-RPC lines (the SDK has no tasks client) ----------------

class RawServer:
    """The real aios-mcp with JSON-RPC lines written and read by hand."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen([args.server], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env=dict(os.environ, AIOS_HOME=args.home, AIOS_LOG_LEVEL="warning", **(env or {})))
        self.notifications: list[dict] = []

    def send(self, message: dict) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def receive(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        check(line != b"", "the server closed its output")
        return json.loads(line)

    def request(self, id_, method: str, params: dict | None = None) -> dict:
        message = {"jsonrpc": "2.0", "id": id_, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(id_)

    def response(self, id_) -> dict:
        while True:
            message = self.receive()
            if message.get("id") == id_ and "method" not in message:
                return message
            self.notifications.append(message)

    def initialize(self, version: str = "2025-11-25") -> dict:
        result = self.request(0, "initialize", {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return result["result"]

    def close(self) -> tuple[int, float, bytes]:
        """Closes stdin; returns the exit code, seconds to exit, and what was left on stdout."""
        started = time.monotonic()
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        rest = self.process.stdout.read()
        code = self.process.wait(timeout=30)
        return code, time.monotonic() - started, rest


MODERN = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
MODERN_TASKS = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                "io.modelcontextprotocol/clientCapabilities": {"extensions": {"io.modelcontextprotocol/tasks": {}}}}
UNKNOWN_JOB = "job_01jd3k8x2m00000000000000000000"


def tasks(args: argparse.Namespace) -> None:
    server = RawServer(args)
    caps = server.initialize()["capabilities"]
    check(caps.get("tasks") == {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}, f"tasks capability: {caps}")
    tools = server.request(1, "tools/list")["result"]["tools"]
    support = {t["name"]: t.get("execution", {}).get("taskSupport") for t in tools}
    check(support["aios_full_pipeline"] == "optional" and support["aios_strategize"] is None, f"taskSupport: {support}")
    created = server.request(2, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}, "task": {"ttl": 60000}})
    task = created["result"]["task"]
    check(task["status"] == "working" and task["taskId"].startswith("job_"), f"CreateTaskResult: {created}")
    task_id = task["taskId"]
    got = server.request(3, "tasks/get", {"taskId": task_id})["result"]
    check(got["taskId"] == task_id and got["status"] in ("working", "completed"), f"tasks/get: {got}")
    result = server.request(4, "tasks/result", {"taskId": task_id})["result"]
    check(result["isError"] is False and result["structuredContent"]["status"] == "completed", f"tasks/result: {result}")
    check(result["_meta"]["io.modelcontextprotocol/related-task"] == {"taskId": task_id}, "related-task meta")
    check(sum(1 for b in result["content"] if b["type"] == "resource_link") == 5, "links to the job and its 4 artifacts")
    listed = server.request(5, "tasks/list")["result"]["tasks"]
    check([t["taskId"] for t in listed] == [task_id] and listed[0]["status"] == "completed", f"tasks/list: {listed}")
    terminal = server.request(6, "tasks/cancel", {"taskId": task_id})
    check(terminal["error"]["code"] == -32602, f"cancelling a finished task: {terminal}")
    forbidden = server.request(7, "tools/call", {"name": "aios_strategize", "arguments": {"spec": SPEC}, "task": {}})
    check(forbidden["error"]["code"] == -32601, f"task on a forbidden tool: {forbidden}")
    check(server.request(8, "tasks/get", {"taskId": UNKNOWN_JOB})["error"]["code"] == -32602, "unknown task")
    # The watcher reports status changes within a poll interval: give it up to 5 s to say
    # "completed" (the job may well have finished before the task was watched).
    def completed_reported() -> bool:
        return any(n.get("method") == "notifications/tasks/status" and n["params"]["status"] == "completed"
                   for n in server.notifications)
    deadline = time.monotonic() + 5
    ping = 100
    while not completed_reported() and time.monotonic() < deadline:
        server.request(ping, "ping")
        ping += 1
        time.sleep(0.05)
    statuses = [n for n in server.notifications if n.get("method") == "notifications/tasks/status"]
    code, _, rest = server.close()
    statuses += [m for m in map(json.loads, rest.decode().splitlines()) if m.get("method") == "notifications/tasks/status"]
    check(any(n["params"]["status"] == "completed" for n in statuses), f"notifications/tasks/status: {statuses}")
    check(code == 0, f"exit code {code}")
    print(f"ok tasks 2025-11-25: create, get, result, list, cancel refused once terminal; {len(statuses)} status notifications")

    server = RawServer(args, {"AIOS_WORKERS": "0"})
    discover = server.request(1, "server/discover", {"_meta": MODERN_TASKS})["result"]
    check(discover["capabilities"].get("extensions") == {"io.modelcontextprotocol/tasks": {}}, f"discover: {discover['capabilities']}")
    check("tasks" not in discover["capabilities"], "no 2025-11-25 tasks capability in 2026-07-28")
    created = server.request(2, "tools/call", {"_meta": MODERN_TASKS, "name": "aios_full_pipeline", "arguments": {"spec": SPEC}})["result"]
    check(created["resultType"] == "task" and created["status"] == "working" and "ttlMs" in created, f"CreateTaskResult: {created}")
    task_id = created["taskId"]
    plain = server.request(3, "tools/call", {"_meta": MODERN, "name": "aios_full_pipeline", "arguments": {"spec": SPEC}})["result"]
    check(plain["resultType"] == "complete" and "job_id" in plain["structuredContent"], "no task without the extension")
    missing = server.request(4, "tasks/get", {"_meta": MODERN, "taskId": task_id})
    check(missing["error"]["code"] == -32021, f"-32021 without the extension: {missing}")
    update = server.request(5, "tasks/update", {"_meta": MODERN_TASKS, "taskId": task_id, "inputResponses": {}})["result"]
    check(update["resultType"] == "complete" and set(update) <= {"resultType", "_meta"}, f"update ack: {update}")
    cancel = server.request(6, "tasks/cancel", {"_meta": MODERN_TASKS, "taskId": task_id})
    check(cancel["result"]["resultType"] == "complete", f"cancel ack: {cancel}")
    got = server.request(7, "tasks/get", {"_meta": MODERN_TASKS, "taskId": task_id})["result"]
    check(got["status"] == "cancelled" and "result" not in got, f"after cancel: {got}")
    unknown = server.request(8, "tasks/get", {"_meta": MODERN_TASKS, "taskId": UNKNOWN_JOB})
    check(unknown["error"]["code"] == -32602, f"unknown task: {unknown}")
    code, _, _ = server.close()
    check(code == 0, f"exit code {code}")
    print("ok tasks 2026-07-28: resultType task, -32021 without the extension, update and cancel acknowledged")


def tasks_restart(args: argparse.Namespace) -> None:
    first = RawServer(args, {"AIOS_WORKERS": "0"})
    first.initialize()
    created = first.request(1, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}, "task": {}})
    task_id = created["result"]["task"]["taskId"]
    code, _, _ = first.close()
    check(code == 0, f"first server exit code {code}")

    second = RawServer(args)
    second.initialize()
    got = second.request(1, "tasks/get", {"taskId": task_id})["result"]
    check(got["taskId"] == task_id and got["createdAt"] == created["result"]["task"]["createdAt"], f"tasks/get after restart: {got}")
    result = second.request(2, "tasks/result", {"taskId": task_id})["result"]
    check(result["structuredContent"]["status"] == "completed" and result["structuredContent"]["job_id"] == task_id, f"result: {result}")
    code, _, _ = second.close()
    check(code == 0, f"second server exit code {code}")

    third = RawServer(args, {"AIOS_WORKERS": "0"})
    third.request(1, "server/discover", {"_meta": MODERN_TASKS})
    detailed = third.request(2, "tasks/get", {"_meta": MODERN_TASKS, "taskId": task_id})["result"]
    check(detailed["status"] == "completed" and detailed["result"]["structuredContent"]["status"] == "completed", f"2026 view: {detailed}")
    third.close()
    print(f"ok tasks_restart: task {task_id} created by one server, finished and read back by the next")


def cancel(args: argparse.Namespace) -> None:
    server = RawServer(args, {"AIOS_WORKERS": "0"})
    server.initialize()
    created = server.request(1, "tools/call", {"name": "aios_full_pipeline", "arguments": {"spec": SPEC}, "task": {}})
    task_id = created["result"]["task"]["taskId"]
    # tasks/result waits for a job no worker will run; cancelling the request must stop the wait.
    server.send({"jsonrpc": "2.0", "id": 2, "method": "tasks/result", "params": {"taskId": task_id}})
    server.send({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 2, "reason": "test"}})
    check(server.request(3, "ping")["result"] == {}, "ping after the cancel")
    # The job itself is cancelled with tasks/cancel, in the store, for every process to see.
    cancelled = server.request(4, "tasks/cancel", {"taskId": task_id})["result"]
    check(cancelled["status"] == "cancelled", f"tasks/cancel: {cancelled}")
    status = subprocess.run([aiosctl_path(args), "status", task_id, "--json"], env=dict(os.environ, AIOS_HOME=args.home),
                            capture_output=True, timeout=30)
    check(json.loads(status.stdout)["status"] == "cancelled", f"aiosctl status: {status.stdout[:300]}")
    code, seconds, rest = server.close()
    late = [json.loads(line) for line in rest.decode().splitlines()]
    check(all(message.get("id") != 2 for message in late + server.notifications), "the cancelled request was answered")
    check(code == 0 and seconds < 2.5, f"exit {code} after {seconds:.2f}s: the cancelled wait kept running")
    print(f"ok cancel: no response for the cancelled request, exit in {seconds * 1000:.0f} ms, job cancelled")


def acceptance_module():
    """Tests/Acceptance/engine_acceptance.py: the same judges as the builtin engine's artifacts."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Acceptance"))
    import engine_acceptance  # noqa: E402  (a script beside this one, not a package)
    return engine_acceptance


def judge(acceptance, strategy: dict, architecture: dict, ux: dict, code: dict, label: str) -> str:
    """OpenAPI validator, PostgreSQL (migration applied, RLS exercised), contrast, traceability,
    the plan and the readiness review: the builtin engine's acceptance checks."""
    notes = [acceptance.check_openapi(architecture)]
    server = acceptance.Postgres()
    try:
        server.start()
        with tempfile.TemporaryDirectory(prefix="aios-host-analysis-") as workdir:
            notes.append(acceptance.check_sql(server.connection(), "host-analysis", architecture, Path(workdir)))
    finally:
        server.stop()
    acceptance.check_code(architecture, code, label)
    acceptance.check_traceability(strategy, architecture, ux, code, label)
    pairs = acceptance.check_contrast(ux, label)
    acceptance.check_plan_and_review(strategy, code, label)
    return f"{notes[0]} valid OpenAPI, SQL applied ({notes[1]}), {pairs} contrast pairs, traced, plan and review PASS"


async def host_analysis(args: argparse.Namespace) -> None:
    """The calling model as the engine: a host supplies the strategy content as `analysis` (here
    for a German brief the builtin analyser refuses); aios checks it, renders every artifact from
    it, and the artifacts pass the builtin engine's acceptance checks. It supplies the UX content
    (pages, copy, flows) as `ux_content` too: checked against the requirements and data model,
    rendered with aios's tokens and components."""
    analyses = Path(args.examples) / "analyses"
    spec = (analyses / "schulweg.md").read_text()
    content = json.loads((analyses / "schulweg.json").read_text())
    ux_content = json.loads((analyses / "schulweg.ux.json").read_text())
    acceptance = acceptance_module()
    async with Client(server_params(args), mode="legacy") as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        declared = tools["aios_strategize"].input_schema["properties"]["analysis"]
        check(declared.get("additionalProperties") is False and "requirements" in declared["properties"],
              "aios_strategize declares the analysis schema in full")
        jsonschema.validate({"spec": spec, "analysis": content}, tools["aios_strategize"].input_schema, cls=jsonschema.Draft202012Validator)

        refused = await client.call_tool("aios_strategize", {"spec": spec})
        check(refused.is_error and refused.structured_content["error"]["code"] == "INVALID_INPUT", "the builtin analyser refuses the German brief")
        broken = json.loads(json.dumps(content))
        broken["entities"][3]["belongs_to"] = ["trip"]
        broken["requirements"][0]["actor"] = ""
        bad = await client.call_tool("aios_strategize", {"spec": spec, "analysis": broken})
        check(bad.is_error, "a broken analysis is refused")
        error = bad.structured_content["error"]
        problems = {problem["path"]: problem["message"] for problem in error["details"]["problems"]}
        check(error["code"] == "INVALID_INPUT" and "unknown entity \"trip\"" in problems.get("/entities/3/belongs_to/0", ""), f"{error}")
        check("has no actor" in problems.get("/requirements/0/actor", ""), f"{error}")

        outputs = []
        strategy_result = await client.call_tool("aios_strategize", {"spec": spec, "analysis": content})
        check(not strategy_result.is_error, f"strategize: {strategy_result.structured_content}")
        strategy = strategy_result.structured_content
        check(strategy["analysis"] == content, "the strategy output carries the analysis")
        check(any(r["description"] == "Drivers can confirm a booking." for r in strategy["requirements"]["functional"]), "the host's requirements are used")
        architecture = (await client.call_tool("aios_design_architecture", {"spec": spec, "requirements": strategy})).structured_content
        ux = (await client.call_tool("aios_design_ux", {"spec": spec, "requirements": strategy, "architecture": architecture})).structured_content
        code = (await client.call_tool("aios_generate_code", {"spec": spec, "requirements": strategy, "architecture": architecture,
                                                              "ux_spec": ux["ux_spec"]})).structured_content
        for tool, value in zip(AGENT_TOOLS, (strategy, architecture, ux, code)):
            jsonschema.validate(value, tools[tool].output_schema, cls=jsonschema.Draft202012Validator)
        tables = {entity["table"] for entity in architecture["architecture"]["data_model"]["entities"]}
        check({"schools", "children", "rides", "bookings"} <= tables, f"the host's entities are the tables: {tables}")
        verdict = judge(acceptance, strategy, architecture, ux, code, "host analysis, agent tools")
        print(f"ok host_analysis tools: {verdict}")

        # The host's UX content: a broken one is refused with every problem, a good one rendered.
        declared = tools["aios_design_ux"].input_schema["properties"]["ux_content"]
        check(declared.get("additionalProperties") is False and "pages" in declared["properties"], "aios_design_ux declares the UX content schema in full")
        broken_ux = json.loads(json.dumps(ux_content))
        broken_ux["pages"][3]["requirement_ids"] = ["FR-99"]
        broken_ux["flows"][1]["steps"][0]["page_id"] = "nowhere"
        bad = await client.call_tool("aios_design_ux", {"spec": spec, "requirements": strategy, "ux_content": broken_ux})
        check(bad.is_error and bad.structured_content["error"]["code"] == "INVALID_INPUT", f"a broken ux_content is refused: {bad.structured_content}")
        problems = {p["path"]: p["message"] for p in bad.structured_content["error"]["details"]["problems"]}
        check("unknown requirement \"FR-99\"" in problems.get("/pages/3/requirement_ids/0", "") and "unknown page \"nowhere\"" in problems.get("/flows/1/steps/0/page_id", ""), f"{problems}")
        hosted = (await client.call_tool("aios_design_ux", {"spec": spec, "requirements": strategy, "architecture": architecture, "ux_content": ux_content})).structured_content
        jsonschema.validate(hosted, tools["aios_design_ux"].output_schema, cls=jsonschema.Draft202012Validator)
        check([p["copy"] for p in hosted["ux_spec"]["pages"]] == [p["copy"] for p in ux_content["pages"]], "the host's copy is on the pages")
        check(hosted["ux_spec"]["design_tokens"] == ux["ux_spec"]["design_tokens"], "the tokens are aios's")
        hosted_code = (await client.call_tool("aios_generate_code", {"spec": spec, "requirements": strategy, "architecture": architecture,
                                                                     "ux_spec": hosted["ux_spec"]})).structured_content
        print(f"ok host_analysis ux_content: {judge(acceptance, strategy, architecture, hosted, hosted_code, 'host UX content, agent tools')}")

        # The same through a durable job: every phase renders from the job's analysis.
        submitted = await client.call_tool("aios_full_pipeline", {"spec": spec, "analysis": content, "ux_content": ux_content})
        check(not submitted.is_error, f"pipeline: {submitted.structured_content}")
        job_id = submitted.structured_content["job_id"]
        status = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status = (await client.call_tool("aios_get_status", {"job_id": job_id})).structured_content
            if status["status"] in ("completed", "failed", "cancelled"):
                break
            await anyio.sleep(0.05)
        check(status is not None and status["status"] == "completed", f"the job ended as {status}")
        artifacts = [(await client.call_tool("aios_get_artifact", {"job_id": job_id, "artifact_type": phase})).structured_content
                     for phase in ("strategy", "architecture", "ux", "code")]
        check(artifacts[1]["sql_migration"] == architecture["sql_migration"], "the job renders the same SQL as the tools")
        check(artifacts[2]["ux_spec"]["pages"] == hosted["ux_spec"]["pages"], "the job renders the host's UX content as the tool does")
        print(f"ok host_analysis pipeline: {judge(acceptance, *artifacts, 'host analysis, pipeline')}")


# The product manager's questions about a thin brief (docs/protocol.md "Questions about a thin brief").
THIN = "A marketplace for piano teachers."
READABLE_THIN = "A marketplace where piano teachers offer lessons."
ANSWERS = {
    "users": "Piano teachers who offer lessons, and parents who book lessons for their children",
    "activities": "Teachers publish lessons with a price and weekly availability. Parents search teachers, book a lesson and pay for it. Teachers confirm or decline bookings.",
    "constraints": "Payments go through Stripe. Parents' data must stay private (GDPR). 2,000 teachers in the first year",
}


def answering(asked: list, mode: str):
    """An elicitation callback that checks the form is flat strings on known topics, records
    it in `asked` and answers every field from ANSWERS."""
    async def answer(context, params):
        asked.append(params)
        schema = params.requested_schema
        check(schema["type"] == "object", f"{mode}: form schema {schema}")
        for name, field in schema["properties"].items():
            check(field["type"] == "string" and name in ANSWERS, f"{mode}: field {name}: {field}")
        return types.ElicitResult(action="accept", content={name: ANSWERS[name] for name in schema["properties"]})
    return answer


async def strategize_answered(client, mode: str, asked: list):
    """aios_strategize on the thin brief through a client that answers: the era negotiated, the
    form shown once with the three topics, the answers the result's clarifications and no
    assumptions left. Returns the tools by name and the result."""
    expected_version = "2026-07-28" if mode == "auto" else "2025-11-25"
    check(client.protocol_version == expected_version, f"{mode}: negotiated {client.protocol_version}")
    tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    result = await client.call_tool("aios_strategize", {"spec": THIN})
    check(not result.is_error, f"{mode}: strategize failed: {result.content}")
    check(len(asked) == 1, f"{mode}: the form was shown {len(asked)} times")
    check(sorted(asked[0].requested_schema["properties"]) == ["activities", "constraints", "users"], f"{mode}: {asked[0]}")
    structured = result.structured_content
    jsonschema.validate(structured, tools["aios_strategize"].output_schema, cls=jsonschema.Draft202012Validator)
    answers = {item["answer"] for item in structured["clarifications"]}
    check(answers == set(ANSWERS.values()), f"{mode}: clarifications {structured['clarifications']}")
    check("assumptions" not in structured, f"{mode}: assumptions although answered: {structured.get('assumptions')}")
    return tools, result


async def elicitation(args: argparse.Namespace) -> None:
    """An elicitation callback that answers, one that declines, and a client without the capability,
    in the handshake era (elicitation/create) and in 2026-07-28 (input_required, answers on the retry)."""
    for mode in ("legacy", "auto"):
        asked: list = []
        async with Client(server_params(args), mode=mode, elicitation_callback=answering(asked, mode)) as client:
            tools, result = await strategize_answered(client, mode, asked)
            structured = result.structured_content
            actors = {item["actor"] for item in structured["requirements"]["functional"]}
            check(any("parent" in actor for actor in actors), f"{mode}: the answers did not join the brief: {actors}")
            text = text_of(result)
            check("The user answered the questions" in text and "Clarifications" in text, f"{mode}: summary: {text[:400]}")
            check(ANSWERS["users"] in structured["prd_markdown"], f"{mode}: the PRD does not record the answers")
            # The pipeline asks before queueing; the answers travel with the job into every phase.
            submitted = await client.call_tool("aios_full_pipeline", {"spec": THIN, "phases": ["strategy"]})
            check(not submitted.is_error, f"{mode}: pipeline failed: {submitted.content}")
            job = submitted.structured_content
            jsonschema.validate(job, tools["aios_full_pipeline"].output_schema, cls=jsonschema.Draft202012Validator)
            check(job["questions"]["outcome"] == "accept" and job["questions"]["answered"] == 3, f"{mode}: {job}")
            check(len(asked) == 2, f"{mode}: the pipeline's form was shown {len(asked) - 1} times")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and await job_status(client, job["job_id"]) not in ("completed", "failed"):
                await anyio.sleep(0.05)
            artifact = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "strategy"})
            check(not artifact.is_error, f"{mode}: {artifact.content}")
            check({item["answer"] for item in artifact.structured_content["clarifications"]} == set(ANSWERS.values()),
                  f"{mode}: the job's artifact lacks the answers")
            print(f"ok elicitation mode={mode}: accepted answers joined the brief and are in the artifact (tool and pipeline)")

        async def decline(context, params):
            asked.append(params)
            return types.ElicitResult(action="decline")

        asked.clear()
        async with Client(server_params(args), mode=mode, elicitation_callback=decline) as client:
            result = await client.call_tool("aios_strategize", {"spec": READABLE_THIN})
            check(not result.is_error, f"{mode}: strategize failed: {result.content}")
            check(len(asked) == 1, f"{mode}: asked {len(asked)} times")
            structured = result.structured_content
            topics = [item["topic"] for item in structured["assumptions"]]
            check("activities" in topics and all(item["assumption"] for item in structured["assumptions"]), f"{mode}: {structured['assumptions']}")
            check("clarifications" not in structured, f"{mode}: clarifications although declined")
            text = text_of(result)
            check("declined" in text and "Assumptions" in text, f"{mode}: summary: {text[:400]}")
            check("## Assumptions" in structured["prd_markdown"], f"{mode}: the PRD does not list the assumptions")
            # Too thin to build anything from, and declined: built on the listed assumptions,
            # which joined the brief as sentences (teachers publish listings, customers book).
            assumed = await client.call_tool("aios_strategize", {"spec": THIN})
            check(not assumed.is_error, f"{mode}: a declined one-liner was refused: {assumed.structured_content}")
            listed = [item["topic"] for item in assumed.structured_content["assumptions"]]
            check(listed == ["users", "activities", "constraints"], f"{mode}: assumptions {listed}")
            actors = {item.get("actor") for item in assumed.structured_content["requirements"]["functional"]}
            check({"teacher", "customer"} <= actors, f"{mode}: actors {actors}")
            print(f"ok elicitation mode={mode}: declined → assumptions listed, a one-liner built on them")

        async with Client(server_params(args), mode=mode) as client:
            result = await client.call_tool("aios_strategize", {"spec": READABLE_THIN})
            check(not result.is_error, f"{mode}: strategize failed: {result.content}")
            check(result.structured_content["assumptions"], f"{mode}: no assumptions listed")
            text = text_of(result)
            # Nothing was sent: the client would have answered an error, which reads differently.
            check("declared no form elicitation" in text, f"{mode}: summary: {text[:400]}")
            rich = await client.call_tool("aios_strategize", {"spec": brief(args, "invoicing.md")})
            check("assumptions" not in rich.structured_content and "Questions about the brief" not in text_of(rich), f"{mode}: a rich brief was questioned")
            print(f"ok elicitation mode={mode}: no capability → nothing asked, assumptions listed; a rich brief asks nothing")

        async def dismiss(context, params):
            return types.ElicitResult(action="cancel")

        async with Client(server_params(args), mode=mode, elicitation_callback=dismiss) as client:
            result = await client.call_tool("aios_full_pipeline", {"spec": READABLE_THIN, "phases": ["strategy"]})
            check(not result.is_error and result.structured_content["questions"]["outcome"] == "cancel", f"{mode}: {result.structured_content}")
            check("dismissed" in text_of(result), f"{mode}: {text_of(result)[:400]}")
            print(f"ok elicitation mode={mode}: dismissed → the job is queued on assumptions")

    # Handshake era: a user who never answers. The server gives up after its timeout (1 s here),
    # tells the client the request is cancelled, and builds on assumptions.
    async def never(context, params):
        await anyio.sleep_forever()

    async with Client(server_params(args, {"AIOS_ELICITATION_TIMEOUT_SECONDS": "1"}), mode="legacy", elicitation_callback=never) as client:
        result = await client.call_tool("aios_strategize", {"spec": READABLE_THIN})
        check(not result.is_error and result.structured_content["assumptions"], f"timeout: {result.structured_content}")
        check("in time" in text_of(result), f"timeout: {text_of(result)[:400]}")
        print("ok elicitation mode=legacy: no answer in time → assumptions listed")


async def elicitation_answered(args: argparse.Namespace) -> None:
    """The thin brief answered through the client's form, in both eras; registered for `--http`
    (Streamable HTTP): elicitation/create on the POST's stream in 2025-11-25, the input_required
    result and the answers on the retry (signed requestState) in 2026-07-28."""
    for mode in ("legacy", "auto"):
        asked: list = []
        async with Client(server_params(args), mode=mode, elicitation_callback=answering(asked, mode)) as client:
            await strategize_answered(client, mode, asked)
            print(f"ok elicitation_answered mode={mode} ({client.protocol_version}): the answers are the result's clarifications")


def elicitation_state(args: argparse.Namespace) -> None:
    """2026-07-28 by hand: the input_required result, the answers on the retry, and a request
    state that is altered, foreign or sent without its answers."""
    server = RawServer(args)
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {"elicitation": {"form": {}}}}
    call = {"name": "aios_strategize", "arguments": {"spec": READABLE_THIN}, "_meta": meta}
    first = server.request(1, "tools/call", call)["result"]
    check(first["resultType"] == "input_required", f"first call: {first}")
    request = first["inputRequests"]["brief_questions"]
    check(request["method"] == "elicitation/create" and request["params"]["mode"] == "form", f"{request}")
    state = first["requestState"]
    answer = {"brief_questions": {"action": "accept", "content": {"activities": ANSWERS["activities"]}}}
    retried = server.request(2, "tools/call", {**call, "inputResponses": answer, "requestState": state})["result"]
    check(retried["resultType"] == "complete" and not retried["isError"], f"retry: {retried}")
    check(retried["structuredContent"]["clarifications"][0]["answer"] == ANSWERS["activities"], f"{retried['structuredContent'].get('clarifications')}")
    # Altered: one character of the payload changed.
    body, mac = state.rsplit(".", 1)
    altered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + mac
    error = server.request(3, "tools/call", {**call, "inputResponses": answer, "requestState": altered})["error"]
    check(error["code"] == -32602 and error["data"]["reason"] in ("tampered", "malformed"), f"altered state: {error}")
    # Foreign: the state of one brief presented with another.
    other = {**call, "arguments": {"spec": THIN}, "inputResponses": answer, "requestState": state}
    error = server.request(4, "tools/call", other)["error"]
    check(error["code"] == -32602 and error["data"]["reason"] == "mismatch", f"foreign state: {error}")
    # A state without its answers is asked again; answers without a state are refused.
    again = server.request(5, "tools/call", {**call, "requestState": state})["result"]
    check(again["resultType"] == "input_required" and again["requestState"] != state, f"no answers: {again}")
    error = server.request(6, "tools/call", {**call, "inputResponses": answer})["error"]
    check(error["code"] == -32602, f"answers without state: {error}")
    # A client without elicitation is never sent an input request.
    plain = server.request(7, "tools/call", {**call, "_meta": MODERN})["result"]
    check(plain["resultType"] == "complete" and plain["structuredContent"]["assumptions"], f"no capability: {plain}")
    server.close()
    print("ok elicitation_state: input_required, answers on the retry, altered/foreign state refused (-32602), no capability → no request")


SCENARIOS = {
    "connect": connect, "agents": agents, "concurrent": concurrent, "pipeline": pipeline, "progress": progress,
    "logging": logging_, "resources": resources, "prompts": prompts, "completion": completion, "auth": auth,
    "host_analysis": host_analysis,
    "elicitation": elicitation, "elicitation_answered": elicitation_answered,
}
RAW_SCENARIOS = {"raw": raw, "tasks": tasks, "tasks_restart": tasks_restart, "cancel": cancel, "elicitation_state": elicitation_state}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=[*SCENARIOS, *RAW_SCENARIOS])
    parser.add_argument("--server", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--http", action="store_true", help="run the scenario over aios-mcp --http (Streamable HTTP)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        args.home = home
        try:
            if args.scenario in RAW_SCENARIOS:
                RAW_SCENARIOS[args.scenario](args)
            else:
                asyncio.run(SCENARIOS[args.scenario](args))
        finally:
            stop_http_servers()


if __name__ == "__main__":
    main()
