/// One fact recorded in the journal. The store's state is the fold of these, in order, through
/// `JobStateMachine.apply(_:)`; they are decided by the state machine under the store lock, so
/// replaying them never needs the clock or the options of the process that wrote them.
package enum JobEvent: Sendable, Hashable {
    /// `job.submitted`: a new queued job, created by the API key `owner` (`nil`: the store's owner).
    case submitted(
        id: JobID, at: Int64, request: [UInt8], phases: PhaseSet, idempotencyKey: String?, webhookURL: String?,
        owner: String? = nil)
    /// `job.claimed`: a worker took the job (again, after a stall, when `stallCount` grew).
    case claimed(id: JobID, at: Int64, worker: String, leaseExpiresAt: Int64, stallCount: Int)
    /// `job.heartbeat`: the holder renewed its lease.
    case heartbeat(id: JobID, at: Int64, worker: String, leaseExpiresAt: Int64)
    /// `phase.started`: attempt number `attempt` of a phase began.
    case phaseStarted(id: JobID, phase: Phase, at: Int64, attempt: Int)
    /// `phase.progress`: how far the running attempt of a phase is (`percent` of the phase, 0...100).
    case phaseProgress(id: JobID, phase: Phase, at: Int64, percent: Int, message: String)
    /// `phase.completed`: the phase's artifact is durable at `artifact`; completes the job when it was the last.
    case phaseCompleted(id: JobID, phase: Phase, at: Int64, artifact: ArtifactReference)
    /// `phase.failed`: an attempt failed; retried at `retryAt`, or, when `nil`, the phase and its job fail.
    case phaseFailed(id: JobID, phase: Phase, at: Int64, attempt: Int, error: JobFailure, retryAt: Int64?)
    /// `job.released`: the holder gave the job back (shutdown); it is queued again at once.
    case released(id: JobID, at: Int64, worker: String)
    /// `job.failed`: the job failed as a whole (timeout, stall limit).
    case failed(id: JobID, at: Int64, error: JobFailure)
    /// `job.cancelled`: a cancel request; the holder stops when it next looks.
    case cancelled(id: JobID, at: Int64)
    /// `job.retried`: a failed or cancelled job is queued again, keeping its completed phases.
    case retried(id: JobID, at: Int64)
    /// `job.deleted`: retention collected the job.
    case deleted(id: JobID, at: Int64)
    /// `store.sealed`: compaction finished this journal; continue with generation `next`.
    case sealed(next: UInt64)
    /// `webhook.claimed`, `webhook.attempted`: the progress of a job's webhook delivery.
    case webhook(WebhookEvent)

    package var jobID: JobID? {
        switch self {
        case .submitted(let id, _, _, _, _, _, _), .claimed(let id, _, _, _, _), .heartbeat(let id, _, _, _),
            .phaseStarted(let id, _, _, _), .phaseProgress(let id, _, _, _, _), .phaseCompleted(let id, _, _, _), .phaseFailed(let id, _, _, _, _, _),
            .released(let id, _, _), .failed(let id, _, _), .cancelled(let id, _), .retried(let id, _),
            .deleted(let id, _):
            id
        case .webhook(let event): event.jobID
        case .sealed: nil
        }
    }

    /// The record type as written in the journal, e.g. `job.submitted`.
    package var type: String {
        let type: JournalRecordType
        switch self {
        case .submitted: type = .submitted
        case .claimed: type = .claimed
        case .heartbeat: type = .heartbeat
        case .phaseStarted: type = .phaseStarted
        case .phaseProgress: type = .phaseProgress
        case .phaseCompleted: type = .phaseCompleted
        case .phaseFailed: type = .phaseFailed
        case .released: type = .released
        case .failed: type = .failed
        case .cancelled: type = .cancelled
        case .retried: type = .retried
        case .deleted: type = .deleted
        case .sealed: type = .sealed
        case .webhook(let event): return event.type
        }
        return type.rawValue
    }
}
