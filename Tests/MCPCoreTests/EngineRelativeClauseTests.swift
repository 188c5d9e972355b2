import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 11 (branch h18rc): actions stated inside a relative clause. A `who` after a
/// comma stands for the last person named before it, past a phrase that qualifies the person and
/// a parenthesis of examples; an object relative (`that`/`which`, its own subject, a verb with
/// no object) gives every verb coordinated in it to its subject, on the noun before the relative
/// word, which may be a bare plural, and a subject named with nouns before its group noun
/// (`the estate maintenance team`) is read whole. Every sentence is invented for the test (none
/// from the quality briefs, the examples or the construction corpus).
@Suite struct EngineRelativeClauseTests {
    static func features(_ spec: String) throws -> [(actor: String, verbs: [String], objects: [String], statement: String)] {
        try BriefAnalyzer().analyze(Brief(input: ["spec": .string(spec)])).features.map { ($0.actor.phrase, $0.verbs, $0.objects.map(\.phrase), $0.statement) }
    }

    @Test func whoStandsForThePersonBeforeAQualifyingPhraseAndAParenthesis() throws {
        let read = try Self.features("The warden logs leaks and sends each leak to the contractor for that block (roof, gutter, drain and so on), who repairs it and closes it with a photo.")
        #expect(read.contains { $0.actor == "contractor" && $0.verbs == ["repair"] && $0.objects == ["leak"] }, "\(read.map(\.statement))")
        #expect(read.contains { $0.actor == "contractor" && $0.verbs == ["close"] && $0.objects == ["leak"] }, "\(read.map(\.statement))")
    }

    @Test func plainNounsBeforeAnAgentNounNameThePersonWithIt() throws {
        let read = try Self.features("Potters book firings. Each kiln has a kiln minder, who logs the firing.")
        #expect(read.contains { $0.actor == "kiln minder" && $0.verbs == ["log"] }, "\(read.map(\.statement))")
    }

    @Test func whoAfterAPassiveStandsForThePersonTheThingWentTo() throws {
        let read = try Self.features("Wardens log leaks. Each leak is passed to the roofer, who repairs it.")
        #expect(read.contains { $0.actor == "roofer" && $0.verbs == ["repair"] && $0.objects == ["leak"] }, "\(read.map(\.statement))")
        #expect(!read.contains { $0.actor == "warden" && $0.verbs == ["repair"] }, "\(read.map(\.statement))")
    }

    @Test func coordinatedVerbsOfAnObjectRelativeShareItsSubject() throws {
        let read = try Self.features("Tenants raise complaints, which the landlord reviews or dismisses.")
        #expect(read.contains { $0.actor == "landlord" && $0.verbs.contains("dismiss") && $0.objects == ["complaint"] }, "\(read.map(\.statement))")
    }

    @Test func aGroupNamedWithNounsActsOnABarePluralBeforeThat() throws {
        let read = try Self.features("Tenants can log repairs that the estate maintenance team schedules and closes.")
        #expect(read.contains { $0.statement == "Estate maintenance teams can schedule and close repairs." }, "\(read.map(\.statement))")
    }

    @Test func onlyBeforeTheSubjectOfAnObjectRelativeIsNoPartOfIt() throws {
        let read = try Self.features("Judges score entries and write notes that only stewards can see.")
        #expect(read.contains { $0.actor == "steward" && $0.verbs == ["see"] && $0.objects == ["note"] }, "\(read.map(\.statement))")
    }

    @Test func aCompoundWhoseNounsAreVerbsTooIsTheAntecedent() throws {
        let read = try Self.features("Tenants sign up and receive a parking transfer form that the tenant must sign.")
        #expect(read.contains { $0.actor == "tenant" && $0.verbs == ["sign"] && !$0.objects.isEmpty }, "\(read.map(\.statement))")
    }
}
