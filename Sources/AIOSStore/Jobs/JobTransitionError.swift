/// A transition the job state machine refuses, e.g. cancelling a finished job, or a worker
/// writing to a job whose lease another worker now holds.
public struct JobTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        /// No job has this id (never submitted, or collected by retention).
        case notFound = "not_found"
        /// The job is completed, failed or cancelled; only `retry` moves a failed or cancelled job.
        case terminal
        /// The caller does not hold the job's lease (never did, or the job was reclaimed).
        case leaseLost = "lease_lost"
        /// The job or phase is not in a state this transition starts from.
        case invalidState = "invalid_state"
    }

    public var reason: Reason
    public var jobID: JobID?
    /// The job's status when the transition was refused.
    public var status: JobStatus?
    public var message: String

    public init(_ reason: Reason, jobID: JobID?, status: JobStatus? = nil, message: String) {
        self.reason = reason
        self.jobID = jobID
        self.status = status
        self.message = message
    }

    public var description: String { message }

    /// The product error for this refusal: `JOB_NOT_FOUND`, `CANCELLED` for a cancelled job,
    /// `INVALID_INPUT` otherwise, with `details` {job_id, status, reason}.
    public var aiosError: AIOSError {
        let code: AIOSError.Code =
            switch reason {
            case .notFound: .jobNotFound
            case .terminal where status == .cancelled: .cancelled
            default: .invalidInput
            }
        var details: JSONObject = ["reason": .string(reason.rawValue)]
        if let jobID { details["job_id"] = .string(jobID.rawValue) }
        if let status { details["status"] = .string(status.rawValue) }
        return AIOSError(code, message, details: .object(details))
    }
}
