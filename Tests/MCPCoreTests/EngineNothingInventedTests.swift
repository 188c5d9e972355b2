import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, "nothing invented" (branch h18inv): the engine writes no requirement the brief does
/// not say. Every sentence is invented for the test (none from the quality briefs, the examples or
/// the construction corpus).
@Suite struct EngineNothingInventedTests {
    static func analysis(_ spec: String) throws -> BriefAnalysis {
        try EngineClauseTests.analysis(spec)
    }

    static func descriptions(_ spec: String) throws -> [String] {
        let strategy = StrategyAgent(analysis: try analysis(spec)).run()
        return (strategy["requirements"]?.objectValue?["functional"]?.arrayValue ?? []).compactMap { $0.objectValue?["description"]?.stringValue }
    }

    @Test func aThingNamedOnlyInAConstraintIsNoRecord() throws {
        let spec = "Librarians lend books to members. The catalogue must run on the county's own servers."
        let names = try Self.analysis(spec).entities.map(\.term.phrase)
        #expect(!names.contains("server") && !names.contains("county"), "\(names)")
        #expect(!(try Self.descriptions(spec)).contains { $0.contains("create, view, update and delete") })
    }

    @Test func aThingNamedOnlyInAQualitySentenceIsNoRecord() throws {
        let spec = "Librarians lend books to members. Loan data stays in the country and is encrypted at rest."
        #expect(!(try Self.analysis(spec)).entities.contains { $0.term.head == "stay" })
    }

    @Test func aRecordSomeoneActsOnStaysThoughAConstraintNamesIt() throws {
        let names = try Self.analysis("Technicians repair boilers for landlords. Every boiler must run on the council's own gas supply.").entities.map(\.term.phrase)
        #expect(names.contains("boiler"), "\(names)")
    }

    static func features(_ spec: String) throws -> [(actor: String, statement: String)] {
        try analysis(spec).features.map { ($0.actor.phrase, $0.statement) }
    }

    @Test func whoHandsAThingOverDoesNotHandleIt() throws {
        let read = try Self.features("Residents report leaks in their flats through the portal. Every leak is inspected within a week and passed to a plumber.")
        #expect(read.contains { $0.actor == "user" && $0.statement.hasPrefix("Users can inspect every leak") }, "\(read)")
        #expect(read.contains { $0.actor == "user" && $0.statement.hasPrefix("Users can pass every leak") }, "\(read)")
        #expect(!read.contains { $0.actor == "resident" && $0.statement.contains("inspect") }, "\(read)")
    }

    @Test func whoHandlesAThingKeepsTheNextPassive() throws {
        // Checking is no handing over: the agentless passive after it stays the clerk's.
        let read = try Self.features("Clerks check each claim against the policy. Claims outside the cover are declined with a reason.")
        #expect(read.contains { $0.actor == "clerk" && $0.statement.hasPrefix("Clerks can decline claims") }, "\(read)")
    }
}
