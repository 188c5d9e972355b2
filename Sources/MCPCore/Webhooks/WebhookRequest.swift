/// A signed webhook POST, ready to send.
public struct WebhookRequest: Sendable {
    /// The URL and the addresses the guard checked for it.
    public var target: WebhookURLGuard.Target
    /// `Content-Type`, the timestamps and the signatures, in the order to send them.
    public var headers: [(name: String, value: String)]
    /// The exact bytes that were signed.
    public var body: [UInt8]
    /// The longest the request may take, connection to response.
    public var timeout: Duration

    public init(target: WebhookURLGuard.Target, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) {
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
