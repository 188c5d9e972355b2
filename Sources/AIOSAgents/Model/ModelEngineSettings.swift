/// How a model-backed engine is configured, from the environment (docs/engines.md):
/// `AIOS_ENGINE` (`builtin` | `openai` | `anthropic`), `AIOS_LLM_MODEL`, `AIOS_LLM_BASE_URL`,
/// `AIOS_LLM_MODEL_STRATEGY` and `AIOS_LLM_MODEL_UX` (the models of the phases that ask one;
/// `…_ARCHITECTURE` and `…_CODE` are read too, for `aiosctl engine check`),
/// `AIOS_LLM_MAX_TOKENS_PER_JOB`, `AIOS_LLM_MAX_OUTPUT_TOKENS`, `AIOS_LLM_MAX_CONCURRENCY`.
/// Keys are not read here: the provider wire reads them (and never records them).
public struct ModelEngineSettings: Sendable, Equatable {
    /// The engine's name: `openai` or `anthropic`.
    public var engine: String
    /// The default model.
    public var model: String
    /// Models per phase, when one differs from ``model``.
    public var phaseModels: [Phase: String]
    /// The provider's base URL, when not the provider's own.
    public var baseURL: String?
    /// Prompt plus completion tokens a job may spend; nil for no limit.
    public var maxTokensPerJob: Int?
    /// Completion tokens one call may produce.
    public var maxOutputTokens: Int
    /// Provider calls at once in one process.
    public var maxConcurrentCalls: Int

    public static let engines = ["openai", "anthropic"]

    public init(engine: String, model: String, phaseModels: [Phase: String] = [:], baseURL: String? = nil, maxTokensPerJob: Int? = nil,
                maxOutputTokens: Int = 8192, maxConcurrentCalls: Int = 4) {
        self.engine = engine
        self.model = model
        self.phaseModels = phaseModels
        self.baseURL = baseURL
        self.maxTokensPerJob = maxTokensPerJob
        self.maxOutputTokens = maxOutputTokens
        self.maxConcurrentCalls = maxConcurrentCalls
    }

    public func model(for phase: Phase) -> String { phaseModels[phase] ?? model }

    /// The settings `environment` asks for; nil when it asks for the builtin engine only.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the variable that is wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(AIOSError) -> ModelEngineSettings? {
        let engine = (environment["AIOS_ENGINE"] ?? "").lowercased()
        if engine.isEmpty || engine == "builtin" { return nil }
        guard engines.contains(engine) else {
            throw AIOSError(.invalidInput, "AIOS_ENGINE must be builtin, openai or anthropic, not \"\(engine)\"", details: ["variable": "AIOS_ENGINE"])
        }
        guard let model = environment["AIOS_LLM_MODEL"], !model.isEmpty else {
            throw AIOSError(.invalidInput, "AIOS_ENGINE=\(engine) needs AIOS_LLM_MODEL, the provider's model name (e.g. \(engine == "openai" ? "gpt-4.1-mini" : "claude-sonnet-4-5"))",
                            details: ["variable": "AIOS_LLM_MODEL"])
        }
        func integer(_ name: String, minimum: Int) throws(AIOSError) -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value >= minimum else {
                throw AIOSError(.invalidInput, "\(name) must be an integer of at least \(minimum), not \"\(text)\"", details: ["variable": .string(name)])
            }
            return value
        }
        var settings = ModelEngineSettings(engine: engine, model: model)
        for phase in Phase.allCases {
            if let phaseModel = environment["AIOS_LLM_MODEL_" + phase.rawValue.uppercased()], !phaseModel.isEmpty { settings.phaseModels[phase] = phaseModel }
        }
        if let base = environment["AIOS_LLM_BASE_URL"], !base.isEmpty { settings.baseURL = base }
        settings.maxTokensPerJob = try integer("AIOS_LLM_MAX_TOKENS_PER_JOB", minimum: 1)
        if let output = try integer("AIOS_LLM_MAX_OUTPUT_TOKENS", minimum: 256) { settings.maxOutputTokens = output }
        if let concurrency = try integer("AIOS_LLM_MAX_CONCURRENCY", minimum: 1) { settings.maxConcurrentCalls = concurrency }
        return settings
    }
}
