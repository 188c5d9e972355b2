/// Counts MCP tool calls by tool and outcome, times them, and logs each one.
///
/// It wraps the `tools/call` method rather than living in the tool registry, so every call the
/// server answers is seen whatever path it takes inside (gate, validation, handler, tasks).
public enum ToolCallMetrics {
    /// The outcome label of a successful call.
    public static let success = "ok"
    /// The outcome label of a call answered with a JSON-RPC error instead of a tool result.
    public static let protocolError = "protocol_error"

    /// `methods` with `tools/call` instrumented; the other methods unchanged.
    ///
    /// A call of a tool that is not in `tools` is not counted: its name comes from the client,
    /// and counting it would let any client create series without bound.
    /// - Parameters:
    ///   - methods: The server's feature methods.
    ///   - tools: The registry whose tool names are counted.
    ///   - registry: Where counts and durations go.
    /// - Returns: The methods to give the server.
    public static func instrument(_ methods: [MCPMethod], tools: ToolRegistry, registry: MetricsRegistry) -> [MCPMethod] {
        let names = Set(tools.tools.map(\.name))
        return methods.map { method in
            guard method.name == "tools/call" else { return method }
            let handler = method.handler
            return MCPMethod(
                method.name, availability: method.availability, cacheable: method.cacheable, startsInline: method.startsInline,
                cacheKey: method.cacheKey
            ) { context, params in
                guard let tool = params["name"]?.stringValue, names.contains(tool) else {
                    return try await handler(context, params)
                }
                let clock = ContinuousClock()
                let start = clock.now
                let result: JSONObject
                do {
                    result = try await handler(context, params)
                } catch {
                    record(tool: tool, outcome: protocolError, jobID: nil, elapsed: clock.now - start, context: context, registry: registry)
                    throw error
                }
                let structured = result["structuredContent"]?.objectValue
                record(
                    tool: tool, outcome: outcome(of: result), jobID: structured?["job_id"]?.stringValue,
                    elapsed: clock.now - start, context: context, registry: registry)
                return result
            }
        }
    }

    /// `ok`, or the lower-cased error code of a tool error (`rate_limited`, `unauthorized`, …).
    public static func outcome(of result: JSONObject) -> String {
        guard result["isError"]?.boolValue == true else { return success }
        let code = result["structuredContent"]?["error"]?["code"]?.stringValue ?? AIOSError.Code.internalError.rawValue
        return code.lowercased()
    }

    private static func record(
        tool: String, outcome: String, jobID: String?, elapsed: Duration, context: RequestContext, registry: MetricsRegistry
    ) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        registry.increment(.toolCalls, ["tool": tool, "outcome": outcome])
        registry.observe(.toolCallDuration, ["tool": tool], seconds)
        context.logger.debug("tool call answered", {
            var metadata: JSONObject = [
                "tool": .string(tool), "outcome": .string(outcome), "duration_ms": .double((seconds * 1e6).rounded() / 1e3),
            ]
            if let jobID { metadata["job.id"] = .string(jobID) }
            return metadata
        }())
    }
}
