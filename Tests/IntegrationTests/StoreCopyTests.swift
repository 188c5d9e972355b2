import Foundation
import Testing

/// `aiosctl store copy` with the real binary: a file store with completed, failed, cancelled and
/// queued jobs, API keys (one revoked) with their audit, rate-limit windows, webhook deliveries
/// and signing secrets, copied into PostgreSQL and back into a new directory, then compared with
/// the original byte for byte where the format allows; and the refusals. Part of
/// PostgresProcessTests (serialized), whose server restart must not cut these tests' connections.
extension PostgresProcessTests {
    /// A new empty database (no aios schema: the copy migrates it); returns its URL.
    static func emptyDatabase() throws -> String {
        let base = try #require(Self.baseURL, "AIOS_TEST_REQUIRE_POSTGRES=1 but AIOS_TEST_POSTGRES_URL is not set")
        let name = "aios_copy_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let created = try runProcess("/usr/bin/env", ["psql", "-X", "-q", base, "-c", "CREATE DATABASE \(name)"])
        #expect(created.status == 0, "CREATE DATABASE: \(created.stderrText)")
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        return try #require(components.string)
    }

    static func ctl(_ arguments: [String], home: String, store: String? = nil, key: String? = nil) throws -> ProcessResult {
        var environment = ["AIOS_HOME": home, "NO_COLOR": "1", "AIOS_STORE": store ?? "", "AIOS_API_KEY": key ?? ""]
        environment["AIOS_LOG_LEVEL"] = "error"
        environment["AIOS_WEBHOOK_ALLOW_PRIVATE"] = "1"
        return try runProcess(Products.aiosctl, arguments, environment: environment)
    }

    static func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: result.stdout)
    }

    /// Every regular file under `root` (relative path → bytes), skipping what is not copied.
    static func files(_ root: String, under folder: String) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let base = root + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found[folder + "/" + relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return found
    }

    /// Builds the source store; returns the admin key's secret and the job ids by status.
    static func populate(_ home: String) throws -> (admin: String, jobs: [String: String]) {
        var jobs: [String: String] = [:]
        // A completed job whose webhook (to a closed port) is queued in the outbox.
        let completed = try ctl(
            ["run", "--spec", "Teachers create quizzes; students take them and see their scores.", "--webhook",
             "http://127.0.0.1:9/hook", "--json"], home: home)
        #expect([0, 1].contains(completed.status), "run: \(completed.stderrText)")
        // A failed one: its model provider (a closed port) never answers, through every attempt.
        let failed = try runProcess(
            Products.aiosctl,
            ["run", "--spec", "Families plan meals; members add recipes and see a shopping list.", "--phases", "strategy", "--engine", "openai", "--json"],
            environment: [
                "AIOS_HOME": home, "AIOS_STORE": "", "AIOS_API_KEY": "", "AIOS_ENGINE": "openai", "AIOS_LLM_MODEL": "gpt-test",
                "AIOS_LLM_BASE_URL": "http://127.0.0.1:9/v1", "AIOS_LLM_API_KEY": "test", "AIOS_LOG_LEVEL": "error", "AIOS_WEBHOOK_ALLOW_PRIVATE": "1",
            ])
        #expect(failed.status == 1, "\(failed.stderrText)")
        let listed = try #require(try json(try ctl(["jobs", "--json"], home: home)) as? [[String: Any]])
        for job in listed {
            if let status = job["status"] as? String, let id = job["job_id"] as? String ?? job["id"] as? String { jobs[status] = id }
        }
        // A cancelled one and a queued one.
        let toCancel = try ctl(["submit", "--spec", "Households share grocery lists; members add items and tick them off.", "--webhook", "http://127.0.0.1:9/hook"], home: home)
        #expect(toCancel.status == 0, "\(toCancel.stderrText)")
        let cancelID = toCancel.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ctl(["cancel", cancelID], home: home).status == 0)
        jobs["cancelled"] = cancelID
        let queued = try ctl(["submit", "--spec", "Dentists book appointments; patients see and cancel their visits."], home: home)
        #expect(queued.status == 0)
        jobs["queued"] = queued.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        // Webhook signing secrets of the store's own.
        #expect(try ctl(["webhook", "secret"], home: home).status == 0)
        // Keys: an admin, one revoked, a failed authentication, admitted calls (rate-limit windows).
        let admin = try #require(
            try json(try ctl(["keys", "create", "--name", "admin", "--scopes", "admin", "--json"], home: home)) as? [String: Any])
        let adminSecret = try #require(admin["secret"] as? String)
        let other = try #require(try json(try ctl(["keys", "create", "--name", "old", "--json"], home: home, key: adminSecret)) as? [String: Any])
        #expect(try ctl(["keys", "revoke", try #require(other["id"] as? String)], home: home, key: adminSecret).status == 0)
        #expect(try ctl(["jobs"], home: home, key: "aios_wrongwrongwrongwrongwrongwrongwrongwr").status == 4)
        #expect(try ctl(["jobs"], home: home, key: adminSecret).status == 0)
        #expect(try ctl(["jobs"], home: home, key: adminSecret).status == 0)
        return (adminSecret, jobs)
    }

    @Test func aFileStoreGoesToPostgresAndBackUnchanged() throws {
        let source = try CLITests.makeHome()
        let (admin, jobs) = try Self.populate(source)
        #expect(Set(jobs.keys).isSuperset(of: ["completed", "failed", "cancelled", "queued"]), "\(jobs)")
        let database = try Self.emptyDatabase()

        let toPostgres = try Self.ctl(["store", "copy", "--from", source, "--to", database, "--json"], home: source)
        #expect(toPostgres.status == 0, "copy to postgres: \(toPostgres.stderrText)")
        let summary = try #require(try Self.json(toPostgres) as? [String: Any])
        #expect(summary["verified"] as? Bool == true)
        #expect(summary["jobs"] as? Int == jobs.count)
        #expect(summary["keys"] as? Int == 2)
        #expect((summary["artifacts"] as? Int ?? 0) >= 4)
        #expect((summary["rate_limit_buckets"] as? Int ?? 0) >= 1)
        #expect((summary["webhook_deliveries"] as? Int ?? 0) >= 2)
        #expect(summary["webhook_secrets"] as? Bool == true)
        #expect(!toPostgres.stdoutText.contains("password"))

        let home = try CLITests.makeHome()
        let back = source + "-back"
        let toFiles = try Self.ctl(["store", "copy", "--from", database, "--to", back], home: home)
        #expect(toFiles.status == 0, "copy back: \(toFiles.stderrText)")
        #expect(toFiles.stdoutText.contains("verified"))

        // Byte for byte: artifacts, the key journal, rate-limit windows, webhook secrets.
        let original = try Self.files(source, under: "artifacts")
        #expect(!original.isEmpty)
        #expect(try Self.files(back, under: "artifacts") == original)
        for name in ["keys.log", "webhook-secrets"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: source + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: back + "/" + name))
            #expect(a == b, "\(name) differs")
        }
        #expect(try Self.files(back, under: "ratelimits") == Self.files(source, under: "ratelimits"))
        // The same keys with their last use (the store's owner lists them without a call being counted).
        let keysA = try Self.ctl(["keys", "list", "--json"], home: source)
        let keysB = try Self.ctl(["keys", "list", "--json"], home: back)
        #expect(keysA.status == 0 && keysA.stdout == keysB.stdout, "\(keysA.stdoutText)\n\(keysB.stdoutText)")
        #expect(keysA.stdoutText.contains("\"revoked\""))
        // The PostgreSQL store serves the same jobs (calls with the key count there now, after the copy back).
        for (status, id) in jobs {
            let shown = try Self.ctl(["status", id, "--json"], home: home, store: database, key: admin)
            #expect(shown.status == 0, "\(shown.stderrText)")
            #expect((try Self.json(shown) as? [String: Any])?["status"] as? String == status)
        }
        #expect(try Self.ctl(["store", "verify"], home: home, store: database).status == 0)

        // Every job, with its phases, attempts and webhook deliveries, as the CLI shows it.
        for (_, id) in jobs {
            let a = try Self.ctl(["status", id, "--json"], home: source, key: admin)
            let b = try Self.ctl(["status", id, "--json"], home: back, key: admin)
            #expect(a.status == 0 && b.status == 0)
            #expect(a.stdout == b.stdout, "job \(id) differs after the round trip")
        }
        let listA = try Self.ctl(["jobs", "--json"], home: source, key: admin)
        let listB = try Self.ctl(["jobs", "--json"], home: back, key: admin)
        #expect(listA.stdout == listB.stdout)
        let deliveriesA = try Self.ctl(["webhook", "deliveries", "--json"], home: source, key: admin)
        let deliveriesB = try Self.ctl(["webhook", "deliveries", "--json"], home: back, key: admin)
        #expect(deliveriesA.stdout == deliveriesB.stdout)
        let verified = try Self.ctl(["store", "verify", "--json"], home: back)
        #expect(verified.status == 0, "\(verified.stdoutText)")
    }

    @Test func aDestinationWithDataOrBadInputIsRefusedAndLeftAsItWas() throws {
        let source = try CLITests.makeHome()
        let queued = try Self.ctl(["submit", "--spec", "Dentists book appointments; patients see and cancel their visits."], home: source)
        #expect(queued.status == 0)
        let database = try Self.emptyDatabase()
        #expect(try Self.ctl(["store", "copy", "--from", source, "--to", database], home: source).status == 0)

        // Into a database that holds aios data: refused, nothing written.
        let again = try Self.ctl(["store", "copy", "--from", source, "--to", database, "--json"], home: source)
        #expect(again.status == 6)
        #expect(again.stderrText.contains("already holds aios data"), "\(again.stderrText)")
        let jobs = try #require(try Self.json(try Self.ctl(["jobs", "--json"], home: source, store: database)) as? [[String: Any]])
        #expect(jobs.count == 1)

        // Into a directory that is not empty: refused, nothing written.
        let occupied = try CLITests.makeHome()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: occupied + "/notes.txt"))
        let intoOccupied = try Self.ctl(["store", "copy", "--from", database, "--to", occupied], home: source)
        #expect(intoOccupied.status == 6)
        #expect(intoOccupied.stderrText.contains("is not empty"), "\(intoOccupied.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied) == ["notes.txt"])
        // No temporary directory is left beside it.
        let parent = (occupied as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(".aios-copy-") }.isEmpty)

        // A missing source, the same store twice, an unreachable database.
        let missing = try Self.ctl(["store", "copy", "--from", source + "-nope", "--to", source + "-x"], home: source)
        #expect(missing.status == 6)
        #expect(missing.stderrText.contains("does not exist"), "\(missing.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: source + "-x"))
        let same = try Self.ctl(["store", "copy", "--from", source, "--to", source], home: source)
        #expect(same.status == 2)
        #expect(same.stderrText.contains("same store"))
        let dead = try Self.ctl(["store", "copy", "--from", "postgresql://aios:secret@127.0.0.1:1/aios", "--to", source + "-y"], home: source)
        #expect(dead.status == 6)
        #expect(!dead.stderrText.contains("secret"), "the password is masked: \(dead.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: source + "-y"))
        #expect(try Self.ctl(["store", "copy", "--from", source], home: source).status == 2)
    }
}
