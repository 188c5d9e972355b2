import Testing
@testable import MCPCore

@Suite(.serialized) struct MCPPromptCompletionTests {
    @Test func theFourAgentsArePrompts() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let list = try await server.answer(1, "prompts/list")
            let prompts = try #require(list["result"]?["prompts"]?.arrayValue)
            #expect(prompts.compactMap { $0["name"]?.stringValue } == ["pm", "architect", "ux-design-expert", "dev"])
            #expect(prompts[0]["arguments"]?[0] == ["name": "brief", "title": "Product brief", "description": "The product described in natural language.", "required": true])
            #expect(prompts[2]["arguments"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["brief", "job_id", "style_preference"])

            let pm = try await server.answer(2, "prompts/get", ["name": "pm", "arguments": ["brief": "A marketplace for used bikes", "product_name": "Spokes"]])
            let messages = try #require(pm["result"]?["messages"]?.arrayValue)
            #expect(messages.allSatisfy { $0["role"] == "user" })
            #expect(messages[0]["content"]?["text"]?.stringValue?.contains("aios_strategize") == true)
            #expect(messages[0]["content"]?["text"]?.stringValue?.contains("Spokes") == true)
            #expect(messages.last?["content"]?["text"]?.stringValue?.contains("used bikes") == true)
            // The host's own model may do the reading (issue 17 item 11): the prompts say so.
            #expect(messages[0]["content"]?["text"]?.stringValue?.contains("pass your reading as `analysis`") == true)
            let ux = try await server.answer(3, "prompts/get", ["name": "ux-design-expert", "arguments": ["brief": "A marketplace for used bikes"]])
            #expect(ux["result"]?["messages"]?[0]?["content"]?["text"]?.stringValue?.contains("pass them as `ux_content`") == true)
        }
    }

    static let promptErrorCases: [(JSONObject, String)] = [
        (["name": "pm"], "needs the argument(s): brief"),
        (["name": "pm", "arguments": ["brief": "x", "colour": "red"]], "has no argument"),
        (["name": "pm", "arguments": ["brief": 3]], "must be a string"),
        (["name": "architect", "arguments": [:]], "needs a brief or the job_id"),
        (["name": "dev", "arguments": ["job_id": "job_nope"]], "is not a job id"),
        (["name": "cfo"], "Unknown prompt"),
    ]

    @Test("prompt argument errors", arguments: promptErrorCases)
    func promptErrors(params: JSONObject, message: String) async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let response = try await server.answer(1, "prompts/get", params)
            #expect(response["error"]?["code"] == -32602)
            #expect(response["error"]?["message"]?.stringValue?.contains(message) == true, "\(response)")
        }
    }

    @Test func laterAgentsBuildOnAJobsArtifacts() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let done = try await fixture.run(try await fixture.submit("Physiotherapists publish appointment slots; patients book appointments and cancel them; physiotherapists write treatment notes for each appointment.").id)
        let queued = try await fixture.submit()
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            let dev = try await server.answer(1, "prompts/get", ["name": "dev", "arguments": ["job_id": .string(done.id.rawValue), "framework": "vite-react-supabase"]])
            let messages = try #require(dev["result"]?["messages"]?.arrayValue)
            let embedded = messages.compactMap { $0["content"]?["resource"]?["uri"]?.stringValue }
            #expect(embedded == [
                "aios://jobs/\(done.id.rawValue)/artifacts/architecture.md", "aios://jobs/\(done.id.rawValue)/artifacts/ux.md",
            ])
            #expect(messages[0]["content"]?["text"]?.stringValue?.contains("vite-react-supabase") == true)
            #expect(messages.last?["content"]?["text"]?.stringValue?.contains("physiotherapists") == true, "the job's brief is used")
            let notReady = try await server.answer(2, "prompts/get", ["name": "architect", "arguments": ["job_id": .string(queued.id.rawValue)]])
            #expect(notReady["error"]?["code"] == -32602)
            #expect(notReady["error"]?["message"]?.stringValue?.contains("not ready") == true)
        }
    }

    @Test func completionOfJobIDsTypesAndPreferences() async throws {
        let fixture = try await MCPFeatureFixture()
        defer { fixture.remove() }
        let strategyOnly = try await fixture.run(try await fixture.submit(phases: [.strategy]).id)
        let other = try await fixture.submit()
        try await ServerHarness.serve(features: fixture.features) { server in
            try await server.initialize()
            func complete(_ ref: JSONValue, _ name: String, _ value: String, context: JSONValue? = nil) async throws -> JSONValue {
                var params: JSONObject = ["ref": ref, "argument": ["name": .string(name), "value": .string(value)]]
                if let context { params["context"] = ["arguments": context] }
                let response = try await server.answer(1, "completion/complete", params)
                return try #require(response["result"]?["completion"], "\(response)")
            }
            let status: JSONValue = ["type": "ref/resource", "uri": "aios://jobs/{job_id}"]
            let all = try await complete(status, "job_id", "JOB_")
            #expect(all["values"] == [.string(other.id.rawValue), .string(strategyOnly.id.rawValue)], "newest first, case ignored")
            #expect(all["total"] == 2 && all["hasMore"] == false)
            let one = try await complete(status, "job_id", String(strategyOnly.id.rawValue.prefix(30)))
            #expect(one["values"] == [.string(strategyOnly.id.rawValue)])

            let artifact: JSONValue = ["type": "ref/resource", "uri": "aios://jobs/{job_id}/artifacts/{type}"]
            #expect(try await complete(artifact, "type", "")["values"] == ["strategy", "architecture", "ux", "code"])
            #expect(try await complete(artifact, "type", "", context: ["job_id": .string(strategyOnly.id.rawValue)])["values"] == ["strategy"],
                    "only artifacts the job has finished")
            #expect(try await complete(artifact, "type", "a")["values"] == ["architecture"])

            let prompt: JSONValue = ["type": "ref/prompt", "name": "architect"]
            #expect(try await complete(prompt, "job_id", "job_")["total"] == 2)
            #expect(try await complete(prompt, "stack_preference", "vi")["values"] == ["vite-react-supabase"])
            #expect(try await complete(["type": "ref/prompt", "name": "ux-design-expert"], "style_preference", "")["values"] == ["minimal", "corporate", "playful"])

            for bad: JSONObject in [
                ["ref": ["type": "ref/prompt", "name": "cfo"], "argument": ["name": "job_id", "value": ""]],
                ["ref": ["type": "ref/prompt", "name": "pm"], "argument": ["name": "colour", "value": ""]],
                ["ref": ["type": "ref/resource", "uri": "aios://nope/{x}"], "argument": ["name": "x", "value": ""]],
                ["ref": ["type": "ref/tool"], "argument": ["name": "x", "value": ""]],
                ["ref": ["type": "ref/prompt", "name": "pm"]],
            ] {
                #expect(try await server.answer(2, "completion/complete", bad)["error"]?["code"] == -32602, "\(bad)")
            }
        }
    }
}
