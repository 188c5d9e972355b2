import Foundation
import Synchronization
import Testing
@testable import MCPCore

/// Fixed lists (`tools/list`, `prompts/list`, `resources/templates/list`) are served from a
/// byte cache per era, version and cursor.
@Suite struct MCPResultCacheTests {
    final class Counter: Sendable {
        let calls = Atomic<Int>(0)
    }

    static func server(counter: Counter) -> MCPServer {
        let counted = MCPMethod("fixed/list", cacheable: true, cacheKey: MCPMethod.cursorCacheKey) { context, params in
            counter.calls.wrappingAdd(1, ordering: .relaxed)
            return ["era": .string(context.era.version), "cursor": params["cursor"] ?? .null]
        }
        return MCPServer(configuration: .init(version: "test"), capabilities: [:], methods: [counted])
    }

    @Test func aCachedMethodRunsOncePerEraAndKeyAndAnswersTheSameBytes() async throws {
        let counter = Counter()
        let server = Self.server(counter: counter)
        var texts: [String] = []
        try await ServerHarness.serve(server: server) { harness in
            try await harness.initialize(version: "2025-06-18")
            for id in 1...3 {
                harness.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"fixed/list"}"#)
                texts.append(String(decoding: try await harness.receiveBytes(), as: UTF8.self))
            }
            harness.send(#"{"jsonrpc":"2.0","id":4,"method":"fixed/list","params":{"cursor":"x"}}"#)
            texts.append(String(decoding: try await harness.receiveBytes(), as: UTF8.self))
            // Not cacheable: a cursor that is not a string is left to the handler each time.
            harness.send(#"{"jsonrpc":"2.0","id":5,"method":"fixed/list","params":{"cursor":5}}"#)
            _ = try await harness.receiveBytes()
            harness.send(#"{"jsonrpc":"2.0","id":6,"method":"fixed/list","params":{"cursor":5}}"#)
            _ = try await harness.receiveBytes()
        }
        #expect(counter.calls.load(ordering: .relaxed) == 4, "one run for no cursor, one for \"x\", two for the uncacheable cursor")
        #expect(texts[0] == #"{"jsonrpc":"2.0","id":1,"result":{"era":"2025-06-18","cursor":null}}"#)
        #expect(texts[1] == texts[0].replacingOccurrences(of: #""id":1,"#, with: #""id":2,"#))
        #expect(texts[2] == texts[0].replacingOccurrences(of: #""id":1,"#, with: #""id":3,"#))
        #expect(texts[3].contains(#""cursor":"x""#))
    }

    @Test func toolsListIsCachedAndIdenticalAcrossRequests() async throws {
        let tools = AgentTools.make()
        try await ServerHarness.serve(tools: tools) { harness in
            try await harness.initialize()
            harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let first = String(decoding: try await harness.receiveBytes(), as: UTF8.self)
            harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"progressToken":3}}}"#)
            let second = String(decoding: try await harness.receiveBytes(), as: UTF8.self)
            #expect(first == second)
            #expect(first.contains("aios_generate_code"))
        }
    }

    @Test func theServedListsAreCachedEvenWhenInstrumented() {
        let tools = ToolRegistry(AgentTools.make())
        let methods = ToolCallMetrics.instrument(ServerFeatures(tools: tools).methods, tools: tools, registry: MetricsRegistry())
        #expect(methods.first { $0.name == "tools/list" }?.cacheKey != nil)
        #expect(methods.first { $0.name == "tools/call" }?.cacheKey == nil)
    }
}
