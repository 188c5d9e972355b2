import Dispatch
import Foundation
import Testing
@testable import MCPCore

/// Runs the tasks that prefer it on a serial queue of its own, off Swift's cooperative pool: the
/// bound test runs the engine hundreds of times, and on the pool (two threads on a 2-core
/// machine) that work would starve the timing-sensitive server tests running beside it.
final class SerialQueueExecutor: TaskExecutor {
    let queue = DispatchQueue(label: "ResultBoundTests")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    static let shared = SerialQueueExecutor()
}

/// Every tool result for every example brief fits the result text limit (SPEC §2): a bounded
/// markdown summary plus resource links, the complete data in structuredContent, and every part
/// reachable page by page. Serialized: each example runs the engine many times on the cooperative
/// pool, and running them all at once starves the timing-sensitive server tests beside them.
@Suite(.serialized) struct ResultBoundTests {
    struct Setup {
        let fixture: MCPFeatureFixture
        let results = RecentResults()
        let registry: ToolRegistry

        init(limit: ResultTextLimit = .default) async throws {
            fixture = try await MCPFeatureFixture()
            registry = ToolRegistry(
                AgentTools.make(results: results) + JobTools.make(store: fixture.store, results: results), textLimit: limit)
        }

        func call(_ name: String, _ arguments: JSONObject) async throws -> JSONObject {
            let context = RequestContext(
                id: .string("t"), method: "tools/call", era: .legacy(version: "2025-11-25"), requestID: "t", meta: [:], logger: .disabled)
            return try await registry.call(name, arguments: arguments, context: context)
        }
    }

    /// The characters of a result's text blocks, after checking they are one text block and links.
    static func textLength(_ result: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let blocks = result["content"]?.arrayValue ?? []
        #expect(blocks.first?["type"] == "text", sourceLocation: sourceLocation)
        #expect(blocks.dropFirst().allSatisfy { $0["type"] == "resource_link" }, sourceLocation: sourceLocation)
        return blocks.compactMap { $0["text"]?.stringValue?.unicodeScalars.count }.reduce(0, +)
    }

    static func expectBounded(_ result: JSONObject, _ limit: Int, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result["isError"] == false, "\(label): \(result["structuredContent"] ?? .null)", sourceLocation: sourceLocation)
        let length = textLength(result, sourceLocation: sourceLocation)
        #expect(length <= limit, "\(label): \(length) characters of text, bound \(limit)", sourceLocation: sourceLocation)
    }

    /// Reads every page of a part; returns the reassembled value and the page count.
    static func readPart(_ setup: Setup, id: String, type: String, part: String, limit: Int) async throws -> (JSONValue, Int) {
        var text = "", items: [JSONValue] = [], cursor: String?, pages = 0, kind = ""
        repeat {
            var arguments: JSONObject = ["job_id": .string(id), "artifact_type": .string(type), "part": .string(part)]
            if let cursor { arguments["cursor"] = .string(cursor) }
            await Task.yield()
            let result = try await setup.call("aios_get_artifact", arguments)
            expectBounded(result, limit, "\(type) \(part) page \(pages + 1)")
            let page = try #require(result["structuredContent"])
            kind = page["kind"]?.stringValue ?? ""
            if kind == "items" { items += page["items"]?.arrayValue ?? [] } else { text += page["text"]?.stringValue ?? "" }
            cursor = page["next_cursor"]?.stringValue
            pages += 1
            try #require(pages < 1000, "paging does not end")
        } while cursor != nil
        return (kind == "items" ? .array(items) : .string(text), pages)
    }

    @Test(arguments: EngineFixtures.names)
    func noResultForAnExampleBriefPassesTheBound(_ name: String) async throws {
        try await withTaskExecutorPreference(SerialQueueExecutor.shared) { try await checkBound(name) }
    }

    func checkBound(_ name: String) async throws {
        let setup = try await Setup()
        defer { setup.fixture.remove() }
        let limit = ResultTextLimit.default.maxCharacters
        let spec = JSONValue.string(try EngineFixtures.brief(name))
        // The agent tools, chained as a host would chain them.
        let strategy = try await setup.call("aios_strategize", ["spec": spec])
        Self.expectBounded(strategy, limit, "\(name) strategize")
        let requirements = try #require(strategy["structuredContent"])
        let architecture = try await setup.call("aios_design_architecture", ["spec": spec, "requirements": requirements])
        Self.expectBounded(architecture, limit, "\(name) architecture")
        let ux = try await setup.call("aios_design_ux", ["spec": spec, "requirements": requirements, "architecture": try #require(architecture["structuredContent"])])
        Self.expectBounded(ux, limit, "\(name) ux")
        let code = try await setup.call("aios_generate_code", [
            "spec": spec, "architecture": try #require(architecture["structuredContent"]), "ux_spec": try #require(ux["structuredContent"]?["ux_spec"]),
        ])
        Self.expectBounded(code, limit, "\(name) code")
        // The pipeline: submit, run, status, every artifact whole, as markdown, and by parts.
        let submitted = try await setup.call("aios_full_pipeline", ["spec": spec])
        Self.expectBounded(submitted, limit, "\(name) pipeline")
        let jobID = try #require(submitted["structuredContent"]?["job_id"]?.stringValue)
        let job = try await setup.fixture.run(try JobID(validating: jobID))
        #expect(job.status == .completed)
        Self.expectBounded(try await setup.call("aios_get_status", ["job_id": .string(jobID)]), limit, "\(name) status")
        for type in Phase.allCases.map(\.rawValue) + ["all"] {
            for format in ["json", "markdown"] {
                let result = try await setup.call("aios_get_artifact", ["job_id": .string(jobID), "artifact_type": .string(type), "format": .string(format)])
                Self.expectBounded(result, limit, "\(name) artifact \(type) \(format)")
            }
        }
        // Every part's first page for every brief; every page, reassembled, for one of them
        // (paging is the same code for all; the engine work of all pages of all briefs would
        // occupy the cooperative pool long enough to starve the tests running beside it).
        let everyPage = name == "invoicing"
        for phase in Phase.allCases {
            let output = try await setup.fixture.store.artifact(try JobID(validating: jobID), phase: phase)
            for part in ArtifactParts.suggested(phase, output) + ["markdown"] {
                await Task.yield()
                if !everyPage {
                    let first = try await setup.call("aios_get_artifact", ["job_id": .string(jobID), "artifact_type": .string(phase.rawValue), "part": .string(part)])
                    Self.expectBounded(first, limit, "\(name) \(phase) \(part) first page")
                    continue
                }
                let (value, _) = try await Self.readPart(setup, id: jobID, type: phase.rawValue, part: part, limit: limit)
                let whole = try ArtifactParts.value(of: part, in: phase, output)
                if whole.arrayValue != nil || whole.stringValue != nil {
                    #expect(value == whole, "\(name) \(phase) \(part) reassembled")
                } else {
                    #expect(value == .string(whole.prettyPrinted()), "\(name) \(phase) \(part) reassembled")
                }
            }
        }
    }

    @Test func aSmallerLimitIsHonouredAndPagesStillReassemble() async throws {
        let limit = ResultTextLimit(maxCharacters: 2_000)
        let setup = try await Setup(limit: limit)
        defer { setup.fixture.remove() }
        let spec = JSONValue.string(try EngineFixtures.brief("invoicing"))
        let architecture = try await setup.call("aios_design_architecture", ["spec": spec])
        Self.expectBounded(architecture, 2_000, "architecture")
        let text = try #require(architecture["content"]?[0]?["text"]?.stringValue)
        let id = try #require(text.split(separator: "`").dropFirst().first.map(String.init))
        #expect(RecentResults.isResultID(id))
        let (openapi, pages) = try await Self.readPart(setup, id: id, type: "architecture", part: "openapi", limit: 2_000)
        #expect(pages > 10)
        #expect(try JSONValue.parse(Array(try #require(openapi.stringValue).utf8)) == architecture["structuredContent"]?["openapi"])
        // A text longer than the limit is cut with a note saying where the rest is.
        let cut = limit.bounded(String(repeating: "line of text\n", count: 1_000))
        #expect(cut.unicodeScalars.count <= 2_000)
        #expect(cut.contains("AIOS_RESULT_TEXT_LIMIT"))
    }

    @Test func theLimitIsConfigured() throws {
        #expect(try Configuration.fromEnvironment([:]).resultTextLimit == .default)
        #expect(try Configuration.fromEnvironment(["AIOS_RESULT_TEXT_LIMIT": "5000"]).resultTextLimit.maxCharacters == 5_000)
        #expect(throws: ConfigurationError.self) { try Configuration.fromEnvironment(["AIOS_RESULT_TEXT_LIMIT": "100"]) }
        #expect(throws: ConfigurationError.self) { try Configuration.fromEnvironment(["AIOS_RESULT_TEXT_LIMIT": "lots"]) }
    }

    @Test func partsAndCursorsAreChecked() async throws {
        let setup = try await Setup()
        defer { setup.fixture.remove() }
        let code = try await setup.call("aios_generate_code", ["spec": "A habit tracker where users create habits and check them off."])
        let text = try #require(code["content"]?[0]?["text"]?.stringValue)
        let id = try #require(text.split(separator: "`").dropFirst().first.map(String.init))
        let file = try #require(code["structuredContent"]?["files"]?[0])
        let one = try await setup.call("aios_get_artifact", [
            "job_id": .string(id), "artifact_type": "code", "part": .string("files/" + (file["path"]?.stringValue ?? "")),
        ])
        #expect(one["structuredContent"]?["text"] == file["content"])
        let index = try await setup.call("aios_get_artifact", ["job_id": .string(id), "artifact_type": "code", "part": "files"])
        #expect(index["structuredContent"]?["items"]?[0]?["path"] == file["path"])
        #expect(index["structuredContent"]?["items"]?[0]?["content"] == nil, "the index has no contents")
        for (arguments, path) in [
            (["part": "no.such.part"] as JSONObject, "part"),
            (["part": "files/nope.ts"], "part"),
            (["part": "files", "cursor": "t3"], "cursor"),
            (["part": "files", "cursor": "i99999"], "cursor"),
            (["cursor": "i1"], "cursor"),
        ] {
            var input: JSONObject = ["job_id": .string(id), "artifact_type": "code"]
            for (key, value) in arguments { input[key] = value }
            let refused = try await setup.call("aios_get_artifact", input)
            #expect(refused["isError"] == true, "\(arguments)")
            #expect(refused["structuredContent"]?["error"]?["code"] == "INVALID_INPUT", "\(arguments)")
            #expect(refused["structuredContent"]?["error"]?["details"]?["path"] == .string(path), "\(arguments)")
        }
        let wrongPhase = try await setup.call("aios_get_artifact", ["job_id": .string(id), "artifact_type": "ux"])
        #expect(wrongPhase["structuredContent"]?["error"]?["code"] == "INVALID_INPUT")
        let unknown = try await setup.call("aios_get_artifact", ["job_id": "res_0123456789abcdef0123456789abcdef", "artifact_type": "code"])
        #expect(unknown["structuredContent"]?["error"]?["code"] == "JOB_NOT_FOUND")
    }

    @Test func resultsAreKeptWithinTheirCapacityAndOnlyForTheirOwner() {
        let results = RecentResults(capacityBytes: 10_000)
        let big: JSONObject = ["prd_markdown": .string(String(repeating: "x", count: 4_000))]
        let first = results.record(.strategy, output: big, owner: "key_a")
        let second = results.record(.strategy, output: big, owner: "key_a")
        let third = results.record(.strategy, output: big, owner: nil)
        let owner = Caller(keyID: "key_a", scopes: ["agents:run"])
        #expect(results.entry(first.id, caller: owner) == nil, "the oldest is dropped past the capacity")
        #expect(results.entry(second.id, caller: owner) != nil)
        #expect(results.entry(second.id, caller: Caller(keyID: "key_b", scopes: ["agents:run"])) == nil)
        #expect(results.entry(third.id, caller: .local) != nil)
        #expect(RecentResults.isResultID(third.id))
    }
}
