/// An API key as the store knows it: never its secret, only the secret's SHA-256 and hint.
public struct APIKey: Sendable, Hashable {
    /// One secret of the key. Rotation adds a new secret and gives the previous ones an end.
    public struct Secret: Sendable, Hashable {
        /// Lowercase hex SHA-256 of the secret text.
        public var sha256: String
        /// A non-secret reminder, e.g. `aios_AbCd…wXyZ`.
        public var hint: String
        public var createdAt: Int64
        /// When a rotated-out secret stops working (Unix ms); `nil` for the current secret.
        public var validUntil: Int64?
    }

    /// Whether a key can authenticate at some moment.
    public enum Status: String, Sendable, Hashable {
        case active, expired, revoked
    }

    /// `key_` and 16 base62 characters; not secret.
    public var id: String
    public var name: String
    public var scopes: [APIKeyScope]
    public var limits: RateLimits
    public var createdAt: Int64
    /// When every secret of the key stops working (Unix ms), or `nil` for never.
    public var expiresAt: Int64?
    public var revokedAt: Int64?
    /// Oldest first; the last one is current.
    public var secrets: [Secret]
    /// The last call admitted with this key (from the rate limiter's state), if known.
    public var lastUsedAt: Int64?

    /// The current secret's hint.
    public var hint: String { secrets.last?.hint ?? "" }

    /// The key's status at `now` (Unix ms).
    public func status(at now: Int64) -> Status {
        if let revokedAt, revokedAt <= now { return .revoked }
        if let expiresAt, expiresAt <= now { return .expired }
        return .active
    }

    /// The key as `keys list --json` and `keys show --json` print it: no secret, ever.
    ///
    /// - Parameter now: The time used for `status`, in Unix ms.
    public func json(at now: Int64) -> JSONObject {
        [
            "id": .string(id),
            "name": .string(name),
            "status": .string(status(at: now).rawValue),
            "scopes": .strings(scopes.map(\.rawValue)),
            "limits": limits.json,
            "hint": .string(hint),
            "created_at": .string(RFC3339Timestamp.format(milliseconds: createdAt)),
            "expires_at": Self.timestamp(expiresAt),
            "revoked_at": Self.timestamp(revokedAt),
            "last_used_at": Self.timestamp(lastUsedAt),
            "previous_secrets": .array(secrets.dropLast().map { secret in
                [
                    "hint": .string(secret.hint),
                    "valid_until": Self.timestamp(secret.validUntil),
                    "valid": .bool((secret.validUntil ?? .max) > now && status(at: now) == .active),
                ]
            }),
        ]
    }

    private static func timestamp(_ milliseconds: Int64?) -> JSONValue {
        milliseconds.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null
    }
}

extension APIKey {
    /// `key_` and 16 base62 characters from the CSPRNG.
    package static func newID() -> String {
        var id = "key_"
        while id.utf8.count < 20 {
            for byte in SecureRandom.bytes(16) where byte < 248 && id.utf8.count < 20 {
                id += Base62.encode(UInt64(byte % 62), width: 1)
            }
        }
        return id
    }
}
