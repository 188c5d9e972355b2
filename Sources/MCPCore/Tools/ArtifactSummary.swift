/// Markdown summaries of artifacts and jobs for a result's text block: what a model needs to
/// continue (ids, counts, key decisions) in a few thousand characters, and how to get the rest.
public enum ArtifactSummary {
    /// How many list entries a summary shows before "and N more".
    static let listed = 12

    /// A phase's output summarised; `source` names where it can be read part by part
    /// (`job_id` or `result_id`), `nil` when it is not kept anywhere (a CLI call).
    public static func phase(_ phase: Phase, _ output: JSONObject, source: (key: String, id: String)?) -> String {
        var lines: [String] = []
        switch phase.pipelinePhase {
        case .strategy: lines = strategy(output)
        case .architecture: lines = architecture(output)
        case .ux: lines = ux(output)
        case .code: lines = code(output)
        }
        lines.append("")
        lines += more(phase, output, source: source)
        return lines.joined(separator: "\n")
    }

    /// Where the rest is: the parts `aios_get_artifact` returns one at a time.
    static func more(_ phase: Phase, _ output: JSONObject, source: (key: String, id: String)?) -> [String] {
        let parts = ArtifactParts.suggested(phase, output)
        var lines = ["### More"]
        lines.append("The complete \(phase.rawValue) output is in `structuredContent`\(source == nil ? "" : " and behind the resource links").")
        if let source {
            lines.append("One part at a time: `aios_get_artifact` with `job_id`: \"\(source.id)\"\(source.key == "result_id" ? " (this result's id)" : ""), `artifact_type`: \"\(phase.rawValue)\" and `part`, one of: \(parts.map { "`\($0)`" }.joined(separator: ", ")). Long parts come in pages: pass the `next_cursor` of one page as `cursor` to get the next.")
        }
        return lines
    }

    static func strategy(_ output: JSONObject) -> [String] {
        let requirements = output["requirements"]
        let functional = requirements?["functional"]?.arrayValue ?? []
        let nonFunctional = requirements?["non_functional"]?.arrayValue ?? []
        let constraints = requirements?["constraints"]?.arrayValue ?? []
        var lines = ["## Strategy (@pm)", ""]
        if let summary = output["strategy_summary"]?.stringValue { lines += [summary, ""] }
        let priorities = ["must", "should", "could", "wont"].compactMap { priority -> String? in
            let count = functional.filter { $0["priority"]?.stringValue == priority }.count
            return count > 0 ? "\(count) \(priority)" : nil
        }
        lines.append("- Complexity: \(output["estimated_complexity"]?.stringValue ?? "—")")
        lines.append("- \(functional.count) functional requirements (\(priorities.joined(separator: ", "))), \(nonFunctional.count) non-functional, \(constraints.count) constraints")
        lines.append("- \(output["personas"]?.arrayValue?.count ?? 0) personas, \(output["user_stories"]?.arrayValue?.count ?? 0) user stories, \(output["success_metrics"]?.arrayValue?.count ?? 0) success metrics")
        lines += ["", "### Functional requirements"]
        lines += capped(functional.map { item in
            "- **\(item["id"]?.stringValue ?? "?")** (\(item["priority"]?.stringValue ?? "?"), \(item["actor"]?.stringValue ?? "?")): \(item["description"]?.stringValue ?? "")"
        })
        if !nonFunctional.isEmpty {
            lines += ["", "### Non-functional requirements"]
            lines += capped(nonFunctional.map { "- **\($0["id"]?.stringValue ?? "?")** (\($0["category"]?.stringValue ?? "?")): \(clip($0["description"]?.stringValue ?? "", 160))" })
        }
        return lines + BriefQuestions.lines(output)
    }

    static func architecture(_ output: JSONObject) -> [String] {
        let architecture = output["architecture"]
        let stack = architecture?["stack"]
        let entities = architecture?["data_model"]?["entities"]?.arrayValue ?? []
        let relationships = architecture?["data_model"]?["relationships"]?.arrayValue ?? []
        let endpoints = architecture?["api_design"]?["endpoints"]?.arrayValue ?? []
        let policies = architecture?["security"]?["rls_policies"]?.arrayValue ?? []
        var lines = ["## Architecture (@architect)", ""]
        if let stack {
            lines.append("- Stack: \(stack["preset"]?.stringValue.map { "`\($0)` — " } ?? "")frontend \(clip(stack["frontend"]?.stringValue ?? "—", 80)); backend \(clip(stack["backend"]?.stringValue ?? "—", 80)); database \(clip(stack["database"]?.stringValue ?? "—", 80))")
        }
        lines.append("- Data model: \(entities.count) entities, \(relationships.count) relationships")
        lines.append("- API: \(endpoints.count) endpoints; OpenAPI \(output["openapi"]?["openapi"]?.stringValue ?? "") document with \(output["openapi"]?["paths"]?.objectValue?.count ?? 0) paths")
        lines.append("- Security: \(policies.count) row-level security policies; \(clip(architecture?["security"]?["auth_strategy"]?.stringValue ?? "—", 240))")
        lines.append("- SQL migration: \(output["sql_migration"]?.stringValue?.split(separator: "\n").count ?? 0) lines of PostgreSQL DDL")
        lines += ["", "### Entities"]
        lines += capped(entities.map { entity in
            let fields = entity["fields"]?.arrayValue ?? []
            let references = fields.compactMap { $0["references"]?.stringValue }
            return "- **\(entity["name"]?.stringValue ?? "?")** (table `\(entity["table"]?.stringValue ?? "?")`, \(fields.count) fields\(references.isEmpty ? "" : "; references \(references.joined(separator: ", "))"))"
        })
        lines += ["", "### Endpoints"]
        lines += capped(endpoints.map { endpoint in
            let ids = endpoint["requirement_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return "- `\(endpoint["method"]?.stringValue ?? "?") \(endpoint["path"]?.stringValue ?? "?")`\(ids.isEmpty ? "" : " (\(ids.joined(separator: ", ")))")"
        })
        return lines
    }

    static func ux(_ output: JSONObject) -> [String] {
        let spec = output["ux_spec"]
        let pages = spec?["pages"]?.arrayValue ?? []
        let flows = spec?["user_flows"]?.arrayValue ?? []
        let tokens = spec?["design_tokens"]
        let checks = spec?["accessibility"]?["checks"]?.arrayValue ?? []
        let passed = checks.filter { $0["status"]?.stringValue == "pass" }.count
        let failed = checks.filter { $0["status"]?.stringValue == "fail" }.count
        var lines = ["## UX (@ux-design-expert)", ""]
        var style = "- Style: \(tokens?["style"]?.stringValue ?? "—")"
        if let request = tokens?["style_request"] {
            if request["chosen_by"]?.stringValue == "text" {
                style += ", chosen from \(request["matched"]?.arrayValue?.compactMap(\.stringValue).map { "\"\($0)\"" }.joined(separator: ", ") ?? "") in the style preference"
            } else if let text = request["text"]?.stringValue {
                style += " (the default: \"\(clip(text, 80))\" names no preset)"
            }
            let applied = request["applied"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if !applied.isEmpty { style += "; applied: \(applied.joined(separator: "; "))" }
            let kept = request["kept"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if !kept.isEmpty { style += "; kept as notes: \(kept.map { "\"\(clip($0, 60))\"" }.joined(separator: ", "))" }
        }
        lines.append(style)
        lines.append("- Accessibility: WCAG 2.1 \(spec?["accessibility"]?["wcag_level"]?.stringValue ?? "—"); \(passed) contrast checks pass, \(failed) fail, \(checks.count - passed - failed) to verify in review")
        lines.append("- \(pages.count) pages, \(flows.count) user flows, \(spec?["component_library"]?["components"]?.arrayValue?.count ?? 0) components")
        lines += ["", "### Pages"]
        lines += capped(pages.map { page in
            let ids = page["requirement_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return "- `\(page["route"]?.stringValue ?? "?")` \(page["name"]?.stringValue ?? "")\(ids.isEmpty ? "" : " (\(ids.joined(separator: ", ")))")"
        })
        return lines
    }

    static func code(_ output: JSONObject) -> [String] {
        let files = output["files"]?.arrayValue ?? []
        let bytes = files.reduce(0) { $0 + ($1["content"]?.stringValue?.utf8.count ?? 0) }
        let production = output["dependencies"]?["production"]?.objectValue?.keys ?? []
        var lines = ["## Code (@dev)", ""]
        lines.append("- Framework: \(output["framework"]?.stringValue ?? "—")")
        lines.append("- \(files.count) files, \(bytes / 1024) KB in all")
        if !production.isEmpty { lines.append("- Dependencies: \(production.joined(separator: ", "))") }
        if let traceability = output["traceability"]?.arrayValue, !traceability.isEmpty {
            lines.append("- Traceability: \(traceability.count) requirements mapped to endpoints, pages and files")
        }
        if let setup = output["setup_instructions"]?.arrayValue?.compactMap(\.stringValue), !setup.isEmpty {
            lines += ["", "### Setup"]
            lines += setup.prefix(8).enumerated().map { "\($0.offset + 1). \(clip($0.element, 160))" }
        }
        lines += ["", "### Files"]
        lines += capped(files.map { file in
            "- `\(file["path"]?.stringValue ?? "?")` (\(file["content"]?.stringValue?.utf8.count ?? 0) bytes)"
        }, limit: 40)
        return lines
    }

    /// A job's status: overall state, each phase, and what to read next.
    public static func job(_ status: JSONObject) -> String {
        let id = status["job_id"]?.stringValue ?? "?"
        var lines = ["## Job `\(id)`", ""]
        lines.append("- Status: **\(status["status"]?.stringValue ?? "?")**, \(status["progress_percent"]?.intValue ?? 0)% done")
        if let error = status["error"], !error.isNull {
            lines.append("- Error: \(error["code"]?.stringValue ?? "") \(clip(error["message"]?.stringValue ?? "", 300))")
        }
        var finished: [String] = []
        if let phases = status["phases"]?.objectValue, !phases.isEmpty {
            lines += ["", "| phase | status | attempts | duration |", "| --- | --- | --- | --- |"]
            for (name, phase) in phases {
                let duration = phase["duration_ms"]?.intValue.map { "\($0) ms" } ?? "—"
                lines.append("| \(name) | \(phase["status"]?.stringValue ?? "?") | \(phase["attempts"]?.intValue ?? 0) | \(duration) |")
                if phase["status"]?.stringValue == "completed" { finished.append(name) }
            }
        }
        if let webhook = status["webhook"], !webhook.isNull {
            lines += ["", "- Webhook: \(webhook["state"]?.stringValue ?? "?") after \(webhook["attempts"]?.intValue ?? 0) attempts"]
        }
        lines.append("")
        if finished.isEmpty {
            lines.append("No artifact is ready yet: call `aios_get_status` again (or subscribe to the job resource) until a phase completes.")
        } else {
            lines.append("Ready: \(finished.map { "`\($0)`" }.joined(separator: ", ")). Read a summary of each with `aios_get_artifact` (`job_id`: \"\(id)\", `artifact_type`), then any part of it with `part` (and `cursor` for the next page); the whole artifacts are behind the resource links.")
        }
        return lines.joined(separator: "\n")
    }

    /// The pipeline tool's answer: the job and how to follow it.
    public static func submitted(_ output: JSONObject) -> String {
        let id = output["job_id"]?.stringValue ?? "?"
        let phases = output["phases_queued"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var lines = ["## Pipeline job `\(id)`", ""]
        lines.append("- Status: **\(output["status"]?.stringValue ?? "?")**\(output["created"] == .bool(false) ? " (returned for a repeated idempotency_key)" : "")")
        lines.append("- Phases: \(phases.joined(separator: " → "))")
        lines.append("- Estimated: about \(Int((output["estimated_duration_seconds"]?.doubleValue ?? 0).rounded(.up))) s of work once a worker takes it")
        lines.append("")
        if let questions = output["questions"]?.objectValue {
            let asked = questions["asked"]?.arrayValue?.compactMap(\.stringValue) ?? []
            lines.append("- Questions about the brief (\(asked.joined(separator: ", "))): \(questions["explanation"]?.stringValue ?? "")"
                + ((questions["answered"]?.intValue ?? 0) > 0 ? " \(questions["answered"]?.intValue ?? 0) answer(s) joined the brief." : " The strategy artifact lists the assumptions made instead."))
        }
        lines.append("")
        lines.append("Follow it with `aios_get_status` (`job_id`: \"\(id)\") or subscribe to \(output["status_uri"]?.stringValue.map { "`\($0)`" } ?? "the job resource"); when a phase completes, read it with `aios_get_artifact`.")
        return lines.joined(separator: "\n")
    }

    static func capped(_ lines: [String], limit: Int = listed) -> [String] {
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + ["- … and \(lines.count - limit) more"]
    }

    static func clip(_ text: String, _ length: Int) -> String {
        guard text.count > length else { return text }
        return String(text.prefix(length - 1)) + "…"
    }
}
