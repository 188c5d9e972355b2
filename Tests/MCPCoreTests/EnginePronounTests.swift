import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, who a subject pronoun names (branch h18pr): the nearest person before it that agrees
/// in number. Every sentence is invented for the test (none from the quality briefs, the examples
/// or the construction corpus).
@Suite struct EnginePronounTests {
    static func features(_ spec: String) throws -> [(actor: String, statement: String)] {
        try EngineClauseTests.analysis(spec).features.map { ($0.actor.phrase, $0.statement) }
    }

    /// `she` names one person: the plural named after the person is not who she is.
    @Test func heOrSheSkipsAPluralNamedAfterThePerson() throws {
        let read = try Self.features("The tutor meets the students and she marks the essays.")
        #expect(read.contains { $0.actor == "tutor" && $0.statement.hasPrefix("Tutors can mark the essays") }, "\(read)")
        #expect(!read.contains { $0.actor == "student" }, "\(read)")
    }

    /// `they` names the people named last in the plural before it, not the sentence's first subject.
    @Test func theyIsTheNearestPluralPerson() throws {
        let read = try Self.features("The agency emails the tenants and they sign the lease online.")
        #expect(read.contains { $0.actor == "tenant" && $0.statement.hasPrefix("Tenants can sign the lease") }, "\(read)")
    }

    /// The clause's own subject named in the plural before `they` stays who acts, though a group
    /// is named nearer (a rule that took the nearest plural person would give the teams).
    @Test func theyKeepsAPluralSubjectBeforeIt() throws {
        let read = try Self.features("Stewards receive a list of the teams for each match, and they check the tickets.")
        #expect(read.contains { $0.actor == "steward" && $0.statement.hasPrefix("Stewards can check the tickets") }, "\(read)")
        #expect(!read.contains { $0.actor == "team" }, "\(read)")
    }

    /// A resumptive `they` in non-native English (`Walkers they can …`) is the people just named,
    /// not the subject of the sentence before.
    @Test func aResumptiveTheyIsThePeopleBeforeIt() throws {
        let read = try Self.features("Hikers rent boots. Walkers they can to reserve the hut for the night.")
        #expect(read.contains { $0.actor == "walker" && $0.statement.hasPrefix("Walkers can reserve the hut") }, "\(read)")
        #expect(!read.contains { $0.actor == "hiker" && $0.statement.contains("reserve") }, "\(read)")
    }
}
