extension StoreConfiguration: CustomStringConvertible {
    /// The store an environment names: today always the file store in
    /// ``StoreLocation/resolve(environment:)``.
    ///
    /// - Throws: `StoreError` when no store directory can be located.
    public static func fromEnvironment(_ environment: [String: String]) throws(StoreError) -> StoreConfiguration {
        let directory = try StoreLocation.resolve(environment: environment)
        if let url = environment["AIOS_STORE"], !url.isEmpty {
            guard PostgresJobStore.isPostgresURL(url) else {
                throw StoreError(
                    .io, "AIOS_STORE must be a postgres:// or postgresql:// URL (unset it to use the file store in AIOS_HOME)")
            }
            return StoreConfiguration(backend: .postgres(url: url), directory: directory)
        }
        return .file(directory)
    }

    public var description: String {
        switch backend {
        case .file: directory
        case .postgres(let url): PostgresJobStore.redacted(url)
        }
    }
}

/// Opens, finds and verifies stores: the one place that maps a ``StoreConfiguration`` to a
/// concrete backend.
public enum StoreFactory {
    /// The product's phases (AIOSAgents' pipeline), which every store the product opens is
    /// given: the one place the store wiring names them. Code holding an opened store asks it
    /// (`JobStoreBackend.phaseGraph`).
    public static let graph: PhaseGraph = .pipeline

    /// Opens the configured store, creating it when missing.
    ///
    /// - Parameters:
    ///   - configuration: Which store.
    ///   - clock: The time source for timestamps and leases of jobs.
    ///   - options: Tunables of the job store; the defaults suit production.
    /// - Throws: `StoreError` when the store cannot be used.
    public static func open(
        _ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock(), options: JobStoreOptions = .init()
    ) async throws -> any StoreBackend {
        switch configuration.backend {
        case .file:
            try await FileStore.open(configuration, graph: graph, clock: clock, options: options)
        case .postgres(let url):
            PostgresStoreBackend(configuration: configuration, jobs: try await PostgresJobStore.open(url, graph: graph, clock: clock, options: options))
        }
    }

    /// The configured store's API keys alone, without opening its jobs (`aiosctl keys`, and
    /// `aiosctl call`'s gate: a store too damaged to open keeps its keys manageable). Nothing is
    /// read, created or connected until used.
    public static func keys(
        _ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock(), logger: Logger = .disabled
    ) throws -> any KeyStoreBackend {
        switch configuration.backend {
        case .file: FileStore.keys(directory: configuration.directory, clock: clock, logger: logger)
        case .postgres(let url): PostgresKeyStore(source: PostgresStoreSource(url: url), clock: clock, logger: logger)
        }
    }

    /// The configured store's rate-limit windows alone, without opening its jobs. Nothing is
    /// read, created or connected until used.
    public static func rateLimits(_ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock()) throws
        -> any RateLimitBackend
    {
        switch configuration.backend {
        case .file: FileStore.rateLimits(directory: configuration.directory, clock: clock)
        case .postgres(let url): PostgresRateLimits(source: PostgresStoreSource(url: url), clock: clock)
        }
    }

    /// Whether the configured store exists (observability never creates one).
    ///
    /// - Throws: `StoreError` when that cannot be told (the directory cannot be examined).
    public static func exists(_ configuration: StoreConfiguration) throws(StoreError) -> Bool {
        switch configuration.backend {
        case .file: try FileStore.exists(directory: configuration.directory)
        // A database is there to be asked: opening it says whether it is reachable and migrated.
        case .postgres: true
        }
    }

    /// Verifies the configured store without opening it for use, so a store too damaged to open
    /// can still be examined (`aiosctl store verify`, `aiosctl health`). Nothing is created or changed.
    ///
    /// - Parameter artifacts: Whether to check every artifact too (slow on a large store).
    /// - Throws: `StoreError` when there is no store or it cannot be read at all.
    public static func verify(_ configuration: StoreConfiguration, artifacts: Bool = true) async throws -> StoreVerifyReport {
        switch configuration.backend {
        case .file: try await FileStore.verify(directory: configuration.directory, graph: graph, artifacts: artifacts)
        case .postgres(let url): try await PostgresStoreBackend.verify(url, artifacts: artifacts)
        }
    }
}

