import Testing
@testable import MCPCore

/// One `MCPServer` serving several connections at once: each has its own session (lifecycle,
/// in-flight requests, questions to the client), as a later HTTP transport needs.
@Suite struct ServerSessionsTests {
    private struct Connection: Sendable {
        let transport = InMemoryTransport()
        let mailbox = Mailbox()

        func send(_ value: JSONValue) { transport.deliver(line: value.jsonText) }

        func receive(sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
            let next = await mailbox.next(timeout: .seconds(20))
            return try JSONValue.parse(try #require(next, "no message within 20 s", sourceLocation: sourceLocation))
        }
    }

    /// A tool that asks its own client for roots and returns them.
    private static let askForRoots = Tool(
        name: "ask_for_roots", title: "Ask for roots", description: "Asks the client for roots/list.",
        inputSchema: ["type": "object"], outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
    ) { _, context in
        let result = try await context.requestClient("roots/list", timeout: .seconds(600))
        return ["roots": result["roots"] ?? .null]
    }

    @Test func oneServerServesTwoSessionsEachWithItsOwnLifecycleRequestsAndQuestions() async throws {
        let server = MCPServer(configuration: .init(version: "test"), tools: ToolRegistry([Self.askForRoots]))
        let first = Connection(), second = Connection()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in [first, second] {
                group.addTask {
                    for await message in connection.transport.sent { await connection.mailbox.push(message) }
                    await connection.mailbox.close()
                }
                group.addTask {
                    await server.run(on: connection.transport)
                    connection.transport.closeOutput()
                }
            }
            // Each connection negotiates its own protocol version.
            first.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
                "protocolVersion": "2025-06-18", "capabilities": ["roots": [:]], "clientInfo": ["name": "first", "version": "1"],
            ]])
            #expect(try await first.receive()["result"]?["protocolVersion"] == "2025-06-18")
            // The second has not initialized: the first's handshake does not count for it.
            second.send(["jsonrpc": "2.0", "id": 1, "method": "tools/list"])
            #expect(try await second.receive()["error"] != nil)
            second.send(["jsonrpc": "2.0", "id": 2, "method": "initialize", "params": [
                "protocolVersion": "2025-03-26", "capabilities": ["roots": [:]], "clientInfo": ["name": "second", "version": "1"],
            ]])
            #expect(try await second.receive()["result"]?["protocolVersion"] == "2025-03-26")
            for connection in [first, second] {
                connection.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
            }

            // The same request id in flight on both connections, and a question to each client:
            // each question goes to its own client and each answer back to its own handler.
            let call: JSONValue = ["jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": ["name": "ask_for_roots", "arguments": [:]]]
            first.send(call)
            second.send(call)
            let firstQuestion = try await first.receive()
            let secondQuestion = try await second.receive()
            #expect(firstQuestion["method"] == "roots/list")
            #expect(secondQuestion["method"] == "roots/list")
            second.send(["jsonrpc": "2.0", "id": secondQuestion["id"] ?? .null, "result": ["roots": [["uri": "file:///second"]]]])
            first.send(["jsonrpc": "2.0", "id": firstQuestion["id"] ?? .null, "result": ["roots": [["uri": "file:///first"]]]])
            let secondAnswer = try await second.receive()
            let firstAnswer = try await first.receive()
            #expect(firstAnswer["id"] == 7)
            #expect(secondAnswer["id"] == 7)
            #expect(firstAnswer["result"]?["structuredContent"]?["roots"] == [["uri": "file:///first"]])
            #expect(secondAnswer["result"]?["structuredContent"]?["roots"] == [["uri": "file:///second"]])

            first.transport.closeInput()
            second.transport.closeInput()
            try await group.waitForAll()
        }
    }
}
