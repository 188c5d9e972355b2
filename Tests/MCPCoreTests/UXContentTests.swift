import Foundation
import Synchronization
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The UX content a model writes (pages, copy, flows): its checks, and the UX phase asking the
/// model for it with the same repair loop, budget, cache and accounting as the strategy phase.
/// The provider is the ``ModelClient`` seam's scripted client; the wire is tested apart and the
/// whole path through aios-mcp in EngineEndToEndTests.
@Suite struct UXContentTests {
    let settings = ModelEngineSettings(engine: "openai", model: "big-model", phaseModels: [.ux: "small-model"])

    /// The schulweg brief, its strategy artifact (rendered from the fixture content) and the
    /// UX content fixture.
    struct Schulweg {
        var spec: String
        var strategy: JSONObject
        var ux: JSONValue
        var uxText: String
        var input: JSONObject { ["spec": .string(spec), "requirements": .object(strategy)] }
        var context: UXContent.Context {
            get throws { try BuiltinEngine().uxContext(input, content: try StrategyContent.given(in: input)) }
        }
    }

    func schulweg() throws -> Schulweg {
        let fixture = try ModelContentFixtures.schulweg()
        let strategy = try BuiltinEngine().run(.strategy, input: ["spec": .string(fixture.spec), "analysis": fixture.content])
        let ux = try ModelContentFixtures.schulwegUX()
        return Schulweg(spec: fixture.spec, strategy: strategy, ux: ux.content, uxText: ux.text)
    }

    static func editing(_ content: JSONValue, _ edit: (inout [JSONValue], inout [JSONValue]) -> Void) -> JSONValue {
        var root = content.objectValue ?? [:]
        var pages = root["pages"]?.arrayValue ?? []
        var flows = root["flows"]?.arrayValue ?? []
        edit(&pages, &flows)
        root["pages"] = .array(pages)
        root["flows"] = .array(flows)
        return .object(root)
    }

    static func set(_ items: inout [JSONValue], _ index: Int, _ key: String, _ value: JSONValue) {
        var item = items[index].objectValue ?? [:]
        item[key] = value
        items[index] = .object(item)
    }

    // MARK: - Checks

    @Test func theFixtureContentPasses() throws {
        let fixture = try schulweg()
        #expect(UXContent.problems(in: fixture.ux, context: try fixture.context) == [])
        #expect(try fixture.context.requiredPages.count == 20)
    }

    @Test func semanticChecksNameEachProblemPrecisely() throws {
        let fixture = try schulweg()
        let bad = Self.editing(fixture.ux) { pages, flows in
            Self.set(&pages, 3, "requirement_ids", ["FR-8", "FR-99"])          // unknown requirement
            Self.set(&pages, 4, "id", "school-list")                          // duplicate page id
            Self.set(&pages, 5, "entity", "seat")                             // unknown entity on a required page
            var copy = pages[6]["copy"]?.objectValue ?? [:]
            copy["empty_state"] = " "
            Self.set(&pages, 6, "copy", .object(copy))                        // empty copy
            pages.append(pages[0])                                            // duplicate id and route
            Self.set(&pages, 20, "id", "help")
            Self.set(&flows, 1, "actor", "pilot")                             // unknown actor: FR-2 and FR-3 in no flow of parent
            var steps = flows[2]["steps"]?.arrayValue ?? []
            Self.set(&steps, 2, "page_id", "nowhere")                         // a step on an unknown page
            Self.set(&flows, 2, "steps", .array(steps))
            Self.set(&flows, 3, "requirement_ids", ["FR-8"])                  // FR-7 is in no flow of its actor
        }
        let problems = UXContent.problems(in: bad, context: try fixture.context).map(\.description)
        let pageIDs = "sign-in, sign-up, dashboard, school-list, school-list, school-create, school-edit, child-list, child-detail, child-create, child-edit, "
            + "ride-list, ride-detail, ride-create, ride-edit, booking-list, booking-detail, booking-create, booking-edit, settings, help"
        #expect(problems == [
            "/pages/3/requirement_ids/1: unknown requirement \"FR-99\"; requirement ids are FR-1, FR-2, FR-3, FR-4, FR-5, FR-6, FR-7, FR-8",
            "/pages/4/id: duplicate page id \"school-list\": also /pages/3",
            "/pages/5/entity: the page at /schools/new shows \"school\", not \"seat\"",
            "/pages/6/copy/empty_state: page school-edit has no empty state copy",
            "/pages/20/route: duplicate route \"/sign-in\": also /pages/0",
            "/flows/1/actor: unknown actor \"pilot\"; actors are \"user\", \"parent\", \"driver\", \"school coordinator\"",
            "/flows/2/steps/2/page_id: unknown page \"nowhere\"; page ids are " + pageIDs,
            "/flows: must-have requirement FR-2 (Parents can add a child with their school.) is in no flow of its actor parent; add it to the requirement_ids of a flow of parent",
            "/flows: must-have requirement FR-3 (Parents can create a booking for a child in a ride.) is in no flow of its actor parent; add it to the requirement_ids of a flow of parent",
            "/flows: must-have requirement FR-7 (School coordinators can manage schools.) is in no flow of its actor school coordinator; add it to the requirement_ids of a flow of school coordinator",
        ], "\(problems.joined(separator: "\n"))")
    }

    @Test func requiredPagesAndMustHaveRequirementsAreHeldToThePages() throws {
        let fixture = try schulweg()
        let bad = Self.editing(fixture.ux) { pages, _ in
            pages.removeLast()                                                // settings
            Self.set(&pages, 3, "route", "/schulen")                          // a list page at another route
            Self.set(&pages, 2, "kind", "list")                               // the dashboard as a list
            for index in pages.indices where (pages[index]["requirement_ids"]?.arrayValue ?? []).contains("FR-7") {
                Self.set(&pages, index, "requirement_ids", .array((pages[index]["requirement_ids"]?.arrayValue ?? []).filter { $0 != "FR-7" }))
            }
            pages.append(pages[0])
            Self.set(&pages, 19, "id", "faq")
            Self.set(&pages, 19, "route", "/faq/:topic")
            Self.set(&pages, 19, "kind", "other")
        }
        let problems = UXContent.problems(in: bad, context: try fixture.context).map(\.description)
        #expect(problems == [
            "/pages/2/kind: the page at / is a dashboard page, not list",
            "/pages/3/route: the list page of \"school\" has the route /schools, not /schulen",
            "/pages/19/route: \"/faq/:topic\" is not a route for another page: a path like /help (lowercase letters, digits, - and /), with no parameters",
            "/pages: missing the list page of \"school\" at /schools: the app links to it",
            "/pages: missing the settings page at /settings: the app links to it",
            "/pages: must-have requirement FR-7 (School coordinators can manage schools.) is served by no page; add its id to the page where it is done",
            "/flows/0/steps/2/page_id: unknown page \"settings\"; page ids are sign-in, sign-up, dashboard, school-list, school-detail, school-create, school-edit, "
                + "child-list, child-detail, child-create, child-edit, ride-list, ride-detail, ride-create, ride-edit, booking-list, booking-detail, booking-create, booking-edit, faq",
        ], "\(problems.joined(separator: "\n"))")
    }

    @Test func schemaViolationsComeWithTheirPointer() throws {
        let fixture = try schulweg()
        let bad = Self.editing(fixture.ux) { pages, _ in
            Self.set(&pages, 2, "kind", "landing")
            var page = pages[7].objectValue ?? [:]
            page["copy"] = nil
            pages[7] = .object(page)
        }
        let problems = UXContent.problems(in: bad, context: try fixture.context)
        #expect(problems.contains { $0.path == "/pages/2/kind" }, "\(problems)")
        #expect(problems.contains { $0.path == "/pages/7" && $0.message.contains("copy") }, "\(problems)")
    }

    // MARK: - Rendering from content

    @Test func theContentRendersPagesCopyAndFlowsWithOurTokensAndComponents() throws {
        let fixture = try schulweg()
        var input = fixture.input
        let derived = try BuiltinEngine().run(.ux, input: input)
        input["ux_content"] = fixture.ux
        let written = try BuiltinEngine().run(.ux, input: input)
        let pages = written["ux_spec"]?["pages"]?.arrayValue ?? []
        #expect(pages.count == 20)
        #expect(pages[3]["route"] == "/schools")
        #expect(pages[3]["copy"]?["empty_state"] == "No schools yet. Add the first school to start.")
        #expect(pages[3]["purpose"] == "See all schools and find the one you need.")
        // Components, layouts, tokens and checks are the writers', whoever wrote the content.
        let derivedPages = derived["ux_spec"]?["pages"]?.arrayValue ?? []
        for page in pages {
            let same = derivedPages.first { $0["route"] == page["route"] }
            #expect(same?["components"] == page["components"], "\(page["route"] ?? "")")
            #expect(same?["layout"] == page["layout"])
            #expect(same?["kind"] == page["kind"])
            #expect(same?["entity"] == page["entity"])
        }
        #expect(written["ux_spec"]?["design_tokens"] == derived["ux_spec"]?["design_tokens"])
        #expect(written["ux_spec"]?["accessibility"] == derived["ux_spec"]?["accessibility"])
        let flow = written["ux_spec"]?["user_flows"]?[1]
        #expect(flow?["steps"]?[1] == "Adds a child with their school on New child (/children/new).")
        #expect((written["ux_markdown"]?.stringValue ?? "").contains("## Page copy"))
        // The output still matches the tool's output schema.
        let validator = try JSONSchemaValidator(schema: AgentSchemas.outputSchema(for: .ux))
        #expect(validator.validate(.object(written)).isEmpty, "\(validator.validate(.object(written)))")
        // The code phase reads the pages back.
        var codeInput = fixture.input
        codeInput["ux_spec"] = written["ux_spec"]
        let code = try BuiltinEngine().run(.code, input: codeInput)
        #expect((code["files"]?.arrayValue ?? []).contains { $0["path"] == "src/app/children/new/page.tsx" })
    }

    @Test func aBadUXContentArgumentIsInvalidInputListingEveryProblem() throws {
        let fixture = try schulweg()
        var input = fixture.input
        input["ux_content"] = Self.editing(fixture.ux) { pages, _ in Self.set(&pages, 0, "requirement_ids", ["FR-42"]) }
        do {
            _ = try BuiltinEngine().run(.ux, input: input)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.details["path"] == "ux_content")
            #expect(error.details["problems"]?[0]?["path"] == "/pages/0/requirement_ids/0")
        }
        // A pipeline refuses it at submission (the builtin engine knows the context then).
        var request: JSONObject = ["spec": .string(fixture.spec), "analysis": try ModelContentFixtures.schulweg().content]
        request["ux_content"] = input["ux_content"]
        #expect(throws: AIOSError.self) { try EngineRegistry().check(request) }
        request["ux_content"] = fixture.ux
        try EngineRegistry().check(request)
    }

    // MARK: - The model engine's UX phase

    @Test func theUXPhaseAsksItsModelAndRepairsWithThePreciseProblems() async throws {
        let fixture = try schulweg()
        let broken = Self.editing(fixture.ux) { _, flows in
            var steps = flows[0]["steps"]?.arrayValue ?? []
            Self.set(&steps, 0, "page_id", "login")
            Self.set(&flows, 0, "steps", .array(steps))
        }
        let client = ScriptedModelClient([String(decoding: broken.serialized(), as: UTF8.self), fixture.uxText])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        let reports = Mutex<[String]>([])
        let output = try await engine.run(.ux, input: fixture.input, progress: AgentProgress { _, _, message in
            reports.withLock { $0.append(message ?? "") }
        })
        let run = output["engine_run"]
        #expect(run?["prompt_version"] == "ux-1")
        #expect(run?["model"] == "small-model-2026", "AIOS_LLM_MODEL_UX takes effect")
        #expect(run?["repairs"] == 1)
        #expect(run?["calls"] == 2)
        #expect(run?["prompt_tokens"] == 2000)
        #expect(run?["strategy"] == nil, "the strategy content came with the input")
        let requests = client.requests
        #expect(requests.count == 2)
        #expect(requests[0].model == "small-model")
        #expect(requests[0].schemaName == "ux_content")
        #expect(requests[0].system == EnginePrompts.ux.text)
        #expect(requests[0].messages[0].text.contains("- FR-7 [must] school coordinator: School coordinators can manage schools."))
        #expect(requests[0].messages[0].text.contains("- /rides/:id/edit edit ride"))
        #expect(requests[1].messages.count == 3)
        #expect(requests[1].messages[2].text.hasPrefix("Your answer has 1 problem (JSON Pointer: what is wrong):\n- /flows/0/steps/0/page_id: unknown page \"login\""))
        #expect(output["ux_spec"]?["pages"]?[0]?["copy"]?["heading"] == "Sign in to Schulweg")
        #expect(reports.withLock { $0 }.contains("ux: asking small-model for repair 1 of 2"))
        #expect(reports.withLock { $0 }.contains("ux: content checked after 1 repair"))
    }

    @Test func threeFailingUXAnswersFailThePhaseWithTheProblems() async throws {
        let fixture = try schulweg()
        let client = ScriptedModelClient(["{}", "{\"pages\": [], \"flows\": []}", "[]", fixture.uxText])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        do {
            _ = try await engine.run(.ux, input: fixture.input, progress: .ignored)
            Issue.record("accepted")
        } catch let error as AIOSError {
            #expect(error.code == .agentFailure)
            #expect(error.message.hasPrefix("ux: the model's UX content failed the checks after 2 repairs"), "\(error.message)")
            #expect(error.message.hasSuffix("[engine openai, model small-model-2026, prompt ux-1: 3 calls, 2 repairs, 3000 prompt + 1500 completion tokens, 3600 ms]"))
            #expect(error.details["problems"]?[0]?["path"] == "")
            #expect(error.details["engine_run"]?["outcome"] == "invalid_content")
        }
        #expect(client.requests.count == 3)
    }

    @Test func givenUXContentRendersWithoutACall() async throws {
        let fixture = try schulweg()
        let engine = ModelEngine(name: "openai", client: ScriptedModelClient([]), settings: settings)
        var input = fixture.input
        input["ux_content"] = fixture.ux
        let output = try await engine.run(.ux, input: input, progress: .ignored)
        #expect(output["engine_run"] == nil)
        #expect(output["ux_spec"]?["pages"]?[3]?["copy"]?["call_to_action"] == "Add school")
    }

    @Test func withoutAStrategyArtifactTheUXPhaseAsksForBoth() async throws {
        let fixture = try schulweg()
        let strategy = try ModelContentFixtures.schulweg()
        let client = ScriptedModelClient([strategy.text, fixture.uxText])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        let output = try await engine.run(.ux, input: ["spec": .string(fixture.spec)], progress: .ignored)
        #expect(client.requests.map(\.schemaName) == ["strategy_analysis", "ux_content"])
        #expect(client.requests.map(\.model) == ["big-model", "small-model"])
        #expect(output["engine_run"]?["prompt_version"] == "ux-1")
        #expect(output["engine_run"]?["strategy"]?["prompt_version"] == "pm-1")
    }

    @Test func theCacheKeysUXAnswersByPromptVersionAndReplaysThem() async throws {
        let fixture = try schulweg()
        let cache = MemoryResponseCache()
        let client = ScriptedModelClient([fixture.uxText])
        let engine = ModelEngine(name: "openai", client: client, settings: settings, cache: cache)
        var first = try await engine.run(.ux, input: fixture.input, progress: .ignored)
        var second = try await engine.run(.ux, input: fixture.input, progress: .ignored)
        #expect(client.requests.count == 1)
        #expect(second["engine_run"]?["cache_hits"] == 1)
        first["engine_run"] = nil
        second["engine_run"] = nil
        #expect(JSONValue.object(first).serialized() == JSONValue.object(second).serialized())
        let request = try #require(client.requests.first)
        let ux = ModelEngine.cacheKey(engine: "openai", provider: "scripted", promptVersion: "ux-1", request: request)
        let other = ModelEngine.cacheKey(engine: "openai", provider: "scripted", promptVersion: "ux-2", request: request)
        #expect(ux != other)
    }

    @Test func theStrategyPhasesTokensCountAgainstTheJobsBudget() async throws {
        let fixture = try schulweg()
        var limited = settings
        limited.maxTokensPerJob = 4000
        var strategy = fixture.strategy
        strategy["engine_run"] = ["prompt_tokens": 3000, "completion_tokens": 1000]
        let client = ScriptedModelClient([fixture.uxText])
        let engine = ModelEngine(name: "openai", client: client, settings: limited)
        do {
            _ = try await engine.run(.ux, input: ["spec": .string(fixture.spec), "requirements": .object(strategy)], progress: .ignored)
            Issue.record("accepted")
        } catch let error as AIOSError {
            #expect(error.code == .agentFailure)
            #expect(error.message.contains("AIOS_LLM_MAX_TOKENS_PER_JOB=4000) is spent: 4000 tokens used"), "\(error.message)")
        }
        #expect(client.requests.isEmpty)
        // With room left, the UX call's output limit is what remains.
        strategy["engine_run"] = ["prompt_tokens": 2000, "completion_tokens": 500]
        _ = try await engine.run(.ux, input: ["spec": .string(fixture.spec), "requirements": .object(strategy)], progress: .ignored)
        #expect(client.requests.first?.maxOutputTokens == 1500)
    }
}
