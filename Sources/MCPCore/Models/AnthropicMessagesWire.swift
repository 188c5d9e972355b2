import AIOSAgents
import AIOSJSON

/// The Messages API (`POST {base}/messages`, `anthropic-version: 2023-06-01`).
///
/// The answer's schema is the input schema of one tool that the model is forced to call
/// (`tool_choice: {"type": "tool", "name": ...}`); the tool call's input is the answer. Streamed
/// as `message_start` (input tokens), `content_block_start` (the `tool_use` block),
/// `content_block_delta` with `input_json_delta` pieces, `message_delta` (stop reason, output
/// tokens), `message_stop`; `ping` events are skipped and an `error` event (such as
/// `overloaded_error`) fails the attempt.
public struct AnthropicMessagesWire: ProviderWire {
    public enum Authentication: String, Sendable {
        /// `x-api-key: KEY` (Anthropic's API).
        case apiKey = "x-api-key"
        /// `Authorization: Bearer KEY` (gateways and proxies that speak the Messages API).
        case bearer
    }

    public static let version = "2023-06-01"

    public let baseURL: String
    public let apiKey: String?
    public let authentication: Authentication
    public var provider: String { "anthropic" }
    public var keyVariable: String { "ANTHROPIC_API_KEY" }

    public init(baseURL: String, apiKey: String?, authentication: Authentication) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.authentication = authentication
    }

    public func request(_ request: ModelRequest, stream: Bool, options: ProviderWireOptions) -> ProviderHTTPRequest {
        let tool: JSONValue = [
            "name": .string(request.schemaName),
            "description": "Record the answer. Its input is the whole answer, as the schema describes.",
            "input_schema": request.schema,
        ]
        var body: JSONObject = [
            "model": .string(request.model),
            "max_tokens": .integer(request.maxOutputTokens),
            "system": .string(request.system),
            "messages": .array(request.messages.map { ["role": .string($0.role.rawValue), "content": .string($0.text)] }),
            "tools": [tool],
            "tool_choice": ["type": "tool", "name": .string(request.schemaName)],
        ]
        if stream { body["stream"] = true }
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("anthropic-version", Self.version), ("Accept", stream ? "text/event-stream" : "application/json"),
        ]
        if let apiKey {
            switch authentication {
            case .apiKey: headers.append(("x-api-key", apiKey))
            case .bearer: headers.append(("Authorization", "Bearer \(apiKey)"))
            }
        }
        return ProviderHTTPRequest(url: baseURL + "/messages", headers: headers, body: JSONValue.object(body).jsonText)
    }

    public func streamReader(maxOutputTokens: Int) -> any ProviderStreamReader {
        Reader(maxOutputTokens: maxOutputTokens)
    }

    public func answer(body: [UInt8], maxOutputTokens: Int) throws(ProviderFault) -> ProviderAnswer {
        guard let json = try? JSONValue.parse(body), json.objectValue != nil else {
            throw .retryable("the answer was not JSON (\(body.count) bytes)", status: nil, retryAfter: nil)
        }
        if json["type"]?.stringValue == "error" { throw Self.errorEvent(json) }
        if json["stop_reason"]?.stringValue == "max_tokens" { throw Self.cut(maxOutputTokens) }
        guard let block = (json["content"]?.arrayValue ?? []).first(where: { $0["type"]?.stringValue == "tool_use" }), let input = block["input"],
            input.objectValue != nil
        else {
            throw .fatal(ModelError(.malformedResponse, "the answer has no tool call (stop reason \(json["stop_reason"]?.stringValue ?? "none"))"))
        }
        let usage = ModelUsage(promptTokens: tokens(json["usage"]?["input_tokens"]) ?? 0, completionTokens: tokens(json["usage"]?["output_tokens"]) ?? 0)
        return ProviderAnswer(text: input.jsonText, model: json["model"]?.stringValue, usage: usage)
    }

    public func fault(status: Int, headers: [String: String], body: [UInt8], request: ModelRequest, options: ProviderWireOptions) -> ProviderFault {
        let (detail, code) = Self.errorDetail(body)
        return judge(status: status, headers: headers, detail: detail, code: code, request: request)
    }

    static func cut(_ maxOutputTokens: Int) -> ProviderFault {
        .fatal(ModelError(.malformedResponse, "the answer was cut off at the output limit of \(maxOutputTokens) tokens"))
    }

    /// An `error` event or body: `overloaded_error`, `api_error` and `rate_limit_error` are
    /// transient; the others say what was refused.
    static func errorEvent(_ json: JSONValue) -> ProviderFault {
        let type = json["error"]?["type"]?.stringValue ?? "error"
        let message = clip(json["error"]?["message"]?.stringValue ?? "")
        if ["overloaded_error", "api_error", "rate_limit_error", "timeout_error"].contains(type) {
            return .retryable("\(type): \(message)", status: nil, retryAfter: nil)
        }
        return .fatal(ModelError(.refused, "anthropic refused the request (\(type)): \(message)"))
    }

    struct Reader: ProviderStreamReader {
        let maxOutputTokens: Int
        var json = ""
        var toolBlock: Int?
        var initialInput: String?
        var model: String?
        var inputTokens = 0
        var outputTokens = 0
        var stopReason: String?
        var stopped = false

        mutating func take(_ event: ServerSentEvent) throws(ProviderFault) -> Int {
            guard let data = try? JSONValue.parse(Array(event.data.utf8)) else {
                throw .retryable("the stream carried an event that is not JSON", status: nil, retryAfter: nil)
            }
            switch data["type"]?.stringValue ?? event.event {
            case "message_start":
                model = data["message"]?["model"]?.stringValue
                inputTokens = tokens(data["message"]?["usage"]?["input_tokens"]) ?? 0
                outputTokens = tokens(data["message"]?["usage"]?["output_tokens"]) ?? 0
            case "content_block_start":
                if data["content_block"]?["type"]?.stringValue == "tool_use", toolBlock == nil {
                    toolBlock = tokens(data["index"]) ?? 0
                    if let input = data["content_block"]?["input"], let object = input.objectValue, !object.isEmpty { initialInput = input.jsonText }
                }
            case "content_block_delta":
                guard let block = toolBlock, tokens(data["index"]) ?? 0 == block, data["delta"]?["type"]?.stringValue == "input_json_delta",
                    let piece = data["delta"]?["partial_json"]?.stringValue
                else { return 0 }
                json += piece
                return piece.count
            case "message_delta":
                if let reason = data["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
                if let output = tokens(data["usage"]?["output_tokens"]) { outputTokens = output }
                if let input = tokens(data["usage"]?["input_tokens"]), input > 0 { inputTokens = input }
            case "message_stop":
                stopped = true
            case "error":
                throw AnthropicMessagesWire.errorEvent(data)
            default:
                break  // ping, content_block_stop, text blocks, kinds added later
            }
            return 0
        }

        func finish() throws(ProviderFault) -> ProviderAnswer {
            if stopReason == "max_tokens" { throw AnthropicMessagesWire.cut(maxOutputTokens) }
            guard stopped else {
                throw .retryable("the stream ended before the answer was complete (\(json.count) characters received)", status: nil, retryAfter: nil)
            }
            guard toolBlock != nil else {
                throw .fatal(ModelError(.malformedResponse, "the answer has no tool call (stop reason \(stopReason ?? "none"))"))
            }
            let text = json.isEmpty ? (initialInput ?? "{}") : json
            return ProviderAnswer(text: text, model: model, usage: ModelUsage(promptTokens: inputTokens, completionTokens: outputTokens))
        }
    }
}
