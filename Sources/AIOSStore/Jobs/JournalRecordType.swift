import AIOSJSON

/// The `type` of a journal record, as written: one list for the encoder (`JobEvent.type`) and
/// the decoders; `members` lists what each record holds.
enum JournalRecordType: String, CaseIterable {
    case submitted = "job.submitted"
    case claimed = "job.claimed"
    case heartbeat = "job.heartbeat"
    case phaseStarted = "phase.started"
    case phaseCompleted = "phase.completed"
    case phaseFailed = "phase.failed"
    case released = "job.released"
    case failed = "job.failed"
    case cancelled = "job.cancelled"
    case retried = "job.retried"
    case deleted = "job.deleted"
    case sealed = "store.sealed"
    case webhookClaimed = "webhook.claimed"
    case webhookAttempted = "webhook.attempted"
    case phaseProgress = "phase.progress"
}

extension JournalRecordType {
    /// The members a record of this type is written with, in order (`type` first; the
    /// submission's `request` last, spliced in as it was submitted). Optional members that are
    /// absent rather than `null` when empty: `owner`, and `details` inside an `error`.
    /// `StoreCodecGoldenTests` checks the encoder writes exactly these.
    var members: [JournalMember] {
        switch self {
        case .submitted: [.type, .jobID, .at, .phases, .idempotencyKey, .webhookURL, .owner, .request]
        case .claimed: [.type, .jobID, .at, .worker, .leaseExpiresAt, .stallCount]
        case .heartbeat: [.type, .jobID, .at, .worker, .leaseExpiresAt]
        case .phaseStarted: [.type, .jobID, .phase, .at, .attempt]
        case .phaseProgress: [.type, .jobID, .phase, .at, .percent, .message]
        case .phaseCompleted: [.type, .jobID, .phase, .at, .artifact]
        case .phaseFailed: [.type, .jobID, .phase, .at, .attempt, .error, .retryAt]
        case .released: [.type, .jobID, .at, .worker]
        case .failed: [.type, .jobID, .at, .error]
        case .cancelled, .retried, .deleted: [.type, .jobID, .at]
        case .sealed: [.type, .nextGeneration]
        case .webhookClaimed: [.type, .jobID, .deliveryID, .at, .worker, .attempt, .leaseExpiresAt]
        case .webhookAttempted:
            [.type, .jobID, .deliveryID, .at, .attempt, .statusCode, .latencyMilliseconds, .error, .delivered, .nextAttemptAt]
        }
    }
}

/// Every member a journal record may have, as written: the one list of the journal's keys, which
/// the encoder (`JobEvent.serialized`, `WebhookEvent.encode`) writes and the decoder
/// (`JournalRecordDecoder`) matches. `JournalRecordType.members` says which each record has.
enum JournalMember: Int, CaseIterable {
    case type, jobID, at, request, phases, idempotencyKey, webhookURL, owner, worker, leaseExpiresAt, stallCount,
        phase, attempt, artifact, error, retryAt, nextGeneration, deliveryID, statusCode, latencyMilliseconds,
        delivered, nextAttemptAt, percent, message

    var name: String {
        switch self {
        case .type: "type"
        case .jobID: "job_id"
        case .at: "at"
        case .request: "request"
        case .phases: "phases"
        case .idempotencyKey: "idempotency_key"
        case .webhookURL: "webhook_url"
        case .owner: "owner"
        case .worker: "worker"
        case .leaseExpiresAt: "lease_expires_at"
        case .stallCount: "stall_count"
        case .phase: "phase"
        case .attempt: "attempt"
        case .artifact: "artifact"
        case .error: "error"
        case .retryAt: "retry_at"
        case .nextGeneration: "next_generation"
        case .deliveryID: "delivery_id"
        case .statusCode: "status_code"
        case .latencyMilliseconds: "latency_ms"
        case .delivered: "delivered"
        case .nextAttemptAt: "next_attempt_at"
        case .percent: "percent"
        case .message: "message"
        }
    }
}

extension JSONObject {
    /// A journal record's member, by its name in `JournalMember`.
    subscript(member: JournalMember) -> JSONValue? {
        get { self[member.name] }
        set { self[member.name] = newValue }
    }
}
