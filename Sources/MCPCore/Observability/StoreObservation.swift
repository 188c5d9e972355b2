/// What `aiosctl health` and `aiosctl metrics` read from a store at one moment: its jobs and
/// the processes reporting metrics. Never creates a store where there is none.
struct StoreObservation: Sendable {
    var summary: JobStoreSummary?
    var jobs: [JobObservation] = []
    /// Webhook deliveries still to be made.
    var webhooks: WebhookBacklog?
    /// Why the store could not be read, when it could not.
    var storeError: String?
    var metrics = MetricsCollection()
    /// Why the metrics (directory or table) could not be read, when it could not.
    var metricsError: String?

    static func gather(store configuration: StoreConfiguration, now: Int64) async -> StoreObservation {
        var observation = StoreObservation()
        do {
            if try StoreFactory.exists(configuration) {
                let store = try await StoreFactory.open(configuration).jobs
                observation.summary = try await store.summary()
                observation.jobs = try await store.observations()
                observation.webhooks = try await store.webhookBacklog()
            } else {
                observation.storeError = "no aios store in \(configuration) (the first aios-mcp or aiosctl command that uses it creates it)"
            }
        } catch {
            observation.storeError = String(describing: error)
        }
        do {
            observation.metrics = try await StoreMetricsSink.make(configuration).collect(now: now)
        } catch {
            observation.metricsError = String(describing: error)
        }
        return observation
    }

    /// Workers holding an unexpired lease whose process is not known to be gone.
    func busyWorkers(now: Int64) -> Set<String> {
        var busy: Set<String> = []
        for job in jobs where job.status == .running {
            if let lease = job.lease, lease.expiresAt > now, !ProcessIdentity.workerIsGone(lease.holder) {
                busy.insert(lease.holder)
            }
        }
        return busy
    }
}
