/// How a pipeline job looks as an MCP task: its status, message, lifetime, and the tool result
/// the task-augmented `aios_full_pipeline` call finally returns.
public struct JobTaskRendering: Sendable {
    /// How long finished jobs are kept (the store's retention).
    public var retention: Duration
    /// The polling interval suggested to clients.
    public var pollInterval: Duration

    public init(retention: Duration = .seconds(7 * 24 * 3600), pollInterval: Duration = .seconds(1)) {
        self.retention = retention
        self.pollInterval = pollInterval
    }

    /// The task for `job`.
    ///
    /// Queued and running jobs are `working`. A completed job completes the task with the
    /// pipeline's result: `status: completed` and `resource_link` blocks to the job and each
    /// artifact. A failed job is a tool error result (`isError: true`), which 2025-11-25 shows as
    /// `failed` and the 2026-07-28 extension as `completed`. A cancelled job is `cancelled`.
    public func task(_ job: Job) -> MCPTask {
        let state: MCPTask.State
        switch job.status {
        case .queued, .running:
            state = .working
        case .completed:
            let output = Self.pipelineOutput(job)
            state = .completed(result: ToolResult.success(
                output, presentation: ToolPresentation(text: ArtifactSummary.job(job.statusJSON), links: JobResources.links(job))))
        case .failed:
            let failure = job.error ?? JobFailure(code: AIOSError.Code.agentFailure.rawValue, message: "the job failed")
            state = .completed(result: ToolResult.failure(
                AIOSError(AIOSError.Code(rawValue: failure.code), failure.message, details: ["job_id": .string(job.id.rawValue)]),
                requestID: job.id.rawValue))
        case .cancelled:
            state = .cancelled(result: ToolResult.failure(
                AIOSError(.cancelled, "job \(job.id.rawValue) was cancelled", details: ["job_id": .string(job.id.rawValue)]),
                requestID: job.id.rawValue))
        }
        // A finished job is kept `retention` after it finished; an unfinished one at least that
        // long after its last change, so this is a lower bound that grows while it runs.
        let ttl = (job.finishedAt ?? job.updatedAt) - job.createdAt + retention.wholeMilliseconds
        return MCPTask(
            id: job.id.rawValue, state: state, statusMessage: Self.statusMessage(job),
            createdAt: RFC3339Timestamp.format(milliseconds: job.createdAt),
            lastUpdatedAt: RFC3339Timestamp.format(milliseconds: job.updatedAt), ttlMilliseconds: ttl,
            pollIntervalMilliseconds: pollInterval.wholeMilliseconds)
    }

    /// The pipeline tool's structured output for the job as it is now.
    static func pipelineOutput(_ job: Job) -> JSONObject {
        [
            "job_id": .string(job.id.rawValue),
            "status": .string(job.status.rawValue),
            "phases_queued": .strings(job.requestedPhases.map(\.rawValue)),
            "estimated_duration_seconds": .double(JobTools.estimatedSeconds(job.requestedPhases)),
            "status_uri": .string(JobTools.statusURI(job.id)),
        ]
    }

    /// A sentence about where the job is.
    static func statusMessage(_ job: Job) -> String {
        let names = { (status: PhaseStatus) in
            job.requestedPhases.filter { job.phases[$0]?.status == status }.map(\.rawValue).joined(separator: ", ")
        }
        switch job.status {
        case .queued:
            return "Queued: waiting for a worker"
        case .running:
            let running = names(.running)
            return (running.isEmpty ? "Running" : "Running \(running)") + " (\(job.progressPercent)% done)"
                + (job.progressMessage.map { ": \($0)" } ?? "")
        case .completed:
            return "Completed: \(names(.completed))"
        case .failed:
            return "Failed: " + (job.error?.message ?? "a phase failed")
        case .cancelled:
            return "Cancelled"
        }
    }
}
