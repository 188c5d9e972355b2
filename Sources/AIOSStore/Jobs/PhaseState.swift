/// The state of one phase of a job.
public struct PhaseState: Sendable, Hashable {
    public var status: PhaseStatus = .pending
    /// When the phase first started, in Unix milliseconds.
    public var startedAt: Int64?
    /// When the phase finished (completed, failed, skipped or cancelled), in Unix milliseconds.
    public var finishedAt: Int64?
    /// How many times the phase has been started.
    public var attempts: Int = 0
    /// How many attempts failed since the job was submitted or last retried; bounds the retries.
    public var failures: Int = 0
    /// The last failure, kept while a retry waits and after the phase fails for good.
    public var error: JobFailure?
    /// When a failed attempt may be retried, in Unix milliseconds; `nil` when no retry waits.
    public var retryAt: Int64?
    /// The artifact of a completed phase.
    public var artifact: ArtifactReference?
    /// The running attempt's last recorded progress; `nil` unless the phase is running.
    public var progress: PhaseProgress?

    public init() {}

    /// Milliseconds between the first start and the finish, once both are known.
    public var durationMilliseconds: Int64? {
        guard let startedAt, let finishedAt else { return nil }
        return max(0, finishedAt - startedAt)
    }
}
