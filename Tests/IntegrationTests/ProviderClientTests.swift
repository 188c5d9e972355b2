import Foundation
import MCPCore
import Synchronization
import Testing

/// The OpenAI and Anthropic clients end to end through the real `aios-llm` helper, against the
/// scripted provider servers: streaming, retries, fallbacks, timeouts, cancellation, error
/// wording and keys kept out of errors and command lines.
@Suite(.serialized) struct ProviderClientTests {
    static let openAIKey = "sk-test-openai-9f8e7d6c5b4a39281706"
    static let anthropicKey = "sk-ant-test-1a2b3c4d5e6f7a8b9c0d"
    static let answer = #"{"product":"Café ☕ planner — 日本語 😀","items":[1,2,3]}"#
    static let schema: JSONValue = [
        "type": "object", "properties": ["product": ["type": "string"], "items": ["type": "array", "items": ["type": "integer"]]],
        "required": ["product", "items"], "additionalProperties": false,
    ]
    static let request = ModelRequest(
        model: "fake-model", system: "You are a PM. Answer in JSON.", messages: [ModelMessage(role: .user, text: "Brief: a café planner")],
        schemaName: "strategy_analysis", schema: schema, maxOutputTokens: 2000)
    static let fastRetries = ProviderRetryPolicy(maxRetries: 4, base: .milliseconds(20), cap: .milliseconds(100))
    static var helper: String { Products.directory.appendingPathComponent("aios-llm").path }

    static func openAI(_ server: FakeProvider, key: String = openAIKey, stream: Bool = true, timeouts: ProviderTimeouts = ProviderTimeouts(), policy: ProviderRetryPolicy = fastRetries)
        -> ProviderModelClient
    {
        ProviderModelClient(
            wire: OpenAIChatWire(baseURL: server.baseURL, apiKey: key, authentication: .bearer), apiKey: key, stream: stream, timeouts: timeouts,
            policy: policy, helper: helper)
    }

    static func anthropic(_ server: FakeProvider, authentication: AnthropicMessagesWire.Authentication = .apiKey, stream: Bool = true) -> ProviderModelClient {
        ProviderModelClient(
            wire: AnthropicMessagesWire(baseURL: server.baseURL, apiKey: anthropicKey, authentication: authentication), apiKey: anthropicKey, stream: stream,
            policy: fastRetries, helper: helper)
    }

    /// Collects a client's retry and fallback events.
    final class Events: Sendable {
        let list = Mutex<[ProviderCallEvent]>([])
        var all: [ProviderCallEvent] { list.withLock { $0 } }
        func add(_ event: ProviderCallEvent) { list.withLock { $0.append(event) } }
    }

    // MARK: - OpenAI

    @Test func openAIStreamArrivesWholeThroughSplitUTF8KeepAlivesAndAUsageChunkWithoutChoices() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        for kind in ["null", "missing", "empty"] {
            try await server.script([["answer": Self.answer, "split_utf8": true, "keepalive": true, "usage_chunk": kind, "usage": [31, 17]]])
            let progress = Mutex<[Int]>([])
            let response = try await Self.openAI(server).complete(Self.request) { count in progress.withLock { $0.append(count) } }
            #expect(response.text == Self.answer)
            #expect(response.usage == ModelUsage(promptTokens: 31, completionTokens: 17))
            #expect(response.attempts == 1 && response.model == "fake-model")
            let counts = progress.withLock { $0 }
            #expect(counts.count > 3 && counts == counts.sorted() && counts.last == Self.answer.count, "progress as tokens arrive")
            let seen = try await server.log()
            let headers = seen[0]["headers"] as? [String: String] ?? [:]
            #expect(headers["authorization"] == "Bearer \(Self.openAIKey)")
            let body = seen[0]["body"] as? [String: Any] ?? [:]
            let format = body["response_format"] as? [String: Any] ?? [:]
            #expect(format["type"] as? String == "json_schema" && (format["json_schema"] as? [String: Any])?["strict"] as? Bool == true)
        }
    }

    @Test func openAIWholeAnswerWhenStreamingIsOff() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        try await server.script([["answer": Self.answer, "usage": [5, 6]]])
        let response = try await Self.openAI(server, stream: false).complete(Self.request) { _ in }
        #expect(response.text == Self.answer && response.usage == ModelUsage(promptTokens: 5, completionTokens: 6))
        #expect((try await server.log())[0]["body"].flatMap { ($0 as? [String: Any])?["stream"] } == nil)
    }

    @Test func transientFaultsAreRetriedAndCounted() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        try await server.script([
            ["status": 429, "headers": ["Retry-After": "0"]], ["status": 500], ["answer": Self.answer, "cut_after": 2], ["status": 529],
            ["answer": Self.answer],
        ])
        let events = Events()
        let response = try await Self.openAI(server).observed(by: events.add).complete(Self.request) { _ in }
        #expect(response.text == Self.answer)
        #expect(response.attempts == 5)
        let reasons = events.all.compactMap { event -> String? in
            if case .retrying(_, let reason, _) = event { return reason }
            return nil
        }
        #expect(reasons.count == 4)
        #expect(reasons[0].hasPrefix("HTTP 429") && reasons[1].hasPrefix("HTTP 500") && reasons[3].hasPrefix("HTTP 529"))
        #expect(reasons[2].contains("connection lost") || reasons[2].contains("ended before the answer was complete"), "\(reasons[2])")
        #expect(events.all.first == .retrying(attempt: 1, reason: reasons[0], delay: .zero), "Retry-After: 0 is honoured")
        let outcomes = try await server.log().map { $0["outcome"] as? String ?? "" }
        #expect(outcomes == ["error", "error", "cut", "error", "answered"])
    }

    @Test func retriesEndWithAPlainErrorThatCountsTheAttempts() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        try await server.script(Array(repeating: ["status": 503], count: 3))
        let client = Self.openAI(server, policy: ProviderRetryPolicy(maxRetries: 2, base: .milliseconds(10), cap: .milliseconds(20)))
        await #expect(throws: ModelError(.unavailable, "openai did not answer after 3 attempts: HTTP 503: scripted status 503", status: 503)) {
            try await client.complete(Self.request) { _ in }
        }
    }

    @Test func refusalsAreNotRetriedAndNeverQuoteTheKey() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        let wrongKey = "sk-wrong-key-5e4d3c2b1a0f9e8d7c6b"
        try await server.script([["echo_key": true]])
        do {
            _ = try await Self.openAI(server, key: wrongKey).complete(Self.request) { _ in }
            Issue.record("a wrong key was accepted")
        } catch let error as ModelError {
            #expect(error.kind == .refused && error.status == 401)
            #expect(error.message.hasPrefix("openai refused the API key (HTTP 401): check OPENAI_API_KEY or AIOS_LLM_API_KEY"))
            #expect(error.message.contains("Incorrect API key provided: [REDACTED]"), "the echoed key is masked: \(error.message)")
            #expect(!error.message.contains(wrongKey) && !error.message.contains("5e4d3c2b"))
        }
        #expect(try await server.log().count == 1, "401 is not retried")

        try await server.script([
            ["status": 404, "error": ["error": ["message": "The model `fake-model` does not exist", "code": "model_not_found"]]],
            ["status": 400, "error": ["error": ["message": "This model's maximum context length is 8192 tokens.", "code": "context_length_exceeded"]]],
        ])
        await #expect(throws: ModelError(.refused, "openai does not know model 'fake-model', or AIOS_LLM_BASE_URL is wrong (HTTP 404): The model `fake-model` does not exist", status: 404)) {
            try await Self.openAI(server).complete(Self.request) { _ in }
        }
        await #expect(
            throws: ModelError(.refused, "the prompt is longer than model 'fake-model' accepts (context too long, HTTP 400): This model's maximum context length is 8192 tokens.", status: 400)
        ) {
            try await Self.openAI(server).complete(Self.request) { _ in }
        }
        #expect(try await server.log().count == 2)
    }

    @Test func aServerWithoutJSONSchemaGetsJSONMode() async throws {
        let server = try await FakeProvider("openai", key: nil)
        try await server.script([
            ["status": 400, "error": ["error": ["message": "response_format type json_schema is not supported by this server"]]], ["answer": Self.answer],
        ])
        let events = Events()
        let client = Self.openAI(server).observed(by: events.add)
        let response = try await client.complete(Self.request) { _ in }
        #expect(response.text == Self.answer && response.attempts == 2)
        let bodies = try await server.log().map { $0["body"] as? [String: Any] ?? [:] }
        #expect((bodies[1]["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        #expect(events.all.count == 1)
        // Learned for the process's later calls.
        try await server.script([["answer": Self.answer]])
        _ = try await client.complete(Self.request) { _ in }
        #expect((try await server.log()[0]["body"] as? [String: Any]).flatMap { ($0["response_format"] as? [String: Any])?["type"] as? String } == "json_object")
    }

    // MARK: - Timeouts and cancellation

    @Test func aFirstByteThatNeverComesTimesOutAndClosesTheConnection() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        let timeouts = ProviderTimeouts(connect: .seconds(1), firstToken: .seconds(30), total: .seconds(60))
        try await server.script([["stall": "headers"]])
        await #expect(throws: ModelError(.timedOut, "openai exceeded the connect timeout of 1 s (model 'fake-model')")) {
            try await Self.openAI(server, timeouts: timeouts).complete(Self.request) { _ in }
        }
        #expect(try await server.outcome(of: 0)["outcome"] as? String == "disconnected")

        try await server.script([["stall": "body"]])
        let firstToken = ProviderTimeouts(connect: .seconds(30), firstToken: .seconds(1), total: .seconds(60))
        await #expect(throws: ModelError(.timedOut, "openai exceeded the first token timeout of 1 s (model 'fake-model')")) {
            try await Self.openAI(server, timeouts: firstToken).complete(Self.request) { _ in }
        }
        #expect(try await server.outcome(of: 0)["outcome"] as? String == "disconnected")
    }

    @Test func aStreamThatOutlivesTheWholeCallLimitIsStopped() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        try await server.script([["answer": Self.answer, "repeat": 5000, "delay": 0.01]])
        let client = ProviderModelClient(
            wire: AnthropicMessagesWire(baseURL: server.baseURL, apiKey: Self.anthropicKey, authentication: .apiKey), apiKey: Self.anthropicKey,
            timeouts: ProviderTimeouts(connect: .seconds(30), firstToken: .seconds(30), total: .seconds(2)), policy: Self.fastRetries, helper: Self.helper)
        let received = Mutex(0)
        await #expect(throws: ModelError(.timedOut, "anthropic exceeded the total timeout of 2 s (model 'fake-model')")) {
            try await client.complete(Self.request) { count in received.withLock { $0 = count } }
        }
        #expect(received.withLock { $0 } > 0, "tokens had arrived: the first-token limit did not apply")
        #expect(try await server.outcome(of: 0)["outcome"] as? String == "disconnected")
    }

    @Test func aMissingHelperIsAPlainError() async throws {
        let client = ProviderModelClient(
            wire: OpenAIChatWire(baseURL: "http://127.0.0.1:9/v1", apiKey: nil, authentication: .bearer), apiKey: nil, helper: "/nonexistent/aios-llm")
        do {
            _ = try await client.complete(Self.request) { _ in }
            Issue.record("a call without its helper succeeded")
        } catch let error as ModelError {
            #expect(error.kind == .unavailable && error.message.contains("the model client could not be started: cannot start /nonexistent/aios-llm"))
        }
    }

    @Test func cancellingMidStreamClosesTheConnectionAtOnce() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        try await server.script([["answer": Self.answer, "repeat": 2000, "delay": 0.01, "chunk": 3]])
        let (started, signal) = AsyncStream<Void>.makeStream()
        let client = Self.anthropic(server)
        let call = Task { try await client.complete(Self.request) { _ in signal.yield() } }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()  // tokens are arriving
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        let entry = try await server.outcome(of: 0)
        #expect(entry["outcome"] as? String == "disconnected", "the provider saw the connection close")
    }

    @Test func theHelperEndsWhenItsParentGoesAway() async throws {
        // A parent that dies closes its end of the helper's stdin (the kernel closes every
        // descriptor); closing it here is the same event.
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        try await server.script([["stall": "body"]])
        let helper = Process()
        helper.executableURL = URL(fileURLWithPath: Self.helper)
        let input = ChildPipe()
        let output = ChildPipe()
        try helper.run(stdin: input, stdout: output)
        let line = ProviderHTTPRequest(url: server.baseURL + "/chat/completions", headers: [("Authorization", "Bearer \(Self.openAIKey)")], body: #"{"model":"m","messages":[],"stream":true}"#)
        try input.fileHandleForWriting.write(contentsOf: Data(#"{"url":"\#(line.url)","headers":[["Authorization","Bearer \#(Self.openAIKey)"]],"body":"{\"model\":\"m\",\"messages\":[],\"stream\":true}"}"#.utf8 + [0x0a]))
        // The response head arrives: the call is in flight.
        let head = try await onThreadOfItsOwn { () -> String in
            var bytes = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0a]) { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(head.contains(#""event":"response""#) && head.contains(#""status":200"#))
        #expect(try Self.commandLines().allSatisfy { !$0.contains(Self.openAIKey) }, "the key is on no command line")
        try input.fileHandleForWriting.close()
        #expect(try await server.outcome(of: 0)["outcome"] as? String == "disconnected")
        #expect(helper.waitForTermination() == Termination(status: 0, bySignal: false))
    }

    // MARK: - Anthropic

    @Test func anthropicStreamsAForcedToolCallWithPingsAndSplitUTF8() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        for authentication in [AnthropicMessagesWire.Authentication.apiKey, .bearer] {
            try await server.script([["answer": Self.answer, "split_utf8": true, "keepalive": true, "usage": [40, 22]]])
            let response = try await Self.anthropic(server, authentication: authentication).complete(Self.request) { _ in }
            #expect(response.text == Self.answer && response.usage == ModelUsage(promptTokens: 40, completionTokens: 22) && response.attempts == 1)
            let seen = try await server.log()[0]
            let headers = seen["headers"] as? [String: String] ?? [:]
            #expect(headers["anthropic-version"] == "2023-06-01")
            if authentication == .apiKey {
                #expect(headers["x-api-key"] == Self.anthropicKey && headers["authorization"] == nil)
            } else {
                #expect(headers["authorization"] == "Bearer \(Self.anthropicKey)" && headers["x-api-key"] == nil)
            }
            let body = seen["body"] as? [String: Any] ?? [:]
            #expect((body["tool_choice"] as? [String: String]) == ["type": "tool", "name": "strategy_analysis"])
        }
    }

    @Test func anthropicOverloadIsRetriedInTheStatusAndInTheStream() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        try await server.script([
            ["status": 529], ["answer": Self.answer, "stream_error": "overloaded_error"], ["status": 429, "headers": ["retry-after-ms": "30"]],
            ["answer": Self.answer],
        ])
        let events = Events()
        let response = try await Self.anthropic(server).observed(by: events.add).complete(Self.request) { _ in }
        #expect(response.text == Self.answer && response.attempts == 4)
        #expect(events.all.count == 3)
        #expect(events.all.last == .retrying(attempt: 3, reason: "HTTP 429: scripted status 429", delay: .milliseconds(30)), "retry-after-ms is honoured")
    }

    @Test func anthropicWholeAnswer() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        try await server.script([["answer": Self.answer, "usage": [3, 4]]])
        let response = try await Self.anthropic(server, stream: false).complete(Self.request) { _ in }
        let parsed = try JSONValue.parse(Array(response.text.utf8))
        #expect(parsed == (try JSONValue.parse(Array(Self.answer.utf8))) && response.usage == ModelUsage(promptTokens: 3, completionTokens: 4))
    }

    // MARK: - aiosctl engine check

    static func engineEnvironment(_ server: FakeProvider, key: String) -> [String: String] {
        [
            "AIOS_ENGINE": server.api, "AIOS_LLM_BASE_URL": server.baseURL, "AIOS_LLM_MODEL": "fake-model", "AIOS_LLM_MODEL_UX": "fake-small",
            server.api == "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY": key, "AIOS_LLM_CONNECT_TIMEOUT": "30",
        ]
    }

    @Test func engineCheckCallsEachConfiguredModel() async throws {
        let server = try await FakeProvider("anthropic", key: Self.anthropicKey)
        try await server.script([["status": 529], ["answer": #"{"ok":true}"#], ["answer": #"{"ok":true}"#]])
        let result = try await onThreadOfItsOwn {
            try runProcess(Products.aiosctl, ["engine", "check", "--json"], environment: Self.engineEnvironment(server, key: Self.anthropicKey))
        }
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONValue.parse(Array(result.stdout))
        #expect(report["ok"] == true && report["engine"] == "anthropic")
        #expect(report["models"]?[0]?["model"] == "fake-model" && report["models"]?[0]?["attempts"] == 2 && report["models"]?[0]?["answer_matches_schema"] == true)
        #expect(report["models"]?[1]?["model"] == "fake-small" && report["models"]?[1]?["phases"] == "ux")
        #expect(!result.stdoutText.contains(Self.anthropicKey) && !result.stderrText.contains(Self.anthropicKey))

        let wrong = try await onThreadOfItsOwn {
            try runProcess(Products.aiosctl, ["engine", "check"], environment: Self.engineEnvironment(server, key: "sk-ant-wrong-77777777777777777"))
        }
        #expect(wrong.status == 1 && wrong.stdoutText.contains("anthropic refused the API key (HTTP 401)"))
        let bad = try await onThreadOfItsOwn { try runProcess(Products.aiosctl, ["engine", "check"], environment: ["AIOS_ENGINE": "anthropic", "ANTHROPIC_API_KEY": ""]) }
        #expect(bad.status == 2 && bad.stderrText.contains("AIOS_ENGINE=anthropic needs an API key: set ANTHROPIC_API_KEY"))
    }

    @Test func aProcessKilledMidCallTakesItsCallWithIt() async throws {
        let server = try await FakeProvider("openai", key: Self.openAIKey)
        try await server.script([["stall": "body"]])
        let parent = try ChildProcess(Products.aiosctl, ["engine", "check"], environment: Self.engineEnvironment(server, key: Self.openAIKey))
        defer { parent.killIfRunning() }
        #expect(try await server.arrived(0), "the call reached the provider")
        let lines = try Self.commandLines()
        // aiosctl starts the helper beside its own resolved path; the products directory may be
        // a symbolic link (.build/release), so either spelling names the helper.
        let helpers = [Self.helper, URL(fileURLWithPath: Self.helper).resolvingSymlinksInPath().path]
        #expect(lines.contains { line in helpers.contains { line.hasPrefix($0 + "\0") } }, "the call runs in an aios-llm helper")
        #expect(lines.allSatisfy { !$0.contains(Self.openAIKey) }, "the key is on no command line")
        parent.send(SIGKILL)
        #expect(try await server.outcome(of: 0)["outcome"] as? String == "disconnected", "the provider saw the connection close")
    }

    // MARK: - The servers themselves

    @Test func theOfficialSDKsReadTheScriptedServers() async throws {
        let script = Products.root.appendingPathComponent("Tests/Interop/provider_sdk_check.py").path
        let result = try await onThreadOfItsOwn { try runProcess(Products.python, [script], timeout: 300) }
        #expect(result.status == 0, "\(result.stdoutText)\n\(result.stderrText)")
        #expect(result.stdoutText.contains("all 15 checks passed"))
    }

    /// Every process's command line, readable ones only.
    static func commandLines() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
