"""The store bench's peer: `aios_full_pipeline` over stdio backed by SQLite (WAL, synchronous=FULL).

It speaks the same newline-delimited JSON-RPC as aios-mcp, so the store bench drives both with
one client and both sides pay the same pipe and JSON costs. Each submit is the equivalent of
aios's: a job id in aios's format (`job_` + 10 time + 20 random Crockford base32), one row
holding the whole request as JSON text, an idempotency-key lookup, and a commit that is durable
(WAL fsynced) before the answer is written.

Group commit: every complete line that one read(2) returned is handled in one transaction with
one commit, and only then answered, which is the batching a single-threaded server gets for free
when requests are pipelined. One request in flight means one transaction per request.

Usage: python sqlite_peer.py DB_PATH      (the schema is created when missing)
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import sys
import time

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
PHASES = ["strategy", "architecture", "ux", "code"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  phases TEXT NOT NULL,
  request TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  webhook_url TEXT
)
"""


def connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=60000")
    db.execute(SCHEMA)
    return db


def job_id(milliseconds: int) -> str:
    time_part = "".join(ALPHABET[(milliseconds >> (5 * (9 - i))) & 31] for i in range(10))
    bits = int.from_bytes(secrets.token_bytes(13), "big") >> 4  # 100 random bits
    random_part = "".join(ALPHABET[(bits >> (5 * (19 - i))) & 31] for i in range(20))
    return "job_" + time_part + random_part


def tool_result(structured: dict, is_error: bool = False) -> dict:
    text = json.dumps(structured, separators=(",", ":"), ensure_ascii=False)
    result = {"content": [{"type": "text", "text": text}], "structuredContent": structured}
    if is_error:
        result["isError"] = True
    return result


def submit(db: sqlite3.Connection, arguments: dict) -> dict:
    spec = arguments.get("spec")
    if not isinstance(spec, str) or not spec.strip() or len(spec) > 200_000:
        return tool_result({"error": {"code": "INVALID_INPUT", "message": "spec must be 1..200000 characters",
                                      "details": {"path": "spec"}}}, is_error=True)
    phases = arguments.get("phases") or PHASES
    key = arguments.get("idempotency_key")
    if key is not None:
        row = db.execute("SELECT id, status, phases FROM jobs WHERE idempotency_key = ?", (key,)).fetchone()
        if row is not None:
            return tool_result(answer(row[0], row[1], json.loads(row[2]), created=False))
    now = int(time.time() * 1000)
    new_id = job_id(now)
    db.execute(
        "INSERT INTO jobs (id, status, created_at, updated_at, phases, request, idempotency_key, webhook_url)"
        " VALUES (?, 'queued', ?, ?, ?, ?, ?, ?)",
        (new_id, now, now, json.dumps(phases), json.dumps(arguments, separators=(",", ":"), ensure_ascii=False),
         key, arguments.get("webhook_url")))
    return tool_result(answer(new_id, "queued", phases, created=True))


def answer(identifier: str, status: str, phases: list[str], created: bool) -> dict:
    return {"job_id": identifier, "status": status, "phases_queued": phases,
            "estimated_duration_seconds": 0.05 * len(phases), "status_uri": f"aios://jobs/{identifier}",
            "created": created}


def handle(db: sqlite3.Connection, message: dict) -> dict | None:
    if "id" not in message:
        return None  # a notification
    rid, method = message["id"], message.get("method")
    if method == "initialize":
        result = {"protocolVersion": message.get("params", {}).get("protocolVersion", "2025-11-25"),
                  "capabilities": {"tools": {}}, "serverInfo": {"name": "sqlite-peer", "version": "1"}}
    elif method == "ping":
        result = {}
    elif method == "tools/call" and message.get("params", {}).get("name") == "aios_full_pipeline":
        result = submit(db, message["params"].get("arguments") or {})
    else:
        return {"jsonrpc": "2.0", "id": rid, "error": {"code": -32601, "message": f"unsupported: {method}"}}
    return {"jsonrpc": "2.0", "id": rid, "result": result}


def main() -> None:
    db = connect(sys.argv[1])
    rfd, wfd = sys.stdin.fileno(), sys.stdout.fileno()
    pending = b""
    while True:
        chunk = os.read(rfd, 1 << 20)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        replies = []
        db.execute("BEGIN IMMEDIATE")
        try:
            for raw in lines:
                if raw.strip():
                    reply = handle(db, json.loads(raw))
                    if reply is not None:
                        replies.append(reply)
            db.execute("COMMIT")  # durable (WAL fsynced, synchronous=FULL) before anyone is answered
        except BaseException:
            db.execute("ROLLBACK")
            raise
        if replies:
            out = b"".join(json.dumps(r, separators=(",", ":"), ensure_ascii=False).encode() + b"\n" for r in replies)
            view = memoryview(out)
            while view:
                view = view[os.write(wfd, view):]
    db.close()


if __name__ == "__main__":
    main()
