import Foundation
import Synchronization
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// A provider that answers from a script: the engine's own logic (checks, repairs, cache,
/// budget, accounting) is tested at the ``ModelClient`` seam; the wire is tested apart.
final class ScriptedModelClient: ModelClient {
    let provider = "scripted"
    private let state: Mutex<(answers: [String], requests: [ModelRequest])>
    private let usage: ModelUsage

    init(_ answers: [String], usage: ModelUsage = ModelUsage(promptTokens: 1000, completionTokens: 500)) {
        state = Mutex((answers, []))
        self.usage = usage
    }

    var requests: [ModelRequest] { state.withLock { $0.requests } }

    func complete(_ request: ModelRequest, onProgress: @escaping @Sendable (Int) -> Void) async throws -> ModelResponse {
        let text: String = try state.withLock { state in
            state.requests.append(request)
            guard !state.answers.isEmpty else { throw ModelError(.unavailable, "the script has no more answers") }
            return state.answers.removeFirst()
        }
        onProgress(text.utf8.count / 2)
        onProgress(text.utf8.count)
        return ModelResponse(text: text, model: request.model + "-2026", usage: usage, latencyMilliseconds: 1200, attempts: 1)
    }
}

final class PeakCounter: Sendable {
    private let state = Mutex((now: 0, max: 0))
    func withLock<T>(_ body: (inout (now: Int, max: Int)) -> T) -> T { state.withLock { body(&$0) } }
}

enum ModelContentFixtures {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("examples/analyses").path
    }()

    /// A German brief the builtin analyser refuses, and content a model could write for it.
    static func schulweg() throws -> (spec: String, content: JSONValue, text: String) {
        let spec = try String(contentsOfFile: directory + "/schulweg.md", encoding: .utf8)
        let text = try String(contentsOfFile: directory + "/schulweg.json", encoding: .utf8)
        return (spec, try JSONValue.parse(text), text)
    }

    /// UX content a model could write for the schulweg strategy (its FR ids and data model).
    static func schulwegUX() throws -> (content: JSONValue, text: String) {
        let text = try String(contentsOfFile: directory + "/schulweg.ux.json", encoding: .utf8)
        return (try JSONValue.parse(text), text)
    }

    static func editing(_ content: JSONValue, _ edit: (inout JSONObject) -> Void) -> JSONValue {
        var object = content.objectValue ?? [:]
        edit(&object)
        return .object(object)
    }

    static func setting(_ value: JSONValue, in array: JSONValue?, at index: Int, key: String) -> JSONValue {
        var items = array?.arrayValue ?? []
        var item = items[index].objectValue ?? [:]
        item[key] = value
        items[index] = .object(item)
        return .array(items)
    }
}

@Suite struct ModelEngineTests {
    let settings = ModelEngineSettings(engine: "openai", model: "test-model")

    // MARK: - Content schema and checks

    /// OpenAI strict mode: every object lists all its properties as required and closes itself;
    /// only the keywords strict mode accepts.
    @Test func contentSchemaIsInTheStrictSubset() throws {
        var problems: [String] = []
        func walk(_ schema: JSONValue, _ path: String) {
            guard let object = schema.objectValue else { problems.append("\(path): not an object"); return }
            for key in object.keys where !["type", "properties", "required", "additionalProperties", "items", "enum", "description"].contains(key) {
                problems.append("\(path): keyword \(key)")
            }
            if let properties = object["properties"]?.objectValue {
                if object["additionalProperties"] != false { problems.append("\(path): additionalProperties is not false") }
                let required = Set((object["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                if required != Set(properties.keys) { problems.append("\(path): required \(required.sorted()) != properties \(properties.keys.sorted())") }
                for (name, property) in properties { walk(property, path + "." + name) }
            }
            if let items = object["items"] { walk(items, path + "[]") }
        }
        walk(StrategyContent.schema, "")
        walk(UXContent.schema, "ux")
        #expect(problems.isEmpty, "\(problems)")
        _ = try JSONSchemaValidator(schema: StrategyContent.schema)
        _ = try JSONSchemaValidator(schema: UXContent.schema)
    }

    @Test func theFixtureContentPasses() throws {
        let fixture = try ModelContentFixtures.schulweg()
        #expect(StrategyContent.problems(in: fixture.content) == [])
    }

    @Test func semanticChecksNameEachProblemPrecisely() throws {
        let good = try ModelContentFixtures.schulweg().content
        let bad = ModelContentFixtures.editing(good) { root in
            // An unknown entity in a relation.
            var entities = root["entities"]?.arrayValue ?? []
            var booking = entities[3].objectValue ?? [:]
            booking["references"] = ["child", "seat"]
            entities[3] = .object(booking)
            root["entities"] = .array(entities)
            // A requirement without an actor, a duplicate id, an unknown entity in a requirement.
            var requirements = root["requirements"]?.arrayValue ?? []
            var first = requirements[0].objectValue ?? [:]
            first["actor"] = ""
            requirements[0] = .object(first)
            var second = requirements[1].objectValue ?? [:]
            second["id"] = "R1"
            second["entities"] = ["booking", "voucher"]
            requirements[1] = .object(second)
            root["requirements"] = .array(requirements)
        }
        let problems = StrategyContent.problems(in: bad).map(\.description)
        #expect(problems.contains { $0.hasPrefix("/entities/3/references/1: unknown entity \"seat\" in a relation of \"booking\"") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("/requirements/0/actor: requirement R1 has no actor") }, "\(problems)")
        #expect(problems.contains("/requirements/1/id: duplicate requirement id \"R1\": also /requirements/0"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("/requirements/1/entities/1: unknown entity \"voucher\" in requirement R1") }, "\(problems)")
        // Renaming R2 leaves its story pointing nowhere.
        #expect(problems.contains { $0.hasPrefix("/stories/1/requirement_id: unknown requirement \"R2\"") }, "\(problems)")
        #expect(problems.count == 5, "\(problems.joined(separator: " | "))")
    }

    @Test func schemaViolationsComeWithTheirPointer() throws {
        let good = try ModelContentFixtures.schulweg().content
        let bad = ModelContentFixtures.editing(good) { root in
            root["requirements"] = ModelContentFixtures.setting("urgent", in: root["requirements"], at: 2, key: "priority")
            root["tenant"] = nil
        }
        let problems = StrategyContent.problems(in: bad)
        #expect(problems.contains { $0.path == "/requirements/2/priority" }, "\(problems)")
        #expect(problems.contains { $0.path == "" && $0.message.contains("tenant") }, "\(problems)")
    }

    @Test func duplicateNamesAndReservedColumnsAreRefused() throws {
        let good = try ModelContentFixtures.schulweg().content
        let bad = ModelContentFixtures.editing(good) { root in
            var actors = root["actors"]?.arrayValue ?? []
            actors.append(["name": "Parents", "description": "again", "is_role": false])
            root["actors"] = .array(actors)
            var entities = root["entities"]?.arrayValue ?? []
            var school = entities[0].objectValue ?? [:]
            school["fields"] = [["name": "order", "type": "int", "values": [], "required": true, "unique": false, "searchable": false]]
            entities[0] = .object(school)
            root["entities"] = .array(entities)
        }
        let problems = StrategyContent.problems(in: bad).map(\.description)
        #expect(problems.contains { $0.hasPrefix("/actors/3/name: duplicate actor \"Parents\": the same as /actors/0") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("/entities/0/fields/0/name: \"order\" is reserved") }, "\(problems)")
    }

    // MARK: - Rendering from content

    /// The content renders all four phases with the existing writers: requirements cite the
    /// model's actors, the data model has its entities, the readiness review does not fail.
    @Test func contentRendersEveryPhase() throws {
        let fixture = try ModelContentFixtures.schulweg()
        let engine = BuiltinEngine()
        // The builtin analyser alone refuses this (German) brief.
        #expect(throws: AIOSError.self) { try engine.run(.strategy, input: ["spec": .string(fixture.spec)]) }
        let brief: JSONObject = ["spec": .string(fixture.spec), "analysis": fixture.content]
        let strategy = try engine.run(.strategy, input: brief)
        #expect(strategy["analysis"] == fixture.content)
        let functional = strategy["requirements"]?["functional"]?.arrayValue ?? []
        #expect(functional.contains { $0["description"]?.stringValue == "Drivers can confirm a booking." && $0["actor"] == "driver" })
        let personas = strategy["personas"]?.arrayValue ?? []
        #expect(personas.first?["name"] == "Anna, parent")
        let stories = strategy["user_stories"]?.arrayValue ?? []
        #expect(stories.contains { $0["story"]?.stringValue == "As a driver, I want to confirm bookings so that parents know their child has a seat." })

        let later: JSONObject = ["spec": .string(fixture.spec), "requirements": .object(strategy)]
        let architecture = try engine.run(.architecture, input: later)
        let tables = (architecture["architecture"]?["data_model"]?["entities"]?.arrayValue ?? []).compactMap { $0["table"]?.stringValue ?? $0["name"]?.stringValue }
        for table in ["schools", "children", "rides", "bookings"] { #expect(tables.contains { $0.lowercased().contains(table.dropLast(2)) }, "\(tables)") }
        #expect((architecture["sql_migration"]?.stringValue ?? "").contains("create table"))
        let ux = try engine.run(.ux, input: later)
        var codeInput = later
        codeInput["architecture"] = .object(architecture)
        codeInput["ux_spec"] = ux["ux_spec"]
        let code = try engine.run(.code, input: codeInput)
        #expect(code["review"]?["verdict"]?.stringValue != "FAIL", "\(code["review"] ?? .null)")
        for (phase, artifact) in [(Phase.strategy, strategy), (.architecture, architecture), (.ux, ux), (.code, code)] {
            let violations = try JSONSchemaValidator(schema: AgentSchemas.outputSchema(for: phase)).validate(.object(artifact))
            #expect(violations.isEmpty, "\(phase): \(violations)")
        }
    }

    @Test func badAnalysisArgumentIsInvalidInputListingEveryProblem() throws {
        let fixture = try ModelContentFixtures.schulweg()
        let bad = ModelContentFixtures.editing(fixture.content) { $0["tenant"] = "district" }
        do {
            _ = try BuiltinEngine().run(.strategy, input: ["spec": .string(fixture.spec), "analysis": bad])
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("/tenant: unknown entity \"district\""))
            #expect(error.details["problems"]?[0]?["path"] == "/tenant")
        }
    }

    // MARK: - The model engine

    @Test func aValidAnswerRendersWithAccounting() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let client = ScriptedModelClient([fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        let reports = Mutex<[String]>([])
        let output = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: AgentProgress { _, _, message in
            reports.withLock { $0.append(message ?? "") }
        })
        #expect(output["analysis"] == fixture.content)
        let run = output["engine_run"]
        #expect(run?["engine"] == "openai")
        #expect(run?["model"] == "test-model-2026")
        #expect(run?["prompt_version"] == .string(EnginePrompts.strategy.version))
        #expect(run?["prompt_tokens"] == 1000)
        #expect(run?["completion_tokens"] == 500)
        #expect(run?["repairs"] == 0)
        #expect(run?["latency_ms"] == 1200)
        let request = try #require(client.requests.first)
        #expect(request.system == EnginePrompts.strategy.text)
        #expect(request.schemaName == "strategy_analysis")
        #expect(request.messages.first?.text.contains(fixture.spec) == true)
        #expect(reports.withLock { $0 }.contains { $0.contains("characters received") })
    }

    @Test func aFailingAnswerIsRepairedWithThePreciseProblems() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let broken = ModelContentFixtures.editing(fixture.content) { root in
            root["requirements"] = ModelContentFixtures.setting("pilot", in: root["requirements"], at: 3, key: "actor")
        }
        let client = ScriptedModelClient(["{\"product\": ", String(decoding: broken.serialized(), as: UTF8.self), fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        let output = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: .ignored)
        #expect(output["engine_run"]?["repairs"] == 2)
        #expect(output["engine_run"]?["prompt_tokens"] == 3000)
        let requests = client.requests
        #expect(requests.count == 3)
        // The first repair quotes the parse error, the second the unknown actor; the
        // conversation keeps every earlier answer.
        #expect(requests[1].messages.count == 3)
        #expect(requests[1].messages[1].text == "{\"product\": ")
        #expect(requests[1].messages[2].text.contains("not one JSON object"))
        #expect(requests[2].messages.count == 5)
        #expect(requests[2].messages[4].text.contains("/requirements/3/actor: unknown actor \"pilot\" in requirement R4"))
    }

    @Test func threeFailingAnswersFailThePhaseWithTheProblems() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let broken = String(decoding: ModelContentFixtures.editing(fixture.content) { $0["tenant"] = "district" }.serialized(), as: UTF8.self)
        let client = ScriptedModelClient([broken, broken, broken, fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        do {
            _ = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: .ignored)
            Issue.record("accepted")
        } catch let error as AIOSError {
            #expect(error.code == .agentFailure)
            #expect(error.message.contains("after 2 repairs"))
            #expect(error.details["problems"]?[0]?["path"] == "/tenant")
            #expect(error.details["engine_run"]?["repairs"] == 2)
            #expect(error.details["engine_run"]?["prompt_tokens"] == 3000)
        }
        #expect(client.requests.count == 3)
    }

    @Test func aProviderRefusalFailsThePhasePlainly() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let engine = ModelEngine(name: "openai", client: ScriptedModelClient([]), settings: settings)
        do {
            _ = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: .ignored)
            Issue.record("accepted")
        } catch let error as AIOSError {
            #expect(error.code == .agentFailure)
            #expect(error.message == "openai: the script has no more answers [engine openai, model test-model, prompt pm-1: 1 call, 0 repairs, 0 prompt + 0 completion tokens, 0 ms]")
            #expect(error.details["kind"] == "unavailable")
        }
    }

    @Test func theCacheAnswersARerunWithTheSameBytes() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let cache = MemoryResponseCache()
        let client = ScriptedModelClient(["not json", fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: settings, cache: cache)
        let input: JSONObject = ["spec": .string(fixture.spec)]
        var first = try await engine.run(.strategy, input: input, progress: .ignored)
        #expect(cache.count == 2)
        var second = try await engine.run(.strategy, input: input, progress: .ignored)
        #expect(client.requests.count == 2)
        #expect(second["engine_run"]?["cache_hits"] == 2)
        #expect(second["engine_run"]?["prompt_tokens"] == 0)
        first["engine_run"] = nil
        second["engine_run"] = nil
        #expect(JSONValue.object(first).serialized() == JSONValue.object(second).serialized())

        // cache: false asks again (and the script has nothing left).
        var uncached = input
        uncached["cache"] = false
        await #expect(throws: AIOSError.self) { try await engine.run(.strategy, input: uncached, progress: .ignored) }
        #expect(client.requests.count == 3)
    }

    @Test func theTokenBudgetStopsRepairs() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        var limited = settings
        limited.maxTokensPerJob = 1500
        let client = ScriptedModelClient(["{}", fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: limited)
        do {
            _ = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: .ignored)
            Issue.record("accepted")
        } catch let error as AIOSError {
            #expect(error.code == .agentFailure)
            #expect(error.message.contains("AIOS_LLM_MAX_TOKENS_PER_JOB=1500"))
        }
        // One call of 1500 tokens spends the budget: no repair is asked for.
        #expect(client.requests.count == 1)
        #expect(client.requests.first?.maxOutputTokens == 1500)
    }

    @Test func laterPhasesRenderFromTheStrategyArtifactWithoutACall() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let client = ScriptedModelClient([fixture.text])
        let engine = ModelEngine(name: "openai", client: client, settings: settings)
        let strategy = try await engine.run(.strategy, input: ["spec": .string(fixture.spec)], progress: .ignored)
        let architecture = try await engine.run(.architecture, input: ["spec": .string(fixture.spec), "requirements": .object(strategy)], progress: .ignored)
        #expect(client.requests.count == 1)
        #expect((architecture["sql_migration"]?.stringValue ?? "").contains("bookings"))
    }

    @Test func thePromptTextMatchesItsVersion() {
        // Changing a prompt's text must change its version (it keys the cache): update both.
        let digests = EnginePrompts.all.map { "\($0.version) " + Hex.encode(SHA256.hash(Array($0.text.utf8))).prefix(16) }
        #expect(digests == ["pm-1 79560d47ad338eca", "ux-1 a259b637e632f7a4"])
        #expect(Set(EnginePrompts.all.map(\.version)).count == EnginePrompts.all.count)
    }

    // MARK: - Registry and settings

    @Test func theRegistryRoutesByTheJobsEngine() async throws {
        let fixture = try ModelContentFixtures.schulweg()
        let client = ScriptedModelClient([fixture.text])
        let registry = EngineRegistry([ModelEngine(name: "openai", client: client, settings: settings)])
        #expect(registry.names == ["builtin", "openai"])
        #expect(registry.defaultName == "builtin")
        let brief: JSONObject = ["spec": "Teachers create quizzes. Students take quizzes and see their scores."]
        let builtin = try await registry.run(.strategy, input: brief, progress: .ignored)
        #expect(builtin["engine_run"] == nil)
        #expect(client.requests.isEmpty)
        let routed = try await registry.run(.strategy, input: ["spec": .string(fixture.spec), "engine": "openai"], progress: .ignored)
        #expect(routed["engine_run"]?["engine"] == "openai")
        do {
            try registry.check(["spec": "x", "engine": "anthropic"])
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("engine \"anthropic\" is not configured on this server"))
        }
        // A model engine reads any brief, so only an empty one is refused at submission.
        try registry.check(["spec": .string(fixture.spec), "engine": "openai"])
        #expect(throws: AIOSError.self) { try registry.check(["spec": .string(fixture.spec)]) }
    }

    @Test func settingsComeFromTheEnvironment() throws {
        #expect(try ModelEngineSettings.fromEnvironment([:]) == nil)
        #expect(try ModelEngineSettings.fromEnvironment(["AIOS_ENGINE": "builtin"]) == nil)
        let settings = try #require(try ModelEngineSettings.fromEnvironment([
            "AIOS_ENGINE": "anthropic", "AIOS_LLM_MODEL": "claude-x", "AIOS_LLM_MODEL_STRATEGY": "claude-big",
            "AIOS_LLM_MAX_TOKENS_PER_JOB": "50000", "AIOS_LLM_MAX_CONCURRENCY": "2",
        ]))
        #expect(settings.model(for: .strategy) == "claude-big")
        #expect(settings.model(for: .ux) == "claude-x")
        let perPhase = try #require(try ModelEngineSettings.fromEnvironment(["AIOS_ENGINE": "openai", "AIOS_LLM_MODEL": "gpt-big", "AIOS_LLM_MODEL_UX": "gpt-small"]))
        #expect(perPhase.model(for: .ux) == "gpt-small")
        #expect(perPhase.model(for: .strategy) == "gpt-big")
        #expect(settings.maxTokensPerJob == 50000)
        #expect(settings.maxConcurrentCalls == 2)
        #expect(throws: AIOSError.self) { try ModelEngineSettings.fromEnvironment(["AIOS_ENGINE": "openai"]) }
        #expect(throws: AIOSError.self) { try ModelEngineSettings.fromEnvironment(["AIOS_ENGINE": "gemini", "AIOS_LLM_MODEL": "m"]) }
        #expect(throws: AIOSError.self) { try ModelEngineSettings.fromEnvironment(["AIOS_ENGINE": "openai", "AIOS_LLM_MODEL": "m", "AIOS_LLM_MAX_TOKENS_PER_JOB": "lots"]) }
    }

    @Test func theLimiterBoundsConcurrentCalls() async throws {
        let limiter = ModelCallLimiter(limit: 2)
        let peak = PeakCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await limiter.run {
                        peak.withLock { $0.now += 1; $0.max = max($0.max, $0.now) }
                        await Task.yield()
                        peak.withLock { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(peak.withLock { $0.max } <= 2)
        #expect(peak.withLock { $0.max } >= 1)
        #expect(limiter.running == 0)
    }

    @Test func theFileCacheKeepsAnswersInTheStore() async throws {
        let directory = NSTemporaryDirectory() + "aios-model-cache-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = FileResponseCache(storeDirectory: directory)
        let key = String(repeating: "ab", count: 32)
        #expect(await cache.cachedResponse(forKey: key) == nil)
        await cache.storeResponse("{\"text\":\"ü\"}", forKey: key)
        #expect(await cache.cachedResponse(forKey: key) == "{\"text\":\"ü\"}")
        #expect(await FileResponseCache(storeDirectory: directory).cachedResponse(forKey: key) == "{\"text\":\"ü\"}")
        // Only hex digests name files.
        await cache.storeResponse("x", forKey: "../escape")
        #expect(await cache.cachedResponse(forKey: "../escape") == nil)
    }
}
