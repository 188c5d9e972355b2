import Synchronization
import Testing
@testable import MCPCore

/// Events a test waits for, in order.
final class Signals: Sendable {
    private let mailbox = Mailbox()
    func send(_ event: String) { Task { await mailbox.push(Array(event.utf8)) } }
    /// The next event; fails the test after 10 s.
    func next(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let bytes = try #require(await mailbox.next(timeout: .seconds(10)), "no event within 10 s", sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }
}

@Suite struct MCPCancellationTests {
    /// A tool that works until cancelled, saying when it starts and how it stopped.
    static func endlessTool(_ signals: Signals) -> Tool {
        Tool(
            name: "endless", title: "Endless", description: "Works until cancelled.", inputSchema: ["type": "object"],
            outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, _ in
            signals.send("started")
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch is CancellationError {
                signals.send("cancelled")
                throw CancellationError()
            }
            signals.send("finished")
            return [:]
        }
    }

    @Test("cancelling stops the work and suppresses the response", arguments: [JSONValue.int(7), .string("req-7")])
    func cancellationReachesTheWork(id: JSONValue) async throws {
        let signals = Signals()
        try await ServerHarness.serve(tools: [Self.endlessTool(signals)]) { server in
            try await server.initialize()
            server.send(["jsonrpc": "2.0", "id": id, "method": "tools/call", "params": ["name": "endless"]])
            #expect(try await signals.next() == "started")
            server.send(["jsonrpc": "2.0", "method": "notifications/cancelled", "params": ["requestId": id, "reason": "user"]])
            #expect(try await signals.next() == "cancelled", "the handler's task was cancelled, not merely flagged")
            let ping = try await server.request(8, "ping")
            #expect(ping["id"] == 8, "no response for the cancelled request")
        }
    }

    @Test func unknownAndFinishedRequestsAreIgnored() async throws {
        let trailing = try await ServerHarness.serve(tools: [MCPServerTests.echoTool()]) { server in
            try await server.initialize()
            let call = try await server.request(1, "tools/call", ["name": "echo", "arguments": ["text": "hi"]])
            #expect(call["result"]?["isError"] == false)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}"#)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"never-sent"}}"#)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{}}"#)
            #expect(try await server.request(2, "ping")["id"] == 2)
        }
        #expect(trailing.isEmpty)
    }

    @Test func flagWaitReturnsOnCancelAndOnTaskCancellation() async {
        let flag = CancellationFlag()
        async let waited: Void = flag.wait()
        flag.cancel()
        await waited
        #expect(flag.isCancelled)
        await flag.wait()  // already set: returns at once

        let other = CancellationFlag()
        let task = Task { await other.wait() }
        task.cancel()
        await task.value
        #expect(!other.isCancelled, "task cancellation ends the wait without setting the flag")
    }

    @Test func cancellingTheFlagCancelsTheTaskRunningInsideIt() async throws {
        let flag = CancellationFlag()
        let started = Signals()
        let outcome = Task {
            await flag.run { () async -> String in
                started.send("running")
                do {
                    try await Task.sleep(for: .seconds(3600))
                    return "slept"
                } catch {
                    return "cancelled"
                }
            }
        }
        #expect(try await started.next() == "running")
        flag.cancel()
        #expect(await outcome.value == "cancelled")
        flag.cancel()  // after run returned: nothing left to cancel, and no crash
        #expect(flag.isCancelled)
    }

    @Test func aFlagSetBeforehandStartsTheWorkCancelled() async {
        let flag = CancellationFlag()
        flag.cancel()
        let sawCancellation = await flag.run { () async -> Bool in Task.isCancelled }
        #expect(sawCancellation)
    }

    @Test func workThatEndsBeforeAnyCancelIsNotCancelled() async {
        let flag = CancellationFlag()
        let value = await flag.run { () async -> Int in
            await Task.yield()
            return Task.isCancelled ? -1 : 42
        }
        #expect(value == 42)
        flag.cancel()
        #expect(!Task.isCancelled, "cancel after run does not reach the caller's task")
    }
}
