/// The response cache of a store, chosen by its backend: `model-cache/` in the store directory
/// for the file store, the `aios_model_cache` table for PostgreSQL.
public enum StoreResponseCache {
    public static func make(_ configuration: StoreConfiguration) -> any ModelResponseCache {
        switch configuration.backend {
        case .file: FileResponseCache(storeDirectory: configuration.directory)
        case .postgres(let url): PostgresResponseCache(url: url)
        }
    }
}

extension EngineSetup {
    /// The registry for this process, caching answers in `store` (its backend's cache).
    public static func registry(
        environment: [String: String], store: StoreConfiguration?, observer: @escaping @Sendable (ModelCallRecord) -> Void = { _ in }
    ) throws(AIOSError) -> EngineRegistry {
        try registry(environment: environment, cache: store.map(StoreResponseCache.make), observer: observer)
    }
}
