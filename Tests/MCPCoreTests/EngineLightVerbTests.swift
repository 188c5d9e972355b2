import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 11 (branch h18lv): a light verb and an action noun (`does an inspection of`,
/// `carries out a check of`, `makes an application for`) say the noun's verb, done to what follows
/// `of`. Every sentence is invented for the test (none from the quality briefs, the examples or the
/// construction corpus), and each test was checked to fail without its change.
@Suite struct EngineLightVerbTests {
    @Test func anActionNounGivesItsVerbBySuffixRules() {
        let derived: [String: String] = [
            "inspection": "inspect", "booking": "book", "approval": "approve", "assessment": "assess", "review": "review",
            "registration": "register", "application": "apply", "submission": "submit", "renewal": "renew", "completion": "complete",
        ]
        for (noun, verb) in derived { #expect(EnglishVerbs.verb(ofActionNoun: noun) == verb, "\(noun)") }
        for noun in ["reason", "sale", "station", "animal"] { #expect(EnglishVerbs.verb(ofActionNoun: noun) == nil, "\(noun)") }
        #expect(EnglishVerbs.lightVerb("does") == "do")
        #expect(EnglishVerbs.lightVerb("carries") == "carry")
        #expect(EnglishVerbs.lightVerb("inspects") == nil)
    }

    @Test func aLightVerbAndItsActionNounReadAsTheNounsVerbOnTheOfObject() throws {
        let analysis = try EngineClauseTests.analysis(
            "A building control app. The surveyor does a careful inspection of a sample of lifts. Engineers carry out a check of each hoist.")
        let features = EngineClauseTests.features(analysis)
        #expect(features.contains("surveyor: inspect lift"), "\(features)")
        #expect(features.contains("engineer: check hoist"), "\(features)")
        let statements = analysis.features.map(\.statement)
        #expect(statements.contains("Surveyors can inspect a sample of lifts."), "\(statements)")
        #expect(statements.contains("Engineers can check each hoist."), "\(statements)")
    }

    @Test func aSubjectQualifiedByTwoPhrasesStillActs() throws {
        let statements = try EngineMisreadingTests.statements("A parish app. The keeper of records from the old parish adds baptisms of their own. Vicars log weddings.")
        #expect(statements.contains("Keepers can add baptisms of their own."), "\(statements)")
        // The second phrase may take its own noun for the verb: with another verb straight after, it is a noun.
        let reserve = try EngineMisreadingTests.statements("A nature reserve app. The warden of the reserve from the wildlife trust adds sightings of their own. Rangers log fires.")
        #expect(!reserve.contains { $0.contains("can trust") }, "\(reserve)")
    }

    @Test func theActionsOwnParticleStaysBeforeItsObject() throws {
        let statements = try EngineMisreadingTests.statements("A mooring app for a canal trust. Boaters make an application for a mooring permit.")
        #expect(statements.contains("Boaters can apply for a mooring permit."), "\(statements)")
    }

    @Test func aLightVerbWithoutItsOfObjectOrHandingAThingOverIsLeftAsItIs() throws {
        // After `for` that is not the verb's particle stands whom it is done for; `give a copy` hands a copy over.
        let statements = try EngineMisreadingTests.statements(
            "A fire safety app. The assessor does an inspection for the landlord. Wardens give a copy of the plan to tenants.")
        #expect(!statements.contains { $0.contains("inspect the landlord") || $0.contains("inspect landlords") }, "\(statements)")
        #expect(!statements.contains { $0.contains("copy the plan") }, "\(statements)")
    }
}
