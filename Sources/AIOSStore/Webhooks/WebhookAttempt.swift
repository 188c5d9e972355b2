/// One attempt to deliver a webhook, as recorded in the store.
public struct WebhookAttempt: Sendable, Hashable {
    /// 1 for the first attempt.
    public var number: Int
    /// The worker that made it.
    public var worker: String
    /// When it was claimed, in Unix milliseconds.
    public var startedAt: Int64
    /// When its outcome was recorded; `nil` while in flight.
    public var finishedAt: Int64?
    /// The receiver's HTTP status, when it answered.
    public var statusCode: Int?
    /// Time from sending the request to the response (or the failure).
    public var latencyMilliseconds: Int64?
    /// What went wrong: a non-2xx answer, a timeout, a refused address, an interrupted worker.
    public var error: String?

    public init(number: Int, worker: String, startedAt: Int64) {
        self.number = number
        self.worker = worker
        self.startedAt = startedAt
    }

    /// `{number, started_at, finished_at, status_code, latency_ms, error}` with RFC 3339 times.
    public var json: JSONValue {
        [
            "number": .integer(number),
            "started_at": .string(RFC3339Timestamp.format(milliseconds: startedAt)),
            "finished_at": finishedAt.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null,
            "status_code": statusCode.map { .integer($0) } ?? .null,
            "latency_ms": latencyMilliseconds.map { .int($0) } ?? .null,
            "error": .optional(error),
            "worker": .string(worker),
        ]
    }
}
