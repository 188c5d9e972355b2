import AIOSPostgres
import Foundation
import Testing
@testable import MCPCore

/// What only the PostgreSQL backend has to show: fencing across processes (two store instances
/// on one database stand for two worker machines), claims that never hand one job to two
/// workers, and the schema's version checks. The behaviour both backends share is in
/// `JobStoreConformanceTests`.
@Suite(.enabled(if: PostgresTestServer.isEnabled, "set AIOS_TEST_POSTGRES_URL to test the PostgreSQL store"))
struct PostgresJobStoreTests {
    private static let lease = Duration.seconds(30)

    private static func artifact(_ phase: Phase) -> JSONObject { ["phase": .string(phase.rawValue)] }

    @Test func aWorkerWhoseLeaseWasTakenOverCannotWriteEvenUnderTheSameName() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let clock = ManualJobClock()
        let first = try await PostgresJobStore.open(database.url, clock: clock)
        let second = try await PostgresJobStore.open(database.url, clock: clock)
        let (job, _) = try await first.submit(JobSubmission(request: StoreFixtures.brief()))
        let claimed = try #require(try await first.claim(worker: "worker", lease: Self.lease))
        #expect(claimed.id == job.id)
        _ = try await first.phaseStarted(job.id, phase: .strategy, worker: "worker")
        // The first machine stalls past its lease; the second takes the job over under the same name.
        clock.advance(by: .seconds(31))
        let takenOver = try #require(try await second.claim(worker: "worker", lease: Self.lease))
        #expect(takenOver.id == job.id)
        #expect(takenOver.stallCount == 1)
        // The holder's name matches, so only the fencing token tells the stale worker apart.
        for attempt in 0..<3 {
            do {
                switch attempt {
                case 0: _ = try await first.phaseSucceeded(job.id, phase: .strategy, worker: "worker", artifact: Self.artifact(.strategy))
                case 1: _ = try await first.heartbeat(job.id, worker: "worker", lease: Self.lease)
                default: try await first.release(job.id, worker: "worker")
                }
                Issue.record("the stale worker's write \(attempt) was accepted")
            } catch let error as JobTransitionError {
                #expect(error.reason == .leaseLost)
            }
        }
        // Nothing the stale worker tried is stored, and the new holder goes on.
        let now = try #require(try await second.job(job.id))
        #expect(now.phases[.strategy]?.status == .pending)
        #expect(now.lease?.holder == "worker")
        _ = try await second.phaseStarted(job.id, phase: .strategy, worker: "worker")
        let done = try await second.phaseSucceeded(job.id, phase: .strategy, worker: "worker", artifact: ["by": "second"])
        #expect(done.phases[.strategy]?.status == .completed)
        #expect(try await first.artifact(job.id, phase: .strategy) == ["by": "second"])
        await database.drop()
    }

    @Test func workersRacingForOneJobNeverBothGetIt() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let clock = ManualJobClock()
        var stores: [PostgresJobStore] = []
        for _ in 0..<4 { stores.append(try await PostgresJobStore.open(database.url, clock: clock, connections: 2)) }
        for round in 0..<5 {
            let (job, _) = try await stores[0].submit(JobSubmission(request: StoreFixtures.brief()))
            if round > 0 { clock.advance(by: .seconds(31)) }  // earlier rounds' jobs become reclaimable too
            let claims = try await withThrowingTaskGroup(of: (Int, Job?).self) { group in
                for index in 0..<8 {
                    let store = stores[index % stores.count]
                    group.addTask { (index, try await store.claim(worker: "w\(index)", lease: Self.lease, only: job.id)) }
                }
                var all: [(Int, Job?)] = []
                for try await claim in group { all.append(claim) }
                return all
            }
            let winners = claims.filter { $0.1 != nil }
            #expect(winners.count == 1, "round \(round): \(winners.count) workers claimed job \(job.id)")
            let holder = try #require(try await stores[1].job(job.id)?.lease?.holder)
            #expect(winners.first.map { "w\($0.0)" } == holder)
        }
        await database.drop()
    }

    @Test func anIdempotencyKeyCreatesOneJobUnderConcurrentSubmits() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let store = try await PostgresJobStore.open(database.url, connections: 4)
        let results = try await withThrowingTaskGroup(of: (Job, Bool).self) { group in
            for _ in 0..<8 {
                group.addTask { try await store.submit(JobSubmission(request: StoreFixtures.brief(), idempotencyKey: "same")) }
            }
            var all: [(Job, Bool)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.filter(\.1).count == 1)
        #expect(Set(results.map(\.0.id)).count == 1)
        #expect(try await store.listSignature().count == 1)
        await database.drop()
    }

    @Test func aDatabaseWithoutTheSchemaOrWithANewerOneIsRefused() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let connection = try await PostgresConnection.connect(database.url)
        // Back to "never migrated": opening says what to run.
        try await connection.run { session in
            try session.execute("DROP TABLE aios_meta")
        }
        do {
            _ = try await PostgresJobStore.open(database.url)
            Issue.record("a database without the aios schema was opened")
        } catch let error as StoreError {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("aiosctl store migrate"))
        }
        try await connection.run { session in
            try session.execute("CREATE TABLE aios_meta (key text PRIMARY KEY, value text NOT NULL)")
            try session.execute("INSERT INTO aios_meta VALUES ('schema_version', '\(PostgresSchema.version + 1)')")
        }
        for attempt in 0..<2 {
            do {
                if attempt == 0 { _ = try await PostgresJobStore.open(database.url) } else { _ = try await PostgresJobStore.migrate(database.url) }
                Issue.record("a newer schema was accepted (\(attempt == 0 ? "open" : "migrate"))")
            } catch let error as StoreError {
                #expect(error.code == .unsupportedFormat)
                #expect(error.message.contains("newer than this aios"))
            }
        }
        connection.close()
        await database.drop()
    }

    @Test func aStatementErrorCarriesItsSQLState() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let connection = try await PostgresConnection.connect(database.url)
        do {
            _ = try await connection.run { session in try session.execute("SELECT * FROM no_such_table") }
            Issue.record("a missing table was queried")
        } catch let error as PostgresError {
            #expect(error.kind == .statement)
            #expect(error.sqlState == "42P01")
        }
        // Parameters are bound, never spliced: a quote is data.
        let rows = try await connection.run { session in try session.execute("SELECT $1::text AS v", ["it's; DROP TABLE x"]) }
        #expect(rows[0, "v"] == "it's; DROP TABLE x")
        connection.close()
        await database.drop()
    }

    @Test func aConnectionKilledByTheServerIsMadeAgain() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let store = try await PostgresJobStore.open(database.url, connections: 1)
        let (job, _) = try await store.submit(JobSubmission(request: StoreFixtures.brief()))
        // Another session terminates every backend of this database but its own.
        let killer = try await PostgresConnection.connect(database.url)
        let killed = try await killer.run { session in
            try session.execute(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        }
        #expect(Int(killed[0, "n"] ?? "0") ?? 0 >= 1)
        // The store's next call reconnects and its transaction runs.
        #expect(try await store.job(job.id)?.status == .queued)
        _ = try await store.cancel(job.id)
        #expect(try await store.job(job.id)?.status == .cancelled)
        killer.close()
        await database.drop()
    }
}
