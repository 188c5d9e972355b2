import Testing
@testable import MCPCore

@Suite struct MCPLoggingTests {
    /// Logs one record at each level, plus one carrying secrets in its metadata.
    static func chattyTool() -> Tool {
        Tool(
            name: "chatty", title: "Chatty", description: "Logs at every level.", inputSchema: ["type": "object"],
            outputSchema: nil, annotations: .init(readOnly: true, idempotent: true)
        ) { _, context in
            for level in Logger.Level.allCases { context.logger.log(level, "at \(level)", ["step": .string(level.description)]) }
            context.logger.warning("key used", [
                "api_key": "plain", "key.id": "key_123", "secret": "s", "value": "aios_0123456789abcdefghijKLMNOPqrstuv",
                "hook": "whsec_c2VjcmV0LWJ5dGVz", "error": "/home/user/.local/share/aios: permission denied",
            ])
            return [:]
        }
    }

    static func levels(_ notifications: [JSONValue]) -> [String] {
        notifications.filter { $0["method"] == "notifications/message" }.compactMap { $0["params"]?["level"]?.stringValue }
    }

    @Test func handshakeEraSendsNothingUntilSetLevelThenFilters() async throws {
        try await ServerHarness.serve(tools: [Self.chattyTool()]) { server in
            try await server.initialize()
            let before = try await server.call(1, "tools/call", ["name": "chatty"])
            #expect(Self.levels(before.notifications).isEmpty, "no log notifications before logging/setLevel")
            #expect(try await server.request(2, "logging/setLevel", ["level": "warning"])["result"] == [:])
            let after = try await server.call(3, "tools/call", ["name": "chatty"])
            #expect(Self.levels(after.notifications) == ["warning", "error", "critical", "alert", "emergency", "warning"])
            let message = try #require(after.notifications.first { $0["params"]?["data"]?["message"] == "at warning" })
            #expect(message["params"]?["logger"] == "disabled")
            #expect(message["params"]?["data"]?["step"] == "warning")
            let bad = try await server.request(4, "logging/setLevel", ["level": "verbose"])
            #expect(bad["error"]?["code"] == -32602)
        }
    }

    @Test func secretsNeverReachTheClient() async throws {
        try await ServerHarness.serve(tools: [Self.chattyTool()]) { server in
            try await server.initialize()
            _ = try await server.request(1, "logging/setLevel", ["level": "debug"])
            let call = try await server.call(2, "tools/call", ["name": "chatty"])
            let record = try #require(call.notifications.first { $0["params"]?["data"]?["message"] == "key used" })
            let data = try #require(record["params"]?["data"]?.objectValue)
            #expect(data["api_key"] == nil && data["secret"] == nil && data["error"] == nil)
            // Masked by the logger before any handler sees them (`aios_[REDACTED]`), or by this
            // handler (`[redacted]`).
            for key in ["value", "hook"] {
                #expect(data[key]?.stringValue?.lowercased().hasSuffix("[redacted]") == true, "\(key): \(data[key] ?? .null)")
            }
            #expect(data["key.id"] == "key_123", "identifiers that are not secrets stay")
            let text = call.notifications.map(\.jsonText).joined()
            #expect(!text.contains("aios_0123456789") && !text.contains("whsec_") && !text.contains("permission denied"))
        }
    }

    @Test func modernRequestsOptInPerRequest() async throws {
        try await ServerHarness.serve(tools: [Self.chattyTool()]) { server in
            let none = try await server.call(1, "tools/call", ["name": "chatty", "_meta": MCPServerTests.envelope])
            #expect(Self.levels(none.notifications).isEmpty, "without the logLevel key the server must not log to the client")
            var meta = try #require(MCPServerTests.envelope.objectValue)
            meta["io.modelcontextprotocol/logLevel"] = "error"
            let some = try await server.call(2, "tools/call", ["name": "chatty", "_meta": .object(meta)])
            #expect(Self.levels(some.notifications) == ["error", "critical", "alert", "emergency"])
            #expect(some.response["result"]?["resultType"] == "complete")
            meta["io.modelcontextprotocol/logLevel"] = "loud"
            let bad = try await server.call(3, "tools/call", ["name": "chatty", "_meta": .object(meta)])
            #expect(bad.response["error"]?["code"] == -32602)
            #expect(bad.notifications.isEmpty, "an invalid level is refused before the tool runs")
            let setLevel = try await server.request(4, "logging/setLevel", ["level": "debug", "_meta": MCPServerTests.envelope])
            #expect(setLevel["error"]?["code"] == -32601, "2026-07-28 has no logging/setLevel")
        }
    }
}
