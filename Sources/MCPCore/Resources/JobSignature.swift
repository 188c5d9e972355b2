/// What of a job its resources show: a change here is a transition worth notifying (a lease
/// heartbeat is not).
struct JobSignature: Sendable, Equatable {
    struct PhaseMark: Sendable, Equatable {
        var status: PhaseStatus
        var attempts: Int
        var errorCode: String?
    }

    var status: JobStatus
    var progressPercent: Int
    var phases: [Phase: PhaseMark]
    var errorCode: String?
    /// The running phases' last reported progress: a streaming model phase shows motion.
    var progressMessage: String?

    init(_ job: Job) {
        status = job.status
        progressPercent = job.progressPercent
        var phases: [Phase: PhaseMark] = [:]
        for (phase, state) in job.phases {
            phases[phase] = PhaseMark(status: state.status, attempts: state.attempts, errorCode: state.error?.code)
        }
        self.phases = phases
        errorCode = job.error?.code
        progressMessage = job.progressMessage
    }
}
