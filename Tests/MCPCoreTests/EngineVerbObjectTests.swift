import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 8 (branch h18vl): small general misreadings of a verb and its object. Every
/// sentence is invented for the test (none from the quality briefs, the examples or the
/// construction corpus), and each test was checked to fail without its change.
@Suite struct EngineVerbObjectTests {
    // MARK: A card handled by someone is a record

    @Test func aCardAVerbActsOnIsARecord() throws {
        let cafe = try EngineClauseTests.analysis("A kiosk app for a canteen. Cashiers top up cards. Customers pay by card.")
        #expect(EngineClauseTests.entities(cafe).contains("card"), "\(EngineClauseTests.entities(cafe))")
        let library = try EngineClauseTests.analysis("A members app for a gym. Receptionists issue cards to new members.")
        #expect(EngineClauseTests.entities(library).contains("card"), "\(EngineClauseTests.entities(library))")
    }

    @Test func payingByCardMakesNoCardRecord() throws {
        let shop = try EngineClauseTests.analysis("A market stall app. Customers pay by card. Stallholders log each sale.")
        #expect(!EngineClauseTests.entities(shop).contains("card"), "\(EngineClauseTests.entities(shop))")
    }

    // MARK: `get rid of` is one verb

    @Test func getRidOfIsOneVerbThatDisposes() throws {
        let analysis = try EngineClauseTests.analysis("A house clearance app. Crews get rid of old furniture. Managers assign crews to jobs.")
        let features = EngineClauseTests.features(analysis)
        #expect(features.contains { $0.hasPrefix("crew: get rid ") }, "\(features)")
        #expect(!EngineClauseTests.entities(analysis).contains("rid"), "\(EngineClauseTests.entities(analysis))")
        #expect(DomainLexicon.verbKinds["get rid"] == .delete)
    }

    // MARK: An -ing adverbial after a passive

    @Test func anIngWordAfterAPassiveStaysInItsPredicate() throws {
        let statements = try EngineMisreadingTests.statements("A timber yard app. Trees are sold standing or at the sawmill.")
        #expect(statements.contains("Users can sell trees standing or at the sawmill."), "\(statements)")
        let salvage = try EngineMisreadingTests.statements("A salvage yard app. Engines are bought working or for parts.")
        #expect(salvage.contains("Users can buy engines working or for parts."), "\(salvage)")
    }

    // MARK: A comma list of verb phrases with one subject

    @Test func signingUpAndPayingInAVerbListAreRequirementsOfTheirOwn() throws {
        let analysis = try EngineClauseTests.analysis("A laundry pickup app. Members sign up online, choose a wash plan, pay by direct debit.")
        let statements = analysis.features.map(\.statement)
        #expect(statements.contains("Members can sign up online."), "\(statements)")
        #expect(statements.contains("Members can choose a wash plan."), "\(statements)")
        #expect(statements.contains("Members can pay by direct debit."), "\(statements)")
        #expect(analysis.features.contains { $0.kind == .auth && $0.actor.phrase == "member" })
        #expect(EngineClauseTests.entities(analysis).contains("payment"), "\(EngineClauseTests.entities(analysis))")
    }

    // MARK: Applying with no object makes an application (issue 18, session 11, h18lv)

    @Test func applyingWithNoObjectMakesAnApplication() throws {
        let analysis = try EngineClauseTests.analysis("A volunteering app for a charity. Volunteers apply with a reference and a short statement. Coordinators approve volunteers.")
        let statements = analysis.features.map(\.statement)
        #expect(statements.contains("Volunteers can apply with a reference and a short statement."), "\(statements)")
        #expect(EngineClauseTests.entities(analysis).contains("application"), "\(EngineClauseTests.entities(analysis))")
    }

    @Test func payingBareOrBeforeAClauseMakesNoPayment() throws {
        let statements = try EngineMisreadingTests.statements("A cattle auction app. Auctioneers record each sale. Bidders must pay before they collect their animals.")
        #expect(!statements.contains { $0.hasPrefix("Bidders can pay") }, "\(statements)")
    }
}
