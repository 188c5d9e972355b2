"""Store backends side by side: the file store against PostgreSQL, on the same machine, in one run.

For each measurement the two backends alternate (file, postgres, then postgres, file, …) so both see
the same machine noise; medians (and p95 where it says so) are reported.

- Submit latency: `aios-mcp` with AIOS_WORKERS=0 over stdio, raw JSON-RPC `tools/call
  aios_full_pipeline`, one at a time (an answer arrives only once the job is durable); p50 and p95
  over N submits.
- Claims per second with 1, 4 and 16 workers: N one-phase jobs (`--phases strategy`, the builtin
  engine) are queued, then one `aiosctl worker --concurrency W` drains them; the time from the
  worker's start until the last job (claimed last: claims are FIFO) has ended, divided into N. Each
  claim therefore carries one short builtin phase and its completion: it is the rate at which the
  store hands out and closes jobs, not a bare `SELECT … FOR UPDATE SKIP LOCKED`.
- End-to-end time per job: `aiosctl run` of one brief through all four phases (whole process: start,
  submit, claim, four phases, artifacts, exit).

PostgreSQL: a throwaway cluster under a temporary directory (initdb + pg_ctl, fsync on, like a real
server), one new database per measurement, started and stopped by this script.

Usage: python backend_bench.py [--bin DIR] [--quick] [--json OUT]
Prints a markdown report on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from protocol_bench import log, percentile  # noqa: E402
from store_bench import Side, Submits, briefs, sequential_submits  # noqa: E402

ONE_PHASE_BRIEF = "Teachers create quizzes; students take them and see their scores."


class Postgres:
    """A throwaway PostgreSQL cluster on a free loopback port."""

    def __init__(self, root: Path) -> None:
        bindir = next((d for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
                       if os.access(f"{d}/initdb", os.X_OK)), None)
        if bindir is None:
            raise SystemExit("backend_bench: no initdb (install Debian's postgresql)")
        self.root = root
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.ctl = self.as_user + [f"{bindir}/pg_ctl", "-D", str(root / "data")]
        subprocess.run(self.as_user + [f"{bindir}/initdb", "-D", str(root / "data"), "-U", "postgres", "-A", "trust",
                                       "-E", "UTF8", "--locale=C"], check=True, cwd=root, stdout=subprocess.DEVNULL)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run(self.ctl + ["-l", str(root / "server.log"), "-w", "-t", "60", "-o",
                                   f"-p {self.port} -c listen_addresses=127.0.0.1 -k {root} -c max_connections=200",
                                   "start"], check=True, cwd=root, stdout=subprocess.DEVNULL)
        self.base = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.count = 0

    def fresh(self, aiosctl: str) -> str:
        self.count += 1
        name = f"bench_{os.getpid()}_{self.count}"
        subprocess.run(["psql", "-X", "-q", self.base, "-c", f"CREATE DATABASE {name}"], check=True)
        url = f"postgresql://postgres@127.0.0.1:{self.port}/{name}"
        subprocess.run([aiosctl, "store", "migrate"], check=True, env=env_for(Path("/nonexistent"), url),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return url

    def stop(self) -> None:
        subprocess.run(self.ctl + ["-m", "fast", "-w", "stop"], cwd=self.root, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def env_for(home: Path, store: str | None, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    env = dict(base, AIOS_HOME=str(home), AIOS_LOG_LEVEL="error", **extra)
    if store:
        env["AIOS_STORE"] = store
    return env


def new_store(kind: str, pg: Postgres, aiosctl: str, root: Path) -> tuple[Path, str | None]:
    home = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=root))
    return home, (pg.fresh(aiosctl) if kind == "postgres" else None)


def alternating(rounds: int) -> list[str]:
    order: list[str] = []
    for r in range(rounds):
        order += ["file", "postgres"] if r % 2 == 0 else ["postgres", "file"]
    return order


def submit_latency(args: argparse.Namespace, pg: Postgres, root: Path, results: dict) -> None:
    submits = Submits(briefs())
    per_round = 50 if args.quick else 200
    for kind in alternating(2 if args.quick else 4):
        home, store = new_store(kind, pg, args.aiosctl, root)
        side = Side(kind, kind, [args.aios_mcp], env_for(home, store, AIOS_WORKERS="0"))
        client = side.spawn(root)
        sequential_submits(client, submits, 5, [])  # warm-up: connections, caches
        sink: list[float] = []
        sequential_submits(client, submits, per_round, sink)
        client.close()
        results.setdefault(f"submit_ms/{kind}", []).extend(sink)
        log(f"submit {kind}: p50 {statistics.median(sink):.2f} ms over {len(sink)}")


def run_ok(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"backend_bench: {' '.join(argv[:3])} failed ({done.returncode}): {done.stderr.strip()[:400]}")
    return done


def claims(args: argparse.Namespace, pg: Postgres, root: Path, results: dict) -> None:
    jobs = 40 if args.quick else 120
    for workers in (1, 4, 16):
        for kind in alternating(1 if args.quick else 2):
            home, store = new_store(kind, pg, args.aiosctl, root)
            env = env_for(home, store)
            ids = [run_ok([args.aiosctl, "submit", "--spec", f"{ONE_PHASE_BRIEF} ({i})", "--phases", "strategy"], env).stdout.strip()
                   for i in range(jobs)]
            started = time.perf_counter()
            worker = subprocess.Popen([args.aiosctl, "worker", "--concurrency", str(workers)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                run_ok([args.aiosctl, "wait", ids[-1], "--timeout", "600s"], env)
                elapsed = time.perf_counter() - started
            finally:
                worker.terminate()
                worker.wait(timeout=60)
            listed = json.loads(run_ok([args.aiosctl, "jobs", "--json", "--limit", str(jobs * 2)], env).stdout)
            unfinished = [j for j in listed if j.get("status") in ("queued", "running")]
            rate = (jobs - len(unfinished)) / elapsed
            results.setdefault(f"claims_per_s/{workers}/{kind}", []).append(rate)
            log(f"claims W={workers} {kind}: {rate:.1f}/s ({jobs} jobs, {elapsed:.2f} s, {len(unfinished)} unfinished)")


def end_to_end(args: argparse.Namespace, pg: Postgres, root: Path, results: dict) -> None:
    brief = (REPO / "examples" / "habit-tracker.md").read_text()
    for kind in alternating(2 if args.quick else 5):
        home, store = new_store(kind, pg, args.aiosctl, root)
        env = env_for(home, store)
        started = time.perf_counter()
        done = subprocess.run([args.aiosctl, "run", "--spec", brief, "--json"], env=env, capture_output=True, text=True)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode not in (0, 1):
            raise SystemExit(f"backend_bench: run failed ({done.returncode}): {done.stderr.strip()[:400]}")
        results.setdefault(f"e2e_ms/{kind}", []).append(elapsed)
        log(f"end to end {kind}: {elapsed:.0f} ms")


def report(results: dict, facts: dict[str, str]) -> str:
    def med(key: str) -> float:
        values = results.get(key, [])
        return statistics.median(values) if values else float("nan")

    out = [f"Machine: {facts['machine']}; load average before {facts['load_before']}, after {facts['load_after']}; "
           f"{facts['seconds']} s.", "",
           "| measurement | file store | PostgreSQL | PostgreSQL / file |", "| --- | ---: | ---: | ---: |"]
    for q, label in ((50, "p50"), (95, "p95")):
        f = percentile(results["submit_ms/file"], q / 100)
        p = percentile(results["submit_ms/postgres"], q / 100)
        out.append(f"| submit latency {label} (ms, {len(results['submit_ms/file'])} submits each) | {f:.2f} | {p:.2f} | {p / f:.2f}× |")
    for workers in (1, 4, 16):
        f, p = med(f"claims_per_s/{workers}/file"), med(f"claims_per_s/{workers}/postgres")
        out.append(f"| claims per second, {workers} worker{'s' if workers > 1 else ''} (one-phase jobs) | {f:.1f} | {p:.1f} | {p / f:.2f}× |")
    f, p = med("e2e_ms/file"), med("e2e_ms/postgres")
    out.append(f"| end-to-end per job, `aiosctl run`, 4 phases (ms, median of {len(results['e2e_ms/file'])}) | {f:.0f} | {p:.0f} | {p / f:.2f}× |")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=str(REPO / ".build" / "release"), help="directory of aios-mcp and aiosctl")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    parser.add_argument("--json", help="also write the raw figures here")
    parser.add_argument("--report-from", help="print the report of figures an earlier run wrote with --json, and exit")
    args = parser.parse_args()
    if args.report_from:
        saved = json.loads(Path(args.report_from).read_text())
        print(report(saved["results"], saved["facts"]))
        return
    args.aios_mcp = str(Path(args.bin) / "aios-mcp")
    args.aiosctl = str(Path(args.bin) / "aiosctl")
    root = Path(tempfile.mkdtemp(prefix="aios-backend-bench-"))
    os.chmod(root, 0o755)
    load_before = "%.2f %.2f %.2f" % os.getloadavg()
    started = time.time()
    pg = Postgres(Path(tempfile.mkdtemp(prefix="pg-", dir=root)))
    results: dict = {}
    try:
        submit_latency(args, pg, root, results)
        claims(args, pg, root, results)
        end_to_end(args, pg, root, results)
    finally:
        pg.stop()
    facts = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.release()}",
        "load_before": load_before, "load_after": "%.2f %.2f %.2f" % os.getloadavg(),
        "seconds": f"{time.time() - started:.0f}",
    }
    if args.json:
        Path(args.json).write_text(json.dumps({"facts": facts, "results": results}, indent=1))
    print(report(results, facts))
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
