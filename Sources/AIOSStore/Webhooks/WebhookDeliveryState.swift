/// Where a webhook delivery is: `pending` → `delivering` → `delivered` | `failed`, back to
/// `pending` between attempts.
public enum WebhookDeliveryState: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its first attempt or for the time of its next one.
    case pending
    /// An attempt is in flight under a worker's lease.
    case delivering
    /// A receiver answered 2xx.
    case delivered
    /// Given up: attempts exhausted, 410 Gone, or the URL was refused.
    case failed

    /// Whether nothing more will be sent.
    public var isFinal: Bool { self == .delivered || self == .failed }
}
