import Synchronization

/// Builds a process's engines from its environment (docs/engines.md): the builtin engine
/// always, and the model-backed engine `AIOS_ENGINE` names, answering through the provider
/// client ``ModelClients/make(_:environment:)`` returns, caching in the store.
public enum EngineSetup {
    /// One limiter per process: `AIOS_LLM_MAX_CONCURRENCY` provider calls at once.
    private static let limiters = ProcessLimiter()

    /// The registry for this process.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - storeDirectory: The job store's directory (its `model-cache/` keeps answers).
    ///   - observer: Told about every provider call (metrics).
    /// - Throws: `AIOSError(.invalidInput)` naming the variable when the configuration is wrong.
    public static func registry(
        environment: [String: String], storeDirectory: String?, observer: @escaping @Sendable (ModelCallRecord) -> Void = { _ in }
    ) throws(AIOSError) -> EngineRegistry {
        try registry(environment: environment, cache: storeDirectory.map { FileResponseCache(storeDirectory: $0) }, observer: observer)
    }

    /// The registry for this process, keeping answers in `cache` (see ``StoreResponseCache``).
    public static func registry(
        environment: [String: String], cache: (any ModelResponseCache)?, observer: @escaping @Sendable (ModelCallRecord) -> Void = { _ in }
    ) throws(AIOSError) -> EngineRegistry {
        guard let settings = try ModelEngineSettings.fromEnvironment(environment) else { return EngineRegistry() }
        let client = try ModelClients.make(settings, environment: environment)
        let engine = ModelEngine(
            name: settings.engine, client: client, settings: settings,
            cache: cache,
            limiter: limiters.limiter(settings.maxConcurrentCalls), observer: observer)
        return EngineRegistry([engine], defaultName: settings.engine)
    }
}

/// The per-process limiter, made on first use.
private final class ProcessLimiter: Sendable {
    private let shared = Mutex<ModelCallLimiter?>(nil)
    func limiter(_ limit: Int) -> ModelCallLimiter {
        shared.withLock { current in
            if let current { return current }
            let made = ModelCallLimiter(limit: limit)
            current = made
            return made
        }
    }
}
