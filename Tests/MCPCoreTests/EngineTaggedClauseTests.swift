import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 7: the clause reader on the tagger's tags and chunks, which reads the verbs
/// the rule reader leaves. Each sentence is invented for the test (none from the quality briefs
/// or the examples), and each is one the rule reader alone read nothing from (checked by hand on
/// the reader before this session). Expectations are written from the sentences by hand.
@Suite struct EngineTaggedClauseTests {
    static func features(_ spec: String) throws -> [String] {
        let analysis = try EngineClauseTests.analysis(spec)
        return analysis.features.map { "\($0.actor.phrase): \($0.verbs.joined(separator: " ")) \($0.objects.map(\.phrase).joined(separator: " "))" }
    }

    static func statements(_ spec: String) throws -> [String] {
        try EngineClauseTests.analysis(spec).features.map(\.statement)
    }

    @Test func anAdverbBetweenTheAuxiliaryAndTheVerb() throws {
        #expect(try Self.features("Roofer is always inspecting the gutters.") == ["roofer: inspect gutter"])
        #expect(try Self.statements("Dispatcher is first checking the route.") == ["Dispatchers can check the route."])
    }

    @Test func aBareSingularSubject() throws {
        // Non-native English: no article before the person.
        #expect(try Self.features("Gardener is pruning the roses.") == ["gardener: prune rose"])
    }

    @Test func aSubjectQualifiedByAPrepositionalPhrase() throws {
        let statements = try Self.statements("Other hikers in my group can see my route and join a walk.")
        #expect(statements.count == 2)
        #expect(statements.first == "Hikers can see my route.")
        #expect(statements.last?.hasPrefix("Hikers can join a walk") == true)
    }

    @Test func aVerbInsideAParenthesisIsNoClause() throws {
        // "flying hours" among listed examples names a field; it had been read as
        // `Secretaries can fly hours).`
        #expect(try Self.statements("Members book gliders. The secretary tracks balloon upkeep (burners, baskets, flying hours).")
            .filter { $0.hasPrefix("Secretaries") } == ["Secretaries can track balloon upkeep (burners, baskets, flying hours)."])
    }

    @Test func coordinatedVerbsEachWithItsAuxiliary() throws {
        #expect(try Self.statements("Translator is reviewing the glossary and is approving the terms.")
            == ["Translators can review the glossary.", "Translators can approve the terms."])
    }

    @Test func aPronounSubjectIsThePersonLastNamed() throws {
        #expect(try Self.features("The florist arranges the bouquets. Later she is first delivering the bouquets to the hotel.")
            == ["florist: arrange bouquet", "florist: deliver bouquet"])
        #expect(try Self.features("We are first uploading the invoices.") == ["user: upload invoice"])
    }

    @Test func aConditionalClauseIsSkipped() throws {
        // The dispatcher's verb stands in the condition: the main clause's verb alone is read.
        let features = try Self.features("When dispatcher is first checking the route, roofer is always inspecting the gutters.")
        #expect(features == ["roofer: inspect gutter"])
    }

    @Test func theVerbAfterACatenativeIsTheAction() throws {
        #expect(try Self.features("Electrician is going to inspect the wiring.") == ["electrician: inspect wiring"])
    }

    @Test func aNounThatNamesNoPersonIsNoSubject() throws {
        // "the storm is damaging the roofs": the tagger finds a verb, but a storm is no actor.
        let features = try Self.features("Roofer is always inspecting the gutters. The storm is damaging the roofs.")
        #expect(features == ["roofer: inspect gutter"])
    }
}
