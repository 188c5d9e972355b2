"""Store benchmark: the durable job store, through its real entry points, against SQLite.

aios side: `aios-mcp` with AIOS_WORKERS=0 (nothing runs the jobs, so only the store is measured),
spoken to over stdio with raw JSON-RPC `tools/call aios_full_pipeline` (an answer arrives only
once the job is durable), and `aiosctl` run as whole processes (spawn → exit).
Peer: SQLite in WAL mode with synchronous=FULL doing the equivalent insert-and-commit —
`bench/sqlite_peer.py` behind the same stdio protocol for the server rows, the `sqlite3` command
line shell for the whole-process rows. Every measurement alternates the two (A B, B A, …) so
both see the same machine noise; medians are reported.

Usage: python store_bench.py [--aios-mcp PATH] [--aiosctl PATH] [--quick] [--json OUT]
Prints a markdown report on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import selectors
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from protocol_bench import (INIT_PARAMS, RawClient, example_briefs, is_notification, line, log,  # noqa: E402
                            percentile, run_text)
from sqlite_peer import SCHEMA, job_id as sqlite_job_id  # noqa: E402

SQLITE_SETUP = ["-cmd", "PRAGMA synchronous=FULL", "-cmd", ".timeout 60000"]


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --------------------------------------------------------------------------------------------
# Inputs


def briefs() -> list[str]:
    """The shipped example briefs with content (empty-brief.md is refused by design)."""
    texts = [path.read_text() for path in example_briefs() if path.name != "empty-brief.md"]
    return [t for t in texts if t.strip()]


class Submits:
    """Request lines for `tools/call aios_full_pipeline`, cycling through the example briefs."""

    def __init__(self, texts: list[str]) -> None:
        self.templates = [
            b'{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":'
            + json.dumps({"name": "aios_full_pipeline", "arguments": {"spec": text}},
                         separators=(",", ":"), ensure_ascii=False).encode().replace(b"%", b"%%") + b"}\n"
            for text in texts]
        self.next = 0

    def take(self, rid: int) -> bytes:
        template = self.templates[self.next % len(self.templates)]
        self.next += 1
        return template % rid


def check_submitted(raw: bytes, rid: int | None = None) -> str:
    """The job id of a successful submit answer; raises on anything else."""
    message = json.loads(raw)
    if rid is not None and message.get("id") != rid:
        raise RuntimeError(f"expected id {rid}, got {raw[:200]!r}")
    result = message.get("result")
    if not isinstance(result, dict) or result.get("isError"):
        raise RuntimeError(f"submit failed: {raw[:300]!r}")
    return result["structuredContent"]["job_id"]


# --------------------------------------------------------------------------------------------
# Sides


@dataclass
class Side:
    key: str
    label: str
    server_argv: list[str]
    env: dict[str, str]

    def spawn(self, logs: Path) -> RawClient:
        client = RawClient(self.server_argv, self.env, logs / f"{self.key}.stderr")
        client.request("initialize", INIT_PARAMS)
        client.send(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        client.request("ping")
        return client


def make_sides(args: argparse.Namespace, home: Path, db: Path) -> list[Side]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    aios_env = dict(base, AIOS_HOME=str(home), AIOS_WORKERS="0", AIOS_LOG_LEVEL="warning")
    return [
        Side("aios", "aios store (aios-mcp)", [args.aios_mcp], aios_env),
        Side("sqlite", "SQLite WAL, synchronous=FULL", [sys.executable, str(HERE / "sqlite_peer.py"), str(db)],
             dict(base, PYTHONDONTWRITEBYTECODE="1")),
    ]


def alternating(keys: list[Any], rounds: int) -> list[tuple[int, Any]]:
    order = []
    for r in range(rounds):
        pair = keys if r % 2 == 0 else list(reversed(keys))
        order.extend((r, k) for k in pair)
    return order


# --------------------------------------------------------------------------------------------
# Submit through a server: sequential, 4 processes at once, many in flight


def sequential_submits(client: RawClient, submits: Submits, count: int, sink: list[float]) -> None:
    clock = time.perf_counter_ns
    replies = []
    gc.disable()
    for _ in range(count):
        rid = client.take_id()
        data = submits.take(rid)
        started = clock()
        client.send(data)
        reply = client.read_response()
        sink.append((clock() - started) / 1e6)
        replies.append((rid, reply))
    gc.enable()
    for rid, reply in replies:
        check_submitted(reply, rid)


def concurrent_submits(clients: list[RawClient], submits: Submits, per_client: int, sink: list[float]) -> float:
    """Each client keeps one submit in flight; returns the aggregate jobs/s."""
    clock = time.perf_counter_ns
    selector = selectors.DefaultSelector()
    sent_at: dict[int, tuple[int, int]] = {}
    remaining = {}
    for index, client in enumerate(clients):
        selector.register(client.rfd, selectors.EVENT_READ, index)
        remaining[index] = per_client
    replies = []
    gc.disable()
    started = clock()
    for index, client in enumerate(clients):
        rid = client.take_id()
        sent_at[index] = (rid, clock())
        client.send(submits.take(rid))
        remaining[index] -= 1
    active = len(clients)
    while active:
        for key, _ in selector.select():
            index = key.data
            client = clients[index]
            # A notification may come first; the answer is then on its way, so wait for it.
            reply = client.read_response()
            rid, t0 = sent_at[index]
            sink.append((clock() - t0) / 1e6)
            replies.append((rid, reply))
            if remaining[index]:
                rid = client.take_id()
                sent_at[index] = (rid, clock())
                client.send(submits.take(rid))
                remaining[index] -= 1
            else:
                selector.unregister(client.rfd)
                active -= 1
    elapsed = (clock() - started) / 1e9
    gc.enable()
    selector.close()
    for rid, reply in replies:
        check_submitted(reply, rid)
    return len(replies) / elapsed


def pipelined_submits(client: RawClient, submits: Submits, seconds: float, max_jobs: int, inflight: int) -> tuple[float, int]:
    """Keeps `inflight` submits outstanding for `seconds` or `max_jobs`; returns (jobs/s, jobs)."""
    assert client.pos == len(client.buf)
    clock = time.perf_counter
    next_id = client.next_id
    gc.disable()
    started = clock()
    client.send(b"".join(submits.take(i) for i in range(next_id, next_id + inflight)))
    next_id += inflight
    sent, done, rate, tail = inflight, 0, 0.0, b""
    deadline = started + seconds
    while True:
        chunk = os.read(client.rfd, 1 << 20)
        if not chunk:
            raise EOFError("the server closed stdout during a pipelined run")
        data = tail + chunk
        *lines, tail = data.split(b"\n")
        notices = [raw for raw in lines if is_notification(raw)]
        if notices:
            client.notifications += len(notices)
            lines = [raw for raw in lines if not is_notification(raw)]
        for raw in lines:
            check_submitted(raw)
        done += len(lines)
        if rate == 0.0 and (done >= max_jobs or clock() >= deadline):
            rate = done / (clock() - started)
        if rate == 0.0:
            if lines:
                client.send(b"".join(submits.take(i) for i in range(next_id, next_id + len(lines))))
                next_id += len(lines)
                sent += len(lines)
        elif done >= sent:
            break
    gc.enable()
    client.next_id = next_id
    return rate, done


def submit_latency(sides: list[Side], submits: Submits, logs: Path, quick: bool, results: dict) -> None:
    per_round, rounds = (30, 2) if quick else (250, 4)
    sessions = {side.key: side.spawn(logs) for side in sides}
    for side in sides:
        results[side.key]["submit_ms"] = []
        sequential_submits(sessions[side.key], submits, 10 if quick else 50, [])  # warm-up
    for _, side in alternating(sides, rounds):
        sequential_submits(sessions[side.key], submits, per_round, results[side.key]["submit_ms"])
    log("submit, one process: " + ", ".join(
        f"{s.key} p50 {med(results[s.key]['submit_ms']):.2f} ms" for s in sides))

    # 4 processes on one store, one submit in flight each.
    groups = {side.key: [sessions[side.key]] + [side.spawn(logs) for _ in range(3)] for side in sides}
    for side in sides:
        results[side.key]["submit4_ms"] = []
        results[side.key]["submit4_jobs_per_s"] = []
        concurrent_submits(groups[side.key], submits, 5, [])  # warm-up
    for _, side in alternating(sides, 2 if quick else 4):
        rate = concurrent_submits(groups[side.key], submits, 20 if quick else 100, results[side.key]["submit4_ms"])
        results[side.key]["submit4_jobs_per_s"].append(rate)
    log("submit, 4 processes: " + ", ".join(
        f"{s.key} p50 {med(results[s.key]['submit4_ms']):.2f} ms, {med(results[s.key]['submit4_jobs_per_s']):.0f} jobs/s"
        for s in sides))
    for side in sides:
        for client in groups[side.key][1:]:
            close_checked(client, side.key)

    # Group commit: many submits in flight through one process.
    client_for = {side.key: sessions[side.key] for side in sides}
    for side in sides:
        results[side.key]["group_jobs_per_s"] = []
        results[side.key]["group_cpu_us_per_job"] = []
        pipelined_submits(client_for[side.key], submits, 0.3, 500, 64)  # warm-up
    for _, side in alternating(sides, 1 if quick else 3):
        client = client_for[side.key]
        cpu_before = client.cpu_seconds()
        rate, done = pipelined_submits(client, submits, 0.5 if quick else 3.0, 30_000, 64)
        results[side.key]["group_jobs_per_s"].append(rate)
        results[side.key]["group_cpu_us_per_job"].append((client.cpu_seconds() - cpu_before) * 1e6 / done)
        log(f"group commit {side.key}: {rate:,.0f} jobs/s")
    for side in sides:
        close_checked(client_for[side.key], side.key)


NOTIFICATIONS: dict[str, int] = {}


def close_checked(client: RawClient, key: str) -> None:
    NOTIFICATIONS[key] = NOTIFICATIONS.get(key, 0) + client.notifications
    code = client.close()
    if key == "aios" and code != 0:
        raise RuntimeError(f"aios-mcp exited {code} on EOF")


# --------------------------------------------------------------------------------------------
# Whole processes: aiosctl against the sqlite3 shell


def spawn_exit(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """Runs a process to its end: (wall ms spawn → exit, its CPU ms, its stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter_ns()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, close_fds=True)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter_ns() - started) / 1e6
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read()
        if proc.returncode != 0:
            raise RuntimeError(f"{argv[0]} {argv[1:3]} exited {proc.returncode}: {err.read()[:400]!r}")
        return elapsed, (usage.ru_utime + usage.ru_stime) * 1e3, text


def sql_text(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def sqlite_insert_sql(spec: str) -> str:
    now = int(time.time() * 1000)
    request = json.dumps({"spec": spec}, separators=(",", ":"), ensure_ascii=False)
    phases = json.dumps(["strategy", "architecture", "ux", "code"])
    return ("INSERT INTO jobs (id, status, created_at, updated_at, phases, request, idempotency_key, webhook_url) "
            f"VALUES ({sql_text(sqlite_job_id(now))}, 'queued', {now}, {now}, {sql_text(phases)}, {sql_text(request)}, NULL, NULL)")


@dataclass
class ProcessSide:
    """How one side does an action as a whole process."""
    key: str
    env: dict[str, str]
    aiosctl: str
    db: Path

    def submit_argv(self, spec: str) -> list[str]:
        if self.key == "aios":
            return [self.aiosctl, "submit", "--spec", spec]
        return ["sqlite3", *SQLITE_SETUP, str(self.db), sqlite_insert_sql(spec)]

    def newest_argv(self) -> list[str]:
        if self.key == "aios":
            return [self.aiosctl, "jobs", "--limit", "1"]
        return ["sqlite3", *SQLITE_SETUP, str(self.db), "SELECT id, status, created_at FROM jobs ORDER BY seq DESC LIMIT 1"]

    def status_argv(self, job: str) -> list[str]:
        if self.key == "aios":
            return [self.aiosctl, "status", job]
        return ["sqlite3", *SQLITE_SETUP, str(self.db), f"SELECT * FROM jobs WHERE id = {sql_text(job)}"]


def aios_process_env(home: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    return dict(base, AIOS_HOME=str(home), AIOS_LOG_LEVEL="warning")


def make_sqlite_db(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(SCHEMA)
    db.close()


def process_submits(sides: list[ProcessSide], texts: list[str], quick: bool, results: dict) -> None:
    reps = 4 if quick else 20
    for side in sides:
        results[side.key]["process_submit_ms"] = []
        results[side.key]["process_submit_cpu_ms"] = []
        spawn_exit(side.submit_argv(texts[0]), side.env)  # warm-up (page cache)
    for r, side in alternating(sides, reps):
        ms, cpu, out = spawn_exit(side.submit_argv(texts[r % len(texts)]), side.env)
        if side.key == "aios" and not out.strip().startswith(b"job_"):
            raise RuntimeError(f"aiosctl submit printed {out[:200]!r}")
        results[side.key]["process_submit_ms"].append(ms)
        results[side.key]["process_submit_cpu_ms"].append(cpu)

    # Four spawners at once, each running its processes one after another.
    for side in sides:
        results[side.key]["process_submit4_ms"] = []
    for _, side in alternating(sides, 2 if quick else 4):
        samples: list[float] = []
        errors: list[BaseException] = []

        def spawner(offset: int, side: ProcessSide = side, samples: list[float] = samples, errors: list = errors) -> None:
            try:
                for i in range(2 if quick else 5):
                    samples.append(spawn_exit(side.submit_argv(texts[(offset + i) % len(texts)]), side.env)[0])
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        threads = [threading.Thread(target=spawner, args=(k,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        results[side.key]["process_submit4_ms"].extend(samples)
    log("submit as a process: " + ", ".join(
        f"{s.key} {med(results[s.key]['process_submit_ms']):.1f} ms (4 at once {med(results[s.key]['process_submit4_ms']):.1f} ms)"
        for s in sides))


# --------------------------------------------------------------------------------------------
# Reopen and status at 10 k and 100 k jobs


def fill_aios(args: argparse.Namespace, home: Path, submits: Submits, target: int, have: int, logs: Path) -> tuple[int, float]:
    """Submits jobs through one aios-mcp, 128 in flight, until the store holds `target`."""
    if target <= have:
        return have, 0.0
    side = Side("fill", "fill", [args.aios_mcp], dict(aios_process_env(home), AIOS_WORKERS="0"))
    client = side.spawn(logs)
    started = time.perf_counter()
    done_total = 0
    while have + done_total < target:
        missing = target - have - done_total
        _, done = pipelined_submits(client, submits, 600.0, max(1, missing - 128), min(128, missing))
        done_total += done
    elapsed = time.perf_counter() - started
    close_checked(client, "aios")
    return have + done_total, done_total / elapsed


def fill_sqlite(db: Path, texts: list[str], target: int, have: int) -> int:
    """Inserts the same rows the peer would, in one transaction (filling is not what is timed)."""
    if target <= have:
        return have
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("BEGIN")
    phases = json.dumps(["strategy", "architecture", "ux", "code"])
    now = int(time.time() * 1000)
    rows = ((sqlite_job_id(now), now, now, phases,
             json.dumps({"spec": texts[i % len(texts)]}, separators=(",", ":"), ensure_ascii=False))
            for i in range(target - have))
    conn.executemany("INSERT INTO jobs (id, status, created_at, updated_at, phases, request) VALUES (?, 'queued', ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return target


def store_files(home: Path) -> str:
    parts = []
    for path in sorted(home.iterdir()):
        if path.is_file() and path.stat().st_size > 0:
            parts.append(f"{path.name} {path.stat().st_size / 1e6:.1f} MB")
    return ", ".join(parts)


def any_job(side: ProcessSide) -> str:
    if side.key == "aios":
        _, _, out = spawn_exit([side.aiosctl, "jobs", "--limit", "1", "--json"], side.env)
        listing = json.loads(out)
        jobs = listing if isinstance(listing, list) else listing.get("jobs", [])
        return jobs[0]["job_id"]
    conn = sqlite3.connect(side.db)
    (identifier,) = conn.execute("SELECT id FROM jobs ORDER BY seq LIMIT 1 OFFSET (SELECT count(*) / 2 FROM jobs)").fetchone()
    conn.close()
    return identifier


def reopen_round(label: str, sides: list[ProcessSide], empties: dict[str, ProcessSide], reps: int, results: dict) -> None:
    """`aiosctl jobs --limit 1` and `aiosctl status JOB` (and the sqlite3 equivalents), spawn → exit,
    on the full store and on a one-job store, alternating all of them."""
    jobs = {side.key: any_job(side) for side in sides}
    cases = []
    for side in sides:
        base = empties[side.key]
        empty_job = any_job(base)
        cases += [(f"{side.key}:newest:{label}", side, side.newest_argv()),
                  (f"{side.key}:newest:base", base, base.newest_argv()),
                  (f"{side.key}:status:{label}", side, side.status_argv(jobs[side.key])),
                  (f"{side.key}:status:base", base, base.status_argv(empty_job))]
    cases.append(("floor:true:base", sides[0], ["/bin/true"]))
    for name, side, argv in cases:
        results["process"].setdefault(name, [])
        results["process"].setdefault(name + ":cpu", [])
        spawn_exit(argv, side.env)  # warm-up: page cache
    for r in range(reps):
        for name, side, argv in (cases if r % 2 == 0 else list(reversed(cases))):
            ms, cpu, _ = spawn_exit(argv, side.env)
            results["process"][name].append(ms)
            results["process"][name + ":cpu"].append(cpu)
    p = results["process"]
    log(f"reopen {label}: " + ", ".join(
        f"{s.key} newest {med(p[f'{s.key}:newest:{label}']) - med(p[f'{s.key}:newest:base']):.1f} ms over base, "
        f"status {med(p[f'{s.key}:status:{label}']):.1f} ms" for s in sides))


def submit_on_large_store(args: argparse.Namespace, home: Path, db: Path, submits: Submits, logs: Path, quick: bool,
                          results: dict) -> None:
    """Durable submit latency through a server whose store already holds the large fill: what a
    long-lived server pays once the store has grown (the peer: its database of the same rows)."""
    sides = make_sides(args, home, db)
    sessions = {side.key: side.spawn(logs) for side in sides}
    for side in sides:
        results[side.key]["submit_large_ms"] = []
        sequential_submits(sessions[side.key], submits, 5 if quick else 20, [])  # warm-up
    for _, side in alternating(sides, 2 if quick else 4):
        sequential_submits(sessions[side.key], submits, 20 if quick else 50, results[side.key]["submit_large_ms"])
    for side in sides:
        close_checked(sessions[side.key], side.key)
    log("submit on the large store: " + ", ".join(
        f"{s.key} p50 {med(results[s.key]['submit_large_ms']):.2f} ms" for s in sides))


def reopen(args: argparse.Namespace, texts: list[str], submits: Submits, root: Path, logs: Path, quick: bool, results: dict) -> None:
    """Three stores on one fill: 10 k jobs (all in the journal, below the 8 MiB compaction
    threshold); 100 k jobs at the slow end of the compaction cycle (a snapshot of 55 k jobs
    plus 45 k in the journal, just under the snapshot's size, which triggers the next
    compaction); the same 100 k right after `aiosctl store compact` (the fast end)."""
    small, split, large = (1000, 1650, 3000) if quick else (10_000, 55_000, 100_000)
    reps_small, reps_large = (3, 3) if quick else (7, 5)
    home, db = root / "reopen-home", root / "reopen.db"
    empty_home, empty_db = root / "one-job-home", root / "one-job.db"
    make_sqlite_db(db)
    make_sqlite_db(empty_db)
    sides = [ProcessSide("aios", aios_process_env(home), args.aiosctl, db),
             ProcessSide("sqlite", dict(os.environ), args.aiosctl, db)]
    empties = {"aios": ProcessSide("aios", aios_process_env(empty_home), args.aiosctl, empty_db),
               "sqlite": ProcessSide("sqlite", dict(os.environ), args.aiosctl, empty_db)}
    for side in empties.values():
        spawn_exit(side.submit_argv(texts[0]), side.env)
    results["process"] = {}
    results["reopen"] = {}

    def compact() -> float:
        started = time.perf_counter()
        spawn_exit([args.aiosctl, "store", "compact"], sides[0].env)
        return time.perf_counter() - started

    def fill(target: int, have: int) -> tuple[int, float]:
        have_aios, rate = fill_aios(args, home, submits, target, have, logs)
        fill_sqlite(db, texts, target, have)
        log(f"filled {target} jobs ({rate:,.0f} jobs/s through aios-mcp, 128 in flight); aios store: {store_files(home)}")
        return have_aios, rate

    have, rate = fill(small, 0)
    label = f"{small // 1000}k"
    results["reopen"][label] = {"title": f"{small:,} jobs, all in the journal", "aios_files": store_files(home),
                                "fill_jobs_per_s": rate, "sqlite_file": f"{db.stat().st_size / 1e6:.1f} MB"}
    reopen_round(label, sides, empties, reps_small, results)

    have, _ = fill(split, have)
    split_compact = compact()
    have, rate = fill(large, have)
    label = f"{large // 1000}k"
    results["reopen"][label] = {"title": f"{large:,} jobs: snapshot of {split:,} + {large - split:,} in the journal",
                                "aios_files": store_files(home), "fill_jobs_per_s": rate,
                                "sqlite_file": f"{db.stat().st_size / 1e6:.1f} MB",
                                "note": f"compacted by hand at {split:,} jobs ({split_compact:.1f} s)"}
    reopen_round(label, sides, empties, reps_large, results)
    submit_on_large_store(args, home, db, submits, logs, quick, results)

    label = f"{large // 1000}k-compacted"
    results["reopen"][label] = {"title": f"the same {large:,} jobs right after `store compact`",
                                "compact_s": compact(), "aios_files": store_files(home)}
    log(f"compacted in {results['reopen'][label]['compact_s']:.1f} s; aios store: {store_files(home)}")
    reopen_round(label, sides, empties, reps_large, results)


# --------------------------------------------------------------------------------------------
# Report


def machine_facts(args: argparse.Namespace) -> dict[str, str]:
    cpu = "unknown"
    for text in Path("/proc/cpuinfo").read_text().splitlines():
        if text.startswith("model name"):
            cpu = text.split(":", 1)[1].strip()
            break
    swift = run_text(["swift", "--version"]).splitlines()
    fs = run_text(["findmnt", "-no", "FSTYPE,SOURCE", "-T", tempfile.gettempdir()]) or "unknown"
    return {
        "cpus (sched_getaffinity)": str(len(os.sched_getaffinity(0))),
        "cpu model": cpu,
        "kernel": platform.release(),
        "file system of the stores": f"{tempfile.gettempdir()} ({fs})",
        "swift": next((s for s in swift if "Swift version" in s), swift[0] if swift else "unknown"),
        "python / sqlite": f"{platform.python_version()} / SQLite {sqlite3.sqlite_version} (module), "
                           f"{run_text(['sqlite3', '--version']).split(' ')[0]} (shell)",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def fmt(x: float) -> str:
    if x != x:
        return "—"
    if x >= 1000:
        return f"{x:,.0f}"
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def report(results: dict, facts: dict[str, str], settings: dict[str, Any], sizes: list[str]) -> str:
    a, s, p = results["aios"], results["sqlite"], results["process"]
    out = ["## Store: aios journal vs SQLite (WAL, synchronous=FULL)", ""]
    out.append("| measure | unit | aios | SQLite | cost ratio aios/SQLite |")
    out.append("| --- | --- | ---: | ---: | ---: |")

    def row(name: str, unit: str, av: float, sv: float, higher: bool = False) -> None:
        ratio = (sv / av) if higher else (av / sv)
        label = "SQLite/aios " if higher else ""
        out.append(f"| {name} | {unit} | {fmt(av)} | {fmt(sv)} | {label}{ratio:.2f} |")

    row("submit, one process, one in flight: p50", "ms", med(a["submit_ms"]), med(s["submit_ms"]))
    row("submit, one process, one in flight: p99", "ms", percentile(a["submit_ms"], 0.99), percentile(s["submit_ms"], 0.99))
    row("submit, 4 processes on one store, one in flight each: p50", "ms", med(a["submit4_ms"]), med(s["submit4_ms"]))
    row("submit, 4 processes: p99", "ms", percentile(a["submit4_ms"], 0.99), percentile(s["submit4_ms"], 0.99))
    row("submit, 4 processes: aggregate (median of rounds)", "jobs/s", med(a["submit4_jobs_per_s"]), med(s["submit4_jobs_per_s"]), True)
    if "submit_large_ms" in a:
        big_title = list(results["reopen"].values())[1]["title"].split(":")[0]
        row(f"submit, one process, on the store of {big_title}: p50", "ms", med(a["submit_large_ms"]), med(s["submit_large_ms"]))
        row("… p99", "ms", percentile(a["submit_large_ms"], 0.99), percentile(s["submit_large_ms"], 0.99))
    row("group commit: one process, 64 in flight (median of rounds)", "jobs/s", med(a["group_jobs_per_s"]), med(s["group_jobs_per_s"]), True)
    row("server CPU per job during group commit", "µs", med(a["group_cpu_us_per_job"]), med(s["group_cpu_us_per_job"]))
    row("submit as a whole process (`aiosctl submit --spec` / `sqlite3` shell): median", "ms",
        med(a["process_submit_ms"]), med(s["process_submit_ms"]))
    row("… its CPU time", "ms", med(a["process_submit_cpu_ms"]), med(s["process_submit_cpu_ms"]))
    row("submit as a whole process, 4 at once: median", "ms", med(a["process_submit4_ms"]), med(s["process_submit4_ms"]))
    out.append("")
    out.append("Server rows: a client on pipes sends `tools/call aios_full_pipeline` with an example brief and "
               "times until the answer (durable before it is sent). Process rows: spawn → exit.")
    out.append("")

    out.append("### Reopen and status as whole processes (spawn → exit, median)")
    out.append("")
    out.append("| store | aios `jobs --limit 1` | … minus one-job store | aios `status JOB` | status CPU | "
               "SQLite newest row | … minus one-job db | SQLite row by id |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    out.append(f"| one job | {fmt(med(p['aios:newest:base']))} | 0 | {fmt(med(p['aios:status:base']))} | "
               f"{fmt(med(p['aios:status:base:cpu']))} | {fmt(med(p['sqlite:newest:base']))} | 0 | {fmt(med(p['sqlite:status:base']))} |")
    for label in sizes:
        out.append(f"| {results['reopen'][label]['title']} | {fmt(med(p[f'aios:newest:{label}']))} | "
                   f"{fmt(med(p[f'aios:newest:{label}']) - med(p['aios:newest:base']))} | "
                   f"{fmt(med(p[f'aios:status:{label}']))} | {fmt(med(p[f'aios:status:{label}:cpu']))} | "
                   f"{fmt(med(p[f'sqlite:newest:{label}']))} | "
                   f"{fmt(med(p[f'sqlite:newest:{label}']) - med(p['sqlite:newest:base']))} | "
                   f"{fmt(med(p[f'sqlite:status:{label}']))} |")
    out.append(f"| harness floor (`/bin/true`) | {fmt(med(p['floor:true:base']))} | | | | | | |")
    out.append("")
    out.append("All in ms. Store files at each size:")
    for label, info in results["reopen"].items():
        extra = f"; {info['note']}" if "note" in info else ""
        extra += f"; filled at {info['fill_jobs_per_s']:,.0f} jobs/s through aios-mcp" if info.get("fill_jobs_per_s") else ""
        extra += f"; `store compact` took {info['compact_s']:.1f} s" if "compact_s" in info else ""
        sq = f"; SQLite {info['sqlite_file']}" if "sqlite_file" in info else ""
        out.append(f"- {info['title']}: aios {info['aios_files']}{sq}{extra}")
    out.append("")

    big = sizes[-2] if len(sizes) > 1 else sizes[-1]
    reopen_big = med(p[f"aios:newest:{big}"]) - med(p["aios:newest:base"])
    reopen_compacted = med(p[f"aios:newest:{sizes[-1]}"]) - med(p["aios:newest:base"])
    status_ms = med(p["aios:status:base"])
    out.append("### Budget (issues 3 and 9)")
    out.append("")
    out.append("| budget line | target | measured | verdict |")
    out.append("| --- | --- | ---: | --- |")
    lines = [
        ("durable submit p50 (one process)", "≤ 2 ms", f"{med(a['submit_ms']):.2f} ms", med(a["submit_ms"]) <= 2),
        (f"durable submit p50 on the {big} store", "≤ 2 ms", f"{med(a['submit_large_ms']):.2f} ms", med(a["submit_large_ms"]) <= 2),
        (f"reopen of {big} jobs, slow end of the compaction cycle", "≤ 1 s", f"{reopen_big:.0f} ms", reopen_big <= 1000),
        (f"reopen of {big} jobs right after `aiosctl store compact`", "≤ 1 s", f"{reopen_compacted:.0f} ms", reopen_compacted <= 1000),
        ("`aiosctl status` as a whole process (one-job store)", "≤ 20 ms", f"{status_ms:.1f} ms", status_ms <= 20),
        (f"`aiosctl status` at {big} jobs", "≤ 20 ms", f"{med(p[f'aios:status:{big}']):.1f} ms", med(p[f"aios:status:{big}"]) <= 20),
    ]
    for name, target, measured, met in lines:
        out.append(f"| {name} | {target} | {measured} | {'met' if met else '**missed**'} |")
    out.append("")
    out.append("### Machine and settings")
    out.append("")
    for key, value in {**facts, **settings}.items():
        out.append(f"- {key}: {value}")
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aios-mcp", default=str(REPO / ".build" / "release" / "aios-mcp"))
    parser.add_argument("--aiosctl", default=str(REPO / ".build" / "release" / "aiosctl"))
    parser.add_argument("--quick", action="store_true", help="few iterations, 3 k jobs: checks the harness, not the numbers")
    parser.add_argument("--json", help="also write every raw sample to this file")
    args = parser.parse_args()
    for path in (args.aios_mcp, args.aiosctl):
        if not os.access(path, os.X_OK):
            raise SystemExit(f"{path} is not an executable: build it with `swift build -c release`")
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 shell is needed for the whole-process peer rows (apt-get install sqlite3)")

    settings = {
        "sequential submits per side": "2 × 30" if args.quick else "4 alternating rounds × 250, after 50 warm-up",
        "4-process submits per side": "2 × 4 × 20" if args.quick else "4 alternating rounds × 4 processes × 100",
        "group commit rounds per side": "1 × 0.5 s" if args.quick else "3 × (3 s or 30 000 jobs), 64 in flight",
        "whole-process submits per side": "4 sequential, 2 × 4 × 2 at once" if args.quick else "20 sequential; 4 rounds × 4 spawners × 5",
        "reopen / status spawns per case": "3" if args.quick else "7 at 10 k, 5 at 100 k",
        "submits on the 100 k store per side": "2 × 20" if args.quick else "4 alternating rounds × 50, after 20 warm-up",
    }
    started = time.monotonic()
    facts = machine_facts(args)
    texts = briefs()
    submits = Submits(texts)
    root = Path(tempfile.mkdtemp(prefix="aios-store-bench-"))
    logs = root / "logs"
    logs.mkdir()
    results: dict[str, Any] = {"aios": {}, "sqlite": {}}
    try:
        home, db = root / "submit-home", root / "submit.db"
        sides = make_sides(args, home, db)
        submit_latency(sides, submits, logs, args.quick, results)
        # A fresh store: these rows are the cost of a process, not of the jobs submitted above.
        process_home, process_db = root / "process-home", root / "process.db"
        make_sqlite_db(process_db)
        process_sides = [ProcessSide("aios", aios_process_env(process_home), args.aiosctl, process_db),
                         ProcessSide("sqlite", dict(os.environ), args.aiosctl, process_db)]
        process_submits(process_sides, texts, args.quick, results)
        reopen(args, texts, submits, root, logs, args.quick, results)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    facts["server notifications skipped (not answers)"] = ", ".join(f"{k} {v}" for k, v in sorted(NOTIFICATIONS.items())) or "none"
    facts["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts["bench wall time"] = f"{time.monotonic() - started:.0f} s"
    sizes = [k for k in results["reopen"]]
    print(report(results, facts, settings, sizes))
    if args.json:
        Path(args.json).write_text(json.dumps({"facts": facts, "settings": settings, "results": results}, indent=1))


if __name__ == "__main__":
    main()
