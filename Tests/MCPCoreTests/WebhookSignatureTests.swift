import Testing
@testable import MCPCore

/// Webhook signatures and secrets: the Standard Webhooks published vector, the aios signature,
/// signing with several secrets during a rotation, and secret parsing.
@Suite struct WebhookSignatureTests {
    /// The published example of the Standard Webhooks reference libraries
    /// (standard-webhooks/standard-webhooks, libraries/python/tests/test_webhooks.py,
    /// `test_sign_function`; the same vector appears in every language's tests).
    static let exampleSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let exampleID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let exampleTimestamp: Int64 = 1_614_265_330
    static let exampleBody = Array(#"{"test": 2432232314}"#.utf8)

    @Test func standardSignatureMatchesTheSpecificationsPublishedExample() throws {
        let secret = try #require(WebhookSecret(Self.exampleSecret))
        #expect(secret.key.count == 24)
        let signature = WebhookSignature.standard(secret: secret, id: Self.exampleID, timestamp: Self.exampleTimestamp, body: Self.exampleBody)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    /// Computed with Python: hmac.new(base64.b64decode("MfKQ…"), b"1614265330." + body, sha256).hexdigest().
    @Test func aiosSignatureIsHexHMACOfTimestampDotBody() throws {
        let secret = try #require(WebhookSecret(Self.exampleSecret))
        let signature = WebhookSignature.aios(secret: secret, timestamp: Self.exampleTimestamp, body: Self.exampleBody)
        #expect(signature == "sha256=e96203c6de850e7dc1fde7489ef6140b402d3a5a64fe250cd2eef9830fac1cef")
    }

    @Test func headersCarryOneSignaturePerSecretNewestFirstAndTheSameTimestampTwice() throws {
        let new = WebhookSecret.generate()
        let old = try #require(WebhookSecret(Self.exampleSecret))
        let headers = WebhookSignature.headers(secrets: [new, old], id: Self.exampleID, timestamp: Self.exampleTimestamp, body: Self.exampleBody)
        let byName = Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers.count == byName.count, "a header is repeated")
        #expect(byName["Content-Type"] == "application/json")
        #expect(byName["webhook-id"] == Self.exampleID)
        #expect(byName["webhook-timestamp"] == "1614265330")
        #expect(byName["X-AIOS-Timestamp"] == "1614265330")
        let standard = try #require(byName["webhook-signature"]).split(separator: " ").map(String.init)
        #expect(standard == [
            WebhookSignature.standard(secret: new, id: Self.exampleID, timestamp: Self.exampleTimestamp, body: Self.exampleBody),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ])
        let aios = try #require(byName["X-AIOS-Signature"]).split(separator: " ").map(String.init)
        #expect(aios.count == 2)
        #expect(aios[1] == "sha256=e96203c6de850e7dc1fde7489ef6140b402d3a5a64fe250cd2eef9830fac1cef")
        #expect(aios[0] != aios[1])
    }

    @Test func aChangedBodyOrTimestampChangesTheSignature() throws {
        let secret = try #require(WebhookSecret(Self.exampleSecret))
        let base = WebhookSignature.standard(secret: secret, id: Self.exampleID, timestamp: Self.exampleTimestamp, body: Self.exampleBody)
        #expect(base != WebhookSignature.standard(secret: secret, id: Self.exampleID, timestamp: Self.exampleTimestamp + 1, body: Self.exampleBody))
        #expect(base != WebhookSignature.standard(secret: secret, id: Self.exampleID, timestamp: Self.exampleTimestamp, body: Self.exampleBody + [0x20]))
        #expect(base != WebhookSignature.standard(secret: secret, id: "msg_other", timestamp: Self.exampleTimestamp, body: Self.exampleBody))
    }

    @Test(arguments: [
        ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "no whsec_ prefix"),
        ("whsec_", "empty"),
        ("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "22 bytes: too short"),
        ("whsec_" + String(repeating: "A", count: 88), "66 bytes: too long"),
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "not padded base64"),
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w", "URL-safe alphabet"),
        ("whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "a space"),
    ])
    func malformedSecretsAreRefused(text: String, why: String) {
        #expect(WebhookSecret(text) == nil, "\(why)")
    }

    @Test func generatedSecretsHaveTheStandardFormAndDiffer() throws {
        let first = WebhookSecret.generate()
        let second = WebhookSecret.generate()
        #expect(first.text.hasPrefix("whsec_"))
        #expect(first.key.count == 32)
        #expect(try #require(WebhookSecret(first.text)).key == first.key)
        #expect(first.key != second.key)
        #expect(WebhookSecret.generate(byteCount: 64).key.count == 64)
        #expect(String(describing: first) == "whsec_…", "a secret must not print itself")
    }

    @Test func environmentSecretsAreNewestFirstAndAMalformedOneIsNamedButNotShown() throws {
        let new = WebhookSecret.generate()
        let keyring = try #require(try WebhookKeyring.fromEnvironment(["AIOS_WEBHOOK_SECRET": "\(new.text) \(Self.exampleSecret)"]))
        #expect(keyring.source == .environment)
        #expect(keyring.signingSecrets(at: 0).map(\.text) == [new.text, Self.exampleSecret])
        #expect(try WebhookKeyring.fromEnvironment([:]) == nil)
        let leaked = "whsec_thisisnotbase64!!"
        do {
            _ = try WebhookKeyring.fromEnvironment(["AIOS_WEBHOOK_SECRET": leaked])
            Issue.record("a malformed secret was accepted")
        } catch {
            #expect(error.variable == "AIOS_WEBHOOK_SECRET")
            #expect(!error.description.contains("thisisnotbase64"))
        }
    }

    @Test func rotationKeepsTheOldSecretSigningUntilItsGraceEnds() throws {
        let first = WebhookSecret.generate()
        let keyring = WebhookKeyring(entries: [.init(secret: first, createdAt: 0)], source: .environment)
        let second = WebhookSecret.generate()
        let rotated = keyring.rotated(to: second, at: 1_000, grace: .seconds(60))
        #expect(rotated.current == second)
        #expect(rotated.signingSecrets(at: 1_000) == [second, first])
        #expect(rotated.signingSecrets(at: 60_999) == [second, first])
        #expect(rotated.signingSecrets(at: 61_000) == [second])
        // A second rotation after the first grace ended drops the retired secret for good.
        let third = WebhookSecret.generate()
        let again = rotated.rotated(to: third, at: 70_000, grace: .seconds(10))
        #expect(again.entries.map(\.secret) == [third, second])
        let parsed = try #require(WebhookKeyring.parse(fileBytes: again.fileBytes(), path: "p"))
        #expect(parsed.entries == again.entries)
    }
}
