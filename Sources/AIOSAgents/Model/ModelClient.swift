import AIOSJSON

/// One call to a language model that must answer with one JSON object matching a schema: the
/// seam between the model-backed engine (which writes prompts, checks the answer, asks for
/// repairs and renders artifacts) and the provider wire (OpenAI Chat Completions, Anthropic
/// Messages: HTTP, streaming, retries, timeouts), so each side is built and tested alone.
public struct ModelRequest: Sendable, Equatable {
    /// The provider's model name (`gpt-4.1-mini`, `claude-sonnet-4-5`, `llama3.1`).
    public var model: String
    /// The system prompt (the agent's versioned prompt text).
    public var system: String
    /// The conversation so far: the brief and, on a repair, the model's answer and our errors.
    public var messages: [ModelMessage]
    /// The name of the answer's schema (`strategy_analysis`); providers want one.
    public var schemaName: String
    /// The JSON Schema the answer must match (the subset strict modes accept).
    public var schema: JSONValue
    /// At most this many completion tokens.
    public var maxOutputTokens: Int

    public init(model: String, system: String, messages: [ModelMessage], schemaName: String, schema: JSONValue, maxOutputTokens: Int) {
        self.model = model
        self.system = system
        self.messages = messages
        self.schemaName = schemaName
        self.schema = schema
        self.maxOutputTokens = maxOutputTokens
    }
}

/// One turn of a ``ModelRequest``'s conversation.
public struct ModelMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case user, assistant }
    public var role: Role
    public var text: String

    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}

/// What a model answered, with what it cost.
public struct ModelResponse: Sendable, Equatable {
    /// The answer's text: the JSON object as the model wrote it (not yet parsed or checked).
    public var text: String
    /// The model that answered, as the provider names it.
    public var model: String
    public var usage: ModelUsage
    /// Wall-clock milliseconds of the call, retries included.
    public var latencyMilliseconds: Int
    /// HTTP attempts made (1 when nothing was retried).
    public var attempts: Int

    public init(text: String, model: String, usage: ModelUsage, latencyMilliseconds: Int, attempts: Int) {
        self.text = text
        self.model = model
        self.usage = usage
        self.latencyMilliseconds = latencyMilliseconds
        self.attempts = attempts
    }
}

/// Tokens a call used, as the provider reported them.
public struct ModelUsage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// Why a model call failed, after any retries.
public struct ModelError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The provider refused the request for good (400, 401, 403, 404: bad key, unknown
        /// model, context too long); retrying cannot help.
        case refused
        /// Transient faults (429, 5xx, resets) outlasted the retries.
        case unavailable
        /// Connect, first-token or whole-call timeout.
        case timedOut
        /// The provider's answer could not be read (not the wire format it promised).
        case malformedResponse
        /// No key, no model, a bad base URL: the configuration is wrong.
        case configuration
    }

    public var kind: Kind
    /// A plain sentence naming what failed; never contains a key.
    public var message: String
    /// The HTTP status, when the provider answered with one.
    public var status: Int?

    public init(_ kind: Kind, _ message: String, status: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
    }
}

/// Something that can answer a ``ModelRequest``: a provider client, or a test's scripted one.
public protocol ModelClient: Sendable {
    /// The provider family (`openai`, `anthropic`), as recorded in the job.
    var provider: String { get }

    /// Makes the call. Honours task cancellation by closing the request at once (throws
    /// `CancellationError`). `onProgress` is called as output arrives, with the number of
    /// completion characters received so far, so a caller can show motion.
    func complete(_ request: ModelRequest, onProgress: @escaping @Sendable (_ receivedCharacters: Int) -> Void) async throws -> ModelResponse
}
