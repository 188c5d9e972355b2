#!/usr/bin/env python3
"""A scripted model provider for the tests: the OpenAI Chat Completions API or the Anthropic
Messages API (one per instance, --api), streaming (SSE, chunked) and not, with the faults real
providers show. Python standard library only.

    FAKE_PROVIDER_KEY=KEY python3 fake_provider.py --api openai|anthropic [--port 0]

prints "listening PORT" on stdout once it accepts connections. Control endpoints (JSON):

    POST /_script   {"steps": [STEP, ...]}   queue answers; each API request takes the next
    POST /_answers  {"SCHEMA_NAME": "json text", ...}  the answer when the queue is empty
    GET  /_log      every API request seen: path, headers, body, the step and its outcome
    GET  /_arrived/N  {"arrived": true} once request N (0-based) has come (blocks, at most 60 s)
    GET  /_wait/N   request N's log entry once it has an outcome (blocks, at most 60 s)
    POST /_reset    empty the queue and the log

A STEP is an object; every field is optional:
    "answer": "json text the model writes"     (else the /_answers entry, else "{}")
    "status": 429, "headers": {...}, "error": {...}   an error response instead of an answer
    "echo_key": true           the 401's message repeats the key it was sent (as some do)
    "chunk": 7                 characters of answer per content delta
    "split_utf8": true         write the stream in 1-3 byte pieces, splitting UTF-8 characters
    "keepalive": true          ": keep-alive" comments (openai) / ping events (anthropic) between deltas
    "usage_chunk": "empty"|"null"|"missing"    openai: the final usage-only chunk's choices
    "cut_after": N             close the connection after N deltas (no end of stream)
    "stall": "headers"|"body"  send nothing (no status line), or headers but no body, until the
                               client goes away (outcome "disconnected")
    "delay": 0.05              seconds between deltas
    "repeat": N                send the answer's deltas N times over (a long stream, for cancel)
    "stream_error": "overloaded_error"    anthropic: an error event after the first delta
    "usage": [prompt, completion]
The outcome of each request is recorded: "answered", "error", "cut", "disconnected".
"""
import argparse
import json
import os
import select
import socket
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Condition()
QUEUE = []
ANSWERS = {}
LOG = []


class Disconnected(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-provider/1"

    def log_message(self, *args):
        pass

    # -- plumbing -------------------------------------------------------------------------
    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_json(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()

    def write_chunk(self, data: bytes):
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            raise Disconnected()

    def write_sse(self, text: str, step):
        data = text.encode()
        if step.get("split_utf8"):
            sizes = [1, 2, 3]
            i = 0
            n = 0
            while i < len(data):
                size = sizes[n % 3]
                self.write_chunk(data[i:i + size])
                i += size
                n += 1
                time.sleep(0.002)
        else:
            self.write_chunk(data)

    def end_stream(self):
        try:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            raise Disconnected()

    def wait_for_disconnect(self, limit=120):
        sock = self.connection
        end = time.time() + limit
        while time.time() < end:
            ready, _, _ = select.select([sock], [], [], 0.05)
            if ready:
                try:
                    if sock.recv(1, socket.MSG_PEEK) == b"":
                        return True
                except OSError:
                    return True
        return False

    def record(self, entry, outcome):
        with LOCK:
            entry["outcome"] = outcome
            LOCK.notify_all()

    # -- control --------------------------------------------------------------------------
    def do_GET(self):
        if self.path == "/_log":
            with LOCK:
                self.send_json(200, LOG)
            return
        if self.path.startswith("/_arrived/"):
            # Blocks until request number N (0-based) has arrived, at most 60 s.
            index = int(self.path.rsplit("/", 1)[1])
            with LOCK:
                LOCK.wait_for(lambda: len(LOG) > index, timeout=60)
                self.send_json(200, {"arrived": len(LOG) > index})
            return
        if self.path.startswith("/_wait/"):
            # Blocks until request number N (0-based) has an outcome, at most 60 s: the tests
            # wait on this instead of polling.
            index = int(self.path.rsplit("/", 1)[1])
            with LOCK:
                LOCK.wait_for(lambda: len(LOG) > index and LOG[index]["outcome"] != "open", timeout=60)
                entry = LOG[index] if len(LOG) > index else {"outcome": "missing"}
                self.send_json(200, entry)
            return
        if self.path in ("/v1/models", "/models"):
            self.send_json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model", "created": 0, "owned_by": "tests"}]})
            return
        self.send_json(404, {"error": {"message": "no such path", "type": "invalid_request_error"}})

    def do_POST(self):
        body = self.read_body()
        if self.path == "/_script":
            with LOCK:
                QUEUE.extend(json.loads(body)["steps"])
            self.send_json(200, {"queued": len(QUEUE)})
            return
        if self.path == "/_answers":
            with LOCK:
                ANSWERS.update(json.loads(body))
            self.send_json(200, {"answers": len(ANSWERS)})
            return
        if self.path == "/_reset":
            with LOCK:
                QUEUE.clear()
                LOG.clear()
                ANSWERS.clear()
            self.send_json(200, {})
            return
        api = self.server.api
        if api == "openai" and self.path.endswith("/chat/completions"):
            self.api_call(body, self.openai)
        elif api == "anthropic" and self.path.endswith("/messages"):
            self.api_call(body, self.anthropic)
        else:
            self.send_json(404, {"error": {"message": f"unknown path {self.path}", "type": "invalid_request_error"}})

    def api_call(self, raw, handler):
        try:
            request = json.loads(raw)
        except ValueError:
            self.send_json(400, {"error": {"message": "the body is not JSON", "type": "invalid_request_error"}})
            return
        with LOCK:
            step = QUEUE.pop(0) if QUEUE else {}
            entry = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": request, "step": step, "outcome": "open"}
            LOG.append(entry)
            LOCK.notify_all()
        try:
            handler(request, step, entry)
        except Disconnected:
            self.record(entry, "disconnected")
            self.close_connection = True

    def key_sent(self):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[7:]
        return self.headers.get("x-api-key") or self.headers.get("api-key")

    def check_key(self, step, entry, error_body):
        want = self.server.key
        if want is None:
            return True
        sent = self.key_sent()
        if sent == want:
            return True
        message = "Incorrect API key provided" + (f": {sent}" if step.get("echo_key") and sent else ".")
        self.send_json(401, error_body(message))
        self.record(entry, "error")
        return False

    def answer_text(self, step, schema_name):
        if "answer" in step:
            return step["answer"]
        with LOCK:
            return ANSWERS.get(schema_name, "{}")

    def scripted_error(self, step, entry, body):
        if step.get("stall") == "headers":
            self.record(entry, "disconnected" if self.wait_for_disconnect() else "stalled")
            self.close_connection = True
            return True
        if "status" in step:
            self.send_json(step["status"], step.get("error") or body(step["status"]), step.get("headers"))
            self.record(entry, "error")
            return True
        return False

    def pieces(self, text, step):
        size = max(1, int(step.get("chunk", 7)))
        parts = [text[i:i + size] for i in range(0, len(text), size)] or [""]
        return parts * int(step.get("repeat", 1))

    # -- OpenAI Chat Completions ------------------------------------------------------------
    def openai(self, request, step, entry):
        def error_body(message, kind="invalid_request_error", code=None):
            return {"error": {"message": message, "type": kind, "param": None, "code": code}}

        if not self.check_key(step, entry, lambda m: error_body(m, code="invalid_api_key")):
            return
        if self.scripted_error(step, entry, lambda status: error_body(f"scripted status {status}", "server_error")):
            return
        for field in ("model", "messages"):
            if field not in request:
                self.send_json(400, error_body(f"Missing required parameter: '{field}'."))
                self.record(entry, "error")
                return
        fmt = request.get("response_format") or {}
        schema_name = (fmt.get("json_schema") or {}).get("name", "")
        text = self.answer_text(step, schema_name)
        model = request["model"]
        prompt, completion = step.get("usage", [len(json.dumps(request["messages"])) // 4, max(1, len(text) // 4)])
        ident = "chatcmpl-" + uuid.uuid4().hex[:12]
        created = int(time.time())
        usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
        if not request.get("stream"):
            self.send_json(200, {
                "id": ident, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text, "refusal": None}, "logprobs": None, "finish_reason": "stop"}],
                "usage": usage,
            })
            self.record(entry, "answered")
            return

        def chunk(delta, finish=None):
            return {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}

        if step.get("stall") == "body":
            self.start_stream()
            self.record(entry, "disconnected" if self.wait_for_disconnect() else "stalled")
            self.close_connection = True
            return
        self.start_stream()
        self.write_sse("data: " + json.dumps(chunk({"role": "assistant", "content": ""})) + "\n\n", step)
        for n, piece in enumerate(self.pieces(text, step)):
            if "cut_after" in step and n >= step["cut_after"]:
                self.record(entry, "cut")
                self.close_connection = True
                return  # the connection closes without the terminating chunk
            if step.get("keepalive"):
                self.write_sse(": keep-alive\n\n", step)
            self.write_sse("data: " + json.dumps(chunk({"content": piece}), ensure_ascii=False) + "\n\n", step)
            if step.get("delay"):
                time.sleep(step["delay"])
        self.write_sse("data: " + json.dumps(chunk({}, "stop")) + "\n\n", step)
        if request.get("stream_options", {}).get("include_usage"):
            final = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model, "choices": [], "usage": usage}
            kind = step.get("usage_chunk", "empty")
            if kind == "null":
                final["choices"] = None
            elif kind == "missing":
                del final["choices"]
            self.write_sse("data: " + json.dumps(final) + "\n\n", step)
        self.write_sse("data: [DONE]\n\n", step)
        self.end_stream()
        self.record(entry, "answered")
        self.close_connection = True

    # -- Anthropic Messages -----------------------------------------------------------------
    def anthropic(self, request, step, entry):
        def error_body(message, kind="invalid_request_error"):
            return {"type": "error", "error": {"type": kind, "message": message}}

        if not self.check_key(step, entry, lambda m: error_body(m, "authentication_error")):
            return
        if self.headers.get("anthropic-version") is None:
            self.send_json(400, error_body("anthropic-version: header is required"))
            self.record(entry, "error")
            return
        kinds = {429: "rate_limit_error", 500: "api_error", 529: "overloaded_error", 404: "not_found_error", 401: "authentication_error"}
        if self.scripted_error(step, entry, lambda status: error_body(f"scripted status {status}", kinds.get(status, "invalid_request_error"))):
            return
        for field in ("model", "messages", "max_tokens"):
            if field not in request:
                self.send_json(400, error_body(f"{field}: Field required"))
                self.record(entry, "error")
                return
        choice = request.get("tool_choice") or {}
        schema_name = choice.get("name", "")
        text = self.answer_text(step, schema_name)
        model = request["model"]
        prompt, completion = step.get("usage", [len(json.dumps(request["messages"])) // 4, max(1, len(text) // 4)])
        ident = "msg_" + uuid.uuid4().hex[:20]
        tool_id = "toolu_" + uuid.uuid4().hex[:20]
        if not request.get("stream"):
            try:
                value = json.loads(text)
            except ValueError:
                value = {"_unparsable": text}
            self.send_json(200, {
                "id": ident, "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "tool_use", "id": tool_id, "name": schema_name, "input": value}],
                "stop_reason": "tool_use", "stop_sequence": None,
                "usage": {"input_tokens": prompt, "output_tokens": completion},
            })
            self.record(entry, "answered")
            return

        def event(kind, data):
            return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

        if step.get("stall") == "body":
            self.start_stream()
            self.record(entry, "disconnected" if self.wait_for_disconnect() else "stalled")
            self.close_connection = True
            return
        self.start_stream()
        self.write_sse(event("message_start", {"type": "message_start", "message": {
            "id": ident, "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": prompt, "output_tokens": 1}}}), step)
        self.write_sse(event("content_block_start", {"type": "content_block_start", "index": 0,
                                                     "content_block": {"type": "tool_use", "id": tool_id, "name": schema_name, "input": {}}}), step)
        self.write_sse(event("ping", {"type": "ping"}), step)
        for n, piece in enumerate(self.pieces(text, step)):
            if "cut_after" in step and n >= step["cut_after"]:
                self.record(entry, "cut")
                self.close_connection = True
                return
            if step.get("stream_error") and n == 1:
                self.write_sse(event("error", {"type": "error", "error": {"type": step["stream_error"], "message": "Overloaded"}}), step)
                self.end_stream()
                self.record(entry, "error")
                self.close_connection = True
                return
            if step.get("keepalive"):
                self.write_sse(event("ping", {"type": "ping"}), step)
            self.write_sse(event("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                         "delta": {"type": "input_json_delta", "partial_json": piece}}), step)
            if step.get("delay"):
                time.sleep(step["delay"])
        self.write_sse(event("content_block_stop", {"type": "content_block_stop", "index": 0}), step)
        self.write_sse(event("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": None},
                                               "usage": {"output_tokens": completion}}), step)
        self.write_sse(event("message_stop", {"type": "message_stop"}), step)
        self.end_stream()
        self.record(entry, "answered")
        self.close_connection = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", choices=["openai", "anthropic"], required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.api = args.api
    # The key the server expects comes from its environment (FAKE_PROVIDER_KEY), not its
    # command line, so that a test can check no key shows in any process's command line.
    server.key = os.environ.get("FAKE_PROVIDER_KEY") or None
    print(f"listening {server.server_address[1]}", flush=True)
    # Ends with its parent: the tests hold our stdin open and close it (or die).
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
