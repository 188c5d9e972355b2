import Testing
@testable import MCPCore

/// Secrets never reach a log handler, whatever form they arrive in.
@Suite struct SecretRedactorTests {
    static let apiKey = "aios_4fT9qLw2ZpX8mN3vB7cR1sK6"
    static let webhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let bearer = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x"
    static let providerKey = "sk-ant-api03-AbCdEfGhIjKlMnOpQrSt"

    @Test("secrets are masked wherever they appear", arguments: [
        (apiKey, "aios_[REDACTED]"),
        ("key=\(apiKey), retrying", "key=aios_[REDACTED], retrying"),
        ("\(webhookSecret)", "whsec_[REDACTED]"),
        ("header Authorization: Bearer \(bearer) refused", "header Authorization: Bearer [REDACTED] refused"),
        ("authorization: bearer \(bearer)", "authorization: bearer [REDACTED]"),
        ("BEARER   \(bearer)", "BEARER   [REDACTED]"),
        ("\"\(providerKey)\"", "\"sk-[REDACTED]\""),
        ("two: \(apiKey) and \(webhookSecret).", "two: aios_[REDACTED] and whsec_[REDACTED]."),
    ])
    func masksSecrets(input: String, expected: String) {
        #expect(SecretRedactor.redact(input) == expected)
    }

    @Test("ordinary text is left as it is", arguments: [
        "aios_strategize", "aios_design_architecture", "calling aios_full_pipeline for job_01jd3k8xabc",
        "the bearer of good news", "task-0123456789abcdefghijklmnop", "disk-sk-like", "AIOS_API_KEY is set",
        "whsec_", "aios_short1", "résumé — naïve ✓",
    ])
    func leavesOrdinaryText(input: String) {
        #expect(SecretRedactor.redact(input) == input)
    }

    @Test func aSecretGluedToAWordIsNotAPrefix() {
        // "xaios_…" is not an aios key: the prefix must start a word.
        let text = "xaios_4fT9qLw2ZpX8mN3vB7cR1sK6"
        #expect(SecretRedactor.redact(text) == text)
    }

    @Test func loggerRedactsMessageAndNestedMetadataBeforeAnyHandler() throws {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", level: .debug, handler: handler).with("request.id", "req_1")
        logger.error("rejected key \(Self.apiKey)", [
            "webhook_secret": .string("anything at all"),
            "Authorization": .string("Basic dXNlcjpwYXNz"),
            "detail": ["nested": .array([.string("Bearer \(Self.bearer)")]), "count": 3],
            "token_count": .null,
        ])
        let record = try #require(handler.records.first)
        let line = record.json.jsonText
        for secret in [Self.apiKey, Self.bearer, "anything at all", "dXNlcjpwYXNz"] {
            #expect(!line.contains(secret), "\(secret) leaked: \(line)")
        }
        #expect(record.message == "rejected key aios_[REDACTED]")
        #expect(record.metadata["webhook_secret"] == .string(SecretRedactor.mask))
        #expect(record.metadata["detail"]?["nested"]?[0] == .string("Bearer [REDACTED]"))
        #expect(record.metadata["detail"]?["count"] == 3)
        #expect(record.metadata["token_count"] == .null, "null carries no secret and stays null")
    }

    @Test func jsonLinesUseUnderscoredFieldNames() throws {
        let handler = InMemoryLogHandler()
        Logger(label: "test", handler: handler).with("request.id", "req_1").with("job.id", "job_x").info("hello", ["tool": "aios_strategize"])
        let object = try #require(handler.records.first?.json.objectValue)
        #expect(object["request_id"] == "req_1")
        #expect(object["job_id"] == "job_x")
        #expect(object["tool"] == "aios_strategize")
        #expect(Array(object.keys.prefix(4)) == ["level", "time", "label", "message"])
    }
}
