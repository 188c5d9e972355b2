/// The notices every key store writes when a key changes, in one wording for both backends
/// (docs/keys.md: an operator's log says who created, rotated or revoked which key).
extension Logger {
    package func keyCreated(_ key: APIKey) {
        notice("api key created", [
            "key.id": .string(key.id), "key.name": .string(key.name), "key.hint": .string(key.hint),
            "key.scopes": .strings(key.scopes.map(\.rawValue)),
        ])
    }

    /// - Parameter now: Unix milliseconds, when the previous secret has no end of its own.
    package func keyRotated(_ key: APIKey, now: Int64) {
        let previousUntil = key.secrets.dropLast().last?.validUntil ?? now
        notice("api key rotated", [
            "key.id": .string(key.id), "key.hint": .string(key.hint),
            "key.previous_valid_until": .string(RFC3339Timestamp.format(milliseconds: previousUntil)),
        ])
    }

    package func keyRevoked(_ key: APIKey) {
        notice("api key revoked", ["key.id": .string(key.id), "key.hint": .string(key.hint)])
    }
}
