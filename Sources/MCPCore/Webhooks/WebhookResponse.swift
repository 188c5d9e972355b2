/// What a webhook request got back.
public struct WebhookResponse: Sendable, Hashable {
    /// The HTTP status, when the receiver answered (3xx included: redirects are not followed).
    public var statusCode: Int?
    /// The `Retry-After` header, if any.
    public var retryAfter: String?
    /// Why no answer came (connection refused, TLS failure, timeout…).
    public var error: String?

    public init(statusCode: Int? = nil, retryAfter: String? = nil, error: String? = nil) {
        self.statusCode = statusCode
        self.retryAfter = retryAfter
        self.error = error
    }
}
