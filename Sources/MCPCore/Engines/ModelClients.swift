/// The provider wire's entry point: the one place that turns settings (and the keys in the
/// environment: `AIOS_LLM_API_KEY`, else `OPENAI_API_KEY` / `ANTHROPIC_API_KEY`) into a
/// ``ModelClient`` for `openai` (Chat Completions) or `anthropic` (Messages).
///
/// The client is a ``ProviderModelClient`` (Sources/MCPCore/Models): it reads the provider's
/// variables with ``ModelEngineConfiguration/fromEnvironment(_:)`` (base URL, key, how the key
/// is sent, streaming, timeouts, retries) and makes its HTTP calls through the `aios-llm` helper,
/// so nothing here loads a network library.
public enum ModelClients {
    public static func make(_ settings: ModelEngineSettings, environment: [String: String]) throws(AIOSError) -> any ModelClient {
        let configuration: ModelEngineConfiguration?
        do {
            configuration = try ModelEngineConfiguration.fromEnvironment(environment)
        } catch {
            throw AIOSError(.invalidInput, error.message, details: ["variable": .string(Self.variable(in: error.message))])
        }
        guard let configuration, configuration.engine.rawValue == settings.engine else {
            throw AIOSError(.invalidInput, "AIOS_ENGINE=\(settings.engine) has no provider client", details: ["variable": "AIOS_ENGINE"])
        }
        return configuration.makeClient()
    }

    /// The first variable a configuration message names, for `details`.
    private static func variable(in message: String) -> String {
        let names = [
            "AIOS_LLM_BASE_URL", "AIOS_LLM_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AIOS_LLM_AUTH", "AIOS_LLM_STREAM", "AIOS_LLM_CONNECT_TIMEOUT",
            "AIOS_LLM_FIRST_TOKEN_TIMEOUT", "AIOS_LLM_TIMEOUT", "AIOS_LLM_MAX_RETRIES", "AIOS_LLM_MODEL", "AIOS_ENGINE",
        ]
        return names.map { name in (name, message.firstRange(of: name)?.lowerBound) }.filter { $0.1 != nil }.min { $0.1! < $1.1! }?.0 ?? "AIOS_ENGINE"
    }
}
