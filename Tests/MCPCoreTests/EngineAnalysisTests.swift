import Testing
@testable import MCPCore

/// The analysis finds what a person reading the brief finds. Expectations are written by hand
/// from the brief text, never copied from the engine's output.
@Suite struct EngineAnalysisTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var example: String
        var productName: String?
        var entities: [String]
        var actors: [String]
        var integrations: [String] = []
        var qualities: [String] = []
        var budgetTier: String = "startup"
        var testDescription: String { example }
    }

    static let expectations: [Expectation] = [
        Expectation(example: "invoicing", productName: "Ledgerly",
                    entities: ["workspace", "member", "client", "invoice", "line_item", "tax_rate", "payment", "audit_log"],
                    actors: ["owner", "admin", "accountant", "client"],
                    integrations: ["payments", "email"], qualities: ["gdpr", "audit", "tenancy"]),
        Expectation(example: "clinic-booking", entities: ["clinic", "therapist", "patient", "appointment", "schedule", "time_off", "audit_log"],
                    actors: ["patient", "therapist", "clinic_manager"],
                    integrations: ["sms", "email"], qualities: ["hipaa", "audit", "encryption"]),
        Expectation(example: "quiz-app", productName: "QuizLab",
                    entities: ["teacher", "student", "quiz", "question", "course", "class", "assignment", "attempt"],
                    actors: ["teacher", "student"], qualities: ["wcag", "mobile"]),
        Expectation(example: "habit-tracker", entities: ["habit", "check_in"], actors: ["user"]),
        Expectation(example: "library-loans", productName: "Shelfie", entities: ["book", "member", "loan"],
                    actors: ["librarian", "member"], integrations: ["email"]),
        Expectation(example: "rental-marketplace", productName: "Nestaway",
                    entities: ["host", "guest", "listing", "booking", "review", "photo"], actors: ["host", "guest"],
                    integrations: ["payments", "storage"], qualities: ["gdpr", "mobile"]),
        Expectation(example: "helpdesk", productName: "Relay", entities: ["customer", "ticket", "article", "team", "audit_log"],
                    actors: ["customer", "support_agent", "team_lead"], integrations: ["chat_tools"],
                    qualities: ["sso", "audit", "retention"], budgetTier: "enterprise"),
        Expectation(example: "leave-planner", entities: ["employee", "leave_request", "department", "holiday"],
                    actors: ["employee", "manager"], integrations: ["calendar"], qualities: ["sso", "audit"], budgetTier: "enterprise"),
    ]

    @Test(arguments: expectations)
    func findsEntitiesActorsAndQualities(_ expected: Expectation) throws {
        let analysis = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(EngineFixtures.brief(expected.example))]))
        let entities = Set(analysis.entities.map(\.term.snake))
        for entity in expected.entities {
            #expect(entities.contains(entity), "missing entity \(entity); found \(entities.sorted())")
        }
        let actors = Set(analysis.actors.map(\.term.snake))
        for actor in expected.actors {
            #expect(actors.contains(actor), "missing actor \(actor); found \(actors.sorted())")
        }
        let integrations = Set(analysis.integrations.map(\.kind))
        for integration in expected.integrations { #expect(integrations.contains(integration), "missing integration \(integration)") }
        let qualities = Set(analysis.qualities.map(\.kind))
        for quality in expected.qualities { #expect(qualities.contains(quality), "missing quality \(quality)") }
        if let name = expected.productName { #expect(analysis.productName == name) }
        #expect(analysis.budgetTier == expected.budgetTier)
    }

    @Test func relationsFollowTheBrief() throws {
        let invoicing = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(EngineFixtures.brief("invoicing"))]))
        #expect(invoicing.entity(Term(parsing: "line_item"))?.parents.contains(Term(parsing: "invoice")) == true)
        #expect(invoicing.entity(Term(parsing: "payment"))?.parents.contains(Term(parsing: "invoice")) == true)
        #expect(invoicing.entity(Term(parsing: "invoice"))?.parents.contains(Term(parsing: "client")) == true)
        #expect(invoicing.tenant == Term(parsing: "workspace"))
        let roles = invoicing.entity(Term(parsing: "member"))?.fields.first { $0.hasPrefix("role:") }
        #expect(roles == "role:enum(owner|admin|accountant)")

        let quiz = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(EngineFixtures.brief("quiz-app"))]))
        // "assign a quiz to a class with a due date": a join record between quiz and class.
        let assignment = try #require(quiz.entity(Term(parsing: "assignment")))
        #expect(Set(assignment.parents) == [Term(parsing: "quiz"), Term(parsing: "class")])
        // "group quizzes into courses": a course has many quizzes.
        #expect(quiz.entity(Term(parsing: "quiz"))?.parents.contains(Term(parsing: "course")) == true)

        let clinic = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(EngineFixtures.brief("clinic-booking"))]))
        #expect(clinic.entity(Term(parsing: "clinic"))?.searchable == ["city"])
        #expect(clinic.scale == ["200 clinics", "50k patients"])
    }

    @Test func explicitFieldsWinOverTheText() throws {
        let input: JSONObject = [
            "spec": "Teachers create quizzes and students take them.",
            "product_name": "Quizzy",
            "context": ["budget_tier": "enterprise"],
        ]
        let analysis = try BriefAnalyzer().analyze(Brief(input: input))
        #expect(analysis.productName == "Quizzy")
        #expect(analysis.budgetTier == "enterprise")
    }

    @Test(arguments: [
        ("Users can track expenses with receipts.", "expense"),
        ("Gardeners log plants and water them weekly.", "plant"),
        ("Brewers record batches and share tasting notes.", "batch"),
    ])
    func unknownDomainsStillYieldEntities(_ spec: String, _ entity: String) throws {
        let analysis = try BriefAnalyzer().analyze(Brief(input: ["spec": .string(spec)]))
        #expect(analysis.entities.map(\.term.snake).contains(entity), "found \(analysis.entities.map(\.term.snake))")
    }

    @Test(arguments: ["categories", "statuses", "people", "analyses", "quizzes", "classes", "check-ins", "addresses", "time off"])
    func pluralsRoundTrip(_ plural: String) {
        let term = Term(parsing: plural)
        #expect(Term(parsing: term.pluralPhrase) == term)
        #expect(Term(parsing: term.pluralSnake) == term)
        #expect(Term(parsing: term.pascal) == term)
    }
}
