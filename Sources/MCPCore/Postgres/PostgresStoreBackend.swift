import AIOSPostgres

/// A PostgreSQL store (`AIOS_STORE=postgres://…`): jobs, artifacts, the webhook outbox and its
/// secrets, API keys and rate-limit windows, all in one database (docs/store-format.md).
public struct PostgresStoreBackend: StoreBackend {
    public let configuration: StoreConfiguration
    public let postgresJobs: PostgresJobStore

    public init(configuration: StoreConfiguration, jobs: PostgresJobStore) {
        self.configuration = configuration
        postgresJobs = jobs
    }

    public var jobs: any JobStoreBackend { postgresJobs }

    public func keys(clock: any JobClock, logger: Logger) -> any KeyStoreBackend {
        PostgresKeyStore(source: PostgresStoreSource(opened: postgresJobs), clock: clock, logger: logger)
    }

    public func rateLimits(clock: any JobClock) -> any RateLimitBackend {
        PostgresRateLimits(source: PostgresStoreSource(opened: postgresJobs), clock: clock)
    }

    /// Checks the schema, and every artifact's digest when asked (`aiosctl store verify`).
    static func verify(_ url: String, artifacts: Bool) async throws -> StoreVerifyReport {
        let store = try await PostgresJobStore.open(url, graph: StoreFactory.graph, connections: 1, listens: false)
        return try await store.verify(artifacts: artifacts)
    }
}

/// Opens the database when first needed: `aiosctl keys` and the key gate of `aiosctl call`
/// connect only once they use the keys.
final class PostgresStoreSource: Sendable {
    private let opener: Opener

    private actor Opener {
        let url: String?
        var opened: PostgresJobStore?
        init(url: String?, opened: PostgresJobStore?) {
            self.url = url
            self.opened = opened
        }
        func store() async throws -> PostgresJobStore {
            if let opened { return opened }
            let store = try await PostgresJobStore.open(url ?? "", graph: StoreFactory.graph, connections: 1, listens: false)
            opened = store
            return store
        }
    }

    init(opened: PostgresJobStore) { opener = Opener(url: nil, opened: opened) }
    init(url: String) { opener = Opener(url: url, opened: nil) }

    func store() async throws -> PostgresJobStore { try await opener.store() }
}

extension PostgresJobStore {
    /// The schema version, jobs, and (with `artifacts`) each completed phase's artifact checked
    /// against its recorded SHA-256.
    func verify(artifacts: Bool) async throws -> StoreVerifyReport {
        let observations = try await observations()
        var report = StoreVerifyReport(directory: displayName, formatVersion: UInt32(PostgresSchema.version))
        report.jobs = observations.count
        guard artifacts else { return report }
        for observation in observations {
            for (phase, state) in observation.phases where state.status == .completed {
                do {
                    _ = try await artifact(observation.id, phase: phase)
                    report.artifactsChecked += 1
                } catch let error as StoreError {
                    report.problems.append(.init(severity: .damage, message: error.message, path: error.path, offset: nil))
                }
            }
        }
        return report
    }
}
