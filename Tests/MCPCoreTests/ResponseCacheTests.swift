import Foundation
import AIOSPostgres
import Testing
@testable import MCPCore

/// The model response cache of each store backend (``StoreResponseCache``): the same behaviour
/// from `model-cache/` and from `aios_model_cache` (schema migration 2), and a rerun of a
/// model-backed job served from the PostgreSQL store's cache.
@Suite(.serialized) struct ResponseCacheTests {
    /// Each backend's cache on a new store, and a second instance on the same store (another process).
    static func caches(_ backend: String) async throws -> (first: any ModelResponseCache, second: any ModelResponseCache, cleanup: @Sendable () async -> Void) {
        switch backend {
        case "file":
            let directory = TemporaryDirectory()
            let configuration = StoreConfiguration.file(directory.store)
            try FileManager.default.createDirectory(atPath: directory.store, withIntermediateDirectories: true)
            return (StoreResponseCache.make(configuration), StoreResponseCache.make(configuration), { directory.remove() })
        default:
            let database = try await PostgresTestServer.freshDatabase()
            let configuration = StoreConfiguration(backend: .postgres(url: database.url), directory: "/nonexistent")
            return (StoreResponseCache.make(configuration), StoreResponseCache.make(configuration), database.drop)
        }
    }

    static var backends: [String] { PostgresTestServer.isEnabled ? ["file", "postgres"] : ["file"] }

    @Test(arguments: backends) func eachBackendKeepsAnswersExactlyAndSharesThem(_ backend: String) async throws {
        let (cache, other, cleanup) = try await Self.caches(backend)
        let key = String(repeating: "ab", count: 32)
        #expect(await cache.cachedResponse(forKey: key) == nil)
        // Text exactly as given: non-ASCII, quotes, a trailing newline.
        let answer = "{\"text\":\"Schulweg ü – \\\"ok\\\"\"}\n"
        await cache.storeResponse(answer, forKey: key)
        #expect(await cache.cachedResponse(forKey: key) == answer)
        #expect(await other.cachedResponse(forKey: key) == answer, "another process on the store reads it")
        let second = String(repeating: "0f", count: 32)
        await other.storeResponse("{}", forKey: second)
        #expect(await cache.cachedResponse(forKey: second) == "{}")
        // Only SHA-256 hex digests are keys.
        await cache.storeResponse("x", forKey: "../escape")
        #expect(await cache.cachedResponse(forKey: "../escape") == nil)
        await cache.storeResponse("x", forKey: String(repeating: "AB", count: 32))
        #expect(await cache.cachedResponse(forKey: String(repeating: "AB", count: 32)) == nil)
        await cleanup()
    }

    @Test(.enabled(if: PostgresTestServer.isEnabled, "set AIOS_TEST_POSTGRES_URL to test the PostgreSQL cache"))
    func theEngineRegistryOfAPostgresStoreCachesInTheDatabase() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let configuration = StoreConfiguration(backend: .postgres(url: database.url), directory: "/nonexistent")
        #expect(StoreResponseCache.make(configuration) is PostgresResponseCache)
        #expect(StoreResponseCache.make(.file("/tmp/x")) is FileResponseCache)
        let cache = try #require(StoreResponseCache.make(configuration) as? PostgresResponseCache)
        #expect(try await cache.count() == 0)
        await cache.storeResponse("{\"a\":1}", forKey: String(repeating: "cd", count: 32))
        // The first answer stored for a key stays.
        await cache.storeResponse("{\"a\":2}", forKey: String(repeating: "cd", count: 32))
        #expect(await cache.cachedResponse(forKey: String(repeating: "cd", count: 32)) == "{\"a\":1}")
        #expect(try await cache.count() == 1)
        await database.drop()
    }

    @Test(.enabled(if: PostgresTestServer.isEnabled, "set AIOS_TEST_POSTGRES_URL to test the PostgreSQL cache"))
    func aRerunOnAPostgresStoreIsServedFromItsCache() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        let configuration = StoreConfiguration(backend: .postgres(url: database.url), directory: "/nonexistent")
        let store = try await StoreFactory.open(configuration).jobs
        let fixture = try ModelContentFixtures.schulweg()
        let context = RequestContext(
            id: .string("t"), method: "tools/call", era: .legacy(version: ProtocolRevisions.latestLegacy), requestID: "t", meta: [:],
            logger: .disabled)
        let ux = try ModelContentFixtures.schulwegUX()
        let client = ScriptedModelClient(["{\"product\": {}}", fixture.text, ux.text])
        let model = ModelEngine(
            name: "openai", client: client, settings: ModelEngineSettings(engine: "openai", model: "test-model"),
            cache: StoreResponseCache.make(configuration))
        let engines = EngineRegistry([model])
        let tools = ToolRegistry(JobTools.make(store: store, webhookGuard: WebhookURLGuard(allowPrivate: false), engines: engines))
        func runJob() async throws -> JSONObject {
            let submitted = try await tools.call(
                "aios_full_pipeline", arguments: ["spec": .string(fixture.spec), "engine": "openai"], context: context)
            let id = try JobID(validating: submitted["structuredContent"]?["job_id"]?.stringValue ?? "")
            let job = try await WorkerPool(store: store, executor: EngineExecutor.make(engine: engines)).runJob(id)
            #expect(job.status == .completed, "\(job)")
            let status = try await tools.call("aios_get_status", arguments: ["job_id": .string(id.rawValue)], context: context)
            return status["structuredContent"]?.objectValue ?? [:]
        }
        _ = try await runJob()
        #expect(client.requests.count == 3, "the strategy phase (one repair) and the UX phase ask the model")
        let again = try await runJob()
        #expect(client.requests.count == 3, "the rerun asked the model nothing")
        #expect(again["model_usage"]?["cache_hits"] == 2)
        #expect(again["phase_model_usage"]?["ux"]?["cache_hits"] == 1)
        let cache = try #require(StoreResponseCache.make(configuration) as? PostgresResponseCache)
        #expect(try await cache.count() == 3)
        await database.drop()
    }
    @Test(.enabled(if: PostgresTestServer.isEnabled, "set AIOS_TEST_POSTGRES_URL to test the PostgreSQL cache"))
    func migrationTwoAddsTheCacheToASchemaOneDatabase() async throws {
        let database = try await PostgresTestServer.freshDatabase()
        // A database as schema 1 left it.
        let connection = try await PostgresConnection.connect(database.url)
        try await connection.run { session in
            try session.execute("DROP TABLE aios_model_cache")
            try session.execute("DROP TABLE aios_metrics")
            try session.execute("DROP TABLE aios_metrics_retired")
            try session.execute("UPDATE aios_meta SET value = '1' WHERE key = 'schema_version'")
        }
        connection.close()
        await #expect(throws: StoreError.self) { _ = try await PostgresJobStore.open(database.url, listens: false) }
        let migrated = try await PostgresJobStore.migrate(database.url)
        #expect(migrated.from == 1 && migrated.to == PostgresSchema.version)
        let cache = PostgresResponseCache(url: database.url)
        await cache.storeResponse("{}", forKey: String(repeating: "12", count: 32))
        #expect(await cache.cachedResponse(forKey: String(repeating: "12", count: 32)) == "{}")
        await database.drop()
    }
}
