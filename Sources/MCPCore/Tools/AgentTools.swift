/// The four agent tools: each runs one phase of an agent engine on a brief.
public enum AgentTools {
    /// The tools, in pipeline order.
    ///
    /// - Parameters:
    ///   - engine: The engine the agents run on (each tool runs its phase on it).
    ///   - results: Where outputs are kept so that the results' resource links resolve
    ///     (``RecentResults``); without it (a one-shot CLI call) results carry no links.
    public static func make(engine: any AgentEngine = AgentEngines.builtin(), results: RecentResults? = nil) -> [Tool] {
        var tools: [Tool] = []
        for phase in Phase.allCases {
            let metadata = metadata(for: phase)
            if phase == .strategy {
                tools.append(strategize(engine: engine, results: results, title: metadata.title, description: metadata.description + Self.questions + Self.more))
                continue
            }
            tools.append(Tool(
                name: phase.toolName, title: metadata.title, description: metadata.description + Self.more,
                inputSchema: AgentSchemas.inputSchema(for: phase), outputSchema: AgentSchemas.outputSchema(for: phase),
                annotations: .init(readOnly: true, idempotent: true),
                present: { output, context in presentation(phase, output, results: results, caller: context.caller) }
            ) { arguments, context in
                try Task.checkCancellation()
                context.progress.report(0, total: 1, message: "\(phase.agent) is working on the \(phase.rawValue)")
                context.logger.debug("agent started", ["agent": .string(phase.agent)])
                let output = try await engine.run(phase, input: arguments, progress: AgentProgress { completed, total, message in
                    context.progress.report(completed, total: total, message: message)
                })
                try Task.checkCancellation()
                context.progress.report(1, total: 1, message: "\(phase.agent) finished the \(phase.rawValue)")
                context.logger.debug("agent finished", ["agent": .string(phase.agent)])
                return output
            })
        }
        return tools
    }

    /// `aios_strategize`: asks the questions a thin brief raises (``BriefQuestions``) before
    /// the product manager runs on the brief with the answers joined to it.
    static func strategize(engine: any AgentEngine, results: RecentResults?, title: String, description: String) -> Tool {
        let phase = Phase.strategy
        return Tool(
            name: phase.toolName, title: title, description: description,
            inputSchema: AgentSchemas.inputSchema(for: phase), outputSchema: AgentSchemas.outputSchema(for: phase),
            annotations: .init(readOnly: true, idempotent: true)
        ) { arguments, context in
            try Task.checkCancellation()
            let asked = try await BriefQuestions.ask(arguments, tool: phase.toolName, context: context)
            context.progress.report(0, total: 1, message: "\(phase.agent) is working on the \(phase.rawValue)")
            context.logger.debug("agent started", ["agent": .string(phase.agent)])
            let output = try await run(engine: engine, input: asked.arguments, progress: AgentProgress { completed, total, message in
                context.progress.report(completed, total: total, message: message)
            })
            try Task.checkCancellation()
            context.progress.report(1, total: 1, message: "\(phase.agent) finished the \(phase.rawValue)")
            context.logger.debug("agent finished", ["agent": .string(phase.agent)])
            var presentation = presentation(phase, output, results: results, caller: context.caller)
            if let preface = BriefQuestions.preface(asked) { presentation.text = preface + "\n\n" + presentation.text }
            return Tool.Response(structured: output, presentation: presentation)
        }
    }

    /// Runs the strategy phase on a brief with its `clarifications` joined, and records them and
    /// the assumptions made for what is still open in the artifact.
    static func run(engine: any AgentEngine, input: JSONObject, progress: AgentProgress = .ignored) async throws -> JSONObject {
        var output = try await engine.run(.strategy, input: try ClarifyingQuestions.engineInput(input), progress: progress)
        let record = ClarifyingQuestions.record(for: input)
        for (key, value) in record { output[key] = value }
        // The PRD says the same, so the markdown document is as true as the JSON.
        if !record.isEmpty, let prd = output["prd_markdown"]?.stringValue {
            output["prd_markdown"] = .string(prd + "\n" + BriefQuestions.lines(record).map { $0.hasPrefix("### ") ? String($0.dropFirst()) : $0 }.joined(separator: "\n") + "\n")
        }
        return output
    }

    /// What the strategy tool's description says about its questions.
    static let questions = " When the brief leaves out who uses the product, what they do or what must hold, and the client supports elicitation, the tool first asks up to three questions as one form; the answers join the brief and are recorded in `clarifications`. Otherwise (or when the user declines) the result lists its `assumptions`. You can also pass answers yourself as `clarifications`."

    /// What every agent tool's description says about its result.
    static let more = " An `analysis` argument (strategy content, see aios_strategize) or a strategize output that carries one is rendered as given. The result's text is a short markdown summary (ids, counts, key decisions); the complete output is in structuredContent, behind the result's resource links, and part by part (one file, the OpenAPI document, a page of a list) through aios_get_artifact with the result_id the summary names."

    /// The summary of an output and the links to all of it, once it is kept in `results`.
    static func presentation(_ phase: Phase, _ output: JSONObject, results: RecentResults?, caller: Caller) -> ToolPresentation {
        guard let results else { return ToolPresentation(text: ArtifactSummary.phase(phase, output, source: nil)) }
        let entry = results.record(phase, output: output, owner: caller.keyID)
        return ToolPresentation(
            text: "Result id: `\(entry.id)`\n\n" + ArtifactSummary.phase(phase, output, source: ("result_id", entry.id)),
            links: ResultResourceURI.links(entry.id, phase))
    }

    private static func metadata(for phase: Phase) -> (title: String, description: String) {
        switch phase.pipelinePhase {
        case .strategy:
            ("Product strategy (@pm)",
             "Turn a product brief into PRD-style requirements: functional requirements (FR-n, MoSCoW priority, actor), non-functional requirements, constraints, personas, user stories, success metrics and a PRD in markdown. Use this first when the user describes a product idea; its output feeds the architecture, UX and code tools. You may do the understanding yourself: pass `analysis`, your reading of the brief in the schema shown (actors, entities with fields and relations, requirements with actors and priorities, personas, stories); aios checks it (an unknown entity in a relation, a requirement without an actor, duplicate ids are refused with every problem listed) and renders every artifact from it, and the output carries it as `analysis` for the next tools.")
        case .architecture:
            ("System architecture (@architect)",
             "Design the architecture for a brief: stack, data model (entities, fields, relationships), REST endpoints citing requirement ids, security (auth, row-level security), an OpenAPI 3.1 document and a PostgreSQL migration. Pass the strategize output as `requirements` for traceable requirement ids.")
        case .ux:
            ("UX design (@ux-design-expert)",
             "Design the UX for a brief: user flows per actor, pages with routes and components citing requirement ids, design tokens that meet WCAG AA contrast, accessibility checks and a component library. Pass `requirements` (and `architecture` if you have it) from the earlier tools. `ux_content` hands in your own pages (purpose, sections, requirement ids, copy) and flows, in the schema the input shows, checked against the requirements and data model; with it no model is asked for the UX content (give `requirements` too, or a model engine still reads the brief first), and the tokens, components and checks are still aios's.")
        case .code:
            ("Code scaffold (@dev)",
             "Generate a runnable project scaffold for a brief: package manifest, configuration, the SQL migration, typed models, data client, pages, route handlers and a README; with a work plan (`plan`: epics, stories and tasks with dependencies, also docs/tasks.md) and a readiness review (`review`: PASS, CONCERNS or FAIL with findings across the artifacts). Pass `requirements`, `architecture` and `ux_spec` from the earlier tools; `target_files` limits which files are produced.")
        }
    }
}
