import AIOSSystem

/// The product manager's questions about a thin brief, put to the person through the client
/// (MCP elicitation) by `aios_strategize` and `aios_full_pipeline`, and how their answers and
/// the assumptions made instead are shown.
public enum BriefQuestions {
    /// The key of the form in a 2026-07-28 `inputRequests` map.
    public static let formKey = "brief_questions"

    /// How long the handshake era waits for an answer: `AIOS_ELICITATION_TIMEOUT_SECONDS`
    /// (1–3600), 300 by default.
    public static let timeout: Duration = {
        guard let text = Environment.current()["AIOS_ELICITATION_TIMEOUT_SECONDS"], let seconds = Int(text), (1...3600).contains(seconds) else {
            return .seconds(300)
        }
        return .seconds(seconds)
    }()

    /// What asking gave.
    public struct Asked: Sendable {
        /// The arguments with the answers appended to `clarifications`.
        public var arguments: JSONObject
        /// The questions asked (nil when the brief needed none, or cannot be read).
        public var questions: ClarifyingQuestions?
        /// What came of asking (nil when nothing needed asking).
        public var outcome: ElicitationOutcome?
    }

    /// Asks the questions a thin brief raises, if any, and joins the answers to the arguments.
    ///
    /// - Parameter tool: The calling tool's name (binds a 2026-07-28 request state to it).
    /// - Throws: ``InputRequired`` on a 2026-07-28 first call; `-32602` for a bad request state.
    public static func ask(_ arguments: JSONObject, tool: String, context: RequestContext) async throws -> Asked {
        guard let questions = ClarifyingQuestions.of(arguments), !questions.questions.isEmpty else {
            return Asked(arguments: arguments, questions: nil, outcome: nil)
        }
        let form = ElicitationForm(key: formKey, message: questions.message, requestedSchema: questions.requestedSchema)
        let binding = tool + "\u{0}" + (arguments["spec"]?.stringValue ?? "")
        let outcome = try await context.elicit(form, binding: binding, timeout: timeout)
        context.logger.info("brief questions", [
            "questions": .integer(questions.questions.count), "outcome": .string(outcome.action),
        ])
        var arguments = arguments
        if case .accepted(let content) = outcome {
            let answers = questions.clarifications(fromContent: content)
            if !answers.isEmpty {
                let earlier = arguments[ClarifyingQuestions.inputKey]?.arrayValue ?? []
                arguments[ClarifyingQuestions.inputKey] = .array(earlier + answers.map(\.json))
            }
        }
        return Asked(arguments: arguments, questions: questions, outcome: outcome)
    }

    /// The `questions` member of the pipeline's result: what was asked and what came of it.
    static func json(_ asked: Asked) -> JSONValue? {
        guard let questions = asked.questions, let outcome = asked.outcome else { return nil }
        let answered = (try? ClarifyingQuestions.clarifications(in: asked.arguments))?.count ?? 0
        return [
            "asked": .strings(questions.questions.map(\.topic.rawValue)),
            "outcome": .string(outcome.action),
            "answered": .integer(answered),
            "explanation": .string(outcome.explanation),
        ]
    }

    /// Markdown lines on the answers and assumptions a strategy artifact records.
    static func lines(_ output: JSONObject) -> [String] {
        var lines: [String] = []
        let clarifications = output["clarifications"]?.arrayValue ?? []
        if !clarifications.isEmpty {
            lines += ["", "### Clarifications (joined to the brief)"]
            lines += clarifications.map { "- \(ArtifactSummary.clip($0["question"]?.stringValue ?? "", 140)) — **\(ArtifactSummary.clip($0["answer"]?.stringValue ?? "", 300))**" }
        }
        let assumptions = output["assumptions"]?.arrayValue ?? []
        if !assumptions.isEmpty {
            lines += ["", "### Assumptions (the brief does not say; pass `clarifications` or a fuller brief to change them)"]
            lines += assumptions.map { "- **\($0["topic"]?.stringValue ?? "?")**: \($0["assumption"]?.stringValue ?? "")" }
        }
        return lines
    }

    /// A sentence on what asking gave, before a summary.
    static func preface(_ asked: Asked) -> String? {
        guard let questions = asked.questions, let outcome = asked.outcome else { return nil }
        let topics = questions.questions.map(\.topic.rawValue).joined(separator: ", ")
        return "Questions about the brief (\(topics)): \(outcome.explanation)"
    }
}
