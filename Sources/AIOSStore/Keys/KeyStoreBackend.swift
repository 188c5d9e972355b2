/// The API keys of a store as the key gate and `aiosctl keys` use them: the seam behind which a
/// backend keeps keys, their secrets' SHA-256 and the audit trail. ``KeyStore`` (the key
/// journal `keys.log`, docs/store-format.md) is the first backend.
///
/// A backend stores and orders key events; it does not decide. ``KeyStateMachine`` decides what
/// a create, rotate or revoke records and what a secret authenticates as, so every backend
/// refuses the same requests with the same ``AIOSError``s and authenticates the same secrets.
/// `KeyStoreConformanceTests` runs one suite against every backend.
///
/// Changes are durable when they return (a failed authentication need not be) and visible to
/// every process on the store at its next call.
public protocol KeyStoreBackend: Sendable {
    /// The time source for creation, expiry, grace periods and audit records.
    var clock: any JobClock { get }

    // MARK: Managing keys

    /// Creates a key and returns it with its secret (the only time the secret exists).
    ///
    /// - Throws: ``AIOSError`` `.invalidInput` for a bad name, scope list or limit; `StoreError`.
    func create(name: String, scopes: [APIKeyScope], limits: RateLimits, expiresIn: Duration?) async throws -> IssuedKey
    /// Gives a key a new secret; the previous one keeps working until `grace` has passed.
    ///
    /// - Throws: ``AIOSError`` `.keyNotFound`, or `.invalidInput` for a revoked key; `StoreError`.
    func rotate(_ id: String, grace: Duration) async throws -> IssuedKey
    /// Revokes a key: every secret of it stops working at once. Revoking twice is not an error.
    ///
    /// - Throws: ``AIOSError`` `.keyNotFound`; `StoreError`.
    func revoke(_ id: String) async throws -> APIKey
    /// Every key, in creation order, with its last-used time.
    func keys() async throws -> [APIKey]
    /// One key with its last-used time, or `nil` when there is none with this id.
    func key(_ id: String) async throws -> APIKey?
    /// Audit records oldest first (creations, rotations, revocations, recent failed
    /// authentications), of one key or (`nil`) all.
    func auditTrail(for id: String?) async throws -> [KeyAuditEntry]

    // MARK: Authentication (every tool call)

    /// Whether any key was ever created and, when a secret's SHA-256 is given, what it
    /// authenticates as at `now`.
    func check(sha256: String?, at now: Int64) async throws -> (anyKeyEver: Bool, lookup: KeyStateMachine.Lookup?)
    /// Whether any key is active now.
    func hasActiveKey() async throws -> Bool
    /// Records (best effort, not necessarily durable) and logs a failed authentication, never
    /// the secret: its hint at most.
    func recordFailure(_ refusal: KeyStateMachine.Refusal, keyID: String?, hint: String?, operation: String) async
}

/// The per-key rate-limit windows of a store, shared by every process on it: the seam behind
/// which a backend counts calls. ``RateLimiter`` (memory-mapped files in `ratelimits/`) is the
/// first backend. Each key has a sliding minute window and a sliding day window, each exact:
/// never more than the limit in any window of that length, across all processes.
/// `RateLimitConformanceTests` runs one suite against every backend.
public protocol RateLimitBackend: Sendable {
    /// Admits one call of key `keyID` now if both of its windows have room, and counts it; a
    /// refused call is not counted.
    func admit(keyID: String, limits: RateLimits) async throws -> RateLimitDecision
    /// When the key last made an admitted call under these limits (Unix ms), `nil` if never.
    func lastUsed(keyID: String, limits: RateLimits) async throws -> Int64?
}

/// The key journal (docs/store-format.md): the first key backend.
extension KeyStore: KeyStoreBackend {}

/// The `ratelimits/` files: the first rate-limit backend.
extension RateLimiter: RateLimitBackend {}
