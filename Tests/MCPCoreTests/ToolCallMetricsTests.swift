import Testing
@testable import MCPCore

/// A gate with a real, if small, policy: `_meta.key` "good" is admitted, "spent" is over its
/// quota, anything else is unknown.
struct KeyedGate: ToolCallGate {
    func admit(tool: Tool, context: RequestContext) async throws(AIOSError) -> ToolCallAdmission {
        switch context.meta["key"]?.stringValue {
        case "good"?: return ToolCallAdmission(caller: Caller(keyID: "k1", scopes: ["agents:run"]))
        case "spent"?: throw AIOSError(.rateLimited, "quota spent", details: ["retry_after_seconds": 30])
        default: throw AIOSError(.unauthorized, "unknown key")
        }
    }
}

/// Every answered tool call is counted by tool and outcome, refusals included.
@Suite struct ToolCallMetricsTests {
    func call(_ method: MCPMethod, _ tool: String, _ arguments: JSONObject, key: String?) async throws -> JSONObject {
        var meta = JSONObject()
        if let key { meta["key"] = .string(key) }
        let context = RequestContext(
            id: .int(1), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy), requestID: "req_test",
            meta: meta, logger: .disabled)
        return try await method.handler(context, ["name": .string(tool), "arguments": .object(arguments), "_meta": .object(meta)])
    }

    @Test func countsByToolAndOutcomeIncludingRefusalsAndIgnoresUnknownTools() async throws {
        let tools = ToolRegistry(AgentTools.make(), gate: KeyedGate())
        let registry = MetricsRegistry()
        let methods = ToolCallMetrics.instrument(tools.methods, tools: tools, registry: registry)
        let toolsCall = try #require(methods.first { $0.name == "tools/call" })
        #expect(methods.map(\.name) == tools.methods.map(\.name))

        _ = try await call(toolsCall, "aios_strategize", ["spec": "Teachers create quizzes; students take them and see their scores."], key: "good")
        _ = try await call(toolsCall, "aios_strategize", ["spec": ""], key: "good")
        _ = try await call(toolsCall, "aios_strategize", ["spec": "x"], key: "spent")
        _ = try await call(toolsCall, "aios_design_ux", ["spec": "x"], key: nil)
        _ = try await call(toolsCall, "aios_design_ux", ["spec": "x"], key: "bogus")
        await #expect(throws: JSONRPCError.self) { try await self.call(toolsCall, "no_such_tool", [:], key: "good") }

        let counts = registry.snapshot().counters(of: .toolCalls)
        func count(_ tool: String, _ outcome: String) -> Int64 {
            counts[MetricSeries(MetricFamily.toolCalls.name, ["tool": tool, "outcome": outcome])] ?? 0
        }
        #expect(count("aios_strategize", "ok") == 1)
        #expect(count("aios_strategize", "invalid_input") == 1)
        #expect(count("aios_strategize", "rate_limited") == 1)
        #expect(count("aios_design_ux", "unauthorized") == 2)
        #expect(counts.values.reduce(0, +) == 5, "the unknown tool is not counted")
        let durations = registry.snapshot().histograms(of: .toolCallDuration)
        #expect(durations[MetricSeries(MetricFamily.toolCallDuration.name, ["tool": "aios_strategize"])]?.count == 3)

        var observation = StoreObservation()
        observation.metrics.totals = registry.snapshot()
        let text = MetricsExposition.render(observation, now: 0)
        #expect(text.contains("aios_tool_calls_rejected_total{reason=\"rate_limited\"} 1\n"))
        #expect(text.contains("aios_tool_calls_rejected_total{reason=\"unauthorized\"} 2\n"))
        #expect(text.contains("aios_tool_calls_rejected_total{reason=\"forbidden\"} 0\n"))
        #expect(text.contains("aios_store_up 0\n"), "no store was read")
        #expect(!text.contains("aios_jobs{"), "store gauges are left out when the store is unreadable")
        #expect(!text.contains("webhook"), "no webhook series until webhooks exist")
    }
}
