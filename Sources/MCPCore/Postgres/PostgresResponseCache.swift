import AIOSPostgres

/// The response cache of a PostgreSQL store: one row of `aios_model_cache` (schema migration 2)
/// per answer, keyed by the same SHA-256 hex as the file store's `model-cache/<key>.json`, so
/// every machine on the store shares it and a rerun of the same brief reads the same text.
/// Nothing is ever rewritten (`ON CONFLICT DO NOTHING`: the first answer stored for a key stays);
/// `DELETE FROM aios_model_cache` empties it. The database is connected when first used; a cache
/// that cannot be read or written only costs the next run its calls.
public final class PostgresResponseCache: ModelResponseCache, Sendable {
    private let source: PostgresStoreSource
    let clock: any JobClock

    /// - Parameter url: The store's `postgres://` URL.
    public init(url: String, clock: any JobClock = SystemJobClock()) {
        source = PostgresStoreSource(url: url)
        self.clock = clock
    }

    static func isKey(_ key: String) -> Bool {
        key.utf8.count == 64 && key.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    public func cachedResponse(forKey key: String) async -> String? {
        guard Self.isKey(key) else { return nil }
        return try? await source.store().readOnly { session in
            try session.execute("SELECT value FROM aios_model_cache WHERE key = $1", [key]).rows.first?[0] ?? nil
        }
    }

    public func storeResponse(_ value: String, forKey key: String) async {
        guard Self.isKey(key) else { return }
        let now = clock.nowMilliseconds()
        _ = try? await source.store().inTransaction { session in
            try session.execute(
                "INSERT INTO aios_model_cache (key, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
                [key, value, String(now)])
        }
    }

    /// How many answers the cache holds (for tests and `aiosctl health`).
    public func count() async throws -> Int {
        try await source.store().readOnly { session in
            Int(try session.execute("SELECT count(*) AS n FROM aios_model_cache")[0, "n"] ?? "0") ?? 0
        }
    }
}
