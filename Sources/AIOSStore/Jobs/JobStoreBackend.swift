import AIOSJSON

/// The durable job store as the pipeline, the tools, the CLI and observability use it: the seam
/// behind which a backend keeps jobs, artifacts and the webhook outbox. ``JobStore`` (the file
/// journal, docs/store-format.md) is the first backend; a PostgreSQL one is planned.
///
/// A backend stores and orders events; it does not decide. Every change goes through
/// ``JobStateMachine``, which says whether a transition is allowed and what it records, so two
/// backends given the same calls at the same clock readings end in the same states and refuse
/// the same calls with the same ``JobTransitionError``s. `JobStoreConformanceTests` runs one
/// suite against every backend.
///
/// Every change is durable when its call returns, and visible to every process on the same
/// store. Calls that act for a worker refuse one that no longer holds the job's lease.
public protocol JobStoreBackend: Sendable {
    // MARK: Reading

    /// The phases the store was opened with, which its jobs run and its records, events,
    /// artifacts and webhook bodies name.
    var phaseGraph: PhaseGraph { get }

    /// Grows with every change, from any process.
    func version() async throws -> UInt64
    /// The job, or `nil` when there is none with this id.
    func job(_ id: JobID) async throws -> Job?
    /// Jobs newest first, optionally of one status, at most `limit`, those `caller` may see.
    func jobs(status: JobStatus?, limit: Int, visibleTo caller: Caller) async throws -> [Job]
    /// How many jobs there are and the newest id: changes when a job is added or removed.
    func listSignature() async throws -> (count: Int, newest: JobID?)
    /// Counts, queue age, live workers and the webhook backlog, for health and metrics.
    func summary() async throws -> JobStoreSummary
    /// The artifact a phase produced.
    ///
    /// - Throws: ``AIOSError`` `.jobNotFound` or `.artifactNotReady`.
    func artifact(_ id: JobID, phase: Phase) async throws -> JSONObject
    /// Waits until ``version()`` exceeds `version` or `timeout` passes; returns the version then.
    func waitForChange(after version: UInt64, timeout: Duration) async throws -> UInt64

    // MARK: Clients

    /// Queues a job, or returns the one an earlier submission with the same idempotency key
    /// (and owner) created (`created == false`).
    func submit(_ submission: JobSubmission) async throws -> (job: Job, created: Bool)
    /// Cancels a job that has not ended.
    func cancel(_ id: JobID) async throws -> Job
    /// Queues a failed or cancelled job again, keeping the phases that succeeded.
    func retry(_ id: JobID) async throws -> Job

    // MARK: Workers

    /// Claims the oldest claimable job (queued, or running with an expired lease), with a lease.
    func claim(worker: String, lease: Duration, only: JobID?) async throws -> Job?
    /// Renews the lease of a job the worker holds.
    func heartbeat(_ id: JobID, worker: String, lease: Duration) async throws -> Job
    /// Records the start of the next attempt of a ready phase.
    func phaseStarted(_ id: JobID, phase: Phase, worker: String) async throws -> Job
    /// Records how far the running attempt of a phase is (`percent` of the phase, 0...100, and a
    /// message). The state machine writes it only when it changed and the phase's last report
    /// is at least `PhaseProgress.minimumInterval` old; a worker that lost its lease is refused.
    func phaseProgress(_ id: JobID, phase: Phase, worker: String, percent: Int, message: String) async throws -> Job
    /// Stores a phase's artifact and completes the phase (the last one completes the job).
    func phaseSucceeded(_ id: JobID, phase: Phase, worker: String, artifact: JSONObject) async throws -> Job
    /// Records a failed attempt; `retryAt` (Unix ms) schedules another, `nil` fails the job.
    func phaseFailed(_ id: JobID, phase: Phase, worker: String, error: JobFailure, retryAt: Int64?) async throws -> Job
    /// Fails a held job as a whole.
    func failJob(_ id: JobID, worker: String, error: JobFailure) async throws -> Job
    /// Gives a held job back to the queue without counting a stall.
    func release(_ id: JobID, worker: String) async throws

    // MARK: Webhook outbox

    /// Claims the next due webhook delivery.
    func claimWebhookDelivery(worker: String, policy: WebhookRetryPolicy, only: JobID?) async throws -> WebhookDelivery?
    /// Records one attempt of a claimed delivery and schedules the next, if any.
    @discardableResult
    func recordWebhookAttempt(
        _ delivery: WebhookDelivery, worker: String, report: WebhookAttemptReport, policy: WebhookRetryPolicy,
        randomFraction: Double
    ) async throws -> WebhookDelivery
    /// Deliveries newest first, of one job or all, those `caller` may see.
    func webhookDeliveries(job: JobID?, limit: Int, visibleTo caller: Caller) async throws -> [WebhookDelivery]
    /// What the outbox still has to deliver, and when the next delivery is due.
    func webhookBacklog() async throws -> WebhookBacklog

    // MARK: Maintenance

    /// Removes ended jobs older than `retention` and their artifacts; returns how many.
    func collectGarbage(retention: Duration) async throws -> Int
    /// Folds what the backend has accumulated so that opening and reading stay fast (the file
    /// journal: a new snapshot). A backend with nothing to fold returns at once.
    func compact() async throws

    // MARK: Observability

    /// Every job's status, times, lease and phases, without requests or artifacts: for
    /// `aiosctl health`, `metrics` and `stats`.
    func observations() async throws -> [JobObservation]

    // MARK: Webhook signing secrets

    /// The signing secrets: `AIOS_WEBHOOK_SECRET` when set, else the store's own, created the
    /// first time it is needed and shared by every process on the store.
    ///
    /// - Throws: `ConfigurationError` for a malformed `AIOS_WEBHOOK_SECRET`; `StoreError`.
    func webhookKeyring(environment: [String: String]) async throws -> WebhookKeyring
    /// Replaces the store's signing secret; the old one keeps signing alongside for `grace`.
    func rotateWebhookSecret(grace: Duration) async throws -> WebhookKeyring
}

extension JobStoreBackend {
    /// Jobs newest first (50 by default) that the store's owner sees.
    public func jobs(status: JobStatus? = nil, limit: Int = 50) async throws -> [Job] {
        try await jobs(status: status, limit: limit, visibleTo: .local)
    }

    /// Claims any claimable job.
    public func claim(worker: String, lease: Duration) async throws -> Job? {
        try await claim(worker: worker, lease: lease, only: nil)
    }

    /// Claims any due webhook delivery.
    public func claimWebhookDelivery(worker: String, policy: WebhookRetryPolicy) async throws -> WebhookDelivery? {
        try await claimWebhookDelivery(worker: worker, policy: policy, only: nil)
    }

    /// The newest deliveries (50 by default) the store's owner sees.
    public func webhookDeliveries(job: JobID? = nil, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await webhookDeliveries(job: job, limit: limit, visibleTo: .local)
    }
}

/// The file journal (docs/store-format.md): the first backend.
extension JobStore: JobStoreBackend {}
