"""Engine benchmark: the builtin full pipeline per example brief, through one aios-mcp over stdio.

`aiosctl run BRIEF` would mostly time process start and status polling, so instead the four agent
calls are made the way a client chains them — `aios_strategize`, then `aios_design_architecture`
with its requirements, `aios_design_ux` with both, `aios_generate_code` with the architecture and
the ux_spec (the inputs a pipeline worker gives each phase) — and each is timed from the request
written to the response read. A brief's figure is the sum of its four calls. There is no peer:
the briefs are taken in a different order every round so that machine noise spreads over all of
them, and medians over the rounds are reported. The builtin engine is deterministic, so every
round's responses are checked to be identical to the first.

Then, as a cross-check through the durable pipeline, one job per brief runs on an aios-mcp with
one worker; the phase durations it records include writing and fsyncing each artifact.

Usage: python engine_bench.py [--aios-mcp PATH] [--quick] [--json OUT]
Prints a markdown report on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from protocol_bench import INIT_PARAMS, RawClient, example_briefs, expect_response, line, log  # noqa: E402

PHASES = ["strategy", "architecture", "ux", "code"]
TOOLS = {"strategy": "aios_strategize", "architecture": "aios_design_architecture",
         "ux": "aios_design_ux", "code": "aios_generate_code"}
BUDGET_MS = 50.0


def med(values: list[float]) -> float:
    return statistics.median(values)


def open_server(binary: str, home: Path, workers: int, logs: Path, name: str) -> RawClient:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    env.update(AIOS_HOME=str(home), AIOS_WORKERS=str(workers), AIOS_LOG_LEVEL="warning")
    client = RawClient([binary], env, logs / f"{name}.stderr")
    client.request("initialize", INIT_PARAMS)
    client.send(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
    return client


def call(client: RawClient, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = client.request("tools/call", {"name": tool, "arguments": arguments})["result"]
    if result.get("isError"):
        raise RuntimeError(f"{tool} failed: {json.dumps(result)[:400]}")
    return result["structuredContent"]


def chain_arguments(client: RawClient, spec: str) -> dict[str, bytes]:
    """Runs the chain once (untimed) and returns each phase's request line, `%d` for the id."""
    strategy = call(client, TOOLS["strategy"], {"spec": spec})
    architecture = call(client, TOOLS["architecture"], {"spec": spec, "requirements": strategy})
    ux = call(client, TOOLS["ux"], {"spec": spec, "requirements": strategy, "architecture": architecture})
    arguments = {
        "strategy": {"spec": spec},
        "architecture": {"spec": spec, "requirements": strategy},
        "ux": {"spec": spec, "requirements": strategy, "architecture": architecture},
        "code": {"spec": spec, "architecture": architecture, "ux_spec": ux["ux_spec"]},
    }
    call(client, TOOLS["code"], arguments["code"])
    return {phase: b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":'
            + json.dumps({"name": TOOLS[phase], "arguments": arguments[phase]}, separators=(",", ":"),
                         ensure_ascii=False).encode().replace(b"%", b"%%") + b"}\n"
            for phase in PHASES}


RESULT_ID = re.compile(rb"res_[0-9a-f]{32}")


def strip_id(reply: bytes) -> bytes:
    """The response without its `"id":N` member and with its result ids (`res_` + 32 hex digits,
    unguessable by design: the handle for reading a large result page by page) blanked, for
    comparing rounds byte for byte."""
    message = json.loads(RESULT_ID.sub(b"res_ID", reply))
    message.pop("id", None)
    return json.dumps(message, sort_keys=True).encode()


def timed_chains(binary: str, briefs: dict[str, str], rounds: int, logs: Path, results: dict) -> None:
    home = Path(tempfile.mkdtemp(prefix="aios-engine-bench-"))
    client = open_server(binary, home, 0, logs, "engine")
    try:
        requests = {name: chain_arguments(client, spec) for name, spec in briefs.items()}
        reference: dict[tuple[str, str], bytes] = {}
        names = list(briefs)
        for name in names:
            results[name] = {phase: [] for phase in PHASES}
            results[name]["total"] = []
            results[name]["request_bytes"] = {p: len(requests[name][p]) for p in PHASES}
        for r in range(rounds + 1):  # round 0 is a warm-up, not recorded
            order = names[r % len(names):] + names[:r % len(names)]
            if r % 2:
                order.reverse()
            for name in order:
                replies, spent = [], {}
                gc.disable()
                for phase in PHASES:
                    rid = client.take_id()
                    data = requests[name][phase] % rid
                    started = time.perf_counter_ns()
                    client.send(data)
                    reply = client.read_response()
                    spent[phase] = (time.perf_counter_ns() - started) / 1e6
                    replies.append((phase, rid, reply))
                gc.enable()
                for phase, rid, reply in replies:
                    result = expect_response(reply, rid)["result"]
                    if result.get("isError"):
                        raise RuntimeError(f"{name} {phase}: {json.dumps(result)[:300]}")
                    key, body = (name, phase), strip_id(reply)
                    if reference.setdefault(key, body) != body:
                        raise RuntimeError(f"{name} {phase}: the response changed between rounds (not deterministic)")
                    results[name].setdefault("response_bytes", {})[phase] = len(reply)
                if r:
                    for phase in PHASES:
                        results[name][phase].append(spent[phase])
                    results[name]["total"].append(sum(spent.values()))
            if r:
                log(f"round {r}: median per brief so far {med([med(results[n]['total']) for n in names]):.1f} ms")
        if client.close() != 0:
            raise RuntimeError("aios-mcp exited non-zero on EOF")
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        shutil.rmtree(home, ignore_errors=True)


def rfc3339_ms(text: str) -> float:
    from datetime import datetime
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1e3


def through_jobs(binary: str, briefs: dict[str, str], logs: Path, results: dict) -> None:
    """One durable job per brief on an aios-mcp with one worker; phase durations as recorded."""
    home = Path(tempfile.mkdtemp(prefix="aios-engine-jobs-"))
    client = open_server(binary, home, 1, logs, "jobs")
    try:
        for name, spec in briefs.items():
            job = call(client, "aios_full_pipeline", {"spec": spec})["job_id"]
            deadline = time.monotonic() + 60
            while True:
                status = call(client, "aios_get_status", {"job_id": job})
                if status["status"] in ("completed", "failed", "cancelled"):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name}: job {job} still {status['status']} after 60 s")
                time.sleep(0.01)
            if status["status"] != "completed":
                raise RuntimeError(f"{name}: job {job} {status['status']}: {status.get('error')}")
            phases = status["phases"]
            durations = {p: float(phases[p]["duration_ms"]) for p in PHASES}
            span = (max(rfc3339_ms(phases[p]["finished_at"]) for p in PHASES)
                    - min(rfc3339_ms(phases[p]["started_at"]) for p in PHASES))
            results[name]["job_phase_ms"] = durations
            results[name]["job_span_ms"] = span
        if client.close() != 0:
            raise RuntimeError("aios-mcp exited non-zero on EOF")
    finally:
        if client.proc.poll() is None:
            client.proc.kill()
        shutil.rmtree(home, ignore_errors=True)


def report(briefs: dict[str, str], results: dict, facts: dict[str, str], rounds: int) -> str:
    out = ["## Engine: the builtin full pipeline per example brief", ""]
    out.append("| brief | chars | strategy | architecture | ux | code | **sum** (median of rounds) | budget ≤ 50 ms "
               "| through a job: phases sum | job span |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    totals = []
    for name, spec in briefs.items():
        r = results[name]
        total = med(r["total"])
        totals.append(total)
        job = r.get("job_phase_ms")
        out.append(f"| {name} | {len(spec)} | " + " | ".join(f"{med(r[p]):.1f}" for p in PHASES)
                   + f" | **{total:.1f}** | {'met' if total <= BUDGET_MS else '**missed**'} | "
                   + (f"{sum(job.values()):.0f} | {r['job_span_ms']:.0f}" if job else "— | —") + " |")
    met = sum(1 for t in totals if t <= BUDGET_MS)
    out.append(f"| **median brief** | | " + " | ".join(f"{med([med(results[n][p]) for n in briefs]):.1f}" for p in PHASES)
               + f" | **{med(totals):.1f}** | {met}/{len(totals)} met | | |")
    out.append("")
    out.append(f"All in ms. Each agent call: request written → response read through one aios-mcp (AIOS_WORKERS=0), "
               f"{rounds} rounds after one warm-up, briefs in a rotating order. Largest requests/responses "
               f"(code phase): {max(results[n]['request_bytes']['code'] for n in briefs) / 1e3:.0f} KB in, "
               f"{max(results[n]['response_bytes']['code'] for n in briefs) / 1e3:.0f} KB out. "
               "\"Through a job\": one aios_full_pipeline job per brief on an aios-mcp with one worker; "
               "phase `duration_ms` as recorded (includes writing and fsyncing the artifact; architecture and ux "
               "run at the same time, so the span is shorter than the sum).")
    out.append("")
    out.append("### Machine")
    out.append("")
    for key, value in facts.items():
        out.append(f"- {key}: {value}")
    out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aios-mcp", default=str(REPO / ".build" / "release" / "aios-mcp"))
    parser.add_argument("--quick", action="store_true", help="one timed round: checks the harness, not the numbers")
    parser.add_argument("--rounds", type=int, default=None, help="timed rounds (default 7, --quick 1)")
    parser.add_argument("--json", help="also write every raw sample to this file")
    args = parser.parse_args()
    if not os.access(args.aios_mcp, os.X_OK):
        raise SystemExit(f"{args.aios_mcp} is not an executable: build it with `swift build -c release`")
    rounds = args.rounds or (1 if args.quick else 7)
    started = time.monotonic()
    facts = {"load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    briefs = {path.stem: path.read_text() for path in example_briefs() if path.name != "empty-brief.md"}
    logs = Path(tempfile.mkdtemp(prefix="aios-engine-logs-"))
    results: dict[str, Any] = {}
    try:
        timed_chains(args.aios_mcp, briefs, rounds, logs, results)
        through_jobs(args.aios_mcp, briefs, logs, results)
    finally:
        shutil.rmtree(logs, ignore_errors=True)
    facts["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts["bench wall time"] = f"{time.monotonic() - started:.0f} s"
    print(report(briefs, results, facts, rounds))
    if args.json:
        Path(args.json).write_text(json.dumps({"facts": facts, "results": results}, indent=1))


if __name__ == "__main__":
    main()
