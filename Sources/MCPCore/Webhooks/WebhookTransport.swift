/// Sends one webhook request. The HTTP client lives outside `MCPCore` (in `AIOSNetworking`,
/// linked only by `aiosctl`), so that `aios-mcp` never loads it; see docs/webhooks.md.
///
/// A transport must not follow redirects, should connect to one of `request.target.addresses`
/// (the addresses the guard checked), and must return promptly when its task is cancelled.
public protocol WebhookTransport: Sendable {
    /// Sends `request` and reports what came back.
    ///
    /// - Parameter request: The URL with its checked addresses, headers, body and timeout.
    /// - Returns: The status and `Retry-After` header, or the error; does not throw.
    func send(_ request: WebhookRequest) async -> WebhookResponse
}

/// A signed webhook POST, ready to send.
public struct WebhookRequest: Sendable {
    public var target: WebhookURLGuard.Target
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var timeout: Duration

    public init(target: WebhookURLGuard.Target, headers: [(name: String, value: String)], body: [UInt8], timeout: Duration) {
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

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

/// Something that delivers webhooks for as long as its task runs: the in-process
/// `WebhookDispatcher`, or `aios-mcp`'s `WebhookDispatchLauncher`.
public protocol WebhookDeliveryService: Sendable {
    /// Delivers until the calling task is cancelled; does not throw.
    func run() async
}
