/// The live job view: one self-contained HTML page (no network; a strict Content-Security-Policy)
/// that MCP hosts with the MCP Apps extension (`io.modelcontextprotocol/ui`) show beside a
/// pipeline call, and that `aiosctl report` writes as a static file.
///
/// In a host the page is a `ui://` resource: it talks to the host over the extension's
/// postMessage JSON-RPC bridge (`ui/initialize`, `ui/notifications/initialized`), learns the job
/// from `ui/notifications/tool-input` or `tool-result`, and follows it by calling
/// `aios_get_status` and `aios_get_artifact` through the host (`tools/call`), once a second until
/// the job ends. It shows the phases with live progress, the data model as an
/// entity-relationship diagram, the page map, the requirement → endpoint → page → file
/// traceability matrix, the readiness verdict and plan when the job has them, and the artifacts'
/// URIs (each readable in place through `resources/read`). Every value is inserted as text,
/// never as markup. The page is a string constant: nothing is built at start-up.
public enum JobView {
    /// The resource URI tools point to in `_meta.ui.resourceUri`.
    public static let uri = "ui://aios/job-view.html"
    /// The MCP Apps HTML profile.
    public static let mimeType = "text/html;profile=mcp-app"
    /// The `_meta` of the resource contents: no `csp` (the host's restrictive default: no network
    /// at all), a border requested.
    public static let resourceMeta: JSONObject = ["ui": ["prefersBorder": true]]
    /// The `_meta` of a tool whose results the view shows.
    public static let toolMeta: JSONObject = ["ui": ["resourceUri": .string(uri)]]

    /// The page as hosts load it: it waits for the host to name the job.
    public static var livePage: String { template }

    /// The page with a job's status and artifacts embedded, for people without such a host.
    ///
    /// - Parameters:
    ///   - status: What `aios_get_status` returns.
    ///   - artifacts: Each finished phase's output, keyed by phase name.
    public static func staticPage(status: JSONObject, artifacts: JSONObject) -> String {
        let data: JSONValue = ["status": .object(status), "artifacts": .object(artifacts)]
        // In JSON "<" only occurs inside strings, where \u003c means the same: no "</script>".
        let json = data.jsonText.replacing("<", with: "\\u003c")
        return template.replacing(placeholder, with: json)
    }

    static let placeholder = "__AIOS_DATA__"

    static let template: String = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>aios job</title>
<style>
:root {
  --bg: var(--color-background-primary, #ffffff); --panel: var(--color-background-secondary, #f6f7f9);
  --text: var(--color-text-primary, #15171a); --muted: var(--color-text-secondary, #5b6270);
  --border: var(--color-border-primary, #e2e5ea); --accent: #2f5bea; --ok: #1f7a45; --warn: #a15c00; --bad: #b42318;
  --font: var(--font-sans, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --mono: var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
  --radius: var(--border-radius-md, 10px);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 20px; background: var(--bg); color: var(--text); font: 14px/1.45 var(--font); }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 15px; margin: 0 0 10px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; justify-content: space-between; margin-bottom: 16px; }
.sub { color: var(--muted); font-size: 12px; font-family: var(--mono); }
section { background: var(--panel); border: 1px solid var(--border); border-radius: var(--radius); padding: 14px 16px; margin-bottom: 14px; }
.badge { display: inline-block; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.s-completed, .v-PASS { color: var(--ok); } .s-running, .s-queued, .s-pending, .v-CONCERNS { color: var(--warn); }
.s-failed, .s-cancelled, .s-skipped, .v-FAIL { color: var(--bad); }
.bar { height: 8px; background: var(--border); border-radius: 999px; overflow: hidden; margin-top: 8px; }
.bar > div { height: 100%; background: var(--accent); transition: width .4s; }
.phases { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.phase { background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px; }
.phase b { display: block; margin-bottom: 4px; }
.phase small { color: var(--muted); display: block; margin-top: 4px; }
.er { overflow-x: auto; background: var(--bg); border: 1px solid var(--border); border-radius: 8px; }
.er svg { display: block; }
.er .box { fill: #ffffff; stroke: #9aa3b2; } .er .head { fill: #e8eefc; stroke: #9aa3b2; }
.er text { font: 12px var(--font); fill: #15171a; } .er .name { font-weight: 700; } .er .type { fill: #5b6270; font-family: var(--mono); font-size: 11px; }
.er .rel { stroke: #2f5bea; stroke-width: 1.3; fill: none; opacity: .55; } .er .card { fill: #2f5bea; font-size: 10px; }
.pages { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
.group { background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 8px 10px; }
.group h3 { font-size: 13px; margin: 0 0 6px; font-family: var(--mono); }
.group li { list-style: none; margin: 2px 0; font-size: 12.5px; } .group ul { margin: 0; padding: 0; }
.kind { color: var(--muted); font-size: 11px; margin-left: 4px; }
table { width: 100%; border-collapse: collapse; background: var(--bg); font-size: 12.5px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); padding: 6px 8px; }
th { color: var(--muted); font-weight: 600; position: sticky; top: 0; background: var(--bg); }
td code, .links code { font-family: var(--mono); font-size: 11.5px; background: var(--panel); padding: 1px 4px; border-radius: 4px; display: inline-block; margin: 1px 2px 1px 0; }
.scroll { max-height: 420px; overflow: auto; border: 1px solid var(--border); border-radius: 8px; }
body.static .scroll { max-height: none; }
#trace th:first-child { width: 28%; } #trace th:nth-child(2) { width: 22%; } #trace th:nth-child(3) { width: 18%; }
.verdict { font-size: 18px; font-weight: 700; }
.links li { margin: 4px 0; list-style: none; } .links ul { padding: 0; margin: 0; }
button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 6px; border: 1px solid var(--border); background: var(--bg); color: var(--accent); cursor: pointer; }
pre.doc { white-space: pre-wrap; max-height: 360px; overflow: auto; background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px; font: 12px/1.4 var(--mono); }
.empty { color: var(--muted); font-style: italic; }
.error { color: var(--bad); }
</style>
</head>
<body>
<div id="app" data-state="loading"><p class="empty">Waiting for the job…</p></div>
<script type="application/json" id="aios-data">__AIOS_DATA__</script>
<script>
"use strict";
(function () {
  const PHASE_ORDER = ["strategy", "architecture", "ux", "code", "plan", "review"];
  const PHASE_LABEL = { strategy: "Strategy · @pm", architecture: "Architecture · @architect", ux: "UX · @ux-design-expert", code: "Code · @dev", plan: "Plan", review: "Readiness review" };
  const TERMINAL = ["completed", "failed", "cancelled"];
  const state = { jobId: null, status: null, artifacts: {}, error: null, live: false, docs: {} };

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else node.setAttribute(key, value);
    }
    for (const child of [].concat(children || [])) if (child != null) node.append(child);
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text != null) node.textContent = text;
    return node;
  }
  const arr = (value) => Array.isArray(value) ? value : [];
  const codes = (values) => arr(values).map((v) => el("code", { text: String(v) }));

  function header() {
    const s = state.status || {};
    const name = (state.artifacts.strategy && state.artifacts.strategy.product_name) || productName() || "aios job";
    const progress = Number(s.progress_percent || 0);
    return el("header", {}, [
      el("div", {}, [el("h1", { id: "title", text: name }), el("div", { class: "sub", id: "job-id", text: state.jobId || "" })]),
      el("div", { style: "min-width:220px;flex:1;max-width:360px" }, [
        el("span", { class: "badge s-" + (s.status || "queued"), id: "job-status", text: s.status || "loading" }),
        el("span", { class: "sub", text: "  " + progress + "%" }),
        el("div", { class: "bar", role: "progressbar", "aria-valuenow": String(progress), "aria-valuemin": "0", "aria-valuemax": "100" },
          [el("div", { id: "progress", style: "width:" + progress + "%" })]),
      ]),
    ]);
  }
  function productName() {
    const md = state.artifacts.strategy && state.artifacts.strategy.prd_markdown;
    const match = typeof md === "string" && md.match(/^#\s+(.+?)(\s+—.*)?$/m);
    return match ? match[1] : null;
  }

  function phases() {
    const list = Object.entries((state.status && state.status.phases) || {});
    list.sort((a, b) => PHASE_ORDER.indexOf(a[0]) - PHASE_ORDER.indexOf(b[0]));
    return el("section", { id: "phases" }, [el("h2", { text: "Phases" }), el("div", { class: "phases" }, list.map(([name, p]) =>
      el("div", { class: "phase", "data-phase": name }, [
        el("b", { text: PHASE_LABEL[name] || name }),
        el("span", { class: "badge s-" + p.status, text: p.status }),
        el("small", { text: (p.duration_ms != null ? p.duration_ms + " ms" : "—") + " · attempts " + (p.attempts || 0) }),
        p.progress ? el("small", { class: "now", text: p.progress.percent + "% · " + p.progress.message }) : null,
        p.error ? el("small", { class: "error", text: p.error.code + ": " + p.error.message }) : null,
        p.error && p.error.details && Array.isArray(p.error.details.problems)
          ? el("ul", { class: "problems" }, p.error.details.problems.slice(0, 5).map((q) => el("li", { class: "error", text: (q.path || "/") + ": " + q.message })))
          : null,
      ])))]);
  }

  // The plan and the readiness review: artifacts of their own, or members of the code artifact.
  function part(name) {
    return state.artifacts[name] || (state.artifacts.code && state.artifacts.code[name]) || null;
  }

  function verdict() {
    const review = part("review");
    if (!review) return null;
    const value = review.verdict || (review.readiness && review.readiness.verdict) || review.status;
    const findings = arr(review.findings);
    return el("section", { id: "verdict" }, [
      el("h2", { text: "Readiness" }),
      el("div", { class: "verdict v-" + value, text: String(value || "—") }),
      review.summary ? el("p", { text: review.summary }) : null,
      findings.length ? el("ul", {}, findings.slice(0, 12).map((f) =>
        el("li", { text: "[" + (f.severity || f.level || "note") + "] " + (f.message || f.description || f.title || JSON.stringify(f)) }))) : null,
    ]);
  }

  function plan() {
    const p = part("plan");
    if (!p) return null;
    const epics = arr(p.epics);
    const stories = epics.reduce((n, e) => n + arr(e.stories).length, 0);
    const tasks = epics.reduce((n, e) => n + arr(e.stories).reduce((m, s) => m + arr(s.tasks).length, 0), 0);
    return el("section", { id: "plan" }, [
      el("h2", { text: "Plan" }),
      el("p", { text: epics.length + " epics, " + stories + " stories, " + tasks + " tasks" }),
      el("ul", {}, epics.slice(0, 12).map((e) => el("li", { text: (e.id ? e.id + " " : "") + (e.title || e.name || "") }))),
    ]);
  }

  function erDiagram() {
    const a = state.artifacts.architecture;
    if (!a) return null;
    const model = (a.architecture || a).data_model || {};
    const entities = arr(model.entities);
    if (!entities.length) return null;
    const W = 230, FIELD = 17, HEAD = 26, GAPX = 60, GAPY = 44, COLS = Math.min(4, Math.max(1, Math.ceil(Math.sqrt(entities.length))));
    const MAXF = 9;
    const heights = entities.map((e) => HEAD + Math.min(arr(e.fields).length, MAXF + 1) * FIELD + 8);
    const rows = Math.ceil(entities.length / COLS);
    const rowH = [];
    for (let r = 0; r < rows; r++) rowH.push(Math.max(...heights.slice(r * COLS, r * COLS + COLS)));
    const pos = {};
    entities.forEach((e, i) => {
      const r = Math.floor(i / COLS), c = i % COLS;
      const y = 20 + rowH.slice(0, r).reduce((s, h) => s + h + GAPY, 0);
      pos[e.name] = { x: 20 + c * (W + GAPX), y: y, h: heights[i] };
    });
    const width = 40 + COLS * W + (COLS - 1) * GAPX, height = 40 + rowH.reduce((s, h) => s + h + GAPY, 0) - GAPY;
    const root = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Entity-relationship diagram" });
    const lines = svg("g", { class: "rels" });
    root.append(lines);
    for (const rel of arr(model.relationships)) {
      const from = pos[rel.from], to = pos[rel.to];
      if (!from || !to) continue;
      const x1 = from.x + W / 2, y1 = from.y + from.h / 2, x2 = to.x + W / 2, y2 = to.y + to.h / 2;
      const g = svg("g", { class: "relationship", "data-from": rel.from, "data-to": rel.to });
      g.append(svg("path", { class: "rel", d: "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 + y2) / 2 + " " + x2 + "," + (y1 + y2) / 2 + " " + x2 + "," + y2 }));
      const card = { one_to_many: "1:N", many_to_one: "N:1", one_to_one: "1:1", many_to_many: "N:M" }[rel.type] || rel.type || "";
      g.append(svg("text", { class: "card", x: (x1 + x2) / 2 + 4, y: (y1 + y2) / 2 - 3 }, card));
      lines.append(g);
    }
    for (const e of entities) {
      const p = pos[e.name];
      const g = svg("g", { class: "entity", "data-entity": e.name, transform: "translate(" + p.x + "," + p.y + ")" });
      g.append(svg("rect", { class: "box", width: W, height: p.h, rx: 6 }));
      g.append(svg("rect", { class: "head", width: W, height: HEAD, rx: 6 }));
      g.append(svg("text", { class: "name", x: 10, y: 17 }, e.name));
      g.append(svg("text", { class: "type", x: W - 10, y: 17, "text-anchor": "end" }, e.table || ""));
      const fields = arr(e.fields);
      fields.slice(0, MAXF).forEach((f, i) => {
        const y = HEAD + 14 + i * FIELD;
        const mark = f.primary ? "🔑 " : (f.references ? "→ " : "");
        g.append(svg("text", { x: 10, y: y }, mark + f.name));
        g.append(svg("text", { class: "type", x: W - 10, y: y, "text-anchor": "end" }, f.type + (f.nullable ? "?" : "")));
      });
      if (fields.length > MAXF) g.append(svg("text", { class: "type", x: 10, y: HEAD + 14 + MAXF * FIELD }, "… " + (fields.length - MAXF) + " more"));
      root.append(g);
    }
    return el("section", { id: "er" }, [el("h2", { text: "Data model · " + entities.length + " entities, " + arr(model.relationships).length + " relationships" }), el("div", { class: "er" }, [root])]);
  }

  function pageMap() {
    const u = state.artifacts.ux;
    if (!u) return null;
    const pages = arr((u.ux_spec || u).pages);
    if (!pages.length) return null;
    const groups = new Map();
    for (const page of pages) {
      const key = "/" + (String(page.route || "/").split("/")[1] || "");
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(page);
    }
    return el("section", { id: "pages" }, [el("h2", { text: "Page map · " + pages.length + " pages" }), el("div", { class: "pages" },
      [...groups.entries()].map(([key, list]) => el("div", { class: "group" }, [el("h3", { text: key }), el("ul", {}, list.map((page) =>
        el("li", { class: "page", "data-route": page.route }, [el("span", { text: page.route + " " }), el("span", { class: "kind", text: page.name + (page.kind ? " · " + page.kind : "") })])))])))]);
  }

  function traceRows() {
    const code = state.artifacts.code;
    if (code && arr(code.traceability).length) return arr(code.traceability);
    const s = state.artifacts.strategy;
    if (!s) return [];
    const a = state.artifacts.architecture, u = state.artifacts.ux;
    const endpoints = a ? arr(((a.architecture || a).api_design || {}).endpoints) : [];
    const pages = u ? arr((u.ux_spec || u).pages) : [];
    return arr((s.requirements || {}).functional).map((r) => ({
      requirement_id: r.id, description: r.description, priority: r.priority,
      endpoints: endpoints.filter((e) => arr(e.requirement_ids).includes(r.id)).map((e) => e.method + " " + e.path),
      pages: pages.filter((p) => arr(p.requirement_ids).includes(r.id)).map((p) => p.route),
      files: [],
    }));
  }

  function matrix() {
    const rows = traceRows();
    if (!rows.length) return null;
    return el("section", { id: "trace" }, [el("h2", { text: "Traceability · requirement → endpoint → page → file" }), el("div", { class: "scroll" }, [
      el("table", {}, [
        el("thead", {}, [el("tr", {}, ["Requirement", "Endpoints", "Pages", "Files"].map((h) => el("th", { text: h })))]),
        el("tbody", {}, rows.map((r) => el("tr", { "data-requirement": r.requirement_id }, [
          el("td", {}, [el("b", { text: r.requirement_id + " " }), el("span", { class: "kind", text: r.priority || "" }), el("div", { text: r.description || "" })]),
          el("td", {}, codes(r.endpoints)), el("td", {}, codes(r.pages)), el("td", {}, codes(r.files)),
        ]))),
      ]),
    ])]);
  }

  function links() {
    const phasesDone = Object.entries((state.status && state.status.phases) || {}).filter(([, p]) => p.status === "completed").map(([n]) => n);
    if (!phasesDone.length || !state.jobId) return null;
    return el("section", { id: "links", class: "links" }, [el("h2", { text: "Artifacts" }), el("ul", {}, phasesDone.map((phase) => {
      const uri = "aios://jobs/" + state.jobId + "/artifacts/" + phase;
      const item = el("li", { "data-artifact": phase }, [el("b", { text: phase + " " }), el("code", { text: uri }), el("code", { text: uri + ".md" })]);
      if (state.live) {
        item.append(el("button", { text: "Show", on: { click: () => showDoc(phase, uri + ".md") } }));
      } else {
        item.append(el("code", { text: "aiosctl artifact " + state.jobId + " " + phase + " --format markdown" }));
      }
      if (state.docs[phase]) item.append(el("pre", { class: "doc", text: state.docs[phase] }));
      return item;
    }))]);
  }

  function render() {
    const app = document.getElementById("app");
    const parts = [header()];
    if (state.error) parts.push(el("p", { class: "error", id: "error", text: state.error }));
    if (state.status) parts.push(phases());
    parts.push(verdict(), plan(), erDiagram(), pageMap(), matrix(), links());
    app.replaceChildren(...parts.filter(Boolean));
    const terminal = state.status && TERMINAL.includes(state.status.status);
    app.setAttribute("data-state", terminal ? "done" : (state.status ? "following" : "loading"));
    notifySize();
  }

  // ---- the MCP Apps bridge (io.modelcontextprotocol/ui): JSON-RPC over postMessage ----
  let nextId = 1;
  const pending = new Map();
  function post(message) { window.parent.postMessage(Object.assign({ jsonrpc: "2.0" }, message), "*"); }
  function request(method, params) {
    const id = nextId++;
    post({ id, method, params });
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }
  async function callTool(name, args) {
    const result = await request("tools/call", { name, arguments: args });
    if (result.isError) {
      const error = (result.structuredContent && result.structuredContent.error) || {};
      throw new Error((error.code || "ERROR") + ": " + (error.message || "the tool failed"));
    }
    return result.structuredContent;
  }
  let lastSize = "";
  function notifySize() {
    if (!state.live) return;
    const size = document.documentElement.scrollWidth + "x" + document.documentElement.scrollHeight;
    if (size === lastSize) return;
    lastSize = size;
    post({ method: "ui/notifications/size-changed", params: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight } });
  }
  async function showDoc(phase, uri) {
    try {
      const read = await request("resources/read", { uri });
      state.docs[phase] = (read.contents && read.contents[0] && read.contents[0].text) || "";
    } catch (e) { state.error = String(e.message || e); }
    render();
  }
  let following = null;
  function follow(jobId) {
    if (!jobId || following === jobId) return;
    following = jobId;
    state.jobId = jobId;
    (async () => {
      for (;;) {
        try {
          state.status = await callTool("aios_get_status", { job_id: jobId });
          for (const [phase, p] of Object.entries(state.status.phases || {})) {
            if (p.status === "completed" && !state.artifacts[phase]) {
              state.artifacts[phase] = await callTool("aios_get_artifact", { job_id: jobId, artifact_type: phase });
            }
          }
          state.error = null;
        } catch (e) { state.error = String(e.message || e); }
        render();
        if (state.status && TERMINAL.includes(state.status.status)) return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
  }
  window.addEventListener("message", (event) => {
    const m = event.data;
    if (!m || m.jsonrpc !== "2.0") return;
    if (m.id != null && !m.method && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) reject(new Error(m.error.message || "error")); else resolve(m.result);
      return;
    }
    if (m.method === "ui/notifications/tool-input") {
      const args = (m.params && m.params.arguments) || {};
      if (args.job_id) follow(args.job_id);
    } else if (m.method === "ui/notifications/tool-result") {
      const sc = (m.params && m.params.structuredContent) || {};
      if (sc.job_id) follow(sc.job_id);
    } else if (m.method === "ui/resource-teardown" && m.id != null) {
      post({ id: m.id, result: {} });
    } else if (m.method === "ping" && m.id != null) {
      post({ id: m.id, result: {} });
    }
  });

  const embedded = document.getElementById("aios-data").textContent.trim();
  if (embedded && embedded !== "__AIOS_" + "DATA__") {
    const data = JSON.parse(embedded);
    state.jobId = data.status && data.status.job_id;
    state.status = data.status;
    state.artifacts = data.artifacts || {};
    document.body.classList.add("static");
    render();
  } else if (window.parent !== window) {
    state.live = true;
    request("ui/initialize", { appInfo: { name: "aios-job-view", version: "1" }, appCapabilities: { availableDisplayModes: ["inline", "fullscreen"] }, protocolVersion: "2026-01-26" })
      .then((result) => {
        post({ method: "ui/notifications/initialized", params: {} });
        const tool = result && result.hostContext && result.hostContext.toolInfo;
        void tool;
        render();
      })
      .catch((e) => { state.error = "The host did not answer ui/initialize: " + e.message; render(); });
  } else {
    state.error = "No job: open this view from an MCP host, or write it with 'aiosctl report JOB --out report.html'.";
    render();
  }
})();
</script>
</body>
</html>
"""#
}
