import MCPCore

/// What a store-backed command works with: the open store, the tools over it, and the key gate
/// that admits tool calls and job commands (`AIOS_AUTH`, `AIOS_API_KEY` or `--api-key`).
struct CLISession: Sendable {
    /// The store's jobs.
    let store: any JobStoreBackend
    /// The whole store (keys, rate limits, where it is).
    let backend: any StoreBackend
    let tools: ToolRegistry
    let gate: KeyGate
    /// The engines this process offers (`AIOS_ENGINE`): builtin, and a model-backed one when configured.
    let engines: EngineRegistry

    static func open(apiKey: String? = nil) async throws -> CLISession {
        let environment = Environment.current()
        let configuration = try StoreConfiguration.fromEnvironment(environment)
        // A command reads one job or a few and exits: the state is read only as far as it needs.
        let backend = try await StoreFactory.open(configuration, options: JobStoreOptions(loadsOnOpen: false))
        ProcessLifetime.keep(backend)
        let gate = try KeyCommands.gate(store: backend, apiKey: apiKey, environment: environment)
        let store = backend.jobs
        // A command that only reads jobs must work whatever AIOS_ENGINE says; `worker` and `run`
        // check the engine configuration themselves (``checkedEngines()``).
        let engines = (try? EngineSetup.registry(environment: environment, store: configuration)) ?? EngineRegistry()
        return CLISession(
            store: store, backend: backend,
            tools: ToolRegistry(AgentTools.make(engine: engines) + JobTools.make(store: store, engines: engines), gate: gate),
            gate: gate, engines: engines)
    }

    /// The engines, or the configuration error `AIOS_ENGINE` and its variables cause: a worker
    /// must not start on a configuration it cannot serve.
    func checkedEngines(metrics: MetricsRegistry? = nil) throws(AIOSError) -> EngineRegistry {
        let observer: @Sendable (ModelCallRecord) -> Void
        if let metrics { observer = ModelCallMetrics.observer(metrics) } else { observer = { _ in } }
        return try EngineSetup.registry(environment: Environment.current(), store: backend.configuration, observer: observer)
    }

    /// Admits a command that reads or changes jobs without a tool (cancel, retry, jobs, tail,
    /// wait), as a tool call would be: key, scope, quota.
    ///
    /// - Returns: The caller, whose jobs the command may touch.
    /// - Throws: ``AIOSError`` `.unauthorized`, `.forbidden`, `.rateLimited`.
    func authorize(_ scope: APIKeyScope, _ operation: String) async throws(AIOSError) -> Caller {
        try await gate.admit(scope: scope, operation: operation).caller
    }

    /// The job, if the caller admitted for `operation` may see it; `JOB_NOT_FOUND` otherwise.
    func visibleJob(_ id: JobID, scope: APIKeyScope, operation: String) async throws -> Job {
        try await JobTools.visibleJob(store: store, id: id, caller: try await authorize(scope, operation))
    }

    /// Calls a tool in this process and returns its structured content.
    ///
    /// - Throws: The tool's error as ``AIOSError``.
    func call(_ name: String, _ arguments: JSONObject) async throws -> JSONObject {
        let context = RequestContext(
            id: .string("cli"), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy),
            requestID: "cli", meta: [:], logger: .disabled)
        let result = try await tools.call(name, arguments: arguments, context: context)
        let structured = result["structuredContent"]?.objectValue ?? [:]
        if result["isError"]?.boolValue == true {
            let error = structured["error"]?.objectValue ?? [:]
            throw AIOSError(
                AIOSError.Code(rawValue: error["code"]?.stringValue ?? "INTERNAL_ERROR"),
                error["message"]?.stringValue ?? "the tool failed", details: error["details"] ?? .null)
        }
        return structured
    }

    /// Submits the brief and options of a `submit`/`run` command line through `aios_full_pipeline`.
    func submit(_ parsed: ParsedCommand) async throws -> JSONObject {
        var arguments = JSONObject()
        if let spec = parsed.value("spec") {
            arguments["spec"] = .string(spec)
        } else if let path = parsed.argument("brief") {
            arguments["spec"] = .string(try InputReader.text(path: path))
        }
        let options: [(flag: String, key: String)] = [
            ("product-name", "product_name"), ("stack", "stack_preference"), ("style", "style_preference"),
            ("framework", "framework"), ("webhook", "webhook_url"), ("idempotency-key", "idempotency_key"),
        ]
        for option in options {
            if let value = parsed.value(option.flag) { arguments[option.key] = .string(value) }
        }
        if let engine = parsed.value("engine") { arguments["engine"] = .string(engine) }
        if parsed.flag("no-cache") { arguments["cache"] = false }
        if let phases = parsed.value("phases") {
            arguments["phases"] = .strings(phases.split(separator: ",").map { String($0).trimmingSpaces() })
        }
        // A thin brief's questions, at the prompt when there is one (never waits otherwise).
        arguments = BriefPrompt.ask(arguments, interactive: BriefPrompt.interactive(parsed), json: parsed.flag("json"))
        return try await call("aios_full_pipeline", arguments)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

/// Runs a store-backed command, turning failures into messages and exit codes.
///
/// - Parameter apiKey: `--api-key`, for commands that act as a client; `AIOS_API_KEY` otherwise.
func withSession(json: Bool, apiKey: String? = nil, _ body: (CLISession) async throws -> ExitCode) async -> ExitCode {
    do {
        return try await body(try await CLISession.open(apiKey: apiKey))
    } catch let error as AIOSError {
        // A tool that failed on the store carries the store's error: exit 6 with its cause, as
        // the commands that read the store directly do.
        if let storeError = StoreError(storeErrorDetails: error.details) { return storeFailure(storeError, json: json) }
        return fail(error, json: json)
    } catch let error as StoreError {
        return storeFailure(error, json: json)
    } catch is CancellationError {
        return .interrupted
    } catch {
        Console.error(String(describing: error))
        return .failure
    }
}

/// Reports a store error: `STORE_ERROR` with `--json`, its cause on stderr, exit 6.
func storeFailure(_ error: StoreError, json: Bool) -> ExitCode {
    if json { Console.json(["error": ["code": "STORE_ERROR", "message": .string(error.description)]]) }
    Console.error("store: \(error.description)")
    return .storeError
}
