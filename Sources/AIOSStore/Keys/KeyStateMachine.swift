/// The pure state of the API keys: the fold of the key journal's events, and the decisions that
/// turn a request (create, rotate, revoke) into an event. No I/O, no clock: time comes in as
/// arguments, so every process folding the same records sees the same keys.
public struct KeyStateMachine: Sendable {
    /// Keys by id.
    package private(set) var keys: [String: APIKey] = [:]
    /// Key ids in creation order.
    package private(set) var order: [String] = []
    /// Secret SHA-256 (hex) → key id, for every secret ever issued.
    private(set) var secretIndex: [String: String] = [:]
    /// Every key event, in order: rewriting the journal keeps them all (they are few).
    package private(set) var keyEvents: [KeyEvent] = []
    /// The most recent failed authentications, oldest first; at most `failureMemory` of them
    /// survive a rewrite of the journal.
    package private(set) var failures: [KeyEvent] = []

    /// How many failed authentications are remembered (and kept when the journal is rewritten).
    static let failureMemory = 1000

    package init() {}

    /// Why a presented secret does not authenticate.
    public enum Refusal: String, Sendable, Hashable {
        /// No key was presented.
        case missing
        /// The text is not a well-formed key (prefix, length, characters or checksum).
        case malformed
        /// Well-formed, but no key has this secret.
        case unknown
        case revoked
        case expired
        /// A previous secret of a rotated key, after its grace period.
        case rotatedOut = "rotated_out"
    }

    public enum Lookup: Sendable, Hashable {
        case valid(APIKey)
        case refused(Refusal, APIKey?)
    }

    // MARK: - Decisions

    /// The event creating a key.
    ///
    /// - Throws: `.invalidInput` for an empty or over-long name, bad limits or an empty scope list.
    package func create(
        id: String, at now: Int64, name: String, scopes: [APIKeyScope], limits: RateLimits, expiresAt: Int64?,
        secret: APIKeySecret
    ) throws(AIOSError) -> KeyEvent {
        guard !name.isEmpty, name.count <= 100, !name.contains(where: \.isNewline) else {
            throw AIOSError(.invalidInput, "a key name is 1 to 100 characters on one line")
        }
        guard !scopes.isEmpty else { throw AIOSError(.invalidInput, "give at least one scope") }
        try limits.validate()
        if let expiresAt, expiresAt <= now { throw AIOSError(.invalidInput, "the expiry must be in the future") }
        guard keys[id] == nil else { throw AIOSError(.internalError, "key id \(id) already exists") }
        return .created(
            id: id, at: now, name: name, scopes: Array(Set(scopes)).sorted(), limits: limits, expiresAt: expiresAt,
            sha256: secret.sha256, hint: secret.hint)
    }

    /// The event giving key `id` a new secret; the current one works until `now + grace`.
    ///
    /// - Throws: `.keyNotFound`, or `.invalidInput` for a revoked key.
    package func rotate(id: String, at now: Int64, graceMilliseconds: Int64, secret: APIKeySecret) throws(AIOSError) -> KeyEvent {
        let key = try existing(id)
        guard key.status(at: now) != .revoked else {
            throw AIOSError(.invalidInput, "key \(id) is revoked; create a new key instead", details: ["key_id": .string(id)])
        }
        return .rotated(id: id, at: now, sha256: secret.sha256, hint: secret.hint, previousValidUntil: now + max(0, graceMilliseconds))
    }

    /// The event revoking key `id`, or `nil` when it is revoked already.
    ///
    /// - Throws: `.keyNotFound`.
    package func revoke(id: String, at now: Int64) throws(AIOSError) -> KeyEvent? {
        let key = try existing(id)
        return key.revokedAt == nil ? .revoked(id: id, at: now) : nil
    }

    private func existing(_ id: String) throws(AIOSError) -> APIKey {
        guard let key = keys[id] else {
            throw AIOSError(.keyNotFound, "no key \(id)", details: ["key_id": .string(id)])
        }
        return key
    }

    /// Which key, if any, the secret with this SHA-256 authenticates as at `now`.
    ///
    /// Comparing hashes needs no constant-time care: learning how much of a SHA-256 of a
    /// 190-bit random secret matches tells nothing about the secret.
    package func lookup(sha256: String, at now: Int64) -> Lookup {
        guard let id = secretIndex[sha256], let key = keys[id], let secret = key.secrets.first(where: { $0.sha256 == sha256 })
        else { return .refused(.unknown, nil) }
        switch key.status(at: now) {
        case .revoked: return .refused(.revoked, key)
        case .expired: return .refused(.expired, key)
        case .active: break
        }
        if let validUntil = secret.validUntil, validUntil <= now { return .refused(.rotatedOut, key) }
        return .valid(key)
    }

    /// Whether any key can authenticate at `now`: what `AIOS_AUTH=auto` asks.
    package func hasActiveKey(at now: Int64) -> Bool {
        keys.values.contains { $0.status(at: now) == .active }
    }

    // MARK: - Fold

    /// Applies one recorded event.
    ///
    /// - Throws: `EventDecodingError` when the event does not fit the state (a second creation
    ///   of one id, an event for an unknown key, a secret issued twice).
    package mutating func apply(_ event: KeyEvent) throws(EventDecodingError) {
        switch event {
        case .created(let id, let at, let name, let scopes, let limits, let expiresAt, let sha256, let hint):
            guard keys[id] == nil else { throw EventDecodingError(message: "key \(id) created twice") }
            guard secretIndex[sha256] == nil else { throw EventDecodingError(message: "a secret of key \(id) was issued before") }
            keys[id] = APIKey(
                id: id, name: name, scopes: scopes, limits: limits, createdAt: at, expiresAt: expiresAt, revokedAt: nil,
                secrets: [APIKey.Secret(sha256: sha256, hint: hint, createdAt: at, validUntil: nil)])
            order.append(id)
            secretIndex[sha256] = id
            keyEvents.append(event)
        case .rotated(let id, let at, let sha256, let hint, let previousValidUntil):
            guard var key = keys[id] else { throw EventDecodingError(message: "rotation of unknown key \(id)") }
            guard secretIndex[sha256] == nil else { throw EventDecodingError(message: "a secret of key \(id) was issued before") }
            for index in key.secrets.indices {
                key.secrets[index].validUntil = min(key.secrets[index].validUntil ?? .max, previousValidUntil)
            }
            key.secrets.append(APIKey.Secret(sha256: sha256, hint: hint, createdAt: at, validUntil: nil))
            keys[id] = key
            secretIndex[sha256] = id
            keyEvents.append(event)
        case .revoked(let id, let at):
            guard var key = keys[id] else { throw EventDecodingError(message: "revocation of unknown key \(id)") }
            key.revokedAt = min(key.revokedAt ?? .max, at)
            keys[id] = key
            keyEvents.append(event)
        case .authFailed:
            failures.append(event)
            // Trim in batches so that appending stays cheap.
            if failures.count >= 2 * Self.failureMemory { failures.removeFirst(failures.count - Self.failureMemory) }
        }
    }

    /// The events a rewritten journal holds: every key event, then the remembered failures.
    var retainedEvents: [KeyEvent] { keyEvents + failures.suffix(Self.failureMemory) }
}
