#!/usr/bin/env python3
"""The model-backed engines end to end: aios-mcp driven by the official MCP Python SDK, with
AIOS_ENGINE=openai or anthropic pointed at the scripted provider (Tests/Providers/fake_provider.py).

    python engine_e2e.py --server AIOS_MCP --aiosctl AIOSCTL --api openai|anthropic --examples DIR --analyses DIR

Checks, printing one `ok ...` line each (exit 1 on the first failure):
- the whole pipeline completes on the model path; the strategy artifact's engine_run records the
  engine, model, prompt version, tokens, the HTTP attempts (a 429 retried) and the repair (an
  answer that violates the schema, then a valid one); the provider saw the key it expects;
- the UX phase asks the model too, on its own model (AIOS_LLM_MODEL_UX) and prompt (ux-1): a UX
  answer that violates the schema, then (the repair) a valid one; the UX artifact carries the
  model's pages and copy and its engine_run, and the job's status shows both phases' cost;
- the OpenAPI document the model path renders passes openapi-spec-validator;
- a rerun of the same brief is served from the store's cache: the provider sees no request and
  the artifacts are the same bytes; `cache: false` asks the provider again;
- a wrong key fails the job with the provider's refusal in plain words, the key masked even
  though the provider echoed it;
- a worker killed mid-call: the provider sees its connection close, and the job completes on
  another worker;
- a job cancelled mid-stream: the provider sees the connection close at once, the job ends
  cancelled and the worker lives on;
- no key appears in any file under the store, in the server's log, or in any error.
"""
import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters

warnings.filterwarnings("ignore", message=".*(deprecated|removed) as of 2026-07-28.*")
HERE = Path(__file__).resolve().parent
PROVIDER = HERE.parent / "Providers" / "fake_provider.py"
KEYS = {"openai": "sk-e2e-openai-4b1d7c0ffee5eed5a1a7", "anthropic": "sk-ant-e2e-9a8b7c6d5e4f3a2b1c0d"}
KEY_VARIABLE = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}


def check(condition, message):
    if not condition:
        print(f"FAIL {message}", flush=True)
        sys.exit(1)


def ok(message):
    print(f"ok {message}", flush=True)


class Provider:
    def __init__(self, api, key):
        env = dict(os.environ, FAKE_PROVIDER_KEY=key)
        self.process = subprocess.Popen([sys.executable, str(PROVIDER), "--api", api], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        words = self.process.stdout.readline().split()
        check(words and words[0] == "listening", f"the fake provider did not start: {words}")
        self.base = f"http://127.0.0.1:{words[1]}"

    def call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method="GET" if data is None else "POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=90) as response:
            return json.loads(response.read())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def environment(args, provider, home, key):
    return {
        "AIOS_HOME": home, "AIOS_LOG_LEVEL": "debug", "AIOS_ENGINE": args.api, "AIOS_LLM_BASE_URL": provider.base + "/v1",
        "AIOS_LLM_MODEL": "fake-model", "AIOS_LLM_MODEL_UX": "fake-small-model", KEY_VARIABLE[args.api]: key, "PATH": os.environ.get("PATH", ""),
    }


def server(args, env, log):
    # stderr (the server's JSON log lines) goes to a file that is searched for the key later.
    return StdioServerParameters(command="/bin/sh", args=["-c", f'exec "{args.server}" 2>>"{log}"'], env=env)


async def run_pipeline(client, spec, extra=None, timeout=180):
    arguments = {"spec": spec}
    arguments.update(extra or {})
    submitted = await client.call_tool("aios_full_pipeline", arguments)
    check(not submitted.is_error, f"pipeline refused: {submitted.content}")
    job = submitted.structured_content["job_id"]
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        status = (await client.call_tool("aios_get_status", {"job_id": job})).structured_content
        if status["status"] in ("completed", "failed", "cancelled"):
            break
        await anyio.sleep(0.1)
    return job, status


async def artifact(client, job, phase):
    result = await client.call_tool("aios_get_artifact", {"job_id": job, "artifact_type": phase})
    check(not result.is_error, f"artifact {phase}: {result.content}")
    return result.structured_content


def find_engine_run(value):
    if isinstance(value, dict):
        if "engine_run" in value and isinstance(value["engine_run"], dict):
            return value["engine_run"]
        for item in value.values():
            found = find_engine_run(item)
            if found:
                return found
    if isinstance(value, list):
        for item in value:
            found = find_engine_run(item)
            if found:
                return found
    return None


def no_key_under(directory, key, what):
    for path in Path(directory).rglob("*"):
        if path.is_file():
            check(key.encode() not in path.read_bytes(), f"{what}: the key is in {path}")


async def main_async(args):
    key = KEYS[args.api]
    spec = (Path(args.analyses) / "schulweg.md").read_text()
    analysis = (Path(args.analyses) / "schulweg.json").read_text()
    ux_content = (Path(args.analyses) / "schulweg.ux.json").read_text()
    provider = Provider(args.api, key)
    work = Path(tempfile.mkdtemp(prefix=f"aios-e2e-{args.api}-"))
    home, log = str(work / "store"), str(work / "server.log")
    try:
        provider.call("/_answers", {"strategy_analysis": analysis, "ux_content": ux_content})
        # A 429, then an answer that violates the schema, then (the repair) the valid answer; then
        # the UX phase: an answer that violates the UX schema, then (the repair) the valid one.
        provider.call("/_script", {"steps": [
            {"status": 429, "headers": {"Retry-After": "0"}},
            {"answer": json.dumps({"product": {"name": "Schulweg"}}), "split_utf8": True},
            {"keepalive": True, "usage": [1200, 800]},
            {"answer": json.dumps({"pages": [{"id": "sign-in"}]})},
            {"usage": [900, 600]},
        ]})
        env = environment(args, provider, home, key)
        async with Client(server(args, env, log)) as client:
            job, status = await run_pipeline(client, spec)
            check(status["status"] == "completed", f"{args.api}: the job ended {status}")
            strategy = await artifact(client, job, "strategy")
            run = find_engine_run(strategy)
            check(run is not None, f"{args.api}: no engine_run in the strategy artifact: {list(strategy)}")
            check(run["engine"] == args.api and run["provider"] == args.api and run["model"] == "fake-model", f"engine_run: {run}")
            check(run["http_attempts"] == 3 and run["repairs"] == 1 and run["calls"] == 2, f"retries and repair in the job: {run}")
            check(run["prompt_tokens"] >= 1200 and run["completion_tokens"] >= 800 and run["prompt_version"], f"tokens: {run}")
            ok(f"{args.api}: pipeline completed on the model path; engine_run {json.dumps(run, sort_keys=True)}")
            log_entries = provider.call("/_log")
            check(len(log_entries) == 5, f"provider requests: {len(log_entries)}")
            headers = log_entries[0]["headers"]
            check(headers.get("authorization") == f"Bearer {key}" if args.api == "openai" else headers.get("x-api-key") == key, f"auth headers: {headers}")
            check("strategy_analysis" in json.dumps(log_entries[2]["body"]) and "Schulweg" in json.dumps(log_entries[0]["body"]), "the request carries the brief and schema")
            repair_messages = log_entries[2]["body"]["messages"]
            check(len(repair_messages) >= 3, f"the repair carries the answer and the problems: {repair_messages}")
            ok(f"{args.api}: 429 retried, schema violation repaired; the repair request says what was wrong")

            ux = await artifact(client, job, "ux")
            ux_run = ux.get("engine_run")
            check(ux_run is not None, f"{args.api}: no engine_run in the UX artifact: {list(ux)}")
            check(ux_run["prompt_version"] == "ux-1" and ux_run["model"] == "fake-small-model", f"UX engine_run: {ux_run}")
            check(ux_run["repairs"] == 1 and ux_run["calls"] == 2 and ux_run["completion_tokens"] >= 600, f"UX repair in the job: {ux_run}")
            for entry in log_entries[3:]:
                check(entry["body"]["model"] == "fake-small-model", f"the UX phase's model: {entry['body']['model']}")
                check("ux_content" in json.dumps(entry["body"]) and "FR-7 [must] school coordinator" in json.dumps(entry["body"]), "the UX request carries the schema and the requirements")
            repair = json.dumps(log_entries[4]["body"])
            check("Your answer has" in repair and "/pages/0" in repair, f"the UX repair names the problems: {repair[-1500:]}")
            expected = json.loads(ux_content)
            pages = ux["ux_spec"]["pages"]
            check([p["route"] for p in pages] == [p["route"] for p in expected["pages"]], "the UX artifact's pages are the model's")
            check(pages[3]["copy"] == expected["pages"][3]["copy"] and pages[3]["purpose"] == expected["pages"][3]["purpose"], f"the model's copy: {pages[3]}")
            check([f["name"] for f in ux["ux_spec"]["user_flows"]] == [f["name"] for f in expected["flows"]], "the model's flows")
            check(all(c["status"] != "fail" for c in ux["ux_spec"]["accessibility"]["checks"]), "contrast checks pass on the model path")
            phase_usage = status.get("phase_model_usage") or {}
            check(phase_usage.get("ux", {}).get("prompt_version") == "ux-1" and phase_usage.get("strategy", {}).get("prompt_version") == "pm-1", f"status per phase: {phase_usage}")
            readable = subprocess.run([args.aiosctl, "status", job], capture_output=True, text=True, env=dict(os.environ, **env), timeout=60).stdout
            check(f"engine       {args.api} (strategy)  model fake-model  prompt pm-1" in readable
                  and f"engine       {args.api} (ux)  model fake-small-model  prompt ux-1" in readable, f"aiosctl status per phase: {readable}")
            ok(f"{args.api}: the UX phase asked fake-small-model (prompt ux-1), a schema violation repaired; pages, copy and flows are the model's; engine_run {json.dumps(ux_run, sort_keys=True)}")

            architecture = await artifact(client, job, "architecture")
            from openapi_spec_validator import validate
            from openapi_spec_validator.readers import read_from_filename
            document = architecture.get("openapi") or architecture.get("openapi_spec") or architecture.get("api_design", {}).get("openapi")
            if isinstance(document, str):
                (work / "openapi.json").write_text(document)
                spec_dict, _ = read_from_filename(str(work / "openapi.json"))
                validate(spec_dict)
                ok(f"{args.api}: the model path's OpenAPI document is valid")
            else:
                check(isinstance(document, dict), f"no OpenAPI document in the architecture artifact: {list(architecture)}")
                validate(document)
                ok(f"{args.api}: the model path's OpenAPI document is valid")

            before = len(provider.call("/_log"))
            job2, status2 = await run_pipeline(client, spec)
            check(status2["status"] == "completed", f"rerun: {status2}")
            check(len(provider.call("/_log")) == before, "a rerun of the same brief called the provider")
            for phase in ("strategy", "architecture", "ux", "code"):
                first = json.dumps(await artifact(client, job, phase), sort_keys=True).replace(job, "JOB")
                second = json.dumps(await artifact(client, job2, phase), sort_keys=True).replace(job2, "JOB")
                first_run, second_run = find_engine_run(json.loads(first)), find_engine_run(json.loads(second))
                if first_run or second_run:
                    # The run record says how the content was obtained (calls vs cache hits).
                    first = first.replace(json.dumps(first_run, sort_keys=True), "RUN") if first_run else first
                    second = second.replace(json.dumps(second_run, sort_keys=True), "RUN") if second_run else second
                check(first == second, f"rerun: the {phase} artifact differs")
            run2 = find_engine_run(await artifact(client, job2, "strategy"))
            check(run2 and run2["cache_hits"] >= 1, f"rerun engine_run: {run2}")
            ux_run2 = (await artifact(client, job2, "ux"))["engine_run"]
            check(ux_run2["cache_hits"] == 2 and ux_run2["prompt_tokens"] == 0, f"rerun UX engine_run: {ux_run2}")
            ok(f"{args.api}: rerun served from the cache (no provider call, same artifacts, cache_hits {run2['cache_hits']})")

            provider.call("/_script", {"steps": [{}]})
            job3, status3 = await run_pipeline(client, spec, {"cache": False})
            check(status3["status"] == "completed" and len(provider.call("/_log")) == before + 2, "cache: false must call the provider again (strategy and UX)")
            ok(f"{args.api}: cache: false asks the provider again")

        # A wrong key: the job fails with the refusal in plain words, the echoed key masked.
        wrong = key[:-6] + "WRONG0"
        provider.call("/_script", {"steps": [{"echo_key": True}]})
        async with Client(server(args, environment(args, provider, home, wrong), log)) as client:
            job4, status4 = await run_pipeline(client, spec, {"cache": False})
            check(status4["status"] == "failed", f"a wrong key: {status4}")
            text = json.dumps(status4)
            check("refused the API key (HTTP 401)" in text, f"the refusal is plain: {text[:600]}")
            check(wrong not in text and key not in text, "the key is in the job's error")
            ok(f"{args.api}: a wrong key fails the job plainly, the echoed key masked")

        # A worker killed mid-call: the connection closes, the job completes on another worker.
        provider.call("/_reset", {})
        provider.call("/_answers", {"strategy_analysis": analysis, "ux_content": ux_content})
        provider.call("/_script", {"steps": [{"stall": "body"}]})
        worker_env = dict(os.environ, **environment(args, provider, home, key))
        submitted = subprocess.run([args.aiosctl, "submit", "-", "--json", "--engine", args.api], input=spec + "\n\nKilled worker variant.", capture_output=True, text=True, env=worker_env)
        check(submitted.returncode == 0, f"submit: {submitted.stderr}")
        job5 = json.loads(submitted.stdout)["job_id"]
        first_worker = subprocess.Popen([args.aiosctl, "worker", "--concurrency", "1"], env=worker_env, stdout=subprocess.DEVNULL, stderr=open(log, "a"))
        check(provider.call("/_arrived/0")["arrived"], "the first worker's call never reached the provider")
        first_worker.send_signal(signal.SIGKILL)
        first_worker.wait(timeout=60)
        check(provider.call("/_wait/0")["outcome"] == "disconnected", "the provider did not see the killed worker's connection close")
        second_worker = subprocess.Popen([args.aiosctl, "worker", "--concurrency", "1"], env=worker_env, stdout=subprocess.DEVNULL, stderr=open(log, "a"))
        try:
            waited = subprocess.run([args.aiosctl, "wait", job5, "--timeout", "150s"], capture_output=True, text=True, env=worker_env)
            status5 = subprocess.run([args.aiosctl, "status", job5, "--json"], capture_output=True, text=True, env=worker_env)
            check(json.loads(status5.stdout)["status"] == "completed", f"the reclaimed job: {waited.stdout} {waited.stderr} {status5.stdout[:500]}")
        finally:
            second_worker.send_signal(signal.SIGTERM)
            second_worker.wait(timeout=60)
        check(len(provider.call("/_log")) == 3, "the reclaimed phase called the provider once more (then the UX phase)")
        ok(f"{args.api}: a worker killed mid-call closed its connection; the job completed on another worker")

        # A job cancelled mid-stream: the worker drops the call at once and lives on.
        provider.call("/_reset", {})
        provider.call("/_answers", {"strategy_analysis": analysis})
        provider.call("/_script", {"steps": [{"stall": "body"}]})
        submitted = subprocess.run([args.aiosctl, "submit", "-", "--json", "--engine", args.api], input=spec + "\n\nCancelled variant.", capture_output=True, text=True, env=worker_env)
        check(submitted.returncode == 0, f"submit: {submitted.stderr}")
        job6 = json.loads(submitted.stdout)["job_id"]
        worker = subprocess.Popen([args.aiosctl, "worker", "--concurrency", "1"], env=worker_env, stdout=subprocess.DEVNULL, stderr=open(log, "a"))
        try:
            check(provider.call("/_arrived/0")["arrived"], "the worker's call never reached the provider")
            cancelled = subprocess.run([args.aiosctl, "cancel", job6], capture_output=True, text=True, env=worker_env, timeout=60)
            check(cancelled.returncode == 0, f"cancel: {cancelled.stdout} {cancelled.stderr}")
            check(provider.call("/_wait/0")["outcome"] == "disconnected", "the provider did not see the cancelled call's connection close")
            status6 = subprocess.run([args.aiosctl, "status", job6, "--json"], capture_output=True, text=True, env=worker_env, timeout=60)
            check(json.loads(status6.stdout)["status"] == "cancelled", f"the cancelled job: {status6.stdout[:500]}")
            check(worker.poll() is None, "the worker ended with the cancelled job")
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
        check(len(provider.call("/_log")) == 1, "the cancelled phase was asked again")
        ok(f"{args.api}: a job cancelled mid-stream closed its provider connection; the worker lives on")

        no_key_under(home, key, "store")
        no_key_under(home, wrong, "store")
        server_log = Path(log).read_text()
        check(key not in server_log and wrong not in server_log, "the key is in the server's log")
        check(len(server_log) > 0, "the server wrote no log at all")
        ok(f"{args.api}: no key in any file under the store ({sum(1 for p in Path(home).rglob('*') if p.is_file())} files) or in the log ({len(server_log)} bytes)")
    finally:
        provider.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--aiosctl", required=True)
    parser.add_argument("--api", choices=["openai", "anthropic"], required=True)
    parser.add_argument("--analyses", required=True)
    args = parser.parse_args()
    anyio.run(main_async, args)
    print(f"all {args.api} checks passed")


if __name__ == "__main__":
    main()
