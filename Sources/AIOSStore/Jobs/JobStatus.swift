/// Where a job is in its lifecycle: `queued` → `running` → `completed` | `failed` | `cancelled`.
public enum JobStatus: String, Sendable, Hashable, CaseIterable {
    case queued, running, completed, failed, cancelled

    /// Whether the job has finished; workers never move a finished job again.
    public var isTerminal: Bool {
        switch self {
        case .queued, .running: false
        case .completed, .failed, .cancelled: true
        }
    }
}
