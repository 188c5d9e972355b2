/// Where one phase of a job is.
///
/// `skipped` marks a phase that will not run because a phase it depends on failed (or the job
/// failed before it could start); `cancelled` a phase stopped by a cancel or by its job failing.
public enum PhaseStatus: String, Sendable, Hashable, CaseIterable {
    case pending, running, completed, failed, skipped, cancelled

    /// Whether the phase will not change again (unless its job is retried).
    public var isFinished: Bool {
        switch self {
        case .pending, .running: false
        case .completed, .failed, .skipped, .cancelled: true
        }
    }
}
