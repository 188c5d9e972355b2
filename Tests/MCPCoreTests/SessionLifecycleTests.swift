import Testing
@testable import MCPCore

@Suite struct SessionLifecycleTests {
    static let envelope: JSONObject = [
        "_meta": [
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": [:],
        ]
    ]

    @Test("initialize negotiates known versions and answers unknown ones with 2025-11-25", arguments: [
        ("2024-11-05", "2024-11-05"), ("2025-03-26", "2025-03-26"), ("2025-06-18", "2025-06-18"),
        ("2025-11-25", "2025-11-25"), ("2026-07-28", "2025-11-25"), ("1999-01-01", "2025-11-25"),
    ])
    func negotiation(requested: String, answered: String) {
        var lifecycle = SessionLifecycle()
        #expect(lifecycle.admit(method: "initialize", params: ["protocolVersion": .string(requested)])
            == .initialize(version: answered))
        #expect(lifecycle.admit(method: "tools/list", params: nil) == .serve(.legacy(version: answered)))
    }

    @Test func requestsBeforeInitializeAreRefusedButPingIsServed() {
        var lifecycle = SessionLifecycle()
        guard case .reject(let error) = lifecycle.admit(method: "tools/list", params: nil) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.code == -32600)
        #expect(lifecycle.admit(method: "ping", params: nil) == .serve(.legacy(version: "2025-11-25")))
        #expect(lifecycle.state == .awaitingFirstRequest)
    }

    @Test func envelopeOpensTheModernEraAndInitializeIsThenRefused() {
        var lifecycle = SessionLifecycle()
        #expect(lifecycle.admit(method: "server/discover", params: Self.envelope) == .serve(.modern(version: "2026-07-28")))
        guard case .reject(let error) = lifecycle.admit(method: "initialize", params: ["protocolVersion": "2025-11-25"]) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.code == -32022)
        #expect(error.data?["supported"] == ["2026-07-28"])
        guard case .reject(let missing) = lifecycle.admit(method: "tools/list", params: nil) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(missing.code == -32602)
    }

    @Test func unsupportedModernVersionNamesTheSupportedOnes() {
        var lifecycle = SessionLifecycle()
        let params: JSONObject = ["_meta": [
            "io.modelcontextprotocol/protocolVersion": "2099-01-01",
            "io.modelcontextprotocol/clientCapabilities": [:],
        ]]
        guard case .reject(let error) = lifecycle.admit(method: "server/discover", params: params) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.code == -32022)
        #expect(error.data?["requested"] == "2099-01-01")
    }

    @Test func legacySessionRefusesEnvelopedRequestsAndSecondInitialize() {
        var lifecycle = SessionLifecycle()
        _ = lifecycle.admit(method: "initialize", params: ["protocolVersion": "2025-06-18"])
        lifecycle.clientInitialized()
        #expect(lifecycle.state == .legacy(version: "2025-06-18", initialized: true))
        guard case .reject(let enveloped) = lifecycle.admit(method: "tools/list", params: Self.envelope),
            case .reject(let again) = lifecycle.admit(method: "initialize", params: [:])
        else {
            Issue.record("expected rejections")
            return
        }
        #expect(enveloped.code == -32600)
        #expect(again.code == -32600)
    }

    @Test func onlyTheBatchingRevisionAcceptsBatches() {
        for version in ProtocolRevisions.legacy {
            var lifecycle = SessionLifecycle()
            _ = lifecycle.admit(method: "initialize", params: ["protocolVersion": .string(version)])
            #expect(lifecycle.acceptsBatches == (version == "2025-03-26"))
        }
    }
}
