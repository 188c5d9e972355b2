import Foundation
import Testing
@testable import MCPCore
@testable import AIOSAgents

/// The product manager's questions when a brief is thin (issue 20, part 2).
@Suite struct ClarifyingQuestionsTests {
    static let thinBriefs = [
        // Too thin for the analyser to build anything from.
        "A marketplace for piano teachers.",
        "A booking tool for yoga studios.",
        // Readable, but says little.
        "Piano teachers manage their students and lessons.",
        "A marketplace where piano teachers offer lessons.",
        "Track expenses.",
    ]

    @Test(arguments: thinBriefs)
    func aThinBriefGetsAtMostThreeQuestionsAsAFlatForm(_ spec: String) throws {
        let questions = try #require(ClarifyingQuestions.of(["spec": .string(spec)]))
        #expect(!questions.questions.isEmpty, "\(spec)")
        #expect(questions.questions.count <= 3)
        // The topics are distinct and in order; the form is a flat object of primitive fields.
        let topics = questions.questions.map(\.topic)
        #expect(topics == topics.sorted() && Set(topics).count == topics.count)
        let schema = questions.requestedSchema
        #expect(schema["type"] == "object")
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(properties.count == questions.questions.count)
        for (name, property) in properties {
            #expect(ClarifyingQuestions.Topic(rawValue: name) != nil)
            #expect(property.objectValue?["type"] == "string")
            #expect(property.objectValue?["description"]?.stringValue?.isEmpty == false)
        }
        #expect(questions.elicitationParams["mode"] == "form")
        #expect(questions.message.contains(questions.productName))
    }

    @Test func aOneLineBriefAsksAllThree() throws {
        let questions = try #require(ClarifyingQuestions.of(["spec": "A marketplace for piano teachers."]))
        #expect(questions.questions.map(\.topic) == [.users, .activities, .constraints])
        // A readable brief that names its users and one action is asked the rest.
        let readable = try #require(ClarifyingQuestions.of(["spec": "A marketplace where piano teachers offer lessons."]))
        #expect(readable.questions.map(\.topic).first == .activities)
        #expect(!readable.questions.map(\.topic).contains(.users))
    }

    @Test(arguments: EngineFixtures.names)
    func aRichBriefAsksNothing(_ name: String) throws {
        let questions = try #require(ClarifyingQuestions.of(["spec": .string(try EngineFixtures.brief(name))]))
        #expect(questions.questions.isEmpty, "\(name): \(questions.questions.map(\.topic))")
    }

    @Test func theSameBriefGetsTheSameQuestions() throws {
        let a = ClarifyingQuestions.of(["spec": "A booking tool for yoga studios."])
        let b = ClarifyingQuestions.of(["spec": "A booking tool for yoga studios."])
        #expect(a == b)
    }

    @Test func anUnreadableBriefIsLeftToTheEngine() {
        #expect(ClarifyingQuestions.of(["spec": ""]) == nil)
        // Another language is the engine's to refuse (it says which); asking would not help.
        #expect(ClarifyingQuestions.of(["spec": "Une application où les professeurs de piano gèrent leurs élèves et leurs cours, et les parents réservent des leçons."]) == nil)
        #expect(ClarifyingQuestions.of(["spec": "A marketplace.", "clarifications": "yes"]) == nil)
    }

    @Test func answersJoinTheBriefAndCloseTheirQuestions() throws {
        let spec = "A marketplace for piano teachers."
        let asked = try #require(ClarifyingQuestions.of(["spec": .string(spec)]))
        let content: JSONObject = [
            "users": "Piano teachers who offer lessons, and parents who book lessons for their children",
            "activities": "Teachers publish lessons with a price and weekly availability. Parents search teachers, book a lesson and pay for it. Teachers confirm or decline bookings.",
            "constraints": "Payments go through Stripe. Parents' data must stay private (GDPR). 2,000 teachers in the first year",
            "unasked": "ignored",
        ]
        let clarifications = asked.clarifications(fromContent: content)
        #expect(clarifications.count == asked.questions.count)
        var input: JSONObject = ["spec": .string(spec)]
        input["clarifications"] = .array(clarifications.map(\.json))
        let after = try #require(ClarifyingQuestions.of(input))
        #expect(after.questions.isEmpty, "\(after.questions.map(\.topic))")
        // The engine runs on the joined brief: the answers are in it, the key is not.
        let engineInput = try ClarifyingQuestions.engineInput(input)
        #expect(engineInput["clarifications"] == nil)
        let joined = try #require(engineInput["spec"]?.stringValue)
        #expect(joined.hasPrefix(spec) && joined.contains("Parents search teachers"))
        // The artifact records the answers and no assumptions.
        let record = ClarifyingQuestions.record(for: input)
        #expect(record["clarifications"]?.arrayValue?.count == clarifications.count)
        #expect(record["assumptions"] == nil)
        let strategy = try BuiltinEngine().run(.strategy, input: engineInput)
        let actors = Set((strategy["requirements"]?.objectValue?["functional"]?.arrayValue ?? []).compactMap { $0.objectValue?["actor"]?.stringValue })
        #expect(actors.contains { $0.lowercased().contains("parent") }, "\(actors)")
    }

    @Test func unansweredQuestionsBecomeListedAssumptions() throws {
        let record = ClarifyingQuestions.record(for: ["spec": "A marketplace where piano teachers offer lessons."])
        let assumptions = try #require(record["assumptions"]?.arrayValue)
        #expect(!assumptions.isEmpty)
        for assumption in assumptions {
            #expect(assumption.objectValue?["assumption"]?.stringValue?.isEmpty == false)
            #expect(assumption.objectValue?["question"]?.stringValue?.isEmpty == false)
        }
        #expect(record["clarifications"] == nil)
        // An empty or blank answer closes nothing.
        let asked = try #require(ClarifyingQuestions.of(["spec": "A marketplace where piano teachers offer lessons."]))
        #expect(asked.clarifications(fromContent: ["users": "  ", "activities": 3]).isEmpty)
    }

    /// A one-liner nobody answers questions about is built on its listed assumptions, not
    /// refused: the assumptions are joined to the brief as sentences the engine reads, and the
    /// artifact lists exactly those.
    @Test(arguments: [
        ("A marketplace for piano teachers.", ["teacher", "customer"]),
        ("A habit tracker.", ["user"]),
        ("A recipe organizer for busy parents", ["parent"]),
        ("An app for dog walkers", ["dog walker"]),
    ])
    func aThinBriefNobodyAnswersIsBuiltOnItsAssumptions(_ spec: String, actors: [String]) throws {
        let questions = try #require(ClarifyingQuestions.of(["spec": .string(spec)]))
        #expect(questions.buildsOnAssumptions)
        #expect(throws: AIOSError.self) { try BuiltinEngine().check(["spec": .string(spec)]) }
        let input = try ClarifyingQuestions.engineInput(["spec": .string(spec)])
        let joined = try #require(input["spec"]?.stringValue)
        #expect(joined.hasPrefix(spec))
        let strategy = try BuiltinEngine().run(.strategy, input: input)
        let requirementActors = Set((strategy["requirements"]?.objectValue?["functional"]?.arrayValue ?? []).compactMap { $0.objectValue?["actor"]?.stringValue })
        for actor in actors { #expect(requirementActors.contains(actor), "\(spec): \(requirementActors)") }
        let assumptions = (ClarifyingQuestions.record(for: ["spec": .string(spec)])["assumptions"]?.arrayValue ?? []).compactMap { $0.objectValue?["assumption"]?.stringValue }
        #expect(assumptions.count == 3)
        for assumption in assumptions.prefix(2) { #expect(joined.contains(assumption)) }
        // Answers given take the place of the assumptions for their topics.
        let answered = try ClarifyingQuestions.engineInput([
            "spec": .string(spec), "clarifications": [["topic": "users", "question": "Who?", "answer": "Teachers and parents."]],
        ])
        #expect(answered["spec"]?.stringValue?.contains(assumptions[0]) == false)
    }

    /// Gibberish is not a product name: it is asked about, and refused when nobody answers.
    @Test(arguments: ["asdf qwer zxcv", "lorem ipsum dolor"])
    func gibberishIsNotBuiltOnAssumptions(_ spec: String) throws {
        let questions = try #require(ClarifyingQuestions.of(["spec": .string(spec)]))
        #expect(!questions.buildsOnAssumptions)
        #expect(try ClarifyingQuestions.engineInput(["spec": .string(spec)])["spec"]?.stringValue == spec)
        #expect(throws: AIOSError.self) { try BuiltinEngine().check(try ClarifyingQuestions.engineInput(["spec": .string(spec)])) }
    }

    /// A readable brief, however thin, is never padded with assumed sentences.
    @Test func aReadableBriefIsNotPadded() throws {
        let spec = "A marketplace where piano teachers offer lessons."
        #expect(try ClarifyingQuestions.engineInput(["spec": .string(spec)])["spec"]?.stringValue == spec)
    }

    @Test func malformedClarificationsNameTheirPath() {
        #expect(throws: AIOSError.self) { try ClarifyingQuestions.engineInput(["spec": "x", "clarifications": [["question": "q"]]]) }
        do {
            _ = try ClarifyingQuestions.engineInput(["spec": "x", "clarifications": [["question": "q", "answer": "a"], 3]])
            Issue.record("accepted a malformed entry")
        } catch {
            #expect(error.details["path"] == "clarifications.1")
        }
    }
}
