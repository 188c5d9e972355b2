import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 21: on a PostgreSQL store, metrics and heartbeats live in the database, so two
/// "machines" (two AIOS_HOMEs) sharing it see each other's workers and counters.
extension PostgresProcessTests {
    static func ctl(_ arguments: [String], home: String, store: String) throws -> ProcessResult {
        try runProcess(Products.aiosctl, arguments, environment: ["AIOS_HOME": home, "AIOS_STORE": store, "NO_COLOR": "1"])
    }

    @Test func aWorkerOnOneMachineIsSeenWithItsCountersFromAnother() throws {
        let base = try #require(Self.baseURL, "AIOS_TEST_REQUIRE_POSTGRES=1 but AIOS_TEST_POSTGRES_URL is not set")
        let store = try Self.freshStore(base)
        let homeA = try CLITests.makeHome()
        let homeB = try CLITests.makeHome()
        let submitted = try Self.ctl(["submit", "--spec", "Teachers create quizzes; students take them.", "--json"], home: homeB, store: store)
        #expect(submitted.status == 0, "submit: \(submitted.stderrText)")
        let id = try #require(submitted.stdoutText.range(of: #"job_[0-9a-z]{30}"#, options: .regularExpression).map { String(submitted.stdoutText[$0]) })

        let worker = try ChildProcess(
            Products.aiosctl, ["worker", "--concurrency", "2"], environment: ["AIOS_HOME": homeA, "AIOS_STORE": store])
        defer { worker.killIfRunning() }
        #expect(worker.waitForStderr(containing: "worker pool started", timeout: 30))
        let waited = try Self.ctl(["wait", id, "--timeout", "2m"], home: homeB, store: store)
        #expect(waited.status == 0, "wait: \(waited.stdoutText) \(waited.stderrText)")

        // Machine B sees machine A's worker by its heartbeat row (written about once a second).
        var processes: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(60)
        while processes.isEmpty, Date() < deadline {
            let health = try Self.ctl(["health", "--json"], home: homeB, store: store)
            let report = try JSONSerialization.jsonObject(with: health.stdout) as? [String: Any]
            processes = ((report?["workers"] as? [String: Any])?["processes"] as? [[String: Any]]) ?? []
        }
        #expect(processes.count == 1, "health from another AIOS_HOME saw no live worker")
        #expect(processes.first?["role"] as? String == "worker")
        #expect(processes.first?["pid"] as? Int == Int(worker.process.processIdentifier))
        #expect(processes.first?["slots"] as? Int == 2)
        let live = try Self.ctl(["metrics"], home: homeB, store: store).stdoutText
        #expect(ObservabilityTests.sampleValue(live, "aios_worker_processes") == 1, "\(live)")

        // Stopped, the worker's last values are folded into the retired total, counted once.
        worker.send(SIGTERM)
        #expect(worker.waitForExit(timeout: 30) == 0)
        for _ in 0..<2 {
            let metrics = try Self.ctl(["metrics"], home: homeB, store: store)
            #expect(metrics.status == 0, "\(metrics.stderrText)")
            #expect(ObservabilityTests.sampleValue(metrics.stdoutText, #"aios_job_duration_seconds_count{status="completed"}"#) == 1, "\(metrics.stdoutText)")
            #expect(ObservabilityTests.sampleValue(metrics.stdoutText, "aios_worker_processes") == 0)
        }
        // Nothing went to either machine's files.
        #expect(!FileManager.default.fileExists(atPath: homeA + "/metrics"))
        #expect(!FileManager.default.fileExists(atPath: homeB + "/metrics"))
    }
}
