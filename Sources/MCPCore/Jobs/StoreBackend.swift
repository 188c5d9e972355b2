/// One store as a process uses it: its jobs (with artifacts, the webhook outbox and signing
/// secrets), its API keys and its rate-limit windows, each behind its own seam
/// (``JobStoreBackend``, ``KeyStoreBackend``, ``RateLimitBackend``). Opened from a
/// ``StoreConfiguration`` by ``StoreFactory/open(_:clock:options:)``, the one place that knows
/// the concrete backends; everything above (tools, resources, tasks, prompts, the CLI,
/// observability, the executables' wiring) reaches the store only through these protocols.
///
/// The file store (``FileStoreBackend``) is the first backend; a PostgreSQL one joins as another
/// ``StoreConfiguration/Backend`` case.
public protocol StoreBackend: Sendable {
    /// What was opened.
    var configuration: StoreConfiguration { get }
    /// Jobs, artifacts, the webhook outbox and its signing secrets.
    var jobs: any JobStoreBackend { get }
    /// The store's API keys, with `clock` as their time source and audit lines to `logger`.
    /// Nothing is read until first used.
    func keys(clock: any JobClock, logger: Logger) -> any KeyStoreBackend
    /// The store's per-key rate-limit windows. Nothing is read until first used.
    func rateLimits(clock: any JobClock) -> any RateLimitBackend
}

/// Where a process finds its store, read from the environment.
public struct StoreConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Which backend keeps the store.
    public enum Backend: Sendable, Hashable {
        /// The file journal in ``StoreConfiguration/directory`` (docs/store-format.md).
        case file
        /// A PostgreSQL database (`AIOS_STORE=postgres://…`), through libpq.
        case postgres(url: String)
    }

    public var backend: Backend
    /// The store directory (`AIOS_HOME`, see ``StoreLocation``): the file store keeps everything
    /// here; with any backend this machine's per-process files (`metrics/`) live here.
    public var directory: String

    public init(backend: Backend = .file, directory: String) {
        self.backend = backend
        self.directory = directory
    }

    /// The file store in `directory`.
    public static func file(_ directory: String) -> StoreConfiguration {
        StoreConfiguration(backend: .file, directory: directory)
    }

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
    /// Opens the configured store, creating it when missing.
    ///
    /// - Parameters:
    ///   - configuration: Which store.
    ///   - clock: The time source for timestamps and leases of jobs.
    ///   - options: Tunables of the job store; the defaults suit production.
    /// - Throws: `StoreError` when the store cannot be used (see ``JobStore/open(at:clock:options:)``).
    public static func open(
        _ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock(), options: JobStoreOptions = .init()
    ) async throws -> any StoreBackend {
        switch configuration.backend {
        case .file:
            FileStoreBackend(
                configuration: configuration,
                fileJobs: try await JobStore.open(at: configuration.directory, clock: clock, options: options))
        case .postgres(let url):
            PostgresStoreBackend(configuration: configuration, jobs: try await PostgresJobStore.open(url, clock: clock, options: options))
        }
    }

    /// The configured store's API keys alone, without opening its jobs (`aiosctl keys`, and
    /// `aiosctl call`'s gate: a store too damaged to open keeps its keys manageable). Nothing is
    /// read, created or connected until used.
    public static func keys(
        _ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock(), logger: Logger = .disabled
    ) throws -> any KeyStoreBackend {
        switch configuration.backend {
        case .file: KeyStore(directory: configuration.directory, clock: clock, logger: logger)
        case .postgres(let url): PostgresKeyStore(source: PostgresStoreSource(url: url), clock: clock, logger: logger)
        }
    }

    /// The configured store's rate-limit windows alone, without opening its jobs. Nothing is
    /// read, created or connected until used.
    public static func rateLimits(_ configuration: StoreConfiguration, clock: any JobClock = SystemJobClock()) throws
        -> any RateLimitBackend
    {
        switch configuration.backend {
        case .file: RateLimiter(directory: configuration.directory, clock: clock)
        case .postgres(let url): PostgresRateLimits(source: PostgresStoreSource(url: url), clock: clock)
        }
    }

    /// Whether the configured store exists (observability never creates one).
    ///
    /// - Throws: `StoreError` when that cannot be told (the directory cannot be examined).
    public static func exists(_ configuration: StoreConfiguration) throws(StoreError) -> Bool {
        switch configuration.backend {
        case .file: try StoreFileSystem.existence(configuration.directory + "/" + StoreReplica.currentName)
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
        case .file: try await JobStore.verify(at: configuration.directory, artifacts: artifacts)
        case .postgres(let url): try await PostgresStoreBackend.verify(url, artifacts: artifacts)
        }
    }
}

/// The file store: the job journal, `keys.log` and `ratelimits/` in one directory.
public struct FileStoreBackend: StoreBackend {
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
