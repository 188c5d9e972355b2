/// What health checks, metrics and statistics need of a job: status, times, lease and phases,
/// without its request (which `Job` parses and these never read).
public struct JobObservation: Sendable {
    public var id: JobID
    public var status: JobStatus
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var lease: JobLease?
    /// The requested phases in graph order, with their state.
    public var phases: [(phase: Phase, state: PhaseState)]

    package init(record: JobRecord) {
        id = record.id
        status = record.status
        createdAt = record.createdAt
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        lease = record.lease
        phases = record.requestedPhases.map { ($0, record[$0]) }
    }
}
