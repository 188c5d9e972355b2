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
from pathlib import Path

import anyio
import jsonschema
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

AGENT_TOOLS = ["aios_strategize", "aios_design_architecture", "aios_design_ux", "aios_generate_code"]


def server_params(args: argparse.Namespace, extra_env: dict[str, str] | None = None) -> StdioServerParameters:
    env = {"AIOS_HOME": args.home, "AIOS_LOG_LEVEL": "warning"}
    env.update(extra_env or {})
    return StdioServerParameters(command=args.server, args=[], env=env)


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
                text = result.content[0].text
                check(json.loads(text) == structured, f"{mode}: {name} text block is not the same JSON")
                outputs[name] = structured
            bad = await client.call_tool("aios_strategize", {"spec": ""})
            check(bad.is_error, "an empty spec must be a tool error")
            check(bad.structured_content["error"]["code"] == "INVALID_INPUT", f"got {bad.structured_content}")
            print(f"ok agents mode={mode}: 4 tools validated against their output schemas")


async def concurrent(args: argparse.Namespace) -> None:
    spec = brief(args, "marketplace.md") if (Path(args.examples) / "marketplace.md").exists() else brief(args, "invoicing.md")
    async with Client(server_params(args), mode="legacy") as client:
        sizes: list[int] = []

        async def one(i: int) -> None:
            result = await client.call_tool("aios_generate_code", {"spec": spec, "product_name": f"Parallel {i}"})
            check(not result.is_error, f"call {i} failed")
            sizes.append(len(result.content[0].text))

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
            everything = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "all"})
            check(sorted(everything.structured_content) == sorted(phase_tools), "artifact all is keyed by phase")
            markdown = await client.call_tool("aios_get_artifact", {"job_id": job["job_id"], "artifact_type": "strategy", "format": "markdown"})
            check(markdown.structured_content["markdown"].startswith("#"), "markdown format gives a document")
            missing = await client.call_tool("aios_get_status", {"job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
            check(missing.is_error and missing.structured_content["error"]["code"] == "JOB_NOT_FOUND", f"{missing.structured_content}")
            malformed = await client.call_tool("aios_get_status", {"job_id": "nope"})
            check(malformed.is_error and malformed.structured_content["error"]["code"] == "INVALID_INPUT", f"{malformed.structured_content}")
            print(f"ok pipeline mode={mode}: {job['job_id']} completed, progress {progress[0]}..{progress[-1]}, artifacts valid")
    # With no workers the job stays queued: its artifacts are not ready yet.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["connect", "agents", "concurrent", "raw", "pipeline", "auth"])
    parser.add_argument("--server", required=True)
    parser.add_argument("--examples", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        args.home = home
        if args.scenario == "raw":
            raw(args)
        else:
            scenarios = {"connect": connect, "agents": agents, "concurrent": concurrent, "pipeline": pipeline, "auth": auth}
            asyncio.run(scenarios[args.scenario](args))


if __name__ == "__main__":
    main()
