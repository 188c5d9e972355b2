import Testing
@testable import AIOSAgents
@testable import MCPCore

/// Issue 18, session 8 (branch h18h): briefs typed in haste, as bullet lists to an assistant.
/// Every sentence is invented for the test (none from the quality briefs, the examples or the
/// construction corpus), and each was read wrongly before this change (checked on 55ce467):
/// a subjectless line was lost or given to the wrong subject, a verb of the owner's (`we ship`)
/// lost its record, a trailing `too` stayed in the requirement, an actor listed itself as a
/// record to create and delete, or a predicate ran into the next clause. Expectations are
/// written from the sentences by hand.
@Suite struct EngineHastyBriefTests {
    static func statements(_ spec: String) throws -> [String] {
        try EngineClauseTests.analysis(spec).features.map(\.statement)
    }

    static func functional(_ spec: String) throws -> [String] {
        let strategy = try BuiltinEngine().run(.strategy, input: ["spec": .string(spec)])
        return (strategy["requirements"]?["functional"]?.arrayValue ?? []).compactMap { $0["description"]?.stringValue }
    }

    // MARK: 1. Subjectless lines

    @Test func aLineOpeningWithANeedIsTheOwnersAction() throws {
        #expect(try Self.statements("- need to see the stock of flour and sugar at any time\n- bakers bake loaves")
            == ["Users can see the stock of flour and sugar at any time.", "Bakers can bake loaves."])
        #expect(try Self.statements("- want to export the invoices every month\n- clients pay invoices")
            == ["Users can export the invoices every month.", "Clients can pay invoices."])
        #expect(try Self.statements("- must be able to cancel bookings\n- guests book rooms").first == "Users can cancel bookings.")
    }

    @Test func aLineOpeningWithANeedUnderALabelIsTheLabelsRole() throws {
        #expect(try Self.statements("Managers:\n- need to approve timesheets") == ["Managers can approve timesheets."])
    }

    @Test func aLabelHeadsEveryItemOfItsList() throws {
        #expect(try Self.statements("Managers:\n- approve timesheets\n- export payroll\n- need to see overtime per team\n\nStaff:\n- log hours on shifts")
            == ["Managers can approve timesheets.", "Managers can export payroll.", "Managers can see overtime per team.", "Staff can log hours on shifts."])
    }

    @Test func aBareVerbAfterACommaInAListItemIsAnInstructionOfItsOwn() throws {
        #expect(try Self.statements("- hives are inspected every week, record the queen status per hive\n- beekeepers harvest honey")
            == ["Users can record the queen status per hive.", "Users can inspect hives every week.", "Beekeepers can harvest honey."])
        #expect(try Self.statements("Packers:\n- parcels arrive in the morning, weigh each parcel\n- couriers collect the parcels")
            == ["Packers can weigh each parcel.", "Couriers can collect the parcels."])
    }

    /// Guard: a list of nouns after a comma is the object's list, not an instruction.
    @Test func aListOfNounsAfterACommaStaysTheObject() throws {
        #expect(try Self.statements("- members borrow books, DVDs and games") == ["Members can borrow books, DVDs and games."])
    }

    // MARK: 2. The owner's verb with no object

    @Test func theOwnerSendsWhatTheClauseBeforeNamed() throws {
        #expect(try Self.statements("Clients order prints online, we ship on Fridays.")
            == ["Clients can order prints online.", "Users can ship prints on Fridays."])
        #expect(try Self.statements("Readers request scans of old maps, and I send within a week.")
            == ["Readers can request scans of old maps.", "Users can send scans within a week."])
    }

    /// Guards: only a verb of sending, and only in the same sentence.
    @Test func otherVerbsAndOtherSentencesAreLeftAlone() throws {
        #expect(try Self.statements("Members book classes, and we confirm within a day.") == ["Members can book classes."])
        #expect(try Self.statements("Clients order prints online. We ship on Fridays.") == ["Clients can order prints online."])
    }

    // MARK: 3. Trailing additive adverbs

    @Test func tooAndAsWellAreNoPartOfTheRequirement() throws {
        #expect(try Self.statements("Shoppers can buy gift cards too.") == ["Shoppers can buy gift cards."])
        #expect(try Self.statements("Tenants report repairs, and landlords can view the repairs as well.")
            == ["Tenants can report repairs.", "Landlords can view the repairs."])
        #expect(try Self.statements("Guests rate rooms too, and hosts reply.") == ["Guests can rate rooms."])
    }

    @Test func alsoAtTheEndIsDroppedToo() throws {
        #expect(try Self.statements("Stagehands can set up the stage also.") == ["Stagehands can set up the stage."])
    }

    // MARK: 4. An actor is never a record of its own CRUD

    @Test func theManagersOwnRecordIsKeptInTheOwnersForm() throws {
        let candles = try Self.functional("- shops order candles by the box\n- we keep wax and wicks in stock")
        #expect(!candles.contains { $0.hasPrefix("Shops can create, view, update and delete") })
        #expect(candles.contains("Shops can view and update their own shop record."))
        let lunches = try Self.functional("- schools order lunches by the tray\n- parents can pay for meals")
        #expect(!lunches.contains("Schools can create, view, update and delete schools."))
        #expect(lunches.contains("Schools can view and update their own school record."))
    }

    // MARK: 5. A predicate never runs into the next clause

    @Test func aParticipleAndANounPhraseWithAVerbOpenANewClause() throws {
        #expect(try Self.statements("The editor accepts or rejects each pitch, and accepted pitches are assigned to a writer.")
            == ["Editors can accept or reject each pitch."])
        // (The agentless passive after `and` is read on its own, as the user's: `EngineAgentlessPassiveTests`.)
        #expect(try Self.statements("The landlord approves each repair, and approved repairs are booked with a contractor.")
            == ["Landlords can approve each repair.", "Users can book repairs with a contractor."])
        #expect(try Self.statements("Nurses record the doses, and signed charts are kept by the ward.") == ["Nurses can record the doses."])
    }

    // MARK: 6. Quick notes (session 10, branch h18hn)

    /// Every item under a lead-in line (`need to:`, `Drivers need to:`) is a verb phrase: the
    /// lead-in's subject acts, or the owner when it has none; a part after a comma with a subject
    /// of its own is that subject's clause.
    @Test func itemsUnderALeadInAreItsSubjectsOrTheOwners() throws {
        #expect(try Self.statements("need to:\n- book the vans for each job\n- email customers when a job is done")
            == ["Users can book the vans for each job.", "Users can email customers when a job is done."])
        #expect(try Self.statements("Drivers need to:\n- load parcels onto the van\n- scan each parcel, office prints the labels")
            == ["Drivers can load parcels onto the van.", "Drivers can scan each parcel.", "Offices can print the labels."])
    }

    @Test func anArrowBetweenStepsEndsAClause() throws {
        #expect(try Self.statements("- the clerk files the form -> the manager signs it") == ["Clerks can file the form.", "Managers can sign forms."])
    }

    @Test func slashedVerbsAreTwoVerbs() throws {
        #expect(try Self.statements("- the manager approves/declines each claim") == ["Managers can approve or decline each claim."])
    }

    @Test func aSpacedDashSetsAHeadingOffItsClause() throws {
        #expect(try Self.statements("lost property - the porter logs each item") == ["Porters can log each item."])
        // Between numbers a spaced dash is a range, no clause break.
        #expect(!Tokenizer.sentences("the hall opens 9 - 5 on weekdays")[0].tokens.contains { $0.text == "," })
    }

    @Test func aNotesSpellingIsTheWord() throws {
        #expect(try Self.statements("- members book rooms thru the portal") == ["Members can book rooms through the portal."])
        #expect(try Self.functional("- parents order kit w/ a name printed on the back").contains("Parents can order kit with a name printed on the back."))
    }

    /// `receptionist emails it`: a bare singular noun opening a clause before a verb is its subject.
    @Test func aSubjectWithoutItsArticleIsStillTheSubject() throws {
        #expect(try Self.statements("- the vet writes the report, receptionist emails it to the owner")
            == ["Vets can write the report.", "Receptionists can email reports to the owner."])
    }

    /// `the dispensing team makes up …`: an -ing word before a collective noun says what the
    /// team does; it is part of who acts.
    @Test func anIngWordBeforeATeamIsPartOfTheActor() throws {
        #expect(try Self.statements("- the packing team seals the boxes") == ["Packing teams can seal the boxes."])
    }

    /// `makes up the bag, the pharmacist checks it`: `it` is the object after a phrasal verb's
    /// particle, and an -ing word opening the sentence is part of its subject, not a verb.
    @Test func aPronounNamesTheObjectAfterAParticle() throws {
        #expect(try Self.statements("- the cook makes up the tray, the nurse checks it") == ["Cooks can make up the tray.", "Nurses can check trays."])
    }

    /// `patient shows ID on collection`: a noun of two letters the lexicon knows is an object; a
    /// stray letter or a unit of two letters is not.
    @Test func aTwoLetterNounIsAnObject() throws {
        #expect(try Self.statements("- the guest shows ID at the desk") == ["Guests can show ID at the desk."])
    }
}
