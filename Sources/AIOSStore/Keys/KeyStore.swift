import Synchronization

/// A key just created or rotated, with the secret that is shown once.
public struct IssuedKey: Sendable {
    public var key: APIKey
    /// The secret: print it once, never store or log it.
    public var secret: APIKeySecret

    public init(key: APIKey, secret: APIKeySecret) {
        self.key = key
        self.secret = secret
    }
}

/// The API keys of a store: created, rotated and revoked by the store's owner (`aiosctl keys`),
/// looked up on every tool call by the `KeyGate` of every process sharing the store.
///
/// Records live in `keys.log` in the store directory (see `KeyJournal` and
/// docs/store-format.md): only each secret's SHA-256 and hint, never the secret. Changes are
/// decided under the store's exclusive lock against the latest records and fsynced before they
/// return; lookups fold in what other processes appended (one `stat` when nothing changed).
final class KeyStore: Sendable {
    /// The store directory.
    public let directory: String
    /// The time source for creation, expiry, grace periods and audit records.
    public let clock: any JobClock
    let logger: Logger
    private let journal: Mutex<KeyJournal>
    private let executor: StoreExecutor

    /// A key just created or rotated, with the secret that is shown once.
    public typealias Issued = IssuedKey

    /// Opens the keys of the store in `directory`. Nothing is read or created until used; a store
    /// without `keys.log` has no keys.
    ///
    /// - Parameters:
    ///   - directory: The store directory.
    ///   - clock: The time source (injected in tests).
    ///   - logger: Receives the audit log lines (creation, rotation, revocation, failed
    ///     authentication), without secrets.
    public init(directory: String, clock: any JobClock = SystemJobClock(), logger: Logger = .disabled) {
        self.directory = directory
        self.clock = clock
        self.logger = logger
        journal = Mutex(KeyJournal(directory: directory))
        executor = StoreExecutor(label: "aios.keys")
    }

    // MARK: - Managing keys

    /// Creates a key and returns it with its secret, durably recorded.
    ///
    /// - Parameters:
    ///   - name: A label for people (1–100 characters).
    ///   - scopes: What the key may do.
    ///   - limits: Calls per minute and per day.
    ///   - expiresIn: When the key stops working, from now; `nil` for never.
    /// - Returns: The key and its secret (the only time the secret exists outside the caller).
    /// - Throws: ``AIOSError`` `.invalidInput` for a bad name, scope list or limit; `StoreError`.
    public func create(
        name: String, scopes: [APIKeyScope] = APIKeyScope.defaults, limits: RateLimits = .defaults, expiresIn: Duration? = nil
    ) async throws -> Issued {
        let secret = APIKeySecret.generate()
        let id = APIKey.newID()
        let key = try await write(durable: true, { machine, now in
            let expiresAt = expiresIn.map { now + $0.wholeMilliseconds }
            return [try machine.create(id: id, at: now, name: name, scopes: scopes, limits: limits, expiresAt: expiresAt, secret: secret)]
        }, result: Self.key(id))
        logger.keyCreated(key)
        return Issued(key: key, secret: secret)
    }

    /// Gives a key a new secret; the previous one keeps working until `grace` has passed.
    ///
    /// - Parameters:
    ///   - id: The key's id.
    ///   - grace: How long the previous secret stays valid (zero: it stops now).
    /// - Returns: The key and its new secret.
    /// - Throws: ``AIOSError`` `.keyNotFound`, or `.invalidInput` for a revoked key; `StoreError`.
    public func rotate(_ id: String, grace: Duration) async throws -> Issued {
        let secret = APIKeySecret.generate()
        let key = try await write(durable: true, { machine, now in
            [try machine.rotate(id: id, at: now, graceMilliseconds: grace.wholeMilliseconds, secret: secret)]
        }, result: Self.key(id))
        logger.keyRotated(key, now: clock.nowMilliseconds())
        return Issued(key: key, secret: secret)
    }

    /// Revokes a key: every secret of it stops working at once, in every process.
    ///
    /// - Returns: The key, revoked (also when it was revoked before).
    /// - Throws: ``AIOSError`` `.keyNotFound`; `StoreError`.
    public func revoke(_ id: String) async throws -> APIKey {
        let revoke = Self.key(id)
        let (key, changed) = try await write(durable: true, { machine, now in
            try machine.revoke(id: id, at: now).map { [$0] } ?? []
        }, result: { machine, events in (try revoke(machine, events), !events.isEmpty) })
        if changed { logger.keyRevoked(key) }
        return key
    }

    /// Every key, in creation order, with its last-used time.
    ///
    /// - Throws: `StoreError` when the key journal cannot be read.
    public func keys() async throws -> [APIKey] {
        try await read { machine in machine.order.compactMap { machine.keys[$0] } }.map(withLastUse)
    }

    /// One key with its last-used time, or `nil` when there is none with this id.
    ///
    /// - Throws: `StoreError` when the key journal cannot be read.
    public func key(_ id: String) async throws -> APIKey? {
        try await read { machine in machine.keys[id] }.map(withLastUse)
    }

    /// Audit records, oldest first: every creation, rotation and revocation, and the most recent
    /// failed authentications.
    ///
    /// - Parameter id: Only records about this key (`nil`: all).
    /// - Throws: `StoreError` when the key journal cannot be read.
    public func auditTrail(for id: String? = nil) async throws -> [KeyAuditEntry] {
        try await read { machine in
            (machine.keyEvents + machine.failures)
                .filter { id == nil || $0.keyID == id }
                .sorted { $0.at < $1.at }
                .map(KeyAuditEntry.init)
        }
    }

    private func withLastUse(_ key: APIKey) throws -> APIKey {
        var key = key
        key.lastUsedAt = try RateLimiter.lastUsed(directory: directory, keyID: key.id, limits: key.limits)
        return key
    }

    // MARK: - Authentication (hot path)

    /// Which key a secret's SHA-256 authenticates as now. The lookup is by hash, so its timing
    /// can reveal nothing about the secret itself.
    ///
    /// - Throws: `StoreError` when the key journal cannot be read.
    func lookup(sha256: String, at now: Int64) throws(StoreError) -> KeyStateMachine.Lookup {
        try check(sha256: sha256, at: now).lookup ?? .refused(.unknown, nil)
    }

    /// One catch-up for a call: whether any key was ever created (`auto` mode: keys are then
    /// required, revoked and expired ones included) and, when a well-formed secret was
    /// presented, what it authenticates as.
    ///
    /// - Throws: `StoreError` when the key journal cannot be read.
    public func check(sha256: String?, at now: Int64) throws(StoreError) -> (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?) {
        try journal.withLock { (journal: inout KeyJournal) throws(StoreError) -> (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?) in
            try journal.catchUp(.unlocked)
            return (!journal.machine.keys.isEmpty, sha256.map { journal.machine.lookup(sha256: $0, at: now) })
        }
    }

    /// Whether any key is active now (with `AIOS_AUTH=auto`, keys are required as soon as any
    /// key was ever created, active or not).
    ///
    /// - Throws: `StoreError` when the key journal cannot be read.
    public func hasActiveKey() throws(StoreError) -> Bool {
        let now = clock.nowMilliseconds()
        return try journal.withLock { (journal: inout KeyJournal) throws(StoreError) -> Bool in
            try journal.catchUp(.unlocked)
            return journal.machine.hasActiveKey(at: now)
        }
    }

    /// Records and logs a failed authentication (never the secret: its hint at most).
    public func recordFailure(_ refusal: KeyStateMachine.Refusal, keyID: String?, hint: String?, operation: String) async {
        var metadata: JSONObject = ["auth.reason": .string(refusal.rawValue), "operation": .string(operation)]
        if let keyID { metadata["key.id"] = .string(keyID) }
        if let hint { metadata["key.hint"] = .string(hint) }
        do {
            try await write(durable: false, { _, now in
                [.authFailed(at: now, reason: refusal.rawValue, keyID: keyID, hint: hint, operation: operation)]
            }, result: { _, _ in () })
        } catch {
            metadata["error"] = .string(String(describing: error))
        }
        logger.warning("authentication failed", metadata)
    }

    // MARK: - Plumbing

    /// Records what `decide` returns, durably when asked, and returns `result` of the new state.
    private func write<R: Sendable>(
        durable: Bool, _ decide: @escaping @Sendable (KeyStateMachine, Int64) throws -> [KeyEvent],
        result: @escaping @Sendable (KeyStateMachine, [KeyEvent]) throws -> R
    ) async throws -> R {
        try await executor.run { [self] in
            try journal.withLock { (journal: inout KeyJournal) throws -> R in
                try journal.write(durable: durable, { machine in try decide(machine, clock.nowMilliseconds()) }, result: result)
            }
        }
    }

    /// `result` for a change to key `id`: the key as the change left it.
    private static func key(_ id: String) -> @Sendable (KeyStateMachine, [KeyEvent]) throws -> APIKey {
        { machine, _ in
            guard let key = machine.keys[id] else { throw AIOSError(.keyNotFound, "no key \(id)", details: ["key_id": .string(id)]) }
            return key
        }
    }

    private func read<R: Sendable>(_ body: @escaping @Sendable (KeyStateMachine) -> R) async throws -> R {
        try await executor.run { [self] in
            try journal.withLock { (journal: inout KeyJournal) throws(StoreError) -> R in
                try journal.catchUp(.unlocked)
                return body(journal.machine)
            }
        }
    }

}
