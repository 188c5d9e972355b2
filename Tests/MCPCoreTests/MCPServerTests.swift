import Dispatch
import Synchronization
import Testing
@testable import MCPCore

@Suite struct MCPServerTests {
    static let envelope: JSONValue = [
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": [:],
        "io.modelcontextprotocol/clientInfo": ["name": "test", "version": "1"],
    ]

    static func echoTool() -> Tool {
        Tool(
            name: "echo", title: "Echo", description: "Returns its text.",
            inputSchema: ["type": "object", "properties": ["text": ["type": "string", "minLength": 1]],
                          "required": ["text"], "additionalProperties": false],
            outputSchema: ["type": "object"], annotations: .init(readOnly: true, idempotent: true)
        ) { arguments, _ in ["echo": arguments["text"] ?? .null] }
    }

    static func gatedTool(_ gate: Gate) -> Tool {
        Tool(
            name: "slow", title: "Slow", description: "Waits for the test.", inputSchema: ["type": "object"],
            outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, _ in
            await gate.wait()
            return ["done": true]
        }
    }

    @Test func legacyLifecycleListsAndCallsTools() async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            let initialize = try await server.request(1, "initialize", [
                "protocolVersion": "2025-06-18", "capabilities": [:], "clientInfo": ["name": "t", "version": "1"],
            ])
            #expect(initialize["result"]?["protocolVersion"] == "2025-06-18")
            #expect(initialize["result"]?["capabilities"]?["tools"] != nil)
            #expect(initialize["result"]?["serverInfo"]?["name"] == "aios")
            server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            let list = try await server.request(2, "tools/list")
            #expect(list["result"]?["tools"]?.arrayValue?.map { $0["name"] } == ["echo"])
            #expect(list["result"]?["resultType"] == nil, "legacy results carry no resultType")
            let call = try await server.request(3, "tools/call", ["name": "echo", "arguments": ["text": "hi"]])
            #expect(call["result"]?["structuredContent"] == ["echo": "hi"])
            #expect(call["result"]?["content"]?[0]?["text"] == #"{"echo":"hi"}"#)
            #expect(call["result"]?["isError"] == false)
            #expect(try await server.request(4, "ping")["result"] == [:])
        }
    }

    @Test func modernEraDiscoverAndEnvelopedRequests() async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            let discover = try await server.request(1, "server/discover", ["_meta": Self.envelope])
            let result = try #require(discover["result"])
            #expect(result["supportedVersions"] == ["2026-07-28"])
            #expect(result["resultType"] == "complete")
            #expect(result["ttlMs"] == 0)
            #expect(result["cacheScope"] == "private")
            #expect(result["capabilities"]?["tools"] != nil)
            #expect(result["_meta"]?["io.modelcontextprotocol/serverInfo"]?["name"] == "aios")
            let list = try await server.request(2, "tools/list", ["_meta": Self.envelope])
            #expect(list["result"]?["resultType"] == "complete")
            #expect(list["result"]?["tools"]?.arrayValue?.count == 1)
            let call = try await server.request(3, "tools/call", ["_meta": Self.envelope, "name": "echo", "arguments": ["text": "x"]])
            #expect(call["result"]?["resultType"] == "complete")
            let bare = try await server.request(4, "tools/list")
            #expect(bare["error"]?["code"] == -32602)
            let initialize = try await server.request(5, "initialize", ["protocolVersion": "2025-11-25", "capabilities": [:]])
            #expect(initialize["error"]?["code"] == -32022)
            #expect(initialize["error"]?["data"]?["supported"] == ["2026-07-28"])
        }
    }

    @Test func requestsBeforeInitializeGetAnImmediateError() async throws {
        try await ServerHarness.serve { server in
            let early = try await server.request(1, "tools/list")
            #expect(early["error"]?["code"] == -32600)
            #expect(early["id"] == 1)
            #expect(try await server.request(2, "ping")["result"] == [:])
            let bareDiscover = try await server.request(3, "server/discover")
            #expect(bareDiscover["error"]?["code"] == -32602)
        }
    }

    @Test("protocol errors", arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"tools/list""#, JSONValue.null, -32700),
        (#"not json"#, .null, -32700),
        (#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":[]}"#, 1, -32602),
        (#"{"jsonrpc":"2.0","id":2,"method":"no/such"}"#, 2, -32601),
        (#"{"jsonrpc":"2.0","id":3,"method":"server/discover"}"#, 3, -32601),
        (#"{"id":4,"method":"ping"}"#, 4, -32600),
        (#"[{"jsonrpc":"2.0","id":5,"method":"ping"}]"#, .null, -32600),
        (#"[]"#, .null, -32600),
        (#"{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"nope"}}"#, 6, -32602),
        (#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":"x"}}"#, 7, -32602),
        (#"{"jsonrpc":"2.0","id":8,"method":"tools/list","params":{"cursor":"not-a-cursor"}}"#, 8, -32602),
    ])
    func protocolErrors(line: String, id: JSONValue, code: Int) async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            try await server.initialize()
            server.send(line)
            let response = try await server.receive()
            #expect(response["id"] == id)
            #expect(response["error"]?["code"] == .integer(code))
            #expect(response["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(try await server.request(99, "ping")["result"] == [:], "the server keeps serving")
        }
    }

    /// Issue 22 finding 11: well-formed JSON the parser refuses (an integer beyond 64 bits, a
    /// lone surrogate, nesting over the limit, a double that overflows) is still a parse error,
    /// but answered with the request's id when the id itself is readable and unambiguous.
    @Test("refused well-formed JSON is answered with its id", arguments: [
        (#"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"echo","arguments":{"n":123456789012345678901234567890}}}"#, JSONValue.integer(10)),
        (#"{"jsonrpc":"2.0","id":"s-11","method":"ping","params":{"x":"\ud800"}}"#, .string("s-11")),
        (#"{"jsonrpc":"2.0","method":"ping","params":{"x":1e999999},"id":12}"#, .integer(12)),
        (#"{"jsonrpc":"2.0","id":13,"method":"ping","params":{"deep":"# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}}", .integer(13)),
        (#"{"jsonrpc":"2.0","params":{"a":[{"id":7}],"b":"\"}{\""},"\u0069d":14,"x":"\udc00"}"#, .integer(14)),
        (#"{"jsonrpc":"2.0","id":99999999999999999999,"method":"ping"}"#, .null),
        (#"{"jsonrpc":"2.0","id":15,"id":16,"method":"ping","params":{"n":99999999999999999999}}"#, .null),
        (#"{"jsonrpc":"2.0","id":17,"method":"ping","params":{"n":99999999999999999999}"#, .null),
        (#"[{"jsonrpc":"2.0","id":18,"method":"ping","params":{"n":99999999999999999999}}]"#, .null),
    ])
    func refusedWellFormedJSONIsAnsweredWithItsID(line: String, id: JSONValue) async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            try await server.initialize()
            server.send(line)
            let response = try await server.receive()
            #expect(response["id"] == id)
            #expect(response["error"]?["code"] == -32700)
            #expect(try await server.request(99, "ping")["result"] == [:], "the server keeps serving")
        }
    }

    @Test func notificationsGetNoResponse() async throws {
        let trailing = try await ServerHarness.serve { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/unknown","params":{}}"#)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":12345}}"#)
            let ping = try await server.request(1, "ping")
            #expect(ping["id"] == 1)
        }
        #expect(trailing.isEmpty)
    }

    /// Input schemas are compiled on a tool's first call, not when the server starts: one that
    /// does not compile fails that tool's calls with an error naming the keyword, every time,
    /// and leaves the other tools and the server working.
    @Test func aToolWhoseSchemaDoesNotCompileFailsItsCallsAndNothingElse() async throws {
        let broken = Tool(
            name: "broken", title: "Broken", description: "Declares a type that does not exist.",
            inputSchema: ["type": "object", "properties": ["n": ["type": "integr"]]], outputSchema: nil,
            annotations: .init(readOnly: true, idempotent: true)
        ) { _, _ in ["ran": true] }
        try await ServerHarness.serve(tools: [broken, Self.echoTool()]) { server in
            try await server.initialize()
            let list = try await server.request(1, "tools/list")
            #expect(list["result"]?["tools"]?.arrayValue?.map { $0["name"] } == ["broken", "echo"])
            for id in 2...3 {
                let call = try await server.request(id, "tools/call", ["name": "broken", "arguments": ["n": 1]])
                let result = try #require(call["result"])
                #expect(result["isError"] == true)
                #expect(result["structuredContent"]?["error"]?["code"] == "INTERNAL_ERROR")
                let message = result["structuredContent"]?["error"]?["message"]?.stringValue ?? ""
                #expect(message.contains("input schema of broken does not compile"), "\(message)")
                #expect(message.contains("/properties/n/type") && message.contains("integr"), "\(message)")
            }
            let echo = try await server.request(4, "tools/call", ["name": "echo", "arguments": ["text": "hi"]])
            #expect(echo["result"]?["structuredContent"] == ["echo": "hi"])
        }
    }

    @Test func invalidArgumentsAreToolErrorsNamingThePath() async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            try await server.initialize()
            let call = try await server.request(1, "tools/call", ["name": "echo", "arguments": ["text": "", "extra": 1]])
            let result = try #require(call["result"])
            #expect(result["isError"] == true)
            #expect(result["structuredContent"]?["error"]?["code"] == "INVALID_INPUT")
            let paths = result["structuredContent"]?["error"]?["details"]?["violations"]?.arrayValue?.compactMap { $0["path"]?.stringValue }
            #expect(paths?.contains("/text") == true)
            #expect(result["structuredContent"]?["error"]?["request_id"]?.stringValue?.hasPrefix("req_") == true)
        }
    }

    /// A tool that computes for long before it suspends (as the agents do) runs off the task
    /// that reads messages, even when its call arrives on its own: a ping sent meanwhile is
    /// answered first.
    @Test func aLoneCallOfABlockingToolDoesNotHoldUpPing() async throws {
        let release = DispatchSemaphore(value: 0)
        let busy = Tool(
            name: "busy", title: "Busy", description: "Blocks its thread until the test releases it.",
            inputSchema: ["type": "object"], outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, _ in
            Self.block(on: release, seconds: 120)  // released by the test; the bound only ends a failed run
            return ["done": true]
        }
        try await ServerHarness.serve(tools: [busy]) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"busy"}}"#)
            try await Task.sleep(for: .milliseconds(50))
            server.send(#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#)
            let first = try await server.receive()
            #expect(first["id"] == 2, "ping answered while the tool still blocks")
            release.signal()
            let second = try await server.receive()
            #expect(second["id"] == 1)
        }
    }

    private static func block(on semaphore: DispatchSemaphore, seconds: Int) {
        _ = semaphore.wait(timeout: .now() + .seconds(seconds))
    }

    /// A call still running when the client closes its input gets its answer before the server
    /// exits.
    @Test func aCallStillRunningWhenTheInputEndsIsAnswered() async throws {
        let gate = Gate()
        let trailing = try await ServerHarness.serve(tools: [Self.gatedTool(gate)]) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow"}}"#)
            Task {
                try? await Task.sleep(for: .milliseconds(100))
                gate.open()
            }
        }
        #expect(trailing.contains { $0["id"] == 1 && $0["result"]?["structuredContent"]?["done"] == true })
    }

    /// One that outlives the shutdown grace is cancelled and answered, instead of holding the
    /// server open.
    @Test func aCallOutlivingTheShutdownGraceIsCancelledAndAnswered() async throws {
        let sleepWasCancelled = Mutex(false)
        let sleeper = Tool(
            name: "sleeper", title: "Sleeper", description: "Sleeps for half a minute.", inputSchema: ["type": "object"],
            outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, _ in
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                sleepWasCancelled.withLock { $0 = true }
                throw error
            }
            return ["done": true]
        }
        let configuration = MCPServer.Configuration(
            version: "test", instructions: "test server", shutdownGrace: .milliseconds(200), progressInterval: .zero)
        let trailing = try await ServerHarness.serve(
            features: ServerFeatures(tools: ToolRegistry([sleeper])), configuration: configuration
        ) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sleeper"}}"#)
            try await Task.sleep(for: .milliseconds(50))
        }
        // Whether the server cancelled the tool, not how long that took: a timed bound failed
        // on a loaded 2-core machine although the tool had been cancelled.
        #expect(sleepWasCancelled.withLock { $0 }, "the server waited for the tool instead of cancelling it")
        let answer = try #require(trailing.first { $0["id"] == 1 })
        #expect(answer["result"]?["structuredContent"]?["done"] == nil)
    }

    /// Request ids are how a user matches an answer to the server's log: each call gets its own.
    @Test func everyToolCallGetsItsOwnWellFormedRequestID() async throws {
        try await ServerHarness.serve(tools: [Self.echoTool()]) { server in
            try await server.initialize()
            var seen: Set<String> = []
            for id in 1...200 {
                let call = try await server.request(id, "tools/call", ["name": "echo", "arguments": ["text": ""]])
                let requestID = try #require(call["result"]?["structuredContent"]?["error"]?["request_id"]?.stringValue)
                let hex = requestID.dropFirst(4)
                #expect(requestID.hasPrefix("req_") && hex.count == 16)
                #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
                seen.insert(requestID)
            }
            #expect(seen.count == 200)
        }
    }

    @Test func aSlowToolDoesNotDelayPing() async throws {
        let gate = Gate()
        try await ServerHarness.serve(tools: [Self.gatedTool(gate)]) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow"}}"#)
            let ping = try await server.request(2, "ping")
            #expect(ping["id"] == 2, "ping answered while the tool is still running")
            gate.open()
            let call = try await server.receive()
            #expect(call["id"] == 1)
            #expect(call["result"]?["structuredContent"]?["done"] == true)
        }
    }

    @Test func aCancelledRequestGetsNoResponse() async throws {
        let gate = Gate()
        let trailing = try await ServerHarness.serve(tools: [Self.gatedTool(gate)]) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"slow"}}"#)
            #expect(try await server.request(2, "ping")["id"] == 2)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"c1","reason":"user"}}"#)
            gate.open()
            #expect(try await server.request(3, "ping")["id"] == 3)
        }
        #expect(!trailing.contains { $0["id"] == "c1" })
    }

    @Test func batchesOnlyUnder20250326() async throws {
        try await ServerHarness.serve { server in
            try await server.initialize(version: "2025-03-26")
            server.send(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"nope"}]"#)
            let batch = try #require(try await server.receive().arrayValue)
            #expect(batch.count == 2)
            #expect(Set(batch.compactMap { $0["id"]?.intValue }) == [1, 2])
        }
    }

    /// Issue 22 finding 7: a 600 KB batch of tools/list was answered with an 813 MB line. A
    /// batch has at most `maxBatchRequests` messages, and once its responses pass
    /// `maxBatchResponseBytes` the rest are replaced by small errors: every request still gets
    /// exactly one response.
    @Test func aBatchsResponsesStayWithinTheirLimit() async throws {
        let configuration = MCPServer.Configuration(
            version: "test", instructions: "test server", progressInterval: .zero, maxBatchRequests: 100,
            maxBatchResponseBytes: 4096)
        try await ServerHarness.serve(features: ServerFeatures(tools: ToolRegistry([Self.echoTool()])), configuration: configuration) { server in
            try await server.initialize(version: "2025-03-26")
            server.send("[" + (1...50).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"tools/list"}"# }.joined(separator: ",") + "]")
            let line = try #require(await server.mailbox.next(timeout: .seconds(10)))
            let responses = try #require(try JSONValue.parse(line).arrayValue)
            #expect(Set(responses.compactMap { $0["id"]?.intValue }) == Set(1...50))
            let results = responses.filter { $0["result"] != nil }
            let dropped = responses.filter { $0["error"] != nil }
            #expect(!results.isEmpty && !dropped.isEmpty)
            #expect(results.reduce(0) { $0 + $1.jsonText.utf8.count } <= 4096)
            for response in dropped {
                #expect(response["error"]?["code"] == -32603)
                #expect(response["error"]?["message"]?.stringValue?.contains("4096") == true)
            }
            #expect(line.count <= 4096 + 50 * 400, "results within the limit, then one small error each")

            server.send("[" + (1...101).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"ping"}"# }.joined(separator: ",") + "]")
            let refused = try await server.receive()
            #expect(refused["id"] == .null)
            #expect(refused["error"]?["code"] == -32600)
            #expect(try await server.request(200, "ping")["id"] == 200, "the server keeps serving")
        }
    }

    @Test func anOversizedLineIsRefusedAndTheNextIsServed() async throws {
        try await ServerHarness.serve(maxLineBytes: 1024) { server in
            try await server.initialize()
            server.send(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 5000) + #""}}"#)
            let refused = try await server.receive()
            #expect(refused["id"] == .null)
            #expect(refused["error"]?["code"] == -32600)
            #expect(try await server.request(2, "ping")["id"] == 2)
        }
    }
}
