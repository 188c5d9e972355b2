import MCPCore
#if canImport(Glibc)
import Glibc
#endif

// aios-mcp: the MCP server over stdio. Stdout carries protocol frames and nothing else;
// every diagnostic goes to stderr through the logger.

signal(SIGPIPE, SIG_IGN)

let environment = Environment.current()
let configuration: Configuration
do {
    configuration = try Configuration.fromEnvironment(environment)
} catch {
    Logger(label: "aios-mcp", handler: StderrLogHandler(format: .text)).error("invalid configuration", ["error": .string(error.description)])
    exit(ExitCode.usage.rawValue)
}
let logger = configuration.makeLogger(label: "aios-mcp")

let store: JobStore
do {
    store = try await JobStore.open(at: try StoreLocation.resolve(environment: environment))
} catch {
    logger.critical("cannot open the job store; 'aiosctl store verify' examines it", ["error": .string(String(describing: error))])
    exit(ExitCode.storeError.rawValue)
}

// API keys, scopes and rate limits (AIOS_AUTH, AIOS_API_KEY), shared with every process on the store.
let gate = KeyGate.open(
    directory: store.directory, mode: configuration.authMode, apiKey: environment["AIOS_API_KEY"], logger: logger)
if let warning = gate.startupWarning { logger.warning("API key problem", ["problem": .string(warning)]) }

let tools: ToolRegistry
do {
    tools = ToolRegistry(try AgentTools.make() + JobTools.make(store: store), gate: gate)
} catch {
    logger.critical("tool schemas failed to compile", ["error": .string(String(describing: error))])
    exit(ExitCode.failure.rawValue)
}

let watcher = JobWatcher(store: store, logger: logger)
let access = JobAccess(gate: gate)
let features = ServerFeatures(
    tools: tools, resources: JobResources(store: store, watcher: watcher, access: access),
    prompts: PromptRegistry(AgentPrompts.make(store: store, access: access)),
    tasks: JobTasks(store: store, watcher: watcher, access: access),
    services: [watcher])

let server = MCPServer(
    configuration: .init(
        name: "aios", title: "aios — product team agents", version: AIOSVersion.current,
        instructions: "aios is a product team behind one connection: @pm (aios_strategize), @architect (aios_design_architecture), @ux-design-expert (aios_design_ux) and @dev (aios_generate_code). Start from a product brief with aios_strategize and pass each output to the next tool, or run all four as a durable job with aios_full_pipeline and poll aios_get_status.",
        logger: logger),
    features: features)

// The worker pool runs beside the server: jobs submitted here or by any other process
// sharing the store are executed. On shutdown its jobs are released, left resumable.
var workerOptions = WorkerOptions()
workerOptions.concurrency = configuration.workers
// Webhooks of ended jobs are delivered by `aiosctl webhook dispatch` children, so that this
// process never loads an HTTP client (docs/architecture.md, "Start-up cost").
let webhookLauncher = WebhookDispatchLauncher.siblingExecutable("aiosctl").map {
    WebhookDispatchLauncher(store: store, executable: $0, logger: logger)
}
if webhookLauncher == nil {
    logger.warning("no aiosctl next to aios-mcp: webhooks wait for an 'aiosctl worker' to deliver them")
}
let workers = WorkerPool(store: store, options: workerOptions, webhooks: webhookLauncher, executor: EngineExecutor.make())

let signals = ShutdownSignals([SIGTERM, SIGINT])
await withTaskGroup(of: Void.self) { group in
    group.addTask { await server.run(on: StdioTransport(maxLineBytes: configuration.maxLineBytes)) }
    group.addTask { await signals.wait() }
    if configuration.workers > 0 {
        group.addTask {
            do {
                try await workers.run()
            } catch {
                logger.error("worker pool stopped", ["error": .string(String(describing: error))])
            }
            // The pool returns only when cancelled; keep the group waiting on the server.
            try? await Task.sleep(for: .seconds(365 * 86400))
        }
    }
    await group.next()
    group.cancelAll()
}
logger.info("shut down")
exit(ExitCode.success.rawValue)
