import Synchronization
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The `AgentEngine` seam as the agent tools and the pipeline's executor use it: progress goes to
/// the client's progress notifications, cancellation reaches the engine, and the builtin engine
/// answers through the seam exactly as it does directly.
@Suite struct AgentEngineTests {
    private static let brief = "A booking app for a small clinic: patients book appointments, staff confirm them, doctors see their day."

    /// A second engine: reports half-way, waits for its gate (or its task's cancellation), then
    /// lets the builtin engine produce the artifact.
    private final class GatedEngine: AgentEngine {
        let gate = Gate()
        let builtin = BuiltinEngine()
        let (cancelled, cancelledContinuation) = AsyncStream.makeStream(of: Void.self)
        var name: String { "gated" }

        func run(_ phase: Phase, input: JSONObject, progress: AgentProgress) async throws -> JSONObject {
            progress.report(0.5, total: 1, message: "half-way through the \(phase.rawValue)")
            await gate.wait()
            if Task.isCancelled {
                cancelledContinuation.finish()
                throw CancellationError()
            }
            return try await builtin.run(phase, input: input, progress: progress)
        }
    }

    @Test func theBuiltinEngineAnswersThroughTheSeamAsItDoesDirectly() async throws {
        let engine = BuiltinEngine()
        let seam: any AgentEngine = engine
        for phase in Phase.allCases {
            let input: JSONObject = ["spec": .string(Self.brief)]
            #expect(try await seam.run(phase, input: input, progress: .ignored) == (try engine.run(phase, input: input)))
        }
        #expect(seam.name == "builtin")
    }

    @Test func anEnginesProgressReachesTheClientBetweenTheToolsStartAndEnd() async throws {
        let engine = GatedEngine()
        try await ServerHarness.serve(tools: AgentTools.make(engine: engine)) { server in
            try await server.initialize()
            server.send(.object(["jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": [
                "name": "aios_strategize", "arguments": ["spec": .string(Self.brief)], "_meta": ["progressToken": "p"],
            ]]))
            let (halfWay, _) = try await server.notification("notifications/progress")
            if halfWay["params"]?["progress"] == 0 {
                let (next, _) = try await server.notification("notifications/progress")
                #expect(next["params"]?["progress"] == 0.5)
                #expect(next["params"]?["message"] == "half-way through the strategy")
            } else {
                Issue.record("the tool reports its start first, got \(halfWay)")
            }
            engine.gate.open()
            let (response, notifications) = try await server.response(to: 1)
            #expect(response["result"]?["isError"] == false)
            #expect(notifications.map { $0["params"]?["progress"] } == [1])
        }
    }

    @Test func cancellingTheCallCancelsTheEngine() async throws {
        let engine = GatedEngine()
        try await ServerHarness.serve(tools: AgentTools.make(engine: engine)) { server in
            try await server.initialize()
            server.send(.object(["jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": [
                "name": "aios_design_ux", "arguments": ["spec": .string(Self.brief)], "_meta": ["progressToken": "p"],
            ]]))
            // The engine is running once it reported half-way.
            _ = try await server.notification("notifications/progress")
            _ = try await server.notification("notifications/progress")
            server.send(.object(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 1]]))
            for await _ in engine.cancelled {}
            let ping = try await server.request(2, "ping")
            #expect(ping["id"] == 2, "no response for the cancelled call")
        }
    }

    @Test func theExecutorRunsJobsPhasesOnTheEngineItWasMadeWith() async throws {
        let engine = GatedEngine()
        engine.gate.open()
        let executor = EngineExecutor.make(engine: engine)
        let output = try await executor(.strategy, ["spec": .string(Self.brief)])
        #expect(output == (try BuiltinEngine().run(.strategy, input: ["spec": .string(Self.brief)])))
    }
}
