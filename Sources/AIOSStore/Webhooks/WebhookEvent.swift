/// A journal record about a webhook delivery. The delivery itself is created by the record that
/// ends its job (see `JobStateMachine.apply(_:)`); these record what happens to it after.
package enum WebhookEvent: Sendable, Hashable {
    /// `webhook.claimed`: `worker` starts attempt `attempt` and holds the delivery until
    /// `leaseExpiresAt`.
    case claimed(job: JobID, delivery: String, at: Int64, worker: String, attempt: Int, leaseExpiresAt: Int64)
    /// `webhook.attempted`: the outcome of an attempt (also written for an attempt whose worker
    /// vanished, by the worker that takes the delivery over).
    case attempted(job: JobID, delivery: String, at: Int64, outcome: WebhookAttemptOutcome)

    var jobID: JobID {
        switch self {
        case .claimed(let job, _, _, _, _, _), .attempted(let job, _, _, _): job
        }
    }

    var type: String {
        switch self {
        case .claimed: JournalRecordType.webhookClaimed.rawValue
        case .attempted: JournalRecordType.webhookAttempted.rawValue
        }
    }

    /// Applies the event to the job holding the delivery.
    ///
    /// - Throws: `JobTransitionError` when the delivery or attempt does not exist: a journal
    ///   that says so is inconsistent.
    func apply(to job: inout JobRecord) throws(JobTransitionError) {
        let deliveryID: String
        switch self {
        case .claimed(_, let id, _, _, _, _), .attempted(_, let id, _, _): deliveryID = id
        }
        guard let index = job.webhookDeliveries.firstIndex(where: { $0.id == deliveryID }) else {
            throw JobTransitionError(.notFound, jobID: job.id, message: "\(type) for unknown delivery \(deliveryID)")
        }
        var delivery = job.webhookDeliveries[index]
        switch self {
        case .claimed(_, _, let at, let worker, let attempt, let expires):
            delivery.state = .delivering
            delivery.lease = JobLease(holder: worker, expiresAt: expires)
            delivery.nextAttemptAt = nil
            delivery.attempts.append(WebhookAttempt(number: attempt, worker: worker, startedAt: at))
        case .attempted(_, _, let at, let outcome):
            guard let attemptIndex = delivery.attempts.lastIndex(where: { $0.number == outcome.attempt }) else {
                throw JobTransitionError(
                    .notFound, jobID: job.id, message: "webhook.attempted for unknown attempt \(outcome.attempt) of \(deliveryID)")
            }
            delivery.attempts[attemptIndex].finishedAt = at
            delivery.attempts[attemptIndex].statusCode = outcome.statusCode
            delivery.attempts[attemptIndex].latencyMilliseconds = outcome.latencyMilliseconds
            delivery.attempts[attemptIndex].error = outcome.error
            delivery.lease = nil
            if outcome.delivered {
                delivery.state = .delivered
                delivery.finishedAt = at
            } else if let next = outcome.nextAttemptAt {
                delivery.state = .pending
                delivery.nextAttemptAt = next
            } else {
                delivery.state = .failed
                delivery.finishedAt = at
            }
        }
        job.webhookDeliveries[index] = delivery
    }
}
