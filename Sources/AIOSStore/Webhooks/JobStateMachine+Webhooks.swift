/// Decisions about webhook deliveries, made under the store lock like every other transition.
extension JobStateMachine {
    /// Events that claim the delivery due first for `worker`.
    ///
    /// On the way, a delivery whose worker's lease lapsed mid-attempt gets that attempt recorded
    /// as interrupted (and is given up if it was the last one allowed).
    /// - Parameters:
    ///   - now: Unix milliseconds.
    ///   - policy: Attempts and lease duration.
    ///   - only: Consider only this job's deliveries.
    /// - Returns: The events and the claimed delivery's job and id, if any.
    package func claimWebhookDelivery(worker: String, at now: Int64, policy: WebhookRetryPolicy, only: JobID? = nil)
        -> (events: [JobEvent], claimed: (job: JobID, delivery: String)?)
    {
        var candidates: [WebhookDelivery] = []
        for id in only.map({ [$0] }) ?? Array(webhookJobs) {
            guard let job = jobs[id] else { continue }
            candidates += job.webhookDeliveries.filter { $0.isDue(at: now) }
        }
        candidates.sort { ($0.nextAttemptAt ?? $0.lease?.expiresAt ?? 0, $0.id) < ($1.nextAttemptAt ?? $1.lease?.expiresAt ?? 0, $1.id) }
        var events: [JobEvent] = []
        for var delivery in candidates {
            if delivery.state == .delivering, let lease = delivery.lease, let last = delivery.attempts.last {
                let next: Int64? = last.number < policy.maxAttempts ? now : nil
                let outcome = WebhookAttemptOutcome(
                    attempt: last.number, statusCode: nil, latencyMilliseconds: nil,
                    error: "interrupted: worker \(lease.holder) stopped before recording the outcome", delivered: false,
                    nextAttemptAt: next)
                events.append(.webhook(.attempted(job: delivery.jobID, delivery: delivery.id, at: now, outcome: outcome)))
                guard next != nil else { continue }
                delivery.state = .pending
            }
            guard delivery.state == .pending else { continue }
            let attempt = (delivery.attempts.last?.number ?? 0) + 1
            events.append(
                .webhook(
                    .claimed(
                        job: delivery.jobID, delivery: delivery.id, at: now, worker: worker, attempt: attempt,
                        leaseExpiresAt: now + policy.leaseDuration.wholeMilliseconds)))
            return (events, (delivery.jobID, delivery.id))
        }
        return (events, nil)
    }

    /// The event recording the outcome of the attempt `worker` holds.
    ///
    /// - Parameters:
    ///   - report: What the attempt got.
    ///   - now: Unix milliseconds.
    ///   - fraction: A random number in 0...1 for the backoff jitter.
    /// - Throws: `JobTransitionError` `.leaseLost` when the worker no longer holds the delivery
    ///   (its lease lapsed and another worker took over), `.notFound` for an unknown delivery.
    package func recordWebhookAttempt(
        job id: JobID, delivery deliveryID: String, worker: String, report: WebhookAttemptReport, at now: Int64,
        policy: WebhookRetryPolicy, fraction: Double
    ) throws(JobTransitionError) -> JobEvent {
        guard let job = jobs[id], let delivery = job.webhookDeliveries.first(where: { $0.id == deliveryID }) else {
            throw JobTransitionError(.notFound, jobID: id, message: "no webhook delivery \(deliveryID)")
        }
        guard delivery.state == .delivering, delivery.lease?.holder == worker, let attempt = delivery.attempts.last else {
            throw JobTransitionError(
                .leaseLost, jobID: id,
                message: "worker \(worker) no longer holds webhook delivery \(deliveryID) (\(delivery.state.rawValue))")
        }
        let delivered = report.statusCode.map { (200..<300).contains($0) } ?? false
        var next: Int64?
        var error = report.error
        if !delivered {
            if report.statusCode == 410 {
                error = error ?? "410 Gone: the receiver asked for no more deliveries"
            } else if report.isInterrupted {
                next = attempt.number < policy.maxAttempts ? now : nil
            } else if !report.isPermanent {
                next = policy.nextAttemptAt(
                    afterAttempt: attempt.number, now: now, retryAfterMilliseconds: report.retryAfterMilliseconds, fraction: fraction)
            }
            if error == nil, let status = report.statusCode { error = "HTTP \(status)" }
        }
        let outcome = WebhookAttemptOutcome(
            attempt: attempt.number, statusCode: report.statusCode, latencyMilliseconds: report.latencyMilliseconds,
            error: delivered ? nil : error, delivered: delivered, nextAttemptAt: next)
        return .webhook(.attempted(job: id, delivery: deliveryID, at: now, outcome: outcome))
    }

    /// Deliveries not yet delivered or given up, how many of them may be attempted at `now`,
    /// and when the next of the others becomes due.
    package func webhookBacklog(at now: Int64) -> WebhookBacklog {
        var backlog = WebhookBacklog()
        for id in webhookJobs {
            for delivery in jobs[id]?.webhookDeliveries ?? [] where !delivery.state.isFinal {
                backlog.unfinished += 1
                if delivery.isDue(at: now) {
                    backlog.due += 1
                } else if let at = delivery.state == .pending ? delivery.nextAttemptAt : delivery.lease?.expiresAt {
                    backlog.nextDueAt = min(backlog.nextDueAt ?? at, at)
                }
            }
        }
        return backlog
    }
}
