import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 9: noun phrases and names the reader showed users misread — a word in `-ing`
/// before a noun in a list of objects (`flying hours` read as `fly hours`), hyphenated roles
/// printed without their hyphen, departments named by two words as subjects, phrasal verbs of
/// working life, and the product name's fallback. Sentences invented for the tests (none from the
/// quality briefs or the examples); expectations written from the sentences by hand.
@Suite struct EngineNounPhraseTests {
    static func features(_ spec: String) throws -> [String] { EngineClauseTests.features(try EngineClauseTests.analysis(spec)) }
    static func statements(_ spec: String) throws -> [String] { try EngineClauseTests.analysis(spec).features.map(\.statement) }

    @Test(arguments: [
        ("Pilots log flights and flying hours.", "Pilots can log flights and flying hours."),
        ("Residents reserve laundry slots and meeting rooms.", "Residents can reserve laundry slots and meeting rooms"),
        ("The kennel records dogs, owners and feeding times.", "Kennels can record dogs, owners and feeding times."),
    ])
    func aWordInIngBeforeANounInAListOfObjectsModifiesIt(spec: String, statement: String) throws {
        let statements = try Self.statements(spec)
        #expect(statements.contains { $0.hasPrefix(statement) }, "\(statements)")
        #expect(!statements.contains { $0.contains(" can fly ") || $0.contains(" can meet ") || $0.contains(" can feed ") }, "\(statements)")
    }

    @Test func aVerbInIngStillCoordinatesWithAVerbInIng() throws {
        // The predicate's own verb in -ing: the next -ing word is a verb of its own.
        let waiter = try Self.features("Waiters take orders at the bar, choosing dishes from the menu and adding notes for the kitchen.")
        #expect(waiter.contains("waiter: add note"), "\(waiter)")
        let coordinator = try Self.features("The coordinator is responsible for booking rooms and sending reminders.")
        #expect(coordinator.contains { $0.hasPrefix("coordinator: send reminder") }, "\(coordinator)")
        // A list opened by a gerund: the next gerund is an object of its own.
        let staff = try Self.features("Staff handle booking rooms and sending reminders.")
        #expect(staff.contains { $0.hasPrefix("staff: send reminder") }, "\(staff)")
        // After a comma and an adverb, a participle opens a clause of its own.
        let gardener = try Self.features("I run a gardening business with two helpers, mostly serving schools and offices on yearly contracts.")
        #expect(gardener.contains { $0.contains("serve school") }, "\(gardener)")
    }
}
