import AIOSAgents
import AIOSJSON

/// The Chat Completions API as OpenAI, Azure OpenAI, OpenRouter, Ollama, llama.cpp's server,
/// vLLM and LM Studio serve it (`POST {base}/chat/completions`).
///
/// The answer is constrained with `response_format: {"type": "json_schema", "json_schema":
/// {"name", "schema", "strict": true}}`; a server that refuses that field gets JSON mode
/// (`{"type": "json_object"}`) with the schema written into the system prompt instead. Streamed
/// with `stream_options.include_usage`, whose final chunk carries the usage and no choice
/// (`choices` empty, null or missing, as servers differ).
public struct OpenAIChatWire: ProviderWire {
    public enum Authentication: String, Sendable {
        /// `Authorization: Bearer KEY` (OpenAI, OpenRouter, the local servers).
        case bearer
        /// `api-key: KEY` (Azure OpenAI).
        case apiKey = "api-key"
    }

    public let baseURL: String
    public let apiKey: String?
    public let authentication: Authentication
    public var provider: String { "openai" }
    public var keyVariable: String { "OPENAI_API_KEY" }

    public init(baseURL: String, apiKey: String?, authentication: Authentication) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.authentication = authentication
    }

    public func request(_ request: ModelRequest, stream: Bool, options: ProviderWireOptions) -> ProviderHTTPRequest {
        var system = request.system
        let format: JSONValue
        if options.strictSchema {
            format = ["type": "json_schema", "json_schema": ["name": .string(request.schemaName), "schema": request.schema, "strict": true]]
        } else {
            format = ["type": "json_object"]
            system += "\n\nAnswer with one JSON object, and nothing else, that matches this JSON Schema:\n" + request.schema.jsonText
        }
        var messages: [JSONValue] = [["role": "system", "content": .string(system)]]
        for message in request.messages { messages.append(["role": .string(message.role.rawValue), "content": .string(message.text)]) }
        var body: JSONObject = ["model": .string(request.model), "messages": .array(messages), "response_format": format]
        body[options.maxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = .integer(request.maxOutputTokens)
        if stream {
            body["stream"] = true
            if options.streamUsage { body["stream_options"] = ["include_usage": true] }
        }
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", stream ? "text/event-stream" : "application/json")]
        if let apiKey {
            switch authentication {
            case .bearer: headers.append(("Authorization", "Bearer \(apiKey)"))
            case .apiKey: headers.append(("api-key", apiKey))
            }
        }
        return ProviderHTTPRequest(url: baseURL + "/chat/completions", headers: headers, body: JSONValue.object(body).jsonText)
    }

    public func streamReader(maxOutputTokens: Int) -> any ProviderStreamReader {
        Reader(maxOutputTokens: maxOutputTokens)
    }

    public func answer(body: [UInt8], maxOutputTokens: Int) throws(ProviderFault) -> ProviderAnswer {
        guard let json = try? JSONValue.parse(body), json.objectValue != nil else {
            throw .retryable("the answer was not JSON (\(body.count) bytes)", status: nil, retryAfter: nil)
        }
        if json["error"] != nil, json["choices"] == nil { throw Self.streamError(json) }
        guard let choice = json["choices"]?[0] else { throw .fatal(ModelError(.malformedResponse, "the answer has no choices")) }
        if let refusal = choice["message"]?["refusal"]?.stringValue, !refusal.isEmpty {
            throw .fatal(ModelError(.refused, "the model refused: \(Self.clip(refusal))"))
        }
        if choice["finish_reason"]?.stringValue == "length" { throw Self.cut(maxOutputTokens) }
        guard let text = choice["message"]?["content"]?.stringValue else {
            throw .fatal(ModelError(.malformedResponse, "the answer's message has no text content"))
        }
        return ProviderAnswer(text: text, model: json["model"]?.stringValue, usage: Self.usage(json["usage"]) ?? ModelUsage(promptTokens: 0, completionTokens: 0))
    }

    public func fault(status: Int, headers: [String: String], body: [UInt8], request: ModelRequest, options: ProviderWireOptions) -> ProviderFault {
        let (detail, code) = Self.errorDetail(body)
        let lower = (detail + " " + code).lowercased()
        if status == 400 || status == 422 {
            if options.strictSchema && (lower.contains("response_format") || lower.contains("json_schema")) {
                var next = options
                next.strictSchema = false
                return .fallback(next, reason: "the server does not take a json_schema response_format; using JSON mode")
            }
            if !options.maxCompletionTokens && lower.contains("max_completion_tokens") {
                var next = options
                next.maxCompletionTokens = true
                return .fallback(next, reason: "the model wants max_completion_tokens")
            }
            if options.streamUsage && lower.contains("stream_options") {
                var next = options
                next.streamUsage = false
                return .fallback(next, reason: "the server does not take stream_options")
            }
        }
        return judge(status: status, headers: headers, detail: detail, code: code, request: request)
    }

    static func usage(_ value: JSONValue?) -> ModelUsage? {
        guard let value, value.objectValue != nil else { return nil }
        return ModelUsage(promptTokens: tokens(value["prompt_tokens"]) ?? 0, completionTokens: tokens(value["completion_tokens"]) ?? 0)
    }

    static func cut(_ maxOutputTokens: Int) -> ProviderFault {
        .fatal(ModelError(.malformedResponse, "the answer was cut off at the output limit of \(maxOutputTokens) tokens"))
    }

    /// An `{"error": ...}` object in place of an answer (some servers send one mid-stream).
    static func streamError(_ json: JSONValue) -> ProviderFault {
        let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? "unknown error"
        let kind = (json["error"]?["type"]?.stringValue ?? "") + " " + (json["error"]?["code"]?.stringValue ?? "")
        let lower = (message + kind).lowercased()
        if ["overload", "rate", "server_error", "timeout", "unavailable", "capacity"].contains(where: { lower.contains($0) }) {
            return .retryable("the provider reported an error in the stream: \(clip(message))", status: nil, retryAfter: nil)
        }
        return .fatal(ModelError(.refused, "the provider reported an error: \(clip(message))"))
    }

    struct Reader: ProviderStreamReader {
        let maxOutputTokens: Int
        var text = ""
        var model: String?
        var usage: ModelUsage?
        var finishReason: String?
        var done = false

        mutating func take(_ event: ServerSentEvent) throws(ProviderFault) -> Int {
            if event.data == "[DONE]" {
                done = true
                return 0
            }
            guard let json = try? JSONValue.parse(Array(event.data.utf8)) else {
                throw .retryable("the stream carried a chunk that is not JSON", status: nil, retryAfter: nil)
            }
            if json["error"] != nil, json["choices"] == nil { throw OpenAIChatWire.streamError(json) }
            if let name = json["model"]?.stringValue, !name.isEmpty { model = name }
            if let counted = OpenAIChatWire.usage(json["usage"]) { usage = counted }
            // The final usage-only chunk has no choice: `choices` empty, null or missing.
            guard let choice = json["choices"]?[0] else { return 0 }
            if let refusal = choice["delta"]?["refusal"]?.stringValue, !refusal.isEmpty {
                throw .fatal(ModelError(.refused, "the model refused: \(OpenAIChatWire.clip(refusal))"))
            }
            if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
            guard let piece = choice["delta"]?["content"]?.stringValue else { return 0 }
            text += piece
            return piece.count
        }

        func finish() throws(ProviderFault) -> ProviderAnswer {
            if finishReason == "length" { throw OpenAIChatWire.cut(maxOutputTokens) }
            guard done || finishReason != nil else {
                throw .retryable("the stream ended before the answer was complete (\(text.count) characters received)", status: nil, retryAfter: nil)
            }
            return ProviderAnswer(text: text, model: model, usage: usage ?? ModelUsage(promptTokens: 0, completionTokens: 0))
        }
    }
}
