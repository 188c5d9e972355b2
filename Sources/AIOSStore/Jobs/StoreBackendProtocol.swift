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

/// Where a process finds its store (MCPCore reads it from the environment).
public struct StoreConfiguration: Sendable, Hashable {
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
}
