/// The file store's entry points, for `StoreFactory` (MCPCore), which maps a configuration to a
/// backend: each hands out a seam (``StoreBackend``, ``KeyStoreBackend``, ``RateLimitBackend``),
/// never the concrete file types, so nothing above this target can name them.
public enum FileStore {
    /// Opens (creating when missing) the file store in `configuration.directory`, whose jobs run
    /// `graph`'s phases.
    ///
    /// - Throws: `StoreError` when the store cannot be used (see `JobStore.open(at:graph:clock:options:)`).
    public static func open(
        _ configuration: StoreConfiguration, graph: PhaseGraph, clock: any JobClock = SystemJobClock(),
        options: JobStoreOptions = .init()
    ) async throws -> any StoreBackend {
        FileStoreBackend(
            configuration: configuration,
            fileJobs: try await JobStore.open(at: configuration.directory, graph: graph, clock: clock, options: options))
    }

    /// The API keys (`keys.log`) in `directory` alone; nothing is read or created until used.
    public static func keys(directory: String, clock: any JobClock = SystemJobClock(), logger: Logger = .disabled)
        -> any KeyStoreBackend
    {
        KeyStore(directory: directory, clock: clock, logger: logger)
    }

    /// The rate-limit windows (`ratelimits/`) in `directory` alone; nothing is read or created until used.
    public static func rateLimits(directory: String, clock: any JobClock = SystemJobClock()) -> any RateLimitBackend {
        RateLimiter(directory: directory, clock: clock)
    }

    /// Whether a file store exists in `directory` (nothing is created).
    ///
    /// - Throws: `StoreError` when that cannot be told (the directory cannot be examined).
    public static func exists(directory: String) throws(StoreError) -> Bool {
        try StoreFileSystem.existence(directory + "/" + StoreReplica.currentName)
    }

    /// Verifies the file store in `directory` without opening it for use; nothing is created or changed.
    ///
    /// - Throws: `StoreError` when there is no store or it cannot be read at all.
    public static func verify(directory: String, graph: PhaseGraph, artifacts: Bool = true) async throws -> StoreVerifyReport {
        try await JobStore.verify(at: directory, graph: graph, artifacts: artifacts)
    }
}

/// The file store: the job journal, `keys.log` and `ratelimits/` in one directory. Internal to
/// this target, like `JobStore`, `KeyStore` and `RateLimiter`: above it the file store is
/// reached through ``FileStore`` and the seams only, which the compiler enforces.
struct FileStoreBackend: StoreBackend {
    public let configuration: StoreConfiguration
    /// The job journal, for code that is part of the file backend (tests of the format).
    public let fileJobs: JobStore

    public init(configuration: StoreConfiguration, fileJobs: JobStore) {
        self.configuration = configuration
        self.fileJobs = fileJobs
    }

    public var jobs: any JobStoreBackend { fileJobs }

    public func keys(clock: any JobClock, logger: Logger) -> any KeyStoreBackend {
        KeyStore(directory: configuration.directory, clock: clock, logger: logger)
    }

    public func rateLimits(clock: any JobClock) -> any RateLimitBackend {
        RateLimiter(directory: configuration.directory, clock: clock)
    }
}
