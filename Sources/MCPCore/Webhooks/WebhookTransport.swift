/// Sends one webhook request. The HTTP client lives outside `MCPCore`, in the `aios-webhook`
/// helper that `SubprocessWebhookTransport` starts, so that neither `aios-mcp` nor `aiosctl`
/// loads it; see docs/architecture.md, "Start-up cost".
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
