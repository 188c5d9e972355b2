import AIOSPostgres

/// The metrics of a PostgreSQL store (schema migration 3): one row of `aios_metrics` per
/// process, replaced about once a second by its `MetricsReporter` (one UPSERT), and the sum of
/// ended processes in the single row of `aios_metrics_retired`: the same semantics as the file
/// store's `metrics/` directory (``MetricsDirectory``), shared by every machine on the database.
/// The database is connected when first used; a failing write is the reporter's to log.
public final class PostgresMetricsSink: MetricsSink {
    private let source: PostgresStoreSource

    /// The advisory lock key collectors hold while folding (`pg_advisory_xact_lock`), distinct
    /// from ``PostgresSchema/migrationLock``: "metr" in ASCII.
    static let collectLock = "1835365490"

    /// - Parameter url: The store's `postgres://` URL.
    public init(url: String) {
        source = PostgresStoreSource(url: url)
    }

    public func write(_ process: MetricsProcess) async throws {
        let body = String(decoding: process.json.serialized(), as: UTF8.self)
        _ = try await source.store().inTransaction { session in
            // A stopped entry is final: a write still in flight when the process finished
            // cannot make it look live again.
            try session.execute(
                """
                INSERT INTO aios_metrics (id, body, stopped, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, stopped = EXCLUDED.stopped,
                  updated_at = EXCLUDED.updated_at WHERE NOT aios_metrics.stopped
                """,
                [process.id, body, process.stopped ? "t" : "f", String(process.updatedAt)])
        }
    }

    public func collect(now: Int64) async throws -> MetricsCollection {
        try await source.store().inTransaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.collectLock))")
            var collection = MetricsCollection()
            var retired = MetricsSnapshot()
            let stored = try session.execute("SELECT body FROM aios_metrics_retired")
            if let text = stored.rows.first?[0] ?? nil {
                guard let value = try? JSONValue.parse(Array(text.utf8)) else {
                    throw StoreError(.corrupt, "aios_metrics_retired does not hold valid JSON")
                }
                retired = MetricsSnapshot(json: value["metrics"] ?? .null)
            }
            var ended: [MetricsProcess] = []
            for row in try session.execute("SELECT id, body FROM aios_metrics ORDER BY id").rows {
                let id = row[0] ?? ""
                if let process = collection.add(row[1].map { Array($0.utf8) }, id: id, name: id, now: now) { ended.append(process) }
            }
            if !ended.isEmpty {
                for process in ended { retired.merge(process.metrics) }
                let document: JSONValue = ["format": .int(MetricsProcess.formatVersion), "metrics": retired.json]
                try session.execute(
                    """
                    INSERT INTO aios_metrics_retired (only_row, body) VALUES (true, $1)
                    ON CONFLICT (only_row) DO UPDATE SET body = EXCLUDED.body
                    """,
                    [String(decoding: document.serialized(), as: UTF8.self)])
                for process in ended { try session.execute("DELETE FROM aios_metrics WHERE id = $1", [process.id]) }
            }
            collection.totals.merge(retired)
            return collection
        }
    }
}
