import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 9: noun phrases and names the reader showed users misread — a word in `-ing`
/// before a noun in a list of objects (`flying hours` read as `fly hours`), hyphenated roles
/// printed without their hyphen, departments named by two words as subjects, phrasal verbs of
/// working life, and the product name's fallback. Sentences invented for the tests (none from the
/// quality briefs or the examples); expectations written from the sentences by hand.
@Suite struct EngineNamingTests {
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

    @Test func aHyphenatedRoleKeepsItsHyphenWhereAUserReadsIt() throws {
        let statements = try Self.statements("Drop-off volunteers sort parcels at the depot.")
        #expect(statements.contains { $0.hasPrefix("Drop-off volunteers can sort parcels") }, "\(statements)")
        let term = Term(words: ["pick-up", "drivers"])
        #expect(term.phrase == "pick-up driver" && term.pluralTitle == "Pick-up drivers")
        // Identifiers split at the hyphen, and the term is the one read back from them.
        #expect(term.pluralSnake == "pick_up_drivers" && term.pascal == "PickUpDriver")
        #expect(term == Term(parsing: "pick_up_driver"))
    }

    @Test(arguments: [
        ("Accounts receivable chases unpaid invoices.", "accounts receivable team"),
        ("Quality assurance inspects every batch.", "quality assurance team"),
        ("Then Field Support repairs the meter.", "field support team"),
    ])
    func aDepartmentOfTwoWordsActs(spec: String, actor: String) throws {
        let analysis = try EngineClauseTests.analysis(spec)
        #expect(analysis.features.contains { $0.actor.phrase == actor }, "\(EngineClauseTests.features(analysis))")
    }

    @Test func aNounPhraseBeforeAVerbOfStatingIsNoDepartment() throws {
        let analysis = try EngineClauseTests.analysis("Members pay fees. Sales figures show the trend.")
        #expect(!analysis.actors.contains { $0.term.head == "team" }, "\(analysis.actors.map(\.term.phrase))")
    }

    @Test func aVerbOfAttendanceWithItsParticleRecordsTheAttendance() throws {
        let analysis = try EngineClauseTests.analysis("Cleaners clock in and clock out at the gate.")
        #expect(analysis.features.map(\.statement).contains { $0.hasPrefix("Cleaners can clock in") }, "\(analysis.features.map(\.statement))")
        #expect(EngineClauseTests.entities(analysis).contains("clock_in"), "\(EngineClauseTests.entities(analysis))")
        // A time after `each` or `every` is no object, and no record.
        let orchard = try EngineClauseTests.analysis("Pickers sign in each morning and are given a row to pick.")
        #expect(!EngineClauseTests.entities(orchard).contains("morning"), "\(EngineClauseTests.entities(orchard))")
        // Signing in is signing into the product: no record of its own.
        let ward = try EngineClauseTests.analysis("Nurses record observations. Nurses sign in at the ward.")
        #expect(!EngineClauseTests.entities(ward).contains("sign_in"), "\(EngineClauseTests.entities(ward))")
    }

    @Test(arguments: [
        ("clothes", "clothes"), ("goods", "goods"), ("series", "series"), ("species", "species"), ("news", "news"),
        ("caches", "cache"), ("calories", "calorie"), ("bonuses", "bonus"), ("echoes", "echo"), ("wolves", "wolf"),
        // The rule's own singulars stay.
        ("houses", "house"), ("archives", "archive"), ("categories", "category"), ("matches", "match"), ("shoes", "shoe"),
        // Singulars in `-s` (issue 18).
        ("summonses", "summons"), ("lenses", "lens"), ("logistics", "logistics"), ("takings", "takings"),
    ])
    func singularOfAPlural(plural: String, singular: String) {
        #expect(Inflector.singular(plural) == singular)
        #expect(Inflector.singular(singular) == singular)
    }

    @Test(arguments: [
        ("echo", "echoes"), ("wolf", "wolves"), ("bonus", "bonuses"), ("cache", "caches"), ("calorie", "calories"),
        // The rule's own plurals stay.
        ("photo", "photos"), ("roof", "roofs"), ("category", "categories"), ("clothes", "clothes"),
        // A mass noun has no plural; a singular in `-s` takes `-es` (issue 18).
        ("cash", "cash"), ("luggage", "luggage"), ("summons", "summonses"), ("lens", "lenses"),
    ])
    func pluralOfASingular(singular: String, plural: String) {
        #expect(Inflector.plural(singular) == plural)
        #expect(Inflector.singular(plural) == singular)
    }

    @Test(arguments: [
        // A record named like software would name it twice ("Application App").
        ("Applications are reviewed by the grants panel and interviews are booked by the secretary.", "Application"),
        // A noun used only in the plural keeps its plural ("Clothe App").
        ("Clothes are donated by neighbours and volunteers sort the clothes.", "Clothe "),
    ])
    func theFallbackNameNamesNoSoftwareAndNoFalseSingular(spec: String, wrong: String) throws {
        let name = try EngineProductNameTests.name(spec)
        #expect(!name.contains(wrong), "\(name)")
    }

    @Test func aStatementDoesNotEndInAConjunction() throws {
        let statements = try Self.statements("I make candles and sell candles, so I need to know the stock.")
        #expect(statements.contains("Users can sell candles."), "\(statements)")
    }
}
