/// MCP tasks backed by the durable job store: a task is a pipeline job, its id the job id.
///
/// Only `aios_full_pipeline` runs as a task (`taskSupport: optional`): it is the one tool whose
/// work is a durable job, so its task outlives the server process (any `aios-mcp` on the same
/// store can report and finish it). The agent tools answer in milliseconds with the builtin
/// engine and their inputs (caller-supplied parent artifacts) are not jobs, and the status and
/// artifact tools only read; none of them would gain from a task.
public struct JobTasks: TaskBackend {
    /// The tools that can run as tasks.
    public static let taskTools: Set<String> = ["aios_full_pipeline"]

    private let store: any JobStoreBackend
    private let watcher: JobWatcher
    private let rendering: JobTaskRendering
    private let access: JobAccess

    public init(store: any JobStoreBackend, watcher: JobWatcher, rendering: JobTaskRendering = JobTaskRendering(), access: JobAccess = .unrestricted) {
        self.store = store
        self.watcher = watcher
        self.rendering = rendering
        self.access = access
    }

    public func taskSupport(forTool name: String) -> TaskSupport {
        Self.taskTools.contains(name) ? .optional : .forbidden
    }

    public func start(_ tool: Tool, arguments: JSONObject, context: RequestContext) async throws -> MCPTask {
        // The pipeline tool submits the job durably and returns its id.
        let output = try await tool.handler(arguments, context)
        guard let text = output["job_id"]?.stringValue, let id = try? JobID(validating: text), let job = try await store.job(id) else {
            throw AIOSError(.internalError, "\(tool.name) did not create a job")
        }
        return rendering.task(job)
    }

    public func task(_ id: String, context: RequestContext) async throws -> MCPTask? {
        try await job(id, operation: "tasks/get").map(rendering.task)
    }

    public func tasks(cursor: JSONValue?, context: RequestContext) async throws -> (tasks: [MCPTask], nextCursor: String?) {
        let after = try Pagination.key(from: cursor, isValidKey: { (try? JobID(validating: $0))?.rawValue == $0 })
        let caller = try await access.caller(operation: "tasks/list")
        let jobs = JobAccess.visible(try await store.jobs(limit: .max), to: caller)
        let page = Pagination.page(jobs, key: \.id.rawValue, after: after, resumesAfterMissingKey: JobResources.createdBefore(after))
        return (page.items.map(rendering.task), page.next)
    }

    public func cancel(_ id: String, context: RequestContext) async throws -> MCPTask? {
        guard let job = try await job(id, scope: .jobsWrite, operation: "tasks/cancel") else { return nil }
        guard !job.status.isTerminal else { throw Self.terminal(job) }
        do {
            let cancelled = try await store.cancel(job.id)
            context.logger.info("task cancelled", ["job.id": .string(job.id.rawValue)])
            return rendering.task(cancelled)
        } catch let error as AIOSError where error.code != .jobNotFound {
            // It finished between our read and the cancel.
            guard let now = try await store.job(job.id) else { return nil }
            throw Self.terminal(now)
        }
    }

    public func waitUntilFinished(_ id: String, context: RequestContext) async throws -> MCPTask? {
        guard let jobID = try await job(id, operation: "tasks/result")?.id else { return nil }
        while true {
            let version = try await store.version()
            guard let job = try await store.job(jobID) else { return nil }
            if job.status.isTerminal {
                context.progress.report(100, total: 100, message: JobTaskRendering.statusMessage(job))
                return rendering.task(job)
            }
            context.progress.report(Double(job.progressPercent), total: 100, message: JobTaskRendering.statusMessage(job))
            _ = try await store.waitForChange(after: version, timeout: .seconds(30))
            try Task.checkCancellation()
        }
    }

    public func watch(_ id: String) async {
        guard let jobID = try? JobID(validating: id) else { return }
        await watcher.watch(jobID, .task)
    }

    public func unwatch(_ id: String) {
        guard let jobID = try? JobID(validating: id) else { return }
        watcher.unwatch(jobID, .task)
    }

    /// The job behind a task id, when the caller may see it.
    private func job(_ id: String, scope: APIKeyScope = .jobsRead, operation: String) async throws -> Job? {
        guard let jobID = try? JobID(validating: id), jobID.rawValue == id else { return nil }
        let caller = try await access.caller(scope, operation: operation)
        return JobAccess.visible(try await store.job(jobID), to: caller)
    }

    private static func terminal(_ job: Job) -> JSONRPCError {
        let status = job.status == .failed ? "failed" : job.status.rawValue
        return .invalidParams(
            "Cannot cancel task: already in terminal status '\(status)'",
            data: ["taskId": .string(job.id.rawValue), "status": .string(status)])
    }
}
