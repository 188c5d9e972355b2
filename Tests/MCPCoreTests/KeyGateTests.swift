import Testing
@testable import AIOSStore
@testable import MCPCore

/// The gate in front of the tools: auth modes, scopes, quotas in `_meta`, and job ownership,
/// through the real `ToolRegistry` and job tools.
@Suite struct KeyGateTests {
    /// A store with its keys and a clock, and a registry over the seven tools behind a gate.
    struct Fixture {
        let directory = TemporaryDirectory()
        let clock = ManualJobClock()
        let logs = InMemoryLogHandler()
        let keys: KeyStore
        let store: JobStore

        init() async throws {
            keys = KeyStore(directory: directory.store, clock: clock)
            store = try await JobStore.open(at: directory.store, clock: clock)
        }

        func registry(_ mode: AuthMode = .auto, key: String?) throws -> ToolRegistry {
            let gate = KeyGate(
                mode: mode, apiKey: key,
                keys: KeyStore(directory: directory.store, clock: clock, logger: Logger(label: "gate", handler: logs)),
                limiter: RateLimiter(directory: directory.store, clock: clock))
            return ToolRegistry(AgentTools.make() + JobTools.make(store: store), gate: gate)
        }

        func call(_ registry: ToolRegistry, _ tool: String, _ arguments: JSONObject) async throws -> JSONObject {
            let context = RequestContext(
                id: .int(1), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy), requestID: "r1",
                meta: [:], logger: .disabled)
            return try await registry.call(tool, arguments: arguments, context: context)
        }
    }

    static let brief: JSONObject = ["spec": "Teachers create quizzes; students take them and see their scores."]

    static func errorCode(_ result: JSONObject) -> String? {
        guard result["isError"] == true else { return nil }
        return result["structuredContent"]?["error"]?["code"]?.stringValue
    }

    @Test func offAndAutoWithoutActiveKeysLetEveryoneIn() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let open = try fixture.registry(key: nil)
        let result = try await fixture.call(open, "aios_strategize", Self.brief)
        #expect(Self.errorCode(result) == nil)
        #expect(result["_meta"] == nil, "no quota when nobody is limited")

        let issued = try await fixture.keys.create(name: "k", expiresIn: .seconds(60))
        #expect(Self.errorCode(try await fixture.call(open, "aios_strategize", Self.brief)) == "UNAUTHORIZED")
        #expect(Self.errorCode(try await fixture.call(try fixture.registry(.off, key: nil), "aios_strategize", Self.brief)) == nil)
        #expect(Self.errorCode(try await fixture.call(try fixture.registry(.off, key: issued.secret.text), "aios_strategize", Self.brief)) == nil)
    }

    /// Issue 22 finding 3: in `auto`, revoking the last active key (or outliving it) opened the
    /// store to everyone, and a revoked key was then accepted. Once a key was ever created, keys
    /// stay required; a wrong, revoked or expired key is refused in every mode.
    @Test func autoStaysClosedOnceAKeyExistedAndBadKeysAreRefusedInEveryMode() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        func code(_ mode: AuthMode, _ key: String?) async throws -> String? {
            Self.errorCode(try await fixture.call(try fixture.registry(mode, key: key), "aios_strategize", Self.brief))
        }
        // No key was ever created: open, but a key that is presented must still be right.
        let stranger = APIKeySecret.generate().text
        #expect(try await code(.auto, nil) == nil)
        #expect(try await code(.auto, stranger) == "UNAUTHORIZED")
        #expect(try await code(.off, stranger) == "UNAUTHORIZED")
        #expect(try await code(.off, "not-a-key") == "UNAUTHORIZED")

        let revoked = try await fixture.keys.create(name: "only")
        _ = try await fixture.keys.revoke(revoked.key.id)
        for mode in AuthMode.allCases {
            #expect(try await code(mode, revoked.secret.text) == "UNAUTHORIZED", "\(mode) accepted a revoked key")
        }
        #expect(try await code(.auto, nil) == "UNAUTHORIZED", "revoking the last key opened the store")

        let expiring = try await fixture.keys.create(name: "brief", expiresIn: .seconds(60))
        #expect(try await code(.auto, expiring.secret.text) == nil)
        fixture.clock.advance(by: .seconds(60))
        #expect(try await code(.auto, nil) == "UNAUTHORIZED", "outliving the last key opened the store")
        for mode in AuthMode.allCases {
            #expect(try await code(mode, expiring.secret.text) == "UNAUTHORIZED", "\(mode) accepted an expired key")
        }
        // The owner opens the store explicitly.
        #expect(try await code(.off, nil) == nil)
    }

    @Test func requiredModeRefusesEvenWithoutKeys() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let result = try await fixture.call(try fixture.registry(.required, key: nil), "aios_get_status", ["job_id": "job_x"])
        #expect(Self.errorCode(result) == "UNAUTHORIZED")
        #expect(result["structuredContent"]?["error"]?["details"]?["reason"] == "missing")
    }

    @Test func wrongRevokedAndMalformedKeysAreUnauthorizedAndAudited() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let revoked = try await fixture.keys.create(name: "revoked")
        _ = try await fixture.keys.revoke(revoked.key.id)
        _ = try await fixture.keys.create(name: "active")
        var typo = Array(revoked.secret.text.utf8)
        typo[20] = typo[20] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        let cases: [(String, String)] = [
            (APIKeySecret.generate().text, "unknown"), (revoked.secret.text, "revoked"),
            (String(decoding: typo, as: UTF8.self), "malformed"), ("not-a-key", "malformed"),
        ]
        for (key, reason) in cases {
            let result = try await fixture.call(try fixture.registry(key: key), "aios_strategize", Self.brief)
            #expect(Self.errorCode(result) == "UNAUTHORIZED", "\(reason)")
            #expect(result["structuredContent"]?["error"]?["details"]?["reason"] == .string(reason))
        }
        let failures = try await fixture.keys.auditTrail().filter { $0.event == "auth.failed" }
        #expect(failures.map(\.reason) == cases.map(\.1))
        #expect(failures[1].keyID == revoked.key.id)
        let logged = fixture.logs.records.map { $0.json.jsonText }
        #expect(logged.count == 4)
        for line in logged {
            #expect(line.contains("authentication failed"))
            #expect(!line.contains(revoked.secret.text))
            #expect(!line.contains(cases[0].0))
        }
    }

    @Test func aMalformedKeyIsRefusedWithoutReadingTheKeys() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.keys.create(name: "k")
        // Make every lookup impossible: only an offline check can still answer.
        StoreFixtures.writeFile(fixture.directory.store + "/keys.log", Array("garbage that is not a key journal".utf8))
        var typo = Array(APIKeySecret.generate().text.utf8)
        typo[7] = typo[7] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
        let result = try await fixture.call(
            try fixture.registry(.required, key: String(decoding: typo, as: UTF8.self)), "aios_strategize", Self.brief)
        #expect(Self.errorCode(result) == "UNAUTHORIZED")
        #expect(result["structuredContent"]?["error"]?["details"]?["reason"] == "malformed")
    }

    @Test func aMissingScopeIsForbiddenAndAdminMayDoAnything() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let reader = try await fixture.keys.create(name: "reader", scopes: [.jobsRead])
        let admin = try await fixture.keys.create(name: "admin", scopes: [.admin])
        let forbidden = try await fixture.call(try fixture.registry(key: reader.secret.text), "aios_strategize", Self.brief)
        #expect(Self.errorCode(forbidden) == "FORBIDDEN")
        #expect(forbidden["structuredContent"]?["error"]?["details"]?["required_scope"] == "agents:run")
        let submit = try await fixture.call(try fixture.registry(key: reader.secret.text), "aios_full_pipeline", Self.brief)
        #expect(Self.errorCode(submit) == "FORBIDDEN")
        let adminRegistry = try fixture.registry(key: admin.secret.text)
        #expect(Self.errorCode(try await fixture.call(adminRegistry, "aios_strategize", Self.brief)) == nil)
        #expect(Self.errorCode(try await fixture.call(adminRegistry, "aios_full_pipeline", Self.brief)) == nil)
        // FORBIDDEN is not a failed authentication.
        #expect(try await fixture.keys.auditTrail().allSatisfy { $0.event != "auth.failed" })
    }

    @Test func resultsCarryTheQuotaAndTheLimitIsEnforced() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let issued = try await fixture.keys.create(name: "small", limits: RateLimits(perMinute: 3, perDay: 100))
        let registry = try fixture.registry(key: issued.secret.text)
        for remaining in [2, 1, 0] {
            let result = try await fixture.call(registry, "aios_get_status", ["job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"])
            #expect(Self.errorCode(result) == "JOB_NOT_FOUND")
            let quota = try #require(result["_meta"]?[KeyGate.quotaMetaKey]?.objectValue)
            #expect(quota["limit"] == 3)
            #expect(quota["remaining"] == .integer(remaining))
            #expect(quota["reset"] == 60)
            #expect(quota["window"] == "minute")
        }
        fixture.clock.advance(by: .seconds(15))
        let limited = try await fixture.call(registry, "aios_strategize", Self.brief)
        #expect(Self.errorCode(limited) == "RATE_LIMITED")
        #expect(limited["structuredContent"]?["error"]?["details"]?["retry_after_seconds"] == 45)
        #expect(limited["structuredContent"]?["error"]?["details"]?["window"] == "minute")
        fixture.clock.advance(by: .seconds(45))
        #expect(Self.errorCode(try await fixture.call(registry, "aios_strategize", Self.brief)) == nil)
    }

    @Test func aKeySeesOnlyItsOwnJobsUnlessAdmin() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let alice = try await fixture.keys.create(name: "alice")
        let bob = try await fixture.keys.create(name: "bob")
        let admin = try await fixture.keys.create(name: "admin", scopes: [.admin])
        let asAlice = try fixture.registry(key: alice.secret.text)
        let asBob = try fixture.registry(key: bob.secret.text)
        var submission = Self.brief
        submission["idempotency_key"] = "same-key"
        let aliceJob = try await fixture.call(asAlice, "aios_full_pipeline", submission)
        let bobJob = try await fixture.call(asBob, "aios_full_pipeline", submission)
        let aliceID = try #require(aliceJob["structuredContent"]?["job_id"]?.stringValue)
        let bobID = try #require(bobJob["structuredContent"]?["job_id"]?.stringValue)
        #expect(aliceID != bobID, "idempotency keys are per key: bob must not get alice's job")
        #expect(try await fixture.store.job(JobID(validating: aliceID))?.owner == alice.key.id)

        let hidden = try await fixture.call(asBob, "aios_get_status", ["job_id": .string(aliceID)])
        let missing = try await fixture.call(asBob, "aios_get_status", ["job_id": "job_01aaaaaaaaaaaaaaaaaaaaaaaaaaaa"])
        #expect(Self.errorCode(hidden) == "JOB_NOT_FOUND")
        #expect(Self.errorCode(missing) == "JOB_NOT_FOUND")
        #expect(hidden["structuredContent"]?["error"]?["message"] == .string("no job \(aliceID)"))
        let artifact = try await fixture.call(asBob, "aios_get_artifact", ["job_id": .string(aliceID), "artifact_type": "strategy"])
        #expect(Self.errorCode(artifact) == "JOB_NOT_FOUND")
        #expect(Self.errorCode(try await fixture.call(asAlice, "aios_get_status", ["job_id": .string(aliceID)])) == nil)
        #expect(Self.errorCode(try await fixture.call(try fixture.registry(key: admin.secret.text), "aios_get_status", ["job_id": .string(aliceID)])) == nil)

        let bobCaller = Caller(keyID: bob.key.id, scopes: ["jobs:read"])
        #expect(try await fixture.store.jobs(visibleTo: bobCaller).map(\.id.rawValue) == [bobID])
        #expect(Set(try await fixture.store.jobs().map(\.id.rawValue)) == [aliceID, bobID])
    }

    @Test func ownersSurviveCompactionIntoASnapshot() async throws {
        let fixture = try await Fixture()
        defer { fixture.directory.remove() }
        let owned = try await fixture.store.submit(JobSubmission(request: Self.brief, idempotencyKey: "i", owner: "key_owner0000000000")).job
        let unowned = try await fixture.store.submit(JobSubmission(request: Self.brief, idempotencyKey: "i")).job
        #expect(owned.id != unowned.id)
        try await fixture.store.compact()
        let reopened = try await JobStore.open(at: fixture.directory.store, clock: fixture.clock)
        #expect(try await reopened.job(owned.id)?.owner == "key_owner0000000000")
        #expect(try await reopened.job(unowned.id)?.owner == nil)
        let again = try await reopened.submit(JobSubmission(request: Self.brief, idempotencyKey: "i", owner: "key_owner0000000000"))
        #expect(again.job.id == owned.id && !again.created)
    }

    @Test func snapshotsWrittenBeforeOwnersExistedAreStillRead() async throws {
        var machine = JobStateMachine()
        for index in 0..<3 {
            let id = JobID.generate(milliseconds: 1_735_689_600_000 + Int64(index))
            try machine.apply(.submitted(
                id: id, at: 1_735_689_600_000, request: Array("{\"spec\":\"job \(index)\"}".utf8), phases: .all,
                idempotencyKey: "k\(index)", webhookURL: nil))
        }
        let old = SnapshotCodec.encode(machine, generation: 4, format: 1)
        let withOwners = SnapshotCodec.encode(machine, generation: 4, format: 2)
        #expect(old.count == withOwners.count - 3, "format 2 adds one byte per unowned job")
        let decoded = try SnapshotCodec.decode(old, path: "snapshot-4")
        #expect(decoded.machine.jobs == machine.jobs)
        #expect(decoded.machine.jobs.values.allSatisfy { $0.owner == nil })
        var newer = SnapshotCodec.encode(machine, generation: 4)
        newer[8] = UInt8(SnapshotCodec.version + 1)
        #expect(throws: StoreError.self) { try SnapshotCodec.decode(newer, path: "snapshot-4") }
    }
}
