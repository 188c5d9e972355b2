import Testing
@testable import MCPCore

@Suite(.serialized) struct MCPTaskTests {
    static let brief: JSONValue = ["spec": "Households share grocery lists: members add items, mark items as bought, and set recurring items that come back every week."]

    @Test("capabilities by era", arguments: [
        ("2025-11-25", true, true), ("2025-06-18", false, true), ("2025-03-26", false, true), ("2024-11-05", false, false),
    ])
    func handshakeCapabilities(version: String, tasks: Bool, completions: Bool) async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            let initialize = try await server.answer(1, "initialize", ["protocolVersion": .string(version), "capabilities": [:]])
            let capabilities = try #require(initialize["result"]?["capabilities"])
            #expect((capabilities["tasks"] != nil) == tasks)
            #expect((capabilities["completions"] != nil) == completions)
            #expect(capabilities["resources"] == ["subscribe": true, "listChanged": true])
            #expect(capabilities["logging"] == [:] && capabilities["prompts"] != nil)
            #expect(capabilities["extensions"] == nil)
            server.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            let list = try await server.answer(2, "tools/list")
            let tools = try #require(list["result"]?["tools"]?.arrayValue)
            let supported = tools.filter { $0["execution"] != nil }.compactMap { $0["name"]?.stringValue }
            #expect(supported == (tasks ? ["aios_full_pipeline"] : []))
            if tasks { #expect(tools.first { $0["name"] == "aios_full_pipeline" }?["execution"] == ["taskSupport": "optional"]) }
            let get = try await server.answer(3, "tasks/get", ["taskId": "job_x"])
            #expect(get["error"]?["code"] == (tasks ? -32602 : -32601))
        }
    }

    @Test func legacyTaskLifecycle() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let created = try await server.call(1, "tools/call", ["name": "aios_full_pipeline", "arguments": Self.brief, "task": ["ttl": 60000]])
            let task = try #require(created.response["result"]?["task"])
            let id = try #require(task["taskId"]?.stringValue)
            #expect(task["status"] == "working")
            #expect(task["ttl"]?.intValue ?? 0 >= 7 * 24 * 3600 * 1000, "kept at least as long as the store keeps jobs")
            #expect(task["pollInterval"] != nil && task["createdAt"]?.stringValue?.hasSuffix("Z") == true)
            #expect(created.response["result"]?["_meta"]?["io.modelcontextprotocol/model-immediate-response"]?.stringValue != nil)

            let get = try await server.answer(2, "tasks/get", ["taskId": .string(id)])
            #expect(get["result"]?["taskId"] == .string(id) && get["result"]?["status"] == "working")
            let list = try await server.answer(3, "tasks/list")
            #expect(list["result"]?["tasks"]?.arrayValue?.compactMap { $0["taskId"]?.stringValue } == [id])

            // tasks/result blocks until the job ends; a worker in another process runs it.
            server.send(["jsonrpc": "2.0", "id": 4, "method": "tasks/result", "params": ["taskId": .string(id), "_meta": ["progressToken": "r"]]])
            _ = try await fixture.run(try JobID(validating: id))
            let result = try await server.response(to: 4)
            let payload = try #require(result.response["result"])
            #expect(payload["isError"] == false)
            #expect(payload["structuredContent"]?["status"] == "completed" && payload["structuredContent"]?["job_id"] == .string(id))
            #expect(payload["_meta"]?["io.modelcontextprotocol/related-task"] == ["taskId": .string(id)])
            let links = payload["content"]?.arrayValue?.filter { $0["type"] == "resource_link" }.compactMap { $0["uri"]?.stringValue } ?? []
            #expect(links == ["aios://jobs/\(id)"] + Phase.allCases.map { "aios://jobs/\(id)/artifacts/\($0.rawValue)" })
            let statuses = result.notifications.filter { $0["method"] == "notifications/tasks/status" }
            let progress = result.notifications.filter { $0["method"] == "notifications/progress" }.compactMap { $0["params"]?["progress"]?.doubleValue }
            #expect(progress.last == 100 && progress == progress.sorted() && Set(progress).count == progress.count)

            // The status notification for the completion arrives, before or after the result.
            if !statuses.contains(where: { $0["params"]?["status"] == "completed" }) {
                let status = try await server.notification("notifications/tasks/status")
                #expect(status.message["params"]?["status"] == "completed" && status.message["params"]?["taskId"] == .string(id))
            }

            let cancelFinished = try await server.answer(5, "tasks/cancel", ["taskId": .string(id)])
            #expect(cancelFinished["error"]?["code"] == -32602)
            #expect(cancelFinished["error"]?["message"]?.stringValue?.contains("terminal status 'completed'") == true)
            let unknown = try await server.answer(6, "tasks/get", ["taskId": "job_01jd3k8x2m00000000000000000000"])
            #expect(unknown["error"]?["code"] == -32602)
        }
    }

    @Test func legacyCancelAndRefusals() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let created = try await server.answer(1, "tools/call", ["name": "aios_full_pipeline", "arguments": Self.brief, "task": [:]])
            let id = try #require(created["result"]?["task"]?["taskId"])
            let cancel = try await server.answer(2, "tasks/cancel", ["taskId": id])
            #expect(cancel["result"]?["status"] == "cancelled")
            let job = try #require(try await fixture.store.job(try JobID(validating: id.stringValue ?? "")))
            #expect(job.status == .cancelled, "cancelling the task cancels the durable job")
            let result = try await server.answer(3, "tasks/result", ["taskId": id])
            #expect(result["result"]?["isError"] == true && result["result"]?["structuredContent"]?["error"]?["code"] == "CANCELLED")

            let forbidden = try await server.answer(4, "tools/call", ["name": "aios_strategize", "arguments": ["spec": "x"], "task": [:]])
            #expect(forbidden["error"]?["code"] == -32601)
            let invalid = try await server.answer(5, "tools/call", ["name": "aios_full_pipeline", "arguments": ["spec": ""], "task": [:]])
            #expect(invalid["error"]?["code"] == -32602)
            #expect(invalid["error"]?["data"]?["error"]?["code"] == "INVALID_INPUT")
            let plain = try await server.answer(6, "tools/call", ["name": "aios_full_pipeline", "arguments": Self.brief])
            #expect(plain["result"]?["structuredContent"]?["status"] == "queued", "without params.task the call is an ordinary one")
        }
    }

    @Test func olderHandshakeRevisionsIgnoreTheTaskField() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize(version: "2025-06-18")
            let call = try await server.answer(1, "tools/call", ["name": "aios_full_pipeline", "arguments": Self.brief, "task": [:]])
            #expect(call["result"]?["structuredContent"]?["job_id"] != nil && call["result"]?["task"] == nil)
        }
    }

    @Test func extensionTaskLifecycle() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            let meta = MCPFeatureFixture.taskEnvelope
            let discover = try await server.answer(1, "server/discover", ["_meta": meta])
            #expect(discover["result"]?["capabilities"]?["extensions"] == ["io.modelcontextprotocol/tasks": [:]])
            #expect(discover["result"]?["capabilities"]?["tasks"] == nil)

            let created = try await server.answer(2, "tools/call", ["_meta": meta, "name": "aios_full_pipeline", "arguments": Self.brief])
            let task = try #require(created["result"])
            #expect(task["resultType"] == "task" && task["status"] == "working")
            #expect(task["ttlMs"] != nil && task["pollIntervalMs"] != nil && task["ttl"] == nil)
            let id = try #require(task["taskId"])

            server.send([
                "jsonrpc": "2.0", "id": "watch", "method": "subscriptions/listen",
                "params": ["_meta": meta, "notifications": ["taskIds": [id]]],
            ])
            let ack = try await server.notification("notifications/subscriptions/acknowledged")
            #expect(ack.message["params"]?["notifications"] == ["taskIds": [id]])

            let working = try await server.answer(3, "tasks/get", ["_meta": meta, "taskId": id])
            #expect(working["result"]?["status"] == "working" && working["result"]?["result"] == nil && working["result"]?["resultType"] == "complete")
            #expect(try await server.answer(4, "tasks/update", ["_meta": meta, "taskId": id, "inputResponses": [:]])["result"]?["resultType"] == "complete")

            _ = try await fixture.run(try JobID(validating: id.stringValue ?? ""))
            let pushed = try await server.notification("notifications/tasks")
            #expect(pushed.message["params"]?["status"] == "completed")
            #expect(pushed.message["params"]?["result"]?["structuredContent"]?["status"] == "completed")
            #expect(pushed.message["params"]?["_meta"]?["io.modelcontextprotocol/subscriptionId"] == "watch")

            let done = try await server.answer(5, "tasks/get", ["_meta": meta, "taskId": id])
            #expect(done["result"]?["status"] == "completed")
            #expect(done["result"]?["result"]?["isError"] == false)
            #expect(try await server.answer(6, "tasks/cancel", ["_meta": meta, "taskId": id])["result"]?["resultType"] == "complete",
                    "the extension's cancel acknowledges even a finished task")
            for method in ["tasks/get", "tasks/update", "tasks/cancel"] {
                let unknown = try await server.answer(7, method, ["_meta": meta, "taskId": "job_01jd3k8x2m00000000000000000000"])
                #expect(unknown["error"]?["code"] == -32602, "\(method)")
                let undeclared = try await server.answer(8, method, ["_meta": MCPServerTests.envelope, "taskId": id])
                #expect(undeclared["error"]?["code"] == -32021, "\(method)")
                #expect(undeclared["error"]?["data"]?["requiredCapabilities"] == ["extensions": ["io.modelcontextprotocol/tasks": [:]]])
            }
            for method in ["tasks/result", "tasks/list"] {
                #expect(try await server.answer(9, method, ["_meta": meta, "taskId": id])["error"]?["code"] == -32601, "\(method) is not in the extension")
            }
            let plain = try await server.answer(10, "tools/call", ["_meta": MCPServerTests.envelope, "name": "aios_full_pipeline", "arguments": Self.brief])
            #expect(plain["result"]?["resultType"] == "complete" && plain["result"]?["structuredContent"]?["job_id"] != nil,
                    "no task for a client that did not declare the extension")
        }
    }

    @Test func aTaskOutlivesTheServer() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        var taskID = JSONValue.null
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let created = try await server.answer(1, "tools/call", ["name": "aios_full_pipeline", "arguments": Self.brief, "task": [:]])
            taskID = try #require(created["result"]?["task"]?["taskId"])
        }
        // A new server process: its own store instance and features over the same directory.
        let store = try await fixture.otherProcess()
        let watcher = JobWatcher(store: store)
        let features = ServerFeatures(
            tools: ToolRegistry(AgentTools.make() + JobTools.make(store: store)),
            resources: JobResources(store: store, watcher: watcher), tasks: JobTasks(store: store, watcher: watcher), services: [watcher])
        _ = try await fixture.run(try JobID(validating: taskID.stringValue ?? ""))
        try await ServerHarness.serve(features: features) { server in
            try await server.initialize()
            let get = try await server.answer(1, "tasks/get", ["taskId": taskID])
            #expect(get["result"]?["status"] == "completed")
            let result = try await server.answer(2, "tasks/result", ["taskId": taskID])
            #expect(result["result"]?["structuredContent"]?["status"] == "completed")
        }
    }
}
