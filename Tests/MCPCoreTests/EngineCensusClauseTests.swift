import Testing
@testable import MCPCore

/// Issue 18, session 9 (h18ms): rules from the census of requirements missed on the fresh tuning
/// briefs, each on sentences invented for the test (none from the quality briefs, the examples or
/// the construction corpus). Expectations are written from the sentences by hand.
@Suite struct EngineCensusClauseTests {
    static func statements(_ spec: String) throws -> [String] {
        try EngineClauseTests.analysis(spec).features.map(\.statement)
    }

    @Test func anObjectRelativeClauseNamesWhoActsOnTheNounBeforeIt() throws {
        // After a comma, whatever the clause around it is about (an order is nobody).
        let statements = try Self.statements("Each order gets a quote, which the client accepts online. Members raise an issue, which the secretary closes.")
        #expect(statements.contains("Clients can accept quotes."), "\(statements)")
        #expect(statements.contains("Secretaries can close issues."), "\(statements)")
    }

    @Test func aClauseAfterSoThatOrWithAnObjectOfItsOwnIsNoObjectRelative() throws {
        // `so that` has no noun before it, and `counts the till` has its own object: no gap.
        let statements = try Self.statements("Parents book a lesson so that the coach sees it. The manager makes sure that the cashier counts the till.")
        #expect(!statements.contains { $0.hasPrefix("Coaches can see") }, "\(statements)")
        #expect(!statements.contains { $0.hasPrefix("Cashiers can count") && !$0.contains("till") }, "\(statements)")
    }

    @Test func aWhatClauseAsAnObjectIsReadLikeAWhenClause() throws {
        let statements = try Self.statements("The sawyer records what each log yields in planks.")
        #expect(statements.contains("Sawyers can record what each log yields in planks."), "\(statements)")
    }

    @Test func verbsTheCensusFoundUnreadAreVerbs() throws {
        let statements = try Self.statements("Couriers start and end their rounds in the app. Editors cite a source for every claim. Crews stack the pallets in the yard.")
        #expect(statements.contains("Couriers can start and end their rounds in the app."), "\(statements)")
        #expect(statements.contains("Editors can cite a source for every claim."), "\(statements)")
        #expect(statements.contains("Crews can stack the pallets in the yard."), "\(statements)")
    }

    @Test func aPassiveClauseWithItsOwnSubjectAfterAndKeepsItsAgent() throws {
        // The officer reviews the recordings; nobody named installs the meter.
        let statements = try Self.statements("If the diary shows a problem, a meter is installed at the home and the recordings are reviewed by the officer.")
        #expect(statements.contains("Officers can review the recordings."), "\(statements)")
        #expect(!statements.contains { $0.hasPrefix("Officers can install") }, "\(statements)")
    }

    @Test func aPassivePredicateCoordinatedWithAnActiveOneIsDoneToItsSubject() throws {
        let statements = try Self.statements("Guests book a room and are charged by the receptionist for extras.")
        #expect(statements.contains("Receptionists can charge guests for extras."), "\(statements)")
        #expect(statements.contains { $0.hasPrefix("Guests can book a room") }, "\(statements)")
    }

    @Test func aSubjectWithAPassiveRelativeClauseActsInTheMainClause() throws {
        // "who were refused" is the relative clause; "can lodge a complaint" is the learners' act.
        let statements = try Self.statements("Learners who were refused can lodge a complaint within a week.")
        #expect(statements.contains("Learners can lodge a complaint within a week."), "\(statements)")
    }
}
