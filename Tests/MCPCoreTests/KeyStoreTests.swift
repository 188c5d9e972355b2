#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import AIOSStore
@testable import MCPCore

/// Key records in the store: creation, rotation with grace, expiry, revocation, audit, and what
/// reaches the disk. Two `KeyStore`s on one directory behave as two processes would.
@Suite struct KeyStoreTests {
    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : -1
    }

    static func lookup(_ keys: KeyStore, _ secret: APIKeySecret) throws -> KeyStateMachine.Lookup {
        try keys.lookup(sha256: secret.sha256, at: keys.clock.nowMilliseconds())
    }

    @Test func aCreatedKeyAuthenticatesAndOnlyItsHashReachesTheDisk() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let keys = KeyStore(directory: directory.store, clock: clock)
        #expect(try keys.hasActiveKey() == false)
        let issued = try await keys.create(name: "ci", scopes: [.jobsRead], limits: RateLimits(perMinute: 5, perDay: 50))
        #expect(issued.key.id.hasPrefix("key_") && issued.key.id.count == 20)
        #expect(issued.key.scopes == [.jobsRead])
        #expect(issued.key.limits == RateLimits(perMinute: 5, perDay: 50))
        #expect(try Self.lookup(keys, issued.secret) == .valid(issued.key))
        #expect(try keys.hasActiveKey())
        #expect(try Self.lookup(keys, APIKeySecret.generate()) == .refused(.unknown, nil))

        let journal = StoreFixtures.readFile(directory.store + "/keys.log")
        let text = String(decoding: journal, as: UTF8.self)
        #expect(!text.contains(issued.secret.text))
        #expect(!text.contains(String(issued.secret.text.dropFirst(5).prefix(30))))
        #expect(text.contains(issued.secret.sha256))
        #expect(StoreFixtures.mode(directory.store) == 0o700)
        #expect(StoreFixtures.mode(directory.store + "/keys.log") == 0o600)
        #expect(StoreFixtures.mode(directory.store + "/store.lock") == 0o600)
    }

    @Test func keysAreSharedAcrossInstancesAsAcrossProcesses() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let a = KeyStore(directory: directory.store, clock: clock)
        let b = KeyStore(directory: directory.store, clock: clock)
        #expect(try b.hasActiveKey() == false)
        let issued = try await a.create(name: "shared")
        guard case .valid(let seen) = try Self.lookup(b, issued.secret) else {
            Issue.record("b does not see a's key")
            return
        }
        #expect(seen.id == issued.key.id)
        _ = try await b.revoke(issued.key.id)
        #expect(try Self.lookup(a, issued.secret) == .refused(.revoked, try await a.key(issued.key.id)))
        #expect(try a.hasActiveKey() == false)
        // Concurrent creations from both instances all land.
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                let store = index.isMultiple(of: 2) ? a : b
                group.addTask { try await store.create(name: "k\(index)").key.id }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 20)
        #expect(Set(try await a.keys().map(\.id)) == ids.union([issued.key.id]))
        #expect(Set(try await b.keys().map(\.id)) == ids.union([issued.key.id]))
    }

    @Test func aRotatedSecretWorksExactlyUntilItsGraceEnds() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let keys = KeyStore(directory: directory.store, clock: clock)
        let first = try await keys.create(name: "rotating")
        clock.advance(by: .seconds(10))
        let second = try await keys.rotate(first.key.id, grace: .seconds(3600))
        #expect(second.key.id == first.key.id)
        #expect(second.secret != first.secret)
        #expect(second.key.secrets.count == 2)
        #expect(second.key.secrets[0].validUntil == clock.nowMilliseconds() + 3_600_000)
        guard case .valid = try Self.lookup(keys, first.secret), case .valid = try Self.lookup(keys, second.secret) else {
            Issue.record("both secrets must work during the grace period")
            return
        }
        clock.advance(by: .milliseconds(3_600_000 - 1))
        guard case .valid = try Self.lookup(keys, first.secret) else {
            Issue.record("the old secret must work until the last millisecond of the grace")
            return
        }
        clock.advance(by: .milliseconds(1))
        guard case .refused(.rotatedOut, let key?) = try Self.lookup(keys, first.secret) else {
            Issue.record("the old secret must stop when the grace ends")
            return
        }
        #expect(key.id == first.key.id)
        guard case .valid = try Self.lookup(keys, second.secret) else {
            Issue.record("the new secret keeps working")
            return
        }
        // A rotation with no grace ends the previous secret at once, and a second rotation
        // never extends the first secret's grace.
        let third = try await keys.rotate(first.key.id, grace: .zero)
        guard case .refused(.rotatedOut, _) = try Self.lookup(keys, second.secret),
            case .valid = try Self.lookup(keys, third.secret)
        else {
            Issue.record("grace 0 must end the previous secret now")
            return
        }
        #expect(try await keys.key(first.key.id)?.secrets.count == 3)
    }

    @Test func aKeyExpiresExactlyAtItsExpiry() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let keys = KeyStore(directory: directory.store, clock: clock)
        let issued = try await keys.create(name: "short", expiresIn: .seconds(90 * 86400))
        #expect(issued.key.expiresAt == clock.nowMilliseconds() + 90 * 86_400_000)
        clock.advance(by: .milliseconds(90 * 86_400_000 - 1))
        guard case .valid = try Self.lookup(keys, issued.secret) else {
            Issue.record("valid until the last millisecond")
            return
        }
        #expect(try keys.hasActiveKey())
        clock.advance(by: .milliseconds(1))
        guard case .refused(.expired, _) = try Self.lookup(keys, issued.secret) else {
            Issue.record("expired at its expiry")
            return
        }
        #expect(try keys.hasActiveKey() == false)
        #expect(try await keys.key(issued.key.id)?.status(at: clock.nowMilliseconds()) == .expired)
    }

    @Test func revocationIsImmediateIdempotentAndFinal() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let keys = KeyStore(directory: directory.store, clock: ManualJobClock())
        let issued = try await keys.create(name: "gone")
        let revoked = try await keys.revoke(issued.key.id)
        #expect(revoked.revokedAt != nil)
        guard case .refused(.revoked, _) = try Self.lookup(keys, issued.secret) else {
            Issue.record("a revoked key must not authenticate")
            return
        }
        #expect(try await keys.revoke(issued.key.id).revokedAt == revoked.revokedAt)
        await #expect(throws: AIOSError(.invalidInput, "key \(issued.key.id) is revoked; create a new key instead", details: ["key_id": .string(issued.key.id)])) {
            try await keys.rotate(issued.key.id, grace: .seconds(60))
        }
        do {
            _ = try await keys.revoke("key_doesnotexist0000")
            Issue.record("revoking an unknown key must fail")
        } catch let error as AIOSError {
            #expect(error.code == .keyNotFound)
            #expect(ExitCode(error) == .notFound)
        }
    }

    @Test(arguments: [
        ("", RateLimits.defaults, [APIKeyScope.jobsRead]),
        ("ok", RateLimits(perMinute: 0, perDay: 10), [APIKeyScope.jobsRead]),
        ("ok", RateLimits(perMinute: 10, perDay: RateLimits.maxPerDay + 1), [APIKeyScope.jobsRead]),
        ("ok", RateLimits.defaults, []),
        ("two\nlines", RateLimits.defaults, [APIKeyScope.jobsRead]),
    ])
    func badKeyRequestsAreRefused(_ name: String, _ limits: RateLimits, _ scopes: [APIKeyScope]) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let keys = KeyStore(directory: directory.store, clock: ManualJobClock())
        await #expect(throws: AIOSError.self) { try await keys.create(name: name, scopes: scopes, limits: limits) }
        #expect(try await keys.keys().isEmpty)
    }

    @Test func theAuditTrailRecordsChangesAndFailuresWithoutSecrets() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let handler = InMemoryLogHandler()
        let clock = ManualJobClock()
        let keys = KeyStore(directory: directory.store, clock: clock, logger: Logger(label: "test", handler: handler))
        let issued = try await keys.create(name: "audited")
        let rotated = try await keys.rotate(issued.key.id, grace: .seconds(60))
        await keys.recordFailure(.unknown, keyID: nil, hint: "aios_zzzz…zzzz", operation: "aios_get_status")
        _ = try await keys.revoke(issued.key.id)
        await keys.recordFailure(.revoked, keyID: issued.key.id, hint: rotated.secret.hint, operation: "aios_strategize")

        let trail = try await keys.auditTrail(for: issued.key.id)
        #expect(trail.map(\.event) == ["key.created", "key.rotated", "key.revoked", "auth.failed"])
        #expect(trail.last?.reason == "revoked")
        #expect(trail.last?.operation == "aios_strategize")
        #expect(try await keys.auditTrail().count == 5)
        #expect(handler.records.map(\.message) == [
            "api key created", "api key rotated", "authentication failed", "api key revoked", "authentication failed",
        ])
        let logged = handler.records.map { $0.json.jsonText }.joined(separator: "\n")
        let stored = String(decoding: StoreFixtures.readFile(directory.store + "/keys.log"), as: UTF8.self)
        for secret in [issued.secret, rotated.secret] {
            #expect(!logged.contains(secret.text))
            #expect(!stored.contains(secret.text))
        }
        #expect(logged.contains(issued.key.id))
    }

    @Test func theJournalIsRewrittenWhenFailuresPileUpAndReadersFollow() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let writer = KeyStore(directory: directory.store, clock: clock)
        let reader = KeyStore(directory: directory.store, clock: clock)
        let kept = try await writer.create(name: "kept")
        #expect(try reader.hasActiveKey())
        let hint = String(repeating: "h", count: 150)
        var rewritten = false
        var previousSize = 0
        for _ in 0..<8000 {
            await writer.recordFailure(.unknown, keyID: nil, hint: hint, operation: "aios_get_status")
            let size = Self.size(directory.store + "/keys.log")
            if size < previousSize {
                rewritten = true
                break
            }
            previousSize = size
        }
        #expect(rewritten, "the journal never shrank")
        #expect(Self.size(directory.store + "/keys.log") < Int(KeyJournal.rewriteThresholdBytes))
        // The reader, positioned in the replaced file, notices the new one.
        let later = try await writer.create(name: "later")
        guard case .valid = try Self.lookup(reader, later.secret), case .valid = try Self.lookup(reader, kept.secret) else {
            Issue.record("the reader must follow the rewrite")
            return
        }
        #expect(try await reader.auditTrail().filter { $0.event == "auth.failed" }.count == KeyStateMachine.failureMemory)
    }

    @Test func aTornTailIsIgnoredAndDamageIsReported() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualJobClock()
        let keys = KeyStore(directory: directory.store, clock: clock)
        let issued = try await keys.create(name: "before")
        let path = directory.store + "/keys.log"
        let intact = StoreFixtures.readFile(path)
        // A record cut short, as a crash mid-append leaves it.
        StoreFixtures.writeFile(path, intact + [200, 0, 0, 0, 1, 2, 3, 4, UInt8(ascii: "{")])
        _ = try await JobStore.open(at: directory.store, clock: clock)
        let torn = try await JobStore.verify(at: directory.store)
        #expect(torn.isHealthy)
        #expect(torn.problems.contains { $0.severity == .notice && $0.path == path })
        let reader = KeyStore(directory: directory.store, clock: clock)
        guard case .valid = try Self.lookup(reader, issued.secret) else {
            Issue.record("a torn tail must not hide earlier records")
            return
        }
        let after = try await reader.create(name: "after")
        #expect(try await KeyStore(directory: directory.store, clock: clock).keys().map(\.id) == [issued.key.id, after.key.id])
        // Garbage followed by a valid record is damage, never skipped.
        let good = StoreFixtures.readFile(path)
        var record: [UInt8] = []
        JournalFormat.appendRecord(KeyEvent.revoked(id: issued.key.id, at: 1).serialized(), to: &record)
        StoreFixtures.writeFile(path, good + [9, 9, 9, 9, 9, 9, 9, 9, 9] + record)
        #expect(throws: StoreError.self) { try KeyStore(directory: directory.store, clock: clock).hasActiveKey() }
        let damaged = try await JobStore.verify(at: directory.store)
        #expect(!damaged.isHealthy)
        #expect(damaged.problems.contains { $0.severity == .damage && $0.path == path && $0.offset == Int64(good.count) })
    }
}
