import Foundation
import MCPCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Webhooks through the real executables: the submit-time guard, `aiosctl webhook` commands,
/// delivery by `aiosctl run`, a worker killed between attempts, and `aios-mcp` delivering
/// through an `aiosctl webhook dispatch` child without loading an HTTP client itself.
@Suite(.serialized) struct WebhookProcessTests {
    let secret = WebhookSecret.generate().text
    static let brief = "Teachers create quizzes; students take them and see their scores."

    func environment(_ home: String, allowPrivate: Bool = true, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["AIOS_HOME": home, "AIOS_WEBHOOK_SECRET": secret, "AIOS_LOG_LEVEL": "error", "NO_COLOR": "1"]
        if allowPrivate { environment["AIOS_WEBHOOK_ALLOW_PRIVATE"] = "1" }
        return environment.merging(extra) { $1 }
    }

    func json(_ result: ProcessResult) throws -> Any { try JSONSerialization.jsonObject(with: result.stdout) }

    /// Runs a child to completion on a thread of its own (see `onThreadOfItsOwn`).
    func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
    ) async throws -> ProcessResult {
        try await onThreadOfItsOwn { try runProcess(executable, arguments, stdin: stdin, environment: environment) }
    }

    func aiosctl(_ arguments: [String], _ environment: [String: String]) async throws -> ProcessResult {
        try await run(Products.aiosctl, arguments, environment: environment)
    }

    /// An `aios-mcp` request, waited for on a thread of its own.
    func request(_ server: MCPProcess, _ line: String) async throws -> [String: Any] {
        let process = Unchecked(server)
        return try await onThreadOfItsOwn { Unchecked(try process.value.request(line)) }.value
    }

    /// `aiosctl webhook deliveries JOB --json`.
    func deliveries(_ id: String, _ environment: [String: String]) async throws -> [[String: Any]] {
        let result = try await aiosctl(["webhook", "deliveries", id, "--json"], environment)
        return (try? json(result) as? [[String: Any]]) ?? []
    }

    /// Starts `aiosctl worker` with its output in a file.
    func startWorker(_ environment: [String: String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.aiosctl)
        process.arguments = ["worker", "--concurrency", "1"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The shared libraries a running process has mapped that belong to the HTTP client
    /// (FoundationNetworking, libcurl) or to the full Foundation.
    func httpClientLibraries(_ pid: Int32) throws -> [String] {
        let maps = try String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)
        let libraries = Set(maps.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) })
        return libraries.filter { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return ["libFoundationNetworking", "libcurl", "libFoundation.so"].contains { name.hasPrefix($0) }
        }.sorted()
    }

    func killNow(_ process: Process) {
        kill(process.processIdentifier, SIGKILL)
        _ = process.waitForTermination(timeout: 5)
    }

    @Test func submitRefusesAPrivateWebhookURLWithExitCode2() async throws {
        let home = try CLITests.makeHome()
        let refused = try await aiosctl(
            ["submit", "--spec", Self.brief, "--webhook", "http://127.0.0.1:9/hook", "--json"], environment(home, allowPrivate: false))
        #expect(refused.status == 2, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("INVALID_INPUT"))
        #expect(refused.stderrText.contains("loopback"))
        let error = (try json(refused) as? [String: Any])?["error"] as? [String: Any]
        #expect(error?["code"] as? String == "INVALID_INPUT")
        let metadata = try await aiosctl(
            ["submit", "--spec", Self.brief, "--webhook", "http://169.254.169.254/latest/meta-data/"], environment(home))
        #expect(metadata.status == 2, "cloud metadata stays refused with AIOS_WEBHOOK_ALLOW_PRIVATE=1")
        let jobs = try await aiosctl(["jobs", "--json"], environment(home))
        #expect((try json(jobs) as? [Any])?.isEmpty == true, "a refused submission queues nothing")
    }

    @Test func webhookTestPrintsStatusAndLatency() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let failing = try WebhookReceiver(secrets: [secret], options: ["--status-sequence", "500"])
        let ok = try await aiosctl(["webhook", "test", receiver.url], environment(home))
        #expect(ok.status == 0, "\(ok.stderrText)")
        #expect(ok.stdoutText.range(of: #"^HTTP 204  \d+ ms\n$"#, options: .regularExpression) != nil, "\(ok.stdoutText)")
        let request = try #require(receiver.requests().first)
        #expect(request["aios_signature_ok"] as? Bool == true)
        #expect(request["standard_signature_ok"] as? Bool == true)
        #expect((request["body"] as? String)?.contains(#""event":"webhook.test""#) == true)

        let bad = try await aiosctl(["webhook", "test", failing.url, "--json"], environment(home))
        #expect(bad.status == 1)
        let outcome = try json(bad) as? [String: Any]
        #expect(outcome?["status_code"] as? Int == 500)
        #expect(outcome?["ok"] as? Bool == false)

        let refused = try await aiosctl(["webhook", "test", receiver.url], environment(home, allowPrivate: false))
        #expect(refused.status == 2)
        #expect(refused.stderrText.contains("AIOS_WEBHOOK_ALLOW_PRIVATE"))
        #expect(receiver.requests().count == 1, "a refused test reaches nobody")
    }

    /// The Python verifier in docs/webhooks.md, run as published on a real delivery.
    @Test func theDocumentedPythonVerifierAcceptsADeliveryAndRejectsATamperedOne() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let sent = try await aiosctl(["webhook", "test", receiver.url], environment(home))
        #expect(sent.status == 0, "\(sent.stderrText)")
        let document = try String(contentsOf: Products.root.appendingPathComponent("docs/webhooks.md"), encoding: .utf8)
        let parts = document.components(separatedBy: "```python\n")
        let example = try #require(parts.count == 2 ? parts[1].components(separatedBy: "```").first : nil)
        let script = example.replacingOccurrences(of: #"SECRET = "whsec_...""#, with: "SECRET = \"\(secret)\"") + #"""

            import json, sys
            class Headers(dict):
                def __getitem__(self, name):
                    return next(v for k, v in self.items() if k.lower() == name.lower())
            request = json.loads(open(sys.argv[1]).readline())
            headers, body = Headers(request["headers"]), request["body"].encode()
            print(verify(headers, body), verify_aios(headers, body), verify(headers, body + b" "), verify_aios(headers, body[1:]))
            """#
        let path = home + "/verify.py"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let python = WebhookReceiver.python
        let result = try await run(python.executable, python.prefix + [path, receiver.recordPath])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "True True False False\n")
    }

    @Test func withAPIKeysEachKeySeesOnlyItsOwnDeliveriesAndOnlyAdminsSeeTheSecret() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let created = try await aiosctl(["keys", "create", "--name", "a"], environment(home))
        #expect(created.status == 0, "\(created.stderrText)")
        let keyA = created.stdoutText.trimmingCharacters(in: .newlines)
        let keyB = try await aiosctl(["keys", "create", "--name", "b"], environment(home)).stdoutText.trimmingCharacters(in: .newlines)
        let asA = environment(home, extra: ["AIOS_API_KEY": keyA])
        let asB = environment(home, extra: ["AIOS_API_KEY": keyB])

        let run = try await aiosctl(["run", "--spec", Self.brief, "--webhook", receiver.url, "--json"], asA)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(receiver.requests().count == 1)
        let mine = try await aiosctl(["webhook", "deliveries", "--json"], asA)
        let listed = try #require(try json(mine) as? [[String: Any]])
        #expect(listed.count == 1)
        let id = try #require(listed.first?["job_id"] as? String)
        #expect((try json(try await aiosctl(["webhook", "deliveries", "--json"], asB)) as? [Any])?.isEmpty == true)
        #expect(try await aiosctl(["webhook", "deliveries", id], asB).status == 3, "another key's job is not found")

        let secretAsA = try await aiosctl(["webhook", "secret"], asA)
        #expect(secretAsA.status == 4, "the signing secret needs an admin key")
        #expect(!secretAsA.stdoutText.contains("whsec_"))
        #expect(try await aiosctl(["webhook", "test", receiver.url], asA).status == 0)
        #expect(try await aiosctl(["webhook", "test", receiver.url], environment(home)).status == 4, "no key while keys exist")
    }

    /// The one test that waits for the real 10 s timeout.
    @Test func aStalledReceiverIsAbandonedAfterTenSeconds() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret], options: ["--stall-first", "1", "--stall-seconds", "60"])
        let started = Date()
        let result = try await aiosctl(["webhook", "test", receiver.url, "--json"], environment(home))
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1)
        let outcome = try json(result) as? [String: Any]
        #expect(outcome?["error"] as? String == "timed out after 10 s")
        #expect(outcome?["status_code"] is NSNull)
        #expect((outcome?["latency_ms"] as? Int ?? 0) >= 9_900)
        #expect(elapsed < 20, "the timeout is 10 s, took \(elapsed) s")
    }

    @Test func theSecretIsGeneratedIntoTheStoreAndRotatesWithGrace() async throws {
        let home = try CLITests.makeHome()
        let plain = ["AIOS_HOME": home, "NO_COLOR": "1"]
        let first = try await aiosctl(["webhook", "secret"], plain)
        #expect(first.status == 0, "\(first.stderrText)")
        let current = first.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(WebhookSecret(current) != nil, "\(current)")
        #expect(try await aiosctl(["webhook", "secret"], plain).stdoutText == first.stdoutText)
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/webhook-secrets")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let rotated = try await aiosctl(["webhook", "secret", "--rotate", "--grace", "1h", "--json"], plain)
        #expect(rotated.status == 0, "\(rotated.stderrText)")
        let secrets = ((try json(rotated) as? [String: Any])?["secrets"] as? [[String: Any]]) ?? []
        #expect(secrets.count == 2)
        #expect(secrets.last?["secret"] as? String == current)
        #expect(secrets.first?["secret"] as? String != current)
        #expect(secrets.last?["retires_at"] is String)

        let configured = try await aiosctl(["webhook", "secret"], plain.merging(["AIOS_WEBHOOK_SECRET": secret]) { $1 })
        #expect(configured.stdoutText == secret + "\n")
        let refused = try await aiosctl(["webhook", "secret", "--rotate"], plain.merging(["AIOS_WEBHOOK_SECRET": secret]) { $1 })
        #expect(refused.status == 2)
    }

    @Test func runDeliversTheWebhookBeforeItExits() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let run = try await aiosctl(["run", "--spec", Self.brief, "--webhook", receiver.url], environment(home))
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stderrText.contains("webhook delivered after 1 attempt"), "\(run.stderrText)")
        #expect(run.stdoutText.contains("webhook      delivered"), "\(run.stdoutText)")
        let requests = receiver.requests()
        #expect(requests.count == 1)
        #expect(requests.first?["standard_signature_ok"] as? Bool == true)
    }

    @Test func aWorkerKilledBetweenAttemptsIsFollowedByTheNextWorker() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret], options: ["--fail-first", "1"])
        // Backoff 4 s: the second attempt waits 2 to 4 s, time enough to kill the first worker.
        let environment = environment(home, extra: ["AIOS_WEBHOOK_BACKOFF": "4s"])
        let first = try startWorker(environment, log: home + "/worker-1.log")
        defer { killNow(first) }
        let submitted = try await aiosctl(["submit", "--spec", Self.brief, "--webhook", receiver.url], environment)
        #expect(submitted.status == 0, "\(submitted.stderrText)")
        let id = submitted.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)

        let recorded = try await eventually {
            let attempts = try await deliveries(id, environment).first?["attempts"] as? [[String: Any]] ?? []
            return attempts.count == 1 && attempts[0]["status_code"] as? Int == 503
        }
        #expect(recorded, "the first attempt was not recorded")
        killNow(first)
        #expect(receiver.requests().count == 1, "the first worker retried before it was killed")

        let second = try startWorker(environment, log: home + "/worker-2.log")
        defer { killNow(second) }
        let requests = try await receiver.waitForRequests(2)
        #expect(requests.count == 2)
        let delivered = try await eventually { try await deliveries(id, environment).first?["state"] as? String == "delivered" }
        #expect(delivered)

        let delivery = try #require(try await deliveries(id, environment).first)
        let attempts = delivery["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.map { $0["status_code"] as? Int } == [503, 204])
        #expect((attempts.first?["worker"] as? String)?.contains(":\(first.processIdentifier):") == true)
        #expect((attempts.last?["worker"] as? String)?.contains(":\(second.processIdentifier):") == true)
        #expect(Set(requests.compactMap { $0["webhook_id"] as? String }) == [delivery["id"] as? String ?? "?"], "webhook-id changed")
        #expect(requests.allSatisfy { $0["aios_signature_ok"] as? Bool == true && $0["standard_signature_ok"] as? Bool == true })
        let gap = (requests[1]["received_at"] as? Double ?? 0) - (requests[0]["received_at"] as? Double ?? 0)
        #expect(gap >= 2.0, "the retry came \(gap) s after the failure, before the backoff")

        let status = try await aiosctl(["status", id, "--json"], environment)
        let webhook = (try json(status) as? [String: Any])?["webhook"] as? [String: Any]
        #expect(webhook?["state"] as? String == "delivered")
        #expect(webhook?["attempts"] as? Int == 2)
    }

    @Test func theHelperSaysItIsInternalAndRefusesABadRequest() async throws {
        let help = try await run(Products.aiosWebhook, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdoutText.contains("Internal helper of aiosctl and aios-mcp"), "\(help.stdoutText)")
        let notJSON = try await run(Products.aiosWebhook, [], stdin: Data("hello".utf8))
        #expect(notJSON.status == 2)
        #expect(notJSON.stderrText.contains("the request is not valid JSON"), "\(notJSON.stderrText)")
        let incomplete = try await run(Products.aiosWebhook, [], stdin: Data(#"{"url":"http://127.0.0.1:9/"}"#.utf8))
        #expect(incomplete.status == 2)
        #expect(incomplete.stderrText.contains("invalid request: 'addresses'"), "\(incomplete.stderrText)")
        #expect(incomplete.stdout.isEmpty)
    }

    /// Issue 22 finding 8: a TLS failure was recorded as "request failed (URLError -1)"; the
    /// attempt now says what failed (here: the receiver's certificate is self-signed).
    @Test func aTLSFailureIsRecordedWithItsCause() async throws {
        let tls = Products.root.appendingPathComponent("Tests/Webhooks/tls").path
        let receiver = try WebhookReceiver(
            secrets: [secret], options: ["--tls-cert", tls + "/self-signed-cert.pem", "--tls-key", tls + "/self-signed-key.pem"])
        let request = #"{"url":"https://127.0.0.1:\#(receiver.port)/hooks/aios","addresses":["127.0.0.1"],"headers":[],"body":"e30=","timeout_ms":10000}"#
        let result = try await run(Products.aiosWebhook, [], stdin: Data(request.utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        let response = try json(result) as? [String: Any]
        let error = response?["error"] as? String ?? ""
        #expect(error.contains("certificate"), "\(error)")
        #expect(!error.contains("URLError -1"), "\(error)")
        #expect(receiver.requests().isEmpty, "nothing is sent over an unverified connection")
    }

    @Test func aWorkerDeliversThroughTheHelperWithoutLoadingTheHTTPClientItself() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let environment = environment(home)
        let worker = try startWorker(environment, log: home + "/worker.log")
        defer { killNow(worker) }
        let submitted = try await aiosctl(["submit", "--spec", Self.brief, "--webhook", receiver.url], environment)
        #expect(submitted.status == 0, "\(submitted.stderrText)")
        let id = submitted.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let delivered = try await eventually { try await deliveries(id, environment).first?["state"] as? String == "delivered" }
        #expect(delivered, "\((try? String(contentsOfFile: home + "/worker.log", encoding: .utf8)) ?? "")")
        let requests = receiver.requests()
        #expect(requests.count == 1)
        #expect(requests.first?["aios_signature_ok"] as? Bool == true && requests.first?["standard_signature_ok"] as? Bool == true)
        #expect(try httpClientLibraries(worker.processIdentifier) == [], "aiosctl loaded the HTTP client or Foundation")
    }

    @Test func withoutTheHelperBesideItAiosctlRecordsAClearError() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let environment = environment(home)
        // An aiosctl installed alone (the helper is looked for next to the running executable).
        let lone = home + "/bin/aiosctl"
        try FileManager.default.createDirectory(atPath: home + "/bin", withIntermediateDirectories: true)
        // Copied by cp(1), not FileManager: a child another test spawns while this process
        // holds the new file open for writing inherits that descriptor, and exec then fails
        // with "Text file busy" for as long as that child lives.
        let copied = try runProcess("/bin/cp", [Products.aiosctl, lone])
        try #require(copied.status == 0, "cp: \(copied.stderrText)")
        let missing = "the webhook client could not be started: cannot start \(home)/bin/aios-webhook: No such file or directory"

        let test = try await run(lone, ["webhook", "test", receiver.url, "--json"], environment: environment)
        #expect(test.status == 1)
        let error = (try json(test) as? [String: Any])?["error"] as? String ?? ""
        #expect(error.hasPrefix(missing), "\(error)")

        // `run` delivers its job's webhook with retries (50 ms apart here) before it exits.
        let fast = environment.merging(["AIOS_WEBHOOK_BACKOFF": "50ms"]) { $1 }
        let ran = try await run(lone, ["run", "--spec", Self.brief, "--webhook", receiver.url], environment: fast)
        #expect(ran.status == 0, "the job itself completed: \(ran.stderrText)")
        #expect(ran.stderrText.contains("webhook failed after 3 attempts (\(missing)"), "\(ran.stderrText)")
        let delivery = try #require((try json(try await aiosctl(["webhook", "deliveries", "--json"], environment)) as? [[String: Any]])?.first)
        #expect(delivery["state"] as? String == "failed")
        let attempts = delivery["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.count == 3)
        #expect(attempts.allSatisfy { ($0["error"] as? String)?.hasPrefix(missing) == true }, "\(attempts)")
        #expect(receiver.requests().isEmpty)
    }

    @Test func aiosMCPDeliversThroughAnAiosctlChildWithoutLoadingFoundationNetworking() async throws {
        let home = try CLITests.makeHome()
        let receiver = try WebhookReceiver(secrets: [secret])
        let environment = environment(home, extra: ["AIOS_WORKERS": "1"])
        let server = try MCPProcess(environment: environment)
        defer { server.terminate() }
        _ = try await request(server, #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"#)
        let call = try await request(server, 
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"aios_full_pipeline","arguments":{"spec":"\#(Self.brief)","webhook_url":"\#(receiver.url)"}}}"#)
        let id = try #require(((call["result"] as? [String: Any])?["structuredContent"] as? [String: Any])?["job_id"] as? String)
        let requests = try await receiver.waitForRequests(1, timeout: 60)
        #expect(requests.count == 1)
        #expect(requests.first?["standard_signature_ok"] as? Bool == true)
        let body = try JSONSerialization.jsonObject(with: Data((requests.first?["body"] as? String ?? "").utf8)) as? [String: Any]
        #expect(body?["job_id"] as? String == id)
        #expect(body?["event"] as? String == "pipeline.completed")

        let pid = server.process.processIdentifier
        #expect(try httpClientLibraries(pid) == [], "aios-mcp loaded the HTTP client or Foundation")
        let delivered = try await eventually { try await deliveries(id, environment).first?["state"] as? String == "delivered" }
        #expect(delivered)
        let worker = ((try await deliveries(id, environment).first?["attempts"] as? [[String: Any]])?.first?["worker"] as? String) ?? ""
        #expect(!worker.contains(":\(pid):"), "delivered by \(worker), expected an aiosctl child")

        let status = try await request(server, #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"aios_get_status","arguments":{"job_id":"\#(id)"}}}"#)
        let webhook = ((status["result"] as? [String: Any])?["structuredContent"] as? [String: Any])?["webhook"] as? [String: Any]
        #expect(webhook?["state"] as? String == "delivered")
        #expect(server.closeInputAndWait() == 0)
    }
}

/// Hands a non-`Sendable` Foundation value to one dispatch thread and back; the two sides never
/// use it at the same time.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
