import Testing
@testable import AIOSStore
@testable import MCPCore

/// A store in a temporary directory and the server features of `aios-mcp` over it.
struct MCPFeatureFixture {
    let directory: TemporaryDirectory
    let store: JobStore
    let watcher: JobWatcher
    let features: ServerFeatures

    init() async throws {
        directory = TemporaryDirectory()
        store = try await JobStore.open(at: directory.store)
        watcher = JobWatcher(store: store)
        let tools = ToolRegistry(AgentTools.make() + JobTools.make(store: store))
        features = ServerFeatures(
            tools: tools, resources: JobResources(store: store, watcher: watcher),
            prompts: PromptRegistry(AgentPrompts.make(store: store)), tasks: JobTasks(store: store, watcher: watcher),
            services: [watcher])
    }

    /// Another process's view of the same store: its own `JobStore` on the directory.
    func otherProcess() async throws -> JobStore { try await JobStore.open(at: directory.store) }

    /// Submits a job directly (as `aiosctl submit` would).
    func submit(_ spec: String = "Yoga studios publish classes; members book classes and cancel their bookings; teachers see who booked their classes.", phases: [Phase] = Phase.allCases, on store: JobStore? = nil)
        async throws -> Job
    {
        try await (store ?? self.store).submit(JobSubmission(request: ["spec": .string(spec)], phases: phases)).job
    }

    /// Runs a job to its end with the builtin engine, from another store instance.
    func run(_ id: JobID) async throws -> Job {
        var options = WorkerOptions()
        options.name = "test-worker"
        return try await WorkerPool(store: try await otherProcess(), options: options, executor: EngineExecutor.make()).runJob(id)
    }

    func remove() { directory.remove() }

    static let taskEnvelope: JSONValue = [
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": ["extensions": ["io.modelcontextprotocol/tasks": [:]]],
    ]
}
