/// The wire form between the `aios-webhook` helper and `SubprocessWebhookTransport`: one JSON
/// line on the helper's stdout, `{"status_code": 204, "retry_after": null, "error": null}`.
extension WebhookResponse {
    /// The response as the helper writes it.
    public var json: JSONValue {
        [
            "status_code": statusCode.map { .integer($0) } ?? .null,
            "retry_after": .optional(retryAfter),
            "error": .optional(error),
        ]
    }

    /// Reads the wire form written by ``json``.
    ///
    /// - Parameter json: The object.
    /// - Returns: `nil` unless it is an object with the three members, each `null` or of its
    ///   type, and with a status or an error. Does not throw.
    public init?(json: JSONValue) {
        guard case .object(let object) = json, object.count == 3,
            let status = object["status_code"], let retryAfter = object["retry_after"], let error = object["error"],
            status.isNull || status.intValue.map({ (100...999).contains($0) }) == true,
            retryAfter.isNull || retryAfter.stringValue != nil, error.isNull || error.stringValue != nil,
            !status.isNull || !error.isNull
        else { return nil }
        self.init(statusCode: status.intValue.map { Int($0) }, retryAfter: retryAfter.stringValue, error: error.stringValue)
    }
}
