import MCPCore
import AIOSSystem

// aios-mcp: the MCP server over stdio. Stdout carries protocol frames and nothing else;
// every diagnostic goes to stderr through the logger.

signal(SIGPIPE, SIG_IGN)

let environment = Environment.current()
// `--http HOST:PORT`: Streamable HTTP instead of stdio (HTTPMode.swift, docs/remote.md).
let httpOptions: HTTPMode.Options?
do {
    httpOptions = try HTTPMode.options(CommandLine.arguments)
} catch {
    Logger(label: "aios-mcp", handler: StderrLogHandler(format: .text)).error("invalid arguments", ["error": .string(error.message)])
    exit(ExitCode.usage.rawValue)
}
let configuration: Configuration
do {
    configuration = try Configuration.fromEnvironment(environment)
} catch {
    Logger(label: "aios-mcp", handler: StderrLogHandler(format: .text)).error("invalid configuration", ["error": .string(error.description)])
    exit(ExitCode.usage.rawValue)
}
let logger = configuration.makeLogger(label: "aios-mcp")
logger.debug("starting", ["version": .string(AIOSVersion.current), "settings": ObservedSettings.environment(environment)])

let backend: any StoreBackend
do {
    backend = try await StoreFactory.open(try StoreConfiguration.fromEnvironment(environment))
} catch {
    logger.critical("cannot open the job store; 'aiosctl store verify' examines it", ["error": .string(String(describing: error))])
    exit(ExitCode.storeError.rawValue)
}

// API keys, scopes and rate limits (AIOS_AUTH, AIOS_API_KEY), shared with every process on the store.
let store = backend.jobs
let gate = KeyGate.open(
    store: backend, mode: configuration.authMode, apiKey: environment["AIOS_API_KEY"], logger: logger)
if let warning = gate.startupWarning { logger.warning("API key problem", ["problem": .string(warning)]) }

// Counters live in memory and go to the store's metrics/ directory once a second (no fsync);
// `aiosctl metrics` sums every process's file.
let metrics = MetricsRegistry()

// One registry of engines for the agent tools and the workers, so that both reuse the builtin
// engine's brief analyses: builtin always, and the model-backed engine AIOS_ENGINE names
// (docs/engines.md). A job may name its engine; the default is AIOS_ENGINE's.
let engines: EngineRegistry
do {
    engines = try EngineSetup.registry(
        environment: environment, store: backend.configuration, observer: ModelCallMetrics.observer(metrics))
} catch {
    logger.error("invalid engine configuration", ["error": .string(error.message)])
    exit(ExitCode.usage.rawValue)
}
let engine: any AgentEngine = engines
// Outputs of synchronous agent calls, kept in memory so that their results' resource links resolve.
let results = RecentResults()
let tools = ToolRegistry(
    AgentTools.make(engine: engine, results: results) + JobTools.make(store: store, results: results, engines: engines), gate: gate,
    textLimit: configuration.resultTextLimit)

let watcher = JobWatcher(store: store, logger: logger)
let access = JobAccess(gate: gate)
let features = ServerFeatures(
    tools: tools, resources: JobResources(store: store, watcher: watcher, access: access, results: results),
    prompts: PromptRegistry(AgentPrompts.make(store: store, access: access)),
    tasks: JobTasks(store: store, watcher: watcher, access: access),
    services: [watcher])

let reporter = MetricsReporter(
    registry: metrics, store: backend.configuration, role: "aios-mcp", workerSlots: configuration.workers, logger: logger)

// Shutdown budget (SPEC §7, exit within 5 s): in-flight requests get 2 s after stdin closes,
// then running phases get WorkerOptions.shutdownGrace (2 s) before their jobs are released.
let server = MCPServer(
    configuration: .init(
        name: "aios", title: "aios — product team agents", version: AIOSVersion.current,
        instructions: "aios is a product team behind one connection: @pm (aios_strategize), @architect (aios_design_architecture), @ux-design-expert (aios_design_ux) and @dev (aios_generate_code). Start from a product brief with aios_strategize and pass each output to the next tool, or run all four as a durable job with aios_full_pipeline and poll aios_get_status.",
        shutdownGrace: .seconds(2), logger: logger),
    capabilities: features.capabilities(in:),
    methods: ToolCallMetrics.instrument(features.methods, tools: tools, registry: metrics),
    services: features.services)

// The worker pool runs beside the server: jobs submitted here or by any other process
// sharing the store are executed. On shutdown its jobs are released, left resumable.
var workerOptions = WorkerOptions()
workerOptions.concurrency = configuration.workers
// Webhooks of ended jobs are delivered by `aiosctl webhook dispatch` children, so that this
// process never loads an HTTP client (docs/architecture.md, "Start-up cost").
let webhookLauncher = Subprocess.siblingExecutable("aiosctl").map {
    WebhookDispatchLauncher(store: store, executable: $0, logger: logger)
}
if webhookLauncher == nil {
    logger.warning("no aiosctl next to aios-mcp: webhooks wait for an 'aiosctl worker' to deliver them")
}
let workers = WorkerPool(
    store: store, options: workerOptions, webhooks: webhookLauncher, logger: logger, metrics: metrics,
    executor: EngineExecutor.make(engine: engine))

// Stdin EOF or the first SIGTERM/SIGINT: stop serving, let running phases finish (bounded),
// release their jobs, write the last metrics, exit 0. A second signal stops at once.
let signals = ShutdownSignals([SIGTERM, SIGINT])
let serving: @Sendable () async -> Void = {
    if let httpOptions {
        await HTTPMode.serve(options: httpOptions, server: server, gate: gate, store: store, environment: environment, logger: logger)
    } else {
        await server.run(on: StdioTransport(maxLineBytes: configuration.maxLineBytes))
    }
}
let drainWorkers: @Sendable (StopRequest) async -> Void = { stop in await workers.run(until: stop) }
let working = configuration.workers > 0 ? drainWorkers : nil
await withTaskGroup(of: Void.self) { group in
    group.addTask { await reporter.run() }
    await GracefulShutdown.run(signals: signals, stop: StopRequest(), logger: logger, serving: serving, working: working)
    group.cancelAll()
}
await reporter.finish()
logger.info("shut down")
exit(ExitCode.success.rawValue)
