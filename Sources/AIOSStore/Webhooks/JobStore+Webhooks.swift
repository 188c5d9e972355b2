import AIOSSystem

/// The webhook outbox and signing secrets of the store. Claims and outcomes are durable before
/// they return, decided under the store lock, so a delivery is never attempted by two workers
/// at once and every attempt is on record.
extension JobStore {
    /// Claims the webhook delivery due first: pending and due, or abandoned mid-attempt by a
    /// worker whose lease lapsed (that attempt is recorded as interrupted).
    ///
    /// - Parameters:
    ///   - worker: The claiming worker's identifier.
    ///   - policy: Attempts and lease duration.
    ///   - only: Claim only a delivery of this job.
    /// - Returns: The claimed delivery, its new attempt last in `attempts`; `nil` when none is due.
    /// - Throws: `StoreError` on I/O failure.
    public func claimWebhookDelivery(worker: String, policy: WebhookRetryPolicy, only: JobID? = nil) async throws
        -> WebhookDelivery?
    {
        try await perform { state throws -> WebhookDelivery? in
            let decision = state.machine.claimWebhookDelivery(worker: worker, at: state.now, policy: policy, only: only)
            for event in decision.events { try state.record(event) }
            guard let claimed = decision.claimed else { return nil }
            return state.machine.jobs[claimed.job]?.webhookDeliveries.first { $0.id == claimed.delivery }
        }
    }

    /// Records the outcome of an attempt the worker holds: delivered, retried later (backoff or
    /// `Retry-After`), or given up (attempts exhausted, 410 Gone, URL refused).
    ///
    /// - Parameters:
    ///   - delivery: The delivery as `claimWebhookDelivery` returned it.
    ///   - worker: The worker that claimed it.
    ///   - report: What the attempt got.
    ///   - policy: Attempts and backoff.
    ///   - randomFraction: A random number in 0...1 for the backoff jitter.
    /// - Returns: The delivery as it is now.
    /// - Throws: `JobTransitionError` `.leaseLost` when another worker took the delivery over;
    ///   `StoreError` on I/O failure.
    @discardableResult
    public func recordWebhookAttempt(
        _ delivery: WebhookDelivery, worker: String, report: WebhookAttemptReport, policy: WebhookRetryPolicy,
        randomFraction: Double
    ) async throws -> WebhookDelivery {
        try await perform { state throws -> WebhookDelivery in
            try state.record(
                try state.machine.recordWebhookAttempt(
                    job: delivery.jobID, delivery: delivery.id, worker: worker, report: report, at: state.now, policy: policy,
                    fraction: randomFraction))
            guard let updated = state.machine.jobs[delivery.jobID]?.webhookDeliveries.first(where: { $0.id == delivery.id }) else {
                throw JobTransitionError(.notFound, jobID: delivery.jobID, message: "no webhook delivery \(delivery.id)")
            }
            return updated
        }
    }

    /// Webhook deliveries, newest first: one job's, or every job's.
    ///
    /// - Parameters:
    ///   - job: Only this job's deliveries; `nil` for all.
    ///   - limit: At most this many.
    ///   - caller: Only deliveries of jobs this caller may see (a non-admin key sees its own).
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func webhookDeliveries(job: JobID? = nil, limit: Int = 50, visibleTo caller: Caller = .local) throws
        -> [WebhookDelivery]
    {
        var records: [JobRecord]
        if let job {
            records = try replica.job(job).map { [$0] } ?? []
        } else {
            try replica.catchUp(.unlocked)
            records = Array(replica.machine.jobs.values)
        }
        if !caller.isAdmin { records.removeAll { !caller.mayAccess(jobOwnedBy: $0.owner) } }
        let deliveries = records.flatMap(\.webhookDeliveries).sorted { ($0.endedAt, $0.id) > ($1.endedAt, $1.id) }
        return Array(deliveries.prefix(max(0, limit)))
    }

    /// Deliveries not yet delivered or given up, how many may be attempted now, and when the
    /// next becomes due. Cheap: it looks only at jobs with such deliveries.
    ///
    /// - Throws: `StoreError` when catching up with the journal fails.
    public func webhookBacklog() throws -> WebhookBacklog {
        try replica.catchUp(.unlocked)
        return replica.machine.webhookBacklog(at: clock.nowMilliseconds())
    }

    // MARK: - Secrets

    /// The signing secrets: `AIOS_WEBHOOK_SECRET` when set, else the store's own, generated
    /// (32 random bytes, file mode 0600) the first time it is needed.
    ///
    /// - Parameter environment: The process environment.
    /// - Returns: The keyring, current secret first.
    /// - Throws: `ConfigurationError` for a malformed `AIOS_WEBHOOK_SECRET`; `StoreError` when
    ///   the secrets file cannot be read, written, or is damaged.
    public func webhookKeyring(environment: [String: String]) throws -> WebhookKeyring {
        if let configured = try WebhookKeyring.fromEnvironment(environment) { return configured }
        let path = directory + "/" + WebhookKeyring.fileName
        if let existing = try Self.readKeyring(path) { return existing }
        let now = clock.nowMilliseconds()
        return try replica.withStoreLock(LOCK_EX) { () throws(StoreError) -> WebhookKeyring in
            // Another process may have created it while this one waited for the lock.
            if let existing = try Self.readKeyring(path) { return existing }
            let keyring = WebhookKeyring(entries: [.init(secret: .generate(), createdAt: now)], source: .store(path: path))
            try StoreFileSystem.writeAtomically(keyring.fileBytes(), to: path, directory: directory)
            return keyring
        }
    }

    /// Replaces the store's signing secret with a new one; the old one keeps signing alongside
    /// it for `grace`, so receivers can switch without missing a delivery.
    ///
    /// - Parameter grace: How long the old secret still signs.
    /// - Returns: The new keyring.
    /// - Throws: `StoreError` on I/O failure or a damaged secrets file.
    public func rotateWebhookSecret(grace: Duration) throws -> WebhookKeyring {
        let path = directory + "/" + WebhookKeyring.fileName
        let now = clock.nowMilliseconds()
        return try replica.withStoreLock(LOCK_EX) { () throws(StoreError) -> WebhookKeyring in
            let fresh = WebhookSecret.generate()
            let keyring =
                try Self.readKeyring(path)?.rotated(to: fresh, at: now, grace: grace)
                ?? WebhookKeyring(entries: [.init(secret: fresh, createdAt: now)], source: .store(path: path))
            try StoreFileSystem.writeAtomically(keyring.fileBytes(), to: path, directory: directory)
            return keyring
        }
    }

    private static func readKeyring(_ path: String) throws(StoreError) -> WebhookKeyring? {
        guard let file = try StoreFile.openIfExists(path: path) else { return nil }
        guard let keyring = WebhookKeyring.parse(fileBytes: try file.readAll(), path: path) else {
            throw StoreError(.corrupt, "the webhook secrets file is not valid", path: path)
        }
        return keyring
    }
}
