import Foundation
import MCPCore
import Testing

/// The readiness review as a CI script meets it: in `aiosctl run`'s and `wait`'s status and exit
/// code, in `aiosctl status`, and as the `plan` and `review` artifacts.
@Suite struct ReviewCLITests {
    static func aiosctl(_ arguments: [String], home: String) throws -> ProcessResult {
        try runProcess(Products.aiosctl, arguments, environment: ["AIOS_HOME": home, "NO_COLOR": "1"])
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "not a JSON object: \(result.stdoutText.prefix(300))")
    }

    @Test func runShowsAPassingReviewAndExitsZero() throws {
        let home = try CLITests.makeHome()
        let run = try Self.aiosctl(["run", Products.examples + "/recipe-box.md"], home: home)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("review       PASS"), "\(run.stdoutText)")
        let id = try #require(run.stderrText.split(separator: "\n").first { $0.hasPrefix("job job_") }.map { String($0.dropFirst(4)) })

        let status = try Self.json(try Self.aiosctl(["status", id, "--json"], home: home))
        let review = try #require(status["review"] as? [String: Any])
        #expect(review["verdict"] as? String == "PASS")
        #expect((review["findings"] as? [Any])?.isEmpty == true)

        let plan = try Self.json(try Self.aiosctl(["artifact", id, "plan"], home: home))
        #expect((plan["epics"] as? [Any])?.isEmpty == false && (plan["order"] as? [Any])?.isEmpty == false)
        let markdown = try Self.aiosctl(["artifact", id, "review", "--format", "markdown"], home: home)
        #expect(markdown.status == 0 && markdown.stdoutText.hasPrefix("# Readiness review: PASS"), "\(markdown.stdoutText.prefix(200))")
        let tasks = try Self.aiosctl(["artifact", id, "plan", "--format", "markdown"], home: home)
        #expect(tasks.stdoutText.contains("## EP-1 Foundation"), "\(tasks.stdoutText.prefix(300))")
    }

    /// A job whose code artifact carries a FAIL review (its artifacts damaged: a page's route file
    /// dropped): `wait` exits 1 and says why; `status` reports it and exits 0.
    @Test func waitExitsOneOnAFailingReview() async throws {
        let home = try CLITests.makeHome()
        let spec = try String(contentsOfFile: Products.examples + "/recipe-box.md", encoding: .utf8)
        let engine = AgentEngines.builtin()
        let strategy = try await engine.run(.strategy, input: ["spec": .string(spec)], progress: .ignored)
        let architecture = try await engine.run(.architecture, input: ["spec": .string(spec), "requirements": .object(strategy)], progress: .ignored)
        let ux = try await engine.run(.ux, input: ["spec": .string(spec), "requirements": .object(strategy), "architecture": .object(architecture)], progress: .ignored)
        var code = try await engine.run(.code, input: ["spec": .string(spec), "requirements": .object(strategy), "architecture": .object(architecture), "ux_spec": .object(ux)], progress: .ignored)
        let files = code["files"]?.arrayValue ?? []
        let dropped = try #require(files.compactMap { $0["path"]?.stringValue }.first { $0.hasSuffix("[id]/page.tsx") })
        code["files"] = .array(files.filter { $0["path"]?.stringValue != dropped })
        code["review"] = .object(ReadinessReview(strategy: strategy, architecture: architecture, ux: ux, code: code).run())
        #expect(code["review"]?["verdict"]?.stringValue == "FAIL")

        let store = try await StoreFactory.open(.file(home)).jobs
        let id = try await store.submit(JobSubmission(request: ["spec": .string(spec)])).job.id
        let worker = "review-test:1:w0"
        _ = try #require(try await store.claim(worker: worker, lease: .seconds(600)))
        for (phase, artifact) in [(Phase.strategy, strategy), (.architecture, architecture), (.ux, ux), (.code, code)] {
            _ = try await store.phaseStarted(id, phase: phase, worker: worker)
            _ = try await store.phaseSucceeded(id, phase: phase, worker: worker, artifact: artifact)
        }
        #expect(try await store.job(id)?.status == .completed)

        let waited = try Self.aiosctl(["wait", id.rawValue], home: home)
        #expect(waited.status == 1, "a FAIL review fails the gate: \(waited.stdoutText)")
        #expect(waited.stdoutText.contains("review       FAIL") && waited.stdoutText.contains("page-without-route-file"), "\(waited.stdoutText)")
        let status = try Self.aiosctl(["status", id.rawValue, "--json"], home: home)
        #expect(status.status == 0)
        let review = try #require(try Self.json(status)["review"] as? [String: Any])
        #expect(review["verdict"] as? String == "FAIL")
        let findings = review["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { ($0["artifacts"] as? [String]) == ["ux", "code"] && ($0["message"] as? String ?? "").contains(dropped) }, "\(findings)")
    }
}
