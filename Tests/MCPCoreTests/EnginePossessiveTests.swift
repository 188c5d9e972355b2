import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, possessives, agents past a comma and things that do not act (branch h18pos). Every
/// sentence is invented for the test (none from the quality briefs, the examples or the
/// construction corpus).
@Suite struct EnginePossessiveTests {
    static func analysis(_ spec: String) throws -> BriefAnalysis {
        try EngineClauseTests.analysis(spec)
    }

    static func features(_ spec: String) throws -> [(actor: String, statement: String)] {
        try analysis(spec).features.map { ($0.actor.phrase, $0.statement) }
    }

    @Test func theTokenizerKeepsThePossessiveEnding() {
        let tokens = Tokenizer.sentences("Each member's bookings and the customers' orders.")[0].tokens
        #expect(tokens.map(\.text) == ["each", "member", "bookings", "and", "the", "customers", "orders"])
        #expect(tokens.map(\.possessive) == ["", "'s", "", "", "", "'", ""])
        #expect(tokens.map(\.written) == ["Each", "member's", "bookings", "and", "the", "customers'", "orders"])
    }

    @Test func ownAfterAPossessiveIsNoVerb() throws {
        let read = try Self.analysis("Wardens inspect playgrounds. Every inspection is logged on the borough's own tablets.")
        #expect(!read.features.contains { $0.actor.head == "borough" }, "\(read.features.map(\.statement))")
        #expect(!read.entities.contains { $0.term.head == "borough" }, "\(read.entities.map(\.term.phrase))")
        #expect(read.features.contains { $0.statement == "Wardens can log every inspection on the borough's own tablets." }, "\(read.features.map(\.statement))")
    }

    @Test func aPossessorDoesNotAct() throws {
        let read = try Self.features("Engineers repair coffee machines in offices and surgeons' waiting rooms. Engineers log each repair in a job sheet.")
        #expect(!read.contains { $0.actor == "surgeon" }, "\(read)")
        #expect(read.contains { $0.actor == "engineer" && $0.statement.hasPrefix("Engineers can log each repair") }, "\(read)")
    }

    @Test func aStatementKeepsThePossessiveAsWritten() throws {
        let read = try Self.features("Nurses visit patients at home. The nurse records the patient's blood pressure.")
        #expect(read.contains { $0.statement.contains("the patient's blood pressure") }, "\(read)")
    }

    @Test func anAgentAfterACommaActs() throws {
        let read = try Self.features("Clerks file expense claims. Each claim is approved twice, by two different auditors.")
        #expect(read.contains { $0.actor == "auditor" && $0.statement.hasPrefix("Auditors can approve each claim twice") }, "\(read)")
        #expect(!read.contains { $0.actor == "clerk" && $0.statement.contains("approve") }, "\(read)")
    }

    @Test func aMachineInErDoesNotAct() throws {
        let read = try Self.features("Technicians repair freezers for restaurants. Every freezer must run at minus eighteen degrees. They log each repair.")
        #expect(!read.contains { $0.actor == "freezer" }, "\(read)")
        #expect(read.contains { $0.actor == "technician" && $0.statement.hasPrefix("Technicians can log each repair") }, "\(read)")
    }

    @Test func whatARecordsPossessiveNamesBelongsToIt() throws {
        let read = try Self.analysis("Keepers feed the animals in the zoo. Vets record each animal's treatments in the clinic.")
        #expect(read.entities.first { $0.term.head == "treatment" }?.parents.contains { $0.head == "animal" } == true, "\(read.entities.map { ($0.term.phrase, $0.parents.map(\.phrase)) })")
    }
}
