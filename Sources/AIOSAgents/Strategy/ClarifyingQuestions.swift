import AIOSJSON

/// The questions the product manager asks when a brief leaves out what the product needs: who
/// uses it, what they do, what must hold. At most three, as one form (a flat object of string
/// fields, which is what MCP elicitation accepts), and, for every gap the answers do not fill,
/// the assumption the artifacts are built on.
///
/// Deterministic, and read from ``BriefAnalysis``'s fields only: the analysis the builtin engine
/// makes of the brief (with the answers already given joined to it).
public struct ClarifyingQuestions: Sendable, Equatable {
    /// What a brief can leave out; the raw value is the form field's name.
    public enum Topic: String, Sendable, CaseIterable, Comparable {
        case users, activities, constraints

        public static func < (lhs: Topic, rhs: Topic) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Question: Sendable, Equatable {
        public var topic: Topic
        /// The field's title in the form.
        public var title: String
        /// The question as put to the person, with an example answer.
        public var text: String
        /// What the artifacts take as given when the question goes unanswered.
        public var assumption: String
    }

    /// An answer the person gave, as recorded in the strategy artifact.
    public struct Clarification: Sendable, Equatable {
        public var topic: Topic?
        public var question: String
        public var answer: String

        public init(topic: Topic?, question: String, answer: String) {
            self.topic = topic
            self.question = question
            self.answer = answer
        }

        public var json: JSONValue {
            var object: JSONObject = ["question": .string(question), "answer": .string(answer)]
            if let topic { object["topic"] = .string(topic.rawValue) }
            return .object(object)
        }
    }

    /// The product's name as the analysis read it.
    public var productName: String
    /// The questions, in topic order; empty when the brief says enough.
    public var questions: [Question]
    /// The brief is too thin to read without answers: what is left unanswered is joined to it
    /// as its assumption (``engineInput(_:)``), so the result is built on listed assumptions
    /// instead of being refused.
    public var buildsOnAssumptions = false

    /// The input key under which answers travel with a brief (tool arguments, a job's request).
    public static let inputKey = "clarifications"
    /// Answers longer than this are refused by the form's schema.
    public static let maximumAnswerLength = 1000

    /// The questions for a tool's arguments (`spec`, the other brief fields and any
    /// `clarifications` already given, which are joined to the brief first).
    ///
    /// - Returns: `nil` when the brief cannot be read at all (the engine refuses it with its
    ///   own error), else the questions (possibly none).
    public static func of(_ input: JSONObject) -> ClarifyingQuestions? {
        guard let clarifications = try? clarifications(in: input) else { return nil }
        var joined = input
        joined["spec"] = .string(join(input["spec"]?.stringValue ?? "", clarifications))
        guard let brief = try? Brief(input: joined), brief.spec.contains(where: { !$0.isWhitespace }), brief.spec.utf8.count <= 200_000 else {
            return nil
        }
        let answered = Set(clarifications.compactMap(\.topic))
        do {
            let analysis = try analyses.analysis(of: brief) { brief throws(AIOSError) in try BriefAnalyzer().analyze(brief) }
            return ClarifyingQuestions(analysis: analysis, answered: answered)
        } catch {
            // A brief too thin to build anything from ("a marketplace for piano teachers"):
            // the analyser says what is missing; ask for that. A brief in another language is
            // refused by the engine with its own error.
            guard let missing = error.details["missing"]?.arrayValue?.compactMap(\.stringValue), error.details["language"] == nil else { return nil }
            var gaps: [Topic] = []
            if missing.contains("actors or roles") { gaps.append(.users) }
            gaps += [.activities, .constraints]
            let name = brief.productName ?? "the product"
            let stand = ThinBrief(brief.spec)
            return ClarifyingQuestions(
                productName: name,
                questions: gaps.filter { !answered.contains($0) }.map { topic in
                    var question = Self.question(topic, product: name, actors: [], records: [], entities: [], budget: "startup")
                    // Unanswered, the assumption itself becomes part of the brief (see
                    // ``engineInput(_:)``), so it is written as sentences the engine reads.
                    switch topic {
                    case .users: question.assumption = stand?.users ?? question.assumption
                    case .activities: question.assumption = stand?.activities ?? question.assumption
                    case .constraints: break
                    }
                    return question
                },
                buildsOnAssumptions: stand != nil)
        }
    }

    /// What stands in for a brief too thin to read ("a marketplace for piano teachers", "a
    /// habit tracker") when its questions go unanswered: the audience the brief names after
    /// "for" (else users), and the record the product keeps (a marketplace's listings, the
    /// habits of a habit tracker, else items), put as plain sentences the engine can read.
    /// Only a brief that reads as the name of a product ("… for …", or a word such as app,
    /// tracker or marketplace) stands in; gibberish ("asdf qwer") stays refused.
    struct ThinBrief {
        var users: String
        var activities: String

        /// Words that name what kind of product a one-liner is.
        static let productWords: Set<String> = [
            "app", "application", "tool", "platform", "marketplace", "market", "service", "site", "website", "portal",
            "tracker", "planner", "journal", "log", "logger", "manager", "organizer", "organiser", "system", "dashboard",
            "directory", "catalog", "catalogue", "diary", "list", "library", "store", "shop", "network", "community", "bot",
            "assistant", "game", "saas", "crm", "hub",
        ]

        init?(_ spec: String) {
            var words = spec.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }).map(String.init)
            guard words.contains("for") || words.contains(where: Self.productWords.contains) else { return nil }
            if let first = words.first, ["a", "an", "the"].contains(first) { words.removeFirst() }
            var audience = "users"
            var head = words
            if let index = words.firstIndex(of: "for") {
                head = Array(words[..<index])
                let stops: Set<String> = ["who", "that", "which", "to", "with", "in", "on", "and", "or", "so"]
                var after = Array(words[(index + 1)...].prefix { !stops.contains($0) }.prefix(3))
                if let first = after.first, ["a", "an", "the", "my", "our", "their"].contains(first) { after.removeFirst() }
                if !after.isEmpty {
                    var phrase = after
                    phrase[phrase.count - 1] = Inflector.plural(Inflector.singular(phrase[phrase.count - 1]))
                    audience = phrase.joined(separator: " ")
                }
            }
            let keepers: Set<String> = ["tracker", "planner", "journal", "log", "manager", "organizer", "organiser", "catalog", "catalogue", "directory", "diary", "list", "library", "logger"]
            let who = audience.prefix(1).uppercased() + audience.dropFirst()
            if head.contains(where: { $0 == "marketplace" || $0 == "market" }) {
                users = "\(who) and their customers use the marketplace."
                activities = "\(who) publish listings with a title, a description and a price. Customers browse listings and book a listing. \(who) confirm or decline each booking."
                return
            }
            var record = "item"
            if head.count >= 2, let last = head.last, keepers.contains(last) { record = head[head.count - 2] }
            let records = Inflector.plural(record)
            users = "\(who) sign in and keep their own \(records)."
            activities = "\(who) create, edit and delete \(records). \(who) search and list their \(records)."
        }
    }

    /// The last few briefs' analyses: a call asks `of` for its questions and again (through
    /// `record`) for what stays assumed.
    private static let analyses = BriefAnalysisCache(capacity: 4)

    init(productName: String, questions: [Question], buildsOnAssumptions: Bool = false) {
        self.productName = productName
        self.questions = questions
        self.buildsOnAssumptions = buildsOnAssumptions
    }

    package init(analysis: BriefAnalysis, answered: Set<Topic> = []) {
        productName = analysis.productName
        questions = Self.gaps(in: analysis).filter { !answered.contains($0) }.map { topic in
            Self.question(
                topic, product: analysis.productName, actors: analysis.actors.map(\.term.phrase),
                records: analysis.entities.filter { $0.actor == nil }.prefix(3).map(\.term.pluralPhrase),
                entities: analysis.entities.prefix(4).map(\.term.pluralPhrase), budget: analysis.budgetTier)
        }
    }

    // MARK: - Detection

    /// What the brief leaves out, in topic order.
    package static func gaps(in analysis: BriefAnalysis) -> [Topic] {
        var gaps: [Topic] = []
        let brief = analysis.brief
        // Users: nobody is named — the analyser fell back to a generic "user" — and the brief's
        // fields name no audience either.
        let namedActors = analysis.actors.filter { $0.term.snake != "user" }
        let usersNamed = analysis.features.contains { !$0.source.isEmpty && $0.kind != .auth && $0.actor.snake == "user" }
        if namedActors.isEmpty && !usersNamed && brief.targetSegments.isEmpty && (brief.targetAudience ?? "").isEmpty {
            gaps.append(.users)
        }
        // What they do: fewer than two actions read from the brief's own sentences (the rest of
        // the requirements would be the engine's defaults for the records it found).
        let described = Set(analysis.features.filter { !$0.source.isEmpty && $0.kind != .auth }.map(\.statement))
        if described.count < 2 { gaps.append(.activities) }
        // What must hold: no quality, constraint, scale figure, integration, problem or metric.
        if analysis.qualities.isEmpty && analysis.constraints.isEmpty && analysis.scale.isEmpty && analysis.integrations.isEmpty
            && brief.keyProblems.isEmpty && brief.successMetrics.isEmpty
        {
            gaps.append(.constraints)
        }
        return gaps
    }

    private static func question(_ topic: Topic, product: String, actors: [String], records: [String], entities entityList: [String], budget: String) -> Question {
        let recordList = records.isEmpty ? "records" : StrategyAgent.list(records)
        switch topic {
        case .users:
            return Question(
                topic: .users, title: "Who uses it",
                text: "Who uses \(product)? Name each kind of user and how they differ, e.g. \"teachers who publish lessons; parents who book them for their children; an admin who approves teachers\".",
                assumption: "One kind of signed-in user (\(actors.isEmpty ? "user" : StrategyAgent.list(actors))) who manages their own \(recordList); no separate roles, approvals or second side of a marketplace.")
        case .activities:
            return Question(
                topic: .activities, title: "What they do",
                text: "What does each kind of user do in \(product)? The main tasks, one per line or sentence, e.g. \"Teachers set their weekly availability. Parents book a lesson and pay for it.\"",
                assumption: "Users create, view, edit and delete \(entityList.isEmpty ? "their records" : StrategyAgent.list(entityList)), and search and list them; no other workflows.")
        case .constraints:
            return Question(
                topic: .constraints, title: "What must hold",
                text: "What must \(product) guarantee? Rules, privacy or legal requirements, accessibility, expected scale, integrations (payments, sign-in) — e.g. \"GDPR; payments through Stripe; 2,000 teachers in the first year\".",
                assumption: "No rules beyond the defaults: sign-in with email, each user sees only their own data, WCAG 2.2 AA, a small scale (\(budget) budget) and no third-party integrations.")
        }
    }

    // MARK: - The form

    /// The `elicitation/create` form: one optional string field per question.
    public var requestedSchema: JSONObject {
        var properties = JSONObject()
        for question in questions {
            properties[question.topic.rawValue] = [
                "type": "string", "title": .string(question.title), "description": .string(question.text),
                "maxLength": .integer(Self.maximumAnswerLength),
            ]
        }
        return ["type": "object", "properties": .object(properties)]
    }

    /// The form's message.
    public var message: String {
        let topics = questions.map { question -> String in
            switch question.topic {
            case .users: "who uses it"
            case .activities: "what they do"
            case .constraints: "what must hold"
            }
        }
        return "The brief for \(productName) does not say \(StrategyAgent.list(topics)). Answer what you can: your answers join the brief. Anything left empty is assumed, and the result lists each assumption."
    }

    /// The `elicitation/create` params (form mode).
    public var elicitationParams: JSONObject {
        ["mode": "form", "message": .string(message), "requestedSchema": .object(requestedSchema)]
    }

    /// The answers in an accepted form's `content`: non-empty strings for asked topics, in topic
    /// order; anything else is ignored.
    public func clarifications(fromContent content: JSONObject) -> [Clarification] {
        questions.compactMap { question in
            guard let answer = content[question.topic.rawValue]?.stringValue?.trimmingWhitespace(), !answer.isEmpty else { return nil }
            return Clarification(topic: question.topic, question: question.text, answer: String(answer.prefix(Self.maximumAnswerLength)))
        }
    }

    // MARK: - Joining answers to the brief

    /// The `clarifications` of a tool's arguments or a job's request.
    ///
    /// - Throws: `AIOSError(.invalidInput)` naming the path of a malformed entry.
    public static func clarifications(in input: JSONObject) throws(AIOSError) -> [Clarification] {
        guard let value = input[inputKey], !value.isNull else { return [] }
        guard let array = value.arrayValue else {
            throw AIOSError(.invalidInput, "clarifications must be an array of {question, answer}", details: ["path": "clarifications"])
        }
        var result: [Clarification] = []
        for (index, item) in array.enumerated() {
            guard let object = item.objectValue, let question = object["question"]?.stringValue, let answer = object["answer"]?.stringValue else {
                throw AIOSError(.invalidInput, "clarifications[\(index)] must be an object with string question and answer",
                                details: ["path": .string("clarifications.\(index)")])
            }
            let topic = object["topic"]?.stringValue.flatMap(Topic.init(rawValue:))
            result.append(Clarification(topic: topic, question: question, answer: answer))
        }
        return result
    }

    /// The brief with the answers joined to it: each answer a paragraph of its own, as the
    /// person wrote it (ended as a sentence), so the analyser reads it like the rest of the brief.
    public static func join(_ spec: String, _ clarifications: [Clarification]) -> String {
        let answers = clarifications.map(\.answer).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !answers.isEmpty else { return spec }
        let paragraphs = answers.map { answer -> String in
            let ended = answer.last.map { ".!?".contains($0) } ?? true
            return ended ? answer : answer + "."
        }
        return spec + "\n\n" + paragraphs.joined(separator: "\n\n")
    }

    /// What an engine runs on: the brief with the answers joined, without `clarifications`.
    ///
    /// A brief too thin to read (a one-liner that names no one doing anything) also gets the
    /// assumptions of its unanswered questions joined, the same ones ``record(for:)`` lists.
    public static func engineInput(_ input: JSONObject) throws(AIOSError) -> JSONObject {
        let clarifications = try clarifications(in: input)
        var result = input
        result[inputKey] = nil
        guard let spec = input["spec"]?.stringValue else { return result }
        var joined = join(spec, clarifications)
        // Only a short brief can be too thin to read; a long one is not analysed twice here.
        if spec.utf8.count <= thinBriefLimit, let thin = of(input), thin.buildsOnAssumptions {
            joined = join(joined, thin.questions.filter { $0.topic != .constraints }.map {
                Clarification(topic: $0.topic, question: $0.text, answer: $0.assumption)
            })
        }
        if joined != spec { result["spec"] = .string(joined) }
        return result
    }

    /// Briefs longer than this many bytes are never treated as too thin to read.
    static let thinBriefLimit = 600

    /// The members a strategy artifact records: `clarifications` (the answers that joined the
    /// brief) and `assumptions` (each gap still open, and what was assumed for it); each only
    /// when it is not empty, so a rich brief's artifact is unchanged.
    public static func record(for input: JSONObject) -> JSONObject {
        let clarifications = (try? clarifications(in: input)) ?? []
        let open = of(input)?.questions ?? []
        var record = JSONObject()
        if !clarifications.isEmpty { record["clarifications"] = .array(clarifications.map(\.json)) }
        if !open.isEmpty {
            record["assumptions"] = .array(open.map { question in
                ["topic": .string(question.topic.rawValue), "question": .string(question.text), "assumption": .string(question.assumption)]
            })
        }
        return record
    }
}
