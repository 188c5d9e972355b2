import Testing
@testable import MCPCore

/// Messages the server sent, queued for a test to take one at a time.
actor Mailbox {
    private var queue: [[UInt8]] = []
    private var waiter: (id: Int, continuation: CheckedContinuation<[UInt8]?, Never>)?
    private var closed = false
    private var nextWaiterID = 0

    func push(_ message: [UInt8]) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: message)
        } else {
            queue.append(message)
        }
    }

    func close() {
        closed = true
        waiter?.continuation.resume(returning: nil)
        waiter = nil
    }

    /// The next message; `nil` when the stream ended or `timeout` passed first.
    func next(timeout: Duration) async -> [UInt8]? {
        if !queue.isEmpty { return queue.removeFirst() }
        if closed { return nil }
        nextWaiterID += 1
        let id = nextWaiterID
        return await withCheckedContinuation { continuation in
            waiter = (id, continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    /// Everything left once the stream has ended.
    func drain() -> [[UInt8]] {
        defer { queue.removeAll() }
        return queue
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: nil)
    }
}

/// Drives an in-process ``MCPServer`` over an ``InMemoryTransport``, line by line.
final class ServerHarness: Sendable {
    let transport: InMemoryTransport
    let server: MCPServer
    let mailbox = Mailbox()

    init(features: ServerFeatures, maxLineBytes: Int, configuration: MCPServer.Configuration) {
        transport = InMemoryTransport(maxLineBytes: maxLineBytes)
        server = MCPServer(configuration: configuration, features: features)
    }

    init(server: MCPServer, maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
        transport = InMemoryTransport(maxLineBytes: maxLineBytes)
        self.server = server
    }

    /// Like ``serve(features:maxLineBytes:configuration:_:)`` for a server built by the test.
    @discardableResult
    static func serve(server: MCPServer, _ body: (ServerHarness) async throws -> Void) async throws -> [JSONValue] {
        try await run(ServerHarness(server: server), body)
    }

    /// Runs `body` while the server serves; then closes input and waits for the server to return.
    /// Returns the messages sent after `body` finished.
    @discardableResult
    static func serve(tools: [Tool] = [], maxLineBytes: Int = LineFramer.defaultMaxLineBytes, _ body: (ServerHarness) async throws -> Void) async throws -> [JSONValue] {
        try await serve(features: ServerFeatures(tools: ToolRegistry(tools)), maxLineBytes: maxLineBytes, body)
    }

    /// Like ``serve(tools:maxLineBytes:_:)`` for a server with `features`.
    @discardableResult
    static func serve(
        features: ServerFeatures, maxLineBytes: Int = LineFramer.defaultMaxLineBytes,
        configuration: MCPServer.Configuration = .init(version: "test", instructions: "test server", progressInterval: .zero),
        _ body: (ServerHarness) async throws -> Void
    ) async throws -> [JSONValue] {
        try await run(ServerHarness(features: features, maxLineBytes: maxLineBytes, configuration: configuration), body)
    }

    private static func run(_ harness: ServerHarness, _ body: (ServerHarness) async throws -> Void) async throws -> [JSONValue] {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in harness.transport.sent { await harness.mailbox.push(message) }
                await harness.mailbox.close()
            }
            group.addTask {
                await harness.server.run(on: harness.transport)
                harness.transport.closeOutput()
            }
            try await body(harness)
            harness.transport.closeInput()
            try await group.waitForAll()
        }
        return try await harness.mailbox.drain().map { try JSONValue.parse($0) }
    }

    func send(_ line: String) { transport.deliver(line: line) }

    /// The next message the server sent, as its bytes.
    func receiveBytes(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [UInt8] {
        try #require(await mailbox.next(timeout: .seconds(10)), "no message from the server within 10 s", sourceLocation: sourceLocation)
    }

    func send(_ value: JSONValue) { transport.deliver(line: value.jsonText) }

    /// The next message the server sent, parsed; fails the test after 10 s without one.
    func receive(sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let next = await mailbox.next(timeout: .seconds(10))
        let bytes = try #require(next, "no message from the server within 10 s", sourceLocation: sourceLocation)
        #expect(!bytes.contains(0x0A), "a message must be one line", sourceLocation: sourceLocation)
        return try JSONValue.parse(bytes)
    }

    /// Sends a request and returns the response with the same id.
    func request(_ id: Int, _ method: String, _ params: JSONObject? = nil) async throws -> JSONValue {
        var message: JSONObject = ["jsonrpc": "2.0", "id": .integer(id), "method": .string(method)]
        if let params { message["params"] = .object(params) }
        send(.object(message))
        return try await receive()
    }

    /// Sends a request and returns its response with the notifications that came before it.
    func call(_ id: Int, _ method: String, _ params: JSONObject? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> (response: JSONValue, notifications: [JSONValue])
    {
        var message: JSONObject = ["jsonrpc": "2.0", "id": .integer(id), "method": .string(method)]
        if let params { message["params"] = .object(params) }
        send(.object(message))
        return try await response(to: id, sourceLocation: sourceLocation)
    }

    /// Sends a request and returns its response, skipping notifications that come first.
    func answer(_ id: Int, _ method: String, _ params: JSONObject? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call(id, method, params, sourceLocation: sourceLocation).response
    }

    /// Reads messages until the response to `id`; returns it and the notifications before it.
    func response(to id: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (response: JSONValue, notifications: [JSONValue]) {
        var notifications: [JSONValue] = []
        while true {
            let message = try await receive(sourceLocation: sourceLocation)
            if message["id"] == .integer(id) { return (message, notifications) }
            notifications.append(message)
        }
    }

    /// Reads messages until one with `method`; returns it and what came before it.
    func notification(_ method: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (message: JSONValue, before: [JSONValue]) {
        var before: [JSONValue] = []
        while true {
            let message = try await receive(sourceLocation: sourceLocation)
            if message["method"]?.stringValue == method { return (message, before) }
            before.append(message)
        }
    }

    func initialize(version: String = "2025-11-25") async throws {
        let response = try await request(0, "initialize", [
            "protocolVersion": .string(version), "capabilities": [:],
            "clientInfo": ["name": "harness", "version": "1"],
        ])
        #expect(response["result"]?["protocolVersion"] == .string(version))
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }
}

/// A gate a test opens to let a handler finish.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self) }
    func open() { continuation.finish() }
    func wait() async { for await _ in stream {} }
}
