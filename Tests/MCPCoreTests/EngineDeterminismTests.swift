import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The same input gives byte-identical artifacts (SPEC §2): no dictionary order, clock or
/// randomness leaks into the output.
@Suite struct EngineDeterminismTests {
    @Test(arguments: EngineFixtures.names)
    func sameBriefTwiceGivesIdenticalBytes(_ example: String) throws {
        let spec = try EngineFixtures.brief(example)
        let first = try EngineFixtures.runPipeline(spec)
        let second = try EngineFixtures.runPipeline(spec)
        for (a, b) in [(first.strategy, second.strategy), (first.architecture, second.architecture), (first.ux, second.ux), (first.code, second.code)] {
            #expect(JSONValue.object(a).serialized() == JSONValue.object(b).serialized())
        }
    }

    @Test(arguments: Phase.allCases)
    func derivingParentsEqualsPassingThem(_ phase: Phase) throws {
        // The pipeline passes parents; a single tool call derives them. Both must agree.
        let spec = try EngineFixtures.brief("invoicing")
        let run = try EngineFixtures.runPipeline(spec)
        let derived = try BuiltinEngine().run(phase, input: ["spec": .string(spec)])
        let expected: JSONObject
        switch phase {
        case .strategy: expected = run.strategy
        case .architecture: expected = run.architecture
        case .ux: expected = run.ux
        default: expected = run.code
        }
        #expect(JSONValue.object(derived).serialized() == JSONValue.object(expected).serialized())
    }

    @Test func serializedOutputSurvivesARoundTrip() throws {
        let run = try EngineFixtures.pipeline("quiz-app")
        for artifact in [run.strategy, run.architecture, run.ux, run.code] {
            let bytes = JSONValue.object(artifact).serialized()
            #expect(try JSONValue.parse(bytes) == .object(artifact))
        }
    }
}
