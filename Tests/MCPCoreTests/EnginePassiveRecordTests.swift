import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 9 (branch h18ent): the thing a passive handles is a record the brief keeps,
/// in whatever clause the passive stands (`When an abandoned vehicle is found, …`, `If …, a
/// surcharge is added`) and whoever handles it; passives that state a state or a rule (`are kept
/// for two years`) note nothing, nor does a noun standing before a clause of its own (`record
/// whether the hay was eaten`). Every sentence is invented for the test (none from the quality
/// briefs, the examples or the construction corpus).
@Suite struct EnginePassiveRecordTests {
    static func entities(_ spec: String) throws -> [String] {
        try EngineClauseTests.analysis(spec).entities.map(\.term.phrase)
    }

    @Test func aPassiveInAConditionNamesARecord() throws {
        let found = try Self.entities("Wardens patrol car parks. When an abandoned vehicle is found, the warden calls the council.")
        #expect(found.contains("vehicle"), "\(found)")
    }

    @Test func aPassiveInAConsequenceNamesARecord() throws {
        let found = try Self.entities("Guests book rooms at the hostel. If a guest leaves after noon, a cleaning surcharge is added.")
        #expect(found.contains { $0.hasSuffix("surcharge") }, "\(found)")
    }

    @Test(arguments: [
        ("Tenants report repairs. Before any work starts, a written estimate is made.", "estimate"),
        ("Rangers guide walks. Each night the rainfall readings are sent to the weather service.", "reading"),
    ])
    func aHandlingVerbTheReaderTakesForAStateNamesARecord(sentence: String, record: String) throws {
        let found = try Self.entities(sentence)
        #expect(found.contains { $0.hasSuffix(record) }, "\(found)")
    }

    @Test func aStateNamesNoRecord() throws {
        let found = try Self.entities("Dog walkers walk dogs. Walk records are kept for two years.")
        #expect(!found.contains { $0.hasSuffix("record") }, "\(found)")
    }

    @Test func aNounBeforeAClauseOfItsOwnIsNoSubject() throws {
        let found = try Self.entities("Keepers feed the animals, and record whether the hay was eaten.")
        #expect(!found.contains("record"), "\(found)")
    }

    @Test func aWishNamesNoRecord() throws {
        let found = try Self.entities("TideMark is wanted by the county harbour to run moorings without the current pile of paper. Harbour staff register boats.")
        #expect(!found.contains { $0.hasPrefix("tide") }, "\(found)")
    }

    @Test func theFirstNounsAreTheThing() throws {
        let found = try Self.entities("Removers move furniture. Crates outside the van are counted.")
        #expect(found.contains("crate") && !found.contains("van"), "\(found)")
    }

    @Test func aClauseQualifyingANounLeavesThePassiveToIt() throws {
        let found = try Self.entities("Clerks log court hearings. The deadline a notice sets is entered by the clerk.")
        #expect(!found.contains { $0.hasSuffix("set") }, "\(found)")
    }
}
