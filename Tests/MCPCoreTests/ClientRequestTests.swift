#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import MCPCore

/// Requests the server sends to its client (`ServerSession.request`), end to end through the
/// real `StdioTransport` over pipes: the test is the client, reading the server's lines and
/// answering (or not). The tool that asks is registered here, in-process: no product feature
/// asks the client anything yet, and `roots/list` is the simplest request a client answers.
@Suite struct ClientRequestTests {
    /// A tool that asks the client for its roots and returns the answer, or the failure's code.
    private static let askForRoots = Tool(
        name: "ask_for_roots", title: "Ask for roots", description: "Asks the client for roots/list.",
        inputSchema: ["type": "object", "properties": ["timeout_ms": ["type": "integer"]], "required": ["timeout_ms"]],
        outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
    ) { arguments, context in
        let timeout = Duration.milliseconds(arguments["timeout_ms"]?.intValue ?? 0)
        do {
            let result = try await context.requestClient("roots/list", timeout: timeout)
            return ["roots": result["roots"] ?? .null]
        } catch let error as ClientRequestError {
            var failure: JSONObject = ["failure": .string(error.code.rawValue)]
            if let rpc = error.error { failure["client_code"] = .integer(rpc.code) }
            return failure
        }
    }

    /// The client end of a server on pipes: writes lines to its input, reads lines from its output.
    private final class PipeClient: Sendable {
        let toServer: Int32
        let mailbox = Mailbox()
        let lines: AsyncStream<[UInt8]>

        init(toServer: Int32, fromServer: Int32) {
            self.toServer = toServer
            let (lines, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            self.lines = lines
            // A dedicated thread does the blocking reads, so no pool thread waits on the pipe.
            detachThread {
                var framer = LineFramer(maxLineBytes: 1 << 20)
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = read(fromServer, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { break }
                    framer.append(Array(buffer[0..<n])) { frame in
                        if case .line(let line) = frame { continuation.yield(line) }
                    }
                }
                close(fromServer)
                continuation.finish()
            }
        }

        /// Moves the server's lines into the mailbox until its output ends.
        func collect() async {
            for await line in lines { await mailbox.push(line) }
            await mailbox.close()
        }

        func send(_ value: JSONValue) {
            let bytes = Array(value.jsonText.utf8) + [0x0A]
            bytes.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = write(toServer, raw.baseAddress! + done, raw.count - done)
                    if n < 0 && errno == EINTR { continue }
                    precondition(n > 0, "write to the server failed")
                    done += n
                }
            }
        }

        func receive(sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
            let next = await mailbox.next(timeout: .seconds(20))
            let bytes = try #require(next, "no message from the server within 20 s", sourceLocation: sourceLocation)
            return try JSONValue.parse(bytes)
        }

        /// The next `count` messages, whatever their order.
        func receive(_ count: Int) async throws -> [JSONValue] {
            var messages: [JSONValue] = []
            for _ in 0..<count { messages.append(try await receive()) }
            return messages
        }

        func closeInput() { close(toServer) }
    }

    /// Serves a real `StdioTransport` on two pipes while `body` plays the client.
    private static func withServerOnPipes(_ body: (PipeClient) async throws -> Void) async throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0)
        #expect(pipe(&output) == 0)
        let (serverInput, serverOutput) = (input[0], output[1])
        let transport = StdioTransport(input: serverInput, output: serverOutput)
        let server = MCPServer(
            configuration: .init(version: "test", shutdownGrace: .seconds(5)), tools: ToolRegistry([askForRoots]))
        let client = PipeClient(toServer: input[1], fromServer: output[0])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await server.run(on: transport)
                close(serverOutput)
                close(serverInput)
            }
            group.addTask { await client.collect() }
            client.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
                "protocolVersion": "2025-06-18", "capabilities": ["roots": ["listChanged": false]],
                "clientInfo": ["name": "pipe-client", "version": "1"],
            ]])
            let initialize = try await client.receive()
            #expect(initialize["id"] == 1)
            #expect(initialize["result"]?["protocolVersion"] == "2025-06-18")
            client.send(["jsonrpc": "2.0", "method": "notifications/initialized"])
            try await body(client)
            client.closeInput()
            try await group.waitForAll()
        }
    }

    private static func callTool(_ id: Int, timeoutMilliseconds: Int) -> JSONValue {
        ["jsonrpc": "2.0", "id": .integer(id), "method": "tools/call", "params": [
            "name": "ask_for_roots", "arguments": ["timeout_ms": .integer(timeoutMilliseconds)],
        ]]
    }

    @Test func theServerAsksTheClientAndTheAnswerReachesTheHandler() async throws {
        try await Self.withServerOnPipes { client in
            client.send(Self.callTool(2, timeoutMilliseconds: 600_000))
            let request = try await client.receive()
            #expect(request["method"] == "roots/list")
            let id = try #require(request["id"])
            #expect(request["result"] == nil && request["error"] == nil, "a request, not a response")
            client.send(["jsonrpc": "2.0", "id": id, "result": ["roots": [["uri": "file:///work/project", "name": "project"]]]])
            let response = try await client.receive()
            #expect(response["id"] == 2)
            #expect(response["result"]?["isError"] == false)
            #expect(response["result"]?["structuredContent"]?["roots"] == [["uri": "file:///work/project", "name": "project"]])

            // A second request gets a new id.
            client.send(Self.callTool(3, timeoutMilliseconds: 600_000))
            let second = try await client.receive()
            let secondID = try #require(second["id"])
            #expect(secondID != id)
            client.send(["jsonrpc": "2.0", "id": secondID, "result": ["roots": []]])
            #expect(try await client.receive()["result"]?["structuredContent"]?["roots"] == [])
        }
    }

    @Test func aClientErrorReachesTheHandlerAsTheClientsError() async throws {
        try await Self.withServerOnPipes { client in
            client.send(Self.callTool(2, timeoutMilliseconds: 600_000))
            let request = try await client.receive()
            let id = try #require(request["id"])
            client.send(["jsonrpc": "2.0", "id": id, "error": ["code": -32601, "message": "Method not found"]])
            let response = try await client.receive()
            #expect(response["result"]?["structuredContent"]?["failure"] == "client_error")
            #expect(response["result"]?["structuredContent"]?["client_code"] == -32601)
        }
    }

    @Test func aClientThatNeverAnswersTimesOutCleanlyAndTheServerKeepsServing() async throws {
        try await Self.withServerOnPipes { client in
            client.send(Self.callTool(2, timeoutMilliseconds: 50))
            let request = try await client.receive()
            #expect(request["method"] == "roots/list")
            let id = try #require(request["id"])
            // The handler gets a timeout; the client is told the request is cancelled.
            let messages = try await client.receive(2)
            let response = try #require(messages.first { $0["id"] == 2 })
            #expect(response["result"]?["structuredContent"]?["failure"] == "timed_out")
            let cancelled = try #require(messages.first { $0["method"] == "notifications/cancelled" })
            #expect(cancelled["params"]?["requestId"] == id)
            // A late answer is dropped, and the connection still works.
            client.send(["jsonrpc": "2.0", "id": id, "result": ["roots": []]])
            client.send(["jsonrpc": "2.0", "id": 3, "method": "ping"])
            let pong = try await client.receive()
            #expect(pong["id"] == 3)
            #expect(pong["result"] == [:])
        }
    }

    @Test func cancellingTheRequestThatAskedCancelsTheQuestionAtTheClient() async throws {
        try await Self.withServerOnPipes { client in
            client.send(Self.callTool(2, timeoutMilliseconds: 600_000))
            let request = try await client.receive()
            let id = try #require(request["id"])
            client.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": 2]])
            let cancelled = try await client.receive()
            #expect(cancelled["method"] == "notifications/cancelled")
            #expect(cancelled["params"]?["requestId"] == id)
            // No response for the cancelled call: the next message answers the ping.
            client.send(["jsonrpc": "2.0", "id": 3, "method": "ping"])
            #expect(try await client.receive()["id"] == 3)
        }
    }

    @Test func theEndOfTheConnectionFailsAQuestionStillPendingAndRefusesNewOnes() async throws {
        let (sent, sentContinuation) = AsyncStream.makeStream(of: JSONRPCMessage.self)
        let pending = OutboundRequests(outbound: { sentContinuation.yield($0) })
        async let answer = pending.send("roots/list", params: nil, timeout: .seconds(600))
        var iterator = sent.makeAsyncIterator()
        let request = await iterator.next()
        guard case .request(let id, "roots/list", nil)? = request else {
            Issue.record("expected the roots/list request, got \(String(describing: request))")
            return
        }
        #expect(id == .int(1))
        pending.close()
        guard case .failure(let error) = await answer else {
            Issue.record("a question pending when the connection ends must fail")
            return
        }
        #expect(error.code == .sessionClosed)
        guard case .failure(let refused) = await pending.send("roots/list", params: nil, timeout: .seconds(600)) else {
            Issue.record("a closed session must refuse new questions")
            return
        }
        #expect(refused.code == .sessionClosed)
        #expect(pending.pendingCount == 0)
        // An answer for a question nobody waits for is reported as unknown.
        #expect(!pending.resolve(id, with: .success(.null)))
    }
}
