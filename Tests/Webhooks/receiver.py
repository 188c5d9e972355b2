#!/usr/bin/env python3
"""A webhook receiver for the aios tests: verifies both signatures with Python's hmac,
records every request, and misbehaves on request.

Binds 127.0.0.1 on a free port and prints "PORT <n>" on stdout. Every request is appended to
--record as one JSON line, written before the answer is sent (and, for stalls, before the stall):
  {"n", "received_at", "method", "path", "headers", "body", "webhook_id",
   "aios_signature_ok", "standard_signature_ok", "status"}
where status is the answer given (null for a stalled request that was never answered).

Behaviour (the n-th request, counting from 1):
  --fail-first N       answer --fail-status (default 503) to the first N requests
  --retry-after V      send "Retry-After: V" with those failures
  --stall-first N      do not answer the first N requests for --stall-seconds (default 30)
  --status-sequence L  answer the codes in the comma-separated list L in turn (overrides the above)
  --redirect-to URL    answer every request with 307 and "Location: URL"
Otherwise answers 204 if both signatures verify, 401 if not.
"""
import argparse
import base64
import hashlib
import hmac
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def keys(secrets):
    out = []
    for secret in secrets:
        if not secret.startswith("whsec_"):
            raise SystemExit("secrets must start with whsec_")
        out.append(base64.b64decode(secret[len("whsec_"):], validate=True))
    return out


def aios_ok(keys, headers, body):
    timestamp = headers.get("X-AIOS-Timestamp", "")
    given = headers.get("X-AIOS-Signature", "").split(" ")
    for key in keys:
        expected = "sha256=" + hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        if any(hmac.compare_digest(expected, candidate) for candidate in given):
            return True
    return False


def standard_ok(keys, headers, body):
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    given = headers.get("webhook-signature", "").split(" ")
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    for key in keys:
        expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        if any(hmac.compare_digest(expected, candidate) for candidate in given):
            return True
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--secret", action="append", required=True, help="whsec_… (repeatable)")
    parser.add_argument("--record", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=503)
    parser.add_argument("--retry-after")
    parser.add_argument("--stall-first", type=int, default=0)
    parser.add_argument("--stall-seconds", type=float, default=30)
    parser.add_argument("--status-sequence", default="")
    parser.add_argument("--redirect-to")
    parser.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM) and --tls-key")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    secret_keys = keys(args.secret)
    sequence = [int(code) for code in args.status_sequence.split(",") if code]
    lock = threading.Lock()
    count = [0]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                count[0] += 1
                n = count[0]
            headers = {name: value for name, value in self.headers.items()}
            entry = {
                "n": n, "received_at": time.time(), "method": self.command, "path": self.path,
                "headers": headers, "body": body.decode("utf-8", "replace"),
                "webhook_id": self.headers.get("webhook-id"),
                "aios_signature_ok": aios_ok(secret_keys, self.headers, body),
                "standard_signature_ok": standard_ok(secret_keys, self.headers, body),
            }
            extra = {}
            if args.redirect_to:
                status = 307
                extra["Location"] = args.redirect_to
            elif sequence:
                status = sequence[min(n, len(sequence)) - 1]
            elif n <= args.stall_first:
                status = None
            elif n <= args.fail_first:
                status = args.fail_status
                if args.retry_after:
                    extra["Retry-After"] = args.retry_after
            else:
                status = 204 if entry["aios_signature_ok"] and entry["standard_signature_ok"] else 401
            entry["status"] = status
            with lock, open(args.record, "a") as record:
                record.write(json.dumps(entry) + "\n")
            if status is None:
                time.sleep(args.stall_seconds)
                return
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
