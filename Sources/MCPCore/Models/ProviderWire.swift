import AIOSAgents
import AIOSJSON

/// What an attempt's failure means for the call.
public enum ProviderFault: Error, Sendable, Equatable {
    /// Try again after the policy's wait (or the provider's own `retryAfter`).
    case retryable(String, status: Int?, retryAfter: Duration?)
    /// The server lacks a feature the request used; send it again in the given form (not a
    /// retry: the budget is not spent).
    case fallback(ProviderWireOptions, reason: String)
    /// Final.
    case fatal(ModelError)
}

/// Variations of the request a server may need, learned from its refusals and kept for the
/// process's later calls.
public struct ProviderWireOptions: Sendable, Equatable {
    /// OpenAI: `response_format` json_schema with strict mode (else JSON mode, the schema in
    /// the system prompt).
    public var strictSchema = true
    /// OpenAI: `max_completion_tokens` (newer OpenAI models refuse `max_tokens`).
    public var maxCompletionTokens = false
    /// OpenAI: `stream_options.include_usage` (a few servers refuse the field).
    public var streamUsage = true

    public init() {}
}

/// The answer an attempt produced.
public struct ProviderAnswer: Sendable, Equatable {
    public var text: String
    public var model: String?
    public var usage: ModelUsage

    public init(text: String, model: String?, usage: ModelUsage) {
        self.text = text
        self.model = model
        self.usage = usage
    }
}

/// Collects a streamed answer event by event.
public protocol ProviderStreamReader: Sendable {
    /// Takes one event; returns the characters of answer text it added (for progress).
    mutating func take(_ event: ServerSentEvent) throws(ProviderFault) -> Int
    /// After the body ended: the answer, or why there is none.
    func finish() throws(ProviderFault) -> ProviderAnswer
}

/// One provider API's formats: building a request, reading an answer (streamed or whole), and
/// judging an error response. Pure functions of their inputs, tested without the network.
public protocol ProviderWire: Sendable {
    /// `openai` or `anthropic`.
    var provider: String { get }
    /// The environment variable that holds its key (for error messages).
    var keyVariable: String { get }
    func request(_ request: ModelRequest, stream: Bool, options: ProviderWireOptions) -> ProviderHTTPRequest
    func streamReader(maxOutputTokens: Int) -> any ProviderStreamReader
    func answer(body: [UInt8], maxOutputTokens: Int) throws(ProviderFault) -> ProviderAnswer
    /// What a non-2xx response means.
    func fault(status: Int, headers: [String: String], body: [UInt8], request: ModelRequest, options: ProviderWireOptions) -> ProviderFault
}

extension ProviderWire {
    /// The common judgement of an error status; `detail` is the provider's own message.
    func judge(status: Int, headers: [String: String], detail: String, code: String, request: ModelRequest) -> ProviderFault {
        let said = detail.isEmpty ? "" : ": \(detail)"
        if ProviderRetryPolicy.retryableStatuses.contains(status) {
            return .retryable("HTTP \(status)\(said)", status: status, retryAfter: ProviderRetryPolicy.retryAfter(headers))
        }
        let lower = (detail + " " + code).lowercased()
        let message: String
        switch status {
        case 401:
            message = "\(provider) refused the API key (HTTP 401): check \(keyVariable) or AIOS_LLM_API_KEY\(said)"
        case 403:
            message = "\(provider) does not allow this key to use model '\(request.model)' (HTTP 403)\(said)"
        case 404:
            message = "\(provider) does not know model '\(request.model)', or AIOS_LLM_BASE_URL is wrong (HTTP 404)\(said)"
        case 413:
            message = "the request is too long for \(provider) (HTTP 413): the prompt is longer than model '\(request.model)' accepts\(said)"
        default:
            if ["context_length", "context length", "context window", "too long", "too many tokens", "maximum context", "prompt is too long"]
                .contains(where: { lower.contains($0) })
            {
                message = "the prompt is longer than model '\(request.model)' accepts (context too long, HTTP \(status))\(said)"
            } else if lower.contains("model") && (lower.contains("not found") || lower.contains("does not exist") || lower.contains("unknown")) {
                message = "\(provider) does not know model '\(request.model)' (HTTP \(status))\(said)"
            } else {
                message = "\(provider) refused the request (HTTP \(status))\(said)"
            }
        }
        return .fatal(ModelError(.refused, message, status: status))
    }

    /// The message and code in an error body: `{"error": {"message", "type", "code"}}` (OpenAI,
    /// Anthropic), `{"error": "text"}` (Ollama), `{"message": ...}`, or the body's first line.
    static func errorDetail(_ body: [UInt8]) -> (message: String, code: String) {
        if let json = try? JSONValue.parse(body) {
            if let error = json["error"]?.objectValue {
                let message = error["message"]?.stringValue ?? ""
                let code = [error["code"]?.stringValue, error["type"]?.stringValue].compactMap { $0 }.joined(separator: " ")
                return (clip(message), code)
            }
            if let text = json["error"]?.stringValue { return (clip(text), "") }
            if let text = json["message"]?.stringValue { return (clip(text), "") }
            if let text = json["detail"]?.stringValue { return (clip(text), "") }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return (clip(text.split(separator: "\n").first.map(String.init) ?? ""), "")
    }

    static func clip(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 }).trimmingSpaces()
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}

/// Reads usage numbers that may be absent or null.
func tokens(_ value: JSONValue?) -> Int? {
    value?.intValue.map { Int($0) }
}
