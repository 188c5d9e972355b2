import Foundation
import Testing

/// `aiosctl health` and `aiosctl metrics` name the store they checked (backend and location, a
/// URL's password masked) and its own checks, so two stores side by side can be told apart; a
/// database that cannot be reached is unhealthy (exit 1) with the reason. Part of
/// PostgresProcessTests (serialized), whose server restart must not cut these tests' connections.
extension PostgresProcessTests {
    /// `url` with `user:password@` credentials (a trust-authenticated server never asks for it).
    static func withPassword(_ url: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.user = components.user ?? "postgres"
        components.password = "s3cret-pw"
        return try #require(components.string)
    }

    @Test func healthAndMetricsNameEachStoreAndItsChecks() throws {
        let base = try #require(Self.baseURL, "AIOS_TEST_REQUIRE_POSTGRES=1 but AIOS_TEST_POSTGRES_URL is not set")
        let store = try Self.withPassword(try Self.freshStore(base))
        let home = try CLITests.makeHome()
        let environment = ["AIOS_HOME": home, "AIOS_STORE": store, "AIOS_API_KEY": ""]
        #expect(try runProcess(Products.aiosctl, ["submit", "--spec", "Teachers create quizzes; students take them and see their scores."], environment: environment).status == 0)

        let health = try runProcess(Products.aiosctl, ["health", "--json"], environment: environment)
        let report = try #require(try JSONSerialization.jsonObject(with: health.stdout) as? [String: Any], "\(health.stderrText)")
        let checked = try #require(report["store"] as? [String: Any])
        #expect(checked["backend"] as? String == "postgres")
        let location = try #require(checked["location"] as? String)
        #expect(location.contains(":***@") && !location.contains("s3cret-pw"), "\(location)")
        #expect(checked["reachable"] as? Bool == true)
        #expect(checked["schema_version"] as? Int == 3)
        #expect(checked["metrics_directory"] is NSNull, "metrics are in the database")
        #expect((report["queue"] as? [String: Any])?["depth"] as? Int == 1)
        #expect((report["queue"] as? [String: Any])?["oldest_queued_at"] is String)
        #expect(!health.stdoutText.contains("s3cret-pw") && !health.stderrText.contains("s3cret-pw"))
        let text = try runProcess(Products.aiosctl, ["health"], environment: environment)
        #expect(text.stdoutText.contains("store     postgres postgresql://"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("schema 3, reachable"), "\(text.stdoutText)")

        // Metrics: the info series tells the stores apart; the other series keep their names.
        let pgMetrics = try runProcess(Products.aiosctl, ["metrics"], environment: environment)
        #expect(pgMetrics.status == 0)
        #expect(pgMetrics.stdoutText.contains("aios_store_info{backend=\"postgres\",location=\"\(location)\"} 1"), "\(pgMetrics.stdoutText)")
        #expect(pgMetrics.stdoutText.contains("aios_store_up 1"))
        #expect(pgMetrics.stdoutText.contains("aios_queue_depth 1"))
        #expect(!pgMetrics.stdoutText.contains("s3cret-pw"))
        let fileHome = try CLITests.makeHome()
        #expect(try runProcess(Products.aiosctl, ["submit", "--spec", "Teachers create quizzes; students take them and see their scores."], environment: ["AIOS_HOME": fileHome]).status == 0)
        let fileMetrics = try runProcess(Products.aiosctl, ["metrics"], environment: ["AIOS_HOME": fileHome, "AIOS_STORE": ""])
        #expect(fileMetrics.stdoutText.contains("aios_store_info{backend=\"file\",location=\"\(fileHome)\"} 1"), "\(fileMetrics.stdoutText)")
        let fileHealth = try runProcess(Products.aiosctl, ["health", "--json"], environment: ["AIOS_HOME": fileHome, "AIOS_STORE": ""])
        let fileStore = try #require((try JSONSerialization.jsonObject(with: fileHealth.stdout) as? [String: Any])?["store"] as? [String: Any])
        #expect(fileStore["backend"] as? String == "file")
        #expect(fileStore["location"] as? String == fileHome)
        #expect(fileStore["format_version"] is Int)
    }

    @Test func aDatabaseNobodyAnswersForIsUnhealthyWithTheReason() throws {
        let home = try CLITests.makeHome()
        // Port 1 on loopback: nothing listens there.
        let environment = ["AIOS_HOME": home, "AIOS_STORE": "postgresql://aios:s3cret-pw@127.0.0.1:1/aios", "AIOS_API_KEY": ""]
        let health = try runProcess(Products.aiosctl, ["health", "--json"], environment: environment)
        #expect(health.status == 1, "documented: exit 1 when unhealthy; \(health.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: health.stdout) as? [String: Any])
        #expect(report["healthy"] as? Bool == false)
        let store = try #require(report["store"] as? [String: Any])
        #expect(store["backend"] as? String == "postgres")
        #expect(store["reachable"] as? Bool == false)
        #expect(store["location"] as? String == "postgresql://aios:***@127.0.0.1:1/aios")
        let reasons = (report["reasons"] as? [String] ?? []).joined(separator: " | ")
        #expect(reasons.contains("127.0.0.1") && reasons.lowercased().contains("connect"), "\(reasons)")
        #expect(!health.stdoutText.contains("s3cret-pw") && !health.stderrText.contains("s3cret-pw"))
        let metrics = try runProcess(Products.aiosctl, ["metrics"], environment: environment)
        #expect(metrics.stdoutText.contains("aios_store_up 0"), "\(metrics.stdoutText) \(metrics.stderrText)")
        #expect(metrics.stdoutText.contains("aios_store_info{backend=\"postgres\",location=\"postgresql://aios:***@127.0.0.1:1/aios\"} 1"))
    }
}
