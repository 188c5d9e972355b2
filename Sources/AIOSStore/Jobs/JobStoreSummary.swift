/// Counts and ages of the store's jobs, for `aiosctl health` and metrics.
public struct JobStoreSummary: Sendable, Hashable {
    /// The current generation (how many compactions the store went through).
    public var generation: UInt64
    /// The event sequence number, as `JobStore.version()` returns it.
    public var version: UInt64
    /// Jobs per status; every status is present.
    public var countsByStatus: [JobStatus: Int] = [:]
    /// When the oldest queued job was submitted, in Unix milliseconds.
    public var oldestQueuedAt: Int64?
    /// Workers holding an unexpired lease.
    public var liveWorkers: Set<String> = []
    /// Webhook deliveries not yet delivered or given up (pending or in flight).
    public var pendingWebhookDeliveries: Int = 0
    /// Webhook deliveries per state; every state is present.
    public var webhookDeliveriesByState: [WebhookDeliveryState: Int] = [:]

    public init(generation: UInt64, version: UInt64) {
        self.generation = generation
        self.version = version
    }

    /// Queued jobs.
    public var queueDepth: Int { countsByStatus[.queued] ?? 0 }
}
