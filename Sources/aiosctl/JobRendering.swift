import MCPCore

/// Human-readable job output.
enum JobRendering {
    /// A status object (as `aios_get_status` returns it) as a few aligned lines.
    static func statusText(_ status: JSONObject) -> String {
        var lines = ["\(status["job_id"]?.stringValue ?? "?")  \(status["status"]?.stringValue ?? "?")  \(status["progress_percent"]?.intValue ?? 0)%"]
        if let message = status["progress_message"]?.stringValue { lines.append("  now: \(message)") }
        if let error = status["error"], !error.isNull {
            lines.append("  error: \(error["code"]?.stringValue ?? ""): \(error["message"]?.stringValue ?? "")")
            if let details = error["details"]?.objectValue { lines += detailLines(details) }
        }
        for (phase, state) in status["phases"]?.objectValue ?? [:] {
            var line = "  " + pad(phase, 13) + pad(state["status"]?.stringValue ?? "", 10)
            if let ms = state["duration_ms"]?.intValue { line += pad("\(ms) ms", 10) } else { line += pad("", 10) }
            let attempts = state["attempts"]?.intValue ?? 0
            line += "\(attempts) attempt\(attempts == 1 ? "" : "s")"
            if let error = state["error"], !error.isNull { line += "  \(error["message"]?.stringValue ?? "")" }
            if let progress = state["progress"]?.objectValue {
                line += "  \(progress["percent"]?.intValue ?? 0)% of the phase: \(progress["message"]?.stringValue ?? "")"
            }
            lines.append(line)
        }
        if let webhook = status["webhook"]?.objectValue {
            let attempts = webhook["attempts"]?.intValue ?? 0
            var line = "  " + pad("webhook", 13) + pad(webhook["state"]?.stringValue ?? "", 10) + pad("", 10)
            line += "\(attempts) attempt\(attempts == 1 ? "" : "s")"
            if let last = webhook["last_attempt"]?.objectValue {
                if let code = last["status_code"]?.intValue { line += "  HTTP \(code)" }
                if let error = last["error"]?.stringValue { line += "  \(error)" }
            }
            if let next = webhook["next_attempt_at"]?.stringValue { line += "  next at \(next)" }
            lines.append(line)
        }
        if let engine = status["engine"]?.stringValue {
            // One line per phase that asked the model (strategy, ux), else the job's one usage.
            let perPhase = (status["phase_model_usage"]?.objectValue ?? [:]).compactMap { phase, usage in usage.objectValue.map { (phase, $0) } }
            let usages: [(String?, JSONObject)] = perPhase.isEmpty
                ? (status["model_usage"]?.objectValue).map { [(nil, $0)] } ?? []
                : Phase.allCases.compactMap { phase in perPhase.first { $0.0 == phase.rawValue }.map { (phase.rawValue, $0.1) } }
            if usages.isEmpty { lines.append("  " + pad("engine", 13) + engine) }
            for (phase, usage) in usages {
                func int(_ key: String) -> Int64 { usage[key]?.intValue ?? 0 }
                lines.append(
                    "  " + pad("engine", 13) + engine + (phase.map { " (\($0))" } ?? "")
                        + "  model \(usage["model"]?.stringValue ?? "?")  prompt \(usage["prompt_version"]?.stringValue ?? "?")  "
                        + "\(int("prompt_tokens")) prompt + \(int("completion_tokens")) completion tokens  \(int("calls")) call\(int("calls") == 1 ? "" : "s")  "
                        + "\(int("repairs")) repair\(int("repairs") == 1 ? "" : "s")  \(int("latency_ms")) ms  \(int("cache_hits")) cache hit\(int("cache_hits") == 1 ? "" : "s")")
            }
        }
        if let review = status["review"]?.objectValue {
            lines.append("  " + pad("review", 13) + (review["verdict"]?.stringValue ?? "?") + "  " + (review["summary"]?.stringValue ?? ""))
            for finding in review["findings"]?.arrayValue ?? [] {
                lines.append("    \(finding["id"]?.stringValue ?? "") \(finding["severity"]?.stringValue ?? "") \(finding["check"]?.stringValue ?? ""): \(finding["message"]?.stringValue ?? "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A failure's details as indented lines: the problems (at most 10), the engine run's
    /// accounting, then any other member as compact JSON.
    static func detailLines(_ details: JSONObject) -> [String] {
        var lines: [String] = []
        for (key, value) in details {
            switch key {
            case "problems":
                let problems = value.arrayValue ?? []
                let total = details["problems_count"]?.intValue ?? Int64(problems.count)
                lines.append("    problems (\(total)):")
                for problem in problems.prefix(10) {
                    let path = problem["path"]?.stringValue ?? "?"
                    lines.append("      \(path.isEmpty ? "/" : path): \(problem["message"]?.stringValue ?? String(describing: problem))")
                }
                if total > 10 { lines.append("      … and \(total - min(10, Int64(problems.count))) more (see --json)") }
            case "engine_run" where value.objectValue != nil:
                let run = value.objectValue ?? [:]
                func int(_ key: String) -> Int64 { run[key]?.intValue ?? 0 }
                lines.append("    engine run: \(run["engine"]?.stringValue ?? "?") \(run["model"]?.stringValue ?? "?"), "
                    + "\(int("calls")) call\(int("calls") == 1 ? "" : "s"), \(int("repairs")) repair\(int("repairs") == 1 ? "" : "s"), "
                    + "\(int("prompt_tokens")) prompt + \(int("completion_tokens")) completion tokens, \(int("latency_ms")) ms, "
                    + "outcome \(run["outcome"]?.stringValue ?? "?")")
            case "problems_count":
                continue
            default:
                lines.append("    \(key): \(String(decoding: value.serialized(), as: UTF8.self))")
            }
        }
        return lines
    }

    /// Jobs as a table.
    static func table(_ jobs: [Job]) -> String {
        guard !jobs.isEmpty else { return "" }
        var lines = [pad("JOB", 36) + pad("STATUS", 11) + pad("PROGRESS", 10) + "CREATED"]
        for job in jobs {
            lines.append(pad(job.id.rawValue, 36) + pad(job.status.rawValue, 11) + pad("\(job.progressPercent)%", 10)
                + RFC3339Timestamp.format(milliseconds: job.createdAt))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// A one-line progress display on stderr, redrawn in place on a terminal.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let color: Bool

    init(enabled: Bool) {
        self.enabled = enabled && Console.stderrIsTerminal
        self.color = Console.colorEnabled
    }

    func draw(_ job: Job) {
        guard enabled else { return }
        let width = 24
        let filled = width * job.progressPercent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let phases = job.requestedPhases.map { phase in
            let status = job.phases[phase]?.status.rawValue ?? "pending"
            return "\(phase.rawValue):\(status)"
        }.joined(separator: " ")
        let status = color ? "\u{1B}[1m\(job.status.rawValue)\u{1B}[0m" : job.status.rawValue
        let message = job.progressMessage.map { "  \($0)" } ?? ""
        Console.messageRaw("\r\u{1B}[2K[\(bar)] \(job.progressPercent)% \(status)  \(phases)\(message)")
    }

    func finish(_ job: Job?) {
        guard enabled else { return }
        Console.messageRaw("\n")
        if let job {
            let mark = job.status == .completed ? "done" : job.status.rawValue
            Console.message("\(job.id.rawValue) \(mark)")
        }
    }
}
