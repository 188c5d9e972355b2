import Testing
@testable import MCPCore

/// Issue 18, session 5, round 2: clauses the reader dropped whole because their subject was no
/// word it knew as a person — pronouns (`we`, `she`, `he`), a possessed person (`my daughter and
/// me`), a person noun qualified by a phrase (`the chairman of every branch`), a department with
/// no determiner (`Dispatch schedules …`). Each rule on sentences invented for the test (none from
/// the quality briefs or the examples), in several domains.
@Suite struct EngineFrameTests {
    static func analysis(_ spec: String) throws -> BriefAnalysis { try EngineClauseTests.analysis(spec) }
    static func features(_ analysis: BriefAnalysis) -> [String] { EngineClauseTests.features(analysis) }

    @Test func weIsTheWritersSideAndActs() throws {
        let hives = try Self.analysis("We want to log every hive with its queen and its colour. When we move a hive to another garden we want to note it.")
        let features = Self.features(hives)
        #expect(features.contains { $0.hasPrefix("user: log hive") }, "\(features)")
        #expect(features.contains { $0.hasPrefix("user: move hive") }, "\(features)")
        let garage = try Self.analysis("we need to register every tractor with its serial number and we repair the tractors in winter")
        #expect(Self.features(garage).contains { $0.hasPrefix("user: register tractor") }, "\(Self.features(garage))")
    }

    @Test func sheAndHeNameThePersonNamedBefore() throws {
        let clinic = try Self.analysis("Owners book visits. The inspector visits each apiary, he must be able to write the treatments he gives.")
        let features = Self.features(clinic)
        #expect(features.contains { $0.hasPrefix("inspector: write treatment") }, "\(features)")
        // The pronoun's clause is no part of the first clause's statement.
        #expect(clinic.features.map(\.statement).contains("Inspectors can visit each apiary."), "\(clinic.features.map(\.statement))")
        let shop = try Self.analysis("Customers order cakes. My sister runs the bakery; she makes the deliveries to the cafes.")
        #expect(Self.features(shop).contains { $0.hasPrefix("sister: make delivery") }, "\(Self.features(shop))")
    }

    @Test func aPossessedPersonAndMeBothAct() throws {
        let analysis = try Self.analysis("Buyers order jars of honey. My daughter and me pack each jar when it is filled.")
        let features = Self.features(analysis)
        #expect(features.contains("daughter: pack jar"), "\(features)")
        #expect(features.contains("user: pack jar"), "\(features)")
    }

    @Test func aPersonQualifiedByAPhraseActs() throws {
        let club = try Self.analysis("Members book courts. The chairman of every branch signs the annual accounts.")
        #expect(Self.features(club).contains("chairman: sign account"), "\(Self.features(club))")
        // "foreman" in the plural is "foremen", and back.
        #expect(club.features.map(\.statement).contains("Chairmen can sign the annual accounts."), "\(club.features.map(\.statement))")
        let dock = try Self.analysis("The foreman of each dock checks the day's deliveries and approves them.")
        #expect(Self.features(dock).contains { $0.hasPrefix("foreman: check") && $0.contains("delivery") }, "\(Self.features(dock))")
    }

    @Test func aBareNounOpeningTheSentenceBeforeAnActionIsATeam() throws {
        let analysis = try Self.analysis("Drivers deliver parcels. Maintenance schedules the repairs every morning. Shipping takes two days.")
        let features = Self.features(analysis)
        #expect(features.contains("maintenance team: schedule repair"), "\(features)")
        // A verb that states ("takes two days") makes no actor.
        #expect(!analysis.actors.contains { $0.term.words.first == "shipping" }, "\(analysis.actors.map(\.term.phrase))")
    }

    @Test func negativePassivesAndAdverbsMakeNoRecord() throws {
        let analysis = try Self.analysis("Clerks file invoices. Closed invoices cannot be edited except by the treasurer. Clerks know always where each invoice is.")
        let entities = Set(analysis.entities.map(\.term.snake))
        #expect(!entities.contains("cannot") && !entities.contains("alway") && !entities.contains("always"), "\(entities)")
    }

    @Test func compoundsOfManTakeMen() {
        #expect(Inflector.plural("foreman") == "foremen")
        #expect(Inflector.plural("chairwoman") == "chairwomen")
        #expect(Inflector.singular("fishermen") == "fisherman")
        #expect(Inflector.plural("german") == "germans")
        #expect(Inflector.singular("specimen") == "specimen")
        #expect(Inflector.plural("human") == "humans")
    }
}
