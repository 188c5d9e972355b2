import AIOSAgents
import AIOSJSON
import AIOSLogging
import Testing
@testable import MCPCore

/// The provider wire without the network: SSE, the two APIs' request and answer formats, error
/// judgement, the retry policy and the configuration read from the environment.
@Suite struct ProviderWireTests {
    static let schema: JSONValue = ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"], "additionalProperties": false]
    static let request = ModelRequest(
        model: "m-1", system: "You are a PM.", messages: [ModelMessage(role: .user, text: "Brief: a café")], schemaName: "strategy_analysis",
        schema: schema, maxOutputTokens: 900)

    static func events(_ text: String, pieces: Int) -> [ServerSentEvent] {
        var parser = ServerSentEventParser()
        let bytes = Array(text.utf8)
        var events: [ServerSentEvent] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + pieces)
            events += parser.feed(Array(bytes[index..<end]))
            index = end
        }
        return events + parser.finish()
    }

    // MARK: - Server-sent events

    @Test(arguments: [1, 2, 3, 5, 1000])
    func sseKeepsUTF8SplitAcrossPiecesAndSkipsComments(pieces: Int) {
        let text = ": keep-alive\n\nevent: x\ndata: café ☕ 日本 😀\r\n\r\n: ping\n\ndata: a\ndata: b\n\nid: 4\nretry: 9\ndata: [DONE]\n\n"
        let events = Self.events(text, pieces: pieces)
        #expect(events == [ServerSentEvent(event: "x", data: "café ☕ 日本 😀"), ServerSentEvent(event: nil, data: "a\nb"), ServerSentEvent(event: nil, data: "[DONE]")])
    }

    @Test func sseDeliversAnEventWithoutItsBlankLineAtTheEnd() {
        #expect(Self.events("data: {\"a\":1}", pieces: 4) == [ServerSentEvent(event: nil, data: "{\"a\":1}")])
    }

    // MARK: - OpenAI

    static let openai = OpenAIChatWire(baseURL: "https://api.example.test/v1", apiKey: "sk-test-0123456789abcdefghijkl", authentication: .bearer)

    @Test func openAIRequestAsksForStrictJSONSchemaAndStreamUsage() throws {
        let http = Self.openai.request(Self.request, stream: true, options: ProviderWireOptions())
        #expect(http.url == "https://api.example.test/v1/chat/completions")
        #expect(http.headers.contains { $0.name == "Authorization" && $0.value == "Bearer sk-test-0123456789abcdefghijkl" })
        let body = try JSONValue.parse(Array(http.body.utf8))
        #expect(body["response_format"]?["type"] == "json_schema")
        #expect(body["response_format"]?["json_schema"]?["strict"] == true)
        #expect(body["response_format"]?["json_schema"]?["name"] == "strategy_analysis")
        #expect(body["response_format"]?["json_schema"]?["schema"] == Self.schema)
        #expect(body["messages"]?[0]?["role"] == "system" && body["messages"]?[1]?["content"] == "Brief: a café")
        #expect(body["stream"] == true && body["stream_options"]?["include_usage"] == true && body["max_tokens"] == 900)
        #expect(!http.body.contains("sk-test"), "the key travels in a header only")
    }

    @Test func openAIFallsBackToJSONModeWhenTheServerRefusesJSONSchema() throws {
        let refusal = Array(#"{"error":{"message":"Unknown parameter: response_format.json_schema","type":"invalid_request_error"}}"#.utf8)
        let fault = Self.openai.fault(status: 400, headers: [:], body: refusal, request: Self.request, options: ProviderWireOptions())
        guard case .fallback(let options, _) = fault else {
            Issue.record("expected a fallback, got \(fault)")
            return
        }
        #expect(!options.strictSchema)
        let body = try JSONValue.parse(Array(Self.openai.request(Self.request, stream: false, options: options).body.utf8))
        #expect(body["response_format"] == ["type": "json_object"])
        #expect(body["messages"]?[0]?["content"]?.stringValue?.contains("\"additionalProperties\":false") == true, "the schema goes into the prompt")
        // The same refusal a second time (already in JSON mode) is final.
        #expect(!(Self.openai.fault(status: 400, headers: [:], body: refusal, request: Self.request, options: options).isFallback))
        let tokens = Array(#"{"error":{"message":"Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead."}}"#.utf8)
        guard case .fallback(let next, _) = Self.openai.fault(status: 400, headers: [:], body: tokens, request: Self.request, options: ProviderWireOptions()) else {
            Issue.record("expected a fallback to max_completion_tokens")
            return
        }
        let retried = try JSONValue.parse(Array(Self.openai.request(Self.request, stream: false, options: next).body.utf8))
        #expect(retried["max_completion_tokens"] == 900 && retried["max_tokens"] == nil)
    }

    @Test(arguments: ["\"choices\":[],", "\"choices\":null,", ""])
    func openAIStreamReadsContentAndTheUsageOnlyChunk(choices: String) throws {
        let stream = """
            data: {"model":"m-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

            : keep-alive

            data: {"model":"m-1","choices":[{"index":0,"delta":{"content":"{\\"name\\":"},"finish_reason":null}]}

            data: {"model":"m-1","choices":[{"index":0,"delta":{"content":"\\"Café ☕\\"}"},"finish_reason":null}]}

            data: {"model":"m-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

            data: {"model":"m-1-2025",\(choices)"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}

            data: [DONE]


            """
        var reader = Self.openai.streamReader(maxOutputTokens: 900)
        var progress = 0
        for event in Self.events(stream, pieces: 3) { progress += try reader.take(event) }
        let answer = try reader.finish()
        #expect(answer == ProviderAnswer(text: "{\"name\":\"Café ☕\"}", model: "m-1-2025", usage: ModelUsage(promptTokens: 12, completionTokens: 7)))
        #expect(progress == answer.text.count)
    }

    @Test func openAIStreamCutBeforeItsEndIsRetried() throws {
        var reader = Self.openai.streamReader(maxOutputTokens: 900)
        _ = try reader.take(ServerSentEvent(event: nil, data: #"{"choices":[{"index":0,"delta":{"content":"{\"na"}}]}"#))
        #expect(throws: ProviderFault.self) { try reader.finish() }
        do {
            _ = try reader.finish()
        } catch {
            guard case .retryable = error else {
                Issue.record("a cut stream must be retryable, got \(error)")
                return
            }
        }
    }

    @Test func openAIAnswerCutAtTheTokenLimitSaysSo() throws {
        let body = Array(#"{"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"{\"na"},"finish_reason":"length"}]}"#.utf8)
        #expect(throws: ProviderFault.fatal(ModelError(.malformedResponse, "the answer was cut off at the output limit of 900 tokens"))) {
            try Self.openai.answer(body: body, maxOutputTokens: 900)
        }
    }

    @Test func openAIWholeAnswer() throws {
        let body = Array(
            #"{"id":"x","object":"chat.completion","model":"m-1","choices":[{"index":0,"message":{"role":"assistant","content":"{\"name\":\"a\"}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}"#
                .utf8)
        #expect(try Self.openai.answer(body: body, maxOutputTokens: 9) == ProviderAnswer(text: "{\"name\":\"a\"}", model: "m-1", usage: ModelUsage(promptTokens: 3, completionTokens: 4)))
    }

    // MARK: - Anthropic

    static let anthropic = AnthropicMessagesWire(baseURL: "https://api.anthropic.test/v1", apiKey: "sk-ant-test-0123456789abcdefgh", authentication: .apiKey)

    @Test func anthropicRequestForcesTheToolWhoseInputIsTheAnswer() throws {
        let http = Self.anthropic.request(Self.request, stream: true, options: ProviderWireOptions())
        #expect(http.url == "https://api.anthropic.test/v1/messages")
        #expect(http.headers.contains { $0.name == "x-api-key" && $0.value == "sk-ant-test-0123456789abcdefgh" })
        #expect(http.headers.contains { $0.name == "anthropic-version" && $0.value == "2023-06-01" })
        let body = try JSONValue.parse(Array(http.body.utf8))
        #expect(body["tool_choice"] == ["type": "tool", "name": "strategy_analysis"])
        #expect(body["tools"]?[0]?["input_schema"] == Self.schema && body["tools"]?[0]?["name"] == "strategy_analysis")
        #expect(body["system"] == "You are a PM." && body["max_tokens"] == 900 && body["stream"] == true)
        let bearer = AnthropicMessagesWire(baseURL: "http://gw", apiKey: "k-0123456789", authentication: .bearer).request(Self.request, stream: false, options: ProviderWireOptions())
        #expect(bearer.headers.contains { $0.name == "Authorization" && $0.value == "Bearer k-0123456789" })
        #expect(!bearer.headers.contains { $0.name == "x-api-key" })
    }

    @Test func anthropicStreamAssemblesTheToolInputSkippingPings() throws {
        let stream = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":25,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"strategy_analysis","input":{}}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"name\\": \\"日本"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"語\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}


            """
        var reader = Self.anthropic.streamReader(maxOutputTokens: 900)
        for event in Self.events(stream, pieces: 2) { _ = try reader.take(event) }
        #expect(try reader.finish() == ProviderAnswer(text: "{\"name\": \"日本語\"}", model: "claude-x", usage: ModelUsage(promptTokens: 25, completionTokens: 15)))
    }

    @Test func anthropicErrorEventsOverloadedIsRetriedInvalidIsNot() {
        var reader = Self.anthropic.streamReader(maxOutputTokens: 9)
        #expect(throws: ProviderFault.retryable("overloaded_error: Overloaded", status: nil, retryAfter: nil)) {
            try reader.take(ServerSentEvent(event: "error", data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#))
        }
        #expect(throws: ProviderFault.fatal(ModelError(.refused, "anthropic refused the request (invalid_request_error): bad"))) {
            try reader.take(ServerSentEvent(event: "error", data: #"{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}"#))
        }
    }

    @Test func anthropicWholeAnswerIsTheToolInput() throws {
        let body = Array(
            #"{"type":"message","model":"c","content":[{"type":"text","text":"ok"},{"type":"tool_use","id":"t","name":"s","input":{"name":"x"}}],"stop_reason":"tool_use","usage":{"input_tokens":5,"output_tokens":6}}"#
                .utf8)
        #expect(try Self.anthropic.answer(body: body, maxOutputTokens: 9) == ProviderAnswer(text: "{\"name\":\"x\"}", model: "c", usage: ModelUsage(promptTokens: 5, completionTokens: 6)))
    }

    // MARK: - Errors

    @Test(arguments: [408, 409, 429, 500, 502, 503, 504, 529])
    func transientStatusesAreRetried(status: Int) {
        for wire in [Self.openai as any ProviderWire, Self.anthropic] {
            let fault = wire.fault(status: status, headers: ["retry-after": "3"], body: [], request: Self.request, options: ProviderWireOptions())
            #expect(fault == .retryable("HTTP \(status)", status: status, retryAfter: .seconds(3)))
        }
    }

    @Test(arguments: [
        (401, #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#, "refused the API key (HTTP 401): check OPENAI_API_KEY"),
        (403, #"{"error":{"message":"no access"}}"#, "does not allow this key to use model 'm-1' (HTTP 403)"),
        (404, #"{"error":{"message":"The model `m-1` does not exist","code":"model_not_found"}}"#, "does not know model 'm-1', or AIOS_LLM_BASE_URL is wrong (HTTP 404)"),
        (400, #"{"error":{"message":"This model's maximum context length is 8192 tokens","code":"context_length_exceeded"}}"#, "the prompt is longer than model 'm-1' accepts (context too long, HTTP 400)"),
        (400, #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 250000 tokens > 200000 maximum"}}"#, "context too long"),
        (400, #"{"error":"model \"m-1\" not found, try pulling it first"}"#, "does not know model 'm-1'"),
    ] as [(Int, String, String)])
    func refusalsAreFinalAndSayWhatWasRefused(status: Int, body: String, says: String) {
        let fault = Self.openai.fault(status: status, headers: [:], body: Array(body.utf8), request: Self.request, options: ProviderWireOptions(strictSchemaOff: true))
        guard case .fatal(let error) = fault else {
            Issue.record("HTTP \(status) must not be retried: \(fault)")
            return
        }
        #expect(error.kind == .refused && error.status == status)
        #expect(error.message.contains(says), "\(error.message)")
    }

    // MARK: - Retry policy

    @Test func backoffIsFullJitterUnderADoublingCeiling() {
        let policy = ProviderRetryPolicy(maxRetries: 4, base: .milliseconds(500), cap: .seconds(4))
        var random = SeededRandom(seed: 7)
        var seen: [Int: (min: Duration, max: Duration)] = [:]
        for _ in 0..<400 {
            for retry in 0..<5 {
                let delay = policy.delay(retry: retry, retryAfter: nil, using: &random)
                let ceiling = min(Duration.seconds(4), .milliseconds(500) * (1 << retry))
                #expect(delay >= .zero && delay <= ceiling)
                let old = seen[retry] ?? (delay, delay)
                seen[retry] = (min(old.min, delay), max(old.max, delay))
            }
        }
        // Full jitter: the waits spread over the whole range, down to near zero.
        for retry in 0..<5 {
            let ceiling = min(Duration.seconds(4), .milliseconds(500) * (1 << retry))
            #expect(seen[retry]!.min < ceiling / 10 && seen[retry]!.max > ceiling * 9 / 10)
        }
        #expect(policy.delay(retry: 0, retryAfter: .seconds(7), using: &random) == .seconds(7), "the provider's wait is honoured")
    }

    @Test func retryAfterHeaders() {
        #expect(ProviderRetryPolicy.retryAfter(["retry-after": "2"]) == .seconds(2))
        #expect(ProviderRetryPolicy.retryAfter(["retry-after": "1.5"]) == .milliseconds(1500))
        #expect(ProviderRetryPolicy.retryAfter(["retry-after-ms": "250", "retry-after": "9"]) == .milliseconds(250))
        #expect(ProviderRetryPolicy.retryAfter(["retry-after": "Sun, 06 Dec 2026 21:00:30 GMT"], now: 1_796_590_800_000) == .seconds(30))
        #expect(ProviderRetryPolicy.retryAfter(["retry-after": "soon"]) == nil)
        #expect(ProviderRetryPolicy.retryAfter([:]) == nil)
    }

    // MARK: - Configuration

    @Test func builtinIsTheDefault() throws {
        #expect(try ModelEngineConfiguration.fromEnvironment([:]) == nil)
        #expect(try ModelEngineConfiguration.fromEnvironment(["AIOS_ENGINE": "builtin", "OPENAI_API_KEY": "sk-x"]) == nil)
    }

    @Test func openAIFromTheEnvironment() throws {
        let configuration = try #require(
            try ModelEngineConfiguration.fromEnvironment([
                "AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-env-0123456789abcdefghij", "AIOS_LLM_MODEL": "gpt-4.1-mini", "AIOS_LLM_MODEL_UX": "gpt-4.1-nano", "AIOS_LLM_TIMEOUT": "90",
            ]))
        #expect(configuration.baseURL == "https://api.openai.com/v1" && configuration.model(for: .strategy) == "gpt-4.1-mini")
        #expect(configuration.model(for: .ux) == "gpt-4.1-nano" && configuration.apiKey == "sk-env-0123456789abcdefghij")
        #expect(configuration.timeouts.total == .seconds(90) && configuration.authentication == "bearer" && configuration.stream)
        #expect(!configuration.description.contains("sk-env"))
        let override = try #require(
            try ModelEngineConfiguration.fromEnvironment(["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-a", "AIOS_LLM_API_KEY": "sk-b", "AIOS_LLM_MODEL": "gpt-x"]))
        #expect(override.apiKey == "sk-b" && override.defaultModel == "gpt-x")
        let azure = try #require(
            try ModelEngineConfiguration.fromEnvironment([
                "AIOS_ENGINE": "openai", "AIOS_LLM_API_KEY": "0123456789abcdef0123456789abcdef", "AIOS_LLM_BASE_URL": "https://r.openai.azure.com/openai/v1/",
                "AIOS_LLM_MODEL": "dep",
            ]))
        #expect(azure.authentication == "api-key" && azure.baseURL == "https://r.openai.azure.com/openai/v1")
    }

    @Test func ollamaNeedsNoKeyButAModel() throws {
        let local = try #require(
            try ModelEngineConfiguration.fromEnvironment(["AIOS_ENGINE": "openai", "AIOS_LLM_BASE_URL": "http://localhost:11434/v1", "AIOS_LLM_MODEL": "llama3.1"]))
        #expect(local.apiKey == nil && local.defaultModel == "llama3.1")
        #expect(throws: ModelError.self) { try ModelEngineConfiguration.fromEnvironment(["AIOS_ENGINE": "openai", "AIOS_LLM_BASE_URL": "http://localhost:11434/v1"]) }
    }

    @Test(arguments: [
        (["AIOS_ENGINE": "gpt"], "AIOS_ENGINE='gpt' is not an engine"),
        (["AIOS_ENGINE": "anthropic"], "needs an API key: set ANTHROPIC_API_KEY"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-x", "AIOS_LLM_BASE_URL": "ftp://x"], "AIOS_LLM_BASE_URL must be an http or https URL"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-x"], "AIOS_ENGINE=openai needs AIOS_LLM_MODEL, the provider's model name (e.g. gpt-4.1-mini)"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-x", "AIOS_LLM_BASE_URL": "https://u:sk-secret-123@h/v1"], "must not carry credentials"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "sk-x y"], "contains spaces"),
        (["AIOS_ENGINE": "anthropic", "ANTHROPIC_API_KEY": "k", "AIOS_LLM_MODEL": "m", "AIOS_LLM_AUTH": "api-key"], "AIOS_LLM_AUTH='api-key' is not an authentication for anthropic"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "k", "AIOS_LLM_MODEL": "m", "AIOS_LLM_TIMEOUT": "-1"], "AIOS_LLM_TIMEOUT='-1' must be a number of seconds"),
        (["AIOS_ENGINE": "openai", "OPENAI_API_KEY": "k", "AIOS_LLM_MODEL": "m", "AIOS_LLM_MAX_RETRIES": "many"], "AIOS_LLM_MAX_RETRIES='many'"),
    ] as [([String: String], String)])
    func badConfigurationsAreRefusedPlainly(environment: [String: String], says: String) {
        do {
            _ = try ModelEngineConfiguration.fromEnvironment(environment)
            Issue.record("accepted \(environment)")
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.message.contains(says), "\(error.message)")
            #expect(!error.message.contains("sk-secret") && !error.message.contains("sk-x"), "no key in the message")
        }
    }

    // MARK: - Secrets

    @Test func aRegisteredKeyOfAnyShapeIsMaskedInLogs() {
        let key = "AzureKey0f3e9a7b5c1d2e4f6a8b0c2d4e6f8a0b"
        #expect(SecretRedactor.redact("echoed \(key)!").contains(key))
        SecretRedactor.register(secret: key)
        #expect(SecretRedactor.redact("echoed \(key)!") == "echoed [REDACTED]!")
        #expect(SecretRedactor.redact(["x-api-key": "abc", "note": .string("k=\(key)")]) == ["x-api-key": "[REDACTED]", "note": "k=[REDACTED]"])
    }
}

extension ProviderFault {
    var isFallback: Bool { if case .fallback = self { true } else { false } }
}

extension ProviderWireOptions {
    init(strictSchemaOff: Bool) {
        self.init()
        strictSchema = !strictSchemaOff
    }
}
