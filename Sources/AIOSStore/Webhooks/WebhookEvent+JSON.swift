/// The journal payloads of webhook records.
extension WebhookEvent {
    /// Adds the record's members to a journal object that already holds `type`.
    package func encode(into object: inout JSONObject) {
        switch self {
        case .claimed(let job, let delivery, let at, let worker, let attempt, let expires):
            object["job_id"] = .string(job.rawValue)
            object["delivery_id"] = .string(delivery)
            object["at"] = .int(at)
            object["worker"] = .string(worker)
            object["attempt"] = .integer(attempt)
            object["lease_expires_at"] = .int(expires)
        case .attempted(let job, let delivery, let at, let outcome):
            object["job_id"] = .string(job.rawValue)
            object["delivery_id"] = .string(delivery)
            object["at"] = .int(at)
            object["attempt"] = .integer(outcome.attempt)
            object["status_code"] = outcome.statusCode.map { .integer($0) } ?? .null
            object["latency_ms"] = outcome.latencyMilliseconds.map { .int($0) } ?? .null
            object["error"] = .optional(outcome.error)
            object["delivered"] = .bool(outcome.delivered)
            object["next_attempt_at"] = outcome.nextAttemptAt.map { .int($0) } ?? .null
        }
    }
}
