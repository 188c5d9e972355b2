/// A worker's claim on a running job: who holds it and until when, unless renewed by heartbeats.
public struct JobLease: Sendable, Hashable {
    /// The worker's identifier (host, process and worker number).
    public var holder: String
    /// When the lease lapses, in Unix milliseconds; after that another worker may reclaim the job.
    public var expiresAt: Int64

    public init(holder: String, expiresAt: Int64) {
        self.holder = holder
        self.expiresAt = expiresAt
    }
}
