/// One audit record of the key journal, as `keys show` prints it: a creation, rotation,
/// revocation or failed authentication. Never holds a secret.
public struct KeyAuditEntry: Sendable, Hashable {
    /// Unix ms.
    public var at: Int64
    /// `key.created`, `key.rotated`, `key.revoked` or `auth.failed`.
    public var event: String
    public var keyID: String?
    /// The hint of the secret concerned (the new one for a creation or rotation).
    public var hint: String?
    /// Why an authentication failed: missing, malformed, unknown, revoked, expired, rotated_out.
    public var reason: String?
    /// The tool or command that was refused.
    public var operation: String?

    package init(_ event: KeyEvent) {
        at = event.at
        self.event = event.type
        keyID = event.keyID
        switch event {
        case .created(_, _, _, _, _, _, _, let hint), .rotated(_, _, _, let hint, _):
            self.hint = hint
        case .revoked:
            break
        case .authFailed(_, let reason, _, let hint, let operation):
            self.hint = hint
            self.reason = reason
            self.operation = operation
        }
    }

    /// The entry as JSON, with an RFC 3339 time.
    public var json: JSONObject {
        var object: JSONObject = ["at": .string(RFC3339Timestamp.format(milliseconds: at)), "event": .string(event)]
        if let keyID { object["key_id"] = .string(keyID) }
        if let hint { object["hint"] = .string(hint) }
        if let reason { object["reason"] = .string(reason) }
        if let operation { object["operation"] = .string(operation) }
        return object
    }
}
