/// One webhook message for one ending of a job: written to the store's outbox by the very
/// journal record that ended the job, then attempted until delivered or given up.
///
/// Its content is fixed when it is created, so every attempt sends the same body with the same
/// `webhook-id`; only the timestamp and signatures change between attempts.
public struct WebhookDelivery: Sendable, Hashable {
    /// The Standard Webhooks `webhook-id`: `msg_` + the job id's characters + `_` + the ordinal
    /// of this ending (a retried job that ends again gets a second delivery).
    public var id: String
    public var jobID: JobID
    public var url: String
    public var event: WebhookEventType
    /// The job's status when it ended.
    public var jobStatus: JobStatus
    public var phasesCompleted: [Phase]
    /// From submission to the end of the job.
    public var durationMilliseconds: Int64
    /// When the job ended, in Unix milliseconds (the payload's `timestamp`).
    public var endedAt: Int64
    public var state: WebhookDeliveryState = .pending
    public var attempts: [WebhookAttempt] = []
    /// When the next attempt is due, while `pending`.
    public var nextAttemptAt: Int64?
    /// The worker delivering it, while `delivering`.
    public var lease: JobLease?
    /// When it was delivered or given up.
    public var finishedAt: Int64?

    public init(
        id: String, jobID: JobID, url: String, event: WebhookEventType, jobStatus: JobStatus, phasesCompleted: [Phase],
        durationMilliseconds: Int64, endedAt: Int64
    ) {
        self.id = id
        self.jobID = jobID
        self.url = url
        self.event = event
        self.jobStatus = jobStatus
        self.phasesCompleted = phasesCompleted
        self.durationMilliseconds = durationMilliseconds
        self.endedAt = endedAt
        self.nextAttemptAt = endedAt
    }

    /// The request body (SPEC §6): `event`, `job_id`, `status`, `phases_completed`,
    /// `artifact_uris`, `duration_ms`, `timestamp`, as compact JSON, the same on every attempt.
    ///
    /// - Parameter graph: The store's phases, which name `phasesCompleted`.
    public func body(graph: PhaseGraph) -> [UInt8] {
        JSONValue.object([
            "event": .string(event.rawValue),
            "job_id": .string(jobID.rawValue),
            "status": .string(jobStatus.rawValue),
            "phases_completed": .strings(phasesCompleted.map(graph.name(of:))),
            "artifact_uris": .strings(phasesCompleted.map { "aios://jobs/\(jobID.rawValue)/artifacts/\(graph.name(of: $0))" }),
            "duration_ms": .int(durationMilliseconds),
            "timestamp": .string(RFC3339Timestamp.format(milliseconds: endedAt)),
        ]).serialized()
    }

    /// Whether an attempt may start at `now`: pending and due, or delivering under a lapsed lease.
    func isDue(at now: Int64) -> Bool {
        switch state {
        case .pending: (nextAttemptAt ?? .min) <= now
        case .delivering: (lease?.expiresAt ?? .min) <= now
        case .delivered, .failed: false
        }
    }

    /// The delivery as `aiosctl webhook deliveries --json` and status results show it.
    public var json: JSONObject {
        func time(_ value: Int64?) -> JSONValue { value.map { .string(RFC3339Timestamp.format(milliseconds: $0)) } ?? .null }
        return [
            "id": .string(id),
            "job_id": .string(jobID.rawValue),
            "url": .string(url),
            "event": .string(event.rawValue),
            "state": .string(state.rawValue),
            "attempts": .array(attempts.map(\.json)),
            "next_attempt_at": state == .pending ? time(nextAttemptAt) : .null,
            "finished_at": time(finishedAt),
        ]
    }

    /// The `webhook-id` of the `ordinal`-th ending of job `jobID`.
    static func makeID(jobID: JobID, ordinal: Int) -> String {
        "msg_" + jobID.rawValue.dropFirst(JobID.prefix.count) + "_\(ordinal)"
    }
}
