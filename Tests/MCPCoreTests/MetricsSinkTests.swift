import AIOSPostgres
import Foundation
import Testing
@testable import AIOSStore
@testable import MCPCore

/// The same checks against both ``MetricsSink``s: the file store's `metrics/` directory and a
/// PostgreSQL store's `aios_metrics` table (issue 21).
@Suite struct MetricsSinkTests {
    /// A sink under test, with a way to see its entries and to damage one.
    struct Subject {
        var sink: any MetricsSink
        /// The ids of the live (not yet folded) entries.
        var entries: @Sendable () async throws -> Set<String>
        /// Stores an entry that is not a valid process under `id`.
        var damage: @Sendable (_ id: String) async throws -> Void
        var close: @Sendable () async -> Void
    }

    enum Kind: String, CaseIterable, Sendable { case file, postgres }

    static var kinds: [Kind] { PostgresTestServer.isEnabled ? Kind.allCases : [.file] }

    static func subject(_ kind: Kind) async throws -> Subject {
        switch kind {
        case .file:
            let temporary = TemporaryDirectory()
            let sink = FileMetricsSink(storeDirectory: temporary.path)
            let path = sink.directory.path
            return Subject(
                sink: sink,
                entries: {
                    Set(try StoreFileSystem.list(path).filter { $0.hasSuffix(".json") && $0 != MetricsDirectory.retiredName }
                        .map { String($0.dropLast(5)) })
                },
                damage: { id in StoreFixtures.writeFile(path + "/" + id + ".json", Array("{\"format\":1,".utf8)) },
                close: { temporary.remove() })
        case .postgres:
            let database = try await PostgresTestServer.freshDatabase()
            let url = database.url
            let query: @Sendable (String, [String?]) async throws -> PostgresRows = { sql, parameters in
                let connection = try await PostgresConnection.connect(url)
                defer { connection.close() }
                return try await connection.run { session in try session.execute(sql, parameters) }
            }
            return Subject(
                sink: PostgresMetricsSink(url: url),
                entries: { Set(try await query("SELECT id FROM aios_metrics", []).rows.compactMap { $0[0] }) },
                damage: { id in
                    _ = try await query("INSERT INTO aios_metrics (id, body, stopped, updated_at) VALUES ($1, '{\"format\":1,', false, 0)", [id])
                },
                close: { await database.drop() })
        }
    }

    @Test(arguments: MetricsSinkTests.kinds)
    func processesAreSummedAndEndedOnesFoldedOnce(kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        let sink = subject.sink
        let now = Timestamp.nowMilliseconds()
        try await sink.write(MetricsTests.process("live", updatedAt: now, calls: 5, slots: 3))
        try await sink.write(MetricsTests.process("other", host: "elsewhere", updatedAt: now, calls: 2, slots: 1))
        try await sink.write(MetricsTests.process("stopped", updatedAt: now, stopped: true, calls: 7))
        try await sink.write(MetricsTests.process("killed", pid: MetricsTests.deadPID(), updatedAt: now, calls: 11))

        let first = try await sink.collect(now: now)
        #expect(MetricsTests.calls(first) == 25)
        #expect(first.live.map(\.id).sorted() == ["live", "other"])
        #expect(first.liveWorkerProcesses.map(\.workerSlots).sorted() == [1, 3])
        #expect(try await subject.entries() == ["live", "other"], "ended processes are folded away")

        // Counted once: a second collection reads them from the retired sum only.
        let again = try await sink.collect(now: now)
        #expect(MetricsTests.calls(again) == 25)

        // Totals only grow across a fold: the live process counts on, then stops.
        try await sink.write(MetricsTests.process("live", updatedAt: now + 1000, calls: 9, slots: 3))
        #expect(MetricsTests.calls(try await sink.collect(now: now + 1000)) == 29)
        try await sink.write(MetricsTests.process("live", updatedAt: now + 2000, stopped: true, calls: 10, slots: 3))
        let folded = try await sink.collect(now: now + 2000)
        #expect(MetricsTests.calls(folded) == 30)
        #expect(folded.live.map(\.id) == ["other"])
        #expect(try await subject.entries() == ["other"])
        await subject.close()
    }

    @Test(arguments: MetricsSinkTests.kinds)
    func unreadableEntriesAreReportedNotSummed(kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        let now = Timestamp.nowMilliseconds()
        try await subject.sink.write(MetricsTests.process("good", updatedAt: now, calls: 2))
        try await subject.damage("bad")
        let collection = try await subject.sink.collect(now: now)
        #expect(MetricsTests.calls(collection) == 2)
        #expect(collection.unreadable == [kind == .file ? "bad.json" : "bad"])
        await subject.close()
    }

    @Test(.enabled(if: PostgresTestServer.isEnabled, "set AIOS_TEST_POSTGRES_URL to test the PostgreSQL metrics"))
    func migrationThreeAddsTheMetricsToASchemaTwoDatabase() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        // A database as schema 2 left it.
        let connection = try await PostgresConnection.connect(database.url)
        try await connection.run { session in
            try session.execute("DROP TABLE aios_metrics")
            try session.execute("DROP TABLE aios_metrics_retired")
            try session.execute("UPDATE aios_meta SET value = '2' WHERE key = 'schema_version'")
        }
        connection.close()
        await #expect(throws: StoreError.self) { _ = try await PostgresJobStore.open(database.url, listens: false) }
        await #expect(throws: (any Error).self) { _ = try await PostgresMetricsSink(url: database.url).collect(now: 0) }
        let migrated = try await PostgresJobStore.migrate(database.url)
        #expect(migrated.from == 2 && migrated.to == 3)
        let sink = PostgresMetricsSink(url: database.url)
        let now = Timestamp.nowMilliseconds()
        try await sink.write(MetricsTests.process("live", updatedAt: now, calls: 3))
        #expect(MetricsTests.calls(try await sink.collect(now: now)) == 3)
        await database.drop()
    }
}
