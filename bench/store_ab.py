"""Store A/B: two builds of aios on the same stores, alternating, for a change to the store.

`store_bench.py` compares aios with SQLite; this compares an old and a new aios build with each
other, on the measurements of the store's hot paths, in one run so both see the same machine:

- durable submit latency through `aios-mcp` (AIOS_WORKERS=0), one server per build on one store,
  alternating rounds of sequential `aios_full_pipeline` calls;
- reopening a 100 000-job store as whole processes (`aiosctl jobs --limit 1`: a full load, the
  snapshot and journal decoded; `aiosctl status JOB`: one job read), at the slow end of the
  compaction cycle (a 55 000-job snapshot plus 45 000 jobs in the journal) and the fast end
  (right after `store compact`), builds alternating within each round;
- `aiosctl store compact` on that store (a full load and a snapshot written), builds alternating.

Both builds must read and write the same formats (the run fails otherwise). Medians are reported.

Usage: python store_ab.py --old DIR --new DIR [--quick] [--json OUT]
(DIR holds `aios-mcp` and `aiosctl`, e.g. a release build's .build/release.) Markdown on stdout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from protocol_bench import log  # noqa: E402
from store_bench import (Side, Submits, aios_process_env, alternating, briefs, close_checked, fill_aios,  # noqa: E402
                         sequential_submits, spawn_exit, store_files)


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True, help="directory with the old build's aios-mcp and aiosctl")
    parser.add_argument("--new", required=True, help="directory with the new build's aios-mcp and aiosctl")
    parser.add_argument("--quick", action="store_true", help="3 k jobs, few rounds: checks the harness, not the numbers")
    parser.add_argument("--json", help="also write every raw sample to this file")
    args = parser.parse_args()
    builds = {"old": Path(args.old), "new": Path(args.new)}
    split, large = (1650, 3000) if args.quick else (55_000, 100_000)
    reps, rounds, per_round = (3, 2, 20) if args.quick else (7, 4, 100)
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory(prefix="aios-store-ab-") as tmp:
        root = Path(tmp)
        logs = root / "logs"
        logs.mkdir()
        home = root / "home"
        submits = Submits(briefs())
        env = aios_process_env(home)

        # Durable submits: one server per build on the same store, alternating rounds.
        sessions = {}
        for key, directory in builds.items():
            side = Side(key, key, [str(directory / "aios-mcp")], dict(env, AIOS_WORKERS="0"))
            sessions[key] = side.spawn(logs)
            sequential_submits(sessions[key], submits, 20, [])  # warm-up
        for _, key in alternating(list(builds), rounds):
            sink: list[float] = []
            sequential_submits(sessions[key], submits, per_round, sink)
            samples.setdefault(f"{key}:submit_ms", []).extend(sink)
        for key, client in sessions.items():
            close_checked(client, key)
        log("submit p50: " + ", ".join(f"{k} {med(samples[f'{k}:submit_ms']):.3f} ms" for k in builds))

        # A large store, filled through the old build (the formats are the same).
        fill_args = SimpleNamespace(aios_mcp=str(builds["old"] / "aios-mcp"))
        have, _ = fill_aios(fill_args, home, submits, split, 0, logs)
        spawn_exit([str(builds["old"] / "aiosctl"), "store", "compact"], env)
        have, _ = fill_aios(fill_args, home, submits, large, have, logs)
        log(f"filled {have} jobs; store: {store_files(home)}")
        listing = json.loads(spawn_exit([str(builds["old"] / "aiosctl"), "jobs", "--limit", "1", "--json"], env)[2])
        job = (listing if isinstance(listing, list) else listing.get("jobs", []))[0]["job_id"]

        def reopen_round(label: str) -> None:
            cases = []
            for key, directory in builds.items():
                cases += [(f"{key}:{label}:jobs", [str(directory / "aiosctl"), "jobs", "--limit", "1"]),
                          (f"{key}:{label}:status", [str(directory / "aiosctl"), "status", job])]
            for _, argv in cases:
                spawn_exit(argv, env)  # warm-up: page cache
            for r in range(reps):
                for name, argv in (cases if r % 2 == 0 else list(reversed(cases))):
                    ms, cpu, _ = spawn_exit(argv, env)
                    add(name + "_ms", ms)
                    add(name + "_cpu_ms", cpu)
            log(f"reopen {label}: " + ", ".join(
                f"{k} jobs {med(samples[f'{k}:{label}:jobs_ms']):.0f} ms, status {med(samples[f'{k}:{label}:status_ms']):.1f} ms"
                for k in builds))

        reopen_round("slow")
        # Compaction, alternating: each writes the next generation from the whole state.
        backup = root / "slow-end"
        shutil.copytree(home, backup)
        for _, key in alternating(list(builds), max(2, reps // 2)):
            ms, cpu, _ = spawn_exit([str(builds[key] / "aiosctl"), "store", "compact"], env)
            add(f"{key}:compact_ms", ms)
            add(f"{key}:compact_cpu_ms", cpu)
        log("compact: " + ", ".join(f"{k} {med(samples[f'{k}:compact_ms']):.0f} ms" for k in builds))
        reopen_round("fast")
        fast_files = store_files(home)

    rows = [
        ("durable submit p50, one process (ms)", "submit_ms", "p50"),
        ("`aiosctl jobs --limit 1`, 100 k jobs, slow end (ms)", "slow:jobs_ms", ""),
        ("  CPU (ms)", "slow:jobs_cpu_ms", ""),
        ("`aiosctl status JOB`, slow end (ms)", "slow:status_ms", ""),
        ("`aiosctl store compact`, 100 k jobs (ms)", "compact_ms", ""),
        ("  CPU (ms)", "compact_cpu_ms", ""),
        ("`aiosctl jobs --limit 1`, 100 k jobs, fast end (ms)", "fast:jobs_ms", ""),
        ("  CPU (ms)", "fast:jobs_cpu_ms", ""),
        ("`aiosctl status JOB`, fast end (ms)", "fast:status_ms", ""),
    ]
    print(f"| measurement (median) | old | new | new / old |\n| --- | --- | --- | --- |")
    for title, suffix, _ in rows:
        old, new = med(samples.get(f"old:{suffix}", [])), med(samples.get(f"new:{suffix}", []))
        print(f"| {title} | {old:.3f} | {new:.3f} | {new / old:.3f} |" if old else f"| {title} | — | — | — |")
    print(f"\nstore after the fast-end compaction: {fast_files}; samples per cell: reopen {reps}, "
          f"submits {rounds} rounds × {per_round} per build")
    if args.json:
        Path(args.json).write_text(json.dumps(samples, indent=1))


if __name__ == "__main__":
    main()
