/// The four agents as MCP prompts: `pm`, `architect`, `ux-design-expert` and `dev`.
///
/// Each prompt sets the model up to work with one agent: which tool to call, with what, and
/// what to do with the result. `pm` takes a brief. The other three take a brief, or the
/// `job_id` of a pipeline job whose finished parent artifacts are embedded as resources (and
/// whose brief is used when none is given), plus the agent's own preference.
public enum AgentPrompts {
    /// The prompts, in pipeline order.
    public static func make(store: any JobStoreBackend, access: JobAccess = .unrestricted) -> [Prompt] {
        Phase.allCases.map { prompt(for: $0, store: store, access: access) }
    }

    /// The prompt's name: the agent's handle without `@`.
    public static func name(of phase: Phase) -> String { String(phase.agent.dropFirst()) }

    private static func preference(for phase: Phase) -> PromptArgument? {
        switch phase.pipelinePhase {
        case .strategy: nil
        case .architecture:
            PromptArgument(
                name: "stack_preference", title: "Stack", description: "Preferred stack: \(AgentSchemas.frameworks.joined(separator: " or ")).",
                required: false)
        case .ux:
            PromptArgument(
                name: "style_preference", title: "Visual style", description: "Visual style in your own words; the presets \(AgentSchemas.styles.joined(separator: ", ")) are recognised in it.",
                required: false)
        case .code:
            PromptArgument(
                name: "framework", title: "Framework", description: "Framework of the scaffold: \(AgentSchemas.frameworks.joined(separator: " or ")).",
                required: false)
        }
    }

    private static func arguments(for phase: Phase) -> [PromptArgument] {
        if phase == .strategy {
            return [
                PromptArgument(name: "brief", title: "Product brief", description: "The product described in natural language.", required: true),
                PromptArgument(name: "product_name", title: "Product name", description: "The product's name, if it has one.", required: false),
            ]
        }
        var arguments = [
            PromptArgument(
                name: "brief", title: "Product brief",
                description: "The product described in natural language (optional when job_id is given).", required: false),
            PromptArgument(
                name: "job_id", title: "Pipeline job",
                description: "A job from aios_full_pipeline whose finished \(phase.parents.map(\.rawValue).joined(separator: " and ")) artifact(s) to build on.",
                required: false),
        ]
        if let preference = preference(for: phase) { arguments.append(preference) }
        return arguments
    }

    private static func prompt(for phase: Phase, store: any JobStoreBackend, access: JobAccess) -> Prompt {
        let title: String
        switch phase.pipelinePhase {
        case .strategy: title = "Product strategy with @pm"
        case .architecture: title = "Architecture with @architect"
        case .ux: title = "UX design with @ux-design-expert"
        case .code: title = "Code scaffold with @dev"
        }
        return Prompt(
            name: name(of: phase), title: title,
            description: "Work with \(phase.agent) on the \(phase.rawValue): the prompt tells the model to call \(phase.toolName) and how to use its output.",
            arguments: arguments(for: phase),
            completer: { argument, value, _, _ in
                switch argument {
                case "job_id": try await JobResources.jobIDs(store: store, access: access, prefix: value)
                case "stack_preference", "framework": CompletionMethods.matching(AgentSchemas.frameworks, prefix: value)
                case "style_preference": CompletionMethods.matching(AgentSchemas.styles, prefix: value)
                default: []
                }
            },
            handler: { arguments, _ in try await render(phase, arguments: arguments, store: store, access: access) })
    }

    private static func render(_ phase: Phase, arguments: [String: String], store: any JobStoreBackend, access: JobAccess) async throws -> Prompt.Rendering {
        var brief = arguments["brief"].flatMap { $0.isEmpty ? nil : $0 }
        var embedded: [JSONObject] = []
        if let text = arguments["job_id"], !text.isEmpty {
            let id: JobID
            do { id = try JobID(validating: text) } catch { throw JSONRPCError.invalidParams(error.message, data: ["argument": "job_id"]) }
            let caller = try await access.caller(operation: "prompts/get")
            guard let job = JobAccess.visible(try await store.job(id), to: caller) else {
                throw JSONRPCError.invalidParams("No job \(id.rawValue)", data: ["argument": "job_id"])
            }
            if brief == nil { brief = job.request["spec"]?.stringValue }
            for parent in phase.parents {
                let artifact: JSONObject
                do {
                    artifact = try await store.artifact(id, phase: parent)
                } catch let error as AIOSError {
                    throw JSONRPCError.invalidParams(
                        "Job \(id.rawValue) cannot feed \(phase.agent): \(error.message)", data: ["argument": "job_id"])
                }
                let uri = JobResourceURI.artifact(id, parent, markdown: true)
                embedded.append([
                    "role": "user",
                    "content": [
                        "type": "resource",
                        "resource": ["uri": .string(uri.uri), "mimeType": .string(uri.mimeType), "text": .string(ArtifactMarkdown.render(parent, artifact))],
                    ],
                ])
            }
        }
        guard let brief else {
            throw JSONRPCError.invalidParams(
                "The \(name(of: phase)) prompt needs a brief or the job_id of a pipeline job", data: ["missing": ["brief", "job_id"]])
        }
        var messages = [Prompt.userText(instructions(phase, arguments: arguments, hasParents: !embedded.isEmpty))]
        messages += embedded
        messages.append(Prompt.userText("Product brief:\n\n" + brief))
        return Prompt.Rendering(description: "\(phase.agent) on the \(phase.rawValue) of this product", messages: messages)
    }

    private static func instructions(_ phase: Phase, arguments: [String: String], hasParents: Bool) -> String {
        let parents = hasParents ? " The finished \(phase.parents.map(\.rawValue).joined(separator: " and ")) artifact(s) of the job follow as resources; pass them along." : ""
        switch phase.pipelinePhase {
        case .strategy:
            let name = arguments["product_name"].map { " The product is called \($0)." } ?? ""
            return "You are working with @pm, aios's product manager agent.\(name) Call the aios_strategize tool with `spec` set to the product brief below (and `product_name` if given). If you can read the brief well yourself, also pass your reading as `analysis` (its shape is in the tool's input schema): aios then renders every artifact from your understanding, checks it, and answers with the exact problems if any. Then present the functional requirements by MoSCoW priority, the personas and the success metrics, and point out anything the brief leaves open. Its output is the `requirements` input of the architecture, UX and code tools."
        case .architecture:
            let stack = arguments["stack_preference"].map { " Use `stack_preference` \"\($0)\"." } ?? ""
            return "You are working with @architect, aios's software architect agent.\(parents) Call aios_design_architecture with `spec` set to the brief below and `requirements` set to the strategy output (call aios_strategize first if you have none).\(stack) Then summarise the stack, the data model and its relationships, and the endpoints with the requirement ids they serve; offer the SQL migration and the OpenAPI document."
        case .ux:
            let style = arguments["style_preference"].map { " Use `style_preference` \"\($0)\"." } ?? ""
            return "You are working with @ux-design-expert, aios's UX designer agent.\(parents) Call aios_design_ux with `spec` set to the brief below, `requirements` from the strategy and `architecture` if you have it.\(style) If you would rather write the pages, their copy and the user flows yourself, pass them as `ux_content` (its shape is in the tool's input schema): aios keeps the routes, components, tokens and contrast checks its own and checks your content against the requirements. Then walk through the user flows per actor and the pages with their routes, and report the design tokens with their WCAG contrast checks."
        case .code:
            let framework = arguments["framework"].map { " Use `framework` \"\($0)\"." } ?? ""
            return "You are working with @dev, aios's developer agent.\(parents) Call aios_generate_code with `spec` set to the brief below, `architecture` and `ux_spec` from the earlier agents.\(framework) Then list the generated files by purpose, the dependencies, and the setup steps to run the project."
        }
    }
}
