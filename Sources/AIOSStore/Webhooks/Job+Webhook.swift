/// The webhook part of a job's status.
extension Job {
    /// `{id, state, event, attempts, last_attempt, next_attempt_at, finished_at}` for the latest
    /// delivery; `state` is `waiting` (with `id` and `event` null) while the job has not ended
    /// since its last delivery. `nil` when the job has no webhook URL.
    public var webhookStatusJSON: JSONObject? {
        guard webhookURL != nil else { return nil }
        func time(_ value: Int64?) -> JSONValue { value.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null }
        guard status.isTerminal, let delivery = webhookDeliveries.last else {
            return [
                "id": .null, "state": "waiting", "event": .null, "attempts": 0, "last_attempt": .null,
                "next_attempt_at": .null, "finished_at": .null,
            ]
        }
        let last = delivery.attempts.last
        return [
            "id": .string(delivery.id),
            "state": .string(delivery.state.rawValue),
            "event": .string(delivery.event.rawValue),
            "attempts": .integer(delivery.attempts.count),
            "last_attempt": last.map { attempt in
                .object([
                    "at": time(attempt.finishedAt ?? attempt.startedAt),
                    "status_code": attempt.statusCode.map { .integer($0) } ?? .null,
                    "latency_ms": attempt.latencyMilliseconds.map { .int($0) } ?? .null,
                    "error": .optional(attempt.error),
                ])
            } ?? .null,
            "next_attempt_at": delivery.state == .pending ? time(delivery.nextAttemptAt) : .null,
            "finished_at": time(delivery.finishedAt),
        ]
    }
}
