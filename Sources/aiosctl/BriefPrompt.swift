import MCPCore

/// `aiosctl submit`/`run` on a terminal ask the product manager's questions about a thin brief
/// at the prompt, as an MCP host with elicitation would; the answers join the brief
/// (`clarifications`). With `--no-input`, or when stdin is not a terminal, nothing is asked and
/// nothing waits: the assumptions are printed instead (and listed in the strategy artifact).
enum BriefPrompt {
    static let noInputOption = OptionSpec("no-input", help: "Never ask questions about a thin brief at the prompt; build on listed assumptions instead (the default when stdin is not a terminal).")

    /// Asks the questions `arguments` raises (on stderr, reading stdin) and returns the
    /// arguments with the answers appended; prints what stays assumed.
    ///
    /// - Parameter interactive: Whether asking is allowed (a terminal, and no `--no-input`).
    static func ask(_ arguments: JSONObject, interactive: Bool, json: Bool) -> JSONObject {
        guard let questions = ClarifyingQuestions.of(arguments), !questions.questions.isEmpty else { return arguments }
        var arguments = arguments
        if interactive {
            Console.message(questions.message)
            Console.message("(Press Enter to skip a question.)")
            var answers: [ClarifyingQuestions.Clarification] = []
            for question in questions.questions {
                Console.message("")
                Console.message("\(question.title): \(question.text)")
                Console.messageRaw("> ")
                guard let line = readLine(strippingNewline: true) else { break }
                let answer = line.trimmingSpaces()
                guard !answer.isEmpty else { continue }
                answers.append(.init(topic: question.topic, question: question.text, answer: String(answer.prefix(ClarifyingQuestions.maximumAnswerLength))))
            }
            if !answers.isEmpty {
                let earlier = arguments[ClarifyingQuestions.inputKey]?.arrayValue ?? []
                arguments[ClarifyingQuestions.inputKey] = .array(earlier + answers.map(\.json))
            }
        }
        // What is still open is built on assumptions: say which, on stderr (stdout is data).
        if !json, let open = ClarifyingQuestions.of(arguments)?.questions, !open.isEmpty {
            Console.message(interactive ? "Assumed for what was left unanswered:" : "The brief leaves things out; assumed (answer at a terminal without --no-input, or write them into the brief):")
            for question in open { Console.message("- \(question.topic.rawValue): \(question.assumption)") }
        }
        return arguments
    }

    /// Whether a command may ask: stdin is a terminal and `--no-input` was not given.
    static func interactive(_ parsed: ParsedCommand) -> Bool {
        !parsed.flag("no-input") && isatty(0) == 1 && parsed.argument("brief") != "-"
    }
}
