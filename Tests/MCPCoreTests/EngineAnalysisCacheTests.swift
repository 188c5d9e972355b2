import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The engine analyses a brief once per pipeline: a later call with the same brief reuses the
/// analysis, another brief never gets it, and only the most recently used few are kept.
@Suite struct EngineAnalysisCacheTests {
    static func brief(_ spec: String, _ fields: JSONObject = [:]) throws -> Brief {
        var input = fields
        input["spec"] = .string(spec)
        return try Brief(input: input)
    }

    /// Analyses through `cache`, counting the analyses actually made.
    static func analyse(_ cache: BriefAnalysisCache, _ brief: Brief, counting calls: inout Int) throws -> BriefAnalysis {
        try cache.analysis(of: brief) { brief throws(AIOSError) in
            calls += 1
            return try BriefAnalyzer().analyze(brief)
        }
    }

    @Test func aSecondAnalysisOfTheSameBriefIsTheKeptOne() throws {
        let cache = BriefAnalysisCache()
        var calls = 0
        let spec = try EngineFixtures.brief("invoicing")
        let first = try Self.analyse(cache, Self.brief(spec), counting: &calls)
        let second = try Self.analyse(cache, Self.brief(spec), counting: &calls)
        #expect(calls == 1)
        #expect(second.productName == first.productName)
        #expect(second.entities == first.entities)
        #expect(second.features == first.features)
    }

    @Test func differentBriefsAreNotConfused() throws {
        let cache = BriefAnalysisCache()
        var calls = 0
        let invoicing = try Self.brief(EngineFixtures.brief("invoicing"))
        let quiz = try Self.brief(EngineFixtures.brief("quiz-app"))
        #expect(try Self.analyse(cache, invoicing, counting: &calls).productName == "Ledgerly")
        #expect(try Self.analyse(cache, quiz, counting: &calls).productName == "QuizLab")
        #expect(try Self.analyse(cache, invoicing, counting: &calls).productName == "Ledgerly")
        #expect(calls == 2)
    }

    @Test func theBriefsOtherFieldsArePartOfIt() throws {
        let cache = BriefAnalysisCache()
        var calls = 0
        let spec = "Teachers create quizzes and students take them."
        let plain = try Self.analyse(cache, Self.brief(spec), counting: &calls)
        let enterprise = try Self.analyse(cache, Self.brief(spec, ["context": ["budget_tier": "enterprise"]]), counting: &calls)
        let named = try Self.analyse(cache, Self.brief(spec, ["product_name": "Quizzy"]), counting: &calls)
        #expect(calls == 3)
        #expect(plain.budgetTier == "startup")
        #expect(enterprise.budgetTier == "enterprise")
        #expect(named.productName == "Quizzy")
        #expect(plain.productName != "Quizzy")
    }

    @Test func canonicallyEquivalentSpellingsAreDifferentBriefs() throws {
        // Equal as Swift Strings, different bytes: each keeps its own spelling in the artifacts.
        let composed = "Caf\u{E9} owners manage menus; guests book tables and rate dishes."
        let decomposed = "Cafe\u{301} owners manage menus; guests book tables and rate dishes."
        #expect(composed == decomposed)
        let cache = BriefAnalysisCache()
        var calls = 0
        _ = try Self.analyse(cache, Self.brief(composed), counting: &calls)
        let kept = try Self.analyse(cache, Self.brief(decomposed), counting: &calls)
        let fresh = try BriefAnalyzer().analyze(Self.brief(decomposed))
        #expect(calls == 2)
        #expect(kept.actors.map { Array($0.term.phrase.utf8) } == fresh.actors.map { Array($0.term.phrase.utf8) })
        #expect(kept.actors.contains { $0.term.phrase.utf8.elementsEqual("cafe\u{301} owner".utf8) })
    }

    @Test func onlyTheMostRecentlyUsedAreKept() throws {
        let cache = BriefAnalysisCache(capacity: 3)
        var calls = 0
        let briefs = try [
            "Teachers create quizzes and students take them.",
            "Librarians lend books to members.",
            "Hosts list rooms and guests book them.",
            "Coaches plan workouts for their clients.",
        ].map { try Self.brief($0) }
        for brief in briefs.prefix(3) { _ = try Self.analyse(cache, brief, counting: &calls) }
        #expect(calls == 3)
        _ = try Self.analyse(cache, briefs[0], counting: &calls)
        #expect(calls == 3)
        _ = try Self.analyse(cache, briefs[3], counting: &calls)
        #expect(calls == 4)
        #expect(cache.count == 3)
        // The first was used again before the fourth came, so the second was the one dropped.
        _ = try Self.analyse(cache, briefs[0], counting: &calls)
        #expect(calls == 4)
        _ = try Self.analyse(cache, briefs[1], counting: &calls)
        #expect(calls == 5)
        #expect(cache.count == 3)
    }

    @Test func aFailedAnalysisIsNotKept() throws {
        let cache = BriefAnalysisCache()
        var calls = 0
        for _ in 0..<2 {
            #expect(throws: AIOSError.self) { try Self.analyse(cache, Self.brief("the and of"), counting: &calls) }
        }
        #expect(calls == 2)
        #expect(cache.count == 0)
    }

    @Test func oneEngineGivesWhatFreshEnginesGive() throws {
        // More briefs than the engine keeps, twice over: hits, misses and evictions all happen.
        let engine = BuiltinEngine()
        let specs = try EngineFixtures.names.map(EngineFixtures.brief) + [
            "Caf\u{E9} owners manage menus; guests book tables and rate dishes.",
            "Cafe\u{301} owners manage menus; guests book tables and rate dishes.",
        ]
        for _ in 0..<2 {
            for spec in specs {
                let input: JSONObject = ["spec": .string(spec)]
                let shared = try engine.run(.strategy, input: input)
                let fresh = try BuiltinEngine().run(.strategy, input: input)
                #expect(JSONValue.object(shared).serialized() == JSONValue.object(fresh).serialized())
            }
        }
    }
}
