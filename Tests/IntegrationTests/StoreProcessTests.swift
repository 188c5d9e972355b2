import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The store shared by real processes: crashes at random moments, and processes of both
/// executables working on the same jobs.
@Suite(.serialized) struct StoreProcessTests {
    /// Starts `script` under `sh`; Foundation's `Process` makes the child a process group
    /// leader, so the whole group (the shell and what it started) can be killed at once.
    static func startGroup(_ script: String, home: String, output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["AIOS_HOME": home, "CTL": Products.aiosctl, "OUT": output, "AIOS_LOG_LEVEL": "error"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func killGroup(_ process: Process) { process.killGroupAndWait() }

    static func jobsJSON(home: String) throws -> [[String: Any]] {
        let result = try runProcess(Products.aiosctl, ["jobs", "--json", "--limit", "1000000"], environment: ["AIOS_HOME": home])
        #expect(result.status == 0, "jobs after a crash: \(result.stderrText)")
        return (try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]]) ?? []
    }

    /// The invariants every job satisfies whatever moment a crash hit.
    static func checkConsistent(_ job: [String: Any]) {
        let id = job["job_id"] as? String ?? "?"
        let status = job["status"] as? String ?? ""
        let phases = job["phases"] as? [String: [String: Any]] ?? [:]
        let progress = job["progress_percent"] as? Int ?? -1
        #expect(["queued", "running", "completed", "failed", "cancelled"].contains(status), "\(id): status \(status)")
        #expect((0...100).contains(progress), "\(id): progress \(progress)")
        #expect(Set(phases.keys) == ["strategy", "architecture", "ux", "code"], "\(id): phases \(phases.keys)")
        for (name, phase) in phases {
            let phaseStatus = phase["status"] as? String ?? ""
            if phaseStatus == "completed" {
                #expect(phase["finished_at"] is String, "\(id) \(name): completed without finished_at")
            }
            if phaseStatus == "pending" {
                #expect(phase["finished_at"] is NSNull, "\(id) \(name): pending with finished_at")
            }
        }
        if status == "completed" {
            #expect(phases.values.allSatisfy { $0["status"] as? String == "completed" }, "\(id): completed with unfinished phases")
            #expect(progress == 100, "\(id): completed at \(progress)%")
        }
        if status == "queued" {
            #expect(!phases.values.contains { $0["status"] as? String == "running" }, "\(id): queued with a running phase")
        }
        if phases["code"]?["status"] as? String == "completed" {
            for parent in ["architecture", "ux"] {
                #expect(phases[parent]?["status"] as? String == "completed", "\(id): code completed before \(parent)")
            }
        }
    }

    @Test func acknowledgedJobsSurviveSIGKILLAtRandomMoments() throws {
        let home = try CLITests.makeHome()
        let output = home + "/acknowledged.txt"
        try #require(FileManager.default.createFile(atPath: output, contents: nil))
        let submitter = #"""
            i=0
            while [ $i -lt 200 ]; do
              i=$((i+1))
              "$CTL" submit --spec "Round brief $$-$i: a todo app where users create projects and tasks and invite members." >> "$OUT" || exit 1
            done
            """#
        var generator = SystemRandomNumberGenerator()
        let rounds = 50
        for _ in 0..<rounds {
            let groups = [
                try Self.startGroup(submitter, home: home, output: output),
                try Self.startGroup(submitter, home: home, output: output),
                try Self.startGroup(#"exec "$CTL" worker --concurrency 2"#, home: home, output: output),
            ]
            usleep(UInt32.random(in: 20_000...300_000, using: &generator))
            groups.forEach(Self.killGroup)

            let acknowledged = String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast()  // a last line without "\n" was never finished
                .map(String.init)
            let jobs = try Self.jobsJSON(home: home)
            let present = Set(jobs.compactMap { $0["job_id"] as? String })
            for id in acknowledged where !id.isEmpty {
                #expect(present.contains(id), "acknowledged job \(id) is missing after the crash")
            }
            jobs.forEach(Self.checkConsistent)
            let verify = try runProcess(Products.aiosctl, ["store", "verify"], environment: ["AIOS_HOME": home])
            #expect(verify.status == 0, "store verify after a crash: \(verify.stdoutText) \(verify.stderrText)")
        }
        let total = try Self.jobsJSON(home: home).count
        #expect(total > 0, "the submitters never got a job in")
        // The store still works for new jobs after fifty crashes.
        let run = try runProcess(Products.aiosctl, ["run", "--spec", "A habit tracker where users check off habits.", "--json"], environment: ["AIOS_HOME": home])
        #expect(run.status == 0, "run after the crashes: \(run.stderrText)")
    }

    @Test func aiosctlSubmitsWhileAiosMCPServesAndBothSeeTheSameJob() throws {
        let home = try CLITests.makeHome()
        let server = try MCPProcess(environment: ["AIOS_HOME": home, "AIOS_WORKERS": "2"])
        defer { server.terminate() }
        let initialize = try server.request(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#)
        #expect((initialize["result"] as? [String: Any])?["protocolVersion"] as? String == "2025-11-25")

        // A long brief (every example, four times over) keeps the job running for a couple of
        // seconds, so that tail starts while it is still in flight even on a loaded machine.
        let examples = try FileManager.default.contentsOfDirectory(atPath: Products.examples).filter { $0.hasSuffix(".md") && $0 != "empty-brief.md" }.sorted()
        let longBrief = try examples.map { try String(contentsOfFile: Products.examples + "/" + $0, encoding: .utf8) }.joined(separator: "\n\n")
        let briefPath = home + "/long-brief.md"
        try String(repeating: longBrief + "\n\n", count: 4).write(toFile: briefPath, atomically: true, encoding: .utf8)
        let submitted = try runProcess(Products.aiosctl, ["submit", briefPath], environment: ["AIOS_HOME": home])
        #expect(submitted.status == 0, "\(submitted.stderrText)")
        let id = submitted.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)

        // aiosctl follows the job that aios-mcp's workers run.
        let tail = try runProcess(Products.aiosctl, ["tail", id, "--json"], environment: ["AIOS_HOME": home], timeout: 60)
        #expect(tail.status == 0, "\(tail.stderrText)")
        let events = tail.stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.last == "job.completed", "events: \(names)")
        #expect(names.contains { $0 == "job.queued" || $0 == "job.running" || $0 == "phase.running" }, "tail saw the job only once it had ended: \(names)")
        let progress = events.compactMap { $0["progress_percent"] as? Int }
        #expect(progress == progress.sorted(), "progress went backwards: \(progress)")

        let viaServer = try server.request(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"aios_get_status","arguments":{"job_id":"\#(id)"}}}"#)
        let serverStatus = ((viaServer["result"] as? [String: Any])?["structuredContent"] as? [String: Any]) ?? [:]
        let viaCLI = try runProcess(Products.aiosctl, ["status", id, "--json"], environment: ["AIOS_HOME": home])
        let cliStatus = (try JSONSerialization.jsonObject(with: viaCLI.stdout) as? [String: Any]) ?? [:]
        #expect(serverStatus["status"] as? String == "completed")
        #expect(NSDictionary(dictionary: serverStatus).isEqual(to: cliStatus), "aios-mcp and aiosctl disagree:\n\(serverStatus)\n\(cliStatus)")

        #expect(server.closeInputAndWait() == 0, "aios-mcp exits 0 when its input closes")
    }
}

/// A running `aios-mcp` spoken to with raw JSON-RPC lines.
final class MCPProcess {
    let process = Process()
    private let input = ChildPipe()
    private let output = ChildPipe()
    private var buffer = Data()

    init(environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: Products.aiosMCP)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run(stdin: input, stdout: output)
    }

    /// Sends one request line and returns the next response line, parsed; notifications the
    /// server sends meanwhile (e.g. `notifications/resources/list_changed`) are skipped.
    func request(_ line: String) throws -> [String: Any] {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let message = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                let parsed = (try JSONSerialization.jsonObject(with: message) as? [String: Any]) ?? [:]
                if parsed["method"] != nil { continue }
                return parsed
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            buffer.append(chunk)
        }
    }

    /// Closes aios-mcp's input and waits (bounded) for it to exit; its exit status, or -1 when
    /// it had to be killed. The output is drained on a thread of its own and not waited for:
    /// the end of the output can be held up by any process that holds the pipe, the exit only
    /// by aios-mcp itself.
    func closeInputAndWait() -> Int32 {
        try? input.fileHandleForWriting.close()
        let output = self.output
        Thread.detachNewThread { _ = output.fileHandleForReading.readDataToEndOfFile() }
        guard let ended = process.waitForTermination() else {
            Issue.record("aios-mcp still runs 120 s after its input closed")
            process.killGroupAndWait()
            return -1
        }
        return ended.bySignal ? -1 : ended.status
    }

    func terminate() {
        if process.isRunning { process.terminate() }
    }
}
