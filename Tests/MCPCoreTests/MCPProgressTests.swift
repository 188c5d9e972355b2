import Synchronization
import Testing
@testable import MCPCore

/// Captures what a reporter sends, without a server.
fileprivate final class Sent: Sendable {
    let messages = Mutex<[JSONRPCMessage]>([])
    var progress: [JSONObject] {
        messages.withLock { $0 }.compactMap { message in
            if case .notification("notifications/progress", let params?) = message { return params }
            return nil
        }
    }
}

/// Keeps a request's context for use after its response.
final class ContextBox: Sendable {
    let context = Mutex<RequestContext?>(nil)
}

@Suite struct MCPProgressTests {
    static let brief = "A booking app for yoga studios: members book classes and pay for passes, teachers manage their schedule, studio owners see attendance reports."

    @Test func progressStrictlyIncreasesAndCarriesTotalAndMessage() {
        let sent = Sent()
        let reporter = ProgressReporter(
            token: "tok", minimumInterval: .zero, notifier: RequestNotifier(outbound: { message in sent.messages.withLock { $0.append(message) } }))
        #expect(reporter.report(1, total: 4, message: "one"))
        #expect(!reporter.report(1, total: 4, message: "same again"), "equal progress is not an increase")
        #expect(!reporter.report(0.5, total: 4), "progress never goes back")
        #expect(reporter.report(2.5, total: 4, message: "two and a half"))
        let values = sent.progress.map { $0["progress"] }
        #expect(values == [1, 2.5])
        #expect(sent.progress.allSatisfy { $0["progressToken"] == "tok" && $0["total"] == 4 })
        #expect(sent.progress.map { $0["message"] } == ["one", "two and a half"])
    }

    @Test func reportsAreRateLimitedButTheFinalOneAlwaysGoesOut() {
        let sent = Sent()
        let reporter = ProgressReporter(
            token: 7, minimumInterval: .seconds(3600), notifier: RequestNotifier(outbound: { message in sent.messages.withLock { $0.append(message) } }))
        #expect(reporter.report(1, total: 10))
        for step in 2...9 { #expect(!reporter.report(Double(step), total: 10), "step \(step) is within the interval") }
        #expect(reporter.report(10, total: 10), "reaching the total is always reported")
        #expect(sent.progress.map { $0["progress"] } == [1, 10])
    }

    @Test("no token, or an unusable one, sends nothing", arguments: [JSONValue?.none, .some(.null), .some(.bool(true)), .some(.double(1.5))])
    func noTokenNoProgress(token: JSONValue?) {
        let sent = Sent()
        let reporter = ProgressReporter(
            token: token, minimumInterval: .zero, notifier: RequestNotifier(outbound: { message in sent.messages.withLock { $0.append(message) } }))
        #expect(!reporter.isEnabled)
        #expect(!reporter.report(1, total: 1))
        #expect(sent.messages.withLock { $0.isEmpty })
    }

    @Test func nothingIsSentOnceTheNotifierIsClosed() {
        let sent = Sent()
        let notifier = RequestNotifier(outbound: { message in sent.messages.withLock { $0.append(message) } })
        let reporter = ProgressReporter(token: "t", minimumInterval: .zero, notifier: notifier)
        #expect(reporter.report(1, total: 2))
        notifier.close()
        #expect(!reporter.report(2, total: 2))
        #expect(sent.progress.count == 1)
    }

    static func stepsTool(_ box: ContextBox) -> Tool {
        Tool(
            name: "steps", title: "Steps", description: "Reports three steps.", inputSchema: ["type": "object"],
            outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, context in
            for step in 1...3 { context.progress.report(Double(step), total: 3, message: "step \(step) of 3") }
            box.context.withLock { $0 = context }
            return ["done": true]
        }
    }

    @Test func agentToolsReportStartAndEndBeforeTheirResponse() async throws {
        try await ServerHarness.serve(tools: AgentTools.make()) { server in
            try await server.initialize()
            let (response, notifications) = try await server.call(1, "tools/call", [
                "name": "aios_strategize", "arguments": ["spec": .string(Self.brief)], "_meta": ["progressToken": "p1"],
            ])
            #expect(response["result"]?["isError"] == false)
            let progress = notifications.filter { $0["method"] == "notifications/progress" }.map { $0["params"] ?? .null }
            #expect(progress.map { $0["progress"] } == [0, 1])
            #expect(progress.allSatisfy { $0["total"] == 1 && $0["progressToken"] == "p1" })
            #expect(progress.last?["message"]?.stringValue?.contains("@pm") == true)
            let plain = try await server.call(2, "tools/call", ["name": "aios_strategize", "arguments": ["spec": .string(Self.brief)]])
            #expect(plain.notifications.isEmpty, "no progress without a progressToken")
        }
    }

    @Test func progressStopsAtTheResponse() async throws {
        let box = ContextBox()
        try await ServerHarness.serve(tools: [Self.stepsTool(box)]) { server in
            try await server.initialize()
            let (response, notifications) = try await server.call(1, "tools/call", ["name": "steps", "_meta": ["progressToken": 42]])
            #expect(response["result"]?["structuredContent"] == ["done": true])
            #expect(notifications.map { $0["params"]?["progress"] } == [1, 2, 3])
            let context = try #require(box.context.withLock { $0 })
            #expect(!context.progress.report(4, total: 5), "a report after the response is refused")
            context.notify("notifications/message", ["level": "info", "data": "late"])
            let ping = try await server.request(2, "ping")
            #expect(ping["id"] == 2, "the next message is the ping's response: nothing was sent after the tool's response")
        }
    }
}
