/// The journal payload of a key event: one JSON object with `type` first.
extension KeyEvent {
    package func serialized() -> [UInt8] {
        var object: JSONObject = ["type": .string(type)]
        switch self {
        case .created(let id, let at, let name, let scopes, let limits, let expiresAt, let sha256, let hint):
            object["key_id"] = .string(id)
            object["at"] = .int(at)
            object["name"] = .string(name)
            object["scopes"] = .strings(scopes.map(\.rawValue))
            object["per_minute"] = .integer(limits.perMinute)
            object["per_day"] = .integer(limits.perDay)
            object["expires_at"] = expiresAt.map { .int($0) } ?? .null
            object["sha256"] = .string(sha256)
            object["hint"] = .string(hint)
        case .rotated(let id, let at, let sha256, let hint, let previousValidUntil):
            object["key_id"] = .string(id)
            object["at"] = .int(at)
            object["sha256"] = .string(sha256)
            object["hint"] = .string(hint)
            object["previous_valid_until"] = .int(previousValidUntil)
        case .revoked(let id, let at):
            object["key_id"] = .string(id)
            object["at"] = .int(at)
        case .authFailed(let at, let reason, let keyID, let hint, let operation):
            object["at"] = .int(at)
            object["reason"] = .string(reason)
            object["key_id"] = .optional(keyID)
            object["hint"] = .optional(hint)
            object["operation"] = .string(operation)
        }
        return JSONValue.object(object).serialized()
    }

    /// Decodes a journal payload.
    ///
    /// - Throws: `EventDecodingError` naming the first missing or ill-typed member.
    package init(payload: [UInt8]) throws(EventDecodingError) {
        let value: JSONValue
        do { value = try JSONValue.parse(payload) } catch { throw EventDecodingError(message: "not JSON: \(error)") }
        guard let object = value.objectValue else { throw EventDecodingError(message: "not a JSON object") }
        let fields = EventFields(object: object)
        switch try fields.string("type") {
        case "key.created":
            var scopes: [APIKeyScope] = []
            for name in try fields.array("scopes") {
                guard let scope = name.stringValue.flatMap(APIKeyScope.init(rawValue:)) else {
                    throw EventDecodingError(message: "unknown scope in 'scopes'")
                }
                scopes.append(scope)
            }
            self = .created(
                id: try fields.string("key_id"), at: try fields.int("at"), name: try fields.string("name"), scopes: scopes,
                limits: RateLimits(perMinute: Int(try fields.int("per_minute")), perDay: Int(try fields.int("per_day"))),
                expiresAt: try fields.optionalInt("expires_at"), sha256: try fields.string("sha256"),
                hint: try fields.string("hint"))
        case "key.rotated":
            self = .rotated(
                id: try fields.string("key_id"), at: try fields.int("at"), sha256: try fields.string("sha256"),
                hint: try fields.string("hint"), previousValidUntil: try fields.int("previous_valid_until"))
        case "key.revoked":
            self = .revoked(id: try fields.string("key_id"), at: try fields.int("at"))
        case "auth.failed":
            self = .authFailed(
                at: try fields.int("at"), reason: try fields.string("reason"), keyID: try fields.optionalString("key_id"),
                hint: try fields.optionalString("hint"), operation: try fields.string("operation"))
        case let other:
            throw EventDecodingError(message: "unknown record type '\(other)'")
        }
    }
}
