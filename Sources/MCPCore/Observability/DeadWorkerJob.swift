/// A running job whose worker is gone: its lease expired, or the process holding it no longer
/// runs on this host. The next worker to look reclaims it (counting a stall).
public struct DeadWorkerJob: Sendable, Hashable {
    public var jobID: JobID
    /// The worker identifier recorded in the lease.
    public var holder: String
    /// When the lease lapses (or lapsed), Unix milliseconds.
    public var leaseExpiresAt: Int64
    /// Whether the holder's process is known to be gone (same host, pid not running).
    public var processGone: Bool

    /// The running jobs among `jobs` whose worker is gone at `now`.
    public static func find(in jobs: [JobObservation], now: Int64) -> [DeadWorkerJob] {
        jobs.compactMap { job in
            guard job.status == .running, let lease = job.lease else { return nil }
            let gone = ProcessIdentity.workerIsGone(lease.holder)
            guard gone || lease.expiresAt <= now else { return nil }
            return DeadWorkerJob(jobID: job.id, holder: lease.holder, leaseExpiresAt: lease.expiresAt, processGone: gone)
        }
    }

    /// A sentence for people.
    public func describe(now: Int64) -> String {
        if processGone {
            return "job \(jobID) is held by worker \(holder), whose process no longer runs; another worker can take it over "
                + (leaseExpiresAt > now ? "in \(HealthReport.age(leaseExpiresAt - now))" : "now")
        }
        return "job \(jobID) is held by worker \(holder), whose lease expired \(HealthReport.age(now - leaseExpiresAt)) ago (dead or stuck worker)"
    }
}
