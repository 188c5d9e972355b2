import Testing
@testable import AIOSStore
@testable import MCPCore

/// One suite for every `KeyStoreBackend` and `RateLimitBackend`: what the key gate and
/// `aiosctl keys` rely on, through the protocols only. A new backend adds itself to `backends`
/// (a fresh, empty store per test, on the given clock) and must pass every test unchanged.
/// Each call of `keys` or `limits` opens another handle on the same store, as another process would.
@Suite struct KeyStoreConformanceTests {
    struct Backend: Sendable, CustomTestStringConvertible {
        var name: String
        var open: @Sendable (_ clock: ManualJobClock) async throws -> Opened
        var testDescription: String { name }
    }

    struct Opened: Sendable {
        var keys: @Sendable () throws -> any KeyStoreBackend
        var limits: @Sendable () throws -> any RateLimitBackend
        var close: @Sendable () async -> Void
    }

    static let backends: [Backend] = [
        Backend(name: "file store") { clock in
            let directory = TemporaryDirectory()
            let configuration = StoreConfiguration.file(directory.store)
            return Opened(
                keys: { try StoreFactory.keys(configuration, clock: clock) },
                limits: { try StoreFactory.rateLimits(configuration, clock: clock) }, close: { directory.remove() })
        },
    ] + (PostgresTestServer.isEnabled ? [postgres] : [])

    /// PostgreSQL, in a fresh database per test (left out without AIOS_TEST_POSTGRES_URL unless
    /// AIOS_TEST_REQUIRE_POSTGRES=1, see `JobStoreConformanceTests`).
    static let postgres = Backend(name: "postgresql") { clock in
        let database = try await PostgresTestServer.freshDatabase()
        let configuration = StoreConfiguration(backend: .postgres(url: database.url), directory: "/nonexistent/aios-unused")
        return Opened(
            keys: { try StoreFactory.keys(configuration, clock: clock) },
            limits: { try StoreFactory.rateLimits(configuration, clock: clock) }, close: { await database.drop() })
    }

    static func withStore(_ backend: Backend, _ body: (Opened, ManualJobClock) async throws -> Void) async throws {
        let clock = ManualJobClock()
        let opened = try await backend.open(clock)
        do {
            try await body(opened, clock)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    static func lookup(_ keys: any KeyStoreBackend, _ secret: APIKeySecret, _ clock: ManualJobClock) async throws
        -> KeyStateMachine.Lookup?
    {
        try await keys.check(sha256: secret.sha256, at: clock.nowMilliseconds()).lookup
    }

    /// The id of the key a lookup authenticated, `nil` when it was refused.
    static func validID(_ lookup: KeyStateMachine.Lookup?) -> String? {
        if case .valid(let key)? = lookup { return key.id }
        return nil
    }

    /// Why a lookup was refused and which key it found, `nil` when it was valid.
    static func refusal(_ lookup: KeyStateMachine.Lookup?) -> (KeyStateMachine.Refusal, String?)? {
        if case .refused(let why, let key)? = lookup { return (why, key?.id) }
        return nil
    }

    static func code(_ body: () async throws -> Void) async -> AIOSError.Code? {
        do { try await body() } catch let error as AIOSError { return error.code } catch { return nil }
        return nil
    }

    // MARK: - Keys

    @Test(arguments: backends) func aCreatedKeyAuthenticatesInEveryHandleAndAnUnknownSecretDoesNot(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let keys = try opened.keys()
            let empty = try await keys.check(sha256: nil, at: clock.nowMilliseconds())
            #expect(!empty.anyKeyEver)
            #expect(empty.lookup == nil)
            #expect(try await keys.hasActiveKey() == false)
            #expect(try await keys.keys().isEmpty)

            let issued = try await keys.create(
                name: "ci", scopes: [.jobsRead], limits: RateLimits(perMinute: 5, perDay: 50), expiresIn: nil)
            #expect(issued.key.id.hasPrefix("key_"))
            #expect(issued.key.name == "ci")
            #expect(issued.key.scopes == [.jobsRead])
            #expect(issued.key.limits == RateLimits(perMinute: 5, perDay: 50))
            #expect(issued.key.createdAt == clock.nowMilliseconds())
            #expect(issued.key.hint == issued.secret.hint)

            // Another handle (another process) sees the key at its next call.
            let other = try opened.keys()
            #expect(Self.validID(try await Self.lookup(other, issued.secret, clock)) == issued.key.id)
            #expect(try await other.check(sha256: nil, at: clock.nowMilliseconds()).anyKeyEver)
            #expect(try await other.hasActiveKey())
            let unknown = Self.refusal(try await Self.lookup(other, APIKeySecret.generate(), clock))
            #expect(unknown?.0 == .unknown)
            #expect(unknown?.1 == nil)
        }
    }

    @Test(arguments: backends) func badRequestsAreRefusedWithTheKeyStateMachinesErrors(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, _ in
            let keys = try opened.keys()
            #expect(await Self.code { _ = try await keys.create(name: "", scopes: [.jobsRead], limits: .defaults, expiresIn: nil) } == .invalidInput)
            #expect(await Self.code { _ = try await keys.create(name: "x", scopes: [], limits: .defaults, expiresIn: nil) } == .invalidInput)
            #expect(
                await Self.code {
                    _ = try await keys.create(name: "x", scopes: [.jobsRead], limits: RateLimits(perMinute: 0, perDay: 1), expiresIn: nil)
                } == .invalidInput)
            #expect(await Self.code { _ = try await keys.create(name: "x", scopes: [.jobsRead], limits: .defaults, expiresIn: .zero) } == .invalidInput)
            #expect(await Self.code { _ = try await keys.rotate("key_0000000000000000", grace: .zero) } == .keyNotFound)
            #expect(await Self.code { _ = try await keys.revoke("key_0000000000000000") } == .keyNotFound)
            #expect(try await keys.key("key_0000000000000000") == nil)
            // Nothing refused was recorded.
            #expect(try await keys.keys().isEmpty)
            #expect(try await keys.auditTrail(for: nil).isEmpty)
        }
    }

    @Test(arguments: backends) func aRotatedSecretWorksUntilItsGraceEnds(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let keys = try opened.keys()
            let first = try await keys.create(name: "app", scopes: APIKeyScope.defaults, limits: .defaults, expiresIn: nil)
            clock.advance(by: .seconds(5))
            let second = try await keys.rotate(first.key.id, grace: .seconds(60))
            #expect(second.key.id == first.key.id)
            #expect(second.secret != first.secret)
            #expect(second.key.hint == second.secret.hint)
            #expect(Self.validID(try await Self.lookup(keys, first.secret, clock)) == first.key.id)
            #expect(Self.validID(try await Self.lookup(keys, second.secret, clock)) == first.key.id)

            clock.advance(by: .seconds(61))
            let old = Self.refusal(try await Self.lookup(try opened.keys(), first.secret, clock))
            #expect(old?.0 == .rotatedOut)
            #expect(old?.1 == first.key.id)
            #expect(Self.validID(try await Self.lookup(keys, second.secret, clock)) == first.key.id)
            #expect(try await keys.auditTrail(for: first.key.id).map(\.event) == ["key.created", "key.rotated"])
        }
    }

    @Test(arguments: backends) func aRevokedKeyStopsAtOnceAndKeysStayRequired(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let keys = try opened.keys()
            let issued = try await keys.create(name: "app", scopes: APIKeyScope.defaults, limits: .defaults, expiresIn: nil)
            let revoked = try await keys.revoke(issued.key.id)
            #expect(revoked.status(at: clock.nowMilliseconds()) == .revoked)
            let refused = Self.refusal(try await Self.lookup(try opened.keys(), issued.secret, clock))
            #expect(refused?.0 == .revoked)
            #expect(refused?.1 == issued.key.id)
            // Revoking again is not an error and records nothing more.
            #expect(try await keys.revoke(issued.key.id).revokedAt == revoked.revokedAt)
            #expect(await Self.code { _ = try await keys.rotate(issued.key.id, grace: .zero) } == .invalidInput)
            #expect(try await keys.hasActiveKey() == false)
            #expect(try await keys.check(sha256: nil, at: clock.nowMilliseconds()).anyKeyEver)
            #expect(try await keys.auditTrail(for: nil).map(\.event) == ["key.created", "key.revoked"])
        }
    }

    @Test(arguments: backends) func aKeyExpires(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let keys = try opened.keys()
            let issued = try await keys.create(name: "temp", scopes: APIKeyScope.defaults, limits: .defaults, expiresIn: .seconds(10))
            #expect(issued.key.expiresAt == clock.nowMilliseconds() + 10_000)
            #expect(Self.validID(try await Self.lookup(keys, issued.secret, clock)) == issued.key.id)
            clock.advance(by: .seconds(11))
            #expect(Self.refusal(try await Self.lookup(keys, issued.secret, clock))?.0 == .expired)
            #expect(try await keys.hasActiveKey() == false)
        }
    }

    @Test(arguments: backends) func keysListInCreationOrderWithFailuresAuditedAndLastUseFromTheRateLimits(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let keys = try opened.keys()
            let a = try await keys.create(name: "a", scopes: APIKeyScope.defaults, limits: .defaults, expiresIn: nil)
            clock.advance(by: .seconds(1))
            let b = try await keys.create(name: "b", scopes: [.admin], limits: .defaults, expiresIn: nil)
            #expect(try await keys.keys().map(\.id) == [a.key.id, b.key.id])
            #expect(try await keys.key(b.key.id)?.scopes == [.admin])
            #expect(try await keys.key(a.key.id)?.lastUsedAt == nil)

            await keys.recordFailure(.unknown, keyID: nil, hint: "aios_k1…wxyz", operation: "aios_get_status")
            let audit = try await keys.auditTrail(for: nil)
            #expect(audit.map(\.event) == ["key.created", "key.created", "auth.failed"])
            #expect(audit.last?.reason == "unknown")
            #expect(audit.last?.operation == "aios_get_status")
            #expect(audit.last?.hint == "aios_k1…wxyz")
            #expect(try await keys.auditTrail(for: b.key.id).map(\.event) == ["key.created"])

            clock.advance(by: .seconds(1))
            let used = clock.nowMilliseconds()
            #expect(try await opened.limits().admit(keyID: a.key.id, limits: a.key.limits).admitted)
            #expect(try await keys.key(a.key.id)?.lastUsedAt == used)
            #expect(try await keys.keys().first?.lastUsedAt == used)
        }
    }

    // MARK: - Rate limits

    @Test(arguments: backends) func theMinuteWindowAdmitsItsLimitAndARefusedCallIsNotCounted(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let limits = RateLimits(perMinute: 3, perDay: 100)
            let limiter = try opened.limits()
            var remaining: [Int] = []
            for _ in 0..<3 {
                let decision = try await limiter.admit(keyID: "key_a", limits: limits)
                #expect(decision.admitted)
                remaining.append(decision.windows.first { $0.name == "minute" }?.remaining ?? -1)
                clock.advance(by: .seconds(1))
            }
            #expect(remaining == [2, 1, 0])
            let refused = try await limiter.admit(keyID: "key_a", limits: limits)
            #expect(!refused.admitted)
            // The first call leaves the window 57 s after the fourth was refused.
            #expect(refused.retryAfterMilliseconds == 57_000)
            #expect(refused.windows.first { $0.name == "minute" }?.remaining == 0)
            #expect(refused.windows.first { $0.name == "day" }?.remaining == 97)
            // Another handle counts in the same window; another key has its own.
            #expect(try await opened.limits().admit(keyID: "key_a", limits: limits).admitted == false)
            #expect(try await opened.limits().admit(keyID: "key_b", limits: limits).admitted)
            clock.advance(by: .seconds(57))
            let again = try await limiter.admit(keyID: "key_a", limits: limits)
            #expect(again.admitted)
            #expect(again.windows.first { $0.name == "day" }?.remaining == 96)
        }
    }

    @Test(arguments: backends) func theDayWindowHoldsAcrossMinutes(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let limits = RateLimits(perMinute: 10, perDay: 2)
            let limiter = try opened.limits()
            let start = clock.nowMilliseconds()
            #expect(try await limiter.admit(keyID: "key_a", limits: limits).admitted)
            clock.advance(by: .seconds(3600))
            #expect(try await limiter.admit(keyID: "key_a", limits: limits).admitted)
            clock.advance(by: .seconds(3600))
            let refused = try await limiter.admit(keyID: "key_a", limits: limits)
            #expect(!refused.admitted)
            #expect(refused.retryAfterMilliseconds == start + 86_400_000 - clock.nowMilliseconds())
            #expect(refused.windows.first { $0.name == "day" }?.remaining == 0)
            clock.advance(by: .milliseconds(refused.retryAfterMilliseconds))
            #expect(try await limiter.admit(keyID: "key_a", limits: limits).admitted)
        }
    }

    @Test(arguments: backends) func lastUseIsTheLastAdmittedCall(_ backend: Backend) async throws {
        try await Self.withStore(backend) { opened, clock in
            let limits = RateLimits(perMinute: 1, perDay: 10)
            let limiter = try opened.limits()
            #expect(try await limiter.lastUsed(keyID: "key_a", limits: limits) == nil)
            let admittedAt = clock.nowMilliseconds()
            #expect(try await limiter.admit(keyID: "key_a", limits: limits).admitted)
            clock.advance(by: .seconds(1))
            #expect(try await limiter.admit(keyID: "key_a", limits: limits).admitted == false)
            #expect(try await opened.limits().lastUsed(keyID: "key_a", limits: limits) == admittedAt)
            #expect(try await limiter.lastUsed(keyID: "key_b", limits: limits) == nil)
        }
    }
}
