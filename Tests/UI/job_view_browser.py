"""The MCP Apps job view in headless Chromium, against a real aios-mcp.

A small test host does what an MCP Apps host does (io.modelcontextprotocol/ui, 2026-01-26):
it calls aios_full_pipeline, reads the tool's `_meta.ui.resourceUri` resource, renders the HTML in
a sandboxed iframe, answers the view's `ui/initialize`, sends `ui/notifications/tool-input` and
`tool-result`, and relays the view's `tools/call` and `resources/read` to aios-mcp. The relay is
this script: an HTTP server on 127.0.0.1 that owns the aios-mcp process (stdio). When the view
has rendered the finished job, the host page posts the view's DOM back here, and the checks run
on it. Then `aiosctl report` writes the same view as a static file, checked the same way.
Screenshots of both go to --out.

Usage: python job_view_browser.py --server PATH --aiosctl PATH --examples DIR --out DIR [--chromium PATH]
Prints what it checked and exits 0, or raises (exit 1) with the reason.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

UI_URI = "ui://aios/job-view.html"
UI_MIME = "text/html;profile=mcp-app"


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


class Server:
    """aios-mcp on pipes; requests may be sent from many threads, responses matched by id."""

    def __init__(self, path: str, home: str) -> None:
        # No workers here: the job stays queued until the test starts one (live progress).
        env = dict(os.environ, AIOS_HOME=home, AIOS_LOG_LEVEL="warning", AIOS_WORKERS="0")
        env.pop("AIOS_API_KEY", None)
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.lock = threading.Lock()
        self.waiting: dict[int, queue.Queue] = {}
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            message = json.loads(line)
            if "id" in message and "method" not in message:
                with self.lock:
                    box = self.waiting.pop(message["id"], None)
                if box is not None:
                    box.put(message)

    def request(self, method: str, params: dict | None = None) -> dict:
        box: queue.Queue = queue.Queue()
        with self.lock:
            request_id = self.next_id
            self.next_id += 1
            self.waiting[request_id] = box
            message = {"jsonrpc": "2.0", "id": request_id, "method": method}
            if params is not None:
                message["params"] = params
            assert self.proc.stdin is not None
            self.proc.stdin.write((json.dumps(message) + "\n").encode())
            self.proc.stdin.flush()
        return box.get(timeout=60)

    def notify(self, method: str) -> None:
        with self.lock:
            assert self.proc.stdin is not None
            self.proc.stdin.write((json.dumps({"jsonrpc": "2.0", "method": method}) + "\n").encode())
            self.proc.stdin.flush()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=20)


HOST_PAGE = r"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>aios test host</title>
<style>body{margin:0;font:13px system-ui;background:#eef0f3} header{padding:8px 14px;background:#1d2433;color:#fff}
iframe{display:block;border:0;width:1240px;height:900px;margin:12px auto;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0003}</style>
</head><body><header>Test MCP host · aios_full_pipeline</header><div id="frame"></div>
<script>
"use strict";
const log = [];
async function rpc(method, params) {
  const response = await fetch("/rpc", { method: "POST", body: JSON.stringify({ method, params }) });
  return response.json();
}
(async () => {
  const args = __ARGS__;
  const called = await rpc("tools/call", { name: "aios_full_pipeline", arguments: args });
  const read = await rpc("resources/read", { uri: "__UI_URI__" });
  const contents = read.result.contents[0];
  const iframe = document.createElement("iframe");
  iframe.setAttribute("sandbox", "allow-scripts allow-same-origin");
  iframe.srcdoc = contents.text;
  const view = () => iframe.contentWindow;
  const send = (message) => view().postMessage(Object.assign({ jsonrpc: "2.0" }, message), "*");
  window.addEventListener("message", async (event) => {
    if (event.source !== view()) return;
    const m = event.data;
    log.push(m.method + (m.method === "tools/call" ? " " + m.params.name : ""));
    if (m.method === "ui/initialize") {
      send({ id: m.id, result: { protocolVersion: "2026-01-26", hostInfo: { name: "aios-test-host", version: "1" },
        hostCapabilities: { serverTools: {}, serverResources: {}, logging: {} },
        hostContext: { theme: "light", displayMode: "inline", containerDimensions: { width: 1240, maxHeight: 6000 } } } });
    } else if (m.method === "ui/notifications/initialized") {
      send({ method: "ui/notifications/tool-input", params: { arguments: args } });
      send({ method: "ui/notifications/tool-result", params: called.result });
    } else if (m.method === "tools/call" || m.method === "resources/read") {
      const answer = await rpc(m.method, m.params);
      send(answer.error ? { id: m.id, error: answer.error } : { id: m.id, result: answer.result });
    } else if (m.method === "ui/notifications/size-changed") {
      iframe.style.height = Math.min(m.params.height, 6000) + "px";
    }
  });
  document.getElementById("frame").append(iframe);
  const started = Date.now();
  let reported = false;
  while (true) {
    await new Promise((r) => setTimeout(r, 200));
    const doc = iframe.contentDocument;
    const app = doc && doc.getElementById("app");
    if (app && app.getAttribute("data-state") === "done") break;
    if (app && app.getAttribute("data-state") === "following" && !reported) {
      // The view shows the queued job: the relay now starts a worker and answers once the job
      // has ended, so the view's next poll finds it finished.
      reported = true;
      const status = doc.getElementById("job-status");
      await fetch("/seen", { method: "POST", body: JSON.stringify({ status: status ? status.textContent : null, dom: doc.documentElement.outerHTML }) });
    }
    if (Date.now() - started > 60000) break;
  }
  await fetch("/done", { method: "POST", body: JSON.stringify({ dom: iframe.contentDocument.documentElement.outerHTML, log }) });
  document.title = "done";
})().catch((e) => fetch("/done", { method: "POST", body: JSON.stringify({ error: String(e && e.stack || e), log }) }));
</script></body></html>
"""


class DOM(html.parser.HTMLParser):
    """Collects elements by id and by data-* attributes, with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[dict[str, str]] = []
        self.text: list[str] = []
        self.ids: dict[str, int] = {}
        self.stack: list[int] = []
        self.texts: dict[int, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        attributes["<tag>"] = tag
        self.attrs.append(attributes)
        index = len(self.attrs) - 1
        if "id" in attributes:
            self.ids[attributes["id"]] = index
        self.texts[index] = []
        if tag not in ("br", "img", "meta", "input", "path", "rect"):
            self.stack.append(index)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for index in self.stack:
            self.texts[index].append(data)

    def with_attr(self, name: str) -> list[dict[str, str]]:
        return [a for a in self.attrs if name in a]

    def text_of(self, element_id: str) -> str:
        return "".join(self.texts.get(self.ids.get(element_id, -1), []))


def check_view(dom_text: str, job_id: str, artifacts: dict, label: str) -> None:
    dom = DOM()
    dom.feed(dom_text)
    app = next((a for a in dom.attrs if a.get("id") == "app"), None)
    check(app is not None and app.get("data-state") == "done", f"{label}: the view did not finish: {app}")
    check(dom.text_of("job-id") == job_id, f"{label}: job id shown: {dom.text_of('job-id')}")
    check(dom.text_of("job-status") == "completed", f"{label}: status shown: {dom.text_of('job-status')}")
    phases = {a["data-phase"] for a in dom.with_attr("data-phase")}
    check(phases == {"strategy", "architecture", "ux", "code"}, f"{label}: phases {phases}")
    model = artifacts["architecture"]["architecture"]["data_model"]
    entities = {a["data-entity"] for a in dom.with_attr("data-entity")}
    check(entities == {e["name"] for e in model["entities"]}, f"{label}: ER entities {sorted(entities)}")
    relationships = dom.with_attr("data-from")
    check(len(relationships) == len(model["relationships"]), f"{label}: {len(relationships)} relationships drawn of {len(model['relationships'])}")
    routes = {a["data-route"] for a in dom.with_attr("data-route")}
    expected_routes = {p["route"] for p in artifacts["ux"]["ux_spec"]["pages"]}
    check(routes == expected_routes, f"{label}: page map routes differ: {sorted(routes ^ expected_routes)}")
    requirements = [a["data-requirement"] for a in dom.with_attr("data-requirement")]
    functional = [r["id"] for r in artifacts["strategy"]["requirements"]["functional"]]
    check(requirements == functional, f"{label}: traceability rows {requirements} != {functional}")
    trace = {t["requirement_id"]: t for t in artifacts["code"]["traceability"]}
    text = "".join(dom.text)
    for requirement in functional[:3]:
        for file in trace[requirement]["files"][:3]:
            check(file in text, f"{label}: {requirement} → {file} missing from the matrix")
        for endpoint in trace[requirement]["endpoints"][:3]:
            check(endpoint in text, f"{label}: {requirement} → {endpoint} missing from the matrix")
    linked = {a["data-artifact"] for a in dom.with_attr("data-artifact")}
    check(linked == {"strategy", "architecture", "ux", "code"}, f"{label}: artifact links {linked}")
    for phase in linked:
        check(f"aios://jobs/{job_id}/artifacts/{phase}" in text, f"{label}: link to {phase} missing")
    check("<script src" not in dom_text and "http://" not in dom_text.split("<body")[0], f"{label}: the page loads something from outside")


def chromium(args: argparse.Namespace) -> str:
    for candidate in [args.chromium, "chromium", "chromium-browser", "google-chrome"]:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)  # type: ignore[return-value]
    raise AssertionError("no chromium: scripts/test.sh installs Debian's chromium package")


def browse(args: argparse.Namespace, url: str, screenshot: Path, height: int) -> None:
    profile = tempfile.mkdtemp(prefix="aios-chromium-")
    try:
        subprocess.run([chromium(args), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", f"--user-data-dir={profile}", f"--window-size=1280,{height}",
                        "--virtual-time-budget=60000", f"--screenshot={screenshot}", url],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    check(screenshot.exists() and screenshot.stat().st_size > 10_000, f"no screenshot at {screenshot}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--aiosctl", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chromium")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="aios-ui-")
    server = Server(args.server, home)
    try:
        init = server.request("initialize", {"protocolVersion": "2025-11-25", "clientInfo": {"name": "aios-test-host", "version": "1"},
                                             "capabilities": {"extensions": {"io.modelcontextprotocol/ui": {"mimeTypes": [UI_MIME]}}}})
        check("result" in init, f"initialize: {init}")
        server.notify("notifications/initialized")
        tools = {t["name"]: t for t in server.request("tools/list")["result"]["tools"]}
        for name in ("aios_full_pipeline", "aios_get_status"):
            check(tools[name].get("_meta", {}).get("ui", {}).get("resourceUri") == UI_URI, f"{name} does not point to the view: {tools[name].get('_meta')}")
        read = server.request("resources/read", {"uri": UI_URI})["result"]["contents"][0]
        check(read["mimeType"] == UI_MIME, f"view mime type {read['mimeType']}")
        check(read["text"].startswith("<!DOCTYPE html>"), "the view is an HTML5 document")
        check("default-src 'none'" in read["text"], "the view declares its strict CSP")
        check("ui" in read.get("_meta", {}), f"view _meta: {read.get('_meta')}")
        print("ok view resource: tools point to it, text/html;profile=mcp-app with a strict CSP")

        done: queue.Queue = queue.Queue()
        seen: queue.Queue = queue.Queue()
        env = dict(os.environ, AIOS_HOME=home, AIOS_LOG_LEVEL="warning")
        env.pop("AIOS_API_KEY", None)

        def run_queued_job() -> dict:
            """Runs the queued job with a worker of its own, until it has ended."""
            worker = subprocess.Popen([args.aiosctl, "worker", "--concurrency", "1"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                job = json.loads(subprocess.run([args.aiosctl, "jobs", "--json"], env=env, capture_output=True, check=True).stdout)[0]
                waited = subprocess.run([args.aiosctl, "wait", job["job_id"], "--timeout", "60s"], env=env, capture_output=True, timeout=90)
                return {"wait": waited.returncode}
            finally:
                worker.terminate()
                worker.wait(timeout=30)
        arguments = {"spec": (Path(args.examples) / "invoicing.md").read_text()}
        host_page = HOST_PAGE.replace("__ARGS__", json.dumps(arguments)).replace("__UI_URI__", UI_URI)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # quiet
                pass

            def do_GET(self):
                body = host_page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if self.path == "/done":
                    done.put(data)
                    answer = {}
                elif self.path == "/seen":
                    seen.put(data)
                    answer = run_queued_job()
                else:
                    answer = server.request(data["method"], data.get("params"))
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=http.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{http.server_address[1]}/host.html"
        browse(args, url, out / "job-view-host.png", 2400)
        result = done.get(timeout=30)
        http.shutdown()
        check("error" not in result, f"the host page failed: {result.get('error')}")
        check(not seen.empty(), "the view never showed the job while it was queued")
        early = seen.get()
        check(early["status"] == "queued", f"the view first showed the job as {early['status']}")
        check('data-phase="strategy"' in early["dom"] and "completed" not in early["dom"].split('id="phases"')[1].split("</section>")[0],
              "while queued, no phase is shown completed")
        bridge = result["log"]
        check(bridge[0] == "ui/initialize" and "ui/notifications/initialized" in bridge, f"bridge handshake: {bridge[:3]}")
        check("tools/call aios_get_status" in bridge and "tools/call aios_get_artifact" in bridge, f"bridge calls: {bridge}")
        (out / "job-view-host.html").write_text(result["dom"])
        # The job the host started, and its artifacts as aios-mcp returns them.
        jobs = json.loads(subprocess.run([args.aiosctl, "jobs", "--json"], env=dict(os.environ, AIOS_HOME=home),
                                         capture_output=True, check=True).stdout)
        job_id = jobs[0]["job_id"]
        artifacts = {phase: server.request("tools/call", {"name": "aios_get_artifact", "arguments": {"job_id": job_id, "artifact_type": phase}})["result"]["structuredContent"]
                     for phase in ("strategy", "architecture", "ux", "code")}
        check_view(result["dom"], job_id, artifacts, "live view")
        print(f"ok live view: {job_id} followed over the bridge from queued to completed ({len(bridge)} messages), DOM checked, screenshot {out / 'job-view-host.png'}")

        report = out / "job-view-report.html"
        subprocess.run([args.aiosctl, "report", job_id, "--out", str(report)], env=dict(os.environ, AIOS_HOME=home), check=True, capture_output=True)
        dump = subprocess.run([chromium(args), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", report.as_uri()],
                              capture_output=True, timeout=120, check=True).stdout.decode()
        check_view(dump, job_id, artifacts, "static report")
        browse(args, report.as_uri(), out / "job-view-report.png", 3000)
        print(f"ok static report: {report}, DOM checked, screenshot {out / 'job-view-report.png'}")

        # A readiness review and a plan, as members of the code artifact (their shape in the
        # engine that makes them), are shown when a job has them.
        page = report.read_text()
        start = page.index('<script type="application/json" id="aios-data">') + len('<script type="application/json" id="aios-data">')
        end = page.index("</script>", start)
        data = json.loads(page[start:end])
        data["artifacts"]["code"]["review"] = {"verdict": "CONCERNS", "summary": "Two warnings, no errors.", "findings": [
            {"id": "RV-1", "check": "coverage", "severity": "warning", "message": "FR-8 has no page.", "artifacts": ["ux"], "refs": ["FR-8"]}]}
        data["artifacts"]["code"]["plan"] = {"order": ["T-1", "T-2"], "epics": [{"id": "EP-1", "title": "Accounts", "stories": [
            {"id": "ST-1", "title": "Sign in", "requirement_ids": ["FR-1"], "acceptance_criteria": [], "tasks": [{"id": "T-1"}, {"id": "T-2"}]}]}]}
        reviewed = out / "job-view-reviewed.html"
        reviewed.write_text(page[:start] + json.dumps(data).replace("<", "\\u003c") + page[end:])
        dump = subprocess.run([chromium(args), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", reviewed.as_uri()],
                              capture_output=True, timeout=120, check=True).stdout.decode()
        dom = DOM()
        dom.feed(dump)
        check("CONCERNS" in dom.text_of("verdict") and "FR-8 has no page." in dom.text_of("verdict"), f"verdict: {dom.text_of('verdict')}")
        check("1 epics, 1 stories, 2 tasks" in dom.text_of("plan"), f"plan: {dom.text_of('plan')}")
        print("ok review and plan: the verdict, its findings and the plan's counts are shown")
    finally:
        server.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
