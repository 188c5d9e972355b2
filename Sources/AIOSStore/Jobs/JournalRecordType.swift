/// The `type` of a journal record, as written: one list for the encoder (`JobEvent.type`) and
/// the decoders.
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
