/// One fact of the key journal (`keys.log`). The keys' state is the fold of these, in order,
/// through `KeyStateMachine.apply(_:)`; none carries a secret, only its SHA-256 and hint.
package enum KeyEvent: Sendable, Hashable {
    /// `key.created`: a new key with its first secret.
    case created(
        id: String, at: Int64, name: String, scopes: [APIKeyScope], limits: RateLimits, expiresAt: Int64?,
        sha256: String, hint: String)
    /// `key.rotated`: a new current secret; the previous ones stay valid until `previousValidUntil`
    /// (or their own earlier end).
    case rotated(id: String, at: Int64, sha256: String, hint: String, previousValidUntil: Int64)
    /// `key.revoked`: every secret of the key stops working at `at`.
    case revoked(id: String, at: Int64)
    /// `auth.failed`: a call was refused as unauthenticated. `keyID` is known when the secret
    /// matched a key (revoked, expired or rotated out); `hint` is the presented text's hint.
    case authFailed(at: Int64, reason: String, keyID: String?, hint: String?, operation: String)

    /// The record type as written in the journal, e.g. `key.created`.
    var type: String {
        switch self {
        case .created: "key.created"
        case .rotated: "key.rotated"
        case .revoked: "key.revoked"
        case .authFailed: "auth.failed"
        }
    }

    package var at: Int64 {
        switch self {
        case .created(_, let at, _, _, _, _, _, _), .rotated(_, let at, _, _, _), .revoked(_, let at),
            .authFailed(let at, _, _, _, _):
            at
        }
    }

    /// The key the event is about, when known.
    package var keyID: String? {
        switch self {
        case .created(let id, _, _, _, _, _, _, _), .rotated(let id, _, _, _, _), .revoked(let id, _): id
        case .authFailed(_, _, let keyID, _, _): keyID
        }
    }
}
