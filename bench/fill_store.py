#!/usr/bin/env python3
"""Fills a store with COUNT submitted jobs through a real aios-mcp: fill_store.py COUNT HOME AIOS_MCP.

Shared by bench/profile.sh and bench/store_callgrind_ab.sh (run from the repository root)."""
import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import Submits, briefs, fill_aios  # noqa: E402

count, home, binary = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
with tempfile.TemporaryDirectory() as logs:
    have, rate = fill_aios(argparse.Namespace(aios_mcp=binary), home, Submits(briefs()), count, 0, Path(logs))
print(f"filled {have} jobs at {rate:,.0f} jobs/s", file=sys.stderr)
