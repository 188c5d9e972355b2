/// The journal payloads of webhook records.
extension WebhookEvent {
    /// Adds the record's members to a journal object that already holds `type`.
    package func encode(into object: inout JSONObject) {
        switch self {
        case .claimed(let job, let delivery, let at, let worker, let attempt, let expires):
            object[.jobID] = .string(job.rawValue)
            object[.deliveryID] = .string(delivery)
            object[.at] = .int(at)
            object[.worker] = .string(worker)
            object[.attempt] = .integer(attempt)
            object[.leaseExpiresAt] = .int(expires)
        case .attempted(let job, let delivery, let at, let outcome):
            object[.jobID] = .string(job.rawValue)
            object[.deliveryID] = .string(delivery)
            object[.at] = .int(at)
            object[.attempt] = .integer(outcome.attempt)
            object[.statusCode] = outcome.statusCode.map { .integer($0) } ?? .null
            object[.latencyMilliseconds] = outcome.latencyMilliseconds.map { .int($0) } ?? .null
            object[.error] = .optional(outcome.error)
            object[.delivered] = .bool(outcome.delivered)
            object[.nextAttemptAt] = outcome.nextAttemptAt.map { .int($0) } ?? .null
        }
    }
}
