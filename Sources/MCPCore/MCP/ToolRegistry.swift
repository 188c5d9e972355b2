/// The server's tools, in listing order, and the `tools/list` and `tools/call` methods over them.
public struct ToolRegistry: Sendable {
    public let tools: [Tool]
    private let byName: [String: Tool]
    private let gate: (any ToolCallGate)?

    /// - Parameters:
    ///   - tools: The tools, in listing order.
    ///   - gate: Admits each call before anything else happens (authentication, quotas).
    /// - Precondition: tool names are unique.
    public init(_ tools: [Tool], gate: (any ToolCallGate)? = nil) {
        self.tools = tools
        self.gate = gate
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
        guard let tool = byName[name] else {
            throw .invalidParams("Unknown tool: \(name)", data: ["tool": .string(name)])
        }
        var context = context
        var resultMeta = JSONObject()
        if let gate {
            do {
                let admission = try await gate.admit(tool: tool, context: context)
                context.caller = admission.caller
                resultMeta = admission.resultMeta
            } catch {
                return ToolResult.failure(error, requestID: context.requestID)
            }
        }
        var result = await invoke(tool, arguments: arguments, context: context)
        if !resultMeta.isEmpty {
            var meta = result["_meta"]?.objectValue ?? [:]
            for (key, value) in resultMeta { meta[key] = value }
            result["_meta"] = .object(meta)
        }
        return result
    }

    private func invoke(_ tool: Tool, arguments: JSONObject, context: RequestContext) async -> JSONObject {
        let name = tool.name
        let violations = tool.inputValidator.validate(.object(arguments))
        if !violations.isEmpty {
            let summary = violations.map(\.description).joined(separator: "; ")
            let details: JSONValue = [
                "violations": .array(violations.map { ["path": .string($0.path), "message": .string($0.message)] })
            ]
            return ToolResult.failure(
                AIOSError(.invalidInput, "Invalid arguments for \(name): \(summary)", details: details),
                requestID: context.requestID)
        }
        do {
            let content = try await tool.handler(arguments, context)
            if context.isCancelled { throw AIOSError(.cancelled, "The request was cancelled") }
            return ToolResult.success(content)
        } catch let error as AIOSError {
            return ToolResult.failure(error, requestID: context.requestID)
        } catch is CancellationError {
            return ToolResult.failure(AIOSError(.cancelled, "The request was cancelled"), requestID: context.requestID)
        } catch {
            context.logger.error("tool failed", ["tool": .string(name), "error": .string(String(describing: error))])
            return ToolResult.failure(
                AIOSError(.internalError, "The tool failed unexpectedly; see the server log for request \(context.requestID)"),
                requestID: context.requestID)
        }
    }

    /// `tools/list` (paginated) and `tools/call`.
    public var methods: [MCPMethod] {
        let registry = self
        return [
            MCPMethod("tools/list", cacheable: true) { _, params in
                let page = try Pagination.page(registry.tools, cursor: params["cursor"])
                var result: JSONObject = ["tools": .array(page.items.map { .object($0.definition) })]
                if let next = page.next { result["nextCursor"] = .string(next) }
                return result
            },
            MCPMethod("tools/call") { context, params in
                guard let name = params["name"]?.stringValue else {
                    throw JSONRPCError.invalidParams("tools/call needs a string \"name\"")
                }
                let arguments: JSONObject
                switch params["arguments"] {
                case nil, .null?: arguments = [:]
                case .object(let object)?: arguments = object
                case let other?:
                    throw JSONRPCError.invalidParams("\"arguments\" must be an object, not \(other.typeName)")
                }
                return try await registry.call(name, arguments: arguments, context: context)
            },
        ]
    }
}
