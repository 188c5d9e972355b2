/// What one delivery attempt got, as the dispatcher reports it to the store.
public struct WebhookAttemptReport: Sendable, Hashable {
    /// The receiver's HTTP status, when it answered.
    public var statusCode: Int?
    /// Request to response (or failure), in milliseconds.
    public var latencyMilliseconds: Int64?
    /// Why the attempt failed: a transport error, a timeout, a refusal.
    public var error: String?
    /// The wait the receiver asked for with `Retry-After`.
    public var retryAfterMilliseconds: Int64?
    /// Retrying cannot help (the URL was refused): give up now.
    public var isPermanent: Bool
    /// The worker stopped mid-attempt (shutdown): retry without waiting, if attempts remain.
    public var isInterrupted: Bool

    public init(
        statusCode: Int? = nil, latencyMilliseconds: Int64? = nil, error: String? = nil, retryAfterMilliseconds: Int64? = nil,
        isPermanent: Bool = false, isInterrupted: Bool = false
    ) {
        self.statusCode = statusCode
        self.latencyMilliseconds = latencyMilliseconds
        self.error = error
        self.retryAfterMilliseconds = retryAfterMilliseconds
        self.isPermanent = isPermanent
        self.isInterrupted = isInterrupted
    }
}
