import Testing
@testable import MCPCore

@Suite(.serialized) struct MCPResourceTests {
    @Test func templatesListAndRead() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let job = try await fixture.submit()
        _ = try await fixture.run(job.id)
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let templates = try await server.answer(1, "resources/templates/list")
            #expect(templates["result"]?["resourceTemplates"]?.arrayValue?.compactMap { $0["uriTemplate"]?.stringValue } == [
                "aios://jobs/{job_id}", "aios://jobs/{job_id}/artifacts/{type}", "aios://jobs/{job_id}/artifacts/{type}.md",
                "aios://results/{result_id}/{type}",
            ])
            let list = try await server.answer(2, "resources/list")
            let first = try #require(list["result"]?["resources"]?[0])
            #expect(first["uri"] == .string("aios://jobs/\(job.id.rawValue)"))
            #expect(first["mimeType"] == "application/json")

            let status = try await server.answer(3, "resources/read", ["uri": .string("aios://jobs/\(job.id.rawValue)")])
            let statusContents = try #require(status["result"]?["contents"]?[0])
            #expect(statusContents["mimeType"] == "application/json")
            let statusJSON = try JSONValue.parse(try #require(statusContents["text"]?.stringValue))
            #expect(statusJSON["status"] == "completed" && statusJSON["job_id"] == .string(job.id.rawValue))

            let strategy = try await server.answer(4, "resources/read", ["uri": .string("aios://jobs/\(job.id.rawValue)/artifacts/strategy")])
            let json = try JSONValue.parse(try #require(strategy["result"]?["contents"]?[0]?["text"]?.stringValue))
            #expect(json["requirements"]?["functional"]?.arrayValue?.isEmpty == false)
            let markdown = try await server.answer(5, "resources/read", ["uri": .string("aios://jobs/\(job.id.rawValue)/artifacts/strategy.md")])
            #expect(markdown["result"]?["contents"]?[0]?["mimeType"] == "text/markdown")
            #expect(markdown["result"]?["contents"]?[0]?["text"]?.stringValue?.hasPrefix("#") == true)
        }
    }

    @Test("missing resources", arguments: [
        ("2025-11-25", -32002), ("2025-06-18", -32002),
    ])
    func missingResourcesInTheHandshakeEra(version: String, code: Int) async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let queued = try await fixture.submit()
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize(version: version)
            for (id, uri) in [
                "aios://jobs/job_01jd3k8x2m00000000000000000000",
                "aios://jobs/\(queued.id.rawValue)/artifacts/code",
                "aios://elsewhere/x",
            ].enumerated() {
                let read = try await server.answer(id + 1, "resources/read", ["uri": .string(uri)])
                #expect(read["error"]?["code"] == .integer(code), "\(uri)")
                #expect(read["error"]?["data"]?["uri"] == .string(uri))
            }
        }
    }

    @Test func modernEraUsesInvalidParamsForMissingResourcesAndCachesReads() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let job = try await fixture.submit()
        try await ServerHarness.serve(features: fixture.features) { server in
            let missing = try await server.answer(1, "resources/read", [
                "_meta": MCPServerTests.envelope, "uri": .string("aios://jobs/\(job.id.rawValue)/artifacts/ux"),
            ])
            #expect(missing["error"]?["code"] == -32602, "2026-07-28 retired -32002")
            let read = try await server.answer(2, "resources/read", ["_meta": MCPServerTests.envelope, "uri": .string("aios://jobs/\(job.id.rawValue)")])
            #expect(read["result"]?["ttlMs"] == 0 && read["result"]?["cacheScope"] == "private" && read["result"]?["resultType"] == "complete")
            let subscribe = try await server.answer(3, "resources/subscribe", ["_meta": MCPServerTests.envelope, "uri": .string("aios://jobs/\(job.id.rawValue)")])
            #expect(subscribe["error"]?["code"] == -32601, "2026-07-28 subscribes with subscriptions/listen")
        }
    }

    @Test func subscribersHearOfEveryTransitionMadeByAnotherProcess() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let job = try await fixture.submit()
        let statusURI = "aios://jobs/\(job.id.rawValue)"
        let artifactURI = statusURI + "/artifacts/strategy"
        let other = try await fixture.otherProcess()
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            #expect(try await server.answer(1, "resources/subscribe", ["uri": .string(statusURI)])["result"] == [:])
            #expect(try await server.answer(2, "resources/subscribe", ["uri": .string(artifactURI)])["result"] == [:])

            let claimed = try #require(try await other.claim(worker: "elsewhere", lease: .seconds(30)))
            #expect(claimed.id == job.id)
            let running = try await server.notification("notifications/resources/updated")
            #expect(running.message["params"]?["uri"] == .string(statusURI))

            _ = try await other.phaseStarted(job.id, phase: .strategy, worker: "elsewhere")
            var uris: Set<String> = []
            while !uris.contains(artifactURI) {
                let next = try await server.notification("notifications/resources/updated")
                uris.insert(try #require(next.message["params"]?["uri"]?.stringValue))
            }
            #expect(uris.isSubset(of: [statusURI, artifactURI]))

            #expect(try await server.answer(3, "resources/unsubscribe", ["uri": .string(artifactURI)])["result"] == [:])
            _ = try await other.cancel(job.id)
            let cancelled = try await server.notification("notifications/resources/updated")
            #expect(cancelled.message["params"]?["uri"] == .string(statusURI))
            let read = try await server.answer(4, "resources/read", ["uri": .string(statusURI)])
            let status = try JSONValue.parse(try #require(read["result"]?["contents"]?[0]?["text"]?.stringValue))
            #expect(status["status"] == "cancelled")

            let unknown = try await server.answer(5, "resources/subscribe", ["uri": "https://example.com/"])
            #expect(unknown["error"]?["code"] == -32602)
        }
    }

    @Test func newJobsFromOtherProcessesChangeTheList() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let other = try await fixture.otherProcess()
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            #expect(try await server.answer(1, "resources/list")["result"]?["resources"] == [])
            let job = try await fixture.submit(on: other)
            _ = try await server.notification("notifications/resources/list_changed")
            let list = try await server.answer(2, "resources/list")
            #expect(list["result"]?["resources"]?[0]?["name"] == .string(job.id.rawValue))
        }
    }

    @Test func listenStreamsAreAcknowledgedFirstAndStampEveryNotification() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let job = try await fixture.submit()
        let statusURI = "aios://jobs/\(job.id.rawValue)"
        let other = try await fixture.otherProcess()
        try await ServerHarness.serve(features: fixture.features) { server in
            server.send([
                "jsonrpc": "2.0", "id": "listen-1", "method": "subscriptions/listen",
                "params": [
                    "_meta": MCPServerTests.envelope,
                    "notifications": ["resourceSubscriptions": [.string(statusURI), "https://not.ours/"], "resourcesListChanged": true, "toolsListChanged": true],
                ],
            ])
            let ack = try await server.receive()
            #expect(ack["method"] == "notifications/subscriptions/acknowledged")
            #expect(ack["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "listen-1")
            #expect(ack["params"]?["notifications"] == ["resourcesListChanged": true, "resourceSubscriptions": [.string(statusURI)]],
                    "only what the server honours: our URIs, no tool list changes")

            _ = try await other.claim(worker: "elsewhere", lease: .seconds(30))
            let updated = try await server.notification("notifications/resources/updated")
            #expect(updated.message["params"]?["uri"] == .string(statusURI))
            #expect(updated.message["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "listen-1")

            _ = try await fixture.submit(on: other)
            let listChanged = try await server.notification("notifications/resources/list_changed")
            #expect(listChanged.message["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "listen-1")

            server.send(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"listen-1"}}"#)
            let later = try await server.answer(9, "tools/list", ["_meta": MCPServerTests.envelope])
            #expect(later["id"] == 9, "the cancelled stream gets no response")

            let tasksWithoutExtension = try await server.answer(10, "subscriptions/listen", [
                "_meta": MCPServerTests.envelope, "notifications": ["taskIds": [.string(job.id.rawValue)]],
            ])
            #expect(tasksWithoutExtension["error"]?["code"] == -32021)
            let malformed = try await server.answer(11, "subscriptions/listen", ["_meta": MCPServerTests.envelope, "notifications": ["resourceSubscriptions": "x"]])
            #expect(malformed["error"]?["code"] == -32602)
        }
    }

    @Test func pipelineResultsLinkTheJob() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let call = try await server.answer(1, "tools/call", ["name": "aios_full_pipeline", "arguments": ["spec": "A recipe sharing site where cooks share recipes."]])
            let result = try #require(call["result"])
            let jobID = try #require(result["structuredContent"]?["job_id"]?.stringValue)
            let link = try #require(result["content"]?.arrayValue?.first { $0["type"] == "resource_link" })
            #expect(link["uri"] == .string("aios://jobs/\(jobID)"))
            #expect(link["name"] == .string(jobID) && link["mimeType"] == "application/json")
            let read = try await server.answer(2, "resources/read", ["uri": link["uri"] ?? .null])
            #expect(read["result"]?["contents"]?[0]?["uri"] == link["uri"])
        }
    }
}
