import AIOSAgents
import AIOSSystem

/// Which engine runs the agents, and for a model-backed one, how to reach its provider: read
/// from the environment (docs/engines.md).
///
/// | Variable | Meaning |
/// |---|---|
/// | `AIOS_ENGINE` | `builtin` (default), `openai` or `anthropic` |
/// | `AIOS_LLM_MODEL` | the model for every phase (required) |
/// | `AIOS_LLM_MODEL_STRATEGY`, `_ARCHITECTURE`, `_UX`, `_CODE` | a phase's own model |
/// | `AIOS_LLM_BASE_URL` | the API's base (default `https://api.openai.com/v1`, `https://api.anthropic.com/v1`) |
/// | `AIOS_LLM_API_KEY` | the key; else `OPENAI_API_KEY` / `ANTHROPIC_API_KEY` |
/// | `AIOS_LLM_AUTH` | `bearer`, `api-key` (Azure, chosen by itself for `*.azure.com`), `x-api-key` |
/// | `AIOS_LLM_STREAM` | `1` (default) or `0` |
/// | `AIOS_LLM_CONNECT_TIMEOUT`, `AIOS_LLM_FIRST_TOKEN_TIMEOUT`, `AIOS_LLM_TIMEOUT` | seconds (20, 120, 600) |
/// | `AIOS_LLM_MAX_RETRIES` | retries after the first attempt (4) |
public struct ModelEngineConfiguration: Sendable, Equatable {
    public enum Engine: String, Sendable, CaseIterable {
        case builtin, openai, anthropic
    }

    public var engine: Engine
    public var baseURL: String
    /// The key, or nil for a server that needs none (Ollama, llama.cpp and the other local ones).
    public var apiKey: String?
    public var defaultModel: String
    public var phaseModels: [Phase: String]
    public var authentication: String
    public var stream: Bool
    public var timeouts: ProviderTimeouts
    public var maxRetries: Int

    public static let defaultBaseURLs: [Engine: String] = [.openai: "https://api.openai.com/v1", .anthropic: "https://api.anthropic.com/v1"]
    /// Named in the message when `AIOS_LLM_MODEL` is missing.
    public static let defaultModels: [Engine: String] = [.openai: "gpt-4.1-mini", .anthropic: "claude-sonnet-4-5"]

    /// The model for `phase`.
    public func model(for phase: Phase) -> String {
        phaseModels[phase] ?? defaultModel
    }

    /// The configuration the environment describes; `nil` for the builtin engine. Throws a
    /// ``ModelError`` of kind `configuration` naming the variable to fix (never a key's value).
    public static func fromEnvironment(_ environment: [String: String] = Environment.current()) throws(ModelError) -> ModelEngineConfiguration? {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingSpaces(), !text.isEmpty else { return nil }
            return text
        }
        let name = value("AIOS_ENGINE")?.lowercased() ?? "builtin"
        guard let engine = Engine(rawValue: name) else {
            throw ModelError(.configuration, "AIOS_ENGINE='\(clip(name))' is not an engine: use builtin, openai or anthropic")
        }
        if engine == .builtin { return nil }

        let defaultBase = defaultBaseURLs[engine]!
        var baseURL = value("AIOS_LLM_BASE_URL") ?? defaultBase
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        for suffix in ["/chat/completions", "/messages"] where baseURL.hasSuffix(suffix) { baseURL.removeLast(suffix.count) }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://"), !baseURL.contains(where: { $0 == " " || $0.isNewline }),
            baseURL.split(separator: "/", omittingEmptySubsequences: true).count >= 2
        else {
            throw ModelError(.configuration, "AIOS_LLM_BASE_URL must be an http or https URL such as \(defaultBase)")
        }
        if let authority = baseURL.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first, authority.contains("@") {
            throw ModelError(.configuration, "AIOS_LLM_BASE_URL must not carry credentials; put the key in AIOS_LLM_API_KEY")
        }
        let isProviderCloud = baseURL == defaultBase

        let keyVariable = engine == .openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"
        let apiKey = value("AIOS_LLM_API_KEY") ?? value(keyVariable)
        if let apiKey, apiKey.contains(where: { $0.isNewline || $0 == " " || $0 == "\t" || !$0.isASCII }) {
            throw ModelError(.configuration, "the API key (AIOS_LLM_API_KEY or \(keyVariable)) contains spaces, line breaks or non-ASCII characters")
        }
        if apiKey == nil && isProviderCloud {
            throw ModelError(
                .configuration,
                "AIOS_ENGINE=\(engine.rawValue) needs an API key: set \(keyVariable) (or AIOS_LLM_API_KEY), or point AIOS_LLM_BASE_URL at a server that needs none (Ollama, llama.cpp)"
            )
        }

        guard let model = value("AIOS_LLM_MODEL") else {
            let example = isProviderCloud ? " (e.g. \(defaultModels[engine]!))" : " (the model name that server serves)"
            throw ModelError(.configuration, "AIOS_ENGINE=\(engine.rawValue) needs AIOS_LLM_MODEL, the provider's model name\(example)")
        }
        var phaseModels: [Phase: String] = [:]
        for phase in Phase.allCases {
            if let model = value("AIOS_LLM_MODEL_\(phase.rawValue.uppercased())") { phaseModels[phase] = model }
        }

        let host = baseURL.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map { String($0).lowercased() } ?? ""
        let authentication: String
        switch (engine, value("AIOS_LLM_AUTH")?.lowercased()) {
        case (.openai, nil): authentication = host.hasSuffix(".azure.com") || host.contains(".azure.com:") ? "api-key" : "bearer"
        case (_, nil): authentication = "x-api-key"
        case (.openai, let style?) where style == "bearer" || style == "api-key": authentication = style
        case (.anthropic, let style?) where style == "bearer" || style == "x-api-key": authentication = style
        case (_, let style?):
            let allowed = engine == .openai ? "bearer or api-key" : "x-api-key or bearer"
            throw ModelError(.configuration, "AIOS_LLM_AUTH='\(clip(style))' is not an authentication for \(engine.rawValue): use \(allowed)")
        }

        let stream: Bool
        switch value("AIOS_LLM_STREAM")?.lowercased() {
        case nil, "1", "true", "yes", "on": stream = true
        case "0", "false", "no", "off": stream = false
        case let other?: throw ModelError(.configuration, "AIOS_LLM_STREAM='\(clip(other))' must be 1 or 0")
        }

        func seconds(_ name: String, _ fallback: Duration) throws(ModelError) -> Duration {
            guard let text = value(name) else { return fallback }
            guard let number = Double(text), number > 0, number <= 86400 else {
                throw ModelError(.configuration, "\(name)='\(clip(text))' must be a number of seconds between 0 and 86400")
            }
            return .milliseconds(Int64(number * 1000))
        }
        let timeouts = ProviderTimeouts(
            connect: try seconds("AIOS_LLM_CONNECT_TIMEOUT", .seconds(20)), firstToken: try seconds("AIOS_LLM_FIRST_TOKEN_TIMEOUT", .seconds(120)),
            total: try seconds("AIOS_LLM_TIMEOUT", .seconds(600)))
        var maxRetries = 4
        if let text = value("AIOS_LLM_MAX_RETRIES") {
            guard let number = Int(text), (0...20).contains(number) else {
                throw ModelError(.configuration, "AIOS_LLM_MAX_RETRIES='\(clip(text))' must be a whole number from 0 to 20")
            }
            maxRetries = number
        }
        return ModelEngineConfiguration(
            engine: engine, baseURL: baseURL, apiKey: apiKey, defaultModel: model, phaseModels: phaseModels, authentication: authentication,
            stream: stream, timeouts: timeouts, maxRetries: maxRetries)
    }

    /// The client for this configuration.
    public func makeClient(helper: String = ProviderExchange.defaultHelper()) -> ProviderModelClient {
        let wire: any ProviderWire
        switch engine {
        case .anthropic:
            wire = AnthropicMessagesWire(baseURL: baseURL, apiKey: apiKey, authentication: authentication == "bearer" ? .bearer : .apiKey)
        case .openai, .builtin:
            wire = OpenAIChatWire(baseURL: baseURL, apiKey: apiKey, authentication: authentication == "api-key" ? .apiKey : .bearer)
        }
        return ProviderModelClient(
            wire: wire, apiKey: apiKey, stream: stream, timeouts: timeouts, policy: ProviderRetryPolicy(maxRetries: maxRetries), helper: helper)
    }

    /// A value quoted in an error: short, one line (a key pasted into the wrong variable is
    /// still masked by the logger's redactor; the API key variables are never quoted).
    private static func clip(_ text: String) -> String {
        let flat = String(text.prefix(40).map { $0.isNewline ? " " : $0 })
        return text.count > 40 ? flat + "…" : flat
    }
}

extension ModelEngineConfiguration: CustomStringConvertible {
    /// For logs: never the key.
    public var description: String {
        "\(engine.rawValue) at \(baseURL), model \(defaultModel)" + (apiKey == nil ? ", no key" : ", key set")
    }
}
