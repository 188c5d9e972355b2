import Foundation
import Synchronization
import Testing

/// API keys end to end through the real executables: `aiosctl keys`, client commands with
/// `AIOS_API_KEY` and `--api-key`, exit codes 4 and 5, ownership, `aios-mcp` with a key, and
/// what is left on disk and in logs afterwards.
@Suite struct KeysCLITests {
    /// A store that does not exist yet, so aios creates it with its own modes.
    static func makeStore() throws -> String {
        try CLITests.makeHome() + "/store"
    }

    /// Everything the processes of a scenario printed, to search for secrets afterwards.
    final class Transcript: @unchecked Sendable {
        // Only appended from the test's own thread.
        var stderr: [String] = []
        var stdout: [String] = []
    }

    static let brief = "Teachers create quizzes; students take them and see their scores."

    static func run(
        _ arguments: [String], store: String, key: String? = nil, transcript: Transcript? = nil,
        secretOnStdout: Bool = false, extra: [String: String] = [:]
    ) throws -> ProcessResult {
        var environment = ["AIOS_HOME": store, "NO_COLOR": "1", "AIOS_API_KEY": key ?? ""]
        environment.merge(extra) { $1 }
        let result = try runProcess(Products.aiosctl, arguments, environment: environment)
        transcript?.stderr.append(result.stderrText)
        if !secretOnStdout { transcript?.stdout.append(result.stdoutText) }
        return result
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stdoutText)")
    }

    @Test func aFullScenarioEnforcesKeysAndLeavesNoSecretBehind() throws {
        let store = try Self.makeStore()
        let transcript = Transcript()
        var secrets: [String] = []

        // Creation: --json gives one object; without it the secret alone is on stdout.
        let adminResult = try Self.run(
            ["keys", "create", "--name", "root", "--scopes", "admin", "--json"], store: store, transcript: transcript, secretOnStdout: true)
        #expect(adminResult.status == 0, "\(adminResult.stderrText)")
        let admin = try Self.json(adminResult)
        let adminSecret = try #require(admin["secret"] as? String)
        #expect(admin["scopes"] as? [String] == ["admin"])
        #expect((admin["limits"] as? [String: Any])?["per_minute"] as? Int == 60)
        #expect((admin["limits"] as? [String: Any])?["per_day"] as? Int == 10000)
        #expect((admin["id"] as? String)?.hasPrefix("key_") == true)
        secrets.append(adminSecret)
        let ciResult = try Self.run(["keys", "create", "--name", "ci", "--expires", "90d"], store: store, transcript: transcript, secretOnStdout: true)
        #expect(ciResult.status == 0)
        let ci = ciResult.stdoutText.trimmingCharacters(in: .newlines)
        #expect(ciResult.stdoutText == ci + "\n", "the secret alone on stdout")
        #expect(ci.hasPrefix("aios_") && ci.count == 43)
        #expect(ciResult.stderrText.contains("created key_"))
        secrets.append(ci)
        let reader = try Self.run(["keys", "create", "--name", "reader", "--scopes", "jobs:read"], store: store, secretOnStdout: true)
            .stdoutText.trimmingCharacters(in: .newlines)
        let small = try Self.run(["keys", "create", "--name", "small", "--per-minute", "2"], store: store, secretOnStdout: true)
            .stdoutText.trimmingCharacters(in: .newlines)
        secrets += [reader, small]
        #expect(try Self.run(["keys", "create", "--name", "x", "--scopes", "jobs:delete"], store: store, transcript: transcript).status == 2)
        #expect(try Self.run(["keys", "create"], store: store, transcript: transcript).status == 2)

        // Listing never shows secrets.
        let list = try Self.run(["keys", "list", "--json"], store: store, transcript: transcript)
        let keys = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [[String: Any]])
        #expect(keys.map { $0["name"] as? String } == ["root", "ci", "reader", "small"])
        let ciID = try #require(keys[1]["id"] as? String)
        #expect(try Self.run(["keys", "list"], store: store, transcript: transcript).stdoutText.contains("ci"))
        #expect(try Self.run(["keys", "show", ciID], store: store, transcript: transcript).status == 0)
        #expect(try Self.run(["keys", "show", "key_nope"], store: store, transcript: transcript).status == 3)

        // With keys in force, a client needs one.
        let anonymous = try Self.run(["submit", "--spec", Self.brief], store: store, transcript: transcript)
        #expect(anonymous.status == 4)
        #expect(anonymous.stderrText.contains("UNAUTHORIZED"))
        let submitted = try Self.run(["submit", "--spec", Self.brief], store: store, key: ci, transcript: transcript)
        #expect(submitted.status == 0, "\(submitted.stderrText)")
        let job = submitted.stdoutText.trimmingCharacters(in: .newlines)
        #expect(job.hasPrefix("job_"))
        let viaFlag = try Self.run(["status", job, "--api-key", ci, "--json"], store: store, transcript: transcript)
        #expect(viaFlag.status == 0)

        // Ownership: another key does not see the job at all; admin does.
        for command in [["status", job], ["tail", job, "--json"], ["wait", job, "--timeout", "1s"], ["artifact", job, "strategy"]] {
            let hidden = try Self.run(command, store: store, key: reader, transcript: transcript)
            #expect(hidden.status == 3, "\(command): \(hidden.stderrText)")
            #expect(hidden.stderrText.contains("JOB_NOT_FOUND"))
        }
        #expect(try Self.run(["jobs", "--json"], store: store, key: reader, transcript: transcript).stdoutText == "[]\n")
        #expect(try Self.run(["jobs", "--json"], store: store, key: ci, transcript: transcript).stdoutText.contains(job))
        #expect(try Self.run(["status", job], store: store, key: adminSecret, transcript: transcript).status == 0)
        let forbidden = try Self.run(["cancel", job], store: store, key: reader, transcript: transcript)
        #expect(forbidden.status == 4)
        #expect(forbidden.stderrText.contains("FORBIDDEN"))
        #expect(try Self.run(["call", "aios_strategize", "--input", "{\"spec\":\"\(Self.brief)\"}"], store: store, key: reader, transcript: transcript).status == 4)
        #expect(try Self.run(["cancel", job], store: store, key: ci, transcript: transcript).status == 0)

        // Rate limit: the third call in a minute is refused with exit 5.
        let input = "{\"spec\":\"\(Self.brief)\"}"
        for _ in 0..<2 {
            #expect(try Self.run(["call", "aios_strategize", "--input", input, "--json"], store: store, key: small, transcript: transcript).status == 0)
        }
        let limited = try Self.run(["call", "aios_strategize", "--input", input, "--json"], store: store, key: small, transcript: transcript)
        #expect(limited.status == 5)
        let limitedError = try #require(try Self.json(limited)["error"] as? [String: Any])
        #expect(limitedError["code"] as? String == "RATE_LIMITED")
        #expect(((limitedError["details"] as? [String: Any])?["retry_after_seconds"] as? Int ?? 0) >= 1)

        // Rotation without grace and revocation take effect at once for every process.
        let rotated = try Self.run(["keys", "rotate", ciID, "--grace", "0"], store: store, transcript: transcript, secretOnStdout: true)
        #expect(rotated.status == 0)
        let ci2 = rotated.stdoutText.trimmingCharacters(in: .newlines)
        secrets.append(ci2)
        #expect(try Self.run(["jobs"], store: store, key: ci, transcript: transcript).status == 4)
        #expect(try Self.run(["jobs"], store: store, key: ci2, transcript: transcript).status == 0)
        #expect(try Self.run(["keys", "revoke", ciID], store: store, transcript: transcript).status == 0)
        let revoked = try Self.run(["jobs"], store: store, key: ci2, transcript: transcript)
        #expect(revoked.status == 4)
        #expect(revoked.stderrText.contains("revoked"))
        var typo = Array(adminSecret)
        typo[12] = typo[12] == "x" ? "y" : "x"
        #expect(try Self.run(["jobs"], store: store, key: String(typo), transcript: transcript).status == 4)
        let show = try Self.run(["keys", "show", ciID, "--json"], store: store, transcript: transcript)
        let audit = try #require(try Self.json(show)["audit"] as? [[String: Any]])
        let events = audit.compactMap { $0["event"] as? String }
        #expect(events.filter { $0.hasPrefix("key.") } == ["key.created", "key.rotated", "key.revoked"])
        let failures = audit.filter { $0["event"] as? String == "auth.failed" }.compactMap { $0["reason"] as? String }
        #expect(failures == ["rotated_out", "revoked"])

        // aios-mcp with a key: its answers and its log lines.
        let server = try Self.serve(store: store, key: adminSecret, extra: ["AIOS_LOG_LEVEL": "debug"])
        #expect(server.stdoutText.contains("\"aios/quota\""))
        transcript.stderr.append(server.stderrText)
        let badServer = try Self.serve(store: store, key: ci2, extra: ["AIOS_LOG_LEVEL": "debug"])
        #expect(badServer.stdoutText.contains("UNAUTHORIZED"))
        #expect(badServer.stderrText.contains("authentication failed"))
        transcript.stderr.append(badServer.stderrText)

        // Nothing on disk and nothing printed (apart from the creation's own stdout) holds a secret.
        let everything = (transcript.stderr + transcript.stdout).joined(separator: "\n")
        for secret in secrets {
            #expect(!everything.contains(secret), "a secret was printed or logged")
            #expect(!everything.contains(secret.dropFirst(5).prefix(24)), "part of a secret was printed or logged")
        }
        let files = try Self.walk(store)
        #expect(files.contains { $0.hasSuffix("/keys.log") })
        #expect(files.contains { $0.contains("/ratelimits/") })
        for path in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                #expect(mode == 0o700, "\(path) has mode \(String(mode, radix: 8))")
            } else {
                #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                for secret in secrets {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(path) holds a secret")
                    #expect(bytes.range(of: Data(secret.dropFirst(5).prefix(24).utf8)) == nil, "\(path) holds part of a secret")
                }
            }
        }
    }

    /// Two processes' worth of `aiosctl call` loops on one key: exactly its limit is admitted.
    @Test func twoProcessLoopsHammeringOneKeyNeverExceedItsLimit() throws {
        let store = try Self.makeStore()
        let created = try Self.run(
            ["keys", "create", "--name", "hammer", "--scopes", "agents:run", "--per-minute", "1000", "--per-day", "12"], store: store,
            secretOnStdout: true)
        let key = created.stdoutText.trimmingCharacters(in: .newlines)
        let input = "{\"spec\":\"\(Self.brief)\"}"
        let codes = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<15 {
                let status = (try? Self.run(["call", "aios_strategize", "--input", input, "--json"], store: store, key: key).status) ?? -1
                codes.withLock { $0.append(status) }
            }
        }
        let all = codes.withLock { $0 }
        #expect(all.count == 30)
        #expect(all.filter { $0 == 0 }.count == 12)
        #expect(all.filter { $0 == 5 }.count == 18)
    }

    /// Runs aios-mcp on a few raw JSON-RPC lines with `key`, closing stdin at the end.
    static func serve(store: String, key: String, extra: [String: String] = [:]) throws -> ProcessResult {
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"aios_get_status","arguments":{"job_id":"job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}}"#,
        ]
        var environment = ["AIOS_HOME": store, "AIOS_API_KEY": key, "AIOS_WORKERS": "0"]
        environment.merge(extra) { $1 }
        return try runProcess(Products.aiosMCP, [], stdin: Data((lines.joined(separator: "\n") + "\n").utf8), environment: environment)
    }

    static func walk(_ root: String) throws -> [String] {
        var paths = [root]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return paths }
        for case let relative as String in enumerator { paths.append(root + "/" + relative) }
        return paths
    }
}
