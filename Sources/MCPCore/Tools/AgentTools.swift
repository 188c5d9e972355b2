/// The four agent tools: each runs one phase of an agent engine on a brief.
public enum AgentTools {
    /// The tools, in pipeline order, each running its phase on `engine`.
    public static func make(engine: any AgentEngine = BuiltinEngine()) -> [Tool] {
        var tools: [Tool] = []
        for phase in Phase.allCases {
            let metadata = metadata(for: phase)
            tools.append(Tool(
                name: phase.toolName, title: metadata.title, description: metadata.description,
                inputSchema: AgentSchemas.inputSchema(for: phase), outputSchema: AgentSchemas.outputSchema(for: phase),
                annotations: .init(readOnly: true, idempotent: true)
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

    private static func metadata(for phase: Phase) -> (title: String, description: String) {
        switch phase {
        case .strategy:
            ("Product strategy (@pm)",
             "Turn a product brief into PRD-style requirements: functional requirements (FR-n, MoSCoW priority, actor), non-functional requirements, constraints, personas, user stories, success metrics and a PRD in markdown. Use this first when the user describes a product idea; its output feeds the architecture, UX and code tools.")
        case .architecture:
            ("System architecture (@architect)",
             "Design the architecture for a brief: stack, data model (entities, fields, relationships), REST endpoints citing requirement ids, security (auth, row-level security), an OpenAPI 3.1 document and a PostgreSQL migration. Pass the strategize output as `requirements` for traceable requirement ids.")
        case .ux:
            ("UX design (@ux-design-expert)",
             "Design the UX for a brief: user flows per actor, pages with routes and components citing requirement ids, design tokens that meet WCAG AA contrast, accessibility checks and a component library. Pass `requirements` (and `architecture` if you have it) from the earlier tools.")
        case .code:
            ("Code scaffold (@dev)",
             "Generate a runnable project scaffold for a brief: package manifest, configuration, the SQL migration, typed models, data client, pages, route handlers and a README; with a work plan (`plan`: epics, stories and tasks with dependencies, also docs/tasks.md) and a readiness review (`review`: PASS, CONCERNS or FAIL with findings across the artifacts). Pass `requirements`, `architecture` and `ux_spec` from the earlier tools; `target_files` limits which files are produced.")
        }
    }
}
