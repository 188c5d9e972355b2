import AIOSPostgres
import Foundation
@testable import MCPCore

/// The PostgreSQL server the tests use: `AIOS_TEST_POSTGRES_URL` (scripts/test.sh starts a
/// throwaway cluster and sets it, with `AIOS_TEST_REQUIRE_POSTGRES=1`). Each test gets a fresh
/// database of its own, dropped afterwards.
enum PostgresTestServer {
    static var url: String? {
        ProcessInfo.processInfo.environment["AIOS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// CI sets this: then a missing server fails every PostgreSQL test instead of leaving them out.
    static var isRequired: Bool { ProcessInfo.processInfo.environment["AIOS_TEST_REQUIRE_POSTGRES"] == "1" }

    /// Whether the PostgreSQL variants run: the server is configured, or required (and then fail).
    static var isEnabled: Bool { url != nil || isRequired }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "AIOS_TEST_REQUIRE_POSTGRES=1 but AIOS_TEST_POSTGRES_URL is not set: the PostgreSQL backend cannot be tested"
        }
    }

    /// A new empty database with the aios schema migrated in; `drop` removes it.
    static func freshDatabase() async throws -> (url: String, drop: @Sendable () async -> Void) {
        guard let base = url else { throw MissingServer() }
        let name = "aios_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try await PostgresConnection.connect(base)
        try await admin.run { session in try session.execute("CREATE DATABASE \(name)") }
        let databaseURL = replacingDatabase(in: base, with: name)
        _ = try await PostgresJobStore.migrate(databaseURL)
        return (
            databaseURL,
            {
                _ = try? await admin.run { session in try session.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                admin.close()
            }
        )
    }

    /// `postgresql://u@h:p/db?x=y` with `db` replaced.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }
}
