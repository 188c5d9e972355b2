import AIOSJSON
import JSONRPC

/// The server's tools, in listing order, and the `tools/list` and `tools/call` methods over them.
public struct ToolRegistry: Sendable {
    public let tools: [Tool]
    private let byName: [String: Tool]
    private let gate: (any ToolCallGate)?
    /// The bound on each result's text.
    public let textLimit: ResultTextLimit

    /// - Parameters:
    ///   - tools: The tools, in listing order.
    ///   - gate: Admits each call before anything else happens (authentication, quotas).
    /// - Precondition: tool names are unique.
    ///   - textLimit: The bound on each successful result's text (``ResultTextLimit``).
    public init(_ tools: [Tool], gate: (any ToolCallGate)? = nil, textLimit: ResultTextLimit = .default) {
        self.tools = tools
        self.gate = gate
        self.textLimit = textLimit
        var byName: [String: Tool] = [:]
        for tool in tools {
            precondition(byName[tool.name] == nil, "duplicate tool \(tool.name)")
            byName[tool.name] = tool
        }
        self.byName = byName
    }

    public func tool(named name: String) -> Tool? { byName[name] }

    /// Calls a tool by name and returns the `tools/call` result.
    ///
    /// Invalid arguments, handler failures and cancellation become tool errors
    /// (`isError: true`), as MCP 2025-11-25 asks; only an unknown tool is a protocol error.
    ///
    /// - Throws: `-32602` when no tool has this name.
    public func call(_ name: String, arguments: JSONObject, context: RequestContext) async throws(JSONRPCError) -> JSONObject {
        guard let tool = byName[name] else { throw Self.unknownTool(name) }
        var context = context
        let admission: Admission
        do {
            admission = try await admit(tool, arguments: arguments, context: &context)
        } catch {
            return ToolResult.failure(error, requestID: context.requestID)
        }
        return Self.merge(admission.resultMeta, into: try await invoke(tool, arguments: arguments, context: context))
    }

    /// `tools/call` with task augmentation: a call the client asked to run as a task (2025-11-25
    /// `params.task`), or one the server runs as a task because the client declared the
    /// 2026-07-28 tasks extension, returns a `CreateTaskResult` once the task is durable.
    ///
    /// - Throws: `-32602` for an unknown tool; `-32601` for a task-augmented call of a tool
    ///   whose `taskSupport` is `forbidden` (or a plain call of one where it is `required`), as
    ///   2025-11-25 asks; `-32021` in 2026-07-28 for a task-only tool without the extension. In
    ///   2025-11-25 a task-augmented call that is refused before the task exists (invalid
    ///   arguments, authentication) is `-32602` with the tool error in `data`.
    public func call(_ name: String, params: JSONObject, arguments: JSONObject, context: RequestContext, tasks: (any TaskBackend)?)
        async throws -> JSONObject
    {
        guard let tool = byName[name] else { throw Self.unknownTool(name) }
        guard let tasks, try Self.runsAsTask(tool, params: params, context: context, tasks: tasks) else {
            return try await call(name, arguments: arguments, context: context)
        }
        var context = context
        let legacy = !context.era.isModern
        let admission: Admission
        do {
            admission = try await admit(tool, arguments: arguments, context: &context)
            try validate(tool, arguments: arguments)
        } catch {
            if legacy { throw Self.refusedTask(error, requestID: context.requestID) }
            return ToolResult.failure(error, requestID: context.requestID)
        }
        let task: MCPTask
        do {
            task = try await tasks.start(tool, arguments: arguments, context: context)
        } catch let error as ToolError {
            if legacy { throw Self.refusedTask(error, requestID: context.requestID) }
            return ToolResult.failure(error, requestID: context.requestID)
        } catch let input as InputRequired {
            // The tool asks before it starts the task (2026-07-28): the retry creates it.
            return input.result
        }
        context.logger.info("task created", ["task.id": .string(task.id), "tool": .string(tool.name)])
        if legacy {
            context.session?.followTask(task.id)
            await tasks.watch(task.id)
            var result: JSONObject = ["task": .object(task.json(in: context.era))]
            result["_meta"] = Self.mergedMeta(admission.resultMeta, [
                TaskKey.immediateResponse: .string(
                    "\(tool.title) is running as task \(task.id); its result will be available when the task completes."),
            ])
            return result
        }
        var result = task.json(in: context.era)
        result["resultType"] = "task"
        if !admission.resultMeta.isEmpty { result["_meta"] = .object(admission.resultMeta) }
        return result
    }

    private struct Admission {
        var resultMeta: JSONObject
    }

    private func admit(_ tool: Tool, arguments: JSONObject, context: inout RequestContext) async throws(ToolError) -> Admission {
        guard let gate else { return Admission(resultMeta: [:]) }
        let admission = try await gate.admit(tool: tool, context: context)
        context.caller = admission.caller
        return Admission(resultMeta: admission.resultMeta)
    }

    private func validate(_ tool: Tool, arguments: JSONObject) throws(ToolError) {
        let validator: JSONSchemaValidator
        switch tool.inputValidator.validator {
        case .success(let compiled): validator = compiled
        case .failure(let error): throw ToolError(.internalError, "The input schema of \(tool.name) does not compile: \(error)")
        }
        let violations = validator.validate(.object(arguments))
        guard !violations.isEmpty else { return }
        let summary = violations.map(\.description).joined(separator: "; ")
        let details: JSONValue = [
            "violations": .array(violations.map { ["path": .string($0.path), "message": .string($0.message)] })
        ]
        throw ToolError(.invalidInput, "Invalid arguments for \(tool.name): \(summary)", details: details)
    }

    /// Whether this call runs as a task, or a protocol error when the tool's task support forbids
    /// the way it was called.
    package static func runsAsTask(_ tool: Tool, params: JSONObject, context: RequestContext, tasks: any TaskBackend) throws(JSONRPCError) -> Bool {
        let support = tasks.taskSupport(forTool: tool.name)
        if context.era.isModern {
            let declared = context.clientDeclaresExtension(TaskKey.extensionID)
            if support == .required && !declared { throw TaskMethods.missingExtension }
            return declared && support != .forbidden
        }
        guard context.era.version == ProtocolRevisions.tasks else { return false }
        let augmented = params["task"]?.objectValue != nil
        if augmented && support == .forbidden {
            throw JSONRPCError(code: -32601, message: "Tool \(tool.name) does not support task-augmented execution",
                               data: ["tool": .string(tool.name), "taskSupport": "forbidden"])
        }
        if !augmented && support == .required {
            throw JSONRPCError(code: -32601, message: "Tool \(tool.name) must be called as a task",
                               data: ["tool": .string(tool.name), "taskSupport": "required"])
        }
        return augmented
    }

    private static func refusedTask(_ error: ToolError, requestID: String) -> JSONRPCError {
        .invalidParams(
            "The task was not created: \(error.message)",
            data: ToolResult.failure(error, requestID: requestID)["structuredContent"])
    }

    private static func unknownTool(_ name: String) -> JSONRPCError {
        .invalidParams("Unknown tool: \(name)", data: ["tool": .string(name)])
    }

    private static func merge(_ meta: JSONObject, into result: JSONObject) -> JSONObject {
        guard !meta.isEmpty else { return result }
        var result = result
        result["_meta"] = mergedMeta(result["_meta"]?.objectValue ?? [:], meta)
        return result
    }

    private static func mergedMeta(_ base: JSONObject, _ extra: JSONObject) -> JSONValue {
        var meta = base
        for (key, value) in extra { meta[key] = value }
        return .object(meta)
    }

    private func invoke(_ tool: Tool, arguments: JSONObject, context: RequestContext) async throws(JSONRPCError) -> JSONObject {
        let name = tool.name
        var context = context
        context.resultTextLimit = textLimit
        do {
            try validate(tool, arguments: arguments)
        } catch {
            return ToolResult.failure(error, requestID: context.requestID)
        }
        do {
            let response = try await tool.respond(arguments, context)
            if context.isCancelled { throw ToolError(.cancelled, "The request was cancelled") }
            return ToolResult.success(response.structured, presentation: response.presentation, limit: textLimit)
        } catch let error as ToolError {
            return ToolResult.failure(error, requestID: context.requestID)
        } catch let input as InputRequired {
            // 2026-07-28: the tool needs the user's input first (elicitation); the client retries.
            return input.result
        } catch let error as JSONRPCError {
            // A protocol fault in the call itself (a requestState that fails verification).
            throw error
        } catch is CancellationError {
            return ToolResult.failure(ToolError(.cancelled, "The request was cancelled"), requestID: context.requestID)
        } catch let error as any ToolErrorConvertible {
            // A failure that can say its own cause (the store's, for one) says it, to every
            // client: "see the server log" helps nobody who has none (aiosctl).
            context.logger.error("tool failed", ["tool": .string(name), "error": .string(String(describing: error))])
            return ToolResult.failure(error.toolError, requestID: context.requestID)
        } catch {
            context.logger.error("tool failed", ["tool": .string(name), "error": .string(String(describing: error))])
            return ToolResult.failure(
                ToolError(.internalError, "The tool failed unexpectedly; see the server log for request \(context.requestID)"),
                requestID: context.requestID)
        }
    }

    /// `tools/list` (paginated) and `tools/call`, without tasks.
    public var methods: [MCPMethod] { methods(tasks: nil) }

    /// `tools/list` (paginated; in 2025-11-25 each tool that can run as a task says so in
    /// `execution.taskSupport`) and `tools/call` (task-augmented where `tasks` allows).
    public func methods(tasks: (any TaskBackend)?) -> [MCPMethod] {
        let registry = self
        return [
            // A fixed list: served from the server's result cache per era, version and cursor.
            MCPMethod("tools/list", cacheable: true, startsInline: { _ in true }, cacheKey: MCPMethod.cursorCacheKey) { context, params in
                let page = try Pagination.page(registry.tools, cursor: params["cursor"])
                let announcesTasks = tasks != nil && context.era.version == ProtocolRevisions.tasks && !context.era.isModern
                var result: JSONObject = ["tools": .array(page.items.map { tool in
                    var definition = tool.definition
                    if announcesTasks, let support = tasks?.taskSupport(forTool: tool.name), support != .forbidden {
                        definition["execution"] = ["taskSupport": .string(support.rawValue)]
                    }
                    return .object(definition)
                })]
                if let next = page.next { result["nextCursor"] = .string(next) }
                return result
            },
            // An unknown tool or bad params are refused at once: only a known tool's own
            // handler can take long.
            MCPMethod("tools/call", startsInline: { params in
                params["name"]?.stringValue.flatMap { registry.byName[$0]?.startsInline } ?? true
            }) { context, params in
                guard let name = params["name"]?.stringValue else {
                    throw JSONRPCError.invalidParams("tools/call needs a string \"name\"")
                }
                var context = context
                if context.era.isModern { context.inputRound = try InputRound(params: params) }
                let arguments: JSONObject
                switch params["arguments"] {
                case nil, .null?: arguments = [:]
                case .object(let object)?: arguments = object
                case let other?:
                    throw JSONRPCError.invalidParams("\"arguments\" must be an object, not \(other.typeName)")
                }
                return try await registry.call(name, params: params, arguments: arguments, context: context, tasks: tasks)
            },
        ]
    }
}
