"""The builtin reader, old build against new, in one run: `aios_strategize` on every brief.

The reader (BriefAnalyzer) is what issue 18 changes session after session, and the engine bench
times the whole pipeline through one build only. This times one `aios_strategize` call per
brief (the reading plus the strategy writer), for two aios-mcp builds alternating: each round
starts a fresh process of each build (the engine caches analyses per process, so a second call
on a brief in one process would time the cache), in alternating order, with the briefs in a new
order every round. Reported: the median over the rounds of each brief's time, then per build the
median and the worst of those, and new/old.

Usage: python reader_ab.py --old PATH/aios-mcp --new PATH/aios-mcp [--rounds 5]
Briefs: examples/*.md and Tests/Quality/briefs/*/*.md. Prints markdown on stdout.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from protocol_bench import INIT_PARAMS, RawClient, expect_response, line, log  # noqa: E402


def briefs() -> list[Path]:
    found = [p for p in sorted((REPO / "examples").glob("*.md")) if p.name != "empty-brief.md"]
    found += sorted((REPO / "Tests" / "Quality" / "briefs").glob("*/*.md"))
    return found


def one_round(binary: str, texts: dict[str, str], order: list[str], home: Path, logs: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIOS_")}
    env.update(AIOS_HOME=str(home), AIOS_LOG_LEVEL="warning")
    client = RawClient([binary], env, logs / "server.stderr")
    client.request("initialize", INIT_PARAMS)
    client.send(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
    times: dict[str, float] = {}
    for name in order:
        rid = client.take_id()
        message = line({"jsonrpc": "2.0", "id": rid, "method": "tools/call",
                        "params": {"name": "aios_strategize", "arguments": {"spec": texts[name]}}})
        start = time.perf_counter()
        client.send(message)
        raw = client.read_response()
        times[name] = (time.perf_counter() - start) * 1000
        result = expect_response(raw, rid).get("result", {})
        if result.get("isError"):
            raise RuntimeError(f"{binary} refused {name}: {str(result)[:200]}")
    client.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", required=True)
    parser.add_argument("--new", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = briefs()
    texts = {f"{p.parent.name}/{p.name}": p.read_text() for p in paths}
    builds = {"old": args.old, "new": args.new}
    samples: dict[str, dict[str, list[float]]] = {b: {n: [] for n in texts} for b in builds}
    rng = random.Random(18)
    with tempfile.TemporaryDirectory(prefix="aios-reader-ab-") as tmp:
        for round_index in range(args.rounds):
            order = list(texts)
            rng.shuffle(order)
            sequence = ["old", "new"] if round_index % 2 == 0 else ["new", "old"]
            for build in sequence:
                home = Path(tmp) / f"{build}-{round_index}"
                home.mkdir()
                for name, ms in one_round(builds[build], texts, order, home, Path(tmp)).items():
                    samples[build][name].append(ms)
            log(f"round {round_index + 1}/{args.rounds} done")
    per_brief = {b: {n: statistics.median(v) for n, v in samples[b].items()} for b in builds}
    load = os.getloadavg()[0]
    print(f"`aios_strategize` per brief, {len(texts)} briefs, {args.rounds} rounds, load {load:.1f} at the end\n")
    print("| build | median of per-brief medians (ms) | worst brief (ms) | total (ms) |")
    print("| --- | ---: | ---: | ---: |")
    for b in builds:
        values = list(per_brief[b].values())
        print(f"| {b} | {statistics.median(values):.2f} | {max(values):.2f} | {sum(values):.1f} |")
    ratios = sorted(per_brief["new"][n] / per_brief["old"][n] for n in texts)
    total_ratio = sum(per_brief["new"].values()) / sum(per_brief["old"].values())
    print(f"\nnew/old: total {total_ratio:.2f}, per brief median {statistics.median(ratios):.2f} "
          f"(from {ratios[0]:.2f} to {ratios[-1]:.2f})")
    slowest = sorted(texts, key=lambda n: per_brief["new"][n], reverse=True)[:5]
    print("\nslowest briefs on the new build: " + ", ".join(
        f"{n} {per_brief['new'][n]:.1f} ms (old {per_brief['old'][n]:.1f})" for n in slowest))


if __name__ == "__main__":
    main()
