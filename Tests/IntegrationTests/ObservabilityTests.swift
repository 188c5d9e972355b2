import Foundation
import MCPCore
import Testing

/// Health, metrics, logs and graceful shutdown, as an operator sees them from the real
/// executables. Serialized: the shutdown tests time real processes on a small machine.
@Suite(.serialized) struct ObservabilityTests {
    static func makeHome() throws -> String { try CLITests.makeHome() }

    static func aiosctl(_ arguments: [String], home: String, stdin: Data? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(
            Products.aiosctl, arguments, stdin: stdin,
            environment: ["AIOS_HOME": home, "NO_COLOR": "1"].merging(environment) { $1 })
    }

    /// A brief long enough that a debug build spends seconds on its pipeline.
    static func longBrief() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("long-brief-\(UUID().uuidString).md").path
        let base = try String(contentsOfFile: Products.examples + "/invoicing.md", encoding: .utf8)
        try String(repeating: base + "\n", count: 20).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every example brief in one: many distinct entities, so a pipeline on it runs for seconds
    /// (a brief repeated many times is analysed once and finishes far sooner).
    static func allExamplesBrief() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("all-briefs-\(UUID().uuidString).md").path
        let names = try FileManager.default.contentsOfDirectory(atPath: Products.examples).filter { $0.hasSuffix(".md") }.sorted()
        let briefs = try names.map { try String(contentsOfFile: Products.examples + "/" + $0, encoding: .utf8) }
        try briefs.joined(separator: "\n\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `promtool`: `AIOS_TEST_PROMTOOL`, else the first on `PATH`, else Debian's location.
    static var promtool: String? {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["AIOS_TEST_PROMTOOL"], !path.isEmpty { candidates.append(path) }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(directory) + "/promtool")
        }
        candidates.append("/usr/bin/promtool")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Waits (on the store's change notifications, up to `seconds`) until the job satisfies `condition`.
    static func waitForJob(
        _ home: String, _ id: JobID, seconds: Double = 60, _ what: String, _ condition: (Job) -> Bool
    ) async throws -> Job {
        let store = try await StoreFactory.open(.file(home), options: JobStoreOptions(changePollInterval: .milliseconds(5))).jobs
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        var version = try await store.version()
        while true {
            if let job = try await store.job(id), condition(job) { return job }
            try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)")
            version = try await store.waitForChange(after: version, timeout: .milliseconds(100))
        }
    }

    static func submit(_ brief: String, home: String) throws -> JobID {
        let submitted = try aiosctl(["submit", brief], home: home)
        try #require(submitted.status == 0, "\(submitted.stderrText)")
        return try JobID(validating: submitted.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func mcpLines(_ calls: [(String, [String: Any])]) throws -> Data {
        var messages: [[String: Any]] = [
            ["jsonrpc": "2.0", "id": 0, "method": "initialize",
             "params": ["protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any], "clientInfo": ["name": "test", "version": "1"]]],
            ["jsonrpc": "2.0", "method": "notifications/initialized"],
        ]
        for (index, call) in calls.enumerated() {
            messages.append(["jsonrpc": "2.0", "id": index + 1, "method": "tools/call", "params": ["name": call.0, "arguments": call.1]])
        }
        var data = Data()
        for message in messages {
            data.append(try JSONSerialization.data(withJSONObject: message))
            data.append(0x0A)
        }
        return data
    }

    static func sampleValue(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    // MARK: - Metrics

    @Test func metricsAfterRealWorkPassPromtoolAndCountEveryProcess() throws {
        let promtool = try #require(Self.promtool, "promtool not found: run scripts/test.sh, which installs Debian's prometheus package")
        let home = try Self.makeHome()
        let ran = try Self.aiosctl(["run", Products.examples + "/quiz-app.md", "--json"], home: home)
        #expect(ran.status == 0, "\(ran.stderrText)")
        let spec = try String(contentsOfFile: Products.examples + "/habit-tracker.md", encoding: .utf8)
        let server = try runProcess(
            Products.aiosMCP, [],
            stdin: try Self.mcpLines([
                ("aios_strategize", ["spec": spec]), ("aios_strategize", ["spec": ""]),
                ("aios_get_status", ["job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"]),
            ]),
            environment: ["AIOS_HOME": home, "AIOS_WORKERS": "0"])
        #expect(server.status == 0, "\(server.stderrText)")

        let metrics = try Self.aiosctl(["metrics"], home: home)
        #expect(metrics.status == 0)
        let text = metrics.stdoutText
        let check = try runProcess(promtool, ["check", "metrics"], stdin: metrics.stdout)
        #expect(check.status == 0, "promtool: \(check.stdoutText) \(check.stderrText)\n\(text)")

        #expect(Self.sampleValue(text, #"aios_tool_calls_total{outcome="ok",tool="aios_strategize"}"#) == 1)
        #expect(Self.sampleValue(text, #"aios_tool_calls_total{outcome="invalid_input",tool="aios_strategize"}"#) == 1)
        #expect(Self.sampleValue(text, #"aios_tool_calls_total{outcome="job_not_found",tool="aios_get_status"}"#) == 1)
        #expect(Self.sampleValue(text, #"aios_tool_calls_rejected_total{reason="rate_limited"}"#) == 0)
        #expect(Self.sampleValue(text, #"aios_jobs{status="completed"}"#) == 1)
        #expect(Self.sampleValue(text, "aios_queue_depth") == 0)
        #expect(Self.sampleValue(text, #"aios_job_duration_seconds_count{status="completed"}"#) == 1)
        for phase in Phase.allCases {
            #expect(Self.sampleValue(text, #"aios_phase_duration_seconds_count{outcome="completed",phase="\#(phase.rawValue)"}"#) == 1)
        }
        #expect(!text.contains("webhook"), "no webhook series are made up")

        // Totals only grow: another server's calls add to the ones of processes that ended.
        let again = try runProcess(
            Products.aiosMCP, [], stdin: try Self.mcpLines([("aios_strategize", ["spec": spec])]),
            environment: ["AIOS_HOME": home, "AIOS_WORKERS": "0"])
        #expect(again.status == 0)
        let later = try Self.aiosctl(["metrics"], home: home).stdoutText
        #expect(Self.sampleValue(later, #"aios_tool_calls_total{outcome="ok",tool="aios_strategize"}"#) == 2)
        #expect(Self.sampleValue(later, #"aios_tool_calls_total{outcome="invalid_input",tool="aios_strategize"}"#) == 1)

        // With a key in the store, calls need one: a wrong key is refused, a spent quota too.
        let created = try Self.aiosctl(["keys", "create", "--name", "metrics", "--per-minute", "2"], home: home)
        try #require(created.status == 0, "\(created.stderrText)")
        let key = created.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let unknownJob: (String, [String: Any]) = ("aios_get_status", ["job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"])
        for secret in [key, "aios_" + String(repeating: "Zz9", count: 12)] {
            let keyed = try runProcess(
                Products.aiosMCP, [], stdin: try Self.mcpLines([unknownJob, unknownJob, unknownJob]),
                environment: ["AIOS_HOME": home, "AIOS_WORKERS": "0", "AIOS_API_KEY": secret])
            #expect(keyed.status == 0)
        }
        let refused = try Self.aiosctl(["metrics"], home: home)
        #expect(try runProcess(promtool, ["check", "metrics"], stdin: refused.stdout).status == 0)
        let refusedText = refused.stdoutText
        #expect(Self.sampleValue(refusedText, #"aios_tool_calls_total{outcome="job_not_found",tool="aios_get_status"}"#) == 3)
        #expect(Self.sampleValue(refusedText, #"aios_tool_calls_total{outcome="rate_limited",tool="aios_get_status"}"#) == 1)
        #expect(Self.sampleValue(refusedText, #"aios_tool_calls_total{outcome="unauthorized",tool="aios_get_status"}"#) == 3)
        #expect(Self.sampleValue(refusedText, #"aios_tool_calls_rejected_total{reason="rate_limited"}"#) == 1)
        #expect(Self.sampleValue(refusedText, #"aios_tool_calls_rejected_total{reason="unauthorized"}"#) == 3)

        let stats = try Self.aiosctl(["stats", "--json"], home: home)
        let object = try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any]
        let code = (object?["phases"] as? [String: Any])?["code"] as? [String: Any]
        #expect(code?["count"] as? Int == 1)
        #expect(code?["p99_ms"] is Int)
    }

    // MARK: - Health

    @Test func healthIsZeroForAHealthyStoreAndOneForADeadWorkersLease() async throws {
        let home = try Self.makeHome()
        let ran = try Self.aiosctl(["run", Products.examples + "/quiz-app.md"], home: home)
        #expect(ran.status == 0)
        let healthy = try Self.aiosctl(["health", "--json"], home: home)
        #expect(healthy.status == 0, "\(healthy.stdoutText)")
        let report = try JSONSerialization.jsonObject(with: healthy.stdout) as? [String: Any]
        #expect(report?["healthy"] as? Bool == true)
        // Issue 22 finding 8: health said "this build does not deliver webhooks" although it does.
        let webhooks = report?["webhooks"] as? [String: Any]
        #expect(webhooks?["applicable"] as? Bool == true)
        #expect(webhooks?["pending_deliveries"] as? Int == 0)
        let text = try Self.aiosctl(["health"], home: home)
        #expect(!text.stdoutText.contains("does not deliver webhooks"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("webhooks  0 pending"), "\(text.stdoutText)")

        // A worker on another machine claimed a job and stopped heartbeating.
        let store = try await StoreFactory.open(.file(home)).jobs
        let id = try await store.submit(JobSubmission(request: ["spec": "Teachers create quizzes; students take them."])).job.id
        _ = try await store.claim(worker: "build-box-7:4242:w0", lease: .milliseconds(1))
        let dead = try Self.aiosctl(["health"], home: home)
        #expect(dead.status == 1)
        #expect(dead.stdoutText.contains("UNHEALTHY"))
        #expect(dead.stdoutText.contains(id.rawValue) && dead.stdoutText.contains("lease expired"))
    }

    @Test func healthIsOneForAWorkerKilledMidJob() async throws {
        let home = try Self.makeHome()
        // Long enough that the job is still running when the worker is killed right after its
        // claim is seen: a brief repeated 20 times is analysed once and can finish first.
        let id = try Self.submit(try Self.allExamplesBrief(), home: home)
        let worker = try ChildProcess(Products.aiosctl, ["worker", "--concurrency", "1"], environment: ["AIOS_HOME": home])
        defer { worker.killIfRunning() }
        let running = try await Self.waitForJob(home, id, "the worker to claim the job") { $0.status != .queued }
        worker.send(SIGKILL)
        _ = worker.waitForExit(timeout: 10)
        let after = try #require(try await StoreFactory.open(.file(home)).jobs.job(id))
        try #require(running.status == .running && after.status == .running, "the job finished before the worker was killed: \(running.status) then \(after.status)")
        let health = try Self.aiosctl(["health", "--json"], home: home)
        #expect(health.status == 1)
        #expect(health.stdoutText.contains("no longer runs"), "\(health.stdoutText)")
    }

    @Test func healthIsOneForADamagedJournal() async throws {
        let home = try Self.makeHome()
        for index in 0..<3 {
            _ = try Self.aiosctl(["submit", "--spec", "Teachers create quizzes \(index); students take them."], home: home)
        }
        let path = home + "/journal-0.log"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: path))
        let health = try Self.aiosctl(["health", "--json"], home: home)
        #expect(health.status == 1)
        let report = try JSONSerialization.jsonObject(with: health.stdout) as? [String: Any]
        let reasons = report?["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("damage") && $0.contains("journal-0.log") }, "\(reasons)")
        #expect((report?["store"] as? [String: Any])?["readable"] as? Bool == false)
    }

    // MARK: - Logs

    @Test func debugLogsAreJSONLinesWithoutTheSecretsTheProcessWasGiven() throws {
        let home = try Self.makeHome()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let randomText = { (count: Int) in String((0..<count).map { _ in alphabet.randomElement() ?? "A" }) }
        let created = try Self.aiosctl(["keys", "create", "--name", "logs"], home: home)
        try #require(created.status == 0, "\(created.stderrText)")
        let apiKey = created.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(apiKey.hasPrefix("aios_"))
        let webhookSecret = "whsec_" + Data(randomText(32).utf8).base64EncodedString()
        let token = randomText(40)
        let environment = [
            "AIOS_HOME": home, "AIOS_LOG_LEVEL": "debug", "AIOS_API_KEY": apiKey, "AIOS_WEBHOOK_SECRET": webhookSecret,
            "AIOS_EXTRA_HEADER": "Authorization: Bearer \(token)", "AIOS_NOTE": "key \(apiKey)", "AIOS_WORKERS": "1",
        ]
        let spec = try String(contentsOfFile: Products.examples + "/helpdesk.md", encoding: .utf8)
        let server = try runProcess(
            Products.aiosMCP, [],
            stdin: try Self.mcpLines([
                ("aios_strategize", ["spec": spec + "\nAPI access uses Bearer \(token) and key \(apiKey)."]),
                ("aios_full_pipeline", ["spec": spec]), ("aios_design_ux", ["spec": ""]),
            ]),
            environment: environment)
        #expect(server.status == 0)
        let worker = try ChildProcess(Products.aiosctl, ["worker"], environment: environment)
        defer { worker.killIfRunning() }
        #expect(worker.waitForStderr(containing: "worker pool started", timeout: 30))
        let ids = try Self.aiosctl(["jobs", "--json"], home: home, environment: ["AIOS_API_KEY": apiKey]).stdoutText
        let id = try #require(ids.range(of: #"job_[0-9a-z]+"#, options: .regularExpression).map { String(ids[$0]) })
        _ = try Self.aiosctl(["wait", id, "--timeout", "2m"], home: home, environment: ["AIOS_API_KEY": apiKey])
        worker.send(SIGTERM)
        #expect(worker.waitForExit(timeout: 10) == 0)

        var requestLines = 0
        var jobLines = 0
        for (name, text) in [("aios-mcp", server.stderrText), ("aiosctl worker", worker.stderrText)] {
            let lines = text.split(separator: "\n")
            #expect(lines.count > 3, "\(name) logged at debug level")
            for line in lines {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object != nil, "\(name): not a JSON object: \(line)")
                #expect(object?["level"] is String && object?["time"] is String && object?["message"] is String)
                if object?["request_id"] != nil { requestLines += 1 }
                if object?["job_id"] != nil { jobLines += 1 }
                for secret in [apiKey, webhookSecret, token, String(webhookSecret.dropFirst(6))] {
                    #expect(!line.contains(secret), "\(name) logged a secret: \(line)")
                }
            }
            #expect(text.contains("AIOS_API_KEY") && text.contains(SecretRedactor.mask), "\(name) logged its settings, masked")
        }
        #expect(requestLines > 0 && jobLines > 0, "request_id and job_id appear where they apply")
    }

    // MARK: - Graceful shutdown

    @Test func sigtermDuringAPipelineExitsZeroQuicklyAndTheNextWorkerFinishesTheJob() async throws {
        let home = try Self.makeHome()
        let id = try Self.submit(try Self.longBrief(), home: home)
        let first = try ChildProcess(Products.aiosctl, ["worker", "--concurrency", "1"], environment: ["AIOS_HOME": home])
        defer { first.killIfRunning() }
        _ = try await Self.waitForJob(home, id, "the first worker to claim the job") { $0.status != .queued }
        let signalled = Date()
        first.send(SIGTERM)
        let status = first.waitForExit(timeout: 10)
        let elapsed = Date().timeIntervalSince(signalled)
        #expect(status == 0, "\(first.stderrText)")
        #expect(elapsed < 5, "took \(elapsed) s to stop")

        let left = try #require(try await StoreFactory.open(.file(home)).jobs.job(id))
        #expect(left.status == .queued || left.status == .completed, "a stopped worker leaves no job running")
        #expect(left.lease == nil && left.stallCount == 0)
        let doneByFirst = Set(left.requestedPhases.filter { left.phases[$0]?.status == .completed })

        let second = try ChildProcess(Products.aiosctl, ["worker"], environment: ["AIOS_HOME": home, "AIOS_LOG_LEVEL": "info"])
        defer { second.killIfRunning() }
        #expect(second.waitForStderr(containing: "worker pool started", timeout: 30))
        let finished = try await Self.waitForJob(home, id, seconds: 120, "the job to complete") { $0.status.isTerminal }
        #expect(finished.status == .completed)
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: 10) == 0)
        if left.status == .queued {
            let claims = second.stderrText.split(separator: "\n").filter { $0.contains("\"job claimed\"") && $0.contains(id.rawValue) }
            #expect(claims.count == 1, "the second worker resumed the released job")
            for phase in doneByFirst {
                #expect(!second.stderrText.contains("\"phase\":\"\(phase.rawValue)\",\"duration_ms\""), "\(phase) ran again")
            }
        }
    }

    @Test("closing stdin or SIGTERM stops the server quickly and leaves its job resumable", arguments: ["eof", "sigterm"])
    func serverShutdown(_ how: String) async throws {
        let home = try Self.makeHome()
        let id = try Self.submit(try Self.longBrief(), home: home)
        let server = try ChildProcess(Products.aiosMCP, [], environment: ["AIOS_HOME": home, "AIOS_WORKERS": "1"])
        defer { server.killIfRunning() }
        _ = try await Self.waitForJob(home, id, "the server's worker to claim the job") { $0.status != .queued }
        let stopped = Date()
        if how == "eof" { try server.closeStdin() } else { server.send(SIGTERM) }
        let status = server.waitForExit(timeout: 10)
        #expect(status == 0, "\(server.stderrText)")
        #expect(Date().timeIntervalSince(stopped) < 5)
        #expect(server.stdoutText.isEmpty, "nothing but protocol frames on stdout, and none were asked for")
        let left = try #require(try await StoreFactory.open(.file(home)).jobs.job(id))
        #expect(left.status == .queued || left.status == .completed)
        #expect(left.lease == nil)
        #expect(server.stderrText.contains("\"shut down\""))
    }
}
