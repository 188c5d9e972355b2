import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 9 (branch h18ent): a verb whose doing makes a record names that record
/// though the brief never writes the noun: whoever is invoiced or billed gets an invoice. The
/// word read as a noun (`bring the bill`) is left to the noun rules. Every sentence is invented
/// for the test (none from the quality briefs, the examples or the construction corpus).
@Suite struct EngineRecordVerbTests {
    static func entities(_ spec: String) throws -> [String] {
        try EngineClauseTests.analysis(spec).entities.map(\.term.phrase)
    }

    @Test(arguments: ["Gardeners mow lawns for households, and households are invoiced monthly.", "Tutors teach pupils and bill the parents each term."])
    func invoicingSomeoneMakesAnInvoice(sentence: String) throws {
        let found = try Self.entities(sentence)
        #expect(found.contains("invoice"), "\(found)")
    }

    @Test func aBillReadAsANounIsNoInvoice() throws {
        let found = try Self.entities("Waiters serve tables and bring the bill at the end of the meal.")
        #expect(!found.contains("invoice"), "\(found)")
    }
}
