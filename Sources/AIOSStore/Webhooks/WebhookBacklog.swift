/// Webhook deliveries still to be made, as a dispatcher or a health check sees them.
public struct WebhookBacklog: Sendable, Hashable {
    /// Deliveries not yet delivered or given up.
    public var unfinished: Int = 0
    /// Of those, how many may be attempted now.
    public var due: Int = 0
    /// When the next not-yet-due delivery becomes due (a retry's time, or a lapsing lease).
    public var nextDueAt: Int64?

    public init() {}
}
