/// The provider wire's entry point: the one place that turns settings (and the keys in the
/// environment: `AIOS_LLM_API_KEY`, else `OPENAI_API_KEY` / `ANTHROPIC_API_KEY`) into a
/// ``ModelClient`` for `openai` (Chat Completions) or `anthropic` (Messages).
///
/// The HTTP clients themselves are the provider-wire branch's work (issue 17, h17b); until they
/// are merged, asking for a model-backed engine is refused here with a plain configuration error.
public enum ModelClients {
    public static func make(_ settings: ModelEngineSettings, environment: [String: String]) throws(AIOSError) -> any ModelClient {
        throw AIOSError(.invalidInput, "AIOS_ENGINE=\(settings.engine): this build has no provider client yet; use AIOS_ENGINE=builtin",
                        details: ["variable": "AIOS_ENGINE"])
    }
}
