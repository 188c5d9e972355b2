import AIOSPostgres
import Synchronization

/// The API keys of a PostgreSQL store: the key journal's events as rows of `aios_key_events`,
/// folded by ``KeyStateMachine`` as the file store folds `keys.log`. Every change takes one
/// advisory lock, catches up and lets the machine decide, so the seq order is the decision
/// order; readers fold in rows past the last seq they saw (one indexed query per call).
public final class PostgresKeyStore: KeyStoreBackend, Sendable {
    public let clock: any JobClock
    let logger: Logger
    private let source: PostgresStoreSource
    private let limits: PostgresRateLimits
    private let cache = Mutex<(machine: KeyStateMachine, seq: Int64)>((KeyStateMachine(), 0))

    /// The advisory lock key of key changes: "keys" in ASCII.
    static let lock = "1801812339"

    init(source: PostgresStoreSource, clock: any JobClock, logger: Logger) {
        self.source = source
        self.clock = clock
        self.logger = logger
        limits = PostgresRateLimits(source: source, clock: clock)
    }

    // MARK: Fold

    static func fold(_ rows: PostgresRows, into state: inout (machine: KeyStateMachine, seq: Int64)) throws {
        for row in 0..<rows.count {
            guard let seq = rows[row, "seq"].flatMap({ Int64($0) }), let body = rows[row, "body"] else {
                throw StoreError(.corrupt, "a row of aios_key_events lacks its seq or body")
            }
            do {
                try state.machine.apply(try KeyEvent(payload: try PostgresText.bytes(body)))
            } catch let error as EventDecodingError {
                // Fail closed, as a damaged keys.log does: no key check passes.
                throw StoreError(.corrupt, "aios_key_events row \(seq) is damaged: \(error.message)")
            }
            state.seq = seq
        }
    }

    private func caughtUp() async throws -> KeyStateMachine {
        let since = cache.withLock { $0.seq }
        let rows = try await source.store().readOnly { session in
            try session.execute("SELECT seq, body FROM aios_key_events WHERE seq > $1 ORDER BY seq", [String(since)])
        }
        return try cache.withLock { state in
            // Another task may have caught up meanwhile: fold only what is still new.
            var copy = state
            let fresh = PostgresRows(
                columns: rows.columns,
                rows: rows.rows.filter { (Int64($0[0] ?? "") ?? 0) > copy.seq }, affected: 0)
            try Self.fold(fresh, into: &copy)
            state = copy
            return copy.machine
        }
    }

    private func write<R: Sendable>(
        _ decide: @escaping @Sendable (KeyStateMachine, Int64) throws -> [KeyEvent],
        result: @escaping @Sendable (KeyStateMachine, [KeyEvent]) throws -> R
    ) async throws -> R {
        let base = cache.withLock { $0 }
        let now = clock.nowMilliseconds()
        let sendableBase = SendableBox(base)
        return try await source.store().inTransaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.lock))")
            var state = sendableBase.value
            try Self.fold(
                try session.execute("SELECT seq, body FROM aios_key_events WHERE seq > $1 ORDER BY seq", [String(state.seq)]),
                into: &state)
            let events = try decide(state.machine, now)
            var next = state.machine
            for event in events {
                try next.apply(event)
                try session.execute(
                    "INSERT INTO aios_key_events (at, durable, body) VALUES ($1, $2, $3)",
                    [String(now), "t", PostgresText.bytea(event.serialized())])
            }
            return try result(next, events)
        }
    }

    private static func key(_ id: String) -> @Sendable (KeyStateMachine, [KeyEvent]) throws -> APIKey {
        { machine, _ in
            guard let key = machine.keys[id] else { throw AIOSError(.keyNotFound, "no key \(id)", details: ["key_id": .string(id)]) }
            return key
        }
    }

    private func withLastUse(_ key: APIKey) async throws -> APIKey {
        var key = key
        key.lastUsedAt = try await limits.lastUsed(keyID: key.id, limits: key.limits)
        return key
    }

    // MARK: KeyStoreBackend

    public func create(name: String, scopes: [APIKeyScope], limits: RateLimits, expiresIn: Duration?) async throws -> IssuedKey {
        let secret = APIKeySecret.generate()
        let id = APIKey.newID()
        let key = try await write({ machine, now in
            let expiresAt = expiresIn.map { now + $0.wholeMilliseconds }
            return [try machine.create(id: id, at: now, name: name, scopes: scopes, limits: limits, expiresAt: expiresAt, secret: secret)]
        }, result: Self.key(id))
        logger.keyCreated(key)
        return IssuedKey(key: key, secret: secret)
    }

    public func rotate(_ id: String, grace: Duration) async throws -> IssuedKey {
        let secret = APIKeySecret.generate()
        let key = try await write({ machine, now in
            [try machine.rotate(id: id, at: now, graceMilliseconds: grace.wholeMilliseconds, secret: secret)]
        }, result: Self.key(id))
        logger.keyRotated(key, now: clock.nowMilliseconds())
        return IssuedKey(key: key, secret: secret)
    }

    public func revoke(_ id: String) async throws -> APIKey {
        let revoke = Self.key(id)
        let (key, changed) = try await write({ machine, now in
            try machine.revoke(id: id, at: now).map { [$0] } ?? []
        }, result: { machine, events in (try revoke(machine, events), !events.isEmpty) })
        if changed { logger.keyRevoked(key) }
        return key
    }

    public func keys() async throws -> [APIKey] {
        let machine = try await caughtUp()
        var keys: [APIKey] = []
        for id in machine.order { if let key = machine.keys[id] { keys.append(try await withLastUse(key)) } }
        return keys
    }

    public func key(_ id: String) async throws -> APIKey? {
        guard let key = try await caughtUp().keys[id] else { return nil }
        return try await withLastUse(key)
    }

    public func auditTrail(for id: String?) async throws -> [KeyAuditEntry] {
        let machine = try await caughtUp()
        return (machine.keyEvents + machine.failures)
            .filter { id == nil || $0.keyID == id }
            .sorted { $0.at < $1.at }
            .map(KeyAuditEntry.init)
    }

    public func check(sha256: String?, at now: Int64) async throws -> (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?) {
        let machine = try await caughtUp()
        return (!machine.keys.isEmpty, sha256.map { machine.lookup(sha256: $0, at: now) })
    }

    public func hasActiveKey() async throws -> Bool {
        try await caughtUp().hasActiveKey(at: clock.nowMilliseconds())
    }

    public func recordFailure(_ refusal: KeyStateMachine.Refusal, keyID: String?, hint: String?, operation: String) async {
        var metadata: JSONObject = ["auth.reason": .string(refusal.rawValue), "operation": .string(operation)]
        if let keyID { metadata["key.id"] = .string(keyID) }
        if let hint { metadata["key.hint"] = .string(hint) }
        do {
            try await write({ _, now in
                [.authFailed(at: now, reason: refusal.rawValue, keyID: keyID, hint: hint, operation: operation)]
            }, result: { _, _ in () })
        } catch {
            metadata["error"] = .string(String(describing: error))
        }
        logger.warning("authentication failed", metadata)
    }
}

/// A value handed to a `@Sendable` closure that only reads it.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Per-key rate limits in PostgreSQL, exact across machines: each admission takes the bucket's
/// advisory lock, counts the calls inside the minute and day windows (rows of
/// `aios_rate_calls`), and records the call only when both have room, with the same figures as
/// the file store's rings (``RateLimitDecision``). Calls older than a day are deleted as it goes.
public final class PostgresRateLimits: RateLimitBackend, Sendable {
    private let source: PostgresStoreSource
    let clock: any JobClock

    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000

    init(source: PostgresStoreSource, clock: any JobClock) {
        self.source = source
        self.clock = clock
    }

    static func bucket(_ keyID: String, _ limits: RateLimits) -> String { "\(keyID)-\(limits.perMinute)-\(limits.perDay)" }

    public func admit(keyID: String, limits: RateLimits) async throws -> RateLimitDecision {
        let now = clock.nowMilliseconds()
        let bucket = Self.bucket(keyID, limits)
        return try await source.store().inTransaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [bucket])
            let last = try session.execute("SELECT last_admitted FROM aios_rate_buckets WHERE bucket = $1", [bucket])
            // Times never go backwards for a bucket, even when machines' clocks differ a little.
            let t = max(now, last.rows.first?[0].flatMap { Int64($0) } ?? 0)
            func window(_ name: String, limit: Int, span: Int64) throws -> (wait: Int64, window: RateLimitDecision.Window) {
                // The newest `limit` calls inside the window, oldest first.
                let rows = try session.execute(
                    "SELECT at FROM (SELECT at FROM aios_rate_calls WHERE bucket = $1 AND at > $2 ORDER BY at DESC LIMIT $3) newest ORDER BY at",
                    [bucket, String(t - span), String(limit)])
                let times = rows.rows.compactMap { $0[0].flatMap { Int64($0) } }
                let wait = times.count < limit ? 0 : max(0, times[0] + span - t)
                let reset = times.first.map { $0 + span - t } ?? 0
                return (wait, RateLimitDecision.Window(name: name, limit: limit, remaining: limit - times.count, resetMilliseconds: reset))
            }
            let minute = try window("minute", limit: limits.perMinute, span: Self.minute)
            let day = try window("day", limit: limits.perDay, span: Self.day)
            guard minute.wait == 0, day.wait == 0 else {
                return RateLimitDecision(admitted: false, windows: [minute.window, day.window], retryAfterMilliseconds: max(minute.wait, day.wait))
            }
            try session.execute("INSERT INTO aios_rate_calls (bucket, at) VALUES ($1, $2)", [bucket, String(t)])
            try session.execute("DELETE FROM aios_rate_calls WHERE bucket = $1 AND at <= $2", [bucket, String(t - Self.day)])
            try session.execute(
                """
                INSERT INTO aios_rate_buckets (bucket, last_admitted, last_used) VALUES ($1, $2, $3)
                ON CONFLICT (bucket) DO UPDATE SET last_admitted = EXCLUDED.last_admitted, last_used = EXCLUDED.last_used
                """, [bucket, String(t), String(now)])
            // After counting this call: what is left now.
            let after = [try window("minute", limit: limits.perMinute, span: Self.minute).window,
                         try window("day", limit: limits.perDay, span: Self.day).window]
            return RateLimitDecision(admitted: true, windows: after, retryAfterMilliseconds: 0)
        }
    }

    public func lastUsed(keyID: String, limits: RateLimits) async throws -> Int64? {
        let bucket = Self.bucket(keyID, limits)
        return try await source.store().readOnly { session in
            let rows = try session.execute("SELECT last_used FROM aios_rate_buckets WHERE bucket = $1", [bucket])
            return rows.rows.first?[0].flatMap { Int64($0) }
        }
    }
}
